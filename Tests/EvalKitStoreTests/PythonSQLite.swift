import Foundation
import Testing

/// Another process on the same database: `python3 -c SCRIPT path args…` with Python's sqlite3
/// module. The script prints a line (e.g. `locked`) once it holds what the test waits for.
final class PythonSQLite {
    let process = Process()
    let output = Pipe()
    private var buffered = ""

    /// Holds the write lock (`BEGIN IMMEDIATE`) for `seconds`, then commits (after inserting a
    /// run named `scheme` when given). Prints `locked` once it holds the lock.
    static let holdLock = """
        import sqlite3, sys, time
        con = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
        con.execute("BEGIN IMMEDIATE")
        print("locked", flush=True)
        if len(sys.argv) > 3:
            con.execute("INSERT INTO run (scheme_name, scheme_path, scheme_sha256, evalkit_version, host, started_at, finished_at, exit_status, passed) VALUES (?, 'p', 's', 'py', 'h', '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', 0, 1)", (sys.argv[3],))
        time.sleep(float(sys.argv[2]))
        con.execute("COMMIT")
        print("committed", flush=True)
        """

    /// Begins a transaction, writes a run row and an evaluation row, prints `written`, and
    /// sleeps (the test kills it before it commits).
    static let writeAndHang = """
        import sqlite3, sys, time
        con = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
        con.execute("BEGIN IMMEDIATE")
        cur = con.execute("INSERT INTO run (scheme_name, scheme_path, scheme_sha256, evalkit_version, host, started_at, finished_at, exit_status, passed) VALUES ('killed', 'p', 's', 'py', 'h', '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', 0, 1)")
        con.execute("INSERT INTO evaluation (run_id, position, name, task, dataset_name, dataset_sha256, predictions_path, predictions_sha256, count, matched, missing, extra, min_slice_size) VALUES (?, 0, 'e', 'classification', 'd', 's', 'p', 's', 1, 1, 0, 0, 30)", (cur.lastrowid,))
        print("written", flush=True)
        time.sleep(60)
        """

    /// Runs a script to completion (SQL setup), failing the test on a non-zero exit.
    static func run(_ script: String, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let python = try PythonSQLite(script, arguments)
        python.process.waitUntilExit()
        #expect(python.process.terminationStatus == 0, "python3 failed", sourceLocation: sourceLocation)
    }

    init(_ script: String, _ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        process.standardOutput = output
        try process.run()
    }

    /// Blocks until the script prints `line`; false if it exits first.
    func waitFor(_ line: String) -> Bool {
        while !buffered.split(separator: "\n").contains(Substring(line)) {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { return false }
            buffered += String(decoding: data, as: UTF8.self)
        }
        return true
    }

    /// Waits for the script to end and returns its exit status.
    @discardableResult
    func finish() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }

    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
