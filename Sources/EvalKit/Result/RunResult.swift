import EvalKitData

/// Everything a run produced: what reports render and results.json records (docs/design.md §4).
public struct RunResult: Sendable {
    public var version = EvalKitVersion.current
    public var schemeName: String
    public var schemePath: String
    public var schemeSHA256: String
    public var evaluations: [EvaluationResult]
    public var gates: [GateResult]
    /// The baseline change gates compared with, when there was one.
    public var baselineReference: String? = nil
    /// The scheme's `"privacy"`: with `.aggregateOnly` the result holds no item-level output
    /// (no item tables, no item outcomes), and every report says so.
    public var privacy = PrivacyLevel.full
    /// Whether every gate passed (true when there are no gates).
    public var passed: Bool { gates.allSatisfy(\.passed) }
}

/// The result of one evaluation of a scheme.
public struct EvaluationResult: Sendable {
    public var name: String
    public var task: String
    public var datasetName: String
    public var manifestPath: String?
    /// SHA-256 of the ground-truth file (docs/design.md §4 `dataset.sha256`).
    public var datasetSHA256: String
    public var predictionsPath: String
    public var predictionsSHA256: String
    /// Every file read, with role and digest.
    public var files: [InputsRead.FileDigest]
    public var inputs: InputsRead
    /// Metrics, per class, confusion matrix, operating points, notes; restricted to the metrics the
    /// scheme asked for (all by default).
    public var computed: ComputedMetrics
    /// Intervals of the overall metrics.
    public var intervals: [String: Interval] = [:]
    public var slices: [SliceResult] = []
    public var disparities: [DisparityResult] = []
    /// Each condition against the clean one, when the scheme asks for `robustness`.
    public var robustness: RobustnessResult? = nil
    /// `min_slice_size` applied.
    public var minSliceSize = SlicingSpec.defaultMinSliceSize
    /// Each item's outcome, when the run recorded them (for paired tests of later runs); always
    /// nil with privacy `aggregate_only`.
    public var outcomes: ItemOutcomes? = nil
    /// The scheme's `"privacy"` (as `RunResult.privacy`).
    public var privacy = PrivacyLevel.full
    public var notes: [String]
    /// `EvaluationSpec.setupSHA256`: what determines the numbers besides the data.
    public var setupSHA256: String? = nil
    /// The plots the scheme asks for; nil means the task kind's defaults (`SchemeSurface.plots`).
    public var plots: [PlotSpec]? = nil
}

/// The outcome of one gate.
public struct GateResult: Sendable {
    /// The gate as people read it, e.g. `f1 >= 0.6`.
    public var gate: String
    public var evaluation: String
    public var metric: String
    public var passed: Bool
    /// The value the gate saw; nil when the metric is undefined on this data.
    public var observed: Double?
    public var limit: Double
    /// The slice the gate looked at; nil for the overall value.
    public var slice: [String: String]?
    /// The slice groupings the gate looks at (empty for an overall or clean gate); plots choose
    /// a grouping's default metric from them.
    public var groupings: [[String]] = []
    /// Why it failed, in words (empty when it passed).
    public var message: String
    /// Change gates: the baseline's value and the drop from it (positive = worse). Gates
    /// `"against": "clean"`: the clean condition's value and the worst condition's drop.
    public var baseline: Double? = nil
    /// What `baseline` is the value of: nil for a baseline run, `clean` for the clean condition.
    public var against: String? = nil
    public var drop: Double? = nil
    /// Change gates with `require: significant`: the paired test, in words.
    public var pairedTest: String? = nil
    /// False when the gate had nothing to check (an undefined metric, every slice suppressed) and
    /// passed only because the scheme says `"when_undefined": "pass"`.
    public var checked = true
}
