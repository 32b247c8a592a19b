import Testing
@testable import EvalKitMetrics

/// Bootstrap replicates of classification states: totals, zero cells, the Poisson bootstrap of
/// score runs, and agreement with a bootstrap of the rows themselves.
@Suite struct ResamplingTests {
    static func binaryState(tp: Int, fp: Int, fn: Int, tn: Int, missing: (Int, Int) = (0, 0)) -> ClassificationState {
        var state = ClassificationState(classCount: 2)
        for _ in 0..<tp { state.add(truth: 1, predicted: 1) }
        for _ in 0..<fp { state.add(truth: 0, predicted: 1) }
        for _ in 0..<fn { state.add(truth: 1, predicted: 0) }
        for _ in 0..<tn { state.add(truth: 0, predicted: 0) }
        for _ in 0..<missing.0 { state.add(truth: 0, predicted: -1) }
        for _ in 0..<missing.1 { state.add(truth: 1, predicted: -1) }
        return state
    }

    @Test func resampledCountsKeepTheTotalAndTheZeros() {
        var state = ClassificationState(classCount: 3, keepsScores: false)
        for (t, p, c) in [(0, 0, 500), (0, 2, 30), (1, 1, 200), (2, 0, 12), (2, 2, 90)] {
            for _ in 0..<c { state.add(truth: Int32(t), predicted: Int32(p)) }
        }
        for _ in 0..<25 { state.add(truth: 1, predicted: -1) }
        var g = Xoshiro256StarStar(seed: 1)
        var sums = [Double](repeating: 0, count: 12)
        for _ in 0..<2000 {
            let r = state.resampledCounts(using: &g)
            #expect(r.classCount == 3 && r.scores == nil)
            #expect(r.count == state.count)
            for t in 0..<3 {
                for p in 0..<3 {
                    if state.count(truth: t, predicted: p) == 0 { #expect(r.count(truth: t, predicted: p) == 0) }
                    sums[t * 3 + p] += Double(r.count(truth: t, predicted: p))
                }
                sums[9 + t] += Double(r.missing(truth: t))
            }
        }
        let missingMean: Double = sums[9 + 1] / 2000
        let missingError: Double = (25.0 / 2000).squareRoot()
        #expect(abs(missingMean - 25) < 4.5 * missingError)
        let cellMean: Double = sums[0] / 2000
        let cellError: Double = (500.0 * (1 - 500.0 / 857) / 2000).squareRoot()
        #expect(abs(cellMean - 500) < 4.5 * cellError)
    }

    @Test func resampledCountsIsReproducibleAndDropsScores() {
        var state = Self.binaryState(tp: 300, fp: 50, fn: 70, tn: 580)
        state.scores = ScoreRuns()
        state.addScore(0.3, positive: true)
        var a = Xoshiro256StarStar(seed: 77)
        var b = Xoshiro256StarStar(seed: 77)
        let x = state.resampledCounts(using: &a)
        let y = state.resampledCounts(using: &b)
        #expect(x.cells == y.cells && x.missingCells == y.missingCells)
        #expect(x.scores == nil)
    }

    @Test func jointResamplingOfSliceCells() {
        let cells = [
            Self.binaryState(tp: 120, fp: 30, fn: 40, tn: 310),
            Self.binaryState(tp: 10, fp: 3, fn: 2, tn: 50, missing: (1, 2)),
            Self.binaryState(tp: 0, fp: 0, fn: 0, tn: 0),
            Self.binaryState(tp: 900, fp: 100, fn: 80, tn: 2000),
        ]
        let total = cells.reduce(Int64(0)) { $0 + $1.count }
        var g = Xoshiro256StarStar(seed: 3)
        var sizes = [Double](repeating: 0, count: cells.count)
        var sizeSquares = 0.0
        let replicates = 3000
        for _ in 0..<replicates {
            let r = ClassificationState.resampledCounts(cells, using: &g)
            #expect(r.count == cells.count)
            #expect(r.reduce(Int64(0)) { $0 + $1.count } == total)
            #expect(r[2].count == 0)
            for i in r.indices { sizes[i] += Double(r[i].count) }
            sizeSquares += Double(r[0].count) * Double(r[0].count)
        }
        // Each cell's size varies as Binomial(total, size/total), as it does under the row bootstrap.
        for i in cells.indices {
            let p = Double(cells[i].count) / Double(total)
            let se = (Double(total) * p * (1 - p) / Double(replicates)).squareRoot()
            #expect(abs(sizes[i] / Double(replicates) - Double(cells[i].count)) <= 4.5 * se + 1e-9)
        }
        let mean0 = sizes[0] / Double(replicates)
        let variance0 = sizeSquares / Double(replicates) - mean0 * mean0
        let p0 = 500.0 / Double(total)
        let expectedVariance: Double = Double(total) * p0 * (1 - p0)
        #expect(abs(variance0 / expectedVariance - 1) < 0.12)
    }

    @Test func poissonReplicateOfScoresIsCanonicalAndUnbiased() {
        var state = ClassificationState(classCount: 2, keepsScores: true)
        var rows = SeededGenerator(seed: 5)
        for i in 0..<3000 {
            let positive = i % 3 == 0
            let score = Double(Int.random(in: 0..<400, using: &rows)) / 400 + (positive ? 0.2 : 0)
            state.add(truth: positive ? 1 : 0, predicted: score >= 0.5 ? 1 : 0)
            state.addScore(score, positive: positive)
        }
        let original = state.scores!.compacted()
        let auc = original.rocAUC()!
        var g = Xoshiro256StarStar(seed: 6)
        var totals = 0.0
        var aucs: [Double] = []
        for _ in 0..<400 {
            let r = state.resampledWithScores(using: &g)
            let runs = r.scores!
            #expect(runs.pendingCount == 0)
            #expect(runs.runs.allSatisfy { $0.positives + $0.negatives > 0 })
            #expect(runs.runKeys == runs.runKeys.sorted())
            totals += Double(runs.count)
            aucs.append(runs.rocAUC()!)
            #expect(r.count > 2500 && r.count < 3500)
        }
        let meanTotal: Double = totals / 400
        #expect(abs(meanTotal - 3000) < 4.5 * (3000.0 / 400).squareRoot())
        let meanAUC = aucs.reduce(0, +) / Double(aucs.count)
        #expect(abs(meanAUC - auc) < 0.005)
        // Pending scores are compacted first: same draws as from the compacted runs.
        var pending = state.scores!
        pending.add(0.123, positive: true)
        var a = Xoshiro256StarStar(seed: 8)
        var b = Xoshiro256StarStar(seed: 8)
        #expect(pending.poissonResampled(using: &a).runs == pending.compacted().poissonResampled(using: &b).runs)
    }

    @Test func fusedRankMetricsSeeTheSameReplicate() {
        var runs = ScoreRuns()
        var rows = SeededGenerator(seed: 15)
        for i in 0..<5000 {
            let positive = i % 4 == 0
            runs.add(Double(Int.random(in: 0..<900, using: &rows)) / 900 + (positive ? 0.15 : 0), positive: positive)
        }
        for seed in UInt64(0)..<20 {
            var a = Xoshiro256StarStar(seed: seed)
            var b = a
            let replicate = runs.poissonResampled(using: &a)
            let fused = runs.poissonRankMetrics(using: &b)
            #expect(a == b)
            #expect(fused.rocAUC == replicate.rocAUC())
            let ap = replicate.averagePrecision()!
            #expect(abs(fused.averagePrecision! - ap) <= 1e-14 * ap)
        }
        var only = ScoreRuns()
        only.add(0.5, positive: true)
        var g = Xoshiro256StarStar(seed: 1)
        let fused = only.poissonRankMetrics(using: &g)
        #expect(fused.rocAUC == nil)
    }

    /// The multinomial bootstrap of the cells and a plain bootstrap of the rows (indices drawn
    /// with replacement) give the same precision interval within Monte Carlo error: n = 5000,
    /// 2000 replicates each, endpoints within 0.01 (the interval is ≈ 0.045 wide).
    @Test func cellBootstrapAgreesWithRowBootstrap() {
        let (tp, fp, fn, tn) = (1150, 350, 500, 3000)
        let state = Self.binaryState(tp: tp, fp: fp, fn: fn, tn: tn)
        var rows: [UInt8] = []  // 0 tp, 1 fp, 2 fn, 3 tn
        for (code, c) in [(UInt8(0), tp), (1, fp), (2, fn), (3, tn)] { rows += Array(repeating: code, count: c) }
        let replicates = 2000
        var g = Xoshiro256StarStar(seed: 2024)
        var cellValues: [Double] = []
        for _ in 0..<replicates {
            let r = state.resampledCounts(using: &g)
            let t = Double(r.count(truth: 1, predicted: 1))
            cellValues.append(t / (t + Double(r.count(truth: 0, predicted: 1))))
        }
        var rowValues: [Double] = []
        var h = SeededGenerator(seed: 2025)
        rows.withUnsafeBufferPointer { rows in
            for _ in 0..<replicates {
                var counts = (0, 0)
                for _ in 0..<rows.count {
                    let code = rows[Int.random(in: 0..<rows.count, using: &h)]
                    if code == 0 { counts.0 += 1 } else if code == 1 { counts.1 += 1 }
                }
                rowValues.append(Double(counts.0) / Double(counts.0 + counts.1))
            }
        }
        let cells = Intervals.percentileInterval(cellValues, level: 0.95)!
        let direct = Intervals.percentileInterval(rowValues, level: 0.95)!
        #expect(abs(cells.lower - direct.lower) < 0.01, "\(cells) vs \(direct)")
        #expect(abs(cells.upper - direct.upper) < 0.01, "\(cells) vs \(direct)")
        let mean = { (v: [Double]) in v.reduce(0, +) / Double(v.count) }
        let sd = { (v: [Double]) in (v.map { ($0 - mean(v)) * ($0 - mean(v)) }.reduce(0, +) / Double(v.count)).squareRoot() }
        #expect(abs(sd(cellValues) / sd(rowValues) - 1) < 0.1)
    }

    /// The metrics the engine computes from a replicate are the ones of `ClassificationMetrics`.
    @Test func replicatesFeedTheMetrics() {
        let state = Self.binaryState(tp: 50, fp: 5, fn: 8, tn: 100, missing: (2, 1))
        let config = ClassificationConfig(labels: ["0", "1"], positive: 1)
        var g = Xoshiro256StarStar(seed: 12)
        let r = state.resampledCounts(using: &g)
        let metrics = ClassificationMetrics.compute(r, config).metrics
        let tp = Double(r.count(truth: 1, predicted: 1))
        let fp = Double(r.count(truth: 0, predicted: 1) + r.missing(truth: 0))
        #expect(metrics["precision"] == tp / (tp + fp))
        #expect(metrics["tp"]! + metrics["fp"]! + metrics["fn"]! + metrics["tn"]! == Double(state.count))
    }
}
