import EvalKitData

/// `--predictions` on the command line: evaluate another predictions file than the scheme names,
/// without editing the scheme.
///
/// Each argument is `PATH` (the scheme must have exactly one evaluation) or `NAME=PATH` (the
/// evaluation named NAME; a path whose text before `=` names no evaluation is a plain path). The
/// path is relative to the current directory, not to the scheme; `-` is standard input, shown and
/// recorded as `<stdin>`. The format comes from the path's extension (`.csv`, `.tsv`, `.jsonl`,
/// `.ndjson`, `.json`), else, and always for `-`, from the scheme's predictions; the column
/// mapping (`id`, `label`, `score`, ...) stays the scheme's.
public struct PredictionsOverride: Sendable, Equatable {
    /// The evaluation it replaces the predictions of; nil: the scheme's only evaluation.
    public var evaluation: String?
    /// The path as given (`-`: standard input).
    public var path: String

    /// Reads one `--predictions` argument against the scheme's evaluation names.
    public static func parse(_ argument: String, evaluations: [String]) -> PredictionsOverride {
        if let equals = argument.firstIndex(of: "="), evaluations.contains(String(argument[..<equals])) {
            return PredictionsOverride(evaluation: String(argument[..<equals]), path: String(argument[argument.index(after: equals)...]))
        }
        return PredictionsOverride(evaluation: nil, path: argument)
    }

    /// Applies the arguments to the scheme's evaluations; an `InputError` (exit 2) for a bare path
    /// with several evaluations, an empty path, an evaluation named twice or `-` given twice.
    public static func apply(_ arguments: [String], to scheme: inout Scheme) throws {
        let names = scheme.evaluations.map(\.name)
        var seen = Set<String>()
        var stdinUsed = false
        for argument in arguments {
            let choice = parse(argument, evaluations: names)
            let target: String
            if let named = choice.evaluation {
                target = named
            } else if names.count == 1 {
                target = names[0]
            } else {
                throw InputError(file: "--predictions", expected: "NAME=PATH, where NAME is one of the scheme's \(names.count) evaluations: "
                                    + names.map { quoted($0) }.joined(separator: ", "),
                                 found: quoted(argument),
                                 hint: "the scheme \(scheme.path) has several evaluations; say which one gets these predictions")
            }
            guard !choice.path.isEmpty else {
                throw InputError(file: "--predictions", expected: "a file path, or - for standard input", found: quoted(argument))
            }
            guard seen.insert(target).inserted else {
                throw InputError(file: "--predictions", message: "the predictions of evaluation \(quoted(target)) are given twice")
            }
            if choice.path == standardInputPath {
                guard !stdinUsed else {
                    throw InputError(file: "--predictions", message: "standard input (-) is given twice, but it can be read only once")
                }
                stdinUsed = true
            }
            let index = scheme.evaluations.firstIndex { $0.name == target }!
            scheme.evaluations[index].predictions.replacePath(with: choice.path)
        }
    }
}

extension PredictionsSpec {
    /// Points the predictions at `path` (as given on the command line), keeping the column mapping.
    mutating func replacePath(with path: String) {
        let isStandardInput = path == standardInputPath
        resolvedPath = path
        displayPath = isStandardInput ? standardInputDisplay : path
        guard !isStandardInput, let implied = tableFormat(forPath: path) else { return }
        format = implied
        if node["delimiter"] == nil { csv = defaultCSVOptions(forPath: path) }
    }
}
