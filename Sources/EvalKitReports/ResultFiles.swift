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
        try atomicWrite(ResultsJSON.text(result), to: (directory as NSString).appendingPathComponent("results.json"))
    }

    static func atomicWrite(_ text: String, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        guard manager().createFile(atPath: temporary, contents: Data(text.utf8)) else {
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
