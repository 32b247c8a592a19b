import Foundation
import Testing

/// A task kind's own scheme keys (predictions, options, manifest columns) are checked against the
/// kind's surface: `validate` and `run` answer a misspelt one at its JSON path with exit 2 and a
/// "did you mean".
extension CLITests {
    /// A small binary classification project; `predictions`, `options` and `columns` are spliced
    /// into the scheme and the manifest. Returns the scheme's path.
    func writeSurfaceProject(in directory: String, predictions: String = #""label": "pred""#, options: String = #"{"positive": "1"}"#,
                             columns: String = #""id": "id", "label": "label""#, task: String = "classification") throws -> String {
        try "id,label,pred\n1,1,1\n2,0,1\n3,0,0\n".write(toFile: directory + "/data.csv", atomically: true, encoding: .utf8)
        try """
            {"evalkit_dataset": 1, "name": "tiny", "license": "CC0-1.0", "source": "test",
             "files": [{"path": "data.csv", "role": "ground_truth", "format": "csv"}],
             "columns": {\(columns)}}
            """.write(toFile: directory + "/dataset.json", atomically: true, encoding: .utf8)
        try """
            {"evalkit": 1, "name": "tiny", "task": "\(task)", "dataset": "dataset.json",
             "predictions": {"path": "data.csv", \(predictions)},
             "options": \(options)}
            """.write(toFile: directory + "/scheme.json", atomically: true, encoding: .utf8)
        return directory + "/scheme.json"
    }

    /// `validate` and `run` both exit 2, write nothing to standard output, and print `expected`.
    func expectRejected(_ scheme: String, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        for command in ["validate", "run"] {
            let outcome = try evalkit(command == "run" ? [command, scheme, "--no-history"] : [command, scheme])
            #expect(outcome.status == 2, "\(command): \(outcome.stderr)", sourceLocation: sourceLocation)
            #expect(outcome.stdout.isEmpty, "\(command): \(outcome.stdout)", sourceLocation: sourceLocation)
            for text in expected {
                #expect(outcome.stderr.contains(text), "\(command): \(outcome.stderr)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func misspeltPredictionsKeySuggestsTheKindsKey() throws {
        let directory = try temporaryDirectory()
        let scheme = try writeSurfaceProject(in: directory, predictions: #""lable": "pred""#)
        try expectRejected(scheme, [
            "error: \(scheme):2:47 (predictions.lable): unknown key \"lable\" in classification predictions; did you mean \"label\"?",
        ])
    }

    @Test func misspeltOptionKeySuggestsTheKindsKey() throws {
        let directory = try temporaryDirectory()
        let scheme = try writeSurfaceProject(in: directory, options: #"{"postive": "1"}"#)
        try expectRejected(scheme, [
            "error: \(scheme):3:25 (options.postive): unknown key \"postive\" in classification options; did you mean \"positive\"?",
        ])
    }

    @Test func misspeltManifestColumnKeySuggestsTheKindsKey() throws {
        let directory = try temporaryDirectory()
        let scheme = try writeSurfaceProject(in: directory, columns: #""id": "id", "lables": ["label"]"#)
        try expectRejected(scheme, [
            "(columns.lables): unknown key \"lables\" in manifest columns of a classification dataset; did you mean \"labels\"?",
            directory + "/dataset.json:3:",
        ])
    }

    @Test func detectionManifestColumnKeyIsTheDetectionKindsOwn() throws {
        let directory = try temporaryDirectory()
        let scheme = try writeSurfaceProject(in: directory, predictions: #""label": "pred", "score": "label""#, options: "{}",
                                             columns: #""id": "id", "label": "label", "object_atributes": ["colour"]"#,
                                             task: "detection")
        try expectRejected(scheme, [
            "(columns.object_atributes): unknown key \"object_atributes\" in manifest columns of a detection dataset; "
                + "did you mean \"object_attributes\"?",
        ])
    }

    @Test func anotherKindsKeyIsNamedAsSuch() throws {
        let directory = try temporaryDirectory()
        let scheme = try writeSurfaceProject(in: directory, predictions: #""text": "pred""#)
        try expectRejected(scheme, [
            "(predictions.text): \"text\" is for text predictions, not classification ones",
        ])
        let textScheme = try writeSurfaceProject(in: directory, predictions: #""text": "pred", "scores": "p_""#, options: "{}",
                                                 task: "text")
        try expectRejected(textScheme, [
            "(predictions.scores): \"scores\" is for classification predictions, not text ones; "
                + "a text evaluation names its predicted text column with \"text\"",
        ])
    }

    @Test func formatOutsideTheKindsFormatsIsRefused() throws {
        let directory = try temporaryDirectory()
        let scheme = try writeSurfaceProject(in: directory, predictions: #""label": "pred", "format": "coco""#)
        try expectRejected(scheme, [
            "(predictions.format): expected one of \"csv\", \"jsonl\", found \"coco\"",
        ])
    }
}
