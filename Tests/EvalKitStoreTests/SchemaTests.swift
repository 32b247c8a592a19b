import Foundation
import Testing
import EvalKitData
@testable import EvalKitStore
import GRDB

/// Opening a history: migrations create the schema; a newer schema, a file that is not an SQLite
/// database, or a database that is not a history is refused and left byte-identical.
@Suite struct SchemaTests {
    @Test func migrationsCreateTheSchemaInWALMode() throws {
        let directory = try temporaryDirectory()
        let path = directory + "/nested/dir/history.sqlite"
        let history = try RunHistory(path: path)
        let tables = ["run", "evaluation", "input_file", "slice", "metric", "slice_metric", "disparity", "gate", "outcome", "grdb_migrations"]
        let schema = try history.pool.read { db in
            (try tables.filter { try db.tableExists($0) },
             try Int.fetchOne(db, sql: "PRAGMA user_version"),
             try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"),
             try String.fetchOne(db, sql: "PRAGMA journal_mode"),
             try db.columns(in: "metric").map(\.name))
        }
        #expect(schema.0 == tables)
        #expect(schema.1 == RunHistory.schemaVersion)
        #expect(schema.2 == (1...RunHistory.schemaVersion).map { "v\($0)" })
        #expect(schema.3 == "wal")
        #expect(schema.4.contains("undefined_reason"))
        try history.record(makeResult(), provenance: provenance(), tag: nil)
        try history.close()
        // Opening again migrates nothing and keeps the runs.
        let again = try RunHistory(path: path)
        #expect(try again.runs().count == 1)
    }

    @Test func aNewerSchemaVersionIsRefusedAndLeftUntouched() throws {
        let path = try temporaryDirectory() + "/history.sqlite"
        try PythonSQLite.run("""
            import sqlite3, sys
            con = sqlite3.connect(sys.argv[1])
            con.execute("PRAGMA journal_mode = WAL")
            con.execute("CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            con.execute("INSERT INTO grdb_migrations VALUES ('v1'), ('v2'), ('v3')")
            con.execute("CREATE TABLE run (id INTEGER PRIMARY KEY, future TEXT)")
            con.execute("PRAGMA user_version = \(RunHistory.schemaVersion + 1)")
            con.commit()
            con.close()
            """, [path])
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = thrown { _ = try RunHistory(path: path) } as? InputError
        #expect(error?.file == path)
        #expect(error?.message?.contains("schema version \(RunHistory.schemaVersion + 1), written by a newer evalkit") == true)
        #expect(error?.hint?.contains("upgrade evalkit") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func anUnknownMigrationIsANewerSchemaToo() throws {
        let path = try temporaryDirectory() + "/history.sqlite"
        let history = try RunHistory(path: path)
        try history.record(makeResult(), provenance: provenance(), tag: nil)
        try history.pool.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99')") }
        try history.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = thrown { _ = try RunHistory(path: path) } as? InputError
        #expect(error?.message?.contains("newer evalkit") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aFileThatIsNotADatabaseIsRefusedAndLeftIntact() throws {
        let path = try temporaryDirectory() + "/history.sqlite"
        let bytes = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try bytes.write(to: URL(fileURLWithPath: path))
        let error = thrown { _ = try RunHistory(path: path) } as? InputError
        #expect(error?.file == path)
        #expect(error?.message?.contains("not an SQLite database or is damaged") == true)
        #expect(error?.hint?.contains("move it aside") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test func aDamagedHistoryIsAnInputErrorAndNotOverwritten() throws {
        let path = try temporaryDirectory() + "/history.sqlite"
        let history = try RunHistory(path: path)
        for i in 0..<3 { try history.record(makeResult(f1: 0.5 + Double(i) / 10, slices: 40), provenance: provenance(), tag: nil) }
        try history.close()
        // The runs are all in the main file once closed; without the log, only it is read.
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let pageSize = 4096
        #expect(bytes.count > 4 * pageSize)
        for i in pageSize..<(bytes.count - pageSize) { bytes[i] = 0xA5 }
        try bytes.write(to: URL(fileURLWithPath: path))
        let error = thrown {
            let damaged = try RunHistory(path: path)
            _ = try damaged.run(id: 1)
            try damaged.record(makeResult(), provenance: provenance(), tag: nil)
        }
        #expect((error as? InputError)?.file == path, "\(String(describing: error))")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test func anotherSQLiteDatabaseIsNotTakenOver() throws {
        let path = try temporaryDirectory() + "/app.sqlite"
        try PythonSQLite.run("""
            import sqlite3, sys
            con = sqlite3.connect(sys.argv[1])
            con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
            con.commit()
            """, [path])
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = thrown { _ = try RunHistory(path: path) } as? InputError
        #expect(error?.message?.contains("not an evalkit run history") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func anEmptyFileBecomesAHistory() throws {
        let path = try temporaryDirectory() + "/history.sqlite"
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let history = try RunHistory(path: path)
        #expect(try history.record(makeResult(), provenance: provenance(), tag: nil) == 1)
    }

    @Test func anUncreatableDirectoryIsAnInputError() throws {
        let file = try temporaryDirectory() + "/file"
        #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        let error = thrown { _ = try RunHistory(path: file + "/sub/history.sqlite") } as? InputError
        #expect(error?.message?.contains("cannot create the history's directory") == true)
    }
}
