import ArgumentParser

/// What the shell completes for evalkit's path arguments (`evalkit --generate-completion-script
/// bash|zsh|fish`; install lines in README.md, "Shell completion"): schemes and results are
/// `.json` files, shard states `.state` files, `--out` a directory.
extension CompletionKind {
    /// A scheme file.
    static var schemeFile: CompletionKind { .file(extensions: ["json"]) }
    /// A shard's state file (`run --state-out`, `merge`), named `*.state` in the docs' examples.
    static var stateFile: CompletionKind { .file(extensions: ["state"]) }
    /// An earlier run's results.json (a run id or tag is typed, not completed).
    static var resultsFile: CompletionKind { .file(extensions: ["json"]) }
    /// A JUnit XML report.
    static var junitFile: CompletionKind { .file(extensions: ["xml"]) }
    /// A data file of any kind (predictions, the history database).
    static var anyFile: CompletionKind { .file() }
}
