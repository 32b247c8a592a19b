import Foundation
import Testing

/// The `verification` task through the built binary: the shipped synthetic sample against the
/// reference values of its committed script (bob.measure 6.1's rules, pyeer), score lists against
/// embeddings, shards and threads, a hand-worked identification example, distances, and every class
/// of bad input (exit 2, file and place named).
@Suite struct VerificationCLITests {
    static let sample = CLITests.root + "/Datasets/face-verification-synthetic"

    static func results(_ directory: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/results.json"))
        let root = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        return (root["evaluations"] as! [[String: Any]])[0]
    }

    static func write(_ files: [String: String], in directory: String) throws {
        for (name, text) in files {
            let path = directory + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    /// A scheme over the shipped sample with `predictions` and `options` (JSON objects).
    static func sampleScheme(_ directory: String, predictions: String, options: String, extra: String = "") throws -> String {
        let path = directory + "/scheme-\(UUID().uuidString.prefix(8)).json"
        try """
            {"evalkit": 1, "name": "faces", "task": "verification", "dataset": "\(sample)/dataset.json",
             "predictions": \(predictions), "options": \(options),
             "slices": [["gender"], ["region"], ["gender", "region"]], "min_slice_size": 1 \(extra)}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let embeddings = #"{"path": "\#(sample)/probes.npy", "gallery": "\#(sample)/gallery.npy"}"#
    static let scoreList = #"{"path": "\#(sample)/scores.csv", "probe": "probe", "reference": "reference", "score": "score"}"#
    static let options = #"{"fmr_targets": [0.1, 0.01, 0.001], "global_fmr": 0.01, "cross_group": true}"#

    static func close(_ a: Any?, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        guard let a = (a as? NSNumber)?.doubleValue else { return false }
        return abs(a - b) <= tolerance * max(1, abs(b))
    }

    /// The shipped sample's embeddings against reference_metrics.json (made by the committed
    /// reference_metrics.py with bob.measure 6.1.1's rules and pyeer): overall, per group at the
    /// global threshold, the slices' own FNMR@FMR, the cross-group FMR matrix and identification.
    @Test func sampleAgreesWithTheReferenceScript() throws {
        let directory = try ShardCLITests.temporary()
        let reference = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.sample + "/reference_metrics.json"))) as! [String: Any]
        let scheme = try Self.sampleScheme(directory, predictions: Self.embeddings,
                                           options: #"{"fmr_targets": [0.1, 0.01, 0.001], "global_fmr": 0.01, "cross_group": true, "identification": {"ranks": [1, 5, 10], "fpir_targets": [0.1]}}"#)
        let run = try ShardCLITests.evalkit(["run", scheme, "--no-history", "--out", directory + "/out"])
        #expect(run.status == 0, "\(run.stderr)")
        let evaluation = try Self.results(directory + "/out")
        let metrics = evaluation["metrics"] as! [String: Any]
        for (name, value) in reference["evalkit"] as! [String: Any] {
            let key = name.replacingOccurrences(of: "=1e-1", with: "=0.1")  // evalkit spells 0.1 as a decimal
            #expect(Self.close(metrics[key], (value as! NSNumber).doubleValue), "\(key): evalkit \(metrics[key] ?? "nil"), reference \(value)")
        }
        let verification = reference["verification"] as! [String: Any]
        #expect((metrics["genuine_comparisons"] as? NSNumber)?.intValue == verification["mated_comparisons"] as? Int)
        #expect((metrics["impostor_comparisons"] as? NSNumber)?.intValue == verification["nonmated_comparisons"] as? Int)
        let eer = verification["eer"] as! [String: Any]
        // Thresholds are scores: evalkit's sgemm and numpy's matmul may differ in a float32 score's
        // last bit (a sum in another order), so thresholds agree to a float32 ulp; rates exactly.
        #expect(Self.close(metrics["eer_threshold"], (eer["threshold"] as! NSNumber).doubleValue, 1e-6))
        // Per group, at the global threshold and at the group's own thresholds.
        let slices = evaluation["slices"] as! [[String: Any]]
        let groups = reference["by_group_at_global_threshold"] as! [String: [String: [String: Any]]]
        var checked = 0
        for slice in slices {
            let by = slice["by"] as! [String: String]
            let attributes = by.keys.sorted { ["gender", "region"].firstIndex(of: $0)! < ["gender", "region"].firstIndex(of: $1)! }
            let name = attributes.joined(separator: " x "), value = attributes.map { by[$0]! }.joined(separator: "|")
            guard let expected = groups[name]?[value] else { continue }
            let m = slice["metrics"] as! [String: Any]
            #expect(Self.close(m["fmr@global_threshold"], (expected["fmr"] as! NSNumber).doubleValue), "\(by) fmr")
            #expect(Self.close(m["fnmr@global_threshold"], (expected["fnmr"] as! NSNumber).doubleValue), "\(by) fnmr")
            #expect((m["impostor_comparisons"] as? NSNumber)?.intValue == expected["nonmated_comparisons"] as? Int, "\(by) impostors")
            #expect((slice["count"] as? Int) == expected["subjects"] as? Int, "\(by) subjects")
            for (target, key) in [("0.1", "fnmr@fmr=0.1"), ("0.01", "fnmr@fmr=1e-2"), ("0.001", "fnmr@fmr=1e-3")] {
                let own = (expected["own_threshold"] as! [String: [String: Any]])[target]!
                #expect(Self.close(m[key], (own["fnmr"] as! NSNumber).doubleValue), "\(by) \(key)")
            }
            checked += 1
        }
        #expect(checked == 2 + 5 + 10)
        // The cross-group FMR matrix at the global threshold (probe group × reference group).
        let csv = try String(contentsOfFile: directory + "/out/cross_group_fmr-1.csv", encoding: .utf8)
        let rows = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let between = reference["fmr_between_groups_at_global_threshold"] as! [String: [String: Any]]
        var cells = 0
        for attribute in ["gender", "region"] {
            let matrix = between[attribute]!["fmr_probe_group_by_reference_group"] as! [String: [String: [String: Any]]]
            for (probe, row) in matrix {
                for (referenceGroup, cell) in row {
                    let found = try #require(rows.first { $0[0] == attribute && $0[1] == probe && $0[2] == referenceGroup }, "\(attribute) \(probe)→\(referenceGroup)")
                    #expect(Int(found[3]) == cell["nonmated_comparisons"] as? Int)
                    #expect(Int(found[4]) == cell["false_matches"] as? Int)
                    #expect(Self.close(Double(found[5]), (cell["fmr"] as! NSNumber).doubleValue))
                    cells += 1
                }
            }
        }
        #expect(cells == 4 + 25)
        // Identification per group.
        let identification = reference["identification"] as! [String: Any]
        let byGroup = identification["by_group"] as! [String: [String: [String: Any]]]
        for slice in slices where (slice["by"] as! [String: String]).count == 1 {
            let (attribute, value) = (slice["by"] as! [String: String]).first!
            guard let expected = byGroup[attribute]?[value] else { continue }
            let m = slice["metrics"] as! [String: Any]
            for (rank, rate) in expected["rank"] as! [String: Any] {
                #expect(Self.close(m["rank\(rank)"], (rate as! NSNumber).doubleValue), "\(attribute)=\(value) rank\(rank)")
            }
        }
        // Every reported rate is exact: no DET point, threshold or rate is an approximation.
        #expect(run.stdout.contains("every reported rate is exact") || !run.stdout.contains("impostor scores held"))
    }

    /// A group whose slice is suppressed (fewer subjects than min_slice_size) leaves the
    /// cross-group FMR table, its CSV and its heatmap, and the run says how many rows it withheld.
    @Test func suppressedGroupsLeaveTheCrossGroupTable() throws {
        let directory = try ShardCLITests.temporary()
        let scheme = try Self.sampleScheme(directory, predictions: Self.scoreList, options: Self.options)
        let text = try String(contentsOfFile: scheme, encoding: .utf8).replacingOccurrences(of: #""min_slice_size": 1"#, with: #""min_slice_size": 20"#)
        try text.write(toFile: scheme, atomically: true, encoding: .utf8)
        let run = try ShardCLITests.evalkit(["run", scheme, "--no-history", "--out", directory + "/out"])
        #expect(run.status == 0, "\(run.stderr)")
        let slices = try Self.results(directory + "/out")["slices"] as! [[String: Any]]
        let suppressed = slices.filter { $0["suppressed"] as? Bool == true }.map { slice -> String in
            let by = slice["by"] as! [String: String]
            return ["gender", "region"].compactMap { by[$0] }.joined(separator: " × ")
        }
        #expect(suppressed.sorted() == ["female × central", "male × central"], "\(suppressed)")
        let csv = try String(contentsOfFile: directory + "/out/cross_group_fmr-1.csv", encoding: .utf8)
        let rows = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(!rows.isEmpty)
        for row in rows { #expect(!suppressed.contains(row[1]) && !suppressed.contains(row[2]), "\(row)") }
        // 2 suppressed of 10 groups: 36 of the 100 cells name one of them; the single attributes keep theirs.
        #expect(rows.filter { $0[0] == "gender × region" }.count == 64)
        #expect(rows.contains { $0[0] == "region" && $0[1] == "central" })
        #expect(run.stdout.contains("cross_group_fmr: 36 row(s) withheld"), "\(run.stdout)")
    }

    /// Non-mated searches from mated ones with their mates left out: reference's open_set_mates_removed.
    @Test func matesRemovedSearchesAgreeWithTheReferenceScript() throws {
        let directory = try ShardCLITests.temporary()
        let reference = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.sample + "/reference_metrics.json"))) as! [String: Any]
        let expected = ((reference["identification"] as! [String: Any])["open_set_mates_removed"] as! [String: Any])["0.1"] as! [String: Any]
        let scheme = try Self.sampleScheme(directory, predictions: Self.embeddings,
                                           options: #"{"identification": {"ranks": [1], "fpir_targets": [0.1], "nonmated": "mates_removed"}}"#)
        let run = try ShardCLITests.evalkit(["run", scheme, "--no-history", "--out", directory + "/out"])
        #expect(run.status == 0, "\(run.stderr)")
        let m = try Self.results(directory + "/out")["metrics"] as! [String: Any]
        #expect(Self.close(m["fnir@fpir=0.1"], (expected["fnir"] as! NSNumber).doubleValue))
        #expect(Self.close(m["threshold@fpir=0.1"], (expected["threshold"] as! NSNumber).doubleValue, 1e-6))
        #expect((m["nonmated_searches"] as? NSNumber)?.intValue == 408)
    }

    /// The score list as JSONL gives what the CSV gives.
    @Test func jsonlScoreListsEqualCSV() throws {
        let directory = try ShardCLITests.temporary()
        let csv = try ShardCLITests.evalkit(["run", try Self.sampleScheme(directory, predictions: Self.scoreList, options: Self.options),
                                             "--no-history", "--out", directory + "/csv"])
        let jsonl = try ShardCLITests.evalkit(["run", try Self.sampleScheme(directory, predictions: #"{"path": "\#(Self.sample)/scores.jsonl"}"#,
                                                                            options: Self.options),
                                               "--no-history", "--out", directory + "/jsonl"])
        #expect(csv.status == 0 && jsonl.status == 0, "\(jsonl.stderr)")
        let a = try Self.results(directory + "/csv"), b = try Self.results(directory + "/jsonl")
        #expect(NSDictionary(dictionary: a["metrics"] as! [String: Any]).isEqual(to: b["metrics"] as! [String: Any]))
    }

    /// One set compared with itself (no gallery): each unordered pair of distinct templates once.
    @Test func oneSetAgainstItself() throws {
        let directory = try ShardCLITests.temporary()
        try Self.write([
            "dataset.json": """
                {"evalkit_dataset": 1, "name": "one-set", "files": [{"path": "\(Self.sample)/gallery.csv", "role": "ground_truth"},
                 {"path": "\(Self.sample)/subjects.csv", "role": "metadata"}],
                 "columns": {"id": "template", "subject": "subject", "attributes": ["gender", "region"]}}
                """,
            "scheme.json": """
                {"evalkit": 1, "name": "one-set", "task": "verification", "dataset": "dataset.json",
                 "predictions": {"path": "\(Self.sample)/gallery.npy"}, "options": {"fmr_targets": [0.01], "global_fmr": 0.01},
                 "slices": [["region"]], "min_slice_size": 1}
                """,
        ], in: directory)
        let run = try ShardCLITests.evalkit(["run", directory + "/scheme.json", "--no-history", "--out", directory + "/out"])
        #expect(run.status == 0, "\(run.stderr)")
        let m = try Self.results(directory + "/out")["metrics"] as! [String: Any]
        // 513 gallery templates: 247 subjects with 1, 133 with 2: 133 mated pairs of the 513·512/2.
        #expect(Self.close(m["genuine_comparisons"], 133))
        #expect(Self.close(m["impostor_comparisons"], Double(513 * 512 / 2 - 133)))
    }

    @Test func shardsAndThreadsGiveTheSameResults() throws {
        for predictions in [Self.embeddings, Self.scoreList] {
            let directory = try ShardCLITests.temporary()
            let scheme = try Self.sampleScheme(directory, predictions: predictions,
                                               options: #"{"fmr_targets": [0.01, 0.001], "global_fmr": 0.01, "cross_group": true, "identification": true}"#,
                                               extra: #", "intervals": {"replicates": 40, "seed": 5}"#)
            let single = try ShardCLITests.evalkit(["run", scheme, "--no-history", "--out", directory + "/single", "--format", "json"])
            let one = try ShardCLITests.evalkit(["run", scheme, "--no-history", "--out", directory + "/one", "--format", "json", "--threads", "1"])
            let states = try ShardCLITests.shardStates(scheme, in: directory, count: 3)
            let merged = try ShardCLITests.evalkit(["merge"] + states.reversed() + ["--out", directory + "/merged", "--no-history", "--format", "json"])
            #expect(single.status == 0 && merged.status == 0 && one.status == 0, "\(single.stderr) \(merged.stderr) \(one.stderr)")
            #expect(merged.stdout == single.stdout)
            #expect(one.stdout == single.stdout)
            for file in ["results.json", "cross_group_fmr-1.csv", "det-1.csv"] {
                let a = FileManager.default.contents(atPath: directory + "/single/" + file)
                #expect(a != nil && a == FileManager.default.contents(atPath: directory + "/merged/" + file), "\(file)")
                #expect(a == FileManager.default.contents(atPath: directory + "/one/" + file), "\(file)")
            }
        }
    }

    /// Three gallery subjects A, B, C; probes pA (mate A), pB (mate B), pD (no mate):
    ///   pA: A 0.9, B 0.5, C 0.95 → the mate ranks 2nd (C scores above it)
    ///   pB: A 0.3, B 0.8, C 0.8  → a non-mate ties the mate: ranked ahead of it (bob.measure), rank 2
    ///   pD: A 0.6, B 0.7, C 0.2  → non-mated search, top score 0.7
    /// rank1 = 0/2, rank2 = 2/2. Verification: mated {0.8, 0.9}, 7 impostors
    /// {0.2, 0.3, 0.5, 0.6, 0.7, 0.8, 0.95}; at threshold 0.75: FMR 2/7 (0.8, 0.95), FNMR 0.
    @Test func identificationOnAHandWorkedExample() throws {
        let directory = try ShardCLITests.temporary()
        try Self.write([
            "probes.csv": "template,subject\npA,A\npB,B\npD,D\n",
            "gallery.csv": "template,subject\ngA,A\ngB,B\ngC,C\n",
            "scores.csv": "probe,reference,score\npA,gA,0.9\npA,gB,0.5\npA,gC,0.95\npB,gA,0.3\npB,gB,0.8\npB,gC,0.8\npD,gA,0.6\npD,gB,0.7\npD,gC,0.2\n",
            "dataset.json": """
                {"evalkit_dataset": 1, "name": "tiny", "files": [{"path": "probes.csv", "role": "ground_truth"},
                 {"path": "gallery.csv", "role": "gallery"}], "columns": {"id": "template", "subject": "subject"}}
                """,
            "scheme.json": """
                {"evalkit": 1, "name": "tiny", "task": "verification", "dataset": "dataset.json",
                 "predictions": {"path": "scores.csv"}, "options": {"threshold": 0.75, "fmr_targets": [0.2],
                 "identification": {"ranks": [1, 2], "fpir_targets": [0.5]}}}
                """,
        ], in: directory)
        let run = try ShardCLITests.evalkit(["run", directory + "/scheme.json", "--no-history", "--out", directory + "/out"])
        #expect(run.status == 0, "\(run.stderr)")
        let m = try Self.results(directory + "/out")["metrics"] as! [String: Any]
        #expect(Self.close(m["rank1"], 0))
        #expect(Self.close(m["rank2"], 1))
        #expect(Self.close(m["mated_searches"], 2) && Self.close(m["nonmated_searches"], 1))
        #expect(Self.close(m["fmr@threshold"], 2.0 / 7))
        #expect(Self.close(m["fnmr@threshold"], 0))
        #expect(Self.close(m["genuine_comparisons"], 2) && Self.close(m["impostor_comparisons"], 7))
        // FMR 0.2 of 7 impostors: at most 1 false match, without splitting a tie: threshold 0.95
        // (one impostor ≥ it), FNMR 2/2 (0.8 and 0.9 < 0.95).
        #expect(Self.close(m["threshold@fmr=0.2"], 0.95))
        #expect(Self.close(m["fnmr@fmr=0.2"], 1))
        // One non-mated search: FPIR needs two (bob's far_threshold rule), so FNIR is undefined, with the reason.
        #expect(m["fnir@fpir=0.5"] is NSNull)
        #expect(run.stdout.contains("non-mated"))
    }

    /// Distances (`higher_is_match: false`): the same rates as the negated scores read as similarities.
    @Test func distancesEqualNegatedSimilarities() throws {
        let directory = try ShardCLITests.temporary()
        let csv = try String(contentsOfFile: Self.sample + "/scores.csv", encoding: .utf8)
        var lines = csv.split(separator: "\n").map(String.init)
        for i in 1..<lines.count {
            var fields = lines[i].split(separator: ",").map(String.init)
            fields[2] = fields[2].hasPrefix("-") ? String(fields[2].dropFirst()) : "-" + fields[2]
            lines[i] = fields.joined(separator: ",")
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: directory + "/distances.csv", atomically: true, encoding: .utf8)
        let similarity = try ShardCLITests.evalkit(["run", try Self.sampleScheme(directory, predictions: Self.scoreList, options: Self.options),
                                                    "--no-history", "--out", directory + "/similarity"])
        let distance = try ShardCLITests.evalkit([
            "run", try Self.sampleScheme(directory, predictions: #"{"path": "\#(directory)/distances.csv"}"#,
                                         options: #"{"fmr_targets": [0.1, 0.01, 0.001], "global_fmr": 0.01, "higher_is_match": false}"#),
            "--no-history", "--out", directory + "/distance"])
        #expect(similarity.status == 0 && distance.status == 0, "\(distance.stderr)")
        let a = try Self.results(directory + "/similarity")["metrics"] as! [String: Any]
        let b = try Self.results(directory + "/distance")["metrics"] as! [String: Any]
        for (key, value) in a {
            guard let x = (value as? NSNumber)?.doubleValue, let y = (b[key] as? NSNumber)?.doubleValue else { continue }
            let isThreshold = key.contains("threshold") && !key.hasPrefix("fmr@") && !key.hasPrefix("fnmr@")
            #expect(isThreshold ? x == -y : x == y, "\(key): \(x) vs \(y)")
        }
    }
}

/// Bad verification inputs at the level a user meets them: each an exit 2 naming the file and
/// the place, or a counted and reported condition; never a crash.
@Suite struct VerificationBadInputCLITests {
    /// A NumPy .npy (format 1.0) of `rows` with `descr` (the bytes are float32 unless `float64`).
    static func npy(_ rows: [[Float]], descr: String = "<f4", truncateBy: Int = 0) -> Data {
        let columns = rows.first?.count ?? 0
        var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': (\(rows.count), \(columns)), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
        data.append(contentsOf: Array(header.utf8))
        for row in rows {
            for value in row {
                if descr == "<f8" {
                    withUnsafeBytes(of: Double(value).bitPattern.littleEndian) { data.append(contentsOf: $0) }
                } else {
                    withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
                }
            }
        }
        return data.prefix(data.count - truncateBy)
    }

    /// Two subjects with a probe and a gallery template each, 3 dimensions; returns the scheme.
    static func setUp(_ directory: String, probes: Data? = nil, gallery: Data? = nil, probesCSV: String? = nil,
                      options: String = "{}") throws -> String {
        try VerificationCLITests.write([
            "probes.csv": probesCSV ?? "template,subject\np1,s1\np2,s2\n",
            "gallery.csv": "template,subject\ng1,s1\ng2,s2\n",
            "dataset.json": """
                {"evalkit_dataset": 1, "name": "tiny", "files": [{"path": "probes.csv", "role": "ground_truth"},
                 {"path": "gallery.csv", "role": "gallery"}], "columns": {"id": "template", "subject": "subject"}}
                """,
            "scheme.json": """
                {"evalkit": 1, "name": "tiny", "task": "verification", "dataset": "dataset.json",
                 "predictions": {"path": "probes.npy", "gallery": "gallery.npy"}, "options": \(options)}
                """,
        ], in: directory)
        try (probes ?? npy([[1, 0, 0], [0, 1, 0]])).write(to: URL(fileURLWithPath: directory + "/probes.npy"))
        try (gallery ?? npy([[0.9, 0.1, 0], [0.1, 0.9, 0.1]])).write(to: URL(fileURLWithPath: directory + "/gallery.npy"))
        return directory + "/scheme.json"
    }

    static func refused(_ scheme: String, _ fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let directory = (scheme as NSString).deletingLastPathComponent
        let run = try ShardCLITests.evalkit(["run", scheme, "--no-history", "--out", directory + "/out"])
        #expect(run.status == 2, "exit \(run.status): \(run.stderr)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(run.stderr.contains(fragment), "missing \(quoted(fragment)) in: \(run.stderr)", sourceLocation: sourceLocation)
        }
        #expect(!FileManager.default.fileExists(atPath: directory + "/out/results.json"), sourceLocation: sourceLocation)
    }

    static func quoted(_ s: String) -> String { "\"\(s)\"" }

    @Test func aWellFormedTinySetRuns() throws {
        let directory = try ShardCLITests.temporary()
        let run = try ShardCLITests.evalkit(["run", try Self.setUp(directory), "--no-history", "--out", directory + "/out"])
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test func nonFiniteEmbeddings() throws {
        let directory = try ShardCLITests.temporary()
        try Self.refused(try Self.setUp(directory, probes: Self.npy([[1, 0, 0], [0, .nan, 0]])),
                         ["probes.npy", "row 1", "p2", "non-finite"])
        let other = try ShardCLITests.temporary()
        try Self.refused(try Self.setUp(other, gallery: Self.npy([[.infinity, 0, 0], [0, 1, 0]])), ["gallery.npy", "row 0", "g1"])
    }

    @Test func zeroVectorsUnderCosine() throws {
        let directory = try ShardCLITests.temporary()
        try Self.refused(try Self.setUp(directory, probes: Self.npy([[0, 0, 0], [0, 1, 0]])), ["probes.npy", "row 0", "zero vector"])
        // With the dot product a zero vector is a valid (if useless) embedding.
        let dot = try ShardCLITests.temporary()
        let run = try ShardCLITests.evalkit(["run", try Self.setUp(dot, probes: Self.npy([[0, 0, 0], [0, 1, 0]]), options: #"{"similarity": "dot"}"#),
                                             "--no-history"])
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test func dimensionsThatDiffer() throws {
        let directory = try ShardCLITests.temporary()
        try Self.refused(try Self.setUp(directory, gallery: Self.npy([[1, 0], [0, 1]])), ["gallery.npy", "2 dimensions", "3"])
    }

    @Test func truncatedAndUnsupportedFiles() throws {
        let a = try ShardCLITests.temporary()
        try Self.refused(try Self.setUp(a, probes: Self.npy([[1, 0, 0], [0, 1, 0]], truncateBy: 5)), ["probes.npy"])
        let b = try ShardCLITests.temporary()
        try Self.refused(try Self.setUp(b, probes: Self.npy([[1, 0, 0], [0, 1, 0]], descr: "<f8")), ["probes.npy", "<f8"])
        let c = try ShardCLITests.temporary()
        try Self.refused(try Self.setUp(c, probes: Self.npy([[1, 0, 0], [0, 1, 0]], descr: ">f4")), ["probes.npy", ">f4"])
        let d = try ShardCLITests.temporary()
        try Self.refused(try Self.setUp(d, probes: Data("not a numpy file".utf8)), ["probes.npy"])
    }

    @Test func rowsThatDoNotMatchTheTemplates() throws {
        let directory = try ShardCLITests.temporary()
        try Self.refused(try Self.setUp(directory, probes: Self.npy([[1, 0, 0], [0, 1, 0], [0, 0, 1]])),
                         ["probes.npy", "2 rows", "3 rows"])
    }

    @Test func duplicateTemplateIDs() throws {
        let directory = try ShardCLITests.temporary()
        try Self.refused(try Self.setUp(directory, probesCSV: "template,subject\np1,s1\np1,s2\n"), ["probes.csv:3", "p1", "twice"])
    }

    @Test func aProbeWithoutAMateIsCountedAndReported() throws {
        let directory = try ShardCLITests.temporary()
        let scheme = try Self.setUp(directory, probesCSV: "template,subject\np1,s1\np2,s3\n")
        let run = try ShardCLITests.evalkit(["run", scheme, "--no-history", "--out", directory + "/out"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("1 probe template(s) have no mate"), "\(run.stdout)")
        let m = try VerificationCLITests.results(directory + "/out")["metrics"] as! [String: Any]
        #expect(VerificationCLITests.close(m["genuine_comparisons"], 1) && VerificationCLITests.close(m["impostor_comparisons"], 3))
    }

    /// Score lists: an unknown template, a repeated comparison, a score that is not a number, a
    /// self-comparison, and no way to tell mated comparisons.
    @Test func badScoreLists() throws {
        func scoreList(_ body: String, columns: String = #""subject": "subject""#) throws -> String {
            let directory = try ShardCLITests.temporary()
            try VerificationCLITests.write([
                "templates.csv": "template,subject\nt1,s1\nt2,s1\nt3,s2\n",
                "scores.csv": "probe,reference,score\n" + body,
                "dataset.json": """
                    {"evalkit_dataset": 1, "name": "tiny", "files": [{"path": "templates.csv", "role": "ground_truth"}],
                     "columns": {"id": "template", \(columns)}}
                    """,
                "scheme.json": """
                    {"evalkit": 1, "name": "tiny", "task": "verification", "dataset": "dataset.json", "predictions": {"path": "scores.csv"}}
                    """,
            ], in: directory)
            return directory + "/scheme.json"
        }
        try Self.refused(try scoreList("t1,t2,0.9\nt1,t9,0.1\n"), ["scores.csv:3", "reference", "t9", "not in"])
        try Self.refused(try scoreList("t1,t2,0.9\nt1,t3,0.1\nt1,t2,0.8\n"), ["scores.csv:4", "listed twice", "line 2"])
        try Self.refused(try scoreList("t1,t2,high\n"), ["scores.csv:2", "score", "a number", "high"])
        try Self.refused(try scoreList("t1,t2,nan\n"), ["scores.csv:2", "score", "finite"])
        try Self.refused(try scoreList("t1,t1,0.9\n"), ["scores.csv:2", "itself"])
        try Self.refused(try scoreList("t1,t2,0.9\n", columns: #""attributes": []"#), ["mated"])
    }

    @Test func optionsThatDoNotFit() throws {
        let a = try ShardCLITests.temporary()
        try Self.refused(try Self.setUp(a, options: #"{"higher_is_match": false}"#), ["higher_is_match"])
        let b = try ShardCLITests.temporary()
        try Self.refused(try Self.setUp(b, options: #"{"fmr_targets": [0, 0.1]}"#), ["fmr_targets", "between 0 and 1"])
        let c = try ShardCLITests.temporary()
        try Self.refused(try Self.setUp(c, options: #"{"identification": {"ranks": [0]}}"#), ["ranks"])
        let d = try ShardCLITests.temporary()
        try Self.refused(try Self.setUp(d, options: #"{"global_fnr": 0.1}"#), ["global_fnr"])
    }
}
