/// Evaluates one sequence of one class: CLEAR MOT, Identity and HOTA exactly as TrackEval's
/// `CLEAR.eval_sequence`, `Identity.eval_sequence` and `HOTA.eval_sequence` (TrackEval 1.3.0),
/// or CLEAR and Identity under py-motmetrics' rules (`MotmetricsClear`), plus each ground-truth
/// track's outcome and every identity switch and fragmentation.
///
/// Every frame's assignment is SciPy's (`LinearAssignment`), so ties resolve as in the references.
/// When every positive score of a frame is alone in its row and column, every optimal assignment
/// pairs exactly those, and the solver is skipped. Buffers are reused from sequence to sequence.
public struct SequenceEvaluator {
    public let parameters: TrackingParameters
    var assignment = LinearAssignment()
    var score: [Double] = []
    var rowsOut: [Int32] = []
    var columnsOut: [Int32] = []
    var rowCount: [Int32] = []
    var columnCount: [Int32] = []

    public init(parameters: TrackingParameters) {
        self.parameters = parameters
    }

    /// The pairwise IoU of every frame: `similarity[offset[t] + i * trackers + j]`.
    struct Similarities {
        var offset: [Int]
        var values: [Double]
    }

    static func similarities(_ boxes: SequenceBoxes, conventions: TrackingParameters.Conventions) -> Similarities {
        var offset = [Int](repeating: 0, count: boxes.frames + 1)
        for t in 0..<boxes.frames { offset[t + 1] = offset[t] + boxes.gtRange(t).count * boxes.trackerRange(t).count }
        var values = [Double](repeating: 0, count: offset[boxes.frames])
        // py-motmetrics' loader moves X and Y by −1 (MATLAB's convention) before x + w is formed.
        func shifted(_ box: [Double]) -> [Double] {
            var copy = box
            for k in stride(from: 0, to: copy.count, by: 4) {
                copy[k] -= 1
                copy[k + 1] -= 1
            }
            return copy
        }
        let gtBoxes = conventions == .motmetrics ? shifted(boxes.gtBox) : boxes.gtBox
        let trackerBoxes = conventions == .motmetrics ? shifted(boxes.trackerBox) : boxes.trackerBox
        gtBoxes.withUnsafeBufferPointer { gt in
            trackerBoxes.withUnsafeBufferPointer { tracker in
                values.withUnsafeMutableBufferPointer { out in
                    for t in 0..<boxes.frames {
                        let g = boxes.gtRange(t), d = boxes.trackerRange(t)
                        guard !g.isEmpty, !d.isEmpty else { continue }
                        switch conventions {
                        case .trackeval:
                            BoxOverlap.trackEval(gt: gt.baseAddress! + g.lowerBound * 4, gtCount: g.count,
                                                 tracker: tracker.baseAddress! + d.lowerBound * 4, trackerCount: d.count,
                                                 into: out.baseAddress! + offset[t])
                        case .motmetrics:
                            BoxOverlap.motmetrics(gt: gt.baseAddress! + g.lowerBound * 4, gtCount: g.count,
                                                  tracker: tracker.baseAddress! + d.lowerBound * 4, trackerCount: d.count,
                                                  into: out.baseAddress! + offset[t])
                        }
                    }
                }
            }
        }
        return Similarities(offset: offset, values: values)
    }

    /// Evaluates `boxes` (one sequence, one class).
    public mutating func evaluate(_ boxes: SequenceBoxes, sequence: String, className: String) -> SequenceOutcome {
        // HOTA is TrackEval's in both conventions; CLEAR and Identity use py-motmetrics' IoU under its rules.
        let similarity = Self.similarities(boxes, conventions: .trackeval)
        let matching = parameters.conventions == .motmetrics ? Self.similarities(boxes, conventions: .motmetrics) : similarity
        var statistics = SequenceStatistics(sequence: sequence, className: className)
        statistics.frames = boxes.frames
        statistics.gtDets = boxes.gtDets
        statistics.trackerDets = boxes.trackerDets
        statistics.gtTracks = boxes.gtIdCount
        statistics.trackerTracks = boxes.trackerIdCount
        var tally = TrackTally(boxes, sequence: sequence, className: className)
        switch parameters.conventions {
        case .trackeval: clear(boxes, similarity, &statistics, &tally)
        case .motmetrics: motmetricsClear(boxes, matching, &statistics, &tally)
        }
        identity(boxes, matching, &statistics, &tally)
        hota(boxes, similarity, &statistics)
        return SequenceOutcome(statistics: statistics, tracks: tally.tracks(), events: tally.events)
    }

