import EvalKit
import EvalKitData
import Foundation
import GRDB

extension RunHistory {
    /// Records a finished run in one transaction and returns its id. Either everything is
    /// written (the run, its evaluations, every metric overall, per class and per slice with
    /// intervals, disparities and gates) or, on any failure, nothing is.
    ///
    /// A `tag` names the run for `--baseline TAG`; it must be new in this history (a tag that
    /// already names a run is refused and nothing is written) and not all digits (those are ids).
    @discardableResult
    public func record(_ result: RunResult, provenance: RunProvenance, tag: String?) throws -> Int64 {
        try record(result, provenance: provenance, tag: tag, beforeCommit: { _ in })
    }

    /// `record`, calling `whenWritten` inside the transaction after every row is written and
    /// before the commit: `evalkit run` moves its result files into place there, so a run whose
    /// files cannot be placed is not recorded, and a run that cannot be recorded places no files.
    public func record(_ result: RunResult, provenance: RunProvenance, tag: String?,
                       whenWritten: () throws -> Void) throws -> Int64 {
        try record(result, provenance: provenance, tag: tag, beforeCommit: { _ in try whenWritten() })
    }

    /// `record`, with a hook that runs inside the transaction after every row is written (tests
    /// throw from it to check that a run failing half-way leaves nothing behind).
    func record(
        _ result: RunResult, provenance: RunProvenance, tag: String?, beforeCommit: (Database) throws -> Void
    ) throws -> Int64 {
        if let tag { try checkTag(tag) }
        do {
            return try pool.writeWithoutTransaction { db in
                var id: Int64 = 0
                try db.inTransaction(.immediate) {
                    if let tag, let existing = try Int64.fetchOne(db, sql: "SELECT id FROM run WHERE tag = ?", arguments: [tag]) {
                        throw duplicateTag(tag, existing: existing)
                    }
                    id = try RunWriter(db: db).write(result, provenance: provenance, tag: tag)
                    try beforeCommit(db)
                    return .commit
                }
                return id
            }
        } catch let error as DatabaseError
                    where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE && tag != nil && error.message?.contains("run.tag") == true {
            // Only reachable if the tag check above were bypassed; name the run all the same.
            let existing = try? pool.writeWithoutTransaction { db in
                try Int64.fetchOne(db, sql: "SELECT id FROM run WHERE tag = ?", arguments: [tag])
            }
            throw duplicateTag(tag!, existing: existing ?? nil)
        } catch {
            throw HistoryErrors.map(error, path: path, busyTimeout: busyTimeout, action: "recording the run")
        }
    }

    /// Checks before a run starts that `tag` can name it: a valid name that no recorded run has
    /// (`record` checks again, atomically). Reads on the writer connection, like `record`.
    public func checkNewTag(_ tag: String) throws {
        try checkTag(tag)
        let existing: Int64?
        do {
            existing = try pool.writeWithoutTransaction { db in
                try Int64.fetchOne(db, sql: "SELECT id FROM run WHERE tag = ?", arguments: [tag])
            }
        } catch {
            throw HistoryErrors.map(error, path: path, busyTimeout: busyTimeout, action: "reading it")
        }
        if let existing { throw duplicateTag(tag, existing: existing) }
    }

    /// A tag's form: not empty, no surrounding spaces or control characters, not all digits.
    func checkTag(_ tag: String) throws {
        let trimmed = tag.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed != tag || tag.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) {
            throw InputError(file: path, field: "tag", expected: "a non-empty name without surrounding spaces or control characters",
                             found: quoted(tag))
        }
        if tag.allSatisfy(\.isASCII) && tag.allSatisfy(\.isNumber) {
            throw InputError(file: path, field: "tag", expected: "a name that is not all digits (digits name run ids)",
                             found: quoted(tag), hint: "e.g. release-\(tag)")
        }
    }

    /// The error for a tag that already names run `existing`.
    func duplicateTag(_ tag: String, existing: Int64?) -> InputError {
        InputError(
            file: path,
            message: "tag \(quoted(tag)) already names run \(existing.map(String.init) ?? "in this history"); the run was not recorded and the history is unchanged",
            hint: "choose another tag (evalkit history lists the runs and their tags)")
    }
}

/// Writes one run's rows with cached statements (a run of 100 slices × 20 metrics is ~2,000 rows).
struct RunWriter {
    let db: Database

