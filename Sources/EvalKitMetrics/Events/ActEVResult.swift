/// The scores of an ActEV evaluation, named as ActEV_Scorer names them in
/// `scores_by_activity.csv` and `scores_aggregated.csv`, with each activity's DET curve.
///
/// A value the scorer reports as `None` is NaN with its reason here. Where the scorer reports a
/// number by convention on an empty or undefined curve (Pmiss 1.0 when no point reaches the
/// target), that number is kept: it is what the protocol defines.
public struct ActEVResult: Sendable {
    public struct Activity: Sendable {
        public var name: String
        public var references: Int64
        /// System instances aligned in this activity (correct detections + false alarms).
        public var systemInstances: Int64
        public var correct: Int64
        public var falseAlarms: Int64
        /// False alarms at the lowest threshold per hour of selected video (not a scorer output;
        /// NaN without selected video).
        public var falseAlarmsPerHour: Double
        /// One point per kept threshold, by decreasing threshold.
        public var curve: [ActEVDETPoint]
        /// `n-mide`, `n-mide_num_rejected`, `p_miss@<t>rfa`, `w_p_miss@<t>rfa`, `n-mide@<t>rfa`,
        /// `p_miss@<t>tfa`, `w_p_miss@<t>tfa`, `AUDC@<l>rfa`, `nAUDC@<l>rfa` (and `tfa`).
        public var scores: MetricValues
    }

    /// The activities scored, in the order of the activity index.
    public var activities: [Activity]
    /// `mean-<score>` over activities (undefined values left out, as `mean_exclude_none`), and the
    /// overall `n-mide` and `n-mide_num_rejected` over every correct detection.
    public var aggregated: MetricValues
    /// Minutes of selected video (RFA's denominator).
    public var minutes: Double
    /// Videos counted (with their weights).
    public var videos: Int64
}

extension ActEV {
    /// The scores of a run from its videos' statistics, each counted `weight` times (1; a bootstrap
    /// draw). `activities`: the activity index in its order; `includeZeroReferenceActivities` is the
    /// scorer's `-I` (without it, activities with no reference instance are not scored).
    ///
    /// Per activity, system instances of every video are sorted by decreasing presenceConf; at each
    /// distinct value (or the `detPointResolution` kept ones) the curve has
    /// Pmiss = missed / references, RFA = false alarms / minutes, w_p_miss, the mean n-MIDE term
    /// and TFA = Σ frames / Σ non-reference frames. Targets are read off it by
    /// `get_points_along_confidence_curve`'s rule and AUDC by `compute_auc_new`'s.
    public static func compute(_ videos: [(statistics: ActEVVideoStatistics, weight: Int64)], activities: [String],
                               parameters: ActEVParameters, includeZeroReferenceActivities: Bool = false) -> ActEVResult {
        let counted = videos.filter { $0.weight > 0 }.sorted { $0.statistics.file < $1.statistics.file }
        var seconds = 0.0
        var videoCount: Int64 = 0
        for (video, weight) in counted {
            seconds += Double(weight) * video.seconds
            videoCount += weight
        }
        let minutes = seconds / 60

        var results: [ActEVResult.Activity] = []
        var allTerms: [Double] = []
        var allRejected = 0
        var seen = Set<String>()
        for name in activities where seen.insert(name).inserted {
            var references: Int64 = 0
            var nonReference: Int64 = 0
            var detections: [(detection: ActEVVideoStatistics.Detection, weight: Int64)] = []
            for (video, weight) in counted {
                let a = video.activity(name)
                references += weight * Int64(a.references)
                nonReference += weight * Int64(a.nonReferenceFrames)
                for d in a.detections { detections.append((d, weight)) }
            }
            if references == 0 && !includeZeroReferenceActivities { continue }
            // Decreasing presenceConf; the sort is stable, so ties keep video order.
            detections.sort { $0.detection.presenceConf > $1.detection.presenceConf }
            let activity = scoreActivity(name: name, references: references, nonReference: nonReference,
                                         detections: detections, minutes: minutes, parameters: parameters)
            for (d, w) in detections where d.matched {
                if let term = d.nMIDE {
                    for _ in 0..<w { allTerms.append(term) }
                } else {
                    allRejected += Int(w)
                }
            }
            results.append(activity)
        }

        var aggregated = MetricValues()
        var keys: [String] = []
        var seenKeys = Set<String>()
        for a in results {
            for key in a.scores.keys where seenKeys.insert(key).inserted { keys.append(key) }
        }
        for key in keys.sorted() {
            let defined = results.compactMap { $0.scores[key] }.filter { !$0.isNaN }
            if defined.isEmpty {
                aggregated.set("mean-" + key, .nan, undefinedReason: "undefined for every activity")
            } else {
                aggregated.set("mean-" + key, defined.reduce(0, +) / Double(defined.count))
            }
        }
        setNMIDE(&aggregated, terms: allTerms, rejected: allRejected)
        return ActEVResult(activities: results, aggregated: aggregated, minutes: minutes, videos: videoCount)
    }

