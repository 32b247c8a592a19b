import EvalKitData

/// Task kind `detection`: boxes in images, scored as pycocotools' COCOeval (bbox) scores them,
/// plus counts at an operating point and the detected objects' attributes on matched pairs
/// (docs/metrics.md, "Detection").
public struct DetectionTask: TaskKind {
    public static let name = "detection"
    public static let summary = "object detection: COCO AP/AR (pycocotools' definitions), rates at an operating point, attributes of matched objects"
    public static var catalog: MetricCatalog { DetectionCatalog.catalog }
    /// Predictions: a COCO results file, or a table with image id, category and score columns;
    /// manifests may name attributes of the boxes (`object_attributes`).
    public static let surface = SchemeSurface(
        predictionKeys: ["label", "score"], optionKeys: DetectionOptions.keys,
        manifest: ManifestSurface(kind: name, columnKeys: ["object_attributes"]), roles: ["ground_truth", "predictions", "metadata"],
        formats: [.coco, .csv, .jsonl], plots: [.precisionRecall, .sliceBars])

    public static func plan(_ spec: EvaluationSpec) throws -> any EvaluationTask {
        var reader = NodeReader(file: spec.schemeFile)
        let manifest = spec.dataset
        let predictions = spec.predictions.node
        guard let truth = manifest.groundTruth else {
            throw InputError(file: manifest.manifestPath ?? spec.schemeFile, message: "the dataset has no ground_truth file")
        }
        let coco = truth.format == .coco
        // The scheme loader checked the keys against `surface`; a COCO results file names its own fields.
        for (key, value) in predictions.objectMembers ?? [] where coco && !["path", "format"].contains(key) {
            reader.fail(value, "\(quoted(key)) is not a key of detection predictions read from a COCO results file (it names its own fields)",
                        hint: "detection predictions in COCO format take \"path\" and \"format\"")
        }
        if coco != (spec.predictions.format == .coco) {
            reader.fail(predictions, "ground truth and detections must both be COCO files or both be tables",
                        expected: coco ? "a COCO results file (.json)" : "a CSV or JSONL table",
                        found: quoted(spec.predictions.format.rawValue))
        }
        let options = DetectionOptions.read(spec.options, reader: &reader)
        try reader.check()
        return DetectionEvaluation(spec: spec, truthFile: truth, options: options)
    }
}
