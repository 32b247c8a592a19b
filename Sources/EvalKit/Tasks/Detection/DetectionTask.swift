import EvalKitData

/// Task kind `detection`: boxes in images, scored as pycocotools' COCOeval (bbox) scores them,
/// plus counts at an operating point and the detected objects' attributes on matched pairs
/// (docs/metrics.md, "Detection").
public struct DetectionTask: TaskKind {
    public static let name = "detection"
    public static let summary = "object detection: COCO AP/AR (pycocotools' definitions), rates at an operating point, attributes of matched objects"

    static let predictionKeys = ["path", "format"]

    public static func plan(_ spec: EvaluationSpec) throws -> any EvaluationTask {
        var reader = NodeReader(file: spec.schemeFile)
        let manifest = spec.dataset
        let predictions = spec.predictions.node
        for (key, value) in predictions.objectMembers ?? [] where !predictionKeys.contains(key) {
            reader.fail(value, "\(quoted(key)) is not a key of detection predictions (a COCO results file names its own fields)",
                        hint: "detection predictions take \"path\" and \"format\"")
        }
        guard let truth = manifest.groundTruth else {
            throw InputError(file: manifest.manifestPath ?? spec.schemeFile, message: "the dataset has no ground_truth file")
        }
        if truth.format != .coco {
            reader.append(InputError(file: manifest.manifestPath ?? spec.schemeFile, field: "format",
                                     expected: "a ground_truth file with \"format\": \"coco\"", found: quoted(truth.format?.rawValue ?? "none"),
                                     message: "the detection task reads COCO ground truth"))
        }
        if spec.predictions.format != .coco {
            reader.fail(predictions, "the detection task reads COCO results files", expected: "\"format\": \"coco\" (a .json file)",
                        found: quoted(spec.predictions.format.rawValue))
        }
        let options = DetectionOptions.read(spec.options, reader: &reader)
        try reader.check()
        return DetectionEvaluation(spec: spec, truthFile: truth, options: options)
    }
}
