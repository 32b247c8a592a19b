import Foundation
import Testing
import EvalKit
import EvalKitData
import EvalKitMetrics

/// `ActEVJSON`: ActEV's JSON inputs read into plain values, faults as `InputError` with the file
/// and the JSON path.
@Suite struct ActEVJSONTests {
    func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("actev-\(UUID().uuidString).json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func inputError(_ body: () throws -> Void) -> InputError? {
        do {
            try body()
            return nil
        } catch let error as InputError {
            return error
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    @Test func readsASystemOutput() throws {
        let path = try write("""
            {"filesProcessed": ["a.mp4"], "processingReport": {"fileStatuses": {"a.mp4": {"status": "success"}}},
             "activities": [{"activity": "Closing", "activityID": 7, "presenceConf": 0.75, "alertFrame": 3,
                             "localization": {"a.mp4": {"30": 1, "-4": 1, "62": 0}}, "objects": []}]}
            """)
        let system = try ActEVJSON.readSubmission(path: path, system: true)
        #expect(system.filesProcessed == ["a.mp4"])
        #expect(system.instances == [ActEVInstance(activity: "Closing", id: "7", presenceConf: 0.75, file: "a.mp4",
                                                   signal: ActEVSignal(steps: [(-4, 1), (30, 1), (62, 0)]))])
        let files = try ActEVJSON.readFileIndex(path: try write(#"{"a.mp4": {"framerate": 30.0, "selected": {"1": 1, "9001": 0}}}"#))
        #expect(files == [ActEVFile(name: "a.mp4", frameRate: 30, selected: ActEVSignal(start: 1, end: 9001))])
        #expect(try ActEVJSON.readActivityIndex(path: try write(#"{"Talking": {}, "Closing": {"objectTypes": []}}"#)) == ["Talking", "Closing"])
        let parameters = try ActEVJSON.readParameters(.actev18AD, path: try write(#"{"nmide.ns_collar_size": 10, "wpmiss.numerator": 7, "command": "x"}"#))
        #expect(parameters.nMIDECollar == 10 && parameters.wPMissNumerator == 7)
    }

    @Test func faultsNameTheFileAndThePath() throws {
        let noConf = try write(#"{"filesProcessed": [], "activities": [{"activity": "A", "activityID": 1, "localization": {"a.mp4": {"1": 1, "5": 0}}}]}"#)
        let e1 = inputError { _ = try ActEVJSON.readSubmission(path: noConf, system: true) }
        #expect(e1?.file == noConf && e1?.path == "activities[0].presenceConf")
        // A reference needs no presenceConf.
        #expect(try ActEVJSON.readSubmission(path: noConf, system: false).instances.count == 1)

        let twoFiles = try write(#"{"activities": [{"activity": "A", "activityID": 1, "localization": {"a.mp4": {"1": 1, "5": 0}, "b.mp4": {"1": 1, "5": 0}}}]}"#)
        let e2 = inputError { _ = try ActEVJSON.readSubmission(path: twoFiles, system: false) }
        #expect(e2?.path == "activities[0].localization" && e2?.found == "2 files")

        let badFrame = try write(#"{"activities": [{"activity": "A", "activityID": 1, "localization": {"a.mp4": {"1x": 1, "5": 0}}}]}"#)
        let e3 = inputError { _ = try ActEVJSON.readSubmission(path: badFrame, system: false) }
        #expect(e3?.path == #"activities[0].localization["a.mp4"].1x"# && e3?.line == 1)

        let noRate = try write(#"{"a.mp4": {"selected": {"1": 1, "9001": 0}}}"#)
        let e4 = inputError { _ = try ActEVJSON.readFileIndex(path: noRate) }
        #expect(e4?.path == #"["a.mp4"].framerate"#)

        let badParameter = try write(#"{"activity.temporal_overlap_deltaa": 0.3}"#)
        let e5 = inputError { _ = try ActEVJSON.readParameters(.actev18AD, path: badParameter) }
        #expect(e5?.path == "activity.temporal_overlap_deltaa")
    }
}
