import EvalKitData
import GRDB

extension RunHistory {
    /// The values of `metric` across runs, in run order: the overall value, or the value of the
    /// slice named by `slice` (`race=Black,sex=Female`, attributes in any order). `scheme` and
    /// `evaluation` narrow to one scheme name and one evaluation name; without `evaluation`, every
    /// evaluation that has the metric contributes its own series (points of one run are in the
    /// run's evaluation order). Runs where the metric was undefined give a nil `value`.
    public func trend(scheme: String?, metric: String, evaluation: String?, slice: String?) throws -> [TrendPoint] {
        var key: String?
        if let slice {
            guard let normalized = SliceKey.normalized(slice) else {
                throw InputError(file: path, field: "slice", expected: "attribute=value pairs separated by commas, e.g. race=Black,sex=Female",
                                 found: quoted(slice))
            }
            key = normalized
        }
        // CROSS JOIN fixes the join order (runs, their evaluations, then the values by primary
        // key), which SQLite's planner would otherwise invert into a scan of every value.
        let values = key == nil
            ? "metric ON metric.evaluation_id = evaluation.id AND metric.class_index = 0 AND metric.name = ?1"
            : """
              slice ON slice.evaluation_id = evaluation.id AND slice.slice_key = ?2
              CROSS JOIN slice_metric AS metric ON metric.slice_id = slice.id AND metric.name = ?1
              """
        let sql = """
            SELECT run.id, run.started_at, run.finished_at, run.tag, run.scheme_name, evaluation.name AS evaluation,
                   metric.value, metric.undefined_reason, metric.lower, metric.upper
            FROM run
            CROSS JOIN evaluation ON evaluation.run_id = run.id
            CROSS JOIN \(values)
            WHERE (?3 IS NULL OR run.scheme_name = ?3) AND (?4 IS NULL OR evaluation.name = ?4)
            ORDER BY run.id, evaluation.position
            """
        return try reading { db in
            try Row.fetchAll(db, sql: sql, arguments: [metric, key, scheme, evaluation]).map { row in
                TrendPoint(
                    runID: row["id"], startedAt: HistoryDates.date(row["started_at"]),
                    finishedAt: HistoryDates.date(row["finished_at"]), tag: row["tag"], schemeName: row["scheme_name"],
                    evaluation: row["evaluation"], slice: key, value: row["value"], undefinedReason: row["undefined_reason"],
                    interval: RunReader.interval(row["lower"], row["upper"]))
            }
        }
    }
}
