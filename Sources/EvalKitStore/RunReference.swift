import EvalKit
import EvalKitData
import Foundation

/// A run named on the command line (`run --baseline REF`, `compare A B`): a results.json path, or
/// a run id or tag of the history. One rule for every command: an existing file is a results.json;
/// a missing name that looks like a path (ends in `.json` or contains `/`) is an error; anything
/// else names a run of the history.
public struct RunReference: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A results.json written by `evalkit run --out DIR` (its `outcomes/` beside it).
        case resultsFile
        /// A run id (all digits) or tag of the history.
        case historyRun
    }

    /// What the user wrote.
    public var text: String
    public var kind: Kind

    /// Classifies `text`; `usage` names where it was given in the hint of a missing file
    /// (e.g. `--baseline`).
    public init(_ text: String, usage: String) throws {
        self.text = text
        if FileManager.default.fileExists(atPath: text) {
            kind = .resultsFile
        } else if text.hasSuffix(".json") || text.contains("/") {
            throw InputError(file: text, message: "file not found",
                             hint: "\(usage) takes a results.json path, or a run id or tag of the history")
        } else {
            kind = .historyRun
        }
    }

    /// The run as a `Baseline` with its item outcomes: read from the results.json, or from
    /// `history` (which a history run needs; nil is a programming error).
    public func load(history: RunHistory?) throws -> Baseline {
        switch kind {
        case .resultsFile: return try Baseline.load(resultsPath: text)
        case .historyRun: return try history!.baseline(text)
        }
    }

    /// Loads every reference, opening the history at `historyPath` only when one of them names a
    /// history run; a history that does not exist is an error naming the reference (nothing is
    /// created).
    public static func load(_ references: [RunReference], historyPath: String) throws -> [Baseline] {
        var history: RunHistory?
        if let first = references.first(where: { $0.kind == .historyRun }) {
            guard FileManager.default.fileExists(atPath: historyPath) else {
                throw InputError(file: first.text, message: "no such file, and no run history at \(historyPath) to find it in as a run id or tag",
                                 hint: "name a results.json, or pass --history PATH (or set \(RunHistory.environmentVariable))")
            }
            history = try RunHistory(path: historyPath)
        }
        return try references.map { try $0.load(history: history) }
    }
}

extension RunHistory {
    /// The run `ref` names (`resolve`) as a baseline, with the item outcomes it recorded.
    public func baseline(_ ref: String) throws -> Baseline {
        let stored = try resolve(ref)
        var baseline = stored.asBaseline(reference: "\(path) run \(ref)")
        for name in baseline.evaluations.keys {
            baseline.evaluations[name]?.outcomes = try outcomes(runID: stored.id, evaluation: name)
        }
        return baseline
    }
}
