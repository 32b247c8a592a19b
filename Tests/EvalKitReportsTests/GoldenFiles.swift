import Foundation
import Testing

/// Golden files of the report writers (Tests/Fixtures/golden/). Re-record after an intended change
/// with `EVALKIT_RECORD_GOLDEN=1 swift test --filter EvalKitReportsTests`, and review the diff.
enum GoldenFiles {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let directory = root + "/Tests/Fixtures/golden/"

    /// Compares `output` (paths made relative to the checkout) with the golden file `name`.
    static func check(_ output: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let text = output.replacingOccurrences(of: root + "/", with: "")
        let path = directory + name
        if ProcessInfo.processInfo.environment["EVALKIT_RECORD_GOLDEN"] == "1" {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == expected, "differs from \(name); re-record with EVALKIT_RECORD_GOLDEN=1 if intended",
                sourceLocation: sourceLocation)
    }
}
