import EvalKitData
import Foundation
import GRDB

/// Turns SQLite failures on the history file into `InputError`s (exit status 2) that say what
/// is wrong with the file and what to do, so a CI log explains itself.
enum HistoryErrors {
    static let moveAsideHint = "evalkit leaves the file as it is; move it aside to start a new history, or pass --history PATH (or set EVALKIT_HISTORY) to use another file"

    /// The error to throw for `error`, raised while `action` (e.g. "recording the run").
    static func map(_ error: Error, path: String, busyTimeout: TimeInterval, action: String) -> Error {
        guard let error = error as? DatabaseError else { return error }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return locked(path: path, busyTimeout: busyTimeout, action: action)
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return InputError(
                file: path,
                message: "the run history is not an SQLite database or is damaged (\(error.message ?? "unreadable"))",
                hint: moveAsideHint)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH:
            return InputError(
                file: path,
                message: "cannot open the run history for writing while \(action) (\(error.message ?? "permission denied"))",
                hint: "check the file's and its directory's permissions, or pass --history PATH (or set EVALKIT_HISTORY)")
        case .SQLITE_FULL, .SQLITE_IOERR:
            return InputError(
                file: path,
                message: "could not write the run history while \(action) (\(error.message ?? "I/O error"))",
                hint: "check free disk space; nothing was recorded")
        default:
            return InputError(
                file: path,
                message: "the run history failed while \(action): \(error.message ?? "\(error.resultCode)")",
                hint: moveAsideHint)
        }
    }

    static func locked(path: String, busyTimeout: TimeInterval, action: String) -> InputError {
        InputError(
            file: path,
            message: "the run history is locked by another process; waited \(seconds(busyTimeout)) while \(action)",
            hint: "another evalkit (or a tool with the file open) is writing to it; retry when it is done, or pass --history PATH (or set EVALKIT_HISTORY) to use another file")
    }

    static func newerSchema(path: String, found: Int) -> InputError {
        InputError(
            file: path,
            message: "the run history has schema version \(found), written by a newer evalkit; this evalkit reads version \(HistorySchema.version) and left the file unchanged",
            hint: "upgrade evalkit, or pass --history PATH (or set EVALKIT_HISTORY) to use another file")
    }

    static func notAHistory(path: String) -> InputError {
        InputError(
            file: path,
            message: "this SQLite database is not an evalkit run history (it has other tables and no evalkit schema version)",
            hint: "pass --history PATH (or set EVALKIT_HISTORY) to a new file or an existing evalkit history")
    }

    static func seconds(_ value: TimeInterval) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
