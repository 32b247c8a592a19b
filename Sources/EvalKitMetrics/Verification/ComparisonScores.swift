/// Scores of a verification evaluation: genuine (mated, bob.measure's "positives") and impostor
/// (non-mated, "negatives") comparisons, higher = more similar. ISO/IEC 19795-1 error rates
/// (FMR, FNMR) and bob.measure 6.1's thresholds and curves are computed from it
/// (`ComparisonScores+Rates.swift`, `+Thresholds`, `+MinimizingWalk`, `EqualErrorRate.swift`,
/// `ErrorRateCurve.swift`).
///
/// **Bounded impostors.** With hundreds of millions of impostor comparisons a task may keep only
/// the impostor scores ≥ `impostorBound` (and the total weight of all of them, `impostorTotal`).
/// Every impostor score ≥ the bound must be held; the unheld ones are known only to lie below it.
/// Every function then either gives bob.measure's exact answer or throws
/// `VerificationUndefined.needsUnheldImpostors` — it never guesses. With the bound at −∞ (all
/// held) the functions are bob.measure's.
///
/// **Weights.** A score with integer weight w counts as w copies (bootstrap multiplicities);
/// weight 0 removes the score. `nil` weights mean 1 each.
///
/// The scores must be ascending and not NaN (bob.measure's `utils.remove_nan` drops NaN scores
/// before any metric).
public struct ComparisonScores: Sendable {
    /// Genuine (mated) scores, ascending.
    public private(set) var genuine: [Double]
    /// Multiplicity of each genuine score; nil: 1 each.
    public private(set) var genuineWeights: [Int64]?
    /// Held impostor (non-mated) scores, ascending: every impostor score ≥ `impostorBound`.
    public private(set) var impostors: [Double]
    /// Multiplicity of each held impostor score; nil: 1 each.
    public private(set) var impostorWeights: [Int64]?
    /// Total weight of all impostor comparisons, held or not.
    public private(set) var impostorTotal: Int64
    /// Impostor scores below this are not held; −∞ when all are held.
    public private(set) var impostorBound: Double

    /// Distinct genuine scores with their summed weights (zero weights dropped).
    let genuineRuns: VerificationRuns
    /// Distinct held impostor scores with their summed weights (zero weights dropped).
    let impostorRuns: VerificationRuns

    /// Validates and indexes the scores.
    /// - Parameters:
    ///   - impostorTotal: the total weight of all impostors; nil: the held weight (all held).
    ///   - impostorBound: every impostor ≥ it is held; must be finite (or +∞) when
    ///     `impostorTotal` exceeds the held weight.
    /// - Complexity: O(n) for n scores.
    public init(genuine: [Double], genuineWeights: [Int64]? = nil, impostors: [Double], impostorWeights: [Int64]? = nil,
                impostorTotal: Int64? = nil, impostorBound: Double = -.infinity) throws(ComparisonScoresError) {
        if impostorBound.isNaN { throw .invalidBound }
        genuineRuns = try VerificationRuns(genuine, genuineWeights, side: "genuine")
        impostorRuns = try VerificationRuns(impostors, impostorWeights, side: "impostor")
        if let first = impostors.firstIndex(where: { $0 < impostorBound }) {
            throw .heldImpostorBelowBound(index: first, score: impostors[first], bound: impostorBound)
        }
        let held = impostorRuns.total
        let total = impostorTotal ?? held
        if total < held { throw .impostorTotalBelowHeld(total: total, held: held) }
        if total > held && impostorBound == -.infinity { throw .unheldImpostorsWithoutBound(total: total, held: held) }
        self.genuine = genuine
        self.genuineWeights = genuineWeights
        self.impostors = impostors
        self.impostorWeights = impostorWeights
        self.impostorTotal = total
        self.impostorBound = impostorBound
    }

    /// All scores held, given in any order (sorted here; NaN rejected).
    public static func sorting(genuine: [Double], impostors: [Double]) throws(ComparisonScoresError) -> ComparisonScores {
        if let i = genuine.firstIndex(where: \.isNaN) { throw .notANumber(side: "genuine", index: i) }
        if let i = impostors.firstIndex(where: \.isNaN) { throw .notANumber(side: "impostor", index: i) }
        return try ComparisonScores(genuine: genuine.sorted(), impostors: impostors.sorted())
    }

    /// The same comparisons holding only the impostors ≥ `bound` (weights kept, total unchanged):
    /// the bounded form a task keeps. A bound at or below the lowest held impostor keeps all.
    public func keepingImpostors(atOrAbove bound: Double) throws(ComparisonScoresError) -> ComparisonScores {
        guard bound > impostorBound else { return self }
        let start = VerificationRuns.firstIndex(in: impostors) { $0 >= bound }
        if start == 0 { return self }
        return try ComparisonScores(genuine: genuine, genuineWeights: genuineWeights, impostors: Array(impostors[start...]),
                                    impostorWeights: impostorWeights.map { Array($0[start...]) },
                                    impostorTotal: impostorTotal, impostorBound: bound)
    }

    /// Total weight of the genuine scores.
    public var genuineTotal: Int64 { genuineRuns.total }
    /// Total weight of the held impostor scores.
    public var heldImpostorTotal: Int64 { impostorRuns.total }
    /// Whether every impostor is held (then the bound plays no role).
    public var holdsAllImpostors: Bool { impostorRuns.total == impostorTotal }

    /// The weight of impostors with score ≥ t; nil when that needs unheld impostors (t below
    /// the bound while some are unheld).
    func impostors(atOrAbove t: Double) -> Int64? {
        guard holdsAllImpostors || t >= impostorBound else { return nil }
        return impostorRuns.total - impostorRuns.weight(below: t)
    }
}
