import Foundation
import Testing
@testable import EvalKit
import EvalKitData

/// The repository root (tests read Datasets/ and Schemes/ from it).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// A fresh temporary directory for one test.
func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "evalkit-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Writes `text` to `directory/name` and returns the path.
@discardableResult
func write(_ text: String, to name: String, in directory: String) throws -> String {
    let path = directory + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// Loads a JSON file with Foundation (test side only).
func loadJSON(_ path: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return try JSONSerialization.jsonObject(with: data) as! [String: Any]
}

/// Runs a scheme file through the engine.
func runScheme(_ path: String) throws -> RunResult {
    try Engine.run(try Engine.plan(schemePath: path))
}

/// The error a scheme run throws, as text (fails the test when it does not throw).
func runError(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    do {
        _ = try runScheme(path)
        Issue.record("expected an error", sourceLocation: sourceLocation)
        return ""
    } catch {
        return "\(error)"
    }
}

func close(_ a: Double?, _ b: Double, tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    if a.isNaN && b.isNaN { return true }
    return abs(a - b) <= tolerance
}
