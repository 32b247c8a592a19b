extension PSDS {
    /// The counts of one video at one operating point, by psds_eval's rules
    /// (`PSDSEval._evaluate_detections`, psds_eval 0.5.3), computed directly from the table.
    ///
    /// 1. DTC: a detection passes when the Kahan sum, over the ground truth of its class that it
    ///    intersects (in ground-truth order), of intersection / its length is ≥ `dtc`; a
    ///    detection intersecting no ground truth of its class never passes.
    /// 2. GTC: a ground-truth event is a true positive when DTC detections of its class
    ///    intersect it and the Kahan sum of intersection / its length over them (in detection
    ///    order) is ≥ `gtc`.
    /// 3. A detection failing the DTC is a false positive when it intersects the video
    ///    ([0, duration), duration > 0), and a cross-trigger on every other class j whose ground
    ///    truth covers ≥ `cttc` of it (the same sum). A DTC detection is neither, even when the
    ///    events it touches fail the GTC.
    ///
    /// Events with offset ≤ onset and labels outside 0 ..< classes are left out. psds_eval
    /// rejects overlapping events of one class; these counts apply the same sums to them
    /// (`PSDS.firstProblem(in:)` finds them).
    /// - Complexity: O((n + m) log m + intersecting pairs) for n detections and m reference events.
    public static func counts(reference: [TimedEvent], detections: [TimedEvent], duration: Double, classes: Int,
                              parameters: PSDSParameters) -> PSDSCounts {
        let gt = PSDSReferenceIndex(reference, classes: classes)
        var counts = PSDSCounts(classes: classes)
        (counts.references, counts.referenceSeconds) = gt.totals(classes: classes)
        counts.seconds = PSDSGeometry.worldSeconds(duration)

        let order = PSDSGeometry.ordered(onsets: detections.map(\.onset), offsets: detections.map(\.offset),
                                         labels: detections.map(\.label), classes: classes)
        // Pairs per detection (detection order), ground truth ascending.
        var pairs: [[Int]] = []
        pairs.reserveCapacity(order.count)
        var scratch: [Int] = []
        for i in order {
            gt.intersecting(onset: detections[i].onset, offset: detections[i].offset, into: &scratch)
            pairs.append(scratch)
        }

        // 1. DTC per detection.
        var passesDTC = [Bool](repeating: false, count: order.count)
        for (p, i) in order.enumerated() {
            let d = detections[i]
            var sum = PSDSGeometry.KahanSum()
            var any = false
            for g in pairs[p] where gt.labels[g] == d.label {
                any = true
                sum.add(PSDSGeometry.intersection(d.onset, d.offset, gt.onsets[g], gt.offsets[g]) / (d.offset - d.onset))
            }
            passesDTC[p] = any && sum.sum >= parameters.dtc
        }

        // 2. GTC per ground-truth event, over DTC detections in detection order.
        var coverage = [PSDSGeometry.KahanSum](repeating: PSDSGeometry.KahanSum(), count: gt.count)
        var covered = [Bool](repeating: false, count: gt.count)
        for (p, i) in order.enumerated() where passesDTC[p] {
            let d = detections[i]
            for g in pairs[p] where gt.labels[g] == d.label {
                covered[g] = true
                coverage[g].add(PSDSGeometry.intersection(d.onset, d.offset, gt.onsets[g], gt.offsets[g])
                                / (gt.offsets[g] - gt.onsets[g]))
            }
        }
        for g in 0..<gt.count where covered[g] && coverage[g].sum >= parameters.gtc {
            counts.truePositives[Int(gt.labels[g])] += 1
        }

        // 3. False positives and cross-triggers of the detections failing the DTC.
        for (p, i) in order.enumerated() where !passesDTC[p] {
            let d = detections[i]
            let c = Int(d.label)
            if PSDSGeometry.hitsWorld(onset: d.onset, offset: d.offset, duration: duration) {
                counts.falsePositives[c] += 1
            }
            var sums = [Int: PSDSGeometry.KahanSum]()
            for g in pairs[p] where gt.labels[g] != d.label {
                sums[Int(gt.labels[g]), default: PSDSGeometry.KahanSum()]
                    .add(PSDSGeometry.intersection(d.onset, d.offset, gt.onsets[g], gt.offsets[g]) / (d.offset - d.onset))
            }
            for (j, sum) in sums where sum.sum >= parameters.cttc {
                counts.crossTriggers[c * classes + j] += 1
            }
        }
        return counts
    }
}
