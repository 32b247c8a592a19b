import Foundation
import Testing
@testable import EvalKit
import EvalKitData
import EvalKitReports

/// Sharded runs merged back in-process, shards read in another order: detection with object
/// attributes and multilabel classification; the results of N shards' state
/// files merged equal the single run's results.json byte for byte (intervals included: the same
/// seed draws the same replicates).
@Suite struct ShardMergeTests {
    /// The CLI test (`ShardCLITests`) merges the other shipped schemes through 4 processes.
    static let schemes = ["plates-detection.json", "face-attributes.json"]

    /// The merge of `count` shards of `scheme`, each written to bytes and read back.
    static func merged(_ scheme: String, count: Int, order: [Int]? = nil) throws -> RunResult {
        let planned = { try Engine.plan(schemePath: scheme) }
        let directory = try temporaryDirectory()
        var files: [StateFile] = []
        for index in order ?? Array(0..<count) {
            let state = try Engine.runShard(try planned(), shard: ShardSpec(index: index, count: count))
            let path = directory + "/shard-\(index).state"
            try Data(state.bytes).write(to: URL(fileURLWithPath: path))
            files.append(try StateFile.read(path: path))
        }
        return try Engine.merge(files)
    }

    @Test(arguments: schemes)
    func mergedShardsEqualTheSingleRun(_ name: String) throws {
        let scheme = repositoryRoot + "/Schemes/" + name
        let single = ResultsJSON.text(try runScheme(scheme))
        for count in [3] {
            let merged = ResultsJSON.text(try Self.merged(scheme, count: count, order: [2, 0, 1]))
            #expect(merged == single, "\(name): \(count) shards differ from the single run")
            if merged != single {
                let a = single.split(separator: "\n"), b = merged.split(separator: "\n")
                for (i, (x, y)) in zip(a, b).enumerated() where x != y {
                    Issue.record("line \(i): single \(x)\n merged \(y)")
                    break
                }
            }
        }
    }
}
