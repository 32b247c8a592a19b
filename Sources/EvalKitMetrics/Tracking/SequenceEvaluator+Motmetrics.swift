/// CLEAR MOT under py-motmetrics' rules (`MOTAccumulator.update`, `motmetrics.metrics`, 1.4.0):
/// each object first keeps the tracker id it last matched (at any earlier frame) when that pair is
/// within the distance threshold; the rest are assigned with SciPy, invalid pairs priced out as
/// `lap.add_expensive_edges` does; a match to another tracker id than the object's last is a
/// switch. Mostly tracked: matched in ≥ 80% of its frames, partially ≥ 20%; a fragmentation is a
/// tracked-to-missed transition between an object's first and last match; MOTP is the mean
/// distance 1 − IoU. Frames are those with a box on either side.
extension SequenceEvaluator {
    mutating func motmetricsClear(_ boxes: SequenceBoxes, _ similarity: Similarities, _ s: inout SequenceStatistics,
                                  _ tally: inout TrackTally) {
        let limit = 1 - parameters.threshold
        var lastTracker = [Int32](repeating: -1, count: boxes.gtIdCount)
        var framesOf = [Int](repeating: 0, count: boxes.gtIdCount)
        var matchedOf = [Int](repeating: 0, count: boxes.gtIdCount)
        // Fragmentations: per object, misses since its last match, and whether it was matched before.
        var missesSinceMatch = [Int](repeating: 0, count: boxes.gtIdCount)
        var everMatched = [Bool](repeating: false, count: boxes.gtIdCount)
        var cost: [Double] = []
        var rowTaken: [Bool] = [], columnTaken: [Bool] = []
        var frames = 0
        for t in 0..<boxes.frames {
            let g = boxes.gtRange(t), d = boxes.trackerRange(t)
            if g.isEmpty && d.isEmpty { continue }
            frames += 1
            let rows = g.count, columns = d.count
            rowTaken = [Bool](repeating: false, count: rows)
            columnTaken = [Bool](repeating: false, count: columns)
            let base = similarity.offset[t]
            @inline(__always) func distance(_ i: Int, _ j: Int) -> Double? {
                let v = 1 - similarity.values[base + i * columns + j]
                return v.isNaN || v > limit ? nil : v
            }
            var frameDistance = 0.0
            var pairs = 0
            func record(_ i: Int, _ j: Int, _ dist: Double) {
                let row = g.lowerBound + i
                let gt = Int(boxes.gtId[row]), tracker = boxes.trackerId[d.lowerBound + j]
                if lastTracker[gt] >= 0 && lastTracker[gt] != tracker {
                    s.idSwitches += 1
                    tally.event(.idSwitch, row: row, frame: t, before: lastTracker[gt], after: tracker)
                }
                if everMatched[gt] && missesSinceMatch[gt] > 0 {
                    tally.event(.fragmentation, row: row, frame: t, before: lastTracker[gt], after: tracker)
                    s.fragmentations += 1
                }
                everMatched[gt] = true
                missesSinceMatch[gt] = 0
                lastTracker[gt] = tracker
                matchedOf[gt] += 1
                tally.matched(row: row)
                rowTaken[i] = true
                columnTaken[j] = true
                frameDistance += dist
                s.motpSum += 1 - dist
                pairs += 1
            }
            if rows > 0 && columns > 0 {
                // 1. Objects keep their last tracker id when it is here and close enough.
                for i in 0..<rows {
                    let last = lastTracker[Int(boxes.gtId[g.lowerBound + i])]
                    guard last >= 0 else { continue }
                    guard let j = (0..<columns).first(where: { !columnTaken[$0] && boxes.trackerId[d.lowerBound + $0] == last }) else { continue }
                    if let dist = distance(i, j) { record(i, j, dist) }
                }
                // 2. The rest: SciPy on the distances, invalid pairs priced out.
                cost = [Double](repeating: .nan, count: rows * columns)
                var anyValid = false, allValid = true, largest = 0.0
                for i in 0..<rows where !rowTaken[i] {
                    for j in 0..<columns where !columnTaken[j] {
                        if let dist = distance(i, j) {
                            cost[i * columns + j] = dist
                            anyValid = true
                            largest = max(largest, abs(dist))
                        }
                    }
                }
                for v in cost where v.isNaN { allValid = false; break }
                if anyValid {
                    if !allValid {
                        let c = largest + 1
                        let large = 2 * Double(min(rows, columns)) * c + 1
                        for k in cost.indices where cost[k].isNaN { cost[k] = large }
                    }
                    let valid: [Bool] = (0..<(rows * columns)).map { k in
                        !rowTaken[k / columns] && !columnTaken[k % columns] && distance(k / columns, k % columns) != nil
                    }
                    cost.withUnsafeBufferPointer { c in
                        assignment.minimize(c, rows: rows, columns: columns, rowsOut: &rowsOut, columnsOut: &columnsOut)
                    }
                    let chosen = zip(rowsOut, columnsOut).map { (Int($0), Int($1)) }
                    for (i, j) in chosen where valid[i * columns + j] { record(i, j, cost[i * columns + j]) }
                }
            }
            for i in 0..<rows where !rowTaken[i] {
                let gt = Int(boxes.gtId[g.lowerBound + i])
                if everMatched[gt] { missesSinceMatch[gt] += 1 }
            }
            for row in g { framesOf[Int(boxes.gtId[row])] += 1 }
            s.clearTP += pairs
            s.clearFN += rows - pairs
            s.clearFP += columns - pairs
            s.motpDistanceSum += frameDistance
        }
        for gt in 0..<boxes.gtIdCount where framesOf[gt] > 0 {
            let ratio = Double(matchedOf[gt]) / Double(framesOf[gt])
            if ratio >= 0.8 { s.mostlyTracked += 1 } else if ratio >= 0.2 { s.partiallyTracked += 1 } else { s.mostlyLost += 1 }
        }
        s.clearFrames = frames
    }
}
