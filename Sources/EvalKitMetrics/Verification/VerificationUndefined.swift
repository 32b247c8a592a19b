/// Why a verification or identification metric has no value: the error of every function in
/// `Verification/`. A function throws it instead of guessing, e.g. when the answer would need
/// impostor scores below `ComparisonScores.impostorBound`, which the scores do not hold.
///
/// bob.measure raises `RuntimeError`/`ValueError` in most of these cases; where it returns a
/// number instead (`recognition_rate` of no probes, `detection_identification_rate` without an
/// in-gallery probe, `false_alarm_rate` without an out-of-gallery probe: 0.0 with a warning),
/// evalkit reports the reason rather than 0.
public enum VerificationUndefined: Error, Equatable, Sendable, CustomStringConvertible {
    /// A parameter outside its domain (a rate target outside [0, 1], a NaN threshold, a rank < 1, …).
    case invalidParameter(String)
    /// No genuine (mated) comparison: FNMR is 0/0.
    case noGenuine
    /// Fewer than 2 genuine comparisons (bob's `frr_threshold` needs 2).
    case tooFewGenuine(Int64)
    /// No impostor (non-mated) comparison: FMR is 0/0.
    case noImpostors
    /// Fewer than 2 impostor comparisons (bob's `far_threshold` needs 2).
    case tooFewImpostors(Int64)
    /// The answer depends on impostor scores below the bound, which are not held (the detail
    /// says which answer and why).
    case needsUnheldImpostors(String)
    /// No identification search was given.
    case noSearches
    /// No mated search (a probe with a mate in the gallery): DIR and FNIR are 0/0.
    case noMatedSearches
    /// No non-mated search (a probe without a mate): FPIR is 0/0.
    case noNonMatedSearches
    /// Fewer than 2 non-mated searches (the FPIR threshold follows bob's `far_threshold`).
    case tooFewNonMatedSearches(Int64)
    /// A search with neither a mate nor a non-mate score (bob raises `ValueError`).
    case emptySearch(Int)
    /// The CMC needs a mate in every search (bob raises `ValueError`).
    case unmatedSearchInCMC(Int)
    /// Every search was left out of the denominator (open-set probes correctly rejected at the
    /// threshold and nothing else): the recognition rate is 0/0.
    case nothingCounted

    public var description: String {
        switch self {
        case .invalidParameter(let message): "invalid parameter: \(message)"
        case .noGenuine: "no genuine (mated) comparison scores"
        case .tooFewGenuine(let n): "needs at least 2 genuine comparison scores, got \(n)"
        case .noImpostors: "no impostor (non-mated) comparison scores"
        case .tooFewImpostors(let n): "needs at least 2 impostor comparison scores, got \(n)"
        case .needsUnheldImpostors(let detail): "needs impostor scores below the held bound: \(detail)"
        case .noSearches: "no identification searches"
        case .noMatedSearches: "no mated search (no probe has a mate in the gallery)"
        case .noNonMatedSearches: "no non-mated search (every probe has a mate in the gallery)"
        case .tooFewNonMatedSearches(let n): "needs at least 2 non-mated searches, got \(n)"
        case .emptySearch(let i): "search \(i) has neither a mate score nor a non-mate score"
        case .unmatedSearchInCMC(let i): "the CMC needs a mate in every search; search \(i) has none"
        case .nothingCounted: "every search was rejected at the threshold without a mate: 0/0"
        }
    }
}

/// A `ComparisonScores` input that cannot be used (unsorted, NaN, inconsistent weights or bound).
public enum ComparisonScoresError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAscending(side: String, index: Int)
    case notANumber(side: String, index: Int)
    case weightCount(side: String, scores: Int, weights: Int)
    case negativeWeight(side: String, index: Int)
    case impostorTotalBelowHeld(total: Int64, held: Int64)
    case heldImpostorBelowBound(index: Int, score: Double, bound: Double)
    case unheldImpostorsWithoutBound(total: Int64, held: Int64)
    case invalidBound

    public var description: String {
        switch self {
        case .notAscending(let side, let i): "\(side) scores must be ascending: index \(i) is below index \(i - 1)"
        case .notANumber(let side, let i): "\(side) score \(i) is NaN"
        case .weightCount(let side, let s, let w): "\(side): \(s) scores but \(w) weights"
        case .negativeWeight(let side, let i): "\(side) weight \(i) is negative"
        case .impostorTotalBelowHeld(let total, let held):
            "impostorTotal \(total) is below the total weight of the held impostors \(held)"
        case .heldImpostorBelowBound(let i, let score, let bound):
            "held impostor \(i) has score \(score) below impostorBound \(bound)"
        case .unheldImpostorsWithoutBound(let total, let held):
            "impostorTotal \(total) exceeds the held \(held) but impostorBound is -infinity (unheld impostors must lie below a finite bound)"
        case .invalidBound: "impostorBound is NaN"
        }
    }
}
