import EvalKitData
import Foundation
import Testing
@testable import EvalKitMetrics

/// sed_eval 0.2.1's own unit-test expectations (`Tests/Fixtures/Conformance/sed_eval/`, copied
/// with its MIT licence and PROVENANCE.md from `../shared/conformance/sed_eval`): the real event
/// lists of its tests, evaluated the way each test evaluates them, to the test's own precision
/// (`assert_almost_equals`: 7 places; `eq_`: exactly).
@Suite struct SedEvalConformanceTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Conformance/sed_eval").path

    /// One line of a sed_eval event list: the file (nil for 3-column lists), and the event if any.
    struct Line { var file: String?; var event: (onset: Double, offset: Double, label: String)? }

    /// Reads an event list in any of sed_eval's tab-separated layouts.
    static func load(_ relative: String) throws -> [Line] {
        let text = try String(contentsOfFile: folder + "/" + relative, encoding: .utf8)
        return text.split(separator: "\n").compactMap { raw in
            let fields = raw.split(separator: "\t", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            switch fields.count {
            case 1: return fields[0].isEmpty ? nil : Line(file: fields[0], event: nil)
            case 3: return Line(file: nil, event: (Double(fields[0])!, Double(fields[1])!, fields[2]))
            case 4: return Line(file: fields[0], event: (Double(fields[1])!, Double(fields[2])!, fields[3]))
            case 5: return Line(file: fields[0], event: (Double(fields[2])!, Double(fields[3])!, fields[4]))
            default: return nil
            }
        }
    }

    /// The recordings of a test: per reference file (sed_eval's `unique_files`), both lists filtered
    /// to it; a 3-column pair is one recording. The duration is `length`, or, as sed_eval's
    /// default, the largest offset of either list in that recording.
    static func recordings(_ pairs: [(reference: [Line], estimated: [Line])], labels: [String], length: Double? = nil)
        -> [(String, VideoEvents)] {
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, Int32($0)) })
        var result: [(String, VideoEvents)] = []
        for (p, pair) in pairs.enumerated() {
            var files: [String?] = []
            for line in pair.reference where !files.contains(line.file) { files.append(line.file) }
            if files.isEmpty { files = [nil] }
            for file in files {
                func events(_ lines: [Line]) -> [TimedEvent] {
                    lines.filter { $0.file == file }.compactMap { line in
                        line.event.map { TimedEvent(onset: $0.onset, offset: $0.offset, label: index[$0.label]!) }
                    }
                }
                let reference = events(pair.reference), estimated = events(pair.estimated)
                let longest = (reference + estimated).map(\.offset).max() ?? 0
                result.append(("\(p)-\(file ?? "")", VideoEvents(duration: length ?? longest, reference: reference, estimated: estimated)))
            }
        }
        return result
    }

    static func labels(_ lines: [Line]) -> [String] { Array(Set(lines.compactMap { $0.event?.label })).sorted() }

    static func compute(_ recordings: [(String, VideoEvents)], labels: [String], segment: Bool, criteria: EventCriteria = EventCriteria(),
                        zeroScore: Bool = false) -> MetricValues {
        var state = EventsState(labels: labels, hasFrames: false)
        var counter = GridCounter(classes: labels.count)
        for (name, video) in recordings {
            state.add(EventsState.Video(
                name: name, seconds: video.duration,
                segments: segment ? counter.count(video, grid: TimeGrid(.resolution(1.0))) : GridCounts(classes: labels.count),
                frames: nil,
                events: segment ? EventCounts(classes: labels.count) : EventMatcher.count(video, classes: labels.count, criteria: criteria)))
        }
        return EventsMetrics.compute(state, settings: .init(zeroScoreWithoutOutput: zeroScore)).metrics
    }

    /// The expected value of `quantity` in case `id`, and whether it is compared exactly.
    static func expected(_ id: String, _ quantity: String) throws -> (value: Double, exact: Bool) {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/expected.json"))
        let root = try JSONParser.parse([UInt8](data), file: "expected.json")
        let testCase = try #require(root["cases"]?.arrayItems?.first { $0["id"]?.stringValue == id }, "case \(id)")
        let entry = try #require(testCase["expected"]?.arrayItems?.first { $0["quantity"]?.stringValue == quantity }, "\(id): \(quantity)")
        return (entry["value"]!.numberValue!, entry["comparison"]!.stringValue!.hasPrefix("nose.tools.eq_"))
    }

    func check(_ ours: Double?, _ id: String, _ quantity: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (value, exact) = try Self.expected(id, quantity)
        let actual = try #require(ours, sourceLocation: sourceLocation)
        if exact {
            #expect(actual == value, "\(id) \(quantity): evalkit \(actual), sed_eval \(value)", sourceLocation: sourceLocation)
        } else {
            // nose's assert_almost_equals: round(actual - expected, 7) == 0.
            #expect((actual - value).rounded(toPlaces: 7) == 0, "\(id) \(quantity): evalkit \(actual), sed_eval \(value)",
                    sourceLocation: sourceLocation)
        }
    }

    @Test func streetFold1SegmentBased() throws {
        let reference = try Self.load("data/sound_event/street_fold1_reference.txt")
        let estimated = try Self.load("data/sound_event/street_fold1_detected.txt")
        let labels = Self.labels(reference)
        let partA = Self.compute(Self.recordings([(reference, estimated)], labels: labels), labels: labels, segment: true)
        try check(partA["segment_accuracy"], "segment_street_fold1", "part A: overall.accuracy.accuracy")
        try check(partA["segment_error_rate"], "segment_street_fold1", "part A: overall.error_rate.error_rate")
        let partB = Self.compute(Self.recordings([(reference, estimated)], labels: labels, length: 1200), labels: labels, segment: true)
        try check(partB["segment_accuracy"], "segment_street_fold1", "part B (evaluated_length_seconds=1200.0 per file): overall.accuracy.accuracy")
        try check(partB["segment_error_rate"], "segment_street_fold1", "part B (evaluated_length_seconds=1200.0 per file): overall.error_rate.error_rate")
    }

    @Test func binarySegmentAndEvent() throws {
        let pairs = [(try Self.load("data/sound_event/binary1.txt"), try Self.load("data/sound_event/binary1_detected.txt")),
                     (try Self.load("data/sound_event/binary2.txt"), try Self.load("data/sound_event/binary2_detected.txt"))]
        let labels = Self.labels(pairs.flatMap { $0.0 })
        #expect(labels == ["event1"])
        let recordings = Self.recordings(pairs.map { (reference: $0.0, estimated: $0.1) }, labels: labels)
        let segment = Self.compute(recordings, labels: labels, segment: true)
        let id = "binary_segment_and_event"
        try check(segment["segment_accuracy"], id, "segment: overall.accuracy.accuracy")
        try check(segment["segment_balanced_accuracy"], id, "segment: overall.accuracy.balanced_accuracy")
        try check(segment["segment_sensitivity"], id, "segment: overall.accuracy.sensitivity")
        try check(segment["segment_specificity"], id, "segment: overall.accuracy.specificity")
        try check(segment["segment_error_rate"], id, "segment: overall.error_rate.error_rate")
        try check(segment["segment_f1"], id, "segment: overall.f_measure.f_measure")
        let event = Self.compute(recordings, labels: labels, segment: false)
        try check(event["event_error_rate"], id, "event (t_collar=0.20): overall.error_rate.error_rate")
        try check(event["event_f1"], id, "event (t_collar=0.20): overall.f_measure.f_measure")
    }

    @Test func binary5EventBasedPerFile() throws {
        let reference = try Self.load("data/sound_event/binary5.txt"), estimated = try Self.load("data/sound_event/binary5_detected.txt")
        let labels = Self.labels(reference)
        let event = Self.compute(Self.recordings([(reference, estimated)], labels: labels), labels: labels, segment: false)
        try check(event["event_error_rate"], "binary5_event_per_file", "overall.error_rate.error_rate")
        try check(event["event_f1"], "binary5_event_per_file", "overall.f_measure.f_measure")
    }

    @Test func audiosetIdenticalListsSegmentBased() throws {
        let reference = try Self.load("data/sound_event/audioset1.txt"), estimated = try Self.load("data/sound_event/audioset1_detected.txt")
        let labels = Self.labels(reference)
        let m = Self.compute(Self.recordings([(reference, estimated)], labels: labels), labels: labels, segment: true)
        let id = "audioset_identical_segment"
        try check(m["segment_accuracy"], id, "overall.accuracy.accuracy")
        try check(m["segment_balanced_accuracy"], id, "overall.accuracy.balanced_accuracy")
        try check(m["segment_sensitivity"], id, "overall.accuracy.sensitivity")
        try check(m["segment_specificity"], id, "overall.accuracy.specificity")
        try check(m["segment_error_rate"], id, "overall.error_rate.error_rate")
        try check(m["segment_f1"], id, "overall.f_measure.f_measure")
    }

    @Test func directUseInlineLists() throws {
        let segmentReference = try Self.load("inline/direct_use_segment_reference.txt")
        let segmentEstimated = try Self.load("inline/direct_use_segment_estimated.txt")
        var labels = Self.labels(segmentReference)
        let segment = Self.compute(Self.recordings([(segmentReference, segmentEstimated)], labels: labels), labels: labels, segment: true)
        try check(segment["segment_accuracy"], "direct_use_segment_inline", "overall.accuracy.accuracy")
        try check(segment["segment_error_rate"], "direct_use_segment_inline", "overall.error_rate.error_rate")
        let eventReference = try Self.load("inline/direct_use_event_reference.txt")
        let eventEstimated = try Self.load("inline/direct_use_event_estimated.txt")
        labels = Self.labels(eventReference)
        let event = Self.compute(Self.recordings([(eventReference, eventEstimated)], labels: labels), labels: labels, segment: false)
        try check(event["event_f1"], "direct_use_event_inline", "overall.f_measure.f_measure")
        try check(event["event_error_rate"], "direct_use_event_inline", "overall.error_rate.error_rate")
    }

    @Test func emptySystemOutputHandling() throws {
        let reference = try Self.load("inline/empty_system_output_reference.txt")
        let estimated = try Self.load("inline/empty_system_output_estimated.txt")
        let labels = ["event A", "event B"]
        let criteria = EventCriteria(collar: 0.2, percentageOfLength: 0.2)
        let recordings = Self.recordings([(reference, estimated)], labels: labels)
        let undefined = Self.compute(recordings, labels: labels, segment: false, criteria: criteria)
        try check(undefined["event_f1_macro"], "empty_system_output_handling",
                  "empty_system_output_handling=None (default): class_wise_average.f_measure.f_measure")
        let zero = Self.compute(recordings, labels: labels, segment: false, criteria: criteria, zeroScore: true)
        try check(zero["event_f1_macro"], "empty_system_output_handling",
                  "empty_system_output_handling='zero_score': class_wise_average.f_measure.f_measure")
    }
}

extension Double {
    /// Python's `round(x, places)` for the comparison of nose's `assert_almost_equals`.
    func rounded(toPlaces places: Int) -> Double {
        let scale = pow(10.0, Double(places))
        return (self * scale).rounded(.toNearestOrEven) / scale
    }
}
