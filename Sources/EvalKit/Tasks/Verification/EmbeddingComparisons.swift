import EvalKitData

/// The similarity stage of verification from embeddings: every probe row against every gallery
/// row (or every unordered pair of one set), computed tile by tile with OpenBLAS `sgemm`
/// (`BLAS.gemmTransposed`) and scanned while the tile is in cache. Memory is one tile per thread
/// (at most `tileFloats` scores) plus what is kept: every mated score, every non-mated score at or
/// above the bound, and one summary per 1:N search. Tiles are blocks of probe rows, so a shard
/// (`--shard i/N`) takes every N-th block and the shards' states merge into the single run's.
enum EmbeddingComparisons {
    /// Scores per tile (16 MiB of float32).
    static let tileFloats = 1 << 22

    struct Input {
        /// Probe embeddings (normalised for cosine similarity).
        var probes: EmbeddingMatrix
        /// Gallery embeddings; nil: every unordered pair of distinct probe rows.
        var gallery: EmbeddingMatrix?
        var probeSubjects: [Int32]
        var gallerySubjects: [Int32]
        var identification: Bool
        var shard: ShardSpec?
        var threads: Threads

        var withinSet: Bool { gallery == nil }
        var referenceRows: Int { gallery?.rows ?? probes.rows }
        var referenceSubjects: [Int32] { gallery == nil ? probeSubjects : gallerySubjects }
    }

    /// A non-mated score at or above the bound: probe row, reference row.
    struct HeldScore { var score: Float; var probe: Int32; var reference: Int32 }

    /// What the scans found (one worker's, or all workers' concatenated).
    struct Found {
        /// Mated scores: probe row, reference row.
        var genuine: [HeldScore] = []
        var held: [HeldScore] = []
        /// Per probe row: rank, ties, best mate score, best non-mate score.
        var searches: [SearchRecord] = []
    }

    static func rowsPerTile(referenceRows: Int) -> Int {
        max(1, min(256, tileFloats / max(1, referenceRows)))
    }

    /// The blocks of probe rows this reading computes (all, or its shard's: every N-th block).
    static func blocks(_ input: Input) -> [Range<Int>] {
        let step = rowsPerTile(referenceRows: input.referenceRows)
        var result: [Range<Int>] = []
        var b = 0
        for start in stride(from: 0, to: input.probes.rows, by: step) {
            if input.shard.map({ b % $0.count == $0.index }) ?? true {
                result.append(start..<min(input.probes.rows, start + step))
            }
            b += 1
        }
        return result
    }

    /// For each probe row, the reference rows of its subject (its mates; within one set only the
    /// later rows, since each unordered pair is compared once).
    static func mates(_ input: Input) -> [[Int32]] {
        var bySubject: [Int32: [Int32]] = [:]
        for (j, s) in input.referenceSubjects.enumerated() { bySubject[s, default: []].append(Int32(j)) }
        return input.probeSubjects.enumerated().map { i, s in
            let all = bySubject[s] ?? []
            return input.withinSet ? all.filter { Int($0) > i } : all
        }
    }

    /// Computes and scans the blocks on the input's threads; every non-mated score at or above
    /// `bound` is held. One `Found` per worker (not concatenated: they may be large).
    static func run(_ input: Input, blocks: [Range<Int>], bound: Float, mates: [[Int32]]) -> [Found] {
        BLAS.singleThreaded()
        let workers = max(1, min(input.threads.count, blocks.count))
        return input.threads.map(workers) { w -> Found in
            var found = Found()
            let rows = rowsPerTile(referenceRows: input.referenceRows)
            var tile = [Float](repeating: 0, count: rows * input.referenceRows)
            for b in stride(from: w, to: blocks.count, by: workers) {
                scanBlock(input, rows: blocks[b], bound: bound, mates: mates, tile: &tile, into: &found)
            }
            return found
        }
    }

    /// One tile: the product of the block's probe rows with the reference rows (within one set,
    /// the rows from the block's first row on), then one pass over each row.
    private static func scanBlock(_ input: Input, rows: Range<Int>, bound: Float, mates: [[Int32]], tile: inout [Float],
                                  into found: inout Found) {
        let d = input.probes.columns
        let firstColumn = input.withinSet ? rows.lowerBound : 0
        let columns = input.referenceRows - firstColumn
        let reference = input.gallery?.values ?? input.probes.values
        input.probes.values.withUnsafeBufferPointer { p in
            reference.withUnsafeBufferPointer { g in
                tile.withUnsafeMutableBufferPointer { c in
                    let a = UnsafeBufferPointer(rebasing: p[(rows.lowerBound * d)..<(rows.upperBound * d)])
                    let b = UnsafeBufferPointer(rebasing: g[(firstColumn * d)...])
                    BLAS.gemmTransposed(a, rows: rows.count, b, rows: columns, columns: d, into: c)
                    for i in rows {
                        let row = c.baseAddress! + (i - rows.lowerBound) * columns
                        // Within one set only the pairs (i, j > i) count.
                        let skip = input.withinSet ? i + 1 - firstColumn : 0
                        scanRow(i, row: row, columns: columns, firstColumn: firstColumn, skip: skip, bound: bound,
                                mates: mates[i], identification: input.identification, subject: input.probeSubjects[i],
                                into: &found)
                    }
                }
            }
        }
    }

