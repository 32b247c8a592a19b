import EvalKitData

/// Task kind `events`: events in videos (or recordings) as time intervals, scored frame by frame,
/// segment by segment and event by event as sed_eval 0.2.1 scores them (docs/metrics.md,
/// "Events"); slices by video metadata, intervals that resample videos, shards by video.
///
/// Inputs: the reference and the system events as tables (`video,onset,offset,label`, or frame
/// labels `video,frame,label`), or as sed_eval's file list of per-recording event lists; the
/// dataset's recordings table (role `metadata`: one row per video with its duration, optionally
/// its frame rate, and its attributes), which is also the list of videos evaluated.
public struct EventsTask: TaskKind {
    public static let name = "events"
    public static let summary = "video and sound events: segment-, frame- and event-based F1 and error rate (sed_eval's definitions), false alarms per hour"
    public static var catalog: MetricCatalog { EventsCatalog.catalog }
    public static let surface = SchemeSurface(
        predictionKeys: ["label", "onset", "offset", "frame", "score", "object"], optionKeys: EventsOptions.keys,
        manifest: ManifestSurface(kind: name, columnKeys: ["onset", "offset", "frame", "duration", "fps", "object", "event_attributes"],
                                  attributeListKeys: ["event_attributes"]),
        roles: ["ground_truth", "predictions", "metadata"], formats: [.csv, .jsonl, .eventList, .actev],
        predictionsHint: "events predictions name their columns with \"id\" (the video), \"label\", \"onset\" and \"offset\" (or \"frame\")",
        plots: [.det, .timeline, .sliceBars])

    public static func plan(_ spec: EvaluationSpec) throws -> any EvaluationTask {
        EventsEvaluation(plan: try EventsPlan.make(spec))
    }
}

/// The checked inputs of an events evaluation.
struct EventsPlan {
    var spec: EvaluationSpec
    var options: EventsOptions
    var truth: DatasetManifest.File
    var recordings: DatasetManifest.File
    var truthColumns: EventTables.Columns
    var predictionColumns: EventTables.Columns
    var durationColumn: String
    var fpsColumn: String
    /// Both sides are sed_eval event lists (one file list names both).
    var eventLists: Bool
    /// NIST ActEV's own files: reference and system output JSON, the file index as the
    /// recordings table (`EventsEvaluation+ActEVFiles.swift`).
    var actevFiles: Bool

