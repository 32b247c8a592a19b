import EvalKitData
import Foundation
import Testing
@testable import EvalKitMetrics

/// One case of `Tests/Fixtures/events/sed_eval.json` (make_sed_eval_fixtures.py, sed_eval 0.2.1):
/// recordings with reference and estimated events, the metric's parameters, and sed_eval's counts
/// and results.
struct SedEvalCase: Sendable, CustomTestStringConvertible {
    var name: String
    var node: JSONNode
    var testDescription: String { name }

    var metric: String { node["metric"]!.stringValue! }
    var params: JSONNode { node["params"]! }
    var labels: [String] { node["labels"]!.arrayItems!.map { $0.stringValue! } }
    var zeroScore: Bool { params["empty_system_output_handling"]?.stringValue == "zero_score" }

    /// The recordings as evalkit reads them; nil when a label is not in `labels` (evalkit rejects it).
    var videos: [(name: String, video: VideoEvents)]? {
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, Int32($0)) })
        var result: [(String, VideoEvents)] = []
        for recording in node["recordings"]!.arrayItems! {
            func events(_ key: String) -> [TimedEvent]? {
                var list: [TimedEvent] = []
                for e in recording[key]!.arrayItems! {
                    let items = e.arrayItems!
                    guard let label = index[items[2].stringValue!] else { return nil }
                    list.append(TimedEvent(onset: items[0].numberValue!, offset: items[1].numberValue!, label: label))
                }
                return list
            }
            guard let reference = events("reference"), let estimated = events("estimated") else { return nil }
            result.append((recording["name"]!.stringValue!,
                           VideoEvents(duration: recording["duration"]!.numberValue!, reference: reference, estimated: estimated)))
        }
        return result
    }

    var criteria: EventCriteria {
        EventCriteria(collar: params["t_collar"]!.numberValue!, percentageOfLength: params["percentage_of_length"]!.numberValue!,
                      evaluateOnset: params["evaluate_onset"]!.boolValue!, evaluateOffset: params["evaluate_offset"]!.boolValue!,
                      matching: EventCriteria.Matching(rawValue: params["event_matching_type"]!.stringValue!)!)
    }

    /// The evalkit state of the case: segment counts at its resolution, or event counts.
    func state() -> EventsState? {
        guard let videos else { return nil }
        var state = EventsState(labels: labels, hasFrames: false)
        var counter = GridCounter(classes: labels.count)
        for (name, video) in videos {
            let segments = metric == "segment"
                ? counter.count(video, grid: TimeGrid(.resolution(params["time_resolution"]!.numberValue!)))
                : GridCounts(classes: labels.count)
            let events = metric == "event" ? EventMatcher.count(video, classes: labels.count, criteria: criteria) : EventCounts(classes: labels.count)
            state.add(EventsState.Video(name: name, seconds: video.duration, segments: segments, frames: nil, events: events))
        }
        return state
    }
}

enum SedEvalFixtures {
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/events/sed_eval.json")

    /// Parsed with evalkit's own JSON parser, which reads every double exactly (event times on a
    /// collar's edge must not move by an ulp).
    static let root: JSONNode? = {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONParser.parse([UInt8](data), file: url.path)
    }()

    static var cases: [SedEvalCase] {
        (root?["cases"]?.arrayItems ?? []).map { SedEvalCase(name: $0["name"]!.stringValue!, node: $0) }
    }
}

/// The `events` task's segment- and event-based counts and metrics against sed_eval 0.2.1: counts
/// exactly, values to 1e-12 where both define them; where sed_eval divides by ε (a rate with no
/// reference unit, a sensitivity with no positive), evalkit reports undefined instead.
@Suite struct EventsFixtureTests {
    static let tolerance = 1e-12

    @Test func fixtureFileLoads() {
        #expect(SedEvalFixtures.root?["versions"]?["sed_eval"]?.stringValue == "0.2.1")
        #expect(SedEvalFixtures.cases.count >= 40)
        #expect(SedEvalFixtures.cases.filter { $0.metric == "segment" }.count >= 15)
        #expect(SedEvalFixtures.cases.filter { $0.metric == "event" }.count >= 20)
    }

