import Foundation
import Testing
import EvalKitData
@testable import EvalKitStore

/// Tags name runs for `--baseline TAG`: one run per tag, never digits only.
@Suite struct TagTests {
    @Test func aTagUsedTwiceIsRefusedAndTheHistoryIsUnchanged() throws {
        let history = try freshHistory()
        let first = try history.record(makeResult(f1: 0.6), provenance: provenance(), tag: "release-2026-11")
        try history.record(makeResult(f1: 0.62), provenance: provenance(minutes: 1), tag: nil)
        let before = try rowCounts(history)
        let error = thrown {
            try history.record(makeResult(f1: 0.7), provenance: provenance(minutes: 2), tag: "release-2026-11")
        } as? InputError
        #expect(error?.file == history.path)
        #expect(error?.message?.hasPrefix("tag \"release-2026-11\" already names run \(first)") == true)
        #expect(try rowCounts(history) == before)
        #expect(try history.run(tag: "release-2026-11")?.evaluations[0].metric("f1")?.value == 0.6)
    }

    @Test func aTagCanBeCheckedBeforeTheRun() throws {
        let history = try freshHistory()
        try history.checkNewTag("release-1")
        try history.record(makeResult(), provenance: provenance(), tag: "release-1")
        let error = thrown { try history.checkNewTag("release-1") } as? InputError
        #expect(error?.message?.hasPrefix("tag \"release-1\" already names run 1") == true)
        #expect((thrown { try history.checkNewTag("7") } as? InputError)?.field == "tag")
    }

    @Test func theUniqueConstraintHoldsEvenWithoutTheCheck() throws {
        let history = try freshHistory()
        try history.record(makeResult(), provenance: provenance(), tag: "x")
        let error = thrown {
            try history.pool.write { db in
                try db.execute(sql: "INSERT INTO run (scheme_name, scheme_path, scheme_sha256, evalkit_version, host, started_at, finished_at, exit_status, passed, tag) VALUES ('s', 'p', 'h', 'v', 'h', 't', 't', 0, 1, 'x')")
            }
        }
        #expect(error != nil)
        #expect(try history.runs().count == 1)
    }

    @Test(arguments: ["42", "", " padded", "tab\there"])
    func badTagsAreRefused(_ tag: String) throws {
        let history = try freshHistory()
        let error = thrown { try history.record(makeResult(), provenance: provenance(), tag: tag) } as? InputError
        #expect(error?.field == "tag")
        #expect(try history.runs().isEmpty)
    }
}
