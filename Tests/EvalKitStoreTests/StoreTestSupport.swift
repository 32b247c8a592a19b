import Foundation
import Testing
@testable import EvalKit
import EvalKitData
@testable import EvalKitStore
import GRDB

/// A fresh temporary directory for one test.
func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "evalkit-store-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// A history in a fresh directory (`dir/.evalkit/history.sqlite`).
func freshHistory(busyTimeout: TimeInterval = RunHistory.defaultBusyTimeout) throws -> RunHistory {
    try RunHistory(path: try temporaryDirectory() + "/.evalkit/history.sqlite", busyTimeout: busyTimeout)
}

/// Whole milliseconds, as the history stores times.
let t0 = Date(timeIntervalSince1970: 1_795_000_000.125)

func provenance(exitStatus: Int32 = 0, minutes: Double = 0) -> RunProvenance {
    RunProvenance(gitCommit: "0123456789abcdef0123456789abcdef01234567", host: "ci-runner-1",
                  startedAt: t0.addingTimeInterval(minutes * 60), finishedAt: t0.addingTimeInterval(minutes * 60 + 2.5),
                  exitStatus: exitStatus)
}

/// A metric set `m0 … m{count-1}` with deterministic values; `undefined` names get NaN + reason.
func metricValues(_ names: [String], seed: Double, undefined: Set<String> = []) -> MetricValues {
    var values = MetricValues()
    for (i, name) in names.enumerated() {
        if undefined.contains(name) {
            values.set(name, .nan, undefinedReason: "\(name): no predicted positives")
        } else {
            values.set(name, (seed * 7 + Double(i) * 0.013).truncatingRemainder(dividingBy: 1))
        }
    }
    return values
}

