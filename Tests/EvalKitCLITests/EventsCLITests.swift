import Foundation
import Testing

/// The `events` task through the built binary: one small set of videos read as interval tables,
/// as sed_eval event lists and (a second set) as frame labels; the same numbers from every form;
/// shards, threads; and every class of bad input (exit 2, file, line and field named).
@Suite struct EventsCLITests {
    /// Three videos (v3 without events), two classes; values checked by hand in the comments.
    static func writeVideos(_ directory: String) throws {
        let files = [
            "reference.csv": "video,onset,offset,label\nv1,1.0,3.5,fall\nv1,5.0,9.0,run\nv2,0.5,2.0,fall\nv2,10.0,12.5,run\n",
            "estimated.csv": "video,onset,offset,label\nv1,1.1,3.4,fall\nv1,5.3,7.0,run\nv2,0.4,2.1,run\nv2,15.0,16.0,fall\n",
            "videos.csv": "video,duration,camera\nv1,20,a\nv2,30.5,b\nv3,10,a\n",
            "dataset.json": """
                {"evalkit_dataset": 1, "name": "tiny-events", "files": [
                 {"path": "reference.csv", "role": "ground_truth"}, {"path": "videos.csv", "role": "metadata"}],
                 "columns": {"id": "video", "label": "label", "attributes": ["camera"]}}
                """,
            "lists/filelist.tsv": "ref/v1.txt\test/v1.txt\nref/v2.txt\test/v2.txt\nref/v3.txt\test/v3.txt\n",
            "lists/ref/v1.txt": "1.0\t3.5\tfall\n5.0\t9.0\trun\n",
            "lists/ref/v2.txt": "0.5\t2.0\tfall\n10.0\t12.5\trun\n",
            "lists/ref/v3.txt": "",
            "lists/est/v1.txt": "1.1\t3.4\tfall\n5.3\t7.0\trun\n",
            "lists/est/v2.txt": "0.4\t2.1\trun\n15.0\t16.0\tfall\n",
            "lists/est/v3.txt": "",
            "dataset-lists.json": """
                {"evalkit_dataset": 1, "name": "tiny-lists", "files": [
                 {"path": "lists/filelist.tsv", "role": "ground_truth", "format": "event_list"}, {"path": "videos.csv", "role": "metadata"}],
                 "columns": {"id": "video", "label": "label", "attributes": ["camera"]}}
                """,
        ]
        for (name, text) in files {
            let path = directory + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    /// Writes an events manifest `name` over `groundTruth` and the shared `videos.csv`, with the
    /// standard columns plus `columns` (JSON members, e.g. `"frame": "frame"`).
    static func writeDataset(_ directory: String, name: String, groundTruth: String, columns: String = "") throws {
        try """
            {"evalkit_dataset": 1, "name": "\(name)", "files": [
             {"path": "\(groundTruth)", "role": "ground_truth"}, {"path": "videos.csv", "role": "metadata"}],
             "columns": {"id": "video", "label": "label", "attributes": ["camera"]\(columns.isEmpty ? "" : ", " + columns)}}
            """.write(toFile: directory + "/\(name).json", atomically: true, encoding: .utf8)
    }

    static func scheme(_ directory: String, name: String = "scheme.json", dataset: String = "dataset.json",
                       predictions: String = #"{"path": "estimated.csv"}"#, extra: String = "") throws -> String {
        let path = directory + "/" + name
        try """
            {"evalkit": 1, "name": "tiny", "task": "events", "dataset": "\(dataset)", "predictions": \(predictions),
             "slices": [["camera"]], "min_slice_size": 1 \(extra)}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func metrics(_ directory: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/results.json"))
        let root = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let evaluation = (root["evaluations"] as! [[String: Any]])[0]
        return evaluation["metrics"] as! [String: Any]
    }

    @Test func intervalTablesGiveSedEvalsCounts() throws {
        let directory = try ShardCLITests.temporary()
        try Self.writeVideos(directory)
        let scheme = try Self.scheme(directory)
        let run = try ShardCLITests.evalkit(["run", scheme, "--no-history", "--out", directory + "/out"])
        #expect(run.status == 0, "\(run.stderr)")
        let m = try Self.metrics(directory + "/out")
        // Event-based (onsets within 0.2 s, offsets within max(0.2, 50% of the length)): v1's fall
        // hits; v1's run starts 0.3 s late (no fit); v2's run estimate fits v2's fall reference in
        // time (a substitution). tp 1, substitutions 1, fn 4 − 1 − 1 = 2, fp 4 − 1 − 1 = 2.
        #expect(m["event_tp"] as? Double == 1)
        #expect(m["event_substitutions"] as? Double == 1)
        #expect(m["event_fn"] as? Double == 2)
        #expect(m["event_fp"] as? Double == 2)
        #expect(m["reference_events"] as? Double == 4 && m["system_events"] as? Double == 4)
        // Segments of 1 s: 20 + 31 + 10 = 61 segments of 2 classes.
        let units = (m["segment_tp"] as! Double) + (m["segment_fp"] as! Double) + (m["segment_fn"] as! Double) + (m["segment_tn"] as! Double)
        #expect(units == 122)
        #expect(m["videos"] as? Double == 3)
        #expect(abs((m["hours"] as! Double) - 60.5 / 3600) < 1e-15)
        #expect(abs((m["false_alarms_per_hour"] as! Double) - 2 / (60.5 / 3600)) < 1e-9)
        #expect(run.stdout.contains("1 video(s) of the recordings table have no reference event"))
    }

    @Test func eventListsEqualTables() throws {
        let directory = try ShardCLITests.temporary()
        try Self.writeVideos(directory)
        let tables = try ShardCLITests.evalkit(["run", try Self.scheme(directory), "--no-history", "--out", directory + "/tables"])
        let lists = try ShardCLITests.evalkit([
            "run", try Self.scheme(directory, name: "lists.json", dataset: "dataset-lists.json",
                                   predictions: #"{"path": "lists/filelist.tsv", "format": "event_list"}"#),
            "--no-history", "--out", directory + "/lists"])
        #expect(tables.status == 0 && lists.status == 0, "\(tables.stderr) \(lists.stderr)")
        let a = try Self.metrics(directory + "/tables"), b = try Self.metrics(directory + "/lists")
        #expect(NSDictionary(dictionary: a).isEqual(to: b))
    }

    @Test func shardsAndThreadsGiveTheSameResults() throws {
        let directory = try ShardCLITests.temporary()
        try Self.writeVideos(directory)
        let scheme = try Self.scheme(directory, extra: #", "intervals": {"method": "bootstrap", "replicates": 50, "seed": 3}"#)
        let single = try ShardCLITests.evalkit(["run", scheme, "--no-history", "--out", directory + "/single", "--format", "json"])
        let one = try ShardCLITests.evalkit(["run", scheme, "--no-history", "--out", directory + "/one", "--format", "json", "--threads", "1"])
        let states = try ShardCLITests.shardStates(scheme, in: directory, count: 3)
        let merged = try ShardCLITests.evalkit(["merge"] + states.reversed() + ["--out", directory + "/merged", "--no-history", "--format", "json"])
        #expect(single.status == 0 && merged.status == 0 && one.status == 0, "\(single.stderr) \(merged.stderr)")
        #expect(merged.stdout == single.stdout)
        #expect(one.stdout == single.stdout)
        let a = FileManager.default.contents(atPath: directory + "/single/results.json")
        #expect(a == FileManager.default.contents(atPath: directory + "/merged/results.json"))
        #expect(a == FileManager.default.contents(atPath: directory + "/one/results.json"))
    }

    @Test func frameLabelsCountFramesExactly() throws {
        let directory = try ShardCLITests.temporary()
        try Self.writeVideos(directory)
        try "video,frame,label\nv1,10,fall\nv1,11,fall\nv1,12,fall\nv1,40,run\nv2,5,fall\n"
            .write(toFile: directory + "/frames-ref.csv", atomically: true, encoding: .utf8)
        try "video,frame,label\nv1,11,fall\nv1,12,fall\nv1,13,fall\nv2,5,run\n"
            .write(toFile: directory + "/frames-est.csv", atomically: true, encoding: .utf8)
        try Self.writeDataset(directory, name: "dataset-frames", groundTruth: "frames-ref.csv", columns: #""frame": "frame""#)
        let scheme = try Self.scheme(directory, name: "frames.json", dataset: "dataset-frames.json",
                                     predictions: #"{"path": "frames-est.csv"}"#, extra: #", "options": {"fps": 10}"#)
        let run = try ShardCLITests.evalkit(["run", scheme, "--no-history", "--out", directory + "/out"])
        #expect(run.status == 0, "\(run.stderr)")
        let m = try Self.metrics(directory + "/out")
        // 200 + 305 + 100 frames of 2 classes; fall: frames 11, 12 hit, 10 missed, 13 false; v2 frame 5
        // is a fall missed and a run falsely active (one substitution); run at v1 frame 40 missed.
        #expect(m["frame_tp"] as? Double == 2)
        #expect(m["frame_fp"] as? Double == 2)
        #expect(m["frame_fn"] as? Double == 3)
        #expect(m["frame_tn"] as? Double == 1203.0)
        #expect(m["frame_substitutions"] as? Double == 1)
        #expect(m["frame_deletions"] as? Double == 2 && m["frame_insertions"] as? Double == 1)
    }

    /// Each class of bad input: exit 2, the file, line and field in the message, nothing written.
    @Test func badInputsAreClearErrors() throws {
        let directory = try ShardCLITests.temporary()
        try Self.writeVideos(directory)
        func expectBad(_ estimated: String, _ fragments: [String], extra: String = "", videos: String? = nil,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
            try estimated.write(toFile: directory + "/bad.csv", atomically: true, encoding: .utf8)
            var dataset = "dataset.json"
            if let videos {
                try videos.write(toFile: directory + "/bad-videos.csv", atomically: true, encoding: .utf8)
                try String(contentsOfFile: directory + "/dataset.json", encoding: .utf8).replacingOccurrences(of: "videos.csv", with: "bad-videos.csv")
                    .write(toFile: directory + "/bad-dataset.json", atomically: true, encoding: .utf8)
                dataset = "bad-dataset.json"
            }
            let scheme = try Self.scheme(directory, name: "bad.json", dataset: dataset, predictions: #"{"path": "bad.csv"}"#, extra: extra)
            let out = directory + "/bad-out-\(UUID().uuidString)"
            let run = try ShardCLITests.evalkit(["run", scheme, "--no-history", "--out", out])
            #expect(run.status == 2, "\(run.stderr)", sourceLocation: sourceLocation)
            for fragment in fragments {
                #expect(run.stderr.contains(fragment), "missing \(fragment) in: \(run.stderr)", sourceLocation: sourceLocation)
            }
            #expect(!FileManager.default.fileExists(atPath: out + "/results.json"), sourceLocation: sourceLocation)
        }
        let header = "video,onset,offset,label\n"
        try expectBad(header + "v1,3,2,fall\n", ["bad.csv:2", "\"offset\"", "ends before it starts"])
        try expectBad(header + "v1,-1,2,fall\n", ["bad.csv:2", "\"onset\"", "≥ 0"])
        try expectBad(header + "v1,x,2,fall\n", ["bad.csv:2", "\"onset\"", "finite number", "\"x\""])
        try expectBad(header + "v1,3,25,fall\n", ["bad.csv:2", "after the video's duration", "≤ 20", "events_past_duration"])
        try expectBad(header + "v9,3,5,fall\n", ["bad.csv:2", "\"v9\"", "not in the recordings table", "extra"])
        try expectBad(header + "v1,3,5,jump\n", ["bad.csv:2", "unknown label \"jump\""], extra: #", "options": {"labels": ["fall", "run"]}"#)
        try expectBad(header + "v1,3,5,fall\n", ["bad-videos.csv", "\"duration\""], videos: "video,camera\nv1,a\nv2,b\nv3,a\n")
        try expectBad(header + "v1,3,5,fall\n", ["bad-videos.csv:3", "\"duration\"", "\"soon\""], videos: "video,duration,camera\nv1,20,a\nv2,soon,b\n")
        try expectBad(header + "v1,3,5,fall\n", ["reference.csv:4", "\"v2\"", "not in the recordings table"], videos: "video,duration,camera\nv1,20,a\n")
        try expectBad(header + "v1,3,5,fall\n", ["listed twice"], videos: "video,duration,camera\nv1,20,a\nv1,20,a\nv2,40,b\n")
        try expectBad(header + "v1,3,5,fall\n", ["evaluate_onset and evaluate_offset cannot both be false"],
                      extra: #", "options": {"evaluate_onset": false, "evaluate_offset": false}"#)
        try expectBad(header + "v1,3,5,fall\n", ["did you mean"], extra: #", "options": {"t_colar": 0.2}"#)
    }

    @Test func lenientPoliciesAreCountedAndReported() throws {
        let directory = try ShardCLITests.temporary()
        try Self.writeVideos(directory)
        try "video,onset,offset,label\nv1,3,25,fall\nv9,1,2,run\n".write(toFile: directory + "/lenient.csv", atomically: true, encoding: .utf8)
        let scheme = try Self.scheme(directory, name: "lenient.json", predictions: #"{"path": "lenient.csv"}"#,
                                     extra: #", "extra": "ignore", "options": {"events_past_duration": "clip"}"#)
        let run = try ShardCLITests.evalkit(["run", scheme, "--no-history"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("1 system event(s) of videos not in the recordings table were left out"))
        #expect(run.stdout.contains("1 event(s) ended after their video's duration and were cut at it"))
    }

    @Test func aDatasetWithoutARecordingsTableIsRefused() throws {
        let directory = try ShardCLITests.temporary()
        try Self.writeVideos(directory)
        try """
            {"evalkit_dataset": 1, "name": "no-recordings", "files": [{"path": "reference.csv", "role": "ground_truth"}],
             "columns": {"id": "video", "label": "label"}}
            """.write(toFile: directory + "/bare.json", atomically: true, encoding: .utf8)
        let scheme = directory + "/bare-scheme.json"
        try #"{"evalkit": 1, "name": "bare", "task": "events", "dataset": "bare.json", "predictions": {"path": "estimated.csv"}}"#
            .write(toFile: scheme, atomically: true, encoding: .utf8)
        let run = try ShardCLITests.evalkit(["run", scheme, "--no-history"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("recordings table"), "\(run.stderr)")
    }

    /// Scored predictions: ActivityNet's temporal-IoU mAP and the duration metrics, by hand:
    /// fall's AP is 0.5 at every threshold up to its one hit's tIoU 2.3 / 2.5 = 0.92 (0 at 0.95),
    /// run's is 0 (tIoU 1.7 / 4 = 0.425); mAP 0.25 at 0.5, the mean over the ten thresholds 0.225.
    @Test func scoredPredictionsGiveTemporalIoUAveragePrecision() throws {
        let directory = try ShardCLITests.temporary()
        try Self.writeVideos(directory)
        try "video,onset,offset,label,score\nv1,1.1,3.4,fall,0.9\nv1,5.3,7.0,run,0.8\nv2,0.4,2.1,run,0.7\nv2,15.0,16.0,fall,0.6\n"
            .write(toFile: directory + "/scored.csv", atomically: true, encoding: .utf8)
        let scored = try Self.scheme(directory, name: "scored.json", predictions: #"{"path": "scored.csv", "score": "score"}"#)
        let run = try ShardCLITests.evalkit(["run", scored, "--no-history", "--out", directory + "/scored"])
        #expect(run.status == 0, "\(run.stderr)")
        let m = try Self.metrics(directory + "/scored")
        #expect(abs((m["tiou_map@0.5"] as! Double) - 0.25) < 1e-12)
        #expect(abs((m["tiou_map@0.9"] as! Double) - 0.25) < 1e-12)
        #expect(m["tiou_map@0.95"] as? Double == 0)
        #expect(abs((m["tiou_map"] as! Double) - 0.225) < 1e-12)
        // Overlap 2.3 + 1.7 s of 6.7 system and 10.5 reference seconds.
        #expect(abs((m["duration_precision"] as! Double) - 4.0 / 6.7) < 1e-12)
        #expect(abs((m["duration_recall"] as! Double) - 4.0 / 10.5) < 1e-12)

        // Without scores the ranked metrics are undefined, with the reason; a threshold keeps the
        // events scoring at least it for the counts.
        let unscored = try ShardCLITests.evalkit(["run", try Self.scheme(directory, name: "unscored.json", predictions: #"{"path": "scored.csv"}"#),
                                                  "--no-history", "--out", directory + "/unscored"])
        #expect(unscored.status == 0)
        #expect(try Self.metrics(directory + "/unscored")["tiou_map"] is NSNull)
        #expect(unscored.stdout.contains("no scores"), "\(unscored.stdout)")
        let thresholded = try ShardCLITests.evalkit([
            "run", try Self.scheme(directory, name: "thresholded.json", predictions: #"{"path": "scored.csv", "score": "score"}"#,
                                   extra: #", "options": {"threshold": 0.75}"#), "--no-history", "--out", directory + "/thresholded"])
        #expect(thresholded.status == 0, "\(thresholded.stderr)")
        let t = try Self.metrics(directory + "/thresholded")
        #expect(t["system_events"] as? Double == 2)
        #expect(abs((t["tiou_map"] as! Double) - 0.225) < 1e-12)
        let bad = try ShardCLITests.evalkit(["run", try Self.scheme(directory, name: "bad-threshold.json", extra: #", "options": {"threshold": 0.5}"#),
                                             "--no-history"])
        #expect(bad.status == 2 && bad.stderr.contains("needs scored predictions"), "\(bad.stderr)")
    }

    /// With an `object` column an event matches only an event of the same target object, and
    /// misses and false alarms are reported per object (`per_object.csv`).
    @Test func targetObjectsMatchOnlyTheirOwnEvents() throws {
        let directory = try ShardCLITests.temporary()
        try Self.writeVideos(directory)
        try "video,onset,offset,label,who\nv1,1.0,3.5,fall,A\nv1,5.0,7.0,fall,B\n"
            .write(toFile: directory + "/objects-ref.csv", atomically: true, encoding: .utf8)
        try "video,onset,offset,label,who\nv1,1.1,3.4,fall,A\nv1,1.05,3.45,fall,B\n"
            .write(toFile: directory + "/objects-est.csv", atomically: true, encoding: .utf8)
        try Self.writeDataset(directory, name: "dataset-objects", groundTruth: "objects-ref.csv", columns: #""object": "who""#)
        let scheme = try Self.scheme(directory, name: "objects.json", dataset: "dataset-objects.json",
                                     predictions: #"{"path": "objects-est.csv", "object": "who"}"#)
        let run = try ShardCLITests.evalkit(["run", scheme, "--no-history", "--out", directory + "/out"])
        #expect(run.status == 0, "\(run.stderr)")
        let m = try Self.metrics(directory + "/out")
        // B's estimate fits A's reference in time, but not its object: a false alarm, and B's reference a miss.
        #expect(m["event_tp"] as? Double == 1 && m["event_fp"] as? Double == 1 && m["event_fn"] as? Double == 1)
        #expect(m["event_substitutions"] as? Double == 0)
        let table = try String(contentsOfFile: directory + "/out/per_object-1.csv", encoding: .utf8)
        #expect(table == "object,reference_events,system_events,matched,missed,false_alarms\nA,1,1,1,0,0\nB,1,1,0,1,1\n", "\(table)")

        // Predictions take the manifest's object column by default; a file without it is an error.
        let oneSided = try ShardCLITests.evalkit(["run", try Self.scheme(directory, name: "one-sided.json", dataset: "dataset-objects.json",
                                                                       predictions: #"{"path": "estimated.csv"}"#), "--no-history"])
        #expect(oneSided.status == 2 && oneSided.stderr.contains("estimated.csv") && oneSided.stderr.contains("\"who\""), "\(oneSided.stderr)")
    }

    /// PSDS end to end: psds_eval 0.5.3's values on generated scored cases
    /// (`Tests/Fixtures/events/psds/psds_eval.json`), written as tables and read by `evalkit run`
    /// with `options.psds`, every distinct score an operating point.
    @Test func psdsThroughTheCLIEqualsPsdsEval() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/events/psds/psds_eval.json")
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        var checked = 0
        for testCase in root["cases"] as! [[String: Any]] where checked < 15 {
            let directory = try ShardCLITests.temporary()
            let classes = testCase["classes"] as! [String]
            let params = testCase["params"] as! [String: Any]
            guard params["duration_unit"] as? String == "hour" else { continue }
            // Cases with events outside their video (which psds_eval leaves out and evalkit refuses) are the kernel tests' business.
            let inside = (testCase["videos"] as! [[String: Any]]).allSatisfy { video in
                let duration = (video["duration"] as! NSNumber).doubleValue
                return ((video["reference"] as! [[Any]]) + (video["detections"] as! [[Any]])).allSatisfy {
                    ($0[0] as! NSNumber).doubleValue >= 0 && ($0[1] as! NSNumber).doubleValue <= duration
                        && ($0[0] as! NSNumber).doubleValue <= ($0[1] as! NSNumber).doubleValue
                }
            }
            guard inside else { continue }
            var reference = "video,onset,offset,label\n", estimated = "video,onset,offset,label,score\n", videos = "video,duration\n"
            func number(_ value: Any) -> String { "\((value as! NSNumber).doubleValue)" }
            for video in testCase["videos"] as! [[String: Any]] {
                let name = video["name"] as! String
                videos += "\(name),\(number(video["duration"]!))\n"
                for e in video["reference"] as! [[Any]] {
                    reference += "\(name),\(number(e[0])),\(number(e[1])),\(classes[(e[2] as! NSNumber).intValue])\n"
                }
                for e in video["detections"] as! [[Any]] {
                    estimated += "\(name),\(number(e[0])),\(number(e[1])),\(classes[(e[2] as! NSNumber).intValue]),\(number(e[3]))\n"
                }
            }
            try reference.write(toFile: directory + "/reference.csv", atomically: true, encoding: .utf8)
            try estimated.write(toFile: directory + "/estimated.csv", atomically: true, encoding: .utf8)
            try videos.write(toFile: directory + "/videos.csv", atomically: true, encoding: .utf8)
            try """
                {"evalkit_dataset": 1, "name": "psds", "files": [
                 {"path": "reference.csv", "role": "ground_truth"}, {"path": "videos.csv", "role": "metadata"}],
                 "columns": {"id": "video", "label": "label"}}
                """.write(toFile: directory + "/dataset.json", atomically: true, encoding: .utf8)
            let expected = testCase["expected"] as! [String: Any]
            for call in expected["psds"] as! [[String: Any]] {
                let options = #"{"labels": [\#(classes.map { "\"\($0)\"" }.joined(separator: ", "))], "psds": {"dtc": \#(number(params["dtc"]!)), "gtc": \#(number(params["gtc"]!)), "cttc": \#(number(params["cttc"]!)), "alpha_ct": \#(number(call["alpha_ct"]!)), "alpha_st": \#(number(call["alpha_st"]!)), "max_efpr": \#(number(call["max_efpr"]!))}}"#
                let scheme = directory + "/scheme.json"
                try #"{"evalkit": 1, "name": "psds", "task": "events", "dataset": "dataset.json", "predictions": {"path": "estimated.csv", "score": "score"}, "options": \#(options)}"#
                    .write(toFile: scheme, atomically: true, encoding: .utf8)
                let run = try ShardCLITests.evalkit(["run", scheme, "--no-history", "--out", directory + "/out"])
                #expect(run.status == 0, "\(testCase["name"]!): \(run.stderr)")
                let ours = try Self.metrics(directory + "/out")["psds"]
                let theirs = (call["value"] as! NSNumber).doubleValue
                #expect(abs((ours as? Double ?? .nan) - theirs) <= 1e-12, "\(testCase["name"]!) \(call): evalkit \(String(describing: ours)), psds_eval \(theirs)")
                checked += 1
            }
        }
        #expect(checked >= 10)
    }

    /// Slices by an attribute of the reference events (`columns.event_attributes`) hold the
    /// recall side: each slice's reference events and whether they were matched. The overall
    /// result is the same as without such slices, and shards merge to the single run.
    @Test func slicesByEventAttributesHoldTheRecallSide() throws {
        let directory = try ShardCLITests.temporary()
        try Self.writeVideos(directory)
        try "video,onset,offset,label,size\nv1,1.0,3.5,fall,small\nv1,5.0,9.0,run,large\nv2,0.5,2.0,fall,large\nv2,10.0,12.5,run,small\n"
            .write(toFile: directory + "/sized.csv", atomically: true, encoding: .utf8)
        try Self.writeDataset(directory, name: "dataset-sized", groundTruth: "sized.csv", columns: #""event_attributes": ["size"]"#)
        let sliced = directory + "/sliced.json"
        try """
            {"evalkit": 1, "name": "sized", "task": "events", "dataset": "dataset-sized.json", "predictions": {"path": "estimated.csv"},
             "slices": [["size"], ["camera"], ["camera", "size"]], "min_slice_size": 1,
             "intervals": {"method": "bootstrap", "replicates": 40, "seed": 2}}
            """.write(toFile: sliced, atomically: true, encoding: .utf8)
        let run = try ShardCLITests.evalkit(["run", sliced, "--no-history", "--out", directory + "/sliced", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let plain = try ShardCLITests.evalkit(["run", try Self.scheme(directory), "--no-history", "--out", directory + "/plain"])
        #expect(plain.status == 0)
        let a = try Self.metrics(directory + "/sliced"), b = try Self.metrics(directory + "/plain")
        for key in ["event_tp", "event_fn", "event_fp", "event_substitutions", "event_f1", "segment_f1", "videos", "hours", "reference_events"] {
            #expect((a[key] as? Double) == (b[key] as? Double), "\(key): \(String(describing: a[key])) with event-attribute slices, \(String(describing: b[key])) without")
        }
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/sliced/results.json"))) as! [String: Any]
        let slices = (root["evaluations"] as! [[String: Any]])[0]["slices"] as! [[String: Any]]
        func slice(_ by: [String: String]) -> [String: Any]? {
            slices.first { ($0["by"] as? [String: String]) == by }?["metrics"] as? [String: Any]
        }
        // small: v1's fall (matched) and v2's run (missed); large: v1's run and v2's fall (both missed).
        let small = try #require(slice(["size": "small"]))
        #expect(small["reference_events"] as? Double == 2 && small["event_tp"] as? Double == 1)
        #expect(small["event_recall"] as? Double == 0.5)
        #expect(small["event_precision"] is NSNull)
        let large = try #require(slice(["size": "large"]))
        #expect(large["event_recall"] as? Double == 0 && large["reference_events"] as? Double == 2)
        let camera = try #require(slice(["camera": "a"]))
        #expect(camera["videos"] as? Double == 2 && camera["reference_events"] as? Double == 2)
        // Shards merge to the single run, event-attribute slices and intervals included.
        let states = try ShardCLITests.shardStates(sliced, in: directory, count: 3)
        let merged = try ShardCLITests.evalkit(["merge"] + states + ["--out", directory + "/merged", "--no-history", "--format", "json"])
        #expect(merged.status == 0 && merged.stdout == run.stdout, "\(merged.stderr)")
        #expect(FileManager.default.contents(atPath: directory + "/merged/results.json")
                    == FileManager.default.contents(atPath: directory + "/sliced/results.json"))
    }

    /// The shipped ActEV-style scheme: exit 0 (its gates pass), the scorer-named keys, and the DET
    /// points of every activity in `actev_det-1.csv`, whose Pmiss never rises as the threshold falls.
    @Test func actevSchemeWritesScoresAndDETPoints() throws {
        let directory = try ShardCLITests.temporary()
        let run = try ShardCLITests.evalkit(["run", "Schemes/events-actev.json", "--no-history", "--out", directory])
        #expect(run.status == 0, "\(run.stderr)")
        let m = try Self.metrics(directory)
        let pMiss = try #require(m["actev.mean-p_miss@0.1rfa"] as? Double)
        #expect(pMiss > 0 && pMiss < 1)
        #expect(m["actev.mean-nAUDC@0.2rfa"] is Double && m["actev.n-mide"] is Double)
        let table = try String(contentsOfFile: directory + "/actev_det-1.csv", encoding: .utf8).split(separator: "\n")
        #expect(table.first == "activity,threshold,correct,false_alarms,rfa,p_miss,w_p_miss,tfa")
        var last: [String: Double] = [:]
        for line in table.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard let p = Double(fields[5]) else { continue }
            #expect(p <= (last[fields[0]] ?? 1), "\(line)")
            last[fields[0]] = p
        }
        #expect(last.count == 6)
    }

    /// Frame labels with scores: runs of frames are events scored by their highest frame (tIoU
    /// ranks them), and a threshold keeps the frames scoring at least it for the counts.
    @Test func scoredFrameLabels() throws {
        let directory = try ShardCLITests.temporary()
        try Self.writeVideos(directory)
        try "video,frame,label\nv1,10,fall\nv1,11,fall\nv1,12,fall\nv2,5,fall\n"
            .write(toFile: directory + "/frames-ref.csv", atomically: true, encoding: .utf8)
        try "video,frame,label,score\nv1,10,fall,0.2\nv1,11,fall,0.9\nv1,12,fall,0.8\nv2,5,fall,0.1\n"
            .write(toFile: directory + "/frames-est.csv", atomically: true, encoding: .utf8)
        try Self.writeDataset(directory, name: "dataset-frames", groundTruth: "frames-ref.csv", columns: #""frame": "frame""#)
        let scheme = try Self.scheme(directory, name: "frames.json", dataset: "dataset-frames.json",
                                     predictions: #"{"path": "frames-est.csv", "score": "score"}"#,
                                     extra: #", "options": {"fps": 10, "threshold": 0.5, "tiou_thresholds": [0.5]}"#)
        let run = try ShardCLITests.evalkit(["run", scheme, "--no-history", "--out", directory + "/out"])
        #expect(run.status == 0, "\(run.stderr)")
        let m = try Self.metrics(directory + "/out")
        // Frames 11 and 12 pass the threshold (tp 2); frame 10 of v1 and frame 5 of v2 are missed.
        #expect(m["frame_tp"] as? Double == 2 && m["frame_fn"] as? Double == 2 && m["frame_fp"] as? Double == 0)
        // Ranked over all frames: v1's run (score 0.9) and v2's (0.1) match their references exactly: AP 1.
        #expect(m["tiou_map"] as? Double == 1)
    }

    /// NIST ActEV's own files through `evalkit run` (reference, system output and file index with
    /// `"format": "actev"`): every aggregated score of the scorer's checkfile
    /// (`scores_aggregated.csv`) for two tests of `../shared/conformance/ActEV_Scorer` (read in
    /// place, not copied; skipped when the folder is absent).
    @Test(arguments: [("test_1_0", "ActEV18_AD", "VIRAT_S_000000"), ("test_22_0", "SRL_AD_V1", "")])
    func actevFilesThroughTheCLIEqualTheScorer(_ test: String, _ scoringProtocol: String, _ stem: String) throws {
        let conformance = CLITests.root + "/../shared/conformance/ActEV_Scorer"
        guard FileManager.default.fileExists(atPath: conformance + "/tests.json") else {
            print("skipped: \(conformance) is absent (the ActEV data stays out of the project)")
            return
        }
        let tests = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: conformance + "/tests.json"))) as! [String: Any]
        let entry = (tests["tests"] as! [[String: Any]]).first { $0["test"] as? String == test }!
        let arguments = entry["arguments"] as! [String: String]
        func path(_ key: String) -> String { conformance + "/" + arguments[key]! }
        let index = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path("--activity-index")))) as! [String: Any]
        let directory = try ShardCLITests.temporary()
        try """
            {"evalkit_dataset": 1, "name": "\(test)", "files": [
             {"path": "\(path("--reference-file"))", "role": "ground_truth", "format": "actev"},
             {"path": "\(path("--file-index"))", "role": "metadata", "format": "actev"}]}
            """.write(toFile: directory + "/dataset.json", atomically: true, encoding: .utf8)
        let labels = index.keys.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
        try """
            {"evalkit": 1, "name": "\(test)", "task": "events", "dataset": "dataset.json",
             "predictions": {"path": "\(path("--system-output-file"))", "format": "actev"},
             "options": {"actev_protocol": "\(scoringProtocol)", "labels": [\(labels)]}}
            """.write(toFile: directory + "/scheme.json", atomically: true, encoding: .utf8)
        let run = try ShardCLITests.evalkit(["run", directory + "/scheme.json", "--no-history", "--out", directory + "/out"])
        #expect(run.status == 0, "\(run.stderr)")
        let metrics = try Self.metrics(directory + "/out")
        let expected = try String(contentsOfFile: conformance + "/data/checkfiles/\(test)/scores_aggregated.csv", encoding: .utf8)
        var compared = 0
        for line in expected.split(separator: "\n").dropFirst() {
            let parts = line.split(separator: "|").map(String.init)
            guard parts.count == 2, !parts[0].hasPrefix("AUDC"), !parts[0].hasPrefix("mean-AUDC") else { continue }
            let ours = metrics["actev." + parts[0]]
            if parts[1] == "None" {
                #expect(ours is NSNull, "\(test) \(parts[0]): evalkit \(String(describing: ours)), the scorer None")
            } else {
                let value = try #require(Double(parts[1]))
                #expect(abs((ours as? Double ?? .nan) - value) <= 1e-12, "\(test) \(parts[0]): evalkit \(String(describing: ours)), the scorer \(value)")
            }
            compared += 1
        }
        #expect(compared >= 10, "\(test): \(compared) values compared")
        _ = stem
    }
}