    // MARK: - Assignment

    /// The pairs (row order) of SciPy's maximum-score assignment of the `rows × columns` scores
    /// in `score`, among those with a score above `positive`.
    mutating func assign(rows: Int, columns: Int, positive: Double, into pairs: inout [(Int, Int)]) {
        pairs.removeAll(keepingCapacity: true)
        // Fast path: every positive score alone in its row and column.
        if rowCount.count < rows { rowCount = [Int32](repeating: 0, count: rows) }
        if columnCount.count < columns { columnCount = [Int32](repeating: 0, count: columns) }
        var isolated = true
        score.withUnsafeBufferPointer { s in
            rowCount.withUnsafeMutableBufferPointer { rc in
                columnCount.withUnsafeMutableBufferPointer { cc in
                    for i in 0..<rows { rc[i] = 0 }
                    for j in 0..<columns { cc[j] = 0 }
                    for i in 0..<rows {
                        for j in 0..<columns where s[i * columns + j] > positive {
                            rc[i] += 1
                            cc[j] += 1
                        }
                    }
                    for i in 0..<rows where rc[i] > 1 { isolated = false; break }
                    if isolated { for j in 0..<columns where cc[j] > 1 { isolated = false; break } }
                }
            }
        }
        if isolated {
            for i in 0..<rows where rowCount[i] == 1 {
                for j in 0..<columns where score[i * columns + j] > positive { pairs.append((i, j)) }
            }
            return
        }
        score.withUnsafeBufferPointer { s in
            assignment.maximize(UnsafeBufferPointer(rebasing: s[0..<(rows * columns)]), rows: rows, columns: columns,
                                rowsOut: &rowsOut, columnsOut: &columnsOut)
        }
        for k in rowsOut.indices {
            let i = Int(rowsOut[k]), j = Int(columnsOut[k])
            if score[i * columns + j] > positive { pairs.append((i, j)) }
        }
    }

    // MARK: - CLEAR (TrackEval)

