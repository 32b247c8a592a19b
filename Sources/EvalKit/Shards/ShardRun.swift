import EvalKitData
import Foundation

extension Engine {
    /// Evaluates the items of one shard of every evaluation (reading every file in full) and
    /// returns the states as a state file, for `merge` (docs/scale.md). `predictions` are the
    /// run's `--predictions` arguments, recorded so the merge plans the same scheme.
    public static func runShard(_ planned: PlannedScheme, shard: ShardSpec, predictions: [String] = [],
                                progress: ProgressReporter = .off, threads: Threads = .one) throws -> StateFile {
        var evaluations: [StateFile.Evaluation] = []
        for (spec, task) in planned.evaluations {
            evaluations.append(try shardStates(task, spec: spec, shard: shard, progress: progress, threads: threads))
        }
        var file = StateFile(schemePath: canonicalPath(planned.scheme.path), schemeSHA256: planned.scheme.sha256,
                             predictions: predictions, shard: shard, evaluations: evaluations)
        file.schemeDisplayPath = planned.scheme.path
        file.resolvedPredictions = predictions.map(absolutePredictionsArgument)
        return file
    }

    /// One evaluation's payload: its state names, its reading (counts, notes, cell keys) and one
    /// state per cell.
    private static func shardStates<T: EvaluationTask>(_ task: T, spec: EvaluationSpec, shard: ShardSpec,
                                                       progress: ProgressReporter, threads: Threads) throws -> StateFile.Evaluation {
        let (cells, inputs, _) = try accumulate(task, spec: spec, recordOutcomes: false, progress: progress, threads: threads,
                                             shard: shard)
        var writer = StateWriter()
        writer.write(task.stateNames)
        writer.write(inputs)
        writer.write(cells.states)
        return StateFile.Evaluation(name: spec.name, task: spec.task, setupSHA256: spec.setupSHA256, files: inputs.files,
                                    payload: writer.bytes)
    }

    /// A `--predictions` argument with its path made absolute (the merge may run elsewhere).
    static func absolutePredictionsArgument(_ argument: String) -> String {
        var name = ""
        var path = argument
        if let equals = argument.firstIndex(of: "="), !argument.hasPrefix("/") {
            name = String(argument[...equals])
            path = String(argument[argument.index(after: equals)...])
        }
        guard path != "-", !path.hasPrefix("/") else { return argument }
        return name + resolve(path, base: FileManager.default.currentDirectoryPath)
    }
}
