import Foundation
import Testing

/// The `tracking` task through the built binary: the shipped synthetic sample against the values
/// TrackEval 1.3.0 computed (its committed reference_metrics.py), py-motmetrics' own expected
/// table for TUD-Campus and TUD-Stadtmitte (read from ../shared/conformance, skipped when absent),
/// a table input against MOTChallenge files, shards and threads, the per-track and event tables,
/// box-attribute slices, and every class of bad input (exit 2, file and place named).
@Suite struct TrackingCLITests {
    static let sample = CLITests.root + "/Datasets/tracking-synthetic"
    static let scheme = CLITests.root + "/Schemes/tracking-synthetic.json"

    static func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }

    static func evaluation(_ directory: String) throws -> [String: Any] {
        (try json(directory + "/results.json")["evaluations"] as! [[String: Any]])[0]
    }

    static func close(_ a: Any?, _ b: Any?, _ tolerance: Double = 1e-9) -> Bool {
        guard let a = (a as? NSNumber)?.doubleValue, let b = (b as? NSNumber)?.doubleValue else { return false }
        return abs(a - b) <= tolerance
    }

    /// TrackEval's field for an evalkit key, in a {HOTA, CLEAR, Identity} block.
    static func trackEval(_ key: String, _ block: [String: Any]) -> Double? {
        let hota = block["HOTA"] as! [String: Any], clear = block["CLEAR"] as! [String: Any], identity = block["Identity"] as! [String: Any]
        func mean(_ name: String) -> Double {
            let values = (hota[name] as! [NSNumber]).map(\.doubleValue)
            return values.reduce(0, +) / Double(values.count)
        }
        let clearNames = ["mota": "MOTA", "motp": "MOTP", "moda": "MODA", "recall": "CLR_Re", "precision": "CLR_Pr", "clr_f1": "CLR_F1",
                          "smota": "sMOTA", "motal": "MOTAL", "mtr": "MTR", "ptr": "PTR", "mlr": "MLR", "fp_per_frame": "FP_per_frame",
                          "tp": "CLR_TP", "fp": "CLR_FP", "fn": "CLR_FN", "id_switches": "IDSW", "fragmentations": "Frag",
                          "mostly_tracked": "MT", "partially_tracked": "PT", "mostly_lost": "ML"]
        let hotaNames = ["hota": "HOTA", "deta": "DetA", "assa": "AssA", "detre": "DetRe", "detpr": "DetPr", "assre": "AssRe",
                         "asspr": "AssPr", "loca": "LocA", "owta": "OWTA"]
        if let name = hotaNames[key] { return mean(name) }
        if let name = clearNames[key] { return (clear[name] as? NSNumber)?.doubleValue }
        switch key {
        case "hota_0": return (hota["HOTA(0)"] as? NSNumber)?.doubleValue
        case "loca_0": return (hota["LocA(0)"] as? NSNumber)?.doubleValue
        case "hotaloca_0": return (hota["HOTALocA(0)"] as? NSNumber)?.doubleValue
        case "idf1", "idp", "idr", "idtp", "idfn", "idfp": return (identity[key.uppercased()] as? NSNumber)?.doubleValue
        default: return nil
        }
    }

    static let compared = ["hota", "deta", "assa", "detre", "detpr", "assre", "asspr", "loca", "owta", "hota_0", "loca_0", "hotaloca_0",
                           "mota", "motp", "moda", "recall", "precision", "clr_f1", "smota", "motal", "mtr", "ptr", "mlr", "fp_per_frame",
                           "tp", "fp", "fn", "id_switches", "fragmentations", "mostly_tracked", "partially_tracked", "mostly_lost",
                           "idf1", "idp", "idr", "idtp", "idfn", "idfp"]

    static func expectTrackEval(_ metrics: [String: Any], _ block: [String: Any], _ what: String, tolerance: Double = 1e-9) {
        for key in compared {
            guard let expected = trackEval(key, block) else { continue }
            #expect(close(metrics[key], expected, tolerance), "\(what) \(key): evalkit \(metrics[key] ?? "nil"), TrackEval \(expected)")
        }
    }

    /// The sample against TrackEval's values: overall (detection-averaged and class-averaged), per
    /// class, and per camera, weather and density slice; every field to 1e-9.
    @Test func sampleAgreesWithTrackEval() throws {
        let directory = try ShardCLITests.temporary()
        // The shipped scheme without its `metrics` list: every key is reported.
        var scheme = try Self.json(Self.scheme)
        scheme["metrics"] = nil
        scheme["dataset"] = Self.sample + "/dataset.json"
        scheme["predictions"] = ["path": Self.sample + "/tracker", "format": "mot"]
        try JSONSerialization.data(withJSONObject: scheme).write(to: URL(fileURLWithPath: directory + "/scheme.json"))
        let run = try ShardCLITests.evalkit(["run", directory + "/scheme.json", "--no-history", "--out", directory + "/out"])
        #expect(run.status == 0, "\(run.stderr)")
        let reference = try Self.json(Self.sample + "/reference_metrics.json")
        let e = try Self.evaluation(directory + "/out")
        let metrics = e["metrics"] as! [String: Any]
        let overall = reference["overall"] as! [String: Any]
        Self.expectTrackEval(metrics, overall["det_averaged"] as! [String: Any], "overall")
        // Class-averaged: TrackEval averages each class's values.
        let averaged = overall["class_averaged"] as! [String: Any]
        for key in ["hota", "deta", "assa", "loca", "mota", "motp", "idf1", "idp", "idr", "hota_0"] {
            #expect(Self.close(metrics[key + "_cls_av"], Self.trackEval(key, averaged)), "\(key)_cls_av")
        }
        let perClass = try #require(e["per_class"] as? [String: [String: Any]])
        for (name, block) in overall["per_class"] as! [String: [String: Any]] {
            Self.expectTrackEval(try #require(perClass[name], "\(perClass.keys)"), block, "class \(name)")
        }
        var checked = 0
        for slice in e["slices"] as! [[String: Any]] {
            let by = slice["by"] as! [String: String]
            guard let expected = (reference["slices"] as! [[String: Any]]).first(where: { ($0["by"] as! [String: String]) == by }) else { continue }
            Self.expectTrackEval(slice["metrics"] as! [String: Any], expected["det_averaged"] as! [String: Any], "\(by)")
            checked += 1
        }
        #expect(checked >= 9)
        #expect(Self.close(metrics["id_switches_per_1000_frames"], 1000 * (metrics["id_switches"] as! NSNumber).doubleValue / 3275))
    }

    /// py-motmetrics' expected table (its test_motchallenge_files): TUD-Campus, TUD-Stadtmitte and
    /// OVERALL, 15 columns each, within its own tolerance 1e-3, counts exactly, under
    /// `"conventions": "motmetrics"` and its distance MOTP. The MOTChallenge ground truth is not
    /// copied into the project (its terms), so the test reads ../shared/conformance and is
    /// skipped without it.
    @Test func pyMotmetricsExpectedTable() throws {
        let conformance = CLITests.root + "/../shared/conformance/py-motmetrics"
        guard FileManager.default.fileExists(atPath: conformance + "/expected.json") else {
            print("skipped: \(conformance) is absent (py-motmetrics' MOTChallenge data is not shipped)")
            return
        }
        let directory = try ShardCLITests.temporary()
        var lengths: [String] = ["sequence,length"]
        for sequence in ["TUD-Campus", "TUD-Stadtmitte"] {
            var last = 0
            for file in ["gt.txt", "test.txt"] {
                let text = try String(contentsOfFile: "\(conformance)/data/\(sequence)/\(file)", encoding: .utf8)
                for line in text.split(separator: "\n") { last = max(last, Int(line.split(separator: ",")[0]) ?? 0) }
            }
            lengths.append("\(sequence),\(last)")
        }
        try VerificationCLITests.write([
            "sequences.csv": lengths.joined(separator: "\n") + "\n",
            "dataset.json": #"{"evalkit_dataset": 1, "name": "tud", "files": [{"path": "\#(conformance)/data/{sequence}/gt.txt", "role": "ground_truth", "format": "mot"}, {"path": "sequences.csv", "role": "metadata"}], "columns": {"id": "sequence"}}"#,
            "scheme.json": #"{"evalkit": 1, "name": "tud", "task": "tracking", "dataset": "dataset.json", "predictions": {"path": "\#(conformance)/data/{sequence}/test.txt", "format": "mot"}, "options": {"conventions": "motmetrics", "motp": "distance"}}"#,
        ], in: directory)
        let run = try ShardCLITests.evalkit(["run", directory + "/scheme.json", "--no-history", "--out", directory + "/out"])
        #expect(run.status == 0, "\(run.stderr)")
        let metrics = try Self.evaluation(directory + "/out")["metrics"] as! [String: Any]
        let table = ((try Self.json(conformance + "/expected.json")["cases"] as! [[String: Any]])[0]["expected_table"]) as! [String: Any]
        let columns = table["columns"] as! [String], rows = table["values"] as! [[NSNumber]]
        let keys = ["idf1": "idf1", "idp": "idp", "idr": "idr", "recall": "recall", "precision": "precision", "num_unique_objects": "gt_tracks",
                    "mostly_tracked": "mostly_tracked", "partially_tracked": "partially_tracked", "mostly_lost": "mostly_lost",
                    "num_false_positives": "fp", "num_misses": "fn", "num_switches": "id_switches", "num_fragmentations": "fragmentations",
                    "mota": "mota", "motp": "motp"]
        // Per sequence from sequences-1.csv, overall from results.json.
        let csv = try String(contentsOfFile: directory + "/out/sequences-1.csv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        for (r, name) in (table["row_names"] as! [String]).enumerated() {
            var values: [String: Any] = metrics
            if name != "OVERALL", let row = csv.first(where: { $0[0] == name }) {
                values = Dictionary(uniqueKeysWithValues: zip(csv[0], row).map { ($0, NSNumber(value: Double($1) ?? .nan) as Any) })
            }
            for (c, column) in columns.enumerated() {
                let key = keys[column]!
                guard values[key] != nil else { continue }
                let tolerance = column.hasPrefix("num_") || column.hasPrefix("mostly") || column.hasPrefix("partially") ? 0 : 1e-3
                #expect(Self.close(values[key], rows[r][c], tolerance), "\(name) \(column): evalkit \(values[key] ?? "nil"), py-motmetrics \(rows[r][c])")
            }
        }
    }

    /// The sample as one CSV table with a sequence column gives the MOTChallenge files' numbers.
    @Test func aTableWithASequenceColumnEqualsTheFiles() throws {
        let directory = try ShardCLITests.temporary()
        let sequences = try String(contentsOfFile: Self.sample + "/sequences.csv", encoding: .utf8)
        let names = sequences.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
        for (side, folder) in [("gt", "gt"), ("tracker", "tracker")] {
            var table = "sequence,frame,id,x,y,w,h,conf,class,visibility\n"
            for name in names {
                let text = try String(contentsOfFile: "\(Self.sample)/\(folder)/\(name).txt", encoding: .utf8)
                for line in text.split(separator: "\n") { table += "\(name)," + line.split(separator: ",").prefix(9).joined(separator: ",") + "\n" }
            }
            try table.write(toFile: "\(directory)/\(side).csv", atomically: true, encoding: .utf8)
        }
        try VerificationCLITests.write([
            "dataset.json": #"{"evalkit_dataset": 1, "name": "t", "files": [{"path": "gt.csv", "role": "ground_truth"}, {"path": "\#(Self.sample)/sequences.csv", "role": "metadata"}], "columns": {"id": "sequence", "attributes": ["camera"]}}"#,
            "scheme.json": #"{"evalkit": 1, "name": "t", "task": "tracking", "dataset": "dataset.json", "predictions": {"path": "tracker.csv"}, "options": {"classes": {"1": "pedestrian", "3": "car"}}, "slices": [["camera"]], "min_slice_size": 1}"#,
            "files.json": #"{"evalkit": 1, "name": "t", "task": "tracking", "dataset": "\#(Self.sample)/dataset.json", "predictions": {"path": "\#(Self.sample)/tracker", "format": "mot"}, "options": {"classes": {"1": "pedestrian", "3": "car"}}, "slices": [["camera"]], "min_slice_size": 1}"#,
        ], in: directory)
        let table = try ShardCLITests.evalkit(["run", directory + "/scheme.json", "--no-history", "--out", directory + "/table"])
        let files = try ShardCLITests.evalkit(["run", directory + "/files.json", "--no-history", "--out", directory + "/files"])
        #expect(table.status == 0 && files.status == 0, "\(table.stderr) \(files.stderr)")
        let a = try Self.evaluation(directory + "/table"), b = try Self.evaluation(directory + "/files")
        #expect(NSDictionary(dictionary: a["metrics"] as! [String: Any]) == NSDictionary(dictionary: b["metrics"] as! [String: Any]))
        #expect((a["slices"] as! NSArray) == (b["slices"] as! NSArray))
        for file in ["tracks-1.csv", "track_events-1.csv", "sequences-1.csv"] {
            #expect(FileManager.default.contents(atPath: directory + "/table/" + file) == FileManager.default.contents(atPath: directory + "/files/" + file), "\(file)")
        }
    }

    /// Three shard processes merge to the single run's files byte for byte; one thread equals two.
    @Test func shardsAndThreadsGiveTheSameResults() throws {
        let directory = try ShardCLITests.temporary()
        let single = try ShardCLITests.evalkit(["run", Self.scheme, "--no-history", "--out", directory + "/single", "--format", "json"])
        let one = try ShardCLITests.evalkit(["run", Self.scheme, "--no-history", "--out", directory + "/one", "--format", "json", "--threads", "1"])
        let states = try ShardCLITests.shardStates(Self.scheme, in: directory, count: 3)
        let merged = try ShardCLITests.evalkit(["merge"] + states.reversed() + ["--out", directory + "/merged", "--no-history", "--format", "json"])
        #expect(single.status == 0 && merged.status == 0 && one.status == 0, "\(single.stderr) \(merged.stderr) \(one.stderr)")
        #expect(merged.stdout == single.stdout)
        #expect(one.stdout == single.stdout)
        for file in ["results.json", "tracks-1.csv", "track_events-1.csv", "sequences-1.csv", "hota_alphas-1.csv"] {
            let a = FileManager.default.contents(atPath: directory + "/single/" + file)
            #expect(a != nil && a == FileManager.default.contents(atPath: directory + "/merged/" + file), "\(file)")
            #expect(a == FileManager.default.contents(atPath: directory + "/one/" + file), "\(file)")
        }
    }

    /// The per-track table and the event table add up to the overall counts; slices by
    /// visibility band hold the boxes (recall side) and their true positives add up to the whole.
    @Test func trackTablesAndBoxSlicesAddUp() throws {
        let directory = try ShardCLITests.temporary()
        try VerificationCLITests.write([
            "scheme.json": #"{"evalkit": 1, "name": "t", "task": "tracking", "dataset": "\#(Self.sample)/dataset.json", "predictions": {"path": "\#(Self.sample)/tracker", "format": "mot"}, "options": {"classes": {"1": "pedestrian", "3": "car"}}, "metrics": ["recall", "idr", "mota", "tp", "fn", "id_switches", "fragmentations", "hota@alpha=0.5"], "slices": [["visibility_band"], ["size_band"]], "min_slice_size": 1}"#,
        ], in: directory)
        let run = try ShardCLITests.evalkit(["run", directory + "/scheme.json", "--no-history", "--out", directory + "/out"])
        #expect(run.status == 0, "\(run.stderr)")
        let e = try Self.evaluation(directory + "/out")
        let m = e["metrics"] as! [String: Any]
        let tp = (m["tp"] as! NSNumber).intValue, switches = (m["id_switches"] as! NSNumber).intValue
        let fragments = (m["fragmentations"] as! NSNumber).intValue
        #expect(m["hota@alpha=0.5"] is NSNumber)
        let tracks = try String(contentsOfFile: directory + "/out/tracks-1.csv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = tracks[0].map(String.init)
        func column(_ name: String) -> Int { tracks.dropFirst().reduce(0) { $0 + Int($1[header.firstIndex(of: name)!])! } }
        #expect(tracks.count - 1 == 128)
        #expect(column("matched") == tp && column("id_switches") == switches && column("fragmentations") == fragments)
        let events = try String(contentsOfFile: directory + "/out/track_events-1.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(events.filter { $0.contains(",id_switch,") }.count == switches)
        #expect(events.filter { $0.contains(",fragmentation,") }.count == fragments)
        for attribute in ["visibility_band", "size_band"] {
            let slices = (e["slices"] as! [[String: Any]]).filter { ($0["by"] as! [String: String]).keys.contains(attribute) }
            #expect(slices.count >= 2)
            #expect(slices.reduce(0) { $0 + ((($1["metrics"] as! [String: Any])["tp"] as? NSNumber)?.intValue ?? 0) } == tp)
            #expect(slices.reduce(0) { $0 + ((($1["metrics"] as! [String: Any])["id_switches"] as? NSNumber)?.intValue ?? 0) } == switches)
            for slice in slices { #expect((slice["metrics"] as! [String: Any])["mota"] is NSNull, "\(slice["by"]!): mota needs tracker boxes") }
        }
    }

    // MARK: - Bad input

    /// A one-sequence dataset with `gt` and `tracker` text and the sequences table `table`.
    static func small(gt: String, tracker: String, table: String = "sequence,length\ns1,5\n", options: String = "{}",
                      trackerFiles: [String: String] = [:], extra: String = "") throws -> (directory: String, outcome: ShardCLITests.Outcome) {
        let directory = try ShardCLITests.temporary()
        var files = ["gt/s1.txt": gt, "tracker/s1.txt": tracker, "sequences.csv": table,
                     "dataset.json": #"{"evalkit_dataset": 1, "name": "small", "files": [{"path": "gt", "role": "ground_truth", "format": "mot"}, {"path": "sequences.csv", "role": "metadata"}], "columns": {"id": "sequence"}}"#,
                     "scheme.json": #"{"evalkit": 1, "name": "small", "task": "tracking", "dataset": "dataset.json", "predictions": {"path": "tracker", "format": "mot"}, "options": \#(options) \#(extra)}"#]
        for (name, text) in trackerFiles { files["tracker/" + name] = text }
        try VerificationCLITests.write(files, in: directory)
        let outcome = try ShardCLITests.evalkit(["run", directory + "/scheme.json", "--no-history", "--out", directory + "/out"])
        return (directory, outcome)
    }

    static let box = "10,10,20,40,1,1,1"

    static func expectBad(_ gt: String, _ tracker: String, table: String = "sequence,length\ns1,5\n", options: String = "{}",
                          trackerFiles: [String: String] = [:], _ fragments: [String]) throws {
        let (directory, outcome) = try small(gt: gt, tracker: tracker, table: table, options: options, trackerFiles: trackerFiles)
        #expect(outcome.status == 2, "expected exit 2 for \(fragments): \(outcome.stderr)")
        for fragment in fragments { #expect(outcome.stderr.contains(fragment), "\(fragment) not in: \(outcome.stderr)") }
        #expect(!FileManager.default.fileExists(atPath: directory + "/out/results.json"), "a failed run left results.json")
    }

    @Test func badInputsAreNamedWithTheirPlace() throws {
        let good = "1,1,\(Self.box)\n2,1,\(Self.box)\n"
        // A frame beyond the sequence's length; a frame 0.
        try Self.expectBad("1,1,\(Self.box)\n9,1,\(Self.box)\n", good, ["gt/s1.txt:2", "frame 9 is outside the sequence", "1 to 5"])
        try Self.expectBad(good, "0,1,\(Self.box)\n", ["tracker/s1.txt:1", "frame 0"])
        // Duplicate (frame, id).
        try Self.expectBad(good, "1,4,\(Self.box)\n1,4,\(Self.box)\n", ["tracker/s1.txt:2", "track id 4 appears twice in frame 1"])
        try Self.expectBad("1,4,\(Self.box)\n2,4,\(Self.box)\n1,4,\(Self.box)\n", good, ["gt/s1.txt:3", "track id 4 appears twice in frame 1 (first on line 1)"])
        // Negative box sizes.
        try Self.expectBad("1,1,10,10,-20,40,1,1,1\n", good, ["gt/s1.txt:1", "field \"w\"", "a width ≥ 0", "\"-20\""])
        try Self.expectBad(good, "1,1,10,10,20,-4,1,1,1\n", ["tracker/s1.txt:1", "field \"h\""])
        // Non-numeric fields.
        try Self.expectBad(good, "1,a,\(Self.box)\n", ["tracker/s1.txt:1", "field \"id\"", "\"a\""])
        try Self.expectBad("x,1,\(Self.box)\n", good, ["gt/s1.txt:1", "field \"frame\"", "\"x\""])
        try Self.expectBad(good, "1,1,10,NaN,20,40\n", ["tracker/s1.txt:1", "field \"y\"", "a finite number"])
        try Self.expectBad(good, "1,1,10,10\n", ["tracker/s1.txt:1", "at least 6 fields"])
        // A sequence in the tracker output but not in the ground truth.
        try Self.expectBad(good, good, trackerFiles: ["s9.txt": good], ["s9.txt", "sequence \"s9\" is in the tracker output but not in the ground truth"])
        // A missing or unusable sequence length.
        try Self.expectBad(good, good, table: "sequence,frame_rate\ns1,25\n", ["sequences.csv:1", "field \"length\"", "no such column"])
        try Self.expectBad(good, good, table: "sequence,length\ns1,\n", ["sequences.csv:2", "field \"length\"", "an empty field"])
        try Self.expectBad(good, good, table: "sequence,length\ns1,five\n", ["sequences.csv:2", "\"five\""])
        try Self.expectBad(good, good, table: "sequence,length\ns1,5\ns1,6\n", ["sequences.csv:3", "listed twice"])
        // A sequence of the table without ground truth or tracker files.
        try Self.expectBad(good, good, table: "sequence,length\ns1,5\ns2,5\n", ["no ground-truth file for sequence \"s2\""])
        // Options: a class slice without classes; MOT17 with tracker classes.
        try Self.expectBad(good, "1,1,10,10,20,40,1,3\n", options: #"{"preprocessing": "mot17"}"#, ["tracker/s1.txt:1", "pedestrians only"])
        try Self.expectBad(good, good, options: #"{"threshold": 1.5}"#, ["threshold", "(0, 1]"])
        try Self.expectBad(good, good, options: #"{"conventions": "clear"}"#, ["conventions"])
    }

    /// Reported, not refused: an extra tracker file under `"extra": "ignore"`, boxes of zero size,
    /// ground truth of unlisted classes, and MOT17's distractors and zero-marked rows.
    @Test func countedConditionsAreReported() throws {
        let good = "1,1,\(Self.box)\n2,1,\(Self.box)\n"
        let (_, ignored) = try Self.small(gt: good, tracker: good, trackerFiles: ["s9.txt": good], extra: #", "extra": "ignore""#)
        #expect(ignored.status == 0, "\(ignored.stderr)")
        #expect(ignored.stdout.contains("tracker file(s) of sequences absent from the ground truth were left out"))
        let (_, zero) = try Self.small(gt: good + "3,2,10,10,0,40,1,1,1\n", tracker: good)
        #expect(zero.status == 0 && zero.stdout.contains("zero width or height"), "\(zero.stdout)")
        // MOT17: a tracker box on a static person (class 7) is removed; a zero-marked row is left out.
        let gt = "1,1,10,10,20,40,1,1,1\n1,2,100,10,20,40,1,7,1\n1,3,200,10,20,40,0,1,1\n"
        let tracker = "1,5,10,10,20,40,1,-1,-1\n1,6,101,10,20,40,1,-1,-1\n"
        let (directory, mot17) = try Self.small(gt: gt, tracker: tracker, options: #"{"preprocessing": "mot17"}"#)
        #expect(mot17.status == 0, "\(mot17.stderr)")
        let m = try Self.evaluation(directory + "/out")["metrics"] as! [String: Any]
        #expect((m["tp"] as? NSNumber)?.intValue == 1 && (m["fp"] as? NSNumber)?.intValue == 0 && (m["fn"] as? NSNumber)?.intValue == 0, "\(m)")
        #expect(mot17.stdout.contains("matched to a distractor's box were removed") && mot17.stdout.contains("marked 0"))
    }
}

/// The committed fixtures (Tests/Fixtures/Tracking, made by make_fixtures.py with TrackEval 1.3.0
/// and py-motmetrics 1.4.0): crossings, occlusion gaps, identity swaps, late starts and early
/// ends, empty frames and sequences, unsorted rows, exact ties, IoU at the threshold, the two
/// tools' matching objectives, four classes, MOT17 preprocessing and a large random case. Every
/// TrackEval field per sequence and combined (per class, class- and detection-averaged) to 1e-9;
/// py-motmetrics' values under `"conventions": "motmetrics"` to 1e-9 where they are finite.
@Suite struct TrackingFixtureTests {
    static let cases = CLITests.root + "/Tests/Fixtures/Tracking/cases"

    static func names() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: cases)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    static func run(_ name: String, options: String) throws -> (directory: String, expected: [String: Any]) {
        let directory = try ShardCLITests.temporary()
        let folder = cases + "/" + name
        try VerificationCLITests.write([
            "dataset.json": #"{"evalkit_dataset": 1, "name": "\#(name)", "files": [{"path": "\#(folder)/gt", "role": "ground_truth", "format": "mot"}, {"path": "\#(folder)/sequences.csv", "role": "metadata"}], "columns": {"id": "sequence"}}"#,
            "scheme.json": #"{"evalkit": 1, "name": "\#(name)", "task": "tracking", "dataset": "dataset.json", "predictions": {"path": "\#(folder)/tracker", "format": "mot"}, "options": \#(options)}"#,
        ], in: directory)
        let outcome = try ShardCLITests.evalkit(["run", directory + "/scheme.json", "--no-history", "--out", directory + "/out"])
        #expect(outcome.status == 0, "\(name): \(outcome.stderr)")
        return (directory, try TrackingCLITests.json(folder + "/expected.json"))
    }

    /// sequences-1.csv as rows of key → value, by "sequence|class".
    static func sequenceRows(_ directory: String) throws -> [String: [String: Any]] {
        let lines = try String(contentsOfFile: directory + "/out/sequences-1.csv", encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        var rows: [String: [String: Any]] = [:]
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            var row: [String: Any] = [:]
            for (key, value) in zip(header, fields) { row[key] = Double(value).map { NSNumber(value: $0) } ?? value }
            rows[fields[0] + "|" + fields[1]] = row
        }
        return rows
    }

    @Test(arguments: names())
    func trackEvalAgrees(_ name: String) throws {
        let parameters = try TrackingCLITests.json(Self.cases + "/" + name + "/expected.json")["parameters"] as! [String: Any]
        var options = #""preprocessing": "\#(parameters["preprocessing"] as! String)""#
        if let classes = parameters["classes"] as? [String] { options += #", "classes": [\#(classes.map { "\"\($0)\"" }.joined(separator: ", "))]"# }
        let (directory, expected) = try Self.run(name, options: "{" + options + "}")
        let trackeval = expected["trackeval"] as! [String: Any]
        let perClass = trackeval["per_class"] as! [String: [String: Any]]
        let rows = try Self.sequenceRows(directory)
        let e = try TrackingCLITests.evaluation(directory + "/out")
        for (className, block) in perClass {
            for (sequence, values) in block["sequences"] as! [String: [String: Any]] {
                let row = try #require(rows[sequence + "|" + className], "\(name): no row for \(sequence) \(className)")
                TrackingCLITests.expectTrackEval(row, values, "\(name) \(sequence) \(className)")
            }
            let combined = perClass.count == 1 ? e["metrics"] as! [String: Any]
                : try #require((e["per_class"] as? [String: [String: Any]])?[className], "\(name): no per_class \(className)")
            TrackingCLITests.expectTrackEval(combined, block["combined"] as! [String: Any], "\(name) combined \(className)")
        }
        if let detection = trackeval["detection_averaged"] as? [String: Any] {
            TrackingCLITests.expectTrackEval(e["metrics"] as! [String: Any], detection, "\(name) detection-averaged")
        }
        if let averaged = trackeval["class_averaged"] as? [String: Any] {
            let metrics = e["metrics"] as! [String: Any]
            for key in TrackingCLITests.compared {
                guard let value = TrackingCLITests.trackEval(key, averaged), metrics[key + "_cls_av"] != nil else { continue }
                #expect(TrackingCLITests.close(metrics[key + "_cls_av"], value), "\(name) \(key)_cls_av: \(metrics[key + "_cls_av"]!) vs \(value)")
            }
        }
    }

    @Test(arguments: names())
    func pyMotmetricsAgrees(_ name: String) throws {
        let expected = try TrackingCLITests.json(Self.cases + "/" + name + "/expected.json")
        guard let motmetrics = expected["motmetrics"] as? [String: Any] else { return }
        let (directory, _) = try Self.run(name, options: #"{"conventions": "motmetrics", "motp": "distance"}"#)
        let keys = ["idf1": "idf1", "idp": "idp", "idr": "idr", "recall": "recall", "precision": "precision", "num_unique_objects": "gt_tracks",
                    "mostly_tracked": "mostly_tracked", "partially_tracked": "partially_tracked", "mostly_lost": "mostly_lost",
                    "num_false_positives": "fp", "num_misses": "fn", "num_switches": "id_switches", "num_fragmentations": "fragmentations",
                    "mota": "mota", "motp": "motp", "idtp": "idtp", "idfn": "idfn", "idfp": "idfp"]
        let rows = try Self.sequenceRows(directory)
        var blocks: [(String, [String: Any], [String: Any])] = [("overall", motmetrics["overall"] as! [String: Any],
                                                                   try TrackingCLITests.evaluation(directory + "/out")["metrics"] as! [String: Any])]
        for (sequence, values) in motmetrics["sequences"] as! [String: [String: Any]] {
            blocks.append((sequence, values, try #require(rows[sequence + "|all"])))
        }
        for (what, values, ours) in blocks {
            for (theirs, key) in keys {
                guard let v = (values[theirs] as? NSNumber)?.doubleValue, v.isFinite else { continue }
                #expect(TrackingCLITests.close(ours[key], v), "\(name) \(what) \(theirs): evalkit \(ours[key] ?? "nil"), py-motmetrics \(v)")
            }
        }
    }
}
