import Foundation
import Testing
@testable import EvalKitMetrics

/// McNemar's exact test against statsmodels 0.15 (Tests/Fixtures/paired/make_fixtures.py).
@Suite struct McNemarTests {
    struct Case: Decodable {
        var only_first: Int64
        var only_second: Int64
        var p_value: Double
    }

    struct Fixture: Decodable { var cases: [Case] }

    @Test func agreesWithStatsmodels() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/paired/mcnemar.json")
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        #expect(fixture.cases.count == 11)
        for c in fixture.cases {
            let p = McNemar.exactPValue(onlyFirst: c.only_first, onlySecond: c.only_second)
            let tolerance = max(1e-12, 1e-9 * c.p_value)
            #expect(abs(p - c.p_value) <= tolerance, "b=\(c.only_first) c=\(c.only_second): \(p) vs \(c.p_value)")
        }
    }

    @Test func symmetricAndBounded() {
        #expect(McNemar.exactPValue(onlyFirst: 3, onlySecond: 9) == McNemar.exactPValue(onlyFirst: 9, onlySecond: 3))
        #expect(McNemar.exactPValue(onlyFirst: 0, onlySecond: 0) == 1)
        #expect(McNemar.exactPValue(onlyFirst: 5, onlySecond: 5) == 1)
    }
}
