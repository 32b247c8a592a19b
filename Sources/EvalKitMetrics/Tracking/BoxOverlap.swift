/// Intersection over union of `x, y, w, h` boxes, computed operation for operation as the
/// references do, so that a pair at exactly the matching threshold falls on the same side.
public enum BoxOverlap {
    /// TrackEval's `_calculate_box_ious(gt, tracker, box_format='xywh')`: corners `x + w`,
    /// `y + h`; areas from the corners; an intersection is 0 where either area or the union is at
    /// most machine epsilon, and such a union counts as 1.
    ///
    /// Writes `gt.count/4 × tracker.count/4` values, row-major, into `out`.
    @inline(__always)
    public static func trackEval(gt: UnsafePointer<Double>, gtCount: Int, tracker: UnsafePointer<Double>, trackerCount: Int,
                                 into out: UnsafeMutablePointer<Double>) {
        let eps = Double.ulpOfOne
        for i in 0..<gtCount {
            let ax0 = gt[i * 4], ay0 = gt[i * 4 + 1]
            let ax1 = ax0 + gt[i * 4 + 2], ay1 = ay0 + gt[i * 4 + 3]
            let area1 = (ax1 - ax0) * (ay1 - ay0)
            let row = out + i * trackerCount
            for j in 0..<trackerCount {
                let bx0 = tracker[j * 4], by0 = tracker[j * 4 + 1]
                let bx1 = bx0 + tracker[j * 4 + 2], by1 = by0 + tracker[j * 4 + 3]
                var intersection = max(min(ax1, bx1) - max(ax0, bx0), 0) * max(min(ay1, by1) - max(ay0, by0), 0)
                let area2 = (bx1 - bx0) * (by1 - by0)
                var union = area1 + area2 - intersection
                if area1 <= eps || area2 <= eps || union <= eps { intersection = 0 }
                if union <= eps { union = 1 }
                row[j] = intersection / union
            }
        }
    }

    /// py-motmetrics' `boxiou` (`motmetrics.distances`), as `iou_matrix` uses it: sizes
    /// `max(max - min, 0)`, 0 when the intersection is 0. The caller applies its `1 - iou`.
    @inline(__always)
    public static func motmetrics(gt: UnsafePointer<Double>, gtCount: Int, tracker: UnsafePointer<Double>, trackerCount: Int,
                                  into out: UnsafeMutablePointer<Double>) {
        for i in 0..<gtCount {
            let ax0 = gt[i * 4], ay0 = gt[i * 4 + 1]
            let ax1 = ax0 + gt[i * 4 + 2], ay1 = ay0 + gt[i * 4 + 3]
            let aVolume = max(ax1 - ax0, 0) * max(ay1 - ay0, 0)
            let row = out + i * trackerCount
            for j in 0..<trackerCount {
                let bx0 = tracker[j * 4], by0 = tracker[j * 4 + 1]
                let bx1 = bx0 + tracker[j * 4 + 2], by1 = by0 + tracker[j * 4 + 3]
                let intersection = max(min(ax1, bx1) - max(ax0, bx0), 0) * max(min(ay1, by1) - max(ay0, by0), 0)
                let bVolume = max(bx1 - bx0, 0) * max(by1 - by0, 0)
                let union = aVolume + bVolume - intersection
                row[j] = intersection == 0 ? 0 : (union == 0 ? .nan : intersection / union)
            }
        }
    }
}
