import EvalKitData

/// Task kind `verification`: biometric (face) verification and 1:N identification, with error
/// rates as ISO/IEC 19795-1 defines them and bob.measure computes them, and demographic
/// differentials at one global threshold as NIST FRTE reports them (docs/metrics.md,
/// "Verification").
///
/// Inputs: the dataset's templates (the probes table, role `ground_truth`, and optionally the
/// gallery table, role `gallery`: `template,subject`) and subjects (role `metadata`, with the
/// attributes); the algorithm's output is either a score list (`probe,reference,score`, CSV or
/// JSONL) or embeddings (`.npy`, or raw float32 with a JSON header) of the probes and of the
/// gallery (`predictions.gallery`), compared here with OpenBLAS.
public struct VerificationTask: TaskKind {
    public static let name = "verification"
    public static let summary = "face verification and 1:N identification: FMR, FNMR, FNMR@FMR, EER, DET, rank-k and FNIR@FPIR "
        + "(bob.measure's definitions), per-group rates at one global threshold"
    public static var catalog: MetricCatalog { VerificationCatalog.catalog }
    public static let surface: SchemeSurface = {
        var surface = SchemeSurface(
            predictionKeys: ["gallery", "probe", "reference", "score", "mated"], optionKeys: VerificationOptions.keys,
            manifest: ManifestSurface(kind: name, columnKeys: ["subject"], requiresLabel: false),
            roles: ["ground_truth", "gallery", "metadata"], formats: [.csv, .jsonl, .embeddings, .coco],
            predictionsHint: "verification predictions are a score list ({\"path\": ..., \"probe\": ..., \"reference\": ..., \"score\": ...}) "
                + "or embeddings ({\"path\": \"probes.npy\", \"gallery\": \"gallery.npy\"})")
        surface.predictionPathKeys = ["gallery"]
        surface.plots = [.det, .crossGroupFMR, .sliceBars]
        return surface
    }()

    public static func plan(_ spec: EvaluationSpec) throws -> any EvaluationTask {
        VerificationEvaluation(plan: try VerificationPlan.make(spec))
    }
}

/// The checked inputs of a verification evaluation.
struct VerificationPlan {
    enum Source {
        /// A score list with its columns.
        case scores(ScoreListReader.Columns)
        /// Embeddings of the probes and, unless comparing one set with itself, of the gallery.
        case embeddings(gallery: (resolved: String, display: String)?)
    }

    var spec: EvaluationSpec
    var options: VerificationOptions
    var source: Source
    var probes: DatasetManifest.File
    var gallery: DatasetManifest.File?
    var subjects: DatasetManifest.File?
    var columns: TemplateTables.Columns

    var isEmbeddings: Bool {
        if case .embeddings = source { return true }
        return false
    }

    static func make(_ spec: EvaluationSpec) throws -> VerificationPlan {
        var reader = NodeReader(file: spec.schemeFile)
        let manifest = spec.dataset
        let manifestFile = manifest.manifestPath ?? spec.schemeFile
        guard let probes = manifest.groundTruth else {
            throw InputError(file: manifestFile, message: "the dataset has no ground_truth file (the probe templates table)")
        }
        let galleries = manifest.files.filter { $0.role == "gallery" }
        if galleries.count > 1 {
            throw InputError(file: manifestFile, field: "files", found: "\(galleries.count)",
                             message: "a verification dataset has at most one gallery table (role \"gallery\")")
        }
        let subjectsFile = manifest.files.first { $0.role == "metadata" }
        for file in [probes] + galleries + (subjectsFile.map { [$0] } ?? []) where ![.csv, .jsonl].contains(file.format ?? .csv) {
            throw InputError(file: file.displayPath, field: "format", expected: "a CSV or JSONL table of templates or subjects",
                             found: quoted(file.format?.rawValue ?? "?"))
        }
        var columnReader = NodeReader(file: manifestFile)
        var subjectColumn: String?
        if let node = manifest.kindColumns["subject"] { subjectColumn = columnReader.string(node, "subject", in: node) }
        try columnReader.check()

        let predictions = spec.predictions.node
        let options = VerificationOptions.read(spec.options, reader: &reader)
        var source: Source
        let format = spec.predictions.format
        if format == .embeddings || format == .coco {
            for key in ["probe", "reference", "score", "mated"] where predictions[key] != nil {
                reader.fail(predictions[key]!, "\(quoted(key)) names a score-list column, but the predictions are embeddings")
            }
            let gallery = spec.predictions.extraPaths["gallery"]
            if gallery != nil && galleries.isEmpty {
                reader.fail(predictions["gallery"]!, "gallery embeddings need the dataset's gallery table (a file with role \"gallery\")",
                            hint: "the gallery table lists each gallery row's template and subject")
            }
            if gallery == nil && !galleries.isEmpty {
                reader.fail(predictions, "the dataset has a gallery table, so the predictions need the gallery embeddings",
                            hint: "add \"gallery\": \"gallery.npy\" to the predictions")
            }
            if !options.higherIsMatch, let node = spec.options?["higher_is_match"] {
                reader.fail(node, "embeddings are compared by similarity (higher is a match); higher_is_match applies to score lists")
            }
            if subjectColumn == nil {
                reader.fail(predictions, "comparing embeddings needs each template's subject",
                            hint: "name the subject column in the dataset manifest: \"columns\": {\"id\": ..., \"subject\": ...}")
            }
            if options.identification != nil && gallery == nil, let node = spec.options?["identification"] {
                reader.fail(node, "1:N identification searches a gallery: give the gallery embeddings and table")
            }
            source = .embeddings(gallery: gallery)
        } else {
            if let node = predictions["gallery"] {
                reader.fail(node, "\"gallery\" names gallery embeddings, but the predictions are a score list")
            }
            if let node = spec.options?["similarity"] {
                reader.fail(node, "similarity applies to embeddings; a score list has its scores")
            }
            let probe = reader.string(predictions["probe"], "probe", in: predictions) ?? "probe"
            let reference = reader.string(predictions["reference"], "reference", in: predictions) ?? "reference"
            let score = reader.string(predictions["score"], "score", in: predictions) ?? "score"
            let mated = reader.string(predictions["mated"], "mated", in: predictions)
            if subjectColumn == nil && mated == nil {
                reader.fail(predictions, "a score list needs to know which comparisons are mated",
                            hint: "name the subject column in the dataset manifest (\"columns\": {\"subject\": ...}) "
                                + "or a mated column in the predictions (\"mated\": \"mated\")")
            }
            source = .scores(ScoreListReader.Columns(probe: probe, reference: reference, score: score, mated: mated))
        }
        try reader.check()
        return VerificationPlan(spec: spec, options: options, source: source, probes: probes, gallery: galleries.first,
                                subjects: subjectsFile, columns: TemplateTables.Columns(id: manifest.idColumn, subject: subjectColumn))
    }
}
