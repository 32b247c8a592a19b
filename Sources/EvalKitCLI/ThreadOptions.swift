import ArgumentParser
import EvalKit
import EvalKitData
import Foundation

/// `--threads N`: the threads a command may use (default: every core this process may run on,
/// or `EVALKIT_THREADS`). Results do not depend on it (docs/scale.md, "Both cores").
struct ThreadOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Threads for reading, matching and intervals (default: all cores, or $EVALKIT_THREADS); results are the same for any N.",
                               valueName: "N"))
    var threads: Int?

    /// The resolved count; an invalid value is an input error (exit 2).
    func resolved() throws -> Threads {
        try Threads.resolve(option: threads, environment: ProcessInfo.processInfo.environment)
    }
}
