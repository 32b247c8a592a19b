import GRDB

/// The history's schema and its migrations. Version 1 is the first; a later evalkit that changes
/// the schema registers migration "v2" and bumps `version`. The version is kept twice: in GRDB's
/// `grdb_migrations` table and in `PRAGMA user_version`, which any SQLite tool can read.
enum HistorySchema {
    /// The schema version this evalkit writes and reads.
    static let version = 4

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: v1)
            try db.execute(sql: "PRAGMA user_version = 1")
        }
        migrator.registerMigration("v2") { db in
            try db.execute(sql: v2)
            try db.execute(sql: "PRAGMA user_version = 2")
        }
        migrator.registerMigration("v3") { db in
            try db.execute(sql: v3)
            try db.execute(sql: "PRAGMA user_version = 3")
        }
        migrator.registerMigration("v4") { db in
            try db.execute(sql: v4)
            try db.execute(sql: "PRAGMA user_version = 4")
        }
        return migrator
    }

    /// Brings the database to `version`. Another process may be doing the same on a new file;
    /// when its migration wins the race, ours fails on the existing tables and is not needed.
    ///
    /// The check runs on the writer connection: a pool that never opens a reader closes its
    /// writer last, and SQLite then folds the write-ahead log into the file and deletes it.
    static func migrate(_ pool: DatabasePool) throws {
        let migrator = migrator
        if try pool.writeWithoutTransaction(migrator.hasCompletedMigrations) { return }
        do {
            try migrator.migrate(pool)
        } catch {
            if (try? pool.writeWithoutTransaction(migrator.hasCompletedMigrations)) == true { return }
            throw error
        }
    }

    /// Version 1. Times are ISO-8601 UTC text; an undefined (NaN) value is NULL with its reason;
    /// `lower`/`upper` are NULL when the value has no interval. Slices are named by a canonical
    /// key (`race=Black,sex=Female`, see `SliceKey`) plus their grouping in the scheme's order.
    ///
    /// `metric` holds the overall values (`class_index` 0) and the per-class ones (`class_index`
    /// k + 1 for the k-th class, with `class_label`); `slice_metric` holds the slices' values.
    /// Both are clustered by their owner (WITHOUT ROWID), so recording appends and reading a run
    /// or a trend point is one range scan, and no secondary index slows the ~2,000 inserts of a
    /// run with 100 slices × 20 metrics.
    static let v1 = """
        CREATE TABLE run (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            scheme_name TEXT NOT NULL,
            scheme_path TEXT NOT NULL,
            scheme_sha256 TEXT NOT NULL,
            evalkit_version TEXT NOT NULL,
            git_commit TEXT,
            host TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            exit_status INTEGER NOT NULL,
            passed INTEGER NOT NULL,
            tag TEXT UNIQUE,
            baseline_ref TEXT
        );
        CREATE INDEX run_by_scheme ON run(scheme_name, id);

        CREATE TABLE evaluation (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            task TEXT NOT NULL,
            dataset_name TEXT NOT NULL,
            dataset_manifest TEXT,
            dataset_sha256 TEXT NOT NULL,
            predictions_path TEXT NOT NULL,
            predictions_sha256 TEXT NOT NULL,
            count INTEGER NOT NULL,
            matched INTEGER NOT NULL,
            missing INTEGER NOT NULL,
            extra INTEGER NOT NULL,
            min_slice_size INTEGER NOT NULL,
            UNIQUE (run_id, position)
        );

        CREATE TABLE input_file (
            evaluation_id INTEGER NOT NULL REFERENCES evaluation(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            role TEXT NOT NULL,
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            rows INTEGER NOT NULL,
            PRIMARY KEY (evaluation_id, position)
        ) WITHOUT ROWID;

        CREATE TABLE metric (
            evaluation_id INTEGER NOT NULL REFERENCES evaluation(id) ON DELETE CASCADE,
            class_index INTEGER NOT NULL,
            class_label TEXT,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            value REAL,
            undefined_reason TEXT,
            lower REAL,
            upper REAL,
            PRIMARY KEY (evaluation_id, class_index, position)
        ) WITHOUT ROWID;

        CREATE TABLE slice (
            id INTEGER PRIMARY KEY,
            evaluation_id INTEGER NOT NULL REFERENCES evaluation(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            grouping TEXT NOT NULL,
            slice_key TEXT NOT NULL,
            count INTEGER NOT NULL,
            suppressed INTEGER NOT NULL
        );
        CREATE INDEX slice_by_key ON slice(evaluation_id, slice_key);

        CREATE TABLE slice_metric (
            slice_id INTEGER NOT NULL REFERENCES slice(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            value REAL,
            undefined_reason TEXT,
            lower REAL,
            upper REAL,
            PRIMARY KEY (slice_id, position)
        ) WITHOUT ROWID;

        CREATE TABLE disparity (
            evaluation_id INTEGER NOT NULL REFERENCES evaluation(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            metric TEXT NOT NULL,
            grouping TEXT NOT NULL,
            min REAL,
            max REAL,
            difference REAL,
            ratio REAL,
            min_slice TEXT NOT NULL,
            max_slice TEXT NOT NULL,
            compared INTEGER NOT NULL,
            difference_lower REAL,
            difference_upper REAL,
            ratio_lower REAL,
            ratio_upper REAL,
            PRIMARY KEY (evaluation_id, position)
        ) WITHOUT ROWID;

        CREATE TABLE gate (
            run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            gate TEXT NOT NULL,
            evaluation TEXT NOT NULL,
            metric TEXT NOT NULL,
            passed INTEGER NOT NULL,
            observed REAL,
            limit_value REAL,
            slice_key TEXT,
            message TEXT NOT NULL,
            baseline REAL,
            drop_value REAL,
            PRIMARY KEY (run_id, position)
        ) WITHOUT ROWID;
        """

    /// Version 2: each evaluation's per-item outcomes (the sidecar format of `ItemOutcomes`), for
    /// runs recorded with them (`--tag` or `--out`), so a tagged run can be the baseline of
    /// change gates that need a paired test.
    static let v2 = """
        CREATE TABLE outcome (
            evaluation_id INTEGER PRIMARY KEY REFERENCES evaluation(id) ON DELETE CASCADE,
            data BLOB NOT NULL
        );
        """

    /// Version 3: each evaluation's setup digest (`EvaluationSpec.setupSHA256`), so a baseline
    /// from the history is comparable when the numbers' setup is the same, whatever else of the
    /// scheme changed. NULL for runs recorded before.
    static let v3 = """
        ALTER TABLE evaluation ADD COLUMN setup_sha256 TEXT;
        """

    /// Version 4: the run's privacy level (`full` or `aggregate_only`), so a run used as a baseline
    /// says why it has no item outcomes. NULL (read as `full`) for runs recorded before.
    static let v4 = """
        ALTER TABLE run ADD COLUMN privacy TEXT;
        """
}
