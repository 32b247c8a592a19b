/// What a command that produces a run (`run`, later `merge`) does with its result: the files it
/// writes, the report it prints, the baseline its change gates compare with and how the history
/// records it. The CLI fills it from its `OutputOptions` group; names follow the flags.
public struct RunOutputOptions: Sendable, Equatable {
    /// `--out DIR`: results.json and the other result files.
    public var out: String?
    /// `--format`: the report on standard output.
    public var format: ReportFormat
    /// `--junit FILE` (`-` is standard output, instead of the report).
    public var junit: String?
    /// `--baseline REF`: a results.json path, or a run id or tag of the history (`RunReference`).
    public var baseline: String?
    /// `--tag NAME`: names the recorded run.
    public var tag: String?
    /// `--history PATH`: the database (else `RunHistory.location`'s rule).
    public var history: String?
    /// `--no-history`: record nothing.
    public var noHistory: Bool
    /// `--allow-different-data`: accept a baseline of another scheme or other ground truth.
    public var allowDifferentData: Bool
    /// `--quiet`: no progress line and no `recorded run` note.
    public var quiet: Bool

    public init(out: String? = nil, format: ReportFormat = .table, junit: String? = nil, baseline: String? = nil,
                tag: String? = nil, history: String? = nil, noHistory: Bool = false, allowDifferentData: Bool = false,
                quiet: Bool = false) {
        self.out = out
        self.format = format
        self.junit = junit
        self.baseline = baseline
        self.tag = tag
        self.history = history
        self.noHistory = noHistory
        self.allowDifferentData = allowDifferentData
        self.quiet = quiet
    }

    /// Item outcomes (for paired tests against this run later) are kept with `--out` and for
    /// tagged runs, which are meant to be baselines.
    public var recordsOutcomes: Bool { out != nil || (tag != nil && !noHistory) }
}
