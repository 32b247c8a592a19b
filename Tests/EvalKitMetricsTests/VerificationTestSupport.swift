import Foundation
import Testing
import EvalKitData
@testable import EvalKitMetrics

/// The bob.measure conformance folder: the project's copy, else `../shared/conformance/bob.measure`.
func bobConformanceDirectory() -> String? {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    for candidate in [root.appendingPathComponent("Tests/Fixtures/Conformance/bob.measure").path,
                      root.deletingLastPathComponent().appendingPathComponent("shared/conformance/bob.measure").path]
    where FileManager.default.fileExists(atPath: candidate + "/expected.json") {
        return candidate
    }
    return nil
}

/// `Tests/Fixtures/Verification/<name>`.
func verificationFixturePath(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Verification/\(name)").path
}

extension JSONNode {
    var doubles: [Double] { arrayItems!.map { $0.numberValue! } }
    var matrix: [[Double]] { arrayItems!.map(\.doubles) }
    /// A fixture value: the number, or nil when the reference raised (`{"error": ...}`).
    var numberOrError: Double? { numberValue }
    var isError: Bool { self["error"] != nil }
}

/// numpy.isclose(a, b) with its defaults (rtol 1e-5, atol 1e-8).
func numpyIsClose(_ a: Double, _ b: Double, rtol: Double = 1e-5, atol: Double = 1e-8) -> Bool {
    abs(a - b) <= atol + rtol * abs(b)
}

/// numpy.testing.assert_allclose's test: |a − b| ≤ atol + rtol·|b| element-wise.
func allClose(_ a: [Double], _ b: [Double], rtol: Double, atol: Double) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= atol + rtol * abs($1) }
}

/// Normal deviates by Box–Muller from a seeded generator.
func normalSamples(_ count: Int, mean: Double, sd: Double, generator: inout SeededGenerator) -> [Double] {
    (0..<count).map { _ in
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &generator)
        let u2 = Double.random(in: 0..<1, using: &generator)
        return mean + sd * (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

/// Runs `body`, returning its value or the `VerificationUndefined` it threw (any other error is
/// reported as an invalid parameter naming it, which no reference expects).
func outcome<T>(_ body: () throws -> T) -> Result<T, VerificationUndefined> {
    do {
        return .success(try body())
    } catch let error as VerificationUndefined {
        return .failure(error)
    } catch {
        return .failure(.invalidParameter("unexpected error \(error)"))
    }
}

extension Result where Failure == VerificationUndefined {
    var value: Success? { if case .success(let v) = self { v } else { nil } }
    var needsUnheld: Bool { if case .failure(.needsUnheldImpostors) = self { true } else { false } }
}
