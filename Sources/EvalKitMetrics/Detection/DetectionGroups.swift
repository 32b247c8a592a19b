/// The boxes of each (image, category) group of a detection evaluation, both sides, indexed once
/// so that any range of images can then be matched (`DetectionMatcher.match(_:images:…)`), by
/// several threads at once.
///
/// Group of (image, category) = image × K + category, K = the category count (at least 1).
/// Members keep file order; boxes of category -1 (absent from the ground truth) belong to none.
public struct DetectionGroups: Sendable {
    public let imageCount: Int
    /// K: the categories (at least 1).
    public let categoryCount: Int
    let truth: GroupIndex
    let detections: GroupIndex

    /// - Complexity: O(boxes + images × categories).
    public init(truth: DetectionBoxes, detections: DetectionBoxes, imageCount: Int, categoryCount: Int) {
        let K = max(categoryCount, 1)
        self.imageCount = imageCount
        self.categoryCount = K
        func key(_ boxes: DetectionBoxes, _ i: Int) -> Int {
            boxes.category[i] < 0 ? -1 : Int(boxes.image[i]) * K + Int(boxes.category[i])
        }
        self.truth = GroupIndex(count: imageCount * K, keys: (0..<truth.count).map { key(truth, $0) })
        self.detections = GroupIndex(count: imageCount * K, keys: (0..<detections.count).map { key(detections, $0) })
    }

    /// About the work of matching an image: per group, detections × (1 + boxes) + boxes (each
    /// detection is compared with each box; a detection with none to compare is cheap).
    public func work(of image: Int) -> Int {
        var total = 0
        for group in image * categoryCount..<(image + 1) * categoryCount {
            let d = detections.count(group), t = truth.count(group)
            total += d * (1 + t) + t
        }
        return total
    }

    /// `parts` consecutive ranges that cover the images in order, each holding about 1/`parts`
    /// of the matching work (`work(of:)`, as whole images allow; a range may be empty).
    public func ranges(_ parts: Int) -> [Range<Int>] {
        precondition(parts >= 1)
        var before = [0] // the work of the images before each
        before.reserveCapacity(imageCount + 1)
        for image in 0..<imageCount { before.append(before[image] + work(of: image)) }
        var bounds = [0]
        for part in 1..<parts {
            // The first image at or after the previous bound with that share of the work before it.
            var low = bounds[part - 1], high = imageCount
            let target = before[imageCount] * part / parts
            while low < high {
                let middle = (low + high) / 2
                if before[middle] < target { low = middle + 1 } else { high = middle }
            }
            bounds.append(low)
        }
        bounds.append(imageCount)
        return (0..<parts).map { bounds[$0]..<bounds[$0 + 1] }
    }
}

/// Members of each group, by a counting sort of their group keys (stable: file order kept).
/// A key of -1 leaves the element out.
struct GroupIndex: Sendable {
    private var starts: [Int32]
    private var members: [Int32]

    init(count: Int, keys: [Int]) {
        var starts = [Int32](repeating: 0, count: count + 1)
        for key in keys where key >= 0 { starts[key + 1] += 1 }
        for g in 0..<count { starts[g + 1] += starts[g] }
        var next = starts
        var members = [Int32](repeating: 0, count: Int(starts[count]))
        for (i, key) in keys.enumerated() where key >= 0 {
            members[Int(next[key])] = Int32(i)
            next[key] += 1
        }
        self.starts = starts
        self.members = members
    }

    /// The members of `group`.
    func count(_ group: Int) -> Int { Int(starts[group + 1] - starts[group]) }

    func members(_ group: Int) -> ArraySlice<Int32> {
        members[Int(starts[group])..<Int(starts[group + 1])]
    }

    /// The members of consecutive groups, group by group.
    func members(_ groups: Range<Int>) -> ArraySlice<Int32> {
        members[Int(starts[groups.lowerBound])..<Int(starts[groups.upperBound])]
    }
}
