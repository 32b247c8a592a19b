import EvalKitData

/// A validated scheme: what to evaluate, how, and which gates decide the exit code.
/// Format reference: docs/schemes.md and Schemes/scheme.schema.json.
public struct Scheme: Sendable {
    /// Scheme format version this evalkit reads.
    public static let currentVersion = 1

    public var name: String
    public var description: String?
    /// The scheme file as the user named it, and its SHA-256.
    public var path: String
    public var sha256: String
    public var evaluations: [EvaluationSpec]
    /// `"privacy"`: whether the run may write item-level outputs (every evaluation's `privacy`).
    public var privacy = PrivacyLevel.full
}

/// One evaluation of a scheme: a task kind over one dataset and one set of predictions.
public struct EvaluationSpec: Sendable {
    public var name: String
    public var task: String
    public var dataset: DatasetManifest
    public var predictions: PredictionsSpec
    /// Task-specific options (`positive`, `threshold`, ...), validated by the task kind.
    public var options: JSONNode?
    /// Metrics to report; nil means every metric the task computes.
    public var metrics: [String]?
    /// The node of `metrics`, for error locations.
    public var metricsNode: JSONNode?
    public var gates: [GateSpec]
    public var slicing: SlicingSpec
    public var intervals: IntervalOptions?
    public var missing: MissingPolicy
    public var extra: ExtraPolicy
    /// The plots the scheme asks for (`plots`); nil means the task kind's defaults.
    public var plots: [PlotSpec]? = nil
    /// `"robustness"`: each condition's metrics against the clean condition's.
    public var robustness: RobustnessSpec? = nil
    /// The scheme's `"privacy"` (a scheme-wide setting, copied to each evaluation).
    public var privacy = PrivacyLevel.full
    /// The scheme file (for error messages about this evaluation) and the evaluation's node.
    public var schemeFile: String
    public var node: JSONNode
}

/// The algorithm's outputs: a file and the task-specific column mapping (`id`, `label`, `score`,
/// `targets`), which the task kind validates.
public struct PredictionsSpec: Sendable {
    public var resolvedPath: String
    public var displayPath: String
    public var format: TableFormat
    public var csv: CSVOptions
    public var node: JSONNode
    /// More files of the algorithm's output named by the kind's path keys
    /// (`SchemeSurface.predictionPathKeys`: verification's `gallery`), key → (resolved, display).
    public var extraPaths: [String: (resolved: String, display: String)] = [:]
}

/// What to do with a ground-truth id that has no prediction.
public enum MissingPolicy: String, Sendable, CaseIterable {
    /// Reject the input (exit 2). The default.
    case error
    /// Count the item as wrongly predicted, and report how many there were.
    case countAsWrong = "count_as_wrong"
    /// Leave the item out, and report how many there were.
    case ignore
}

/// What to do with a prediction whose id is not in the ground truth.
public enum ExtraPolicy: String, Sendable, CaseIterable {
    /// Reject the input (exit 2). The default.
    case error
    /// Leave the prediction out, and report how many there were.
    case ignore
}
