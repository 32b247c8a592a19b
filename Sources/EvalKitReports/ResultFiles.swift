import EvalKit
import EvalKitData
import Foundation

/// Writes a run's result files into a directory, atomically: each file is written under a
/// temporary name and renamed, so a reader never sees a half-written results.json.
public enum ResultFiles {
    public static func write(_ result: RunResult, to directory: String) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: directory, isDirectory: &isDirectory) {
            if !isDirectory.boolValue {
                throw InputErrorForOutput(path: directory, message: "exists and is not a directory")
            }
        } else {
            do {
                try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw InputErrorForOutput(path: directory, message: "cannot create the directory (\(error.localizedDescription))")
            }
        }
        // Outcome sidecars first, results.json last: a reader that finds results.json finds its sidecars.
        let outcomesDirectory = (directory as NSString).appendingPathComponent("outcomes")
        for (index, evaluation) in result.evaluations.enumerated() {
            guard let outcomes = evaluation.outcomes else { continue }
            try? FileManager.default.createDirectory(atPath: outcomesDirectory, withIntermediateDirectories: true)
            try atomicWrite(outcomes.encoded(), to: (outcomesDirectory as NSString).appendingPathComponent("\(index + 1).bin"))
        }
        // Per-item tables (detection's per_image-<n>.csv) and plots of curves
        // (precision_recall-<n>.png), also before results.json.
        for (index, evaluation) in result.evaluations.enumerated() {
            for table in evaluation.computed.itemTables {
                try atomicWrite(Data(table.csv.utf8), to: (directory as NSString).appendingPathComponent("\(table.name)-\(index + 1).csv"))
            }
            if !evaluation.computed.curves.isEmpty {
                let path = (directory as NSString).appendingPathComponent("\(evaluation.computed.curves[0].name)-\(index + 1).png")
                let temporary = path + ".tmp-\(getpid())"
                try CurvePlot.render(evaluation.computed.curves, title: evaluation.name).write(to: temporary)
                if rename(temporary, path) != 0 {
                    unlink(temporary)
                    throw InputErrorForOutput(path: path, message: "cannot move the file into place")
                }
            }
        }
        try atomicWrite(Data(ResultsJSON.text(result).utf8), to: (directory as NSString).appendingPathComponent("results.json"))
    }

    /// Writes the JUnit XML report (`--junit FILE`), atomically.
    public static func writeJUnit(_ result: RunResult, to path: String, duration: Double? = nil) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            throw InputErrorForOutput(path: path, message: "the directory \(directory) does not exist")
        }
        try atomicWrite(Data(JUnitReport.render(result, duration: duration).utf8), to: path)
    }

    static func atomicWrite(_ data: Data, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        guard manager().createFile(atPath: temporary, contents: data) else {
            throw InputErrorForOutput(path: path, message: "cannot write the file")
        }
        if rename(temporary, path) != 0 {
            unlink(temporary)
            throw InputErrorForOutput(path: path, message: "cannot move the file into place")
        }
    }

    private static func manager() -> FileManager { .default }
}

/// An output location that cannot be written: reported like bad input (exit 2).
public func InputErrorForOutput(path: String, message: String) -> Error {
    EvalKitData.InputError(file: path, message: message)
}
