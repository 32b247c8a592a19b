import EvalKitData

/// The `options` of an events evaluation (docs/schemes.md, "Task `events`").
struct EventsOptions: Sendable {
    static let keys = ["time_resolution", "fps", "t_collar", "percentage_of_length", "evaluate_onset", "evaluate_offset",
                       "matching", "labels", "empty_system_output", "events_past_duration", "threshold", "tiou_thresholds",
                       "actev_protocol", "psds"]

    /// What to do with an event that ends after its video's duration.
    enum PastDuration: String, CaseIterable { case error, clip }

    /// Segment length of the segment-based metrics, seconds (sed_eval's `time_resolution`, 1.0).
    var timeResolution = 1.0
    /// A frame rate for every video (frame-based metrics), unless the recordings table has one.
    var fps: Double?
    var criteria = EventCriteria()
    /// Declared class labels, in report order; nil: the labels met, sorted.
    var labels: [String]?
    var settings = EventsMetrics.Settings()
    var pastDuration = PastDuration.error
    /// Scored system events below this score are left out of the segment, frame, event and
    /// duration metrics (average precision ranks every event); nil: all count.
    var threshold: Double?
    /// Temporal-IoU thresholds of the average precision (ActivityNet's 0.5:0.05:0.95).
    var tiou = TemporalIoUParameters()
    /// NIST ActEV's scoring protocol, when its scores are wanted (docs/events/actev.md).
    var actev: ActEVParameters?
    /// PSDS's parameters, when it is wanted (docs/events/psds.md).
    var psds: PSDSParameters?

    static let psdsKeys = ["dtc", "gtc", "cttc", "alpha_ct", "alpha_st", "max_efpr"]

    /// `"psds1"`, `"psds2"` (DCASE task 4's scenarios) or an object of `psdsKeys` (psds_eval's
    /// defaults for the others: 0.5, 0.5, 0.3, 0, 0, 100).
    static func readPSDS(_ node: JSONNode, reader: inout NodeReader) -> PSDSParameters? {
        if let name = node.stringValue {
            switch name {
            case "psds1": return .psds1
            case "psds2": return .psds2
            default:
                reader.fail(node, expected: "\"psds1\", \"psds2\" or an object of " + psdsKeys.joined(separator: ", "), found: quoted(name))
                return nil
            }
        }
        guard node.objectMembers != nil else {
            reader.fail(node, expected: "\"psds1\", \"psds2\" or an object of " + psdsKeys.joined(separator: ", "), found: node.foundDescription)
            return nil
        }
        reader.object(node, allowed: psdsKeys, what: "PSDS parameters")
        var p = PSDSParameters()
        if let v = reader.number(node["dtc"], "dtc", in: node) { p.dtc = v }
        if let v = reader.number(node["gtc"], "gtc", in: node) { p.gtc = v }
        if let v = reader.number(node["cttc"], "cttc", in: node) { p.cttc = v }
        if let v = reader.number(node["alpha_ct"], "alpha_ct", in: node) { p.alphaCT = v }
        if let v = reader.number(node["alpha_st"], "alpha_st", in: node) { p.alphaST = v }
        if let v = reader.number(node["max_efpr"], "max_efpr", in: node) { p.maxEFPR = v }
        for problem in p.problems { reader.fail(node, problem) }
        return p
    }

    static func read(_ node: JSONNode?, reader: inout NodeReader) -> EventsOptions {
        var options = EventsOptions()
        guard let node else { return options }
        reader.object(node, allowed: keys, what: "events options")
        guard node.objectMembers != nil else { return options }
        func positive(_ key: String) -> Double? {
            guard let value = reader.number(node[key], key, in: node) else { return nil }
            guard value > 0, value.isFinite else {
                reader.fail(node[key]!, expected: "a number > 0", found: node[key]!.foundDescription)
                return nil
            }
            return value
        }
        if let r = positive("time_resolution") { options.timeResolution = r }
        options.fps = positive("fps")
        if let collar = positive("t_collar") { options.criteria.collar = collar }
        if let p = reader.number(node["percentage_of_length"], "percentage_of_length", in: node) {
            if (0...1).contains(p) { options.criteria.percentageOfLength = p } else {
                reader.fail(node["percentage_of_length"]!, expected: "a number from 0 to 1", found: node["percentage_of_length"]!.foundDescription)
            }
        }
        if let onset = reader.bool(node["evaluate_onset"], "evaluate_onset", in: node) { options.criteria.evaluateOnset = onset }
        if let offset = reader.bool(node["evaluate_offset"], "evaluate_offset", in: node) { options.criteria.evaluateOffset = offset }
        if !options.criteria.evaluateOnset && !options.criteria.evaluateOffset {
            reader.fail(node["evaluate_offset"]!, "evaluate_onset and evaluate_offset cannot both be false",
                        hint: "an event match needs its onset, its offset or both to fit")
        }
        if let matching = reader.choice(node["matching"], "matching", in: node, EventCriteria.Matching.allCases.map(\.rawValue)) {
            options.criteria.matching = EventCriteria.Matching(rawValue: matching)!
        }
        if let labels = reader.strings(node["labels"], "labels", in: node) {
            if labels.isEmpty {
                reader.fail(node["labels"]!, expected: "at least one label", found: "[]")
            } else if Set(labels).count != labels.count {
                reader.fail(node["labels"]!, "a label is listed twice")
            } else {
                options.labels = labels
            }
        }
        if let empty = reader.choice(node["empty_system_output"], "empty_system_output", in: node, ["undefined", "zero_score"]) {
            options.settings.zeroScoreWithoutOutput = empty == "zero_score"
        }
        if let past = reader.choice(node["events_past_duration"], "events_past_duration", in: node, PastDuration.allCases.map(\.rawValue)) {
            options.pastDuration = PastDuration(rawValue: past)!
        }
        if let node = node["threshold"], let t = reader.number(node, "threshold", in: node) {
            if t.isFinite { options.threshold = t } else { reader.fail(node, expected: "a finite number", found: node.foundDescription) }
        }
        if let list = node["tiou_thresholds"] {
            if let items = list.arrayItems, !items.isEmpty {
                let values = items.compactMap { reader.number($0, "tiou_thresholds", in: list) }
                let parameters = TemporalIoUParameters(thresholds: values)
                do throws(TemporalIoUError) {
                    try parameters.validate()
                    if values.count == items.count { options.tiou.thresholds = values }
                } catch {
                    reader.fail(list, error.description)
                }
            } else {
                reader.fail(list, expected: "an array of temporal-IoU thresholds in (0, 1], e.g. [0.5, 0.75]", found: list.foundDescription)
            }
        }
        if let name = reader.choice(node["actev_protocol"], "actev_protocol", in: node, ActEVProtocol.allCases.map(\.rawValue)) {
            options.actev = ActEVParameters(ActEVProtocol(rawValue: name)!)
        }
        if let node = node["psds"] { options.psds = readPSDS(node, reader: &reader) }
        if let t = options.threshold { options.tiou.durationMinimumScore = t }
        return options
    }
}
