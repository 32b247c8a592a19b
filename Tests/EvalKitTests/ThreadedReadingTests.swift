import Foundation
import Testing
@testable import EvalKit
import EvalKitData
import EvalKitReports

/// Reading on several threads gives the one-thread results byte for byte, for every tabular
/// kind and join (one file, two files with missing and extra items), with slices, intervals
/// (count and rank bootstraps) and item outcomes; and a failed parallel reading reports the
/// error one thread reports. Small batches split the small files into many pieces.
@Suite struct ThreadedReadingTests {
    static let settings = [Threads(2, batchRows: 97), Threads(3, batchRows: 41), Threads(2, batchRows: 1)]

    /// A generated dataset (fixed seed): ids, a binary and a multiclass truth with predictions,
    /// scores and class probabilities, four multilabel targets, reference and read texts, and
    /// two slicing attributes. Class "z" first occurs near the end.
    static func writeData(rows: Int = 1500) throws -> String {
        let directory = try temporaryDirectory()
        var generator = Xoshiro256StarStar(seed: 11)
        func uniform() -> Double { Double(generator.next() >> 11) / Double(1 << 53) }
        var lines = ["id,y,p,s,c,cp,prob_a,prob_b,prob_z,t0,t1,q0,q1,v0,v1,ref,read,group,site"]
        var truth = ["id,c,group"]
        var predictions = ["id,cp"]
        let classes = ["a", "b", "z"]
        for i in 0..<rows {
            let y = uniform() < 0.4 ? 1 : 0
            let s = (Double(y) * 0.3 + uniform() * 0.7 * 1000).rounded() / 1000
            let c = i > rows - 40 ? "z" : classes[Int(uniform() * 2)]
            var probabilities = [uniform(), uniform(), uniform()].map { ($0 * 100).rounded() / 100 + 0.01 }
            if let k = classes.firstIndex(of: c) { probabilities[k] += 0.5 }
            let total = probabilities.reduce(0, +)
            probabilities = probabilities.map { $0 / total }
            let cp = classes[probabilities.firstIndex(of: probabilities.max()!)!]
            let t = (0..<2).map { _ in uniform() < 0.5 ? 1 : 0 }
            let v = t.map { (Double($0) * 0.4 + uniform() * 0.6 * 100).rounded() / 100 }
            let q = v.map { $0 >= 0.5 ? 1 : 0 }
            let reference = String((0..<6).map { _ in "ABC123"[String.Index(utf16Offset: Int(uniform() * 6), in: "ABC123")] })
            let read = uniform() < 0.7 ? reference : String(reference.dropLast()) + "8"
            let group = ["g1", "g2", "g3"][Int(uniform() * 3)]
            let site = ["north", "south"][Int(uniform() * 2)]
            lines.append("\(i),\(y),\(s >= 0.5 ? 1 : 0),\(s),\(c),\(cp),\(probabilities.map { String($0) }.joined(separator: ",")),"
                + "\(t[0]),\(t[1]),\(q[0]),\(q[1]),\(v[0]),\(v[1]),\(reference),\(read),\(group),\(site)")
            truth.append("id\(i),\(c),\(group)")
            // Two files: every 50th item has no prediction, and some predictions name unknown ids.
            if i % 50 != 7 { predictions.append("id\(i),\(i % 300 == 5 ? "w" : cp)") }
            if i % 400 == 3 { predictions.append("extra\(i),a") }
        }
        // The predictions file in another order than the truth.
        let shuffled = [predictions[0]] + predictions.dropFirst().enumerated().sorted { ($0.offset * 7919) % 1009 < ($1.offset * 7919) % 1009 }.map(\.element)
        try (lines.joined(separator: "\n") + "\n").write(toFile: directory + "/data.csv", atomically: true, encoding: .utf8)
        try (truth.joined(separator: "\n") + "\n").write(toFile: directory + "/truth.csv", atomically: true, encoding: .utf8)
        try (shuffled.joined(separator: "\n") + "\n").write(toFile: directory + "/predictions.csv", atomically: true, encoding: .utf8)
        // JSONL: the texts as predictions of their own file, and the groups in a metadata file.
        var texts: [String] = []
        var metadata: [String] = []
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            if fields[0].hasSuffix("3") { continue }  // some items have no prediction
            texts.append(#"{"id": \#(fields[0]), "read": "\#(fields[16])"}"#)
            metadata.append(#"{"id": \#(fields[0]), "site": "\#(fields[18])"}"#)
        }
        try (texts.reversed().joined(separator: "\n") + "\n").write(toFile: directory + "/texts.jsonl", atomically: true, encoding: .utf8)
        try (metadata.joined(separator: "\n") + "\n").write(toFile: directory + "/sites.jsonl", atomically: true, encoding: .utf8)
        return directory
    }

    static let intervals = #""intervals": {"method": "bootstrap", "replicates": 60, "seed": 5}"#

    /// One scheme per kind and join.
    static let schemes: [(name: String, text: String)] = [
        ("binary", #"{"evalkit": 1, "name": "binary", "task": "classification", "dataset": {"name": "d", "files": [{"path": "data.csv", "role": "ground_truth"}], "columns": {"id": "id", "label": "y", "attributes": ["group", "site"]}}, "predictions": {"path": "data.csv", "id": "id", "label": "p", "score": "s"}, "options": {"operating_points": [{"fpr": 0.1}]}, "slices": [["group"], ["group", "site"]], "#
            + intervals + "}"),
        ("multiclass", #"{"evalkit": 1, "name": "multiclass", "task": "classification", "dataset": {"name": "d", "files": [{"path": "data.csv", "role": "ground_truth"}], "columns": {"id": "id", "label": "c", "attributes": ["group"]}}, "predictions": {"path": "data.csv", "id": "id", "label": "cp", "scores": "prob_"}, "slices": [["group"]], "#
            + intervals + "}"),
        ("multilabel", #"{"evalkit": 1, "name": "multilabel", "task": "classification", "dataset": {"name": "d", "files": [{"path": "data.csv", "role": "ground_truth"}], "columns": {"id": "id", "labels": ["t0", "t1"], "attributes": ["site"]}}, "predictions": {"path": "data.csv", "targets": {"t0": {"label": "q0", "score": "v0"}, "t1": {"label": "q1", "score": "v1"}}}, "slices": [["site"]], "#
            + intervals + "}"),
        ("text", #"{"evalkit": 1, "name": "text", "task": "text", "dataset": {"name": "d", "files": [{"path": "data.csv", "role": "ground_truth"}], "columns": {"id": "id", "label": "ref", "attributes": ["group"]}}, "predictions": {"path": "data.csv", "id": "id", "text": "read"}, "slices": [["group"]], "#
            + intervals + "}"),
        ("jsonl-metadata", #"{"evalkit": 1, "name": "jsonl", "task": "text", "dataset": {"name": "d", "files": [{"path": "data.csv", "role": "ground_truth"}, {"path": "sites.jsonl", "role": "metadata"}], "columns": {"id": "id", "label": "ref", "attributes": ["site"]}}, "predictions": {"path": "texts.jsonl", "id": "id", "text": "read"}, "missing": "count_as_wrong", "slices": [["site"]], "#
            + intervals + "}"),
        ("two-files", #"{"evalkit": 1, "name": "two-files", "task": "classification", "dataset": {"name": "d", "files": [{"path": "truth.csv", "role": "ground_truth"}], "columns": {"id": "id", "label": "c", "attributes": ["group"]}}, "predictions": {"path": "predictions.csv", "id": "id", "label": "cp"}, "missing": "count_as_wrong", "extra": "ignore", "options": {"labels": ["a", "b", "z", "w"]}, "slices": [["group"]], "#
            + intervals + "}"),
    ]

    static func run(_ path: String, threads: Threads) throws -> (text: String, outcomes: ItemOutcomes?) {
        let result = try Engine.run(try Engine.plan(schemePath: path), recordOutcomes: true, threads: threads)
        return (ResultsJSON.text(result), result.evaluations[0].outcomes)
    }

    @Test(arguments: schemes.map(\.name))
    func severalThreadsGiveTheOneThreadResults(_ name: String) throws {
        let directory = try Self.writeData()
        let path = directory + "/\(name).json"
        try Self.schemes.first { $0.name == name }!.text.write(toFile: path, atomically: true, encoding: .utf8)
        let one = try Self.run(path, threads: Threads(1, batchRows: 97))
        #expect(try Self.run(path, threads: .one).text == one.text, "\(name): the batch size changed the results")
        for threads in Self.settings {
            let several = try Self.run(path, threads: threads)
            #expect(several.text == one.text, "\(name): \(threads.count) threads, batches of \(threads.batchRows) rows")
            if several.text != one.text {
                for (a, b) in zip(one.text.split(separator: "\n"), several.text.split(separator: "\n")) where a != b {
                    Issue.record("one thread: \(a)\nseveral: \(b)")
                    break
                }
            }
            #expect(several.outcomes?.truth == one.outcomes?.truth && several.outcomes?.predicted == one.outcomes?.predicted
                        && several.outcomes?.labels == one.outcomes?.labels && several.outcomes?.cells == one.outcomes?.cells,
                    "\(name): item outcomes differ")
        }
    }

