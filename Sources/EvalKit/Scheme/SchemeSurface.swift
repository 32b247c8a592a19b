import EvalKitData

/// What a task kind reads from a scheme and its dataset beyond what every kind shares: its
/// `predictions` keys, its `options` keys, its manifest `columns` keys, the manifest file roles
/// and the file formats it reads. The scheme loader checks the shared keys itself and each
/// evaluation's own keys against its kind's surface (`SchemeSurface+Check.swift`).
public struct SchemeSurface: Sendable {
    /// `predictions` keys every kind takes.
    public static let commonPredictionKeys = ["path", "format", "delimiter", "id"]

    /// The kind's own `predictions` keys.
    public var predictionKeys: [String]
    /// The kind's `options` keys.
    public var optionKeys: [String]
    /// The kind's own manifest `columns` keys.
    public var manifest: ManifestSurface
    /// The manifest file roles the kind reads (of `DatasetManifest.roles`, which every kind shares;
    /// declared, not checked: a manifest may list files the kind does not read).
    public var roles: [String]
    /// The formats of the files the kind reads (predictions and ground truth).
    public var formats: [TableFormat]
    /// The `predictions` keys that name more files of the algorithm's output (paths relative to
    /// the scheme, read and protected like the predictions file).
    public var predictionPathKeys: [String] = []
    /// Attributes to slice by that the kind derives from its inputs rather than reads from a
    /// column (tracking's `class`, `visibility_band`, `size_band`).
    public var sliceAttributes: [String] = []
    /// The plots the kind can draw, in the order a report shows them; without a scheme's `plots`
    /// each is drawn when the results hold its data (docs/reports.md).
    public var plots: [PlotKind] = [.sliceBars]
    /// Said when predictions name a key of another kind (text: "name the predicted text column with \"text\"").
    public var predictionsHint: String?

    public init(predictionKeys: [String], optionKeys: [String], manifest: ManifestSurface, roles: [String],
                formats: [TableFormat], predictionsHint: String? = nil, plots: [PlotKind] = [.sliceBars]) {
        self.predictionKeys = predictionKeys
        self.optionKeys = optionKeys
        self.manifest = manifest
        self.roles = roles
        self.formats = formats
        self.predictionsHint = predictionsHint
        self.plots = plots
    }

    /// Every `predictions` key the kind takes.
    public var allowedPredictionKeys: [String] { Self.commonPredictionKeys + predictionKeys }
}
