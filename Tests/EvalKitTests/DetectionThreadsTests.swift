import Foundation
import Testing
@testable import EvalKit
import EvalKitData
import EvalKitReports

/// Detection on several threads (`--threads N`, docs/scale.md): the images are matched in one
/// range per thread and the states joined, so 2 and 3 threads give one thread's states bit for
/// bit and its results.json byte for byte — for the shipped schemes, for slices by image and by
/// box attributes with label and text attributes, VOC and intervals, and for a shard.
@Suite struct DetectionThreadsTests {
    static let plates = repositoryRoot + "/Datasets/plates-detection-synthetic"
    static let threadCounts = [2, 3]

    /// Plates sliced by an image attribute, a box attribute and both, with paired attributes,
    /// VOC AP and bootstrap intervals.
    static func slicedScheme() throws -> String {
        try write("""
            {"evalkit": 1, "name": "plates-sliced", "task": "detection", "dataset": "\(plates)/dataset.json",
             "predictions": {"path": "\(plates)/predictions.json"},
             "options": {"operating_point": {"iou": 0.5, "score": 0.3}, "voc": "all_points",
                         "attributes": {"plate": {"kind": "text"}, "colour": {"kind": "label"}}},
             "slices": [["lighting"], ["colour"], ["camera", "colour"]], "min_slice_size": 5,
             "intervals": {"replicates": 20, "seed": 11}}
            """, to: "scheme.json", in: try temporaryDirectory())
    }

    /// A shipped scheme, its bootstrap cut to 20 replicates (intervals do not depend on the
    /// threads, and 200 are slow in a debug build), in a temporary directory.
    static func shippedScheme(_ name: String) throws -> String {
        let text = try String(contentsOfFile: repositoryRoot + "/Schemes/" + name, encoding: .utf8)
            .replacingOccurrences(of: "\"../", with: "\"" + repositoryRoot + "/")
            .replacingOccurrences(of: #""replicates": 200"#, with: #""replicates": 20"#)
        return try write(text, to: name, in: try temporaryDirectory())
    }

    static func schemePath(_ name: String) throws -> String {
        name == "sliced" ? try slicedScheme() : try shippedScheme(name)
    }

    static let schemes = ["coco-detection.json", "plates-detection.json", "sliced"]

    @Test(arguments: schemes)
    func resultsDoNotDependOnTheThreads(_ name: String) throws {
        let planned = try Engine.plan(schemePath: try Self.schemePath(name))
        let one = ResultsJSON.text(try Engine.run(planned, threads: .one))
        for count in Self.threadCounts {
            let several = ResultsJSON.text(try Engine.run(planned, threads: Threads(count)))
            #expect(several == one, "\(name): \(count) threads differ from one")
            if several != one {
                for (i, (x, y)) in zip(one.split(separator: "\n"), several.split(separator: "\n")).enumerated() where x != y {
                    Issue.record("line \(i): one thread \(x)\n \(count) threads \(y)")
                    break
                }
            }
        }
    }

    /// The states themselves (names, reading, every cell's records), of the whole run and of one
    /// shard (whose images are a subset of every thread's range).
    @Test(arguments: schemes)
    func statesAreBitIdentical(_ name: String) throws {
        let planned = try Engine.plan(schemePath: try Self.schemePath(name))
        for shard in [ShardSpec(index: 0, count: 1), ShardSpec(index: 1, count: 3)] {
            func payloads(_ threads: Threads) throws -> [[UInt8]] {
                try Engine.runShard(planned, shard: shard, threads: threads).evaluations.map(\.payload)
            }
            let one = try payloads(.one)
            for count in Self.threadCounts {
                #expect(try payloads(Threads(count)) == one, "\(name), shard \(shard): \(count) threads differ from one")
            }
        }
    }

    /// More threads than images: some ranges are empty.
    @Test func moreThreadsThanImages() throws {
        let directory = try temporaryDirectory()
        try write("""
            {"images": [{"id": 1}, {"id": 2}],
             "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10], "area": 100},
                             {"id": 2, "image_id": 2, "category_id": 1, "bbox": [5, 5, 10, 10], "area": 100}],
             "categories": [{"id": 1, "name": "a"}]}
            """, to: "gt.json", in: directory)
        try write("""
            [{"image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 9], "score": 0.9},
             {"image_id": 2, "category_id": 1, "bbox": [0, 0, 10, 10], "score": 0.8}]
            """, to: "dt.json", in: directory)
        let scheme = try write("""
            {"evalkit": 1, "name": "tiny", "task": "detection",
             "dataset": {"evalkit_dataset": 1, "name": "tiny", "files": [{"path": "gt.json", "role": "ground_truth", "format": "coco"}]},
             "predictions": {"path": "dt.json"}}
            """, to: "scheme.json", in: directory)
        let planned = try Engine.plan(schemePath: scheme)
        let one = ResultsJSON.text(try Engine.run(planned, threads: .one))
        #expect(ResultsJSON.text(try Engine.run(planned, threads: Threads(5))) == one)
    }
}
