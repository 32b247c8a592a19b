import EvalKit
import EvalKitData
import Foundation
import GRDB

extension RunHistory {
    /// The run with this id, or nil.
    public func run(id: Int64) throws -> StoredRun? {
        try reading { db in try RunReader(db: db).run(where: "id = ?", [id]) }
    }

    /// The run with this tag, or nil.
    public func run(tag: String) throws -> StoredRun? {
        try reading { db in try RunReader(db: db).run(where: "tag = ?", [tag]) }
    }

    /// The most recently recorded run of the scheme named `scheme`, or nil.
    public func latestRun(scheme: String) throws -> StoredRun? {
        try reading { db in
            try RunReader(db: db).run(where: "id = (SELECT max(id) FROM run WHERE scheme_name = ?)", [scheme])
        }
    }

    /// The run a `--baseline REF` names: a run id (all digits) or a tag. A REF that names no run
    /// is an `InputError`.
    public func resolve(_ ref: String) throws -> StoredRun {
        if ref.allSatisfy(\.isASCII), ref.allSatisfy(\.isNumber), let id = Int64(ref) {
            if let run = try run(id: id) { return run }
            let last = try reading { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM run") }
            throw InputError(file: path, message: "no run with id \(id) in the run history",
                             hint: last.map { "run ids go from 1 to \($0)" } ?? "the history has no runs yet")
        }
        if let run = try run(tag: ref) { return run }
        let tags = try reading { db in
            try String.fetchAll(db, sql: "SELECT tag FROM run WHERE tag IS NOT NULL ORDER BY id DESC LIMIT 10")
        }
        throw InputError(file: path, message: "no run tagged \(quoted(ref)) in the run history",
                         hint: tags.isEmpty ? "no run has a tag yet (evalkit run --tag NAME tags one)"
                            : "recent tags: " + tags.map { quoted($0) }.joined(separator: ", "))
    }

    /// Every run (oldest first), optionally only those of one scheme.
    public func runs(scheme: String? = nil) throws -> [RunSummary] {
        try reading { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM run WHERE (?1 IS NULL OR scheme_name = ?1) ORDER BY id", arguments: [scheme])
            return rows.map(RunReader.summary)
        }
    }

    /// The names of the schemes with recorded runs, and of the metrics recorded for them.
    public func names() throws -> (schemes: [String], metrics: [String], evaluations: [String]) {
        try reading { db in
            (try String.fetchAll(db, sql: "SELECT DISTINCT scheme_name FROM run ORDER BY scheme_name"),
             try String.fetchAll(db, sql: "SELECT DISTINCT name FROM metric ORDER BY name"),
             try String.fetchAll(db, sql: "SELECT DISTINCT name FROM evaluation ORDER BY name"))
        }
    }

    /// A read, with SQLite failures turned into `InputError`s.
    func reading<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch {
            throw HistoryErrors.map(error, path: path, busyTimeout: busyTimeout, action: "reading it")
        }
    }
}

/// Reads a stored run back into `StoredRun`.
struct RunReader {
    let db: Database

