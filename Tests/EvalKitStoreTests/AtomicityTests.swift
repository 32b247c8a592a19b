import Foundation
import Testing
import EvalKitData
@testable import EvalKitStore
import GRDB

/// A run that fails or dies half-way leaves no partial rows: recording is one transaction.
@Suite struct AtomicityTests {
    struct Interrupted: Error {}

    @Test func aFailureInsideRecordLeavesNoPartialRows() throws {
        let history = try freshHistory()
        try history.record(makeResult(f1: 0.6), provenance: provenance(), tag: "kept")
        let before = try rowCounts(history)
        var rowsSeenInside = 0
        let error = thrown {
            _ = try history.record(makeResult(f1: 0.7, slices: 20), provenance: provenance(minutes: 1), tag: "lost") { db in
                rowsSeenInside = try Int.fetchOne(db, sql: "SELECT count(*) FROM slice_metric") ?? 0
                throw Interrupted()
            }
        }
        #expect(error is Interrupted)
        #expect(rowsSeenInside > before["slice_metric"]!, "every row was written before the failure")
        #expect(try rowCounts(history) == before)
        #expect(try history.run(tag: "lost") == nil)
        // The history still works, and the failed run did not even use up an id.
        #expect(try history.record(makeResult(), provenance: provenance(minutes: 2), tag: "lost") == 2)
    }

    @Test func aWriterKilledHalfWayLeavesNoPartialRows() throws {
        let history = try freshHistory()
        try history.record(makeResult(f1: 0.6), provenance: provenance(), tag: nil)
        let before = try rowCounts(history)
        let writer = try PythonSQLite(PythonSQLite.writeAndHang, [history.path])
        #expect(writer.waitFor("written"))
        writer.kill()
        #expect(writer.process.terminationReason == .uncaughtSignal)
        #expect(try rowCounts(history) == before)
        #expect(try history.runs().allSatisfy { $0.schemeName != "killed" })
        // The lock died with the process: the next run records at once.
        let id = try history.record(makeResult(f1: 0.7), provenance: provenance(minutes: 1), tag: nil)
        #expect(try history.run(id: id)?.evaluations[0].metric("f1")?.value == 0.7)
    }
}
