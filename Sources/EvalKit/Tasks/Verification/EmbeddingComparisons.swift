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
        /// Identification ranks are exact up to this (the largest rank or candidate list length);
        /// a mate ranked beyond it is recorded as ranked at depth + 1.
        var identificationDepth = 20
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

    /// Probe rows per block: 1,024 (OpenBLAS packs the gallery side once per call, so tall tiles
    /// spend less of their time packing: 140 GFLOP/s on this machine's 2 cores against 101 at 256
    /// rows, docs/performance.md).
    /// It depends only on the probe count (every shard and thread count blocks alike), with at
    /// least 8 blocks when there are more than 128 rows.
    static func rowsPerTile(probeRows: Int) -> Int { min(1024, max(16, probeRows / 8)) }

    /// Gallery columns per tile, so that a tile holds at most `tileFloats` scores.
    static func columnsPerTile(rows: Int) -> Int { max(16, tileFloats / max(1, rows)) }

    /// The blocks of probe rows this reading computes (all, or its shard's: every N-th block).
    static func blocks(_ input: Input) -> [Range<Int>] {
        let step = rowsPerTile(probeRows: input.probes.rows)
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
    /// `heldFraction`, the share of scores expected at or above the bound, sizes the workers'
    /// buffers once (no doubling of a large array). `progress` hears of every tile done, under
    /// `stage`.
    static func run(_ input: Input, blocks: [Range<Int>], bound: Float, mates: [[Int32]], heldFraction: Double = 0,
                    progress: ProgressReporter = .off, stage: String = "comparing embeddings") -> [Found] {
        BLAS.singleThreaded()
        let workers = max(1, min(input.threads.count, blocks.count))
        let tally = progress.isOn ? ProgressTally(progress, stage: stage, total: Int64(tileCount(input, blocks: blocks)), unit: .tiles) : nil
        return input.threads.map(workers) { w -> Found in
            var found = Found()
            let rowsOfWorker = stride(from: w, to: blocks.count, by: workers).reduce(0) { $0 + blocks[$1].count }
            found.held.reserveCapacity(Int(heldFraction * 1.05 * Double(rowsOfWorker) * Double(input.referenceRows)) + 1024)
            let rows = rowsPerTile(probeRows: input.probes.rows)
            var tile = [Float](repeating: 0, count: rows * columnsPerTile(rows: rows))
            for b in stride(from: w, to: blocks.count, by: workers) {
                scanBlock(input, rows: blocks[b], bound: bound, mates: mates, tile: &tile, into: &found, tally: tally)
            }
            return found
        }
    }

    /// The `sgemm` tiles of `blocks`: each block's column chunks (within one set, from the block's
    /// first row on).
    static func tileCount(_ input: Input, blocks: [Range<Int>]) -> Int {
        blocks.reduce(0) { sum, rows in
            let columns = input.referenceRows - (input.withinSet ? rows.lowerBound : 0)
            let width = columnsPerTile(rows: rows.count)
            return sum + max(0, (columns + width - 1) / width)
        }
    }

    /// Per probe row of a block, across its column chunks: the best mate score and the best
    /// `depth + 1` non-mate scores (identification).
    private struct RowSearch {
        var best = -Float.infinity
        var top: [Float] = []
        var floor = -Float.infinity

        /// Keeps the `capacity` largest scores seen.
        mutating func offer(_ v: Float, capacity: Int) {
            if top.count < capacity {
                top.append(v)
                if top.count == capacity { top.sort(); floor = top[0] }
            } else if v > floor {
                var i = 0
                while i + 1 < top.count && top[i + 1] < v { top[i] = top[i + 1]; i += 1 }
                top[i] = v
                floor = top[0]
            }
        }
    }

    /// One block of probe rows against the reference rows (within one set, the rows from the
    /// block's first row on), in column chunks: each chunk one `sgemm` tile, then one pass over
    /// each row of it.
    private static func scanBlock(_ input: Input, rows: Range<Int>, bound: Float, mates: [[Int32]], tile: inout [Float],
                                  into found: inout Found, tally: ProgressTally?) {
        let d = input.probes.columns
        let start = input.withinSet ? rows.lowerBound : 0
        let width = columnsPerTile(rows: rows.count)
        let reference = input.gallery?.values ?? input.probes.values
        var searches = [RowSearch](repeating: RowSearch(), count: input.identification ? rows.count : 0)
        let capacity = input.identificationDepth + 1
        searches.withUnsafeMutableBufferPointer { searchBuffer in
        input.probes.values.withUnsafeBufferPointer { p in
            reference.withUnsafeBufferPointer { g in
                tile.withUnsafeMutableBufferPointer { c in
                    let a = UnsafeBufferPointer(rebasing: p[(rows.lowerBound * d)..<(rows.upperBound * d)])
                    for first in stride(from: start, to: input.referenceRows, by: width) {
                        let columns = min(width, input.referenceRows - first)
                        let b = UnsafeBufferPointer(rebasing: g[(first * d)..<((first + columns) * d)])
                        BLAS.gemmTransposed(a, rows: rows.count, b, rows: columns, columns: d, into: c)
                        for i in rows {
                            let row = c.baseAddress! + (i - rows.lowerBound) * columns
                            // Within one set only the pairs (i, j > i) count.
                            let skip = input.withinSet ? min(columns, max(0, i + 1 - first)) : 0
                            scanRow(i, row: row, columns: columns, firstColumn: first, skip: skip, bound: bound, mates: mates[i],
                                    search: input.identification ? searchBuffer.baseAddress! + (i - rows.lowerBound) : nil,
                                    capacity: capacity, into: &found)
                        }
                        tally?.add()
                    }
                }
            }
        }
        }
        if input.identification {
            for i in rows {
                let search = searches[i - rows.lowerBound]
                let mated = !mates[i].isEmpty
                var above = 0, equal = 0
                for v in search.top { if v > search.best { above += 1 } else if v == search.best { equal += 1 } }
                // Every kept non-mate at or above the mate, and the list full: ranked beyond the depth.
                let beyond = mated && search.top.count == capacity && search.floor >= search.best
                found.searches.append(SearchRecord(
                    probe: Int32(i), subject: input.probeSubjects[i],
                    rank: mated ? (beyond ? Int32(capacity + 1) : Int32(above + 1)) : 0, ties: mated && !beyond ? Int32(equal) : 0,
                    mateScore: mated ? Double(search.best) : -.infinity,
                    topNonMateScore: Double(search.top.max() ?? -.infinity)))
            }
        }
    }

    /// One row of a tile: takes its mated scores in this chunk (then masks them with NaN), holds
    /// every other score at or above `bound`, and offers the non-mates to the row's search.
    @inline(__always)
    private static func scanRow(_ i: Int, row: UnsafeMutablePointer<Float>, columns: Int, firstColumn: Int, skip: Int, bound: Float,
                                mates: [Int32], search: UnsafeMutablePointer<RowSearch>?, capacity: Int, into found: inout Found) {
        for j in mates where Int(j) >= firstColumn + skip && Int(j) < firstColumn + columns {
            let t = Int(j) - firstColumn
            let v = row[t]
            found.genuine.append(HeldScore(score: v, probe: Int32(i), reference: j))
            if let search, v > search.pointee.best { search.pointee.best = v }
            row[t] = .nan
        }
        var t = skip
        let boundVector = SIMD16<Float>(repeating: bound)
        let raw = UnsafeMutableRawPointer(row)
        var floor = search?.pointee.floor ?? .infinity
        while t + 16 <= columns {
            let v = raw.loadUnaligned(fromByteOffset: t * 4, as: SIMD16<Float>.self)
            let keep = v .>= boundVector
            if any(keep) {
                for lane in 0..<16 where keep[lane] {
                    found.held.append(HeldScore(score: v[lane], probe: Int32(i), reference: Int32(firstColumn + t + lane)))
                }
            }
            if let search {
                let better = v .> SIMD16<Float>(repeating: floor)
                if any(better) {
                    for lane in 0..<16 where better[lane] { search.pointee.offer(v[lane], capacity: capacity) }
                    floor = search.pointee.floor
                }
            }
            t += 16
        }
        while t < columns {
            let v = row[t]
            if v >= bound { found.held.append(HeldScore(score: v, probe: Int32(i), reference: Int32(firstColumn + t))) }
            if let search, v > search.pointee.floor { search.pointee.offer(v, capacity: capacity) }
            t += 1
        }
    }

    /// The scores of every k-th probe row (about `sampleRows` rows, the same in every shard, so
    /// every shard holds by the same bound) against every reference row: non-mated and mated.
    static func sampleScores(_ input: Input, sampleRows: Int = 128) -> (impostors: [Float], genuine: [Float]) {
        let n = input.probes.rows, d = input.probes.columns
        guard n > 0 else { return ([], []) }
        let chosen = Array(stride(from: 0, to: n, by: max(1, n / sampleRows)))
        var values: [Float] = []
        values.reserveCapacity(chosen.count * d)
        for i in chosen { values += input.probes.values[(i * d)..<((i + 1) * d)] }
        var sample = input
        sample.probes = EmbeddingMatrix(rows: chosen.count, columns: d, values: values)
        sample.gallery = input.gallery ?? input.probes
        sample.probeSubjects = chosen.map { input.probeSubjects[$0] }
        sample.gallerySubjects = input.referenceSubjects
        sample.shard = nil
        sample.identification = false
        let found = run(sample, blocks: blocks(sample), bound: -.infinity, mates: mates(sample))
        return (found.flatMap { $0.held.map(\.score) }, found.flatMap { $0.genuine.map(\.score) })
    }

    /// A bound that holds about `coverage` of the non-mated scores judged by a sample of them,
    /// lowered by a margin for the sampling error; -infinity when that is (nearly) all of them.
    static func bound(holding coverage: Double, sample: [Float]) -> Float {
        guard coverage < 0.5, sample.count >= 1000 else { return -.infinity }
        let expected = coverage * Double(sample.count)
        let k = Int((expected * 1.1 + 4 * expected.squareRoot() + 64).rounded(.up))
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
