import EvalKitData
import Foundation

/// Task kind `tracking`: multi-object tracking, per target object, with CLEAR MOT, Identity and
/// HOTA as TrackEval computes them (or CLEAR and Identity under py-motmetrics' rules), per class
/// and combined; slices by sequence metadata and box attributes, intervals that resample
/// sequences, shards by sequence (docs/metrics.md, "Tracking").
///
/// Inputs: ground truth and tracker output as MOTChallenge text (one file per sequence) or as one
/// CSV/JSONL table with a sequence column; the dataset's sequences table (role `metadata`) gives
/// each sequence's length and attributes and is the list of sequences evaluated.
public struct TrackingTask: TaskKind {
    public static let name = "tracking"
    public static let summary = "multi-object tracking: HOTA, CLEAR MOT (MOTA, MOTP, ID switches, fragmentations, MT/PT/ML) and IDF1 "
        + "(TrackEval's definitions), per class, per sequence and per target object"
    public static var catalog: MetricCatalog { TrackingCatalog.catalog }
    public static let surface: SchemeSurface = {
        var surface = SchemeSurface(
        predictionKeys: [], optionKeys: TrackingOptions.keys,
        manifest: ManifestSurface(kind: name, columnKeys: ["length", "frame_rate", "width", "height", "object_attributes"],
                                  attributeListKeys: ["object_attributes"], requiresLabel: false),
        roles: ["ground_truth", "predictions", "metadata"], formats: [.mot, .csv, .jsonl],
        predictionsHint: "tracking predictions are MOTChallenge text files ({\"path\": \"tracker\", \"format\": \"mot\"}: a directory of "
            + "<sequence>.txt) or one CSV/JSONL table with a sequence column")
        surface.sliceAttributes = ["class"] + TrackingPlan.derivedAttributes
        surface.plots = [.trackingErrors, .sliceBars]
        return surface
    }()

    public static func plan(_ spec: EvaluationSpec) throws -> any EvaluationTask {
        TrackingEvaluation(plan: try TrackingPlan.make(spec))
    }
}

/// The checked inputs of a tracking evaluation.
struct TrackingPlan {
    var spec: EvaluationSpec
    var options: TrackingOptions
    var truth: DatasetManifest.File
    var truthFormat: TableFormat
    var predictionFormat: TableFormat
    var sequencesFile: DatasetManifest.File
    var sequenceColumns: TrackingFiles.SequenceColumns
    /// Slicing attributes of the sequences table.
    var sequenceAttributes: [String]
    /// Slicing attributes of the boxes: `visibility_band`, `size_band`, table columns.
    var boxAttributes: [String]
    /// The box attributes read from a table's columns (`columns.object_attributes`).
    var columnAttributes: [String]
    /// Whether a slice is by `class`.
    var slicesByClass: Bool
    /// Per-alpha HOTA keys the scheme names (computed only then).
    var alphaKeys: Bool

    static let derivedAttributes = ["visibility_band", "size_band"]

    static func isMOTPath(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return path.contains("{sequence}") || (FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue)
    }

    static func make(_ spec: EvaluationSpec) throws -> TrackingPlan {
        var reader = NodeReader(file: spec.schemeFile)
        let manifest = spec.dataset
        let manifestFile = manifest.manifestPath ?? spec.schemeFile
        guard let truth = manifest.groundTruth else {
            throw InputError(file: manifestFile, message: "the dataset has no ground_truth file (MOTChallenge files or a table of boxes)")
        }
        guard let sequencesFile = manifest.files.first(where: { $0.role == "metadata" }) else {
            throw InputError(file: manifestFile, field: "files",
                             message: "a tracking dataset needs a sequences table: a file with role \"metadata\", one row per sequence with its length in frames",
                             hint: "lengths come from this table (no seqinfo.ini, no folder layout); e.g. {\"path\": \"sequences.csv\", \"role\": \"metadata\"} "
                                 + "with columns sequence,length")
        }
        var columnReader = NodeReader(file: manifestFile)
        var columns = TrackingFiles.SequenceColumns()
        columns.name = manifest.idColumn
        for key in ["length", "frame_rate", "width", "height"] {
            guard let node = manifest.kindColumns[key], let value = columnReader.string(node, key, in: node) else { continue }
            switch key {
            case "length": columns.length = value
            case "frame_rate": columns.frameRate = value
            case "width": columns.width = value
            default: columns.height = value
            }
        }
        try columnReader.check()
        let options = TrackingOptions.read(spec.options, reader: &reader)
        let truthFormat: TableFormat = truth.format == .mot || isMOTPath(truth.resolvedPath) ? .mot : (truth.format ?? .csv)
        let predictionFormat: TableFormat = spec.predictions.format == .mot || isMOTPath(spec.predictions.resolvedPath) ? .mot : spec.predictions.format
        let predictionsNode = spec.predictions.node
        if ![TableFormat.mot, .csv, .jsonl].contains(predictionFormat) {
            reader.fail(predictionsNode, expected: "MOTChallenge text (\"format\": \"mot\") or a CSV or JSONL table", found: quoted(predictionFormat.rawValue))
        }
        if ![TableFormat.mot, .csv, .jsonl].contains(truthFormat) {
            throw InputError(file: truth.displayPath, field: "format", expected: "MOTChallenge text (\"format\": \"mot\") or a CSV or JSONL table",
                             found: quoted(truthFormat.rawValue))
        }
        let objectColumns = manifest.kindAttributeColumns
        let attributes = spec.slicing.attributes
        let sequenceAttributes = attributes.filter { manifest.attributeColumns.contains($0) }
        var boxAttributes: [String] = []
        var slicesByClass = false
        for name in attributes where !sequenceAttributes.contains(name) {
            if name == "class" {
                slicesByClass = true
            } else if derivedAttributes.contains(name) || objectColumns.contains(name) {
                boxAttributes.append(name)
            }
        }
        if slicesByClass && !options.isMultiClass {
            reader.fail(spec.node["slices"] ?? predictionsNode, "slices by class need the classes evaluated",
                        hint: "name them with options.classes, e.g. {\"1\": \"pedestrian\", \"3\": \"car\"}")
        }
        let columnAttributes = boxAttributes.filter { objectColumns.contains($0) }
        if !columnAttributes.isEmpty && truthFormat == .mot {
            reader.fail(spec.node["slices"] ?? predictionsNode,
                        "box attributes named by columns.object_attributes are read from a ground-truth table (CSV or JSONL), not from MOTChallenge text",
                        hint: "MOTChallenge files give visibility_band and size_band")
        }
        let requested = Set((spec.metrics ?? []) + spec.gates.map(\.metric))
        let alphaKeys = requested.contains { key in
            TrackingMetrics.alphaKeys.contains { key.hasPrefix($0 + "@alpha=") }
        }
        try reader.check()
        return TrackingPlan(spec: spec, options: options, truth: truth, truthFormat: truthFormat, predictionFormat: predictionFormat,
                            sequencesFile: sequencesFile, sequenceColumns: columns, sequenceAttributes: sequenceAttributes,
                            boxAttributes: boxAttributes, columnAttributes: columnAttributes, slicesByClass: slicesByClass, alphaKeys: alphaKeys)
    }
}
