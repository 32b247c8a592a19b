import EvalKitData
import Foundation
import GRDB

/// The local run history: one SQLite database (through GRDB, in WAL mode) that records each run's
/// provenance, metrics (overall, per class, per slice, with intervals), disparities and gates, so
/// a later run can compare against a baseline and people can follow a metric across runs.
///
/// - Several processes may write at once: WAL mode plus a busy timeout (default 5 s) make each
///   writer wait for the others; a lock held past the timeout is a clear error.
/// - A run is recorded in one transaction: a run that fails or is killed half-way leaves nothing.
/// - The schema is versioned (`DatabaseMigrator`, `PRAGMA user_version`). A database written by a
///   newer evalkit, a file that is not an SQLite database, or an SQLite database that is not a
///   history is refused and left untouched.
///
/// Every failure is an `InputError` naming the database file (exit status 2).
public final class RunHistory: Sendable {
    /// The schema version this evalkit reads and writes.
    public static let schemaVersion = HistorySchema.version
    /// How long a writer waits for another process's lock.
    public static let defaultBusyTimeout: TimeInterval = 5
    /// The environment variable that overrides the default location.
    public static let environmentVariable = "EVALKIT_HISTORY"

    /// The database file.
    public let path: String
    public let busyTimeout: TimeInterval
    let pool: DatabasePool

    /// Opens (creating it and its directory when needed) the history at `path` and brings its
    /// schema up to date.
    public init(path: String, busyTimeout: TimeInterval = RunHistory.defaultBusyTimeout) throws {
        self.path = path
        self.busyTimeout = busyTimeout
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw InputError(file: path, message: "the history is a directory, expected an SQLite database file",
                             hint: "pass --history \((path as NSString).appendingPathComponent("history.sqlite")) (or set EVALKIT_HISTORY)")
        }
        try Self.createParentDirectory(of: path)
        try Self.checkExisting(path: path, busyTimeout: busyTimeout)
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "evalkit.history"
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try HistorySchema.migrate(pool)
        } catch {
            throw HistoryErrors.map(error, path: path, busyTimeout: busyTimeout, action: "opening it")
        }
    }

    /// Closes the database, first folding the write-ahead log into the file. It also closes when
    /// the history is released; then SQLite folds the log itself unless lookups opened readers.
    public func close() throws {
        do {
            pool.writeWithoutTransaction(checkpoint)
            try pool.close()
        } catch {
            throw HistoryErrors.map(error, path: path, busyTimeout: busyTimeout, action: "closing it")
        }
    }

    /// Copies the write-ahead log into the database file (passive: it never waits), so the
    /// `.sqlite` file alone holds every recorded run, e.g. when a CI job keeps it as an artifact.
    /// GRDB's readers are read-only connections, which do not checkpoint when they close.
    func checkpoint(_ db: Database) {
        _ = try? db.checkpoint(.passive)
    }

    /// Where the history lives, the same rule for every command (`run`, `history`, `compare`):
    /// `override` (`--history PATH`), else `$EVALKIT_HISTORY`, else the nearest
    /// `.evalkit/history.sqlite` that exists in `directory` (the current directory) or a parent of
    /// it, up to the top of its git repository; else `.evalkit/history.sqlite` in `directory`.
    /// So a history recorded at a repository's top is found from any folder inside it.
    public static func location(override: String?, environment: [String: String], directory: String = "") -> String {
        if let override, !override.isEmpty { return override }
        if let variable = environment[environmentVariable], !variable.isEmpty { return variable }
        let relative = ".evalkit/history.sqlite"
        let manager = FileManager.default
        let start = directory.isEmpty ? manager.currentDirectoryPath : directory
        var current = (start as NSString).standardizingPath
        while true {
            let candidate = (current as NSString).appendingPathComponent(relative)
            if manager.fileExists(atPath: candidate) {
                return current == (start as NSString).standardizingPath
                    ? (directory.isEmpty ? relative : (directory as NSString).appendingPathComponent(relative)) : candidate
            }
            let parent = parentPath(current)
            if manager.fileExists(atPath: (current as NSString).appendingPathComponent(".git")) || parent == current || parent.isEmpty {
                break
            }
            current = parent
        }
        return directory.isEmpty ? relative : (directory as NSString).appendingPathComponent(relative)
    }

    static func createParentDirectory(of path: String) throws {
        let directory = parentPath(path)
        guard !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) else { return }
        // mkdir per component, so the message is the system's own words (not a Foundation code).
        var missing: [String] = []
        var current = directory
        while !current.isEmpty, current != "/", !FileManager.default.fileExists(atPath: current) {
            missing.append(current)
            current = parentPath(current)
        }
        for component in missing.reversed() where mkdir(component, 0o777) != 0 && errno != EEXIST {
            let reason = errno == ENOTDIR ? "a part of the path is a file, not a directory" : String(cString: strerror(errno))
            throw InputError(
                file: path, message: "cannot create the history's directory \(quoted(component)): \(reason)",
                hint: "pass --history PATH (or set EVALKIT_HISTORY) to a writable location")
        }
    }

    /// Reads an existing file read-only before anything writes to it: refuses (unchanged) a file
    /// that is not an SQLite database, a database from a newer schema, or one that is not a history.
    static func checkExisting(path: String, busyTimeout: TimeInterval) throws {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let size = attributes?[.size] as? Int, size > 0 else { return }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        let state: (userVersion: Int, tables: Int, migrations: Bool, superseded: Bool)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            state = try queue.read { db in
                let migrator = HistorySchema.migrator
                return (
                    try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0,
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'") ?? 0,
                    try db.tableExists("grdb_migrations"),
                    try migrator.hasBeenSuperseded(db))
            }
            try queue.close()
        } catch {
            throw HistoryErrors.map(error, path: path, busyTimeout: busyTimeout, action: "opening it")
        }
        if state.userVersion > HistorySchema.version || state.superseded {
            throw HistoryErrors.newerSchema(path: path, found: max(state.userVersion, HistorySchema.version + 1))
        }
        if state.tables > 0 && !state.migrations && state.userVersion == 0 {
            throw HistoryErrors.notAHistory(path: path)
        }
    }
}
