/// One line of the scorer's `alignment.csv` (with its `pair_metrics.csv` for a correct detection):
/// a reference and a system instance aligned (CD), a reference missed (MD) or a system
/// instance unmatched (FA).
public struct ActEVAlignmentRecord: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case correct = "CD"
        case missed = "MD"
        case falseAlarm = "FA"
    }

    public var activity: String
    public var kind: Kind
    /// Indices into the video's reference and system instances as given to `ActEV.align`.
    public var reference: Int?
    public var system: Int?
    public var referenceID: String?
    public var systemID: String?
    public var presenceConf: Double?
    /// The pair's kernel value (CD only).
    public var kernel: ActEVKernel.Value?
    /// Frame counts of the pair (CD only).
    public var pair: ActEVPairFrames?
}

/// A correct detection's frames (`pair_metrics.csv`): intersection, union, system frames outside
/// the reference (`temporal_fa`) and reference frames outside the system (`temporal_miss`).
public struct ActEVPairFrames: Sendable, Equatable {
    public var intersection: Int
    public var union: Int
    public var falseAlarm: Int
    public var miss: Int
}

/// A video's alignment and its statistics.
public struct ActEVVideoAlignment: Sendable {
    public var records: [ActEVAlignmentRecord]
    public var statistics: ActEVVideoStatistics
}

/// ActEV_Scorer's activity-detection (AD) scoring (usnistgov/ActEV_Scorer, commit b8d82c09):
/// per activity and file, reference and system instances are aligned by a maximum-similarity
/// bipartite matching (Kuhn–Munkres) under the protocol's kernel; the system instances' presenceConf
/// then sweeps a DET curve of Pmiss against the rate of false alarms per minute (RFA) and,
/// for some protocols, the time-based false alarm (TFA). docs/events/actev.md.
public enum ActEV {
    /// Aligns one video's instances, activity by activity, and keeps its statistics.
    ///
    /// `references` and `system` are the video's instances in file order (the order breaks
    /// ties in the matching, as in the scorer); instances of activities outside `activities`
    /// are ignored.
    public static func align(file: ActEVFile, references: [ActEVInstance], system: [ActEVInstance],
                             activities: [String], parameters: ActEVParameters,
                             context: ActEVAlignmentContext) -> ActEVVideoAlignment {
        let kernel = ActEVKernel(parameters: parameters, context: context)
        var refsByActivity: [String: [Int]] = [:]
        var sysByActivity: [String: [Int]] = [:]
        for (i, r) in references.enumerated() { refsByActivity[r.activity, default: []].append(i) }
        for (i, s) in system.enumerated() { sysByActivity[s.activity, default: []].append(i) }
        let frameCount = file.selectedFrames
        var records: [ActEVAlignmentRecord] = []
        var stats: [ActEVVideoStatistics.Activity] = []
        for activity in Set(activities).sorted() {
            let refs = refsByActivity[activity] ?? []
            let syss = sysByActivity[activity] ?? []
            if refs.isEmpty && syss.isEmpty { continue }
            let cohort = alignCohort(activity: activity, refs: refs.map { references[$0] }, syss: syss.map { system[$0] },
                                     kernel: kernel)
            // Indices back into the video's lists.
            for var record in cohort {
                record.reference = record.reference.map { refs[$0] }
                record.system = record.system.map { syss[$0] }
                records.append(record)
            }
            stats.append(activityStatistics(activity: activity, cohort: cohort, refs: refs.map { references[$0] },
                                            syss: syss.map { system[$0] }, frameCount: frameCount, parameters: parameters))
        }
        let statistics = ActEVVideoStatistics(file: file.name, frameRate: file.frameRate, selectedFrames: frameCount,
                                              activities: stats, context: context)
        return ActEVVideoAlignment(records: records, statistics: statistics)
    }

    /// The statistics alone (`align(...).statistics`).
    public static func statistics(file: ActEVFile, references: [ActEVInstance], system: [ActEVInstance],
                                  activities: [String], parameters: ActEVParameters,
                                  context: ActEVAlignmentContext) -> ActEVVideoStatistics {
        align(file: file, references: references, system: system, activities: activities,
              parameters: parameters, context: context).statistics
    }