    func expectClose(_ ours: Double?, _ theirs: JSONNode?, _ what: String, defined: Bool, _ fixture: SedEvalCase,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        guard let ours else {
            Issue.record("\(fixture.name) \(what): evalkit has no value", sourceLocation: sourceLocation)
            return
        }
        let reference = theirs?.numberValue ?? .nan
        if !defined {
            #expect(ours.isNaN, "\(fixture.name) \(what): evalkit \(ours) where it should be undefined (sed_eval \(reference))",
                    sourceLocation: sourceLocation)
            return
        }
        if reference.isNaN {
            #expect(ours.isNaN, "\(fixture.name) \(what): evalkit \(ours), sed_eval NaN", sourceLocation: sourceLocation)
        } else {
            #expect(abs(ours - reference) <= Self.tolerance, "\(fixture.name) \(what): evalkit \(ours), sed_eval \(reference)",
                    sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: SedEvalFixtures.cases)
    func agreesWithSedEval(_ fixture: SedEvalCase) {
        guard let state = fixture.state() else {
            // Labels outside the declared list: sed_eval counts them overall only, evalkit rejects them.
            #expect(fixture.name.contains("not_in_list"), "\(fixture.name): a label outside `labels` in an unexpected case")
            return
        }
        let family = fixture.metric
        let expected = fixture.node["expected"]!
        let counts = expected["overall_counts"]!
        let computed = EventsMetrics.compute(state, settings: .init(zeroScoreWithoutOutput: fixture.zeroScore))
        let m = computed.metrics
        let totals = state.totals()
        let classes = fixture.labels.count
        // Counts, exactly.
        if family == "segment" {
            let g = totals.segments
            let sums = (tp: g.tp.reduce(0, +), fp: g.fp.reduce(0, +), fn: g.fn.reduce(0, +), tn: g.tn.reduce(0, +))
            #expect(Double(sums.tp) == counts["Ntp"]!.numberValue!, "\(fixture.name) Ntp")
            #expect(Double(sums.fp) == counts["Nfp"]!.numberValue!, "\(fixture.name) Nfp")
            #expect(Double(sums.fn) == counts["Nfn"]!.numberValue!, "\(fixture.name) Nfn")
            #expect(Double(sums.tn) == counts["Ntn"]!.numberValue!, "\(fixture.name) Ntn")
            #expect(Double(g.substitutions) == counts["S"]!.numberValue!, "\(fixture.name) S")
            #expect(Double(g.deletions) == counts["D"]!.numberValue!, "\(fixture.name) D")
            #expect(Double(g.insertions) == counts["I"]!.numberValue!, "\(fixture.name) I")
            for (k, label) in fixture.labels.enumerated() {
                let c = expected["class_wise_counts"]![label]!
                #expect(Double(g.tp[k]) == c["Ntp"]!.numberValue! && Double(g.fp[k]) == c["Nfp"]!.numberValue!
                            && Double(g.fn[k]) == c["Nfn"]!.numberValue! && Double(g.tn[k]) == c["Ntn"]!.numberValue!,
                        "\(fixture.name) class \(label) counts")
            }
        } else {
            let e = totals.events
            #expect(Double(e.tp.reduce(0, +)) == counts["Ntp"]!.numberValue!, "\(fixture.name) Ntp")
            #expect(Double(e.substitutions) == counts["Nsubs"]!.numberValue!, "\(fixture.name) Nsubs")
            #expect(Double(e.reference.reduce(0, +)) == counts["Nref"]!.numberValue!, "\(fixture.name) Nref")
            #expect(Double(e.system.reduce(0, +)) == counts["Nsys"]!.numberValue!, "\(fixture.name) Nsys")
            #expect(m["event_fp"] == counts["Nfp"]!.numberValue!, "\(fixture.name) Nfp")
            #expect(m["event_fn"] == counts["Nfn"]!.numberValue!, "\(fixture.name) Nfn")
            for (k, label) in fixture.labels.enumerated() {
                let c = expected["class_wise_counts"]![label]!
                #expect(Double(e.tp[k]) == c["Ntp"]!.numberValue! && Double(e.reference[k]) == c["Nref"]!.numberValue!
                            && Double(e.system[k]) == c["Nsys"]!.numberValue!, "\(fixture.name) class \(label) counts")
            }
        }
        // Values.
        let results = expected["results"]!
        let overall = results["overall"]!
        let nref = counts["Nref"]!.numberValue!
        let nsys = counts["Nsys"]!.numberValue!
        expectClose(m["\(family)_precision"], overall["f_measure"]?["precision"], "precision", defined: nsys > 0 || fixture.zeroScore, fixture)
        expectClose(m["\(family)_recall"], overall["f_measure"]?["recall"], "recall", defined: nref > 0, fixture)
        expectClose(m["\(family)_f1"], overall["f_measure"]?["f_measure"], "f1", defined: true, fixture)
        for key in ["error_rate", "substitution_rate", "deletion_rate", "insertion_rate"] {
            expectClose(m["\(family)_\(key)"], overall["error_rate"]?[key], key, defined: nref > 0, fixture)
        }
        var classRows: [String: MetricValues] = [:]
        for row in computed.perClass { classRows[row.label] = row.metrics }
        var macroComparable = true
        var accuracyComparable = true
        for label in fixture.labels {
            let row = classRows[label]!
            let theirs = results["class_wise"]![label]!
            let c = expected["class_wise_counts"]![label]!
            let classRef = c["Nref"]!.numberValue!, classSys = c["Nsys"]!.numberValue!
            expectClose(row["\(family)_precision"], theirs["f_measure"]?["precision"], "\(label) precision",
                        defined: classSys > 0 || fixture.zeroScore, fixture)
            expectClose(row["\(family)_recall"], theirs["f_measure"]?["recall"], "\(label) recall", defined: classRef > 0, fixture)
            expectClose(row["\(family)_f1"], theirs["f_measure"]?["f_measure"], "\(label) f1", defined: true, fixture)
            for key in ["error_rate", "deletion_rate", "insertion_rate"] {
                expectClose(row["\(family)_\(key)"], theirs["error_rate"]?[key], "\(label) \(key)", defined: classRef > 0, fixture)
            }
            if classRef == 0 { macroComparable = false }
            if family == "segment" {
                let tn = c["Ntn"]!.numberValue!, fp = c["Nfp"]!.numberValue!
                let positives = classRef > 0, negatives = tn + fp > 0
                if !positives || !negatives { accuracyComparable = false }
                expectClose(row["segment_sensitivity"], theirs["accuracy"]?["sensitivity"], "\(label) sensitivity", defined: positives, fixture)
                expectClose(row["segment_specificity"], theirs["accuracy"]?["specificity"], "\(label) specificity", defined: negatives, fixture)
                expectClose(row["segment_accuracy"], theirs["accuracy"]?["accuracy"], "\(label) accuracy", defined: positives || negatives, fixture)
                expectClose(row["segment_balanced_accuracy"], theirs["accuracy"]?["balanced_accuracy"], "\(label) balanced accuracy",
                            defined: positives && negatives, fixture)
            }
        }
        // Class-wise averages (numpy's nanmean): F1, precision and recall always; the rates only
        // where every class has reference units (sed_eval averages its ε-divided values in).
        let average = results["class_wise_average"]!
        for key in ["f_measure", "precision", "recall"] where classes > 0 {
            let ours = key == "f_measure" ? "f1" : key
            expectClose(m["\(family)_\(ours)_macro"], average["f_measure"]?[key], "\(ours)_macro", defined: true, fixture)
        }
        if macroComparable {
            for key in ["error_rate", "deletion_rate", "insertion_rate"] {
                expectClose(m["\(family)_\(key)_macro"], average["error_rate"]?[key], "\(key)_macro", defined: true, fixture)
            }
        }
        if family == "segment" {
            let positives = Double(totals.segments.tp.reduce(0, +) + totals.segments.fn.reduce(0, +))
            let negatives = Double(totals.segments.tn.reduce(0, +) + totals.segments.fp.reduce(0, +))
            let acc = overall["accuracy"]!
            expectClose(m["segment_sensitivity"], acc["sensitivity"], "sensitivity", defined: positives > 0, fixture)
            expectClose(m["segment_specificity"], acc["specificity"], "specificity", defined: negatives > 0, fixture)
            expectClose(m["segment_accuracy"], acc["accuracy"], "accuracy", defined: positives + negatives > 0, fixture)
            expectClose(m["segment_balanced_accuracy"], acc["balanced_accuracy"], "balanced_accuracy", defined: positives > 0 && negatives > 0, fixture)
            if accuracyComparable && classes > 0 {
                for key in ["sensitivity", "specificity", "accuracy", "balanced_accuracy"] {
                    expectClose(m["segment_\(key)_macro"], average["accuracy"]?[key], "\(key)_macro", defined: true, fixture)
                }
            }
        }
    }

    /// Merging the videos' states in any order equals the whole; serialising round-trips.
    @Test func statesMergeAndTravel() throws {
        for fixture in SedEvalFixtures.cases.prefix(12) {
            guard let whole = fixture.state(), whole.videos.count > 1 else { continue }
            var reversed = EventsState(labels: fixture.labels, hasFrames: false)
            for video in whole.videos.reversed() {
                var single = EventsState(labels: fixture.labels, hasFrames: false)
                single.add(video)
                reversed.merge(single)
            }
            let a = EventsMetrics.compute(whole).metrics, b = EventsMetrics.compute(reversed).metrics
            for key in EventsMetrics.metricNames(frames: false) {
                let x = a[key] ?? .nan, y = b[key] ?? .nan
                #expect(x == y || (x.isNaN && y.isNaN), "\(fixture.name) \(key): \(x) vs \(y) after merging in reverse")
            }
            var writer = StateWriter()
            whole.write(to: &writer)
            var reader = StateReader(writer.bytes)
            let back = try EventsState(from: &reader)
            #expect(back.videos == whole.videos && back.labels == whole.labels)
        }
    }
}
