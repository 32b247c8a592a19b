import Foundation
import Testing
@testable import EvalKitMetrics

/// `Tests/Fixtures/statistics/statistics.json`, written by make_fixtures.py (numpy, SciPy,
/// statsmodels). Doubles compared bit for bit are stored as strings (Python's repr) and parsed
/// with `Double(String)`; 64-bit integers as decimal strings.
enum StatisticsFixtures {
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/statistics/statistics.json")

    /// The parsed file (empty when unreadable: `StatisticsFixtureTests.fixtureFileLoads` fails).
    nonisolated(unsafe) static let root: [String: Any] = {
        guard let data = try? Data(contentsOf: url),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [:] }
        return object
    }()

    static func list(_ key: String) -> [[String: Any]] { root[key] as? [[String: Any]] ?? [] }

    static func double(_ any: Any?) -> Double {
        if let text = any as? String { return Double(text)! }
        return (any as! NSNumber).doubleValue
    }

    static func doubles(_ any: Any?) -> [Double] { (any as! [Any]).map(double) }

    static func uint64(_ any: Any?) -> UInt64 { UInt64(any as! String)! }

    static func int(_ any: Any?) -> Int { (any as! NSNumber).intValue }

    struct RandomCase: Sendable, CustomTestStringConvertible {
        var name: String
        var seed: UInt64?
        var stream: UInt64?
        var state: [UInt64]?
        var jumps = 0
        var longJumps = 0
        var draws: [UInt64]
        var testDescription: String { name }
    }

    static let randomCases: [RandomCase] = list("rng").map { c in
        RandomCase(
            name: c["name"] as! String, seed: (c["seed"] as? String).map { UInt64($0)! },
            stream: (c["stream"] as? String).map { UInt64($0)! },
            state: (c["state"] as? [String])?.map { UInt64($0)! },
            jumps: (c["jumps"] as? NSNumber)?.intValue ?? 0,
            longJumps: (c["long_jumps"] as? NSNumber)?.intValue ?? 0,
            draws: (c["draws"] as! [String]).map { UInt64($0)! })
    }

    /// A binned exact pmf: bin i holds the values from `lowerBounds[i]` up to the next bound
    /// (the first bin also everything below, the last everything above).
    struct FitCase: Sendable, CustomTestStringConvertible {
        var kind: String
        var n: Int64?
        var parameter: Double
        var draws: Int
        var lowerBounds: [Int64]
        var probabilities: [Double]
        var critical: Double
        var mean: Double
        var variance: Double
        var testDescription: String { "\(kind) n=\(n.map(String.init) ?? "-") p=\(parameter)" }

        func bin(of value: Int64) -> Int {
            var low = 0
            var high = lowerBounds.count - 1
            while low < high {
                let mid = (low + high + 1) / 2
                if lowerBounds[mid] <= value { low = mid } else { high = mid - 1 }
            }
            return low
        }
    }

    static let fitCases: [FitCase] = list("goodness_of_fit").map { c in
        FitCase(
            kind: c["kind"] as! String, n: (c["n"] as? NSNumber)?.int64Value, parameter: double(c["p"]),
            draws: int(c["draws"]), lowerBounds: (c["bin_lower"] as! [NSNumber]).map(\.int64Value),
            probabilities: doubles(c["probabilities"]), critical: double(c["critical"]),
            mean: double(c["mean"]), variance: double(c["variance"]))
    }
}
