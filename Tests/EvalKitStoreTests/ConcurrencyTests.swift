import Foundation
import Testing
import EvalKitData
@testable import EvalKitStore

/// Several processes on one history: writers wait for each other (WAL + busy timeout) and all
/// land; a lock held past the timeout is a clear error that leaves the history intact.
@Suite(.serialized) struct ConcurrencyTests {
    @Test func aRecordWaitsForAnotherProcessLockAndLands() throws {
        let history = try freshHistory()
        let holder = try PythonSQLite(PythonSQLite.holdLock, [history.path, "1.0"])
        #expect(holder.waitFor("locked"))
        let start = Date()
        let id = try history.record(makeResult(), provenance: provenance(), tag: "while-locked")
        let waited = Date().timeIntervalSince(start)
        #expect(holder.finish() == 0)
        #expect(waited > 0.5 && waited < RunHistory.defaultBusyTimeout, "waited \(waited) s")
        #expect(try history.run(tag: "while-locked")?.id == id)
    }

    @Test func twoOtherProcessesAndThisOneWritingAtOnceAllLand() throws {
        let history = try freshHistory()
        try history.record(makeResult(f1: 0.5), provenance: provenance(), tag: nil)
        let path = history.path
        // Two writers race for the lock, each holding it ~1 s while inserting a run; this process
        // opens the history anew (as a second evalkit would) and records meanwhile.
        let a = try PythonSQLite(PythonSQLite.holdLock, [path, "1.0", "python-a"])
        let b = try PythonSQLite(PythonSQLite.holdLock, [path, "1.0", "python-b"])
        #expect(a.waitFor("locked") || b.waitFor("locked"))
        let other = try RunHistory(path: path)
        let id = try other.record(makeResult(f1: 0.8), provenance: provenance(minutes: 1), tag: "swift")
        #expect(a.finish() == 0 && b.finish() == 0)
        let runs = try history.runs()
        #expect(runs.count == 4)
        #expect(Set(runs.map(\.schemeName)) == ["face-attributes", "python-a", "python-b"])
        #expect(try history.run(id: id)?.evaluations[0].metric("f1")?.value == 0.8)
    }

    @Test func aLockHeldPastTheTimeoutIsAClearError() throws {
        let history = try freshHistory(busyTimeout: 0.3)
        try history.record(makeResult(), provenance: provenance(), tag: nil)
        let before = try rowCounts(history)
        let holder = try PythonSQLite(PythonSQLite.holdLock, [history.path, "2.0"])
        #expect(holder.waitFor("locked"))
        let start = Date()
        let error = thrown { try history.record(makeResult(), provenance: provenance(), tag: "late") } as? InputError
        let waited = Date().timeIntervalSince(start)
        #expect(waited >= 0.25 && waited < 1.9, "waited \(waited) s")
        #expect(error?.file == history.path)
        #expect(error?.message == "the run history is locked by another process; waited 0.3 s while recording the run")
        #expect(error?.hint?.contains("--history PATH") == true)
        #expect(holder.finish() == 0)
        #expect(try rowCounts(history) == before)
        #expect(try history.run(tag: "late") == nil)
    }

    @Test func openingWhileAnotherProcessWritesWorks() throws {
        let path = try freshHistory().path
        let holder = try PythonSQLite(PythonSQLite.holdLock, [path, "0.5"])
        #expect(holder.waitFor("locked"))
        let history = try RunHistory(path: path)
        try history.record(makeResult(), provenance: provenance(), tag: nil)
        #expect(holder.finish() == 0)
        #expect(try history.runs().count == 1)
    }
}
