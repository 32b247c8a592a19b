import Foundation
import Testing
@testable import EvalKit
import EvalKitData

/// Paired tests are an optional capability (`PairedTesting`): a kind without it refuses a
/// change gate that requires significance when the scheme is planned, naming the gate.
@Suite struct PairedTestingTests {
    @Test(arguments: ["multilabel", "text"])
    func kindsWithoutPairedTestsRefuseSignificanceGates(_ name: String) throws {
        let directory = try ThreadedReadingTests.writeData(rows: 50)
        let path = directory + "/\(name).json"
        let gate = #", "gates": [{"metric": "\#(name == "text" ? "cer" : "f1_macro")", "max_drop": 0.01, "require": "significant"}]}"#
        let text = ThreadedReadingTests.schemes.first { $0.name == name }!.text
        try (String(text.dropLast()) + gate).write(toFile: path, atomically: true, encoding: .utf8)
        let error = try #require(throws: InputError.self) { try Engine.plan(schemePath: path) }
        #expect(error.description.contains("(gates[0].require): a \(name == "text" ? "text" : "multilabel classification") evaluation has no paired test"),
                "\(error)")
    }

    @Test func singleTargetClassificationOffersPairedTests() throws {
        let directory = try ThreadedReadingTests.writeData(rows: 50)
        let path = directory + "/binary.json"
        try ThreadedReadingTests.schemes[0].text.write(toFile: path, atomically: true, encoding: .utf8)
        let planned = try Engine.plan(schemePath: path)
        #expect(planned.evaluations[0].task is any PairedTesting)
        let result = try Engine.run(planned, recordOutcomes: true)
        #expect(result.evaluations[0].outcomes?.truth.count == 50)
    }
}