    static func setNMIDE(_ values: inout MetricValues, terms: [Double], rejected: Int) {
        if terms.isEmpty {
            values.set("n-mide", .nan, undefinedReason: rejected == 0 ? "no correct detection" : "no correct detection with reference and non-reference frames")
        } else {
            values.set("n-mide", terms.reduce(0, +) / Double(terms.count))
        }
        values.set("n-mide_num_rejected", Double(rejected))
    }

    static func scoreActivity(name: String, references: Int64, nonReference: Int64,
                              detections: [(detection: ActEVVideoStatistics.Detection, weight: Int64)],
                              minutes: Double, parameters: ActEVParameters) -> ActEVResult.Activity {
        // The curve at every distinct threshold.
        var curve: [ActEVDETPoint] = []
        var correct: Int64 = 0, falseAlarms: Int64 = 0, tfaNumerator: Int64 = 0
        var termSum = 0.0, termCount: Int64 = 0
        var terms: [Double] = []
        var rejected = 0
        var k = 0
        while k < detections.count {
            let threshold = detections[k].detection.presenceConf
            while k < detections.count && detections[k].detection.presenceConf == threshold {
                let (d, w) = detections[k]
                if d.matched {
                    correct += w
                    if let term = d.nMIDE {
                        termSum += Double(w) * term
                        termCount += w
                        for _ in 0..<w { terms.append(term) }
                    } else {
                        rejected += Int(w)
                    }
                } else {
                    falseAlarms += w
                }
                tfaNumerator += w * Int64(d.timeFalseAlarmFrames)
                k += 1
            }
            let missed = references - correct
            let pMiss: Double? = references > 0 ? Double(missed) / Double(references) : nil
            let weighted: Double? = references > 0
                ? (Double(missed) + parameters.wPMissNumerator) / (Double(missed) + Double(correct) + parameters.wPMissDenominator) : nil
            let tfa: Double? = parameters.timeFalseAlarm != nil && nonReference != 0 ? Double(tfaNumerator) / Double(nonReference) : nil
            curve.append(ActEVDETPoint(threshold: threshold, correct: correct, falseAlarms: falseAlarms,
                                       rateOfFalseAlarms: Double(falseAlarms) / minutes, pMiss: pMiss, weightedPMiss: weighted,
                                       nMIDE: termCount > 0 ? termSum / Double(termCount) : nil, timeFalseAlarm: tfa,
                                       timeFalseAlarmNumerator: tfaNumerator, timeFalseAlarmDenominator: nonReference))
        }
        if parameters.detPointResolution != 0 {
            curve = ActEVCurve.resolutionIndices(count: curve.count, limit: parameters.detPointResolution).map { curve[$0] }
        }

        var scores = MetricValues()
        setNMIDE(&scores, terms: terms, rejected: rejected)
        func put(_ label: String, _ values: [Double: Double?], targets: [Double], axis: String, reason: String) {
            for t in targets {
                let key = "\(label)@\(actevNumberText(t))\(axis)"
                if let value = values[t] ?? nil {
                    scores.set(key, value)
                } else {
                    scores.set(key, .nan, undefinedReason: reason)
                }
            }
        }
        let rfaPoints = curve.map { (x: $0.rateOfFalseAlarms, pMiss: $0.pMiss, weighted: $0.weightedPMiss, nMIDE: $0.nMIDE) }
        let noReference = "no reference instance"
        put("p_miss", ActEVCurve.pointsAlong(rfaPoints.map { ($0.x, $0.pMiss) }, targets: parameters.rateTargets, fallback: 1),
            targets: parameters.rateTargets, axis: "rfa", reason: noReference)
        put("w_p_miss", ActEVCurve.pointsAlong(rfaPoints.map { ($0.x, $0.weighted) }, targets: parameters.rateTargets, fallback: 1),
            targets: parameters.rateTargets, axis: "rfa", reason: noReference)
        put("n-mide", ActEVCurve.pointsAlong(rfaPoints.map { ($0.x, $0.nMIDE) }, targets: parameters.nMIDETargets, fallback: nil),
            targets: parameters.nMIDETargets, axis: "rfa", reason: "no correct detection up to this rate of false alarms")
        if parameters.timeFalseAlarm != nil {
            let tfaPoints = curve.map { (x: $0.timeFalseAlarm ?? .nan, pMiss: $0.pMiss, weighted: $0.weightedPMiss) }
            put("p_miss", ActEVCurve.pointsAlong(tfaPoints.map { ($0.x, $0.pMiss) }, targets: parameters.timeTargets, fallback: 1),
                targets: parameters.timeTargets, axis: "tfa", reason: noReference)
            if parameters.weightedPMissAtTimeFalseAlarm {
                put("w_p_miss", ActEVCurve.pointsAlong(tfaPoints.map { ($0.x, $0.weighted) }, targets: parameters.timeTargets, fallback: 1),
                    targets: parameters.timeTargets, axis: "tfa", reason: noReference)
            }
        }
        // AUDC over the DET curves the scorer plots (RFA, and TFA where reported).
        var axes: [(String, [Double])] = [("rfa", curve.map(\.rateOfFalseAlarms))]
        if parameters.timeFalseAlarm != nil { axes.append(("tfa", curve.map { $0.timeFalseAlarm ?? .nan })) }
        let pMissArray = curve.map { $0.pMiss ?? .nan }
        for (axis, xs) in axes {
            for limit in parameters.audcLimits.sorted() {
                let text = actevNumberText(limit)
                if let area = ActEVCurve.audc(pMiss: pMissArray, x: xs, limit: limit) {
                    scores.set("AUDC@\(text)\(axis)", area)
                    scores.set("nAUDC@\(text)\(axis)", area / limit)
                } else {
                    scores.set("AUDC@\(text)\(axis)", .nan, undefinedReason: noReference)
                    scores.set("nAUDC@\(text)\(axis)", .nan, undefinedReason: noReference)
                }
            }
        }
        if !(minutes > 0) {
            // The scorer divides by zero here; every rate is undefined.
            for key in scores.keys where key.hasSuffix("rfa") {
                scores.set(key, .nan, undefinedReason: "no selected video frames (0 minutes)")
            }
        }
        if parameters.timeFalseAlarm != nil && nonReference == 0 {
            // TFA is None at every point and the scorer's reading of it fails.
            for key in scores.keys where key.hasSuffix("tfa") {
                scores.set(key, .nan, undefinedReason: "no non-reference frames (TFA undefined)")
            }
        }
        let allFalseAlarms = detections.reduce(Int64(0)) { $0 + ($1.detection.matched ? 0 : $1.weight) }
        let allCorrect = detections.reduce(Int64(0)) { $0 + ($1.detection.matched ? $1.weight : 0) }
        return ActEVResult.Activity(name: name, references: references, systemInstances: allCorrect + allFalseAlarms,
                                    correct: allCorrect, falseAlarms: allFalseAlarms,
                                    falseAlarmsPerHour: minutes > 0 ? Double(allFalseAlarms) / (minutes / 60) : .nan,
                                    curve: curve, scores: scores)
    }
}
