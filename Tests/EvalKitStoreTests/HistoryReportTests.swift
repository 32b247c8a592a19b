import Foundation
import Testing
@testable import EvalKitStore

/// What `evalkit history` prints.
@Suite struct HistoryReportTests {
    func history() throws -> RunHistory {
        let history = try freshHistory()
        try history.record(makeResult(f1: 0.5), provenance: provenance(), tag: "v1")
        var result = makeResult(f1: 0.625)
        result.gates.removeAll { !$0.passed }
        try history.record(result, provenance: provenance(minutes: 1), tag: nil)
        return history
    }

    @Test func runsTable() throws {
        let text = HistoryReport.runsTable(try history().runs())
        #expect(text == """
            run  finished (UTC)       tag  scheme           passed  exit  commit
              1  2026-11-18 11:06:42  v1   face-attributes  no         0  0123456
              2  2026-11-18 11:07:42       face-attributes  yes        0  0123456
            
            """)
    }

    @Test func trendTableWithChangesAndUndefinedValues() throws {
        let history = try history()
        var undefined = makeResult()
        undefined.evaluations[0].computed.metrics.set("f1", .nan, undefinedReason: "no positives")
        undefined.evaluations[0].intervals["f1"] = nil
        try history.record(undefined, provenance: provenance(minutes: 2), tag: nil)
        let text = HistoryReport.trendTable(try history.trend(scheme: nil, metric: "f1", evaluation: nil, slice: nil), metric: "f1")
        #expect(text == """
            run  finished (UTC)       tag      f1  interval           change
              1  2026-11-18 11:06:42  v1   0.5000  [0.4800, 0.5200]
              2  2026-11-18 11:07:42       0.6250  [0.6050, 0.6450]  +0.1250
              3  2026-11-18 11:08:42            —
            run 3 (gender): undefined: no positives
            
            """)
    }

    @Test func trendJSONCarriesFullPrecision() throws {
        let history = try history()
        let points = try history.trend(scheme: nil, metric: "f1", evaluation: "gender", slice: "race=Black-0,sex=Female")
        let text = HistoryReport.trendJSON(points, metric: "f1", slice: "race=Black-0,sex=Female", path: history.path)
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        #expect(json["metric"] as? String == "f1" && json["slice"] as? String == "race=Black-0,sex=Female")
        let rows = json["points"] as! [[String: Any]]
        #expect(rows.map { $0["run"] as? Int } == [1, 2])
        #expect(rows[1]["value"] as? Double == points[1].value)
        #expect(rows[0]["change"] is NSNull && rows[1]["change"] as? Double == points[1].value! - points[0].value!)
        #expect(rows[0]["tag"] as? String == "v1" && rows[0]["finished_at"] as? String == "2026-11-18T11:06:42.625Z")
        #expect((rows[0]["interval"] as? [Double])?.count == 2)
    }

    @Test func runsJSON() throws {
        let history = try history()
        let text = HistoryReport.runsJSON(try history.runs(), path: history.path)
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        let runs = json["runs"] as! [[String: Any]]
        #expect(runs.count == 2 && runs[0]["passed"] as? Bool == false && runs[1]["passed"] as? Bool == true)
        #expect(runs[0]["git_commit"] as? String == "0123456789abcdef0123456789abcdef01234567")
        #expect(runs[0]["host"] as? String == "ci-runner-1" && runs[0]["exit_status"] as? Int == 0)
    }
}
