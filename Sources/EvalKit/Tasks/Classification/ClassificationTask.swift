import Foundation
import EvalKitData

/// Task kind `classification`: binary, multiclass, and multilabel attributes (several binary label
/// columns at once), checked against scikit-learn (docs/metrics.md, "Classification").
public struct ClassificationTask: TaskKind {
    public static let name = "classification"
    public static let summary = "binary, multiclass and multilabel classification (scikit-learn's definitions)"
    public static var catalog: MetricCatalog { ClassificationCatalog.catalog }
    /// Predictions: a label and/or a score column, a score column per class (`scores`, a prefix),
    /// or per label column (`targets`); manifests may name several label columns (`labels`).
    public static let surface = SchemeSurface(
        predictionKeys: ["label", "score", "scores", "targets"], optionKeys: ClassificationOptions.keys,
        manifest: ManifestSurface(kind: name, columnKeys: ["labels"]), roles: ["ground_truth", "predictions", "metadata"], formats: [.csv, .jsonl],
        plots: [.roc, .precisionRecall, .confusionMatrix, .sliceBars])

    public static func plan(_ spec: EvaluationSpec) throws -> any EvaluationTask {
        let plan = try ClassificationPlan.make(spec)
        if plan.options.mode == .multilabel { return MultilabelEvaluation(plan: plan) }
        return SingleTargetEvaluation(plan: plan)
    }
}

/// The checked inputs of a classification evaluation: which columns of which files hold what.
struct ClassificationPlan {
    struct Target {
        /// Ground-truth label column.
        var truthColumn: String
        /// Predicted label column, if any.
        var labelColumn: String?
        /// Score column (probability or score of the positive class), if any.
        var scoreColumn: String?
    }

    var spec: EvaluationSpec
    var options: ClassificationOptions
    var targets: [Target]
    var join: TabularJoin
    /// Multiclass class probabilities (`predictions.scores`), if any.
    var probabilities: ProbabilityColumns?

