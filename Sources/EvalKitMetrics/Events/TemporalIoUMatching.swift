/// Temporal IoU and the matching of one video's predictions to its reference events, as
/// ActivityNet's `compute_average_precision_detection` (Evaluation/eval_detection.py of
/// github.com/activitynet/ActivityNet) matches them, with a fixed rule for ties
/// (docs/events/intervals.md, "Matching").
///
/// Per class, the video's predictions are visited in rank order (`rankOrder`); at each
/// threshold a prediction takes the reference event of its class and video that is not yet
/// taken at that threshold and has the highest tIoU with it, provided that tIoU is ≥ the
/// threshold (a true positive); otherwise it is a false positive. Equal tIoUs: the reference
/// event with the earlier onset, then the one listed first. Upstream orders equal tIoUs by
/// numpy's `argsort()[::-1]`, which is not specified (see the doc).
public enum TemporalIoU {
    /// ActivityNet's `segment_iou` for one pair, with its operations in its order (so a tIoU on
    /// a threshold compares as upstream's): intersection = max(min(offsets) − max(onsets), 0),
    /// union = (reference length + prediction length) − intersection, tIoU = intersection / union.
    /// Two zero-length events (union 0) give 0; upstream's 0/0 gives NaN, which its matching
    /// takes for a match at every threshold.
    @inlinable
    public static func of(onset: Double, offset: Double, reference r: TimedEvent) -> Double {
        let intersection = max(min(offset, r.offset) - max(onset, r.onset), 0)
        let union = (r.offset - r.onset) + (offset - onset) - intersection
        return union > 0 ? intersection / union : 0
    }

    /// The indices of `predictions` in rank order: score descending, then onset ascending, then
    /// input order. The order is total, so it does not depend on the sort algorithm.
    public static func rankOrder(_ predictions: [ScoredEvent]) -> [Int] {
        predictions.indices.sorted { a, b in
            let p = predictions[a], q = predictions[b]
            if p.score != q.score { return p.score > q.score }
            if p.onset != q.onset { return p.onset < q.onset }
            return a < b
        }
    }

    /// For each prediction of `ranked` (already in rank order), the mask of the thresholds at
    /// which it is a true positive (bit t for `thresholds[t]`). Labels must be in `0 ..< classes`.
    /// - Complexity: O(Σ_c P_c · G_c · (log G_c + T)) for P_c predictions and G_c reference events
    ///   of class c in the video.
    public static func matches(reference: [TimedEvent], ranked: [ScoredEvent], classes: Int, thresholds: [Double]) -> [UInt64] {
        precondition(thresholds.count <= TemporalIoUParameters.maximumThresholds, "at most 64 thresholds")
        var byClass = [[Int]](repeating: [], count: classes)
        for (j, r) in reference.enumerated() { byClass[Int(r.label)].append(j) }
        // Bit t of taken[j]: reference j is matched at threshold t.
        var taken = [UInt64](repeating: 0, count: reference.count)
        var hits = [UInt64](repeating: 0, count: ranked.count)
        var candidates: [(iou: Double, onset: Double, index: Int)] = []
        for (i, p) in ranked.enumerated() {
            candidates.removeAll(keepingCapacity: true)
            for j in byClass[Int(p.label)] {
                let iou = of(onset: p.onset, offset: p.offset, reference: reference[j])
                // Thresholds are > 0, so a tIoU of 0 never matches.
                if iou > 0 { candidates.append((iou, reference[j].onset, j)) }
            }
            if candidates.isEmpty { continue }
            candidates.sort { a, b in
                if a.iou != b.iou { return a.iou > b.iou }
                if a.onset != b.onset { return a.onset < b.onset }
                return a.index < b.index
            }
            for (t, threshold) in thresholds.enumerated() {
                let bit: UInt64 = 1 << UInt64(t)
                for c in candidates {
                    if c.iou < threshold { break }
                    if taken[c.index] & bit != 0 { continue }
                    taken[c.index] |= bit
                    hits[i] |= bit
                    break
                }
            }
        }
        return hits
    }
}