/// A hand-built result: one evaluation (two with `twoEvaluations`), `slices` slices over
/// `sex × race`, `metricCount` metrics each with intervals, per class, a suppressed slice, an
/// undefined metric, a disparity and gates (one on a slice, one on an undefined value).
func makeResult(
    scheme: String = "face-attributes", f1: Double = 0.61, slices sliceCount: Int = 6, metricCount: Int = 5,
    twoEvaluations: Bool = false
) -> RunResult {
    var names = ["f1", "precision", "recall", "fpr", "roc_auc"]
    while names.count < metricCount { names.append("m\(names.count)") }
    names = Array(names.prefix(max(metricCount, 1)))
    var overall = metricValues(names, seed: f1, undefined: ["roc_auc"])
    overall.set("f1", f1)
    var computed = ComputedMetrics()
    computed.metrics = overall
    computed.count = 7214
    computed.perClass = [("0", metricValues(["precision", "recall", "f1", "support"], seed: 0.3)),
                         ("1", metricValues(["precision", "recall", "f1", "support"], seed: 0.4))]
    var intervals: [String: Interval] = [:]
    for name in overall.keys where !(overall[name]!.isNaN) {
        intervals[name] = Interval(lower: overall[name]! - 0.02, upper: overall[name]! + 0.02)
    }
    let races = ["Black", "White", "Asian", "Other, mixed", "a=b%", "Hispanic", "Native"]
    var slices: [SliceResult] = []
    for i in 0..<sliceCount {
        let attributes = i % 3 == 2 ? ["race"] : ["sex", "race"]
        let values = attributes.count == 1 ? ["\(races[i % races.count])-\(i)"] : [i % 2 == 0 ? "Female" : "Male", "\(races[i % races.count])-\(i)"]
        let suppressed = i == 1
        let metrics = suppressed ? MetricValues() : metricValues(names, seed: f1 + Double(i) * 0.01, undefined: i == 3 ? ["recall"] : [])
        var sliceIntervals: [String: Interval] = [:]
        for name in metrics.keys where !(metrics[name]!.isNaN) {
            sliceIntervals[name] = Interval(lower: metrics[name]! - 0.05, upper: metrics[name]! + 0.05)
        }
        slices.append(SliceResult(attributes: attributes, values: values, count: 100 + i, metrics: metrics,
                                  allMetrics: metrics, intervals: sliceIntervals, suppressed: suppressed))
    }
    let disparity = DisparityResult(
        metric: "fpr", attributes: ["sex", "race"], min: 0.1, max: 0.3, difference: 0.2, ratio: 1.0 / 3.0,
        minSlice: ["Female", "Black-0"], maxSlice: ["Male", "Other, mixed-3"], compared: 4,
        differenceInterval: Interval(lower: 0.1, upper: 0.3), ratioInterval: nil)
    let evaluation = EvaluationResult(
        name: "gender", task: "classification", datasetName: "faces", manifestPath: "../Datasets/faces/dataset.json",
        datasetSHA256: String(repeating: "a", count: 64), predictionsPath: "../Datasets/faces/predictions.csv",
        predictionsSHA256: String(repeating: "b", count: 64),
        files: [.init(role: "ground_truth", path: "gt.csv", sha256: String(repeating: "a", count: 64), rows: 7214),
                .init(role: "predictions", path: "p.csv", sha256: String(repeating: "b", count: 64), rows: 7220)],
        inputs: { var i = InputsRead(); i.matched = 7214; i.extra = 6; return i }(),
        computed: computed, intervals: intervals, slices: slices, disparities: [disparity], minSliceSize: 30,
        notes: ["roc_auc: undefined"])
    var evaluations = [evaluation]
    if twoEvaluations {
        var second = evaluation
        second.name = "age"
        second.computed.metrics.set("f1", f1 / 2)
        evaluations.append(second)
    }
    let gates = [
        GateResult(gate: "f1 >= 0.6", evaluation: "gender", metric: "f1", passed: f1 >= 0.6, observed: f1, limit: 0.6,
                   slice: nil, message: f1 >= 0.6 ? "" : "f1 \(f1) < 0.6"),
        GateResult(gate: "roc_auc >= 0.8", evaluation: "gender", metric: "roc_auc", passed: false, observed: nil,
                   limit: 0.8, slice: nil, message: "roc_auc is undefined: single class"),
        GateResult(gate: "recall >= 0.4 [race=Black-0, sex=Female]", evaluation: "gender", metric: "recall", passed: true,
                   observed: 0.5, limit: 0.4, slice: ["sex": "Female", "race": "Black-0"], message: "",
                   baseline: 0.52, drop: 0.02),
    ]
    return RunResult(schemeName: scheme, schemePath: "Schemes/\(scheme).json",
                     schemeSHA256: String(repeating: "c", count: 64), evaluations: evaluations, gates: gates)
}

/// `value` as the history stores it: nil for NaN.
func stored(_ value: Double?) -> Double? {
    guard let value, !value.isNaN else { return nil }
    return value
}

/// Checks every metric of `metrics` (with `intervals`) against `read`, in order.
func expectSame(_ read: [StoredMetric], _ metrics: MetricValues, _ intervals: [String: Interval],
                sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(read.map(\.name) == metrics.keys, sourceLocation: sourceLocation)
    for metric in read {
        #expect(metric.value == stored(metrics[metric.name]), "\(metric.name)", sourceLocation: sourceLocation)
        #expect(metric.undefinedReason == metrics.undefinedReasons[metric.name], sourceLocation: sourceLocation)
        #expect(metric.interval == intervals[metric.name], "\(metric.name)", sourceLocation: sourceLocation)
    }
}

/// The number of rows in each table of the history (to check that nothing was written).
func rowCounts(_ history: RunHistory) throws -> [String: Int] {
    try history.pool.read { db in
        var counts: [String: Int] = [:]
        for table in ["run", "evaluation", "input_file", "slice", "metric", "slice_metric", "disparity", "gate"] {
            counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)")
        }
        return counts
    }
}

/// The error `body` throws, or nil (recording an issue) when it does not throw.
func thrown(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> Error? {
    do {
        try body()
        Issue.record("expected an error", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}
