import Foundation
import Testing
@testable import EvalKit
import EvalKitData

/// The same evaluation from CSV, TSV, JSONL and a single combined file gives the same numbers.
@Suite struct FormatTests {
    let truthCSV = "id,label,group\n1,1,a\n2,0,a\n3,1,b\n4,0,b\n5,1,b\n"
    let predictionsCSV = "id,pred,score\n1,1,0.9\n2,0,0.2\n3,0,0.4\n4,1,0.7\n5,1,0.8\n"

    func run(truth: (String, String), predictions: (String, String), extra: String = "") throws -> MetricValues {
        let directory = try temporaryDirectory()
        try write(truth.1, to: truth.0, in: directory)
        if predictions.0 != truth.0 { try write(predictions.1, to: predictions.0, in: directory) }
        let scheme = try write("""
            {"evalkit": 1, "name": "formats", "task": "classification",
             "dataset": {"name": "t", "files": [{"path": "\(truth.0)", "role": "ground_truth"}],
                         "columns": {"id": "id", "label": "label"}},
             "predictions": {"path": "\(predictions.0)", "label": "pred", "score": "score"\(extra)},
             "options": {"positive": "1"}}
            """, to: "scheme.json", in: directory)
        return try runScheme(scheme).evaluations[0].computed.metrics
    }

    @Test func csvAndJSONLAgree() throws {
        let csv = try run(truth: ("truth.csv", truthCSV), predictions: ("preds.csv", predictionsCSV))
        let jsonl = try run(
            truth: ("truth.jsonl", """
                {"id": 1, "label": 1, "group": "a"}
                {"id": 2, "label": 0, "group": "a"}
                {"id": "3", "label": "1", "group": "b"}
                {"id": 4, "label": 0}
                {"id": 5, "label": 1, "group": null}

                """),
            predictions: ("preds.jsonl", """
                {"id": 5, "pred": 1, "score": 0.8}
                {"id": 1, "pred": 1, "score": 0.9}
                {"id": 2, "pred": 0, "score": 0.2}
                {"id": 3, "pred": 0, "score": 4e-1}
                {"id": 4, "pred": 1, "score": 0.7}
                """))
        #expect(csv == jsonl)
        #expect(csv["tp"] == 2 && csv["fn"] == 1 && csv["fp"] == 1 && csv["tn"] == 1)
        #expect(close(csv["roc_auc"], 5.0 / 6.0))
    }

    @Test func tsvWithQuotedFieldsAgrees() throws {
        let csv = try run(truth: ("truth.csv", truthCSV), predictions: ("preds.csv", predictionsCSV))
        let tsv = try run(
            truth: ("truth.tsv", "id\tlabel\n\"1\"\t1\n2\t0\n3\t1\n4\t0\n5\t1\n"),
            predictions: ("preds.tsv", "\u{FEFF}id\tpred\tscore\r\n1\t1\t0.9\r\n2\t0\t0.2\r\n3\t0\t0.4\r\n4\t1\t\"0.7\"\r\n5\t1\t0.8"))
        #expect(csv == tsv)
    }

    @Test func predictionsInTheTruthFileAreReadOnce() throws {
        let combined = "id,label,pred,score\n1,1,1,0.9\n2,0,0,0.2\n3,1,0,0.4\n4,0,1,0.7\n5,1,1,0.8\n"
        let csv = try run(truth: ("truth.csv", truthCSV), predictions: ("preds.csv", predictionsCSV))
        let single = try run(truth: ("all.csv", combined), predictions: ("all.csv", combined))
        #expect(csv == single)
    }

    @Test func jsonlNestedValueIsAnError() throws {
        let error = #expect(throws: (any Error).self) {
            try run(truth: ("truth.csv", truthCSV), predictions: ("preds.jsonl", "{\"id\": 1, \"pred\": [1], \"score\": 0.9}\n"))
        }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.contains("preds.jsonl:1"), "\(message)")
        #expect(message.contains("\"pred\""), "\(message)")
    }
}