    /// `perform_alignment` for one activity in one file: the similarity matrix (rows system,
    /// columns reference), costs (max similarity + 1) − similarity and (max + 1) for pairs the
    /// filter rejects, munkres 1.0.12's assignment, rejected pairs dropped. Records: correct
    /// detections in row order, then misses, then false alarms, in index order.
    static func alignCohort(activity: String, refs: [ActEVInstance], syss: [ActEVInstance], kernel: ActEVKernel) -> [ActEVAlignmentRecord] {
        var values: [[ActEVKernel.Value?]] = []
        var maxSimilarity = 0.0
        values.reserveCapacity(syss.count)
        for s in syss {
            var row: [ActEVKernel.Value?] = []
            row.reserveCapacity(refs.count)
            for r in refs {
                let value = kernel.evaluate(reference: r.signal, system: s.signal, confidence: s.presenceConf ?? 0)
                if let value, value.similarity > maxSimilarity { maxSimilarity = value.similarity }
                row.append(value)
            }
            values.append(row)
        }
        let top = maxSimilarity + 1
        let costs = values.map { row in row.map { value in value.map { top - $0.similarity } ?? top } }
        var records: [ActEVAlignmentRecord] = []
        var matchedRefs = Set<Int>()
        var matchedSys = Set<Int>()
        for (row, column) in ActEVMunkres.assign(costs, columns: refs.count) {
            guard let value = values[row][column] else { continue }
            matchedSys.insert(row)
            matchedRefs.insert(column)
            let r = refs[column].signal, s = syss[row].signal
            let both = r & s
            let pair = ActEVPairFrames(intersection: both.area, union: (r | s).area, falseAlarm: (s - both).area, miss: (r - both).area)
            records.append(ActEVAlignmentRecord(activity: activity, kind: .correct, reference: column, system: row,
                                                referenceID: refs[column].id, systemID: syss[row].id,
                                                presenceConf: syss[row].presenceConf, kernel: value, pair: pair))
        }
        for (i, r) in refs.enumerated() where !matchedRefs.contains(i) {
            records.append(ActEVAlignmentRecord(activity: activity, kind: .missed, reference: i, referenceID: r.id))
        }
        for (i, s) in syss.enumerated() where !matchedSys.contains(i) {
            records.append(ActEVAlignmentRecord(activity: activity, kind: .falseAlarm, system: i, systemID: s.id,
                                                presenceConf: s.presenceConf))
        }
        return records
    }

    /// The n-MIDE term of an aligned pair (`n_mide`'s `_sub_reducer`): with the no-score collar
    /// C around the reference's boundaries, R' = R − C, S' = S − C,
    /// cost × |R' − S'| / |R'| + cost × |S' − R'| / (frames − |R ∪ C|); nil (rejected) unless both
    /// denominators are positive.
    static func nMIDE(reference r: ActEVSignal, system s: ActEVSignal, frameCount: Int, parameters: ActEVParameters) -> Double? {
        let collar = r.collar(parameters.nMIDECollar)
        let cr = r - collar, cs = s - collar
        let colR = r | collar
        let miss = (cr - cs).area, fa = (cs - cr).area
        let missDenominator = cr.area
        let faDenominator = frameCount - colR.area
        guard missDenominator > 0, faDenominator > 0 else { return nil }
        let cost = parameters.nMIDECostMiss
        return cost * (Double(miss) / Double(missDenominator)) + cost * (Double(fa) / Double(faDenominator))
    }

    static func activityStatistics(activity: String, cohort: [ActEVAlignmentRecord], refs: [ActEVInstance], syss: [ActEVInstance],
                                   frameCount: Int, parameters: ActEVParameters) -> ActEVVideoStatistics.Activity {
        let referenceSum = refs.reduce(ActEVSignal()) { $0 + $1.signal }
        let notReference = referenceSum.complement(frameCount: frameCount)
        var matchedTerm: [Int: Double?] = [:]
        for record in cohort where record.kind == .correct {
            matchedTerm[record.system!] = nMIDE(reference: refs[record.reference!].signal, system: syss[record.system!].signal,
                                                frameCount: frameCount, parameters: parameters)
        }
        // Decreasing presenceConf, ties in file order.
        let order = syss.indices.sorted { a, b in
            let ca = syss[a].presenceConf ?? 0, cb = syss[b].presenceConf ?? 0
            return ca != cb ? ca > cb : a < b
        }
        var detections: [ActEVVideoStatistics.Detection] = []
        detections.reserveCapacity(syss.count)
        var coverage = ActEVSignal()
        var coverageExcess = 0
        for i in order {
            var frames = 0
            switch parameters.timeFalseAlarm {
            case .perInstance?:
                frames = (notReference & syss[i].signal).area
            case .coverage?:
                coverage = coverage + syss[i].signal
                let excess = (coverage - referenceSum).area
                frames = excess - coverageExcess
                coverageExcess = excess
            case nil:
                break
            }
            let term = matchedTerm[i]
            detections.append(ActEVVideoStatistics.Detection(presenceConf: syss[i].presenceConf ?? 0, matched: term != nil,
                                                             nMIDE: term ?? nil, timeFalseAlarmFrames: frames))
        }
        return ActEVVideoStatistics.Activity(name: activity, references: refs.count, nonReferenceFrames: notReference.area,
                                             detections: detections)
    }
}
