import Foundation
import Testing

/// `--threads N` through the built binary (docs/scale.md, "Both cores in one process"): shipped
/// schemes of every kind give the same report and result files, item outcomes included, on one
/// thread and on three; a bad thread count is an input error (exit 2). (The binary scheme with
/// slices and intervals, and COCO detection, are compared in-process: `ThreadedReadingTests`,
/// `DetectionThreadsTests`; in a debug build they take a minute each.)
@Suite struct ThreadsCLITests {
    @Test(arguments: ["digits-multiclass.json", "face-attributes.json", "plate-reads.json", "plates-detection.json", "events-dcase.json"])
    func oneThreadAndThreeGiveTheSameFiles(_ name: String) throws {
        let directory = try ShardCLITests.temporary()
        let scheme = "Schemes/" + name
        let one = try ShardCLITests.evalkit(["run", scheme, "--threads", "1", "--out", directory + "/one", "--no-history", "--format", "json"])
        let three = try ShardCLITests.evalkit(["run", scheme, "--threads", "3", "--out", directory + "/three", "--no-history", "--format", "json"])
        #expect(one.status == three.status, "\(three.stderr)")
        #expect(one.stdout == three.stdout, "\(name): the reports differ")
        let files = try FileManager.default.subpathsOfDirectory(atPath: directory + "/one").sorted()
        #expect(files == (try FileManager.default.subpathsOfDirectory(atPath: directory + "/three").sorted()))
        for file in files {
            let a = ResultFileBytes.comparable(FileManager.default.contents(atPath: directory + "/one/" + file), file: file)
            let b = ResultFileBytes.comparable(FileManager.default.contents(atPath: directory + "/three/" + file), file: file)
            #expect(a == b, "\(name): \(file) differs")
        }
    }

    @Test(arguments: [
        (["--threads", "0"], [String: String](), "field \"--threads\": invalid thread count: expected a thread count from 1 to 1024, found 0"),
        (["--threads", "5000"], [:], "found 5000"),
        ([], ["EVALKIT_THREADS": "two"], "field \"EVALKIT_THREADS\": invalid thread count: expected a thread count from 1 to 1024, found \"two\""),
    ])
    func badThreadCountsAreInputErrors(_ arguments: [String], _ environment: [String: String], _ message: String) throws {
        let outcome = try ShardCLITests.evalkit(["run", "Schemes/quickstart.json", "--no-history"] + arguments, environment: environment)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
    }
}