    static func make(_ spec: EvaluationSpec) throws -> EventsPlan {
        var reader = NodeReader(file: spec.schemeFile)
        let manifest = spec.dataset
        let manifestFile = manifest.manifestPath ?? spec.schemeFile
        guard let truth = manifest.groundTruth else {
            throw InputError(file: manifestFile, message: "the dataset has no ground_truth file")
        }
        guard let recordings = manifest.files.first(where: { $0.role == "metadata" }) else {
            throw InputError(file: manifestFile, field: "files",
                             message: "an events dataset needs a recordings table: a file with role \"metadata\", one row per video "
                                 + "with its duration in seconds",
                             hint: "durations come from this table, never from the last event; e.g. {\"path\": \"videos.csv\", \"role\": \"metadata\"} "
                                 + "with columns video,duration")
        }
        if truth.format != .actev && (manifest.isMultilabel || manifest.labelColumns.count != 1) {
            throw InputError(file: manifestFile, field: "columns", message: "an events dataset names one label column, \"columns\": {\"label\": ...}")
        }
        var columnReader = NodeReader(file: manifestFile)
        var columnNames: [String: String] = [:]
        for key in ["onset", "offset", "frame", "duration", "fps", "object"] {
            if let node = manifest.kindColumns[key], let value = columnReader.string(node, key, in: node) { columnNames[key] = value }
        }
        let eventAttributes = manifest.kindAttributeColumns
        for name in eventAttributes where manifest.attributeColumns.contains(name) {
            columnReader.fail(manifest.kindColumns["event_attributes"]!,
                              "\(quoted(name)) is listed both as a video attribute and as an event attribute")
        }
        try columnReader.check()
        var truthColumns = EventTables.Columns(video: manifest.idColumn, label: manifest.labelColumns.first ?? "label",
                                               onset: columnNames["onset"] ?? "onset", offset: columnNames["offset"] ?? "offset",
                                               frame: columnNames["frame"], object: columnNames["object"])
        let predictions = spec.predictions.node
        var predictionColumns = truthColumns
        // Slices by event attributes read the reference events' values (the recall side).
        truthColumns.attributes = spec.slicing.attributes.filter { eventAttributes.contains($0) }
        if !truthColumns.attributes.isEmpty && (truth.format == .eventList || truthColumns.frame != nil) {
            throw InputError(file: manifestFile, field: "event_attributes",
                             message: "slices by event attributes need the reference events as an interval table (CSV or JSONL with onset and offset)")
        }
        predictionColumns.video = reader.string(predictions["id"], "id", in: predictions) ?? truthColumns.video
        predictionColumns.label = reader.string(predictions["label"], "label", in: predictions) ?? truthColumns.label
        predictionColumns.onset = reader.string(predictions["onset"], "onset", in: predictions) ?? truthColumns.onset
        predictionColumns.offset = reader.string(predictions["offset"], "offset", in: predictions) ?? truthColumns.offset
        if let frame = reader.string(predictions["frame"], "frame", in: predictions) { predictionColumns.frame = frame }
        predictionColumns.score = reader.string(predictions["score"], "score", in: predictions)
        if let object = reader.string(predictions["object"], "object", in: predictions) { predictionColumns.object = object }
        if (truthColumns.object == nil) != (predictionColumns.object == nil) {
            reader.fail(predictions["object"] ?? predictions,
                        "the reference and the system events must both name their target object (manifest columns.object and predictions.object) or neither")
        }
        if truthColumns.object != nil && (truth.format == .eventList || truthColumns.frame != nil || predictionColumns.frame != nil) {
            reader.fail(predictions, "target objects are read from interval tables (CSV or JSONL with onset and offset), not from event lists or frame labels")
        }
        let options = EventsOptions.read(spec.options, reader: &reader)
        let truthList = truth.format == .eventList, predictionList = spec.predictions.format == .eventList
        let actevFiles = truth.format == .actev
        if actevFiles || spec.predictions.format == .actev || recordings.format == .actev {
            if truth.format != .actev || spec.predictions.format != .actev || recordings.format != .actev {
                reader.fail(predictions, "NIST ActEV files are read together: the reference (ground_truth), the system output "
                                + "(predictions) and the file index (metadata) all with \"format\": \"actev\"")
            }
            if options.actev == nil {
                reader.fail(spec.options ?? predictions, "scoring ActEV files needs the protocol",
                            hint: "e.g. \"options\": {\"actev_protocol\": \"ActEV18_AD\"}")
            }
            if !spec.slicing.attributes.isEmpty {
                reader.fail(spec.node["slices"] ?? predictions, "an ActEV file index has no attributes to slice by")
            }
        }
        if truthList != predictionList && !actevFiles {
            reader.fail(predictions, "the reference and the system events must both be event lists (format \"event_list\") or both be tables",
                        expected: truthList ? "format \"event_list\"" : "a CSV or JSONL table",
                        found: quoted(spec.predictions.format.rawValue))
        }
        if options.threshold != nil && predictionColumns.score == nil, let node = spec.options?["threshold"] {
            reader.fail(node, "a score threshold needs scored predictions", hint: "name the score column with predictions.score")
        }
        if options.psds != nil && predictionColumns.score == nil, let node = spec.options?["psds"] {
            reader.fail(node, "PSDS needs scored predictions (every distinct score is an operating point)",
                        hint: "name the score column with predictions.score")
        }
        if options.actev != nil && predictionColumns.score == nil && !actevFiles, let node = spec.options?["actev_protocol"] {
            reader.fail(node, "ActEV's scores need scored predictions (each instance's presenceConf)",
                        hint: "name the score column with predictions.score")
        }
        if predictionColumns.score != nil && truthList, let node = predictions["score"] {
            reader.fail(node, "scores are read from tables (intervals or frame labels), not from sed_eval's event lists")
        }
        try reader.check()
        return EventsPlan(spec: spec, options: options, truth: truth, recordings: recordings, truthColumns: truthColumns,
                          predictionColumns: predictionColumns, durationColumn: columnNames["duration"] ?? "duration",
                          fpsColumn: columnNames["fps"] ?? "fps", eventLists: truthList, actevFiles: actevFiles)
    }
}
