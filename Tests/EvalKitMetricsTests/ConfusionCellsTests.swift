import Testing
@testable import EvalKitMetrics

/// The sparse confusion cells are the dense ones in another form: on random data, every count,
/// metric, per-class value, confusion entry, merge, growth and bootstrap replicate is identical
/// (exactly, not to a tolerance).
@Suite struct ConfusionCellsTests {
    /// Random rows over `k` classes: mostly right, some confused, some without a prediction.
    static func rows(k: Int, n: Int, seed: UInt64) -> [(Int32, Int32)] {
        var g = SeededGenerator(seed: seed)
        return (0..<n).map { _ in
            let t = Int32.random(in: 0..<Int32(k), using: &g)
            let r = Double.random(in: 0..<1, using: &g)
            let p: Int32 = r < 0.6 ? t : (r < 0.95 ? Int32.random(in: 0..<Int32(k), using: &g) : -1)
            return (t, p)
        }
    }

    /// A state of the given form holding `rows`.
    static func state(k: Int, sparse: Bool, rows: [(Int32, Int32)]) -> ClassificationState {
        var state = ClassificationState(classCount: k)
        state.cells = ConfusionCells(classCount: k, sparse: sparse)
        for (t, p) in rows { state.add(truth: t, predicted: p) }
        return state
    }

    static let classCounts = [2, 5, 64, 65, 300]

    @Test(arguments: classCounts)
    func countsAndMetricsAgree(k: Int) {
        let rows = Self.rows(k: k, n: 3000, seed: UInt64(k))
        let dense = Self.state(k: k, sparse: false, rows: rows)
        let sparse = Self.state(k: k, sparse: true, rows: rows)
        #expect(!dense.confusionCells.isSparse && sparse.confusionCells.isSparse)
        #expect(dense.cells == sparse.cells)
        for t in 0..<k {
            for p in 0..<k { #expect(dense.count(truth: t, predicted: p) == sparse.count(truth: t, predicted: p)) }
        }
        #expect(dense.count == sparse.count && dense.correctCount == sparse.correctCount)
        #expect(dense.missingCount == sparse.missingCount)
        let labels = (0..<k).map { "c\($0)" }
        let config = k == 2 ? ClassificationConfig(labels: labels, positive: 1) : ClassificationConfig(labels: labels)
        let a = ClassificationMetrics.compute(dense, config)
        let b = ClassificationMetrics.compute(sparse, config)
        #expect(differences(a, b, tolerance: 0) == [])
        #expect(a.confusion == b.confusion)
        // The confusion entries are the nonzero cells, in row-major order.
        let entries = a.confusion?.entries ?? []
        #expect(entries.allSatisfy { $0.count > 0 })
        #expect(zip(entries, entries.dropFirst()).allSatisfy { ($0.truth, $0.predicted) < ($1.truth, $1.predicted) })
    }

    /// Bootstrap replicates from the same seed are the same cells in both forms, one state or
    /// several drawn jointly.
    @Test(arguments: classCounts)
    func replicatesAgree(k: Int) {
        let rows = Self.rows(k: k, n: 2000, seed: UInt64(100 + k))
        let dense = Self.state(k: k, sparse: false, rows: rows)
        var sparse = Self.state(k: k, sparse: true, rows: rows)
        sparse.compact()
        var g1 = Xoshiro256StarStar(seed: 5)
        var g2 = Xoshiro256StarStar(seed: 5)
        for _ in 0..<20 {
            let x = dense.resampledCounts(using: &g1)
            let y = sparse.resampledCounts(using: &g2)
            #expect(x.cells == y.cells && x.missingCells == y.missingCells && x.count == dense.count)
        }
        let parts = [Array(rows[0..<700]), Array(rows[700...])]
        let denseParts = parts.map { Self.state(k: k, sparse: false, rows: $0) }
        let sparseParts = parts.map { Self.state(k: k, sparse: true, rows: $0) }
        let xs = ClassificationState.resampledCounts(denseParts, using: &g1)
        let ys = ClassificationState.resampledCounts(sparseParts, using: &g2)
        for (x, y) in zip(xs, ys) { #expect(x.cells == y.cells && x.missingCells == y.missingCells) }
        // Poisson replicates: a zero cell draws nothing either, so they agree too.
        let px = dense.resampledWithScores(using: &g1)
        let py = sparse.resampledWithScores(using: &g2)
        #expect(px.cells == py.cells && px.missingCells == py.missingCells)
    }

    /// Merging random parts in any order gives the state of all rows, in both forms; growing
    /// the class count keeps every count (and turns dense cells sparse above the limit).
    @Test func mergeAndGrowth() {
        let k = 90
        let rows = Self.rows(k: k, n: 5000, seed: 9)
        let whole = Self.state(k: k, sparse: false, rows: rows)
        for sparse in [false, true] {
            var merged = ClassificationState(classCount: k)
            merged.cells = ConfusionCells(classCount: k, sparse: sparse)
            for part in stride(from: 0, to: rows.count, by: 700).reversed() {
                merged.merge(Self.state(k: k, sparse: sparse, rows: Array(rows[part..<min(part + 700, rows.count)])))
            }
            #expect(merged.cells == whole.cells && merged.missingCells == whole.missingCells)
        }
        var small = Self.state(k: 40, sparse: false, rows: Self.rows(k: 40, n: 800, seed: 3))
        let before = small
        small.ensureClassCount(200)
        #expect(small.confusionCells.isSparse && small.classCount == 200)
        for t in 0..<40 {
            for p in 0..<40 { #expect(small.count(truth: t, predicted: p) == before.count(truth: t, predicted: p)) }
        }
        #expect(small.count == before.count)
    }

    /// The sparse form's memory follows the distinct pairs: 20,000 classes hold only the cells
    /// seen (a dense matrix would be 400 million cells).
    @Test func sparseMemoryFollowsThePairs() {
        var state = ClassificationState(classCount: 20_000)
        #expect(state.confusionCells.isSparse)
        for i in 0..<50_000 { state.add(truth: Int32(i % 20_000), predicted: Int32((i * 7) % 20_000)) }
        state.compact()
        #expect(state.cells.keys.count <= 50_000 && state.cells.pending.isEmpty)
        #expect(state.count == 50_000)
    }
}