    func write(_ result: RunResult, provenance: RunProvenance, tag: String?) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO run (scheme_name, scheme_path, scheme_sha256, evalkit_version, git_commit, host,
                             started_at, finished_at, exit_status, passed, tag, baseline_ref, privacy)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                result.schemeName, result.schemePath, result.schemeSHA256, provenance.evalkitVersion,
                provenance.gitCommit, provenance.host, HistoryDates.text(provenance.startedAt),
                HistoryDates.text(provenance.finishedAt), Int(provenance.exitStatus), result.passed, tag,
                result.baselineReference, result.privacy.rawValue,
            ])
        let runID = db.lastInsertedRowID
        for (position, evaluation) in result.evaluations.enumerated() {
            try write(evaluation, runID: runID, position: position)
        }
        let gate = try db.cachedStatement(sql: """
            INSERT INTO gate (run_id, position, gate, evaluation, metric, passed, observed, limit_value, slice_key, message,
                              baseline, drop_value)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (position, g) in result.gates.enumerated() {
            try gate.execute(arguments: [
                runID, position, g.gate, g.evaluation, g.metric, g.passed, defined(g.observed), defined(g.limit),
                g.slice.map(SliceKey.canonical), g.message, defined(g.baseline), defined(g.drop),
            ])
        }
        return runID
    }

    func write(_ e: EvaluationResult, runID: Int64, position: Int) throws {
        try db.cachedStatement(sql: """
            INSERT INTO evaluation (run_id, position, name, task, dataset_name, dataset_manifest, dataset_sha256,
                                    predictions_path, predictions_sha256, count, matched, missing, extra, min_slice_size,
                                    setup_sha256)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                runID, position, e.name, e.task, e.datasetName, e.manifestPath, e.datasetSHA256,
                e.predictionsPath, e.predictionsSHA256, e.computed.count, e.inputs.matched, e.inputs.missing,
                e.inputs.extra, e.minSliceSize, e.setupSHA256,
            ])
        let evaluationID = db.lastInsertedRowID
        // An aggregate_only run keeps no item outcomes (the engine holds none; checked again here).
        if e.privacy == .full, let outcomes = e.outcomes {
            try db.execute(sql: "INSERT INTO outcome (evaluation_id, data) VALUES (?, ?)", arguments: [evaluationID, outcomes.encoded()])
        }
        let file = try db.cachedStatement(sql: """
            INSERT INTO input_file (evaluation_id, position, role, path, sha256, rows) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for (index, f) in e.files.enumerated() {
            try file.execute(arguments: [evaluationID, index, f.role, f.path, f.sha256, f.rows])
        }
        let metric = try db.cachedStatement(sql: """
            INSERT INTO metric (evaluation_id, class_index, class_label, position, name, value, undefined_reason, lower, upper)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try write(e.computed.metrics, intervals: e.intervals, with: metric) { [evaluationID, 0, nil] }
        for (index, (label, metrics)) in e.computed.perClass.enumerated() {
            try write(metrics, intervals: [:], with: metric) { [evaluationID, index + 1, label] }
        }
        let slice = try db.cachedStatement(sql: """
            INSERT INTO slice (evaluation_id, position, grouping, slice_key, count, suppressed) VALUES (?, ?, ?, ?, ?, ?)
            """)
        let sliceMetric = try db.cachedStatement(sql: """
            INSERT INTO slice_metric (slice_id, position, name, value, undefined_reason, lower, upper)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for (index, s) in e.slices.enumerated() {
            try slice.execute(arguments: [
                evaluationID, index, SliceKey.grouping(s.attributes),
                SliceKey.canonical(attributes: s.attributes, values: s.values), s.count, s.suppressed,
            ])
            let sliceID = db.lastInsertedRowID
            try write(s.metrics, intervals: s.intervals, with: sliceMetric) { [sliceID] }
        }
        let disparity = try db.cachedStatement(sql: """
            INSERT INTO disparity (evaluation_id, position, metric, grouping, min, max, difference, ratio, min_slice,
                                   max_slice, compared, difference_lower, difference_upper, ratio_lower, ratio_upper)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (index, d) in e.disparities.enumerated() {
            try disparity.execute(arguments: [
                evaluationID, index, d.metric, SliceKey.grouping(d.attributes), defined(d.min), defined(d.max),
                defined(d.difference), defined(d.ratio),
                SliceKey.canonical(attributes: d.attributes, values: d.minSlice),
                SliceKey.canonical(attributes: d.attributes, values: d.maxSlice), d.compared,
                defined(d.differenceInterval?.lower), defined(d.differenceInterval?.upper),
                defined(d.ratioInterval?.lower), defined(d.ratioInterval?.upper),
            ])
        }
    }

    /// One row per metric: the owner's columns (`owner()`), then position, name, value (NULL when
    /// undefined), the reason it is undefined, and the interval's bounds.
    func write(
        _ metrics: MetricValues, intervals: [String: Interval], with statement: Statement,
        owner: () -> [(any DatabaseValueConvertible)?]
    ) throws {
        let prefix = owner()
        for (position, name) in metrics.keys.enumerated() {
            let value = metrics[name] ?? .nan
            let interval = intervals[name]
            let row: [(any DatabaseValueConvertible)?] = [
                position, name, defined(value), value.isNaN ? metrics.undefinedReasons[name] : nil,
                defined(interval?.lower), defined(interval?.upper),
            ]
            try statement.execute(arguments: StatementArguments(prefix + row))
        }
    }

    /// NaN (undefined) as NULL.
    func defined(_ value: Double?) -> Double? {
        guard let value, !value.isNaN else { return nil }
        return value
    }
}