    /// TrackEval's `CLEAR.eval_sequence`: per frame, the previous frame's pairs weigh 1000 more,
    /// pairs below the threshold may not match; IDSW counts a match to another tracker than the
    /// object's last; MT above 80% of its frames tracked, PT at 20% or more; Frag counts each
    /// object's tracked stretches after the first.
    mutating func clear(_ boxes: SequenceBoxes, _ similarity: Similarities, _ s: inout SequenceStatistics, _ tally: inout TrackTally) {
        if boxes.trackerDets == 0 {
            s.clearFN = boxes.gtDets
            s.mostlyLost = boxes.gtIdCount
            s.clearEmpty = true
            return
        }
        if boxes.gtDets == 0 {
            s.clearFP = boxes.trackerDets
            s.clearEmpty = true
            return
        }
        let eps = Double.ulpOfOne
        let threshold = parameters.threshold
        var gtMatched = [Int](repeating: 0, count: boxes.gtIdCount)
        var gtStarts = [Int](repeating: 0, count: boxes.gtIdCount)
        var previousTracker = [Int32](repeating: -1, count: boxes.gtIdCount)
        var previousStepTracker = [Int32](repeating: -1, count: boxes.gtIdCount)
        var tracked: [Int32] = []
        var pairs: [(Int, Int)] = []
        for t in 0..<boxes.frames {
            let g = boxes.gtRange(t), d = boxes.trackerRange(t)
            if g.isEmpty { s.clearFP += d.count; continue }
            if d.isEmpty { s.clearFN += g.count; continue }
            let rows = g.count, columns = d.count
            if score.count < rows * columns { score = [Double](repeating: 0, count: rows * columns) }
            let base = similarity.offset[t]
            score.withUnsafeMutableBufferPointer { score in
                similarity.values.withUnsafeBufferPointer { values in
                    for i in 0..<rows {
                        let last = previousStepTracker[Int(boxes.gtId[g.lowerBound + i])]
                        for j in 0..<columns {
                            let sim = values[base + i * columns + j]
                            let continued: Double = last >= 0 && boxes.trackerId[d.lowerBound + j] == last ? 1000 : 0
                            score[i * columns + j] = sim < threshold - eps ? 0 : continued + sim
                        }
                    }
                }
            }
            assign(rows: rows, columns: columns, positive: eps, into: &pairs)
            var frameSum = 0.0, frameDistance = 0.0
            for (i, j) in pairs {
                let row = g.lowerBound + i
                let gt = Int(boxes.gtId[row]), tracker = boxes.trackerId[d.lowerBound + j]
                if previousTracker[gt] >= 0 && previousTracker[gt] != tracker {
                    s.idSwitches += 1
                    tally.event(.idSwitch, row: row, frame: t, before: previousTracker[gt], after: tracker)
                }
                gtMatched[gt] += 1
                tally.matched(row: row)
                let sim = similarity.values[base + i * columns + j]
                frameSum += sim
                frameDistance += 1 - sim
            }
            // Tracked now but not at the previous step: a new stretch (a fragmentation after the first).
            for (i, j) in pairs {
                let row = g.lowerBound + i
                let gt = Int(boxes.gtId[row])
                if previousStepTracker[gt] < 0 {
                    if gtStarts[gt] > 0 {
                        tally.event(.fragmentation, row: row, frame: t, before: previousTracker[gt], after: boxes.trackerId[d.lowerBound + j])
                    }
                    gtStarts[gt] += 1
                }
            }
            for gt in tracked { previousStepTracker[Int(gt)] = -1 }
            tracked.removeAll(keepingCapacity: true)
            for (i, j) in pairs {
                let gt = boxes.gtId[g.lowerBound + i], tracker = boxes.trackerId[d.lowerBound + j]
                previousTracker[Int(gt)] = tracker
                previousStepTracker[Int(gt)] = tracker
                tracked.append(gt)
            }
            s.clearTP += pairs.count
            s.clearFN += rows - pairs.count
            s.clearFP += columns - pairs.count
            if !pairs.isEmpty {
                s.motpSum += frameSum
                s.motpDistanceSum += frameDistance
            }
        }
        var gtCount = [Int](repeating: 0, count: boxes.gtIdCount)
        for id in boxes.gtId { gtCount[Int(id)] += 1 }
        for gt in 0..<boxes.gtIdCount where gtCount[gt] > 0 {
            let ratio = Double(gtMatched[gt]) / Double(gtCount[gt])
            if ratio > 0.8 { s.mostlyTracked += 1 } else if ratio >= 0.2 { s.partiallyTracked += 1 }
        }
        s.mostlyLost = boxes.gtIdCount - s.mostlyTracked - s.partiallyTracked
        s.fragmentations = gtStarts.reduce(0) { $0 + max($1 - 1, 0) }
        s.clearFrames = boxes.frames
    }

    // MARK: - Identity