    static func make(_ spec: EvaluationSpec) throws -> ClassificationPlan {
        var reader = NodeReader(file: spec.schemeFile)
        let manifest = spec.dataset
        let predictions = spec.predictions.node
        guard let truth = manifest.groundTruth else {
            throw InputError(file: manifest.manifestPath ?? spec.schemeFile, message: "the dataset has no ground_truth file")
        }
        let idColumn = manifest.idColumn
        let predictionId = reader.string(predictions["id"], "id", in: predictions) ?? idColumn
        var targets: [Target] = []
        if manifest.isMultilabel {
            if let scores = predictions["scores"] {
                reader.fail(scores, "\"scores\" (a score column per class) is for multiclass classification; "
                            + "a multilabel dataset maps each label column's score in \"targets\"")
            }
            if predictions["label"] != nil || predictions["score"] != nil {
                reader.fail(predictions, "the dataset has several label columns; map each in \"targets\"",
                            hint: "e.g. \"targets\": {\"\(manifest.labelColumns[0])\": {\"label\": \"\(manifest.labelColumns[0])_pred\", \"score\": \"\(manifest.labelColumns[0])_score\"}}")
            }
            if let map = predictions["targets"] {
                let members = reader.object(map, allowed: manifest.labelColumns, what: "targets (one per label column of the dataset)")
                for (key, value) in members where manifest.labelColumns.contains(key) {
                    reader.object(value, allowed: ["label", "score"], what: "target columns")
                    let label = reader.string(value["label"], "label", in: value)
                    let score = reader.string(value["score"], "score", in: value)
                    if label == nil && score == nil && value.objectMembers != nil {
                        reader.fail(value, "a target needs a \"label\" or a \"score\" column")
                    }
                    targets.append(Target(truthColumn: key, labelColumn: label, scoreColumn: score))
                }
                for column in manifest.labelColumns where !members.contains(where: { $0.key == column }) {
                    if map.objectMembers != nil { reader.missing(column, in: map, expected: "the prediction columns of label \(quoted(column))") }
                }
                targets.sort { manifest.labelColumns.firstIndex(of: $0.truthColumn)! < manifest.labelColumns.firstIndex(of: $1.truthColumn)! }
            } else {
                reader.missing("targets", in: predictions, expected: "the prediction columns of every label column of the dataset")
            }
        } else {
            if let t = predictions["targets"] {
                reader.fail(t, "\"targets\" is for datasets with several label columns; use \"label\" and/or \"score\"")
            }
            let label = reader.string(predictions["label"], "label", in: predictions)
            let score = reader.string(predictions["score"], "score", in: predictions)
            if label == nil && score == nil && predictions["label"] == nil && predictions["score"] == nil
                && predictions["scores"] == nil {
                reader.fail(predictions, "predictions need a \"label\" column, a \"score\" column, or both",
                            hint: "multiclass class probabilities: \"scores\": \"score_\" (columns score_<label>)")
            }
            targets = [Target(truthColumn: manifest.labelColumns.first ?? "", labelColumn: label, scoreColumn: score)]
        }
        let hasScore = targets.contains { $0.scoreColumn != nil }
        var prefix: String?
        if let node = predictions["scores"], !manifest.isMultilabel, let text = reader.string(node, "scores", in: predictions) {
            if text.isEmpty { reader.fail(node, expected: "the prefix of the score columns, e.g. \"score_\"", found: "\"\"") }
            else { prefix = text }
        }
        let options = ClassificationOptions.read(spec.options, file: spec.schemeFile, hasScore: hasScore,
                                                 multilabel: manifest.isMultilabel, hasProbabilities: prefix != nil,
                                                 reader: &reader)
        if let node = predictions["scores"], prefix != nil, options.mode != .multiclass {
            reader.fail(node, "a score column per class needs multiclass classification",
                        hint: options.mode == .binary ? "for binary classification, name the positive class's score column in \"score\"" : nil)
        }
        if let thresholdNode = spec.options?["threshold"], !manifest.isMultilabel, targets.first?.labelColumn != nil {
            reader.fail(thresholdNode, "the threshold would be unused: hard predictions come from the label column "
                        + "\(quoted(targets[0].labelColumn!))", hint: "remove options.threshold, or predictions.label to threshold the scores")
        }
        if options.mode == .multiclass, hasScore {
            reader.fail(predictions["score"] ?? predictions, "a score column needs binary classification",
                        hint: "set options.positive to the positive label")
        }
        try reader.check()
        var probabilities: ProbabilityColumns?
        if let prefix {
            probabilities = try ProbabilityColumns.find(
                prefix: prefix, declared: options.labels, predictions: spec.predictions, schemeFile: spec.schemeFile,
                excluding: [predictionId] + targets.compactMap(\.labelColumn))
        }
        let predictionsEntry = manifest.files.first {
            $0.role == "predictions" && canonicalPath($0.resolvedPath) == canonicalPath(spec.predictions.resolvedPath)
        }
        let join = TabularJoin(
            truth: truth, predictions: spec.predictions, truthIdColumn: idColumn, predictionIdColumn: predictionId,
            truthColumns: targets.map(\.truthColumn),
            predictionColumns: unique(targets.flatMap { [$0.labelColumn, $0.scoreColumn].compactMap { $0 } }
                + (probabilities?.columns ?? [])),
            attributes: spec.slicing.attributes, metadata: manifest.files.first { $0.role == "metadata" },
            missing: spec.missing, extra: spec.extra,
            predictionsEntry: predictionsEntry)
        try join.checkColumns()
        return ClassificationPlan(spec: spec, options: options, targets: targets, join: join, probabilities: probabilities)
    }
}

/// The path with `.` and `..` resolved and symlinks followed, to tell whether two paths are one file.
func canonicalPath(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
}