    /// Takes the row's mated scores (then masks them with NaN), holds every other score at or
    /// above `bound`, and for identification counts the non-mated scores above and equal to the
    /// best mate score and finds the best non-mated score.
    @inline(__always)
    private static func scanRow(_ i: Int, row: UnsafeMutablePointer<Float>, columns: Int, firstColumn: Int, skip: Int, bound: Float,
                                mates: [Int32], identification: Bool, subject: Int32, into found: inout Found) {
        var best = -Float.infinity
        for j in mates {
            let t = Int(j) - firstColumn
            let v = row[t]
            found.genuine.append(HeldScore(score: v, probe: Int32(i), reference: j))
            if v > best { best = v }
            row[t] = .nan
        }
        var t = skip
        let boundVector = SIMD16<Float>(repeating: bound)
        let bestVector = SIMD16<Float>(repeating: best)
        var above = SIMD16<Int32>(repeating: 0)
        var equal = SIMD16<Int32>(repeating: 0)
        var top = SIMD16<Float>(repeating: -.infinity)
        let raw = UnsafeMutableRawPointer(row)
        while t + 16 <= columns {
            let v = raw.loadUnaligned(fromByteOffset: t * 4, as: SIMD16<Float>.self)
            let keep = v .>= boundVector
            if any(keep) {
                for lane in 0..<16 where keep[lane] {
                    found.held.append(HeldScore(score: v[lane], probe: Int32(i), reference: Int32(firstColumn + t + lane)))
                }
            }
            if identification {
                above &-= unsafeBitCast(v .> bestVector, to: SIMD16<Int32>.self)
                equal &-= unsafeBitCast(v .== bestVector, to: SIMD16<Int32>.self)
                top.replace(with: v, where: v .> top)
            }
            t += 16
        }
        var aboveCount = Int(above.wrappedSum()), equalCount = Int(equal.wrappedSum())
        var topScore = top.max()
        while t < columns {
            let v = row[t]
            if v >= bound { found.held.append(HeldScore(score: v, probe: Int32(i), reference: Int32(firstColumn + t))) }
            if identification {
                if v > best { aboveCount += 1 }
                if v == best { equalCount += 1 }
                if v > topScore { topScore = v }
            }
            t += 1
        }
        if identification {
            let mated = !mates.isEmpty
            found.searches.append(SearchRecord(probe: Int32(i), subject: subject, rank: mated ? Int32(aboveCount + 1) : 0,
                                               ties: mated ? Int32(equalCount) : 0,
                                               mateScore: mated ? Double(best) : -.infinity, topNonMateScore: Double(topScore)))
        }
    }

    /// The scores of every k-th block of probe rows (at most about `sampleRows` rows; the same
    /// rows in every shard, so every shard holds by the same bound): non-mated and mated.
    static func sampleScores(_ input: Input, mates: [[Int32]], sampleRows: Int = 128) -> (impostors: [Float], genuine: [Float]) {
        var sample = input
        sample.shard = nil
        sample.identification = false
        let all = blocks(sample)
        guard !all.isEmpty else { return ([], []) }
        let rowsPer = rowsPerTile(referenceRows: input.referenceRows)
        let wanted = max(1, sampleRows / rowsPer)
        let step = max(1, all.count / wanted)
        let chosen = stride(from: 0, to: all.count, by: step).map { all[$0] }
        let found = run(sample, blocks: chosen, bound: -.infinity, mates: mates)
        return (found.flatMap { $0.held.map(\.score) }, found.flatMap { $0.genuine.map(\.score) })
    }

    /// A bound that holds about `coverage` of the non-mated scores judged by a sample of them,
    /// lowered by a margin for the sampling error; -infinity when that is (nearly) all of them.
    static func bound(holding coverage: Double, sample: [Float]) -> Float {
        guard coverage < 0.5, sample.count >= 1000 else { return -.infinity }
        let expected = coverage * Double(sample.count)
        let k = Int((expected * 1.25 + 4 * expected.squareRoot() + 64).rounded(.up))
        guard k < sample.count else { return -.infinity }
        var values = sample
        return kthLargest(&values, k)
    }

    /// The k-th largest value (0-based), by quickselect; reorders `values`.
    static func kthLargest(_ values: inout [Float], _ k: Int) -> Float {
        var low = 0, high = values.count - 1
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        while low < high {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let pivot = values[low + Int((state >> 33) % UInt64(high - low + 1))]
            var i = low, j = high
            while i <= j {
                while values[i] > pivot { i += 1 }
                while values[j] < pivot { j -= 1 }
                if i <= j { values.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { high = j } else if k >= i { low = i } else { return values[k] }
        }
        return values[k]
    }
}
