import EvalKit
import EvalKitData
import EvalKitReports
import EvalKitStore
import Foundation

/// The first half of a run's output policy, done before any computation (docs/ci.md, "What a run
/// writes"): every output place checked, the history opened, the baseline resolved. A producer
/// then makes the `RunResult` (`request`), and `finish` writes, prints and records it.
public struct PreparedOutputs {
    public let options: RunOutputOptions
    /// The history database's path (`RunHistory.location`).
    public let historyPath: String
    /// The open history: nil with `--no-history` (unless the baseline is a history run) or when
    /// the default history could not be opened (a warning said so).
    public let history: RunHistory?
    /// The resolved `--baseline`, with its item outcomes.
    public let baseline: Baseline?
    /// The run's inputs (and a results.json baseline), which no output may overwrite.
    let inputs: InputFiles
    let junitDestination: OutputDestination?

    /// Checks, in order: the baseline reference's form; `--out` and `--junit` (writable, not an
    /// input: `inputPaths` are the files the producer reads); opens the history (the default one
    /// may fail with a warning; a named one, a tag or a history baseline must open); checks the
    /// tag is new; loads the baseline.
    public init(options: RunOutputOptions, inputPaths: [String],
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.options = options
        historyPath = RunHistory.location(override: options.history, environment: environment)
        let reference = try options.baseline.map { try RunReference($0, usage: "--baseline") }
        let historyBaseline = reference?.kind == .historyRun
        let baselineFile = reference.flatMap { $0.kind == .resultsFile ? [$0.text] : nil } ?? []
        inputs = InputFiles(inputPaths + [historyPath] + baselineFile)
        if let out = options.out {
            try OutputDestination.checkDirectory(out, what: "--out")
            for name in ["results.json", "report.html"] {
                try inputs.checkNotAnInput((out as NSString).appendingPathComponent(name), what: "--out")
            }
        }
        junitDestination = try options.junit.map { [inputs] path in
            let destination = try OutputDestination.check(path, what: "--junit", willCreate: options.out.map { [$0] } ?? [])
            if case .replace(let target) = destination { try inputs.checkNotAnInput(target, what: "--junit") }
            return destination
        }
        let explicitHistory = options.history != nil || environment[RunHistory.environmentVariable] != nil
        var store: RunHistory?
        if !options.noHistory || historyBaseline {
            do {
                store = try RunHistory(path: historyPath)
            } catch where !explicitHistory && !historyBaseline && options.tag == nil {
                // The default history is a convenience: a read-only checkout must still run. A
                // history the user named, a tag or a history baseline must work.
                StandardStreams.error("warning: run not recorded: \(error)\n")
            }
        }
        if let tag = options.tag, let store { try store.checkNewTag(tag) }
        history = store
        baseline = try reference?.load(history: store)
    }

    /// What the producer is asked for: the baseline, whether to keep item outcomes, progress.
    public func request(progress: ProgressReporter = .off) -> ResultRequest {
        ResultRequest(baseline: baseline, allowDifferentData: options.allowDifferentData,
                      recordOutcomes: options.recordsOutcomes, progress: progress)
    }
}
