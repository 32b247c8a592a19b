import ArgumentParser
import EvalKit
import EvalKitData
import EvalKitReports
import EvalKitSession
import Foundation

/// `evalkit run --shard I/N --state-out FILE`: evaluate one shard and write its states for
/// `evalkit merge` (docs/scale.md). The shard may come from a job engine's environment
/// (`JOB_COMPLETION_INDEX`, `SLURM_ARRAY_TASK_ID`); a run is sharded only with `--state-out`.
struct ShardOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Evaluate only shard I of N (counted from 0; an item's shard is a hash of its id, for detection of its image id). Needs --state-out.",
                               valueName: "I/N"))
    var shard: String?

    @Option(help: "The shard count when the shard index comes from the environment (JOB_COMPLETION_INDEX of a Kubernetes Indexed Job; default $EVALKIT_SHARDS, or SLURM_ARRAY_TASK_COUNT).")
    var shards: Int?

    @Option(name: .customLong("state-out"), help: ArgumentHelp(
        "Write this shard's states to FILE instead of computing results; merge every shard's file with `evalkit merge`.", valueName: "FILE"),
        completion: .stateFile)
    var stateOut: String?

    var isSharded: Bool { stateOut != nil || shard != nil }

    /// Runs the shard and writes its state file; returns the exit status (0).
    func run(scheme: String, predictions: [String], quiet: Bool, threads: Threads, conflicting: [(String, Bool)]) throws -> Int32 {
        guard let stateOut else {
            throw InputError(file: "command line", field: "--shard", message: "a shard's states need a file",
                             hint: "add --state-out FILE (then `evalkit merge` the files of every shard)")
        }
        for (option, given) in conflicting where given {
            throw InputError(file: "command line", field: option, message: "\(option) is for the merge, not for one shard's run",
                             hint: "pass it to `evalkit merge STATE...`")
        }
        let spec = try ShardSpec.resolve(option: shard, shards: shards, environment: ProcessInfo.processInfo.environment)
            ?? ShardSpec(index: 0, count: shards ?? 1)
        let planned = try Engine.plan(schemePath: scheme, predictions: predictions)
        let destination = try OutputDestination.check(stateOut, what: "--state-out")
        let files = StagedFiles(inputs: InputFiles(planned.inputPaths))
        let progress = ProgressLine.forStandardError(quiet: quiet)
        let file: StateFile
        do {
            file = try Engine.runShard(planned, shard: spec, predictions: predictions, progress: progress?.reporter ?? .off, threads: threads)
        } catch {
            progress?.finish()
            throw error
        }
        progress?.finish()
        do {
            try files.add(Data(file.bytes), to: destination, what: "--state-out")
            try files.commit()
        } catch {
            files.discard()
            throw error
        }
        if !quiet {
            StandardStreams.error("wrote the states of shard \(spec) to \(stateOut); merge every shard with `evalkit merge`\n")
        }
        return ExitStatus.passed
    }
}
