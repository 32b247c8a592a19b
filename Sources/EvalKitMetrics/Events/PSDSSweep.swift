extension PSDS {
    /// PSDS of scored detections with every distinct score as a threshold (detections with
    /// score ≥ t), from the videos' statistics, each counted `weight` times (a bootstrap draw;
    /// 0 leaves the video out).
    ///
    /// One sweep down the records' scores: at each score the records at it are added to the
    /// counts, and each class they touch gets a new point (its other rates are unchanged). The
    /// totals (reference events and seconds, video seconds) are summed in the videos' order as
    /// `PSDSCounts.add` sums them, so the points equal those of `compute(operatingPoints:...)`
    /// over the tables thresholded at every score, bit for bit.
    /// - Complexity: O(R log R + R × K) for R records and K classes, then `curves`.
    public static func compute(_ videos: [(statistics: PSDSVideoStatistics, weight: Int64)], classes: Int,
                               parameters: PSDSParameters) throws(PSDSError) -> PSDSResult {
        try parameters.validate()
        var sweep = try Sweep(videos, classes: classes, parameters: parameters)
        var points = [[PSDSClassCurve.Point]](repeating: [], count: classes)
        var thresholds: [Double] = []
        var touched = [Bool](repeating: false, count: classes)
        var touchedList: [Int] = []
        while let level = sweep.nextLevel(touched: &touched, list: &touchedList) {
            for c in touchedList {
                let rates = sweep.rates(of: c)
                points[c].append(.init(efpr: rates.efpr, tpr: rates.tpr, fpr: rates.fpr, operatingPoint: thresholds.count))
                touched[c] = false
            }
            thresholds.append(level)
        }
        let defined = sweep.counts.references.map { $0 > 0 }
        // With no detections at all, the one operating point is "nothing detected".
        let operatingPoints = max(thresholds.count, 1)
        return curves(points: points, defined: defined, seconds: sweep.counts.seconds, parameters: parameters,
                      operatingPoints: operatingPoints,
                      thresholds: thresholds)
    }

    /// The counts at every threshold where some count changes, descending: what psds_eval's
    /// `add_operating_point` would count for the detections with score ≥ threshold.
    /// - Complexity: O(R log R + T × K²) for T thresholds; for checks and small reports.
    public static func thresholdCounts(_ videos: [(statistics: PSDSVideoStatistics, weight: Int64)], classes: Int,
                                       parameters: PSDSParameters) throws(PSDSError) -> [(threshold: Double, counts: PSDSCounts)] {
        var sweep = try Sweep(videos, classes: classes, parameters: parameters)
        var touched = [Bool](repeating: false, count: classes)
        var list: [Int] = []
        var result: [(threshold: Double, counts: PSDSCounts)] = []
        while let level = sweep.nextLevel(touched: &touched, list: &list) {
            for c in list { touched[c] = false }
            result.append((level, sweep.counts))
        }
        return result
    }

    /// The running counts of a threshold sweep over the records of many videos.
    struct Sweep {
        let parameters: PSDSParameters
        let classes: Int
        /// (score, label, target or −1 for a change, amount), by score descending.
        var records: [(score: Double, label: Int32, target: Int32, amount: Int64)] = []
        var next = 0
        var counts: PSDSCounts

        init(_ videos: [(statistics: PSDSVideoStatistics, weight: Int64)], classes: Int, parameters: PSDSParameters) throws(PSDSError) {
            self.parameters = parameters
            self.classes = classes
            counts = PSDSCounts(classes: classes)
            for (v, (statistics, weight)) in videos.enumerated() {
                if statistics.classes != classes {
                    throw .incompatible("video \(v) has \(statistics.classes) classes, expected \(classes)")
                }
                if statistics.criteria != parameters.criteria {
                    throw .incompatible("video \(v) was counted with dtc \(statistics.criteria.dtc), gtc \(statistics.criteria.gtc), "
                                        + "cttc \(statistics.criteria.cttc); the parameters have \(parameters.dtc), \(parameters.gtc), \(parameters.cttc)")
                }
                guard weight > 0 else { continue }
                for k in 0..<classes {
                    counts.references[k] += weight * statistics.references[k]
                    counts.referenceSeconds[k] += Double(weight) * statistics.referenceSeconds[k]
                }
                counts.seconds += Double(weight) * statistics.seconds
                for c in statistics.changes { records.append((c.score, c.label, -1, Int64(c.delta) * weight)) }
                for t in statistics.triggers { records.append((t.score, t.label, t.target, weight)) }
            }
            records.sort { $0.score > $1.score }
        }

        /// Adds the records of the next score; returns it, or nil at the end. The classes whose
        /// counts changed are flagged in `touched` and listed in `list`.
        mutating func nextLevel(touched: inout [Bool], list: inout [Int]) -> Double? {
            list.removeAll(keepingCapacity: true)
            guard next < records.count else { return nil }
            let level = records[next].score
            while next < records.count && records[next].score == level {
                let r = records[next]
                let c = Int(r.label)
                if r.target < 0 {
                    counts.truePositives[c] += r.amount
                } else if Int(r.target) == classes {
                    counts.falsePositives[c] += r.amount
                } else {
                    counts.crossTriggers[c * classes + Int(r.target)] += r.amount
                }
                if !touched[c] {
                    touched[c] = true
                    list.append(c)
                }
                next += 1
            }
            return level
        }

        /// Class c's rates at the current counts, as `PSDSRates` computes them.
        func rates(of c: Int) -> (tpr: Double, fpr: Double, efpr: Double) {
            let tpr = PSDSRates.tpr(counts.truePositives[c], references: counts.references[c])
            let fpr = PSDSRates.fpr(counts.falsePositives[c], seconds: counts.seconds, parameters: parameters)
            let efpr = PSDSRates.efpr(fpr: fpr, class: c, classes: classes, parameters: parameters) { j in
                PSDSRates.ctr(counts.crossTriggers[c * classes + j], referenceSeconds: counts.referenceSeconds[j], parameters: parameters)
            }
            return (tpr, fpr, efpr)
        }
    }
}