    /// TrackEval's `Identity.eval_sequence`: pairs at or above the threshold in a frame are
    /// potential matches; one tracker id per object maximising the frames they match (IDTP), by
    /// the assignment of the objects to the tracker ids. TrackEval solves it on the
    /// (objects + trackers)² cost matrix of IDFN + IDFP, whose minimum is the total boxes of both
    /// sides less twice the maximum IDTP: the same optimum.
    mutating func identity(_ boxes: SequenceBoxes, _ similarity: Similarities, _ s: inout SequenceStatistics, _ tally: inout TrackTally) {
        guard boxes.trackerDets > 0, boxes.gtDets > 0 else {
            s.idfn = boxes.gtDets
            s.idfp = boxes.trackerDets
            return
        }
        let threshold = parameters.threshold
        let motmetrics = parameters.conventions == .motmetrics
        let gtIds = boxes.gtIdCount, trackerIds = boxes.trackerIdCount
        var potential = [Double](repeating: 0, count: gtIds * trackerIds)
        for t in 0..<boxes.frames {
            let g = boxes.gtRange(t), d = boxes.trackerRange(t)
            guard !g.isEmpty, !d.isEmpty else { continue }
            let base = similarity.offset[t]
            for i in 0..<g.count {
                let gt = Int(boxes.gtId[g.lowerBound + i])
                for j in 0..<d.count where Self.identityMatch(similarity.values[base + i * d.count + j], threshold, motmetrics) {
                    potential[gt * trackerIds + Int(boxes.trackerId[d.lowerBound + j])] += 1
                }
            }
        }
        // Objects and tracker ids without any potential match add nothing to IDTP whatever they are
        // paired with, so the assignment runs on the others only (the same optimum).
        var rowUsed = [Bool](repeating: false, count: gtIds), columnUsed = [Bool](repeating: false, count: trackerIds)
        for gt in 0..<gtIds {
            for tracker in 0..<trackerIds where potential[gt * trackerIds + tracker] > 0 {
                rowUsed[gt] = true
                columnUsed[tracker] = true
            }
        }
        let rowList = (0..<gtIds).filter { rowUsed[$0] }, columnList = (0..<trackerIds).filter { columnUsed[$0] }
        var reduced = [Double](repeating: 0, count: rowList.count * columnList.count)
        for (i, gt) in rowList.enumerated() {
            for (j, tracker) in columnList.enumerated() { reduced[i * columnList.count + j] = potential[gt * trackerIds + tracker] }
        }
        reduced.withUnsafeBufferPointer { p in
            assignment.maximize(p, rows: rowList.count, columns: columnList.count, rowsOut: &rowsOut, columnsOut: &columnsOut)
        }
        var assigned = [Int32](repeating: -1, count: gtIds)
        var idtp = 0.0
        for k in rowsOut.indices {
            let gt = rowList[Int(rowsOut[k])], tracker = columnList[Int(columnsOut[k])]
            let count = potential[gt * trackerIds + tracker]
            if count > 0 { assigned[gt] = Int32(tracker) }
            idtp += count
        }
        s.idtp = Int(idtp)
        s.idfn = boxes.gtDets - s.idtp
        s.idfp = boxes.trackerDets - s.idtp
        // Each object's boxes matched by its identity tracker.
        for t in 0..<boxes.frames {
            let g = boxes.gtRange(t), d = boxes.trackerRange(t)
            guard !g.isEmpty, !d.isEmpty else { continue }
            let base = similarity.offset[t]
            for i in 0..<g.count {
                let row = g.lowerBound + i
                let want = assigned[Int(boxes.gtId[row])]
                guard want >= 0 else { continue }
                for j in 0..<d.count where boxes.trackerId[d.lowerBound + j] == want {
                    if Self.identityMatch(similarity.values[base + i * d.count + j], threshold, motmetrics) { tally.identityMatched(row: row) }
                }
            }
        }
    }

    /// TrackEval: IoU ≥ threshold; py-motmetrics: distance 1 − IoU ≤ 1 − threshold (its `distth`).
    @inline(__always)
    static func identityMatch(_ iou: Double, _ threshold: Double, _ motmetrics: Bool) -> Bool {
        motmetrics ? (1 - iou) <= 1 - threshold : iou >= threshold
    }

    // MARK: - HOTA