    /// Each bad file gives the same error with any thread count: the first in file order.
    @Test(arguments: [
        ("data.csv:301: field \"id\": duplicate id \"5\" (first on line 6)", [300: "5,1,1,0.4", 700: "700,1,1,high"]),
        ("data.csv:301: field \"s\"", [300: "300,1,1,high", 700: "5,1,1,0.4"]),
        ("data.csv:651: field \"y\"", [650: "650,2,1,0.4"]),
        ("data.csv:801: field \"p\": expected one of the labels", [800: "800,1,7,0.4"]),
    ])
    func errorsAreTheOneThreadErrors(_ fault: String, _ edits: [Int: String]) throws {
        let directory = try temporaryDirectory()
        var rows = ["id,y,p,s"] + (1...1000).map { "\($0),\($0 % 3 == 0 ? 1 : 0),\($0 % 4 == 0 ? 1 : 0),0.\($0 % 10)" }
        for (row, text) in edits { rows[row] = text }
        try (rows.joined(separator: "\n") + "\n").write(toFile: directory + "/data.csv", atomically: true, encoding: .utf8)
        let path = directory + "/scheme.json"
        try #"{"evalkit": 1, "name": "e", "task": "classification", "dataset": {"name": "d", "files": [{"path": "data.csv", "role": "ground_truth"}], "columns": {"id": "id", "label": "y"}}, "predictions": {"path": "data.csv", "id": "id", "label": "p", "score": "s"}}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        func message(_ threads: Threads) -> String {
            do {
                _ = try Engine.run(try Engine.plan(schemePath: path), threads: threads)
                return "no error"
            } catch {
                return String(describing: error)
            }
        }
        let one = message(Threads(1, batchRows: 50))
        #expect(one.contains(fault), "\(one)")
        for threads in Self.settings { #expect(message(threads) == one, "\(fault): \(threads.count) threads") }
    }
}