    func run(where condition: String, _ arguments: StatementArguments) throws -> StoredRun? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM run WHERE \(condition)", arguments: arguments) else {
            return nil
        }
        let summary = Self.summary(row)
        let evaluations = try Row.fetchAll(
            db, sql: "SELECT * FROM evaluation WHERE run_id = ? ORDER BY position", arguments: [summary.id]
        ).map(evaluation)
        let gates = try Row.fetchAll(db, sql: "SELECT * FROM gate WHERE run_id = ? ORDER BY position", arguments: [summary.id]).map { row in
            StoredGate(
                gate: row["gate"], evaluation: row["evaluation"], metric: row["metric"], passed: row["passed"],
                observed: row["observed"], limit: row["limit_value"],
                slice: (row["slice_key"] as String?).flatMap { SliceKey.parse($0, trimming: false) }, message: row["message"],
                baseline: row["baseline"], drop: row["drop_value"])
        }
        var run = StoredRun(
            id: summary.id, schemeName: summary.schemeName, schemePath: summary.schemePath,
            schemeSHA256: row["scheme_sha256"], provenance: summary.provenance, passed: summary.passed,
            tag: summary.tag, baselineReference: row["baseline_ref"], evaluations: evaluations, gates: gates)
        // NULL before schema v4; a value this evalkit does not know is read as the stricter one.
        run.privacy = (row["privacy"] as String?).map { PrivacyLevel(rawValue: $0) ?? .aggregateOnly } ?? .full
        return run
    }

    static func summary(_ row: Row) -> RunSummary {
        RunSummary(
            id: row["id"], schemeName: row["scheme_name"], schemePath: row["scheme_path"],
            provenance: RunProvenance(
                evalkitVersion: row["evalkit_version"], gitCommit: row["git_commit"], host: row["host"],
                startedAt: HistoryDates.date(row["started_at"]), finishedAt: HistoryDates.date(row["finished_at"]),
                exitStatus: Int32(truncatingIfNeeded: row["exit_status"] as Int)),
            passed: row["passed"], tag: row["tag"])
    }

    func evaluation(_ row: Row) throws -> StoredEvaluation {
        let id: Int64 = row["id"]
        let files = try Row.fetchAll(db, sql: "SELECT * FROM input_file WHERE evaluation_id = ? ORDER BY position", arguments: [id]).map {
            StoredFile(role: $0["role"], path: $0["path"], sha256: $0["sha256"], rows: $0["rows"])
        }
        var overall: [StoredMetric] = []
        var perClass: [StoredClass] = []
        let metrics = try Row.fetchCursor(db, sql: """
            SELECT class_index, class_label, name, value, undefined_reason, lower, upper
            FROM metric WHERE evaluation_id = ? ORDER BY class_index, position
            """, arguments: [id])
        while let m = try metrics.next() {
            let classIndex: Int = m["class_index"]
            if classIndex == 0 {
                overall.append(Self.metric(m))
            } else if perClass.count == classIndex {
                perClass[classIndex - 1].metrics.append(Self.metric(m))
            } else {
                perClass.append(StoredClass(label: m["class_label"], metrics: [Self.metric(m)]))
            }
        }
        var slices: [StoredSlice] = []
        var sliceIndex: [Int64: Int] = [:]
        for s in try Row.fetchAll(db, sql: "SELECT * FROM slice WHERE evaluation_id = ? ORDER BY position", arguments: [id]) {
            let attributes = SliceKey.attributes(ofGrouping: s["grouping"])
            let key: String = s["slice_key"]
            let by = SliceKey.parse(key, trimming: false) ?? [:]
            sliceIndex[s["id"]] = slices.count
            slices.append(StoredSlice(
                attributes: attributes, values: attributes.map { by[$0] ?? "" }, key: key, count: s["count"],
                suppressed: s["suppressed"], metrics: []))
        }
        let sliceMetrics = try Row.fetchCursor(db, sql: """
            SELECT slice_metric.* FROM slice_metric JOIN slice ON slice.id = slice_metric.slice_id
            WHERE slice.evaluation_id = ? ORDER BY slice_metric.slice_id, slice_metric.position
            """, arguments: [id])
        while let m = try sliceMetrics.next() {
            if let index = sliceIndex[m["slice_id"]] { slices[index].metrics.append(Self.metric(m)) }
        }
        let disparities = try Row.fetchAll(db, sql: "SELECT * FROM disparity WHERE evaluation_id = ? ORDER BY position", arguments: [id]).map { d in
            let attributes = SliceKey.attributes(ofGrouping: d["grouping"])
            let minBy = SliceKey.parse(d["min_slice"], trimming: false) ?? [:]
            let maxBy = SliceKey.parse(d["max_slice"], trimming: false) ?? [:]
            return StoredDisparity(
                metric: d["metric"], attributes: attributes, min: d["min"], max: d["max"], difference: d["difference"],
                ratio: d["ratio"], minSlice: attributes.map { minBy[$0] ?? "" }, maxSlice: attributes.map { maxBy[$0] ?? "" },
                compared: d["compared"], differenceInterval: Self.interval(d["difference_lower"], d["difference_upper"]),
                ratioInterval: Self.interval(d["ratio_lower"], d["ratio_upper"]))
        }
        var stored = StoredEvaluation(
            name: row["name"], task: row["task"], datasetName: row["dataset_name"], datasetManifest: row["dataset_manifest"],
            datasetSHA256: row["dataset_sha256"], predictionsPath: row["predictions_path"],
            predictionsSHA256: row["predictions_sha256"], count: row["count"], matched: row["matched"],
            missing: row["missing"], extra: row["extra"], minSliceSize: row["min_slice_size"], files: files,
            metrics: overall, perClass: perClass, slices: slices, disparities: disparities)
        stored.setupSHA256 = row["setup_sha256"]
        return stored
    }

    static func metric(_ row: Row) -> StoredMetric {
        StoredMetric(name: row["name"], value: row["value"], undefinedReason: row["undefined_reason"],
                     interval: interval(row["lower"], row["upper"]))
    }

    /// An interval from stored bounds: nil when both are NULL, NaN for one undefined bound.
    static func interval(_ lower: Double?, _ upper: Double?) -> Interval? {
        if lower == nil && upper == nil { return nil }
        return Interval(lower: lower ?? .nan, upper: upper ?? .nan)
    }
}