    /// TrackEval's `HOTA.eval_sequence`: the global alignment score of every object–tracker pair
    /// (their IoU-weighted co-occurrence over their union of frames) weighs each frame's
    /// assignment; at each alpha, pairs with IoU ≥ alpha are true positives; AssA, AssRe and AssPr
    /// average each true positive's pair association score.
    mutating func hota(_ boxes: SequenceBoxes, _ similarity: Similarities, _ s: inout SequenceStatistics) {
        let alphas = TrackingParameters.alphas
        let a = alphas.count
        s.hotaTP = [Int](repeating: 0, count: a)
        s.hotaFN = [Int](repeating: 0, count: a)
        s.hotaFP = [Int](repeating: 0, count: a)
        s.assA = [Double](repeating: 0, count: a)
        s.assRe = [Double](repeating: 0, count: a)
        s.assPr = [Double](repeating: 0, count: a)
        if boxes.trackerDets == 0 || boxes.gtDets == 0 {
            if boxes.trackerDets == 0 { s.hotaFN = [Int](repeating: boxes.gtDets, count: a) } else {
                s.hotaFP = [Int](repeating: boxes.trackerDets, count: a)
            }
            s.locA = [Double](repeating: 1, count: a)
            return
        }
        let eps = Double.ulpOfOne
        let gtIds = boxes.gtIdCount, trackerIds = boxes.trackerIdCount
        var potential = [Double](repeating: 0, count: gtIds * trackerIds)
        var gtCount = [Double](repeating: 0, count: gtIds)
        var trackerCount = [Double](repeating: 0, count: trackerIds)
        var rowSum: [Double] = [], columnSum: [Double] = []
        for t in 0..<boxes.frames {
            let g = boxes.gtRange(t), d = boxes.trackerRange(t)
            for row in g { gtCount[Int(boxes.gtId[row])] += 1 }
            for column in d { trackerCount[Int(boxes.trackerId[column])] += 1 }
            guard !g.isEmpty, !d.isEmpty else { continue }
            let base = similarity.offset[t], columns = d.count
            rowSum.removeAll(keepingCapacity: true)
            columnSum.removeAll(keepingCapacity: true)
            columnSum.append(contentsOf: repeatElement(0, count: columns))
            for i in 0..<g.count {
                var sum = 0.0
                for j in 0..<columns {
                    let v = similarity.values[base + i * columns + j]
                    sum += v
                    columnSum[j] += v
                }
                rowSum.append(sum)
            }
            for i in 0..<g.count {
                let gt = Int(boxes.gtId[g.lowerBound + i])
                for j in 0..<columns {
                    let v = similarity.values[base + i * columns + j]
                    let denominator = columnSum[j] + rowSum[i] - v
                    if denominator > eps { potential[gt * trackerIds + Int(boxes.trackerId[d.lowerBound + j])] += v / denominator }
                }
            }
        }
        // Global alignment score; compact indices of the pairs that can match.
        var alignment = [Double](repeating: 0, count: gtIds * trackerIds)
        var pairIndex = [Int32](repeating: -1, count: gtIds * trackerIds)
        var pairGt: [Int32] = [], pairTracker: [Int32] = []
        for gt in 0..<gtIds {
            for tracker in 0..<trackerIds {
                let p = potential[gt * trackerIds + tracker]
                alignment[gt * trackerIds + tracker] = p / (gtCount[gt] + trackerCount[tracker] - p)
                if p > 0 {
                    pairIndex[gt * trackerIds + tracker] = Int32(pairGt.count)
                    pairGt.append(Int32(gt))
                    pairTracker.append(Int32(tracker))
                }
            }
        }
        // Per pair, how many of its matches passed exactly k alphas (k = 1…19); the matches at
        // alpha k are those that passed more than k, summed at the end.
        var passedCount = [Int32](repeating: 0, count: pairGt.count * (a + 1))
        var locSum = [Double](repeating: 0, count: a)
        var pairs: [(Int, Int)] = []
        var passed: [Int] = []
        for t in 0..<boxes.frames {
            let g = boxes.gtRange(t), d = boxes.trackerRange(t)
            if g.isEmpty {
                for k in 0..<a { s.hotaFP[k] += d.count }
                continue
            }
            if d.isEmpty {
                for k in 0..<a { s.hotaFN[k] += g.count }
                continue
            }
            let rows = g.count, columns = d.count, base = similarity.offset[t]
            if score.count < rows * columns { score = [Double](repeating: 0, count: rows * columns) }
            score.withUnsafeMutableBufferPointer { score in
                for i in 0..<rows {
                    let gt = Int(boxes.gtId[g.lowerBound + i])
                    for j in 0..<columns {
                        score[i * columns + j] = alignment[gt * trackerIds + Int(boxes.trackerId[d.lowerBound + j])]
                            * similarity.values[base + i * columns + j]
                    }
                }
            }
            assign(rows: rows, columns: columns, positive: 0, into: &pairs)
            // How many alphas each pair passes (the alphas increase).
            passed.removeAll(keepingCapacity: true)
            for (i, j) in pairs {
                let v = similarity.values[base + i * columns + j]
                var k = 0
                while k < a && v >= alphas[k] - eps { k += 1 }
                passed.append(k)
                if k > 0 {
                    let gt = Int(boxes.gtId[g.lowerBound + i]), tracker = Int(boxes.trackerId[d.lowerBound + j])
                    passedCount[Int(pairIndex[gt * trackerIds + tracker]) * (a + 1) + k] += 1
                }
            }
            for k in 0..<a {
                var count = 0
                var frameSum = 0.0
                for (n, (i, j)) in pairs.enumerated() where passed[n] > k {
                    count += 1
                    frameSum += similarity.values[base + i * columns + j]
                }
                s.hotaTP[k] += count
                s.hotaFN[k] += rows - count
                s.hotaFP[k] += columns - count
                if count > 0 { locSum[k] += frameSum }
            }
        }
        var matches = [Int32](repeating: 0, count: pairGt.count * a)
        for p in 0..<pairGt.count {
            var above: Int32 = 0
            for k in stride(from: a - 1, through: 0, by: -1) {
                above += passedCount[p * (a + 1) + k + 1]
                matches[p * a + k] = above
            }
        }
        for k in 0..<a {
            var sumA = 0.0, sumRe = 0.0, sumPr = 0.0
            for p in 0..<pairGt.count {
                let m = Double(matches[p * a + k])
                guard m > 0 else { continue }
                let gc = gtCount[Int(pairGt[p])], tc = trackerCount[Int(pairTracker[p])]
                sumA += m * (m / max(1, gc + tc - m))
                sumRe += m * (m / max(1, gc))
                sumPr += m * (m / max(1, tc))
            }
            let tp = max(1, Double(s.hotaTP[k]))
            s.assA[k] = sumA / tp
            s.assRe[k] = sumRe / tp
            s.assPr[k] = sumPr / tp
        }
        s.locA = (0..<a).map { max(1e-10, locSum[$0]) / max(1e-10, Double(s.hotaTP[$0])) }
    }
}

