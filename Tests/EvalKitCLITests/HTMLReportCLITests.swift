import Foundation
import Testing

/// `report.html` through the built binary: written by `--out` beside results.json (run and
/// merge), for every shipped scheme and task kind, with the scheme's git commit and the run's
/// time; never left behind by a run that fails.
@Suite struct HTMLReportCLITests {
    /// The shipped schemes (compas-audit only when its data has been prepared: no licence to ship it).
    static var schemes: [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: CLITests.root + "/Schemes")) ?? [])
            .filter { $0.hasSuffix(".json") && $0 != "scheme.schema.json" }.sorted()
        let compasData = FileManager.default.fileExists(atPath: CLITests.root + "/Datasets/compas/ground_truth.csv")
        return names.filter { $0 != "compas-audit.json" || compasData }
    }

    func run(_ arguments: [String]) throws -> ShardCLITests.Outcome {
        try ShardCLITests.evalkit(arguments + ["--no-history", "--quiet"])
    }

    func report(in directory: String) throws -> String {
        try String(contentsOfFile: directory + "/report.html", encoding: .utf8)
    }

    /// The commit `git rev-parse HEAD` gives for the checkout, when git and a repository are there.
    func gitHead() -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", CLITests.root, "rev-parse", "--verify", "--quiet", "HEAD"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func quickstartWritesTheReportBesideResults() throws {
        let directory = try ShardCLITests.temporary() + "/out"
        let before = Date()
        let outcome = try run(["run", "Schemes/quickstart.json", "--out", directory])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let html = try report(in: directory)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<strong>PASSED</strong></p><p>5 of 5 gates passed.</p>"))
        #expect(FileManager.default.fileExists(atPath: directory + "/results.json"))
        // The run's time, in UTC, and the commit of the checkout holding the scheme.
        let time = try #require(html.firstMatch(of: /<time datetime="([0-9T:-]+Z)">/)?.1)
        let formatter = ISO8601DateFormatter()
        let when = try #require(formatter.date(from: String(time)))
        #expect(when >= before.addingTimeInterval(-1) && when <= Date().addingTimeInterval(1), "\(time)")
        if let head = gitHead() {
            #expect(html.contains("<th scope=\"row\">git commit</th><td><code>\(head)</code></td>"), "HEAD \(head)")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains("evalkit-tmp") }
        #expect(left.isEmpty, "\(left)")
    }

    /// Every shipped scheme (each task kind) through the CLI: report.html with the verdict of
    /// results.json, a section per evaluation, its slices, the provenance with every file's
    /// digest, and nothing external.
    /// (Each scheme is run from a copy with its bootstrap cut to 20 replicates: the report does
    /// not depend on their number, and 1,000 are slow in a debug build.)
    @Test(arguments: HTMLReportCLITests.schemes)
    func everyShippedSchemeHasAReport(_ name: String) throws {
        let base = try ShardCLITests.temporary()
        let scheme = base + "/" + name
        try String(contentsOfFile: CLITests.root + "/Schemes/" + name, encoding: .utf8)
            .replacingOccurrences(of: "\"../", with: "\"" + CLITests.root + "/")
            .replacing(/"replicates": *\d+/, with: #""replicates": 20"#)
            .write(toFile: scheme, atomically: true, encoding: .utf8)
        let directory = base + "/out"
        let outcome = try run(["run", scheme, "--out", directory])
        #expect(outcome.status == 0 || outcome.status == 1, "\(name): \(outcome.stderr)")
        let html = try report(in: directory)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/results.json")))
            as? [String: Any])
        let gates = json["gates"] as? [[String: Any]] ?? []
        let verdict = gates.isEmpty ? "NO GATES" : (json["passed"] as? Bool == true ? "PASSED" : "FAILED")
        #expect(html.contains("role=\"status\"><p><strong>\(verdict)</strong>"), "\(name)")
        let recorded = json["scheme"] as! [String: Any]
        #expect(html.contains("<td><code>\(recorded["sha256"] as! String)</code></td>"), "\(name)")
        let evaluations = json["evaluations"] as! [[String: Any]]
        var position = html.range(of: "</header>")!.upperBound
        for (i, evaluation) in evaluations.enumerated() {
            let section = try #require(html.range(of: "<section id=\"e\(i + 1)\">", range: position..<html.endIndex), "\(name)")
            position = section.upperBound
            #expect(html.contains("<section id=\"e\(i + 1)-metrics\">"), "\(name)")
            if !(evaluation["slices"] as? [Any] ?? []).isEmpty {
                #expect(html.contains("<section id=\"e\(i + 1)-slices\">"), "\(name)")
            }
            for file in evaluation["files"] as? [[String: Any]] ?? [] {
                #expect(html.contains(file["sha256"] as! String), "\(name): \(file["path"] ?? "")")
            }
        }
        #expect(html.range(of: "<footer id=\"provenance\">", range: position..<html.endIndex) != nil, "\(name)")
        #expect(html.hasSuffix("</html>\n"))
        for pattern in [#"src\s*=\s*["']?\s*(https?:|//)"#, #"href\s*=\s*["']?\s*(https?:|//)"#, #"url\s*\("#, "@import", "<script"] {
            #expect(html.range(of: pattern, options: [.regularExpression, .caseInsensitive]) == nil, "\(name): \(pattern)")
        }
        #expect(!html.contains(">nan<") && !html.contains(">—<"), "\(name): undefined values read \"undefined\"")
    }

    @Test func mergeWritesTheReportToo() throws {
        let directory = try ShardCLITests.temporary()
        let states = try ShardCLITests.shardStates("Schemes/plate-reads.json", in: directory, count: 2)
        let outcome = try run(["merge"] + states + ["--out", directory + "/merged"])
        #expect(outcome.status == 0 || outcome.status == 1, "\(outcome.stderr)")
        let html = try report(in: directory + "/merged")
        #expect(html.contains("<section id=\"e1\">") && html.contains("<footer id=\"provenance\">"))
    }

    /// An output directory that cannot be written is bad input (exit 2) named with `--out`, and
    /// nothing is written: a path that is a file (left as it was), a path under a file, a
    /// directory the system refuses (/proc, even to root), and a read-only directory (not root).
    @Test func anOutputDirectoryThatCannotBeWritten() throws {
        let directory = try ShardCLITests.temporary()
        let file = directory + "/a-file"
        try "mine\n".write(toFile: file, atomically: true, encoding: .utf8)
        var cases: [(String, String)] = [(file, "is not a directory"), (file + "/out", "a part of the path is a file"),
                                         ("/proc/self", "permission denied")]
        if getuid() != 0 {
            let locked = directory + "/locked"
            try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: true)
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: locked)
            cases.append((locked + "/out", "cannot create the directory"))
        }
        for (out, message) in cases {
            let outcome = try run(["run", "Schemes/quickstart.json", "--no-history", "--out", out])
            #expect(outcome.status == 2, "\(out): \(outcome.stderr)")
            #expect(outcome.stderr.contains(message) && outcome.stderr.contains(out), "\(out): \(outcome.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out + "/report.html"))
        }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "mine\n")
    }

    /// Standard output on a full disk fails the run after the files were staged (exit 2): no
    /// report.html, no results.json, no temporary, no directory.
    @Test func aFailedRunLeavesNoReport() throws {
        let directory = try ShardCLITests.temporary()
        guard let full = FileHandle(forWritingAtPath: "/dev/full") else { return }
        let outcome = try TrustTests().evalkit(["run", "Schemes/quickstart.json", "--no-history", "--out", directory + "/out"],
                                               stdout: full)
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/out"))
        // Into an existing directory: it stays, empty.
        try FileManager.default.createDirectory(atPath: directory + "/kept", withIntermediateDirectories: true)
        let again = try TrustTests().evalkit(["run", "Schemes/quickstart.json", "--no-history", "--out", directory + "/kept"],
                                             stdout: full)
        #expect(again.status == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/kept").isEmpty)
        // Bad input: nothing written either.
        let bad = try run(["run", "Schemes/quickstart.json", "--predictions", directory + "/missing.csv", "--out", directory + "/bad"])
        #expect(bad.status == 2)
        #expect(!FileManager.default.fileExists(atPath: directory + "/bad/report.html"))
    }
}

/// Result files of two runs compared byte for byte, except the run's time in report.html (the
/// only thing that differs between two runs of the same data).
enum ResultFileBytes {
    static func comparable(_ data: Data?, file: String) -> Data? {
        guard file == "report.html" || file.hasSuffix("/report.html"), let data else { return data }
        let text = String(decoding: data, as: UTF8.self)
            .replacing(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/, with: "TIME")
        return Data(text.utf8)
    }
}
