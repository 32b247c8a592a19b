/// The order of a `DetectionState`'s detections: by category, descending score, image, rank
/// (stable), the order in which the accumulation reads them.

extension DetectionState {
    /// Runs `body(0)`, …, `body(n − 1)` one after the other.
    public static func serially(_ n: Int, _ body: (Int) -> Void) {
        for i in 0..<n { body(i) }
    }

    /// Puts the detections in order. Done once per cell after matching, so each replicate (which
    /// keeps the order) needs no sort; records already in order are left as they are.
    ///
    /// The detections' keys are bucketed by category (a counting sort), then each category's are
    /// sorted; the categories are cut into up to `parts` consecutive runs of about equal
    /// detections, sorted, and their per-area words moved into place, each run by one body of a
    /// `concurrently(runs, body)` call (which may run its bodies at once: they touch disjoint
    /// records).
    /// - Complexity: O(n log(n / categories)).
    public mutating func sortDetections(parts: Int = 1, concurrently: (Int, (Int) -> Void) -> Void = serially) {
        let n = detectionCount
        func key(_ d: Int) -> DetectionOrderKey {
            DetectionOrderKey(category: detectionCategory[d], image: detectionImage[d], rank: detectionRank[d], index: Int32(d),
                              score: detectionScore[d])
        }
        guard (1..<max(n, 1)).contains(where: { !key($0 - 1).precedes(key($0)) }) else { return }
        // Bucket starts by category (from the lowest), and the keys bucketed in file order.
        let low = detectionCategory.min()!, high = detectionCategory.max()!
        var starts = [Int](repeating: 0, count: Int(high - low) + 2)
        for c in detectionCategory { starts[Int(c - low) + 1] += 1 }
        for c in starts.indices.dropFirst() { starts[c] += starts[c - 1] }
        var next = starts
        var keys = [DetectionOrderKey](repeating: key(0), count: n)
        for d in 0..<n {
            let c = Int(detectionCategory[d] - low)
            keys[next[c]] = key(d)
            next[c] += 1
        }
        // Runs of categories, and the records each fills.
        var bounds = [0]
        for part in 1..<max(parts, 1) {
            let target = n * part / parts
            bounds.append(max(bounds[part - 1], starts.firstIndex { $0 >= target }!))
        }
        bounds.append(starts.count - 1)
        let runs = zip(bounds, bounds.dropFirst()).map { $0..<$1 }.filter { !$0.isEmpty }
        let filled = runs.map { starts[$0.lowerBound]..<starts[$0.upperBound] }
        keys.withUnsafeMutableBufferPointer { keys in
            concurrently(runs.count) { run in
                for c in runs[run] {
                    var bucket = UnsafeMutableBufferPointer(rebasing: keys[starts[c]..<starts[c + 1]])
                    bucket.sort { $0.precedes($1) }
                }
            }
        }
        // The keys' columns in order; the other columns moved by position.
        let order = keys.map(\.index)
        detectionCategory = keys.map(\.category)
        detectionScore = keys.map(\.score)
        detectionImage = keys.map(\.image)
        detectionRank = keys.map(\.rank)
        matched = matched.gathered(order, stride: areaCount, parts: filled, concurrently: concurrently)
        ignored = ignored.gathered(order, stride: areaCount, parts: filled, concurrently: concurrently)
        if isWeighted { detectionWeight = detectionWeight.gathered(order, parts: filled, concurrently: concurrently) }
    }
}

/// A detection's place in `DetectionState.sortDetections`' order; `index` (its position) breaks
/// ties, so the order is the stable one whatever the sort.
struct DetectionOrderKey {
    var category: Int32
    var image: Int32
    var rank: Int32
    var index: Int32
    var score: Double

    @inline(__always) func precedes(_ other: DetectionOrderKey) -> Bool {
        if category != other.category { return category < other.category }
        if score != other.score { return score > other.score }
        if image != other.image { return image < other.image }
        if rank != other.rank { return rank < other.rank }
        return index < other.index
    }
}

extension Array {
    /// The elements at `order` (positions), in that order, `stride` elements a position; the
    /// ranges of `order` in `parts` are filled by `concurrently`'s bodies.
    func gathered(_ order: [Int32], stride: Int = 1, parts: [Range<Int>],
                  concurrently: (Int, (Int) -> Void) -> Void) -> [Element] {
        [Element](unsafeUninitializedCapacity: order.count * stride) { buffer, count in
            let target = buffer.baseAddress
            withUnsafeBufferPointer { source in
                order.withUnsafeBufferPointer { order in
                    concurrently(parts.count) { part in
                        for i in parts[part] {
                            for j in 0..<stride {
                                (target! + i * stride + j).initialize(to: source[Int(order[i]) * stride + j])
                            }
                        }
                    }
                }
            }
            count = order.count * stride
        }
    }
}