extension SequenceEvaluator {
    /// TrackEval's MOTChallenge preprocessing: per frame, SciPy's assignment of the tracker
    /// boxes to the ground-truth boxes on IoU (pairs below 0.5 may not match); returns, per
    /// tracker row, whether it matched a ground-truth row flagged in `distractor`. `boxes` holds
    /// every row of the sequence (ids unused).
    public mutating func distractorMatches(_ boxes: SequenceBoxes, distractor: [Bool]) -> [Bool] {
        var removed = [Bool](repeating: false, count: boxes.trackerDets)
        let eps = Double.ulpOfOne
        var pairs: [(Int, Int)] = []
        var iou: [Double] = []
        for t in 0..<boxes.frames {
            let g = boxes.gtRange(t), d = boxes.trackerRange(t)
            guard !g.isEmpty, !d.isEmpty, g.contains(where: { distractor[$0] }) else { continue }
            let rows = g.count, columns = d.count
            if score.count < rows * columns { score = [Double](repeating: 0, count: rows * columns) }
            if iou.count < rows * columns { iou = [Double](repeating: 0, count: rows * columns) }
            boxes.gtBox.withUnsafeBufferPointer { gt in
                boxes.trackerBox.withUnsafeBufferPointer { tracker in
                    iou.withUnsafeMutableBufferPointer { out in
                        BoxOverlap.trackEval(gt: gt.baseAddress! + g.lowerBound * 4, gtCount: rows,
                                             tracker: tracker.baseAddress! + d.lowerBound * 4, trackerCount: columns, into: out.baseAddress!)
                    }
                }
            }
            for k in 0..<(rows * columns) { score[k] = iou[k] < 0.5 - eps ? 0 : iou[k] }
            assign(rows: rows, columns: columns, positive: eps, into: &pairs)
            for (i, j) in pairs where distractor[g.lowerBound + i] { removed[d.lowerBound + j] = true }
        }
        return removed
    }
}
