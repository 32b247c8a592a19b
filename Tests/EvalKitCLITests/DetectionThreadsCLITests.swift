import Foundation
import Testing

/// `--threads N` through the built binary: COCO detection's report (stdout), results.json and
/// every other result file are the same bytes with 1, 2 and 3 threads. (`ThreadsCLITests` runs
/// the plates detection scheme on 1 and 3 threads.)
@Suite struct DetectionThreadsCLITests {
    /// The shipped scheme, its bootstrap cut to 20 replicates (intervals do not depend on the
    /// threads, and 200 are slow in a debug build).
    @Test(arguments: ["coco-detection.json"])
    func detectionOutputDoesNotDependOnTheThreads(_ name: String) throws {
        let directory = try ShardCLITests.temporary()
        let scheme = directory + "/" + name
        try String(contentsOfFile: CLITests.root + "/Schemes/" + name, encoding: .utf8)
            .replacingOccurrences(of: "\"../", with: "\"" + CLITests.root + "/")
            .replacingOccurrences(of: #""replicates": 200"#, with: #""replicates": 20"#)
            .write(toFile: scheme, atomically: true, encoding: .utf8)
        func run(_ threads: Int) throws -> ShardCLITests.Outcome {
            try ShardCLITests.evalkit(["run", scheme, "--threads", String(threads), "--out", "\(directory)/\(threads)", "--no-history"])
        }
        let one = try run(1)
        #expect(one.status == 0, "\(one.stderr)")
        let files = try FileManager.default.subpathsOfDirectory(atPath: directory + "/1").sorted()
        #expect(files.contains("results.json"))
        for threads in [2, 3] {
            let several = try run(threads)
            #expect(several.status == one.status && several.stdout == one.stdout, "\(name): \(threads) threads: \(several.stderr)")
            #expect(try FileManager.default.subpathsOfDirectory(atPath: "\(directory)/\(threads)").sorted() == files)
            for file in files {
                let a = ResultFileBytes.comparable(FileManager.default.contents(atPath: "\(directory)/1/\(file)"), file: file)
                let b = ResultFileBytes.comparable(FileManager.default.contents(atPath: "\(directory)/\(threads)/\(file)"), file: file)
                #expect(a == b, "\(name): \(file) differs with \(threads) threads")
            }
        }
    }
}
