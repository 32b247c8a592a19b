import ArgumentParser
import EvalKit
import EvalKitData
import EvalKitReports
import EvalKitSession
import Foundation

/// `evalkit`: the root command. Exit codes (docs/design.md §4): 0 all gates pass, 1 a gate failed,
/// 2 bad usage or bad input, 3 internal error.
public struct EvalKitCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "evalkit",
        abstract: "Evaluate AI algorithms against labelled datasets, with gates for CI.",
        discussion: """
            Task kinds: \(TaskRegistry.kinds.map { "\($0.name) (\($0.summary))" }.joined(separator: "; ")).
            Exit status: 0 all gates passed, 1 a gate failed, 2 bad usage or bad input, 3 internal error.
            Docs: docs/schemes.md (scheme format), docs/metrics.md (definitions).
            """,
        version: EvalKitVersion.current,
        subcommands: [RunCommand.self, MergeCommand.self, ValidateCommand.self, CompareCommand.self, HistoryCommand.self])

    public init() {}

    /// Parses the arguments, runs the command, and exits with evalkit's exit codes (argument
    /// errors exit 2, not ArgumentParser's 64).
    public static func main(arguments: [String]? = nil) {
        StandardStreams.guardClosedDescriptors()
        StandardStreams.ignoreBrokenPipe()
        TemporaryFiles.installHandlers()
        let arguments = arguments ?? Array(CommandLine.arguments.dropFirst())
        if let unknown = unknownCommand(arguments) {
            StandardStreams.error("error: unknown command \(quoted(unknown))"
                + (didYouMean(unknown, commandNames).map { "; \($0)" } ?? "") + "\n"
                + "hint: commands: \(commandNames.joined(separator: ", ")); see `evalkit help`\n")
            Foundation.exit(ExitStatus.badInput)
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                try? StandardStreams.write(Data((fullMessage(for: error) + "\n").utf8), to: .output)
                Foundation.exit(0)
            }
            StandardStreams.error(lowercasedPrefix(fullMessage(for: error)) + "\n")
            Foundation.exit(code == .failure || code == .validationFailure ? ExitStatus.badInput : code.rawValue)
        }
    }

    static var commandNames: [String] {
        configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
    }

    /// The first argument when it is neither an option nor a command (`evalkit runn x.json`).
    static func unknownCommand(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), !commandNames.contains(first) else { return nil }
        return first
    }

    /// ArgumentParser's messages start with "Error: "; evalkit's with "error: ".
    static func lowercasedPrefix(_ message: String) -> String {
        message.hasPrefix("Error: ") ? "error: " + message.dropFirst("Error: ".count) : message
    }
}

/// Prints an error to standard error and returns the exit status it maps to.
func report(_ error: Error) -> Int32 {
    let message: String
    let status: Int32
    switch error {
    case let error as InputError:
        message = "error: \(error)"
        status = ExitStatus.badInput
    case let errors as InputErrors:
        message = errors.errors.map { "error: \($0)" }.joined(separator: "\n")
        status = ExitStatus.badInput
    default:
        message = "internal error: \(error)\nThis is a bug in evalkit; please report it with the command you ran."
        status = ExitStatus.internalError
    }
    StandardStreams.error(message + "\n")
    return status
}
