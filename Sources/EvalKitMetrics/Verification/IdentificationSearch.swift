/// One 1:N identification search (a probe against a gallery), summarised by what bob.measure's
/// identification rates read from its `(negatives, positives)` pair.
///
/// Ties between the mate and non-mates rank the mate behind them: `mateRank` = 1 + the number of
/// non-mate scores ≥ the best mate score (bob's `numpy.sum(neg >= max_pos)` + 1), so a non-mate
/// scoring exactly the mate's score is ranked first — the pessimistic reading.
public struct IdentificationSearch: Sendable, Equatable {
    /// Rank of the best mate (1 = top); 0 when the probe has no mate in the gallery.
    public var mateRank: Int
    /// The best (highest) mate score; nil when the probe has no mate.
    public var mateScore: Double?
    /// The highest non-mate score; nil when there is none.
    public var topNonMateScore: Double?
    /// The number of non-mate scores (the CMC has max(nonMateCount) + 1 ranks, as bob's).
    public var nonMateCount: Int
    /// Multiplicity (bootstrap weight): the search counts as `weight` copies.
    public var weight: Int64

    public init(mateRank: Int, mateScore: Double?, topNonMateScore: Double?, nonMateCount: Int, weight: Int64 = 1) {
        self.mateRank = mateRank
        self.mateScore = mateScore
        self.topNonMateScore = topNonMateScore
        self.nonMateCount = nonMateCount
        self.weight = weight
    }

    /// The summary of bob's pair: `mateScores` (bob's positives, empty or nil in bob for an
    /// open-set probe) and `nonMateScores` (bob's negatives).
    public init(mateScores: [Double], nonMateScores: [Double], weight: Int64 = 1) {
        let best = mateScores.max()
        self.init(mateRank: best.map { m in 1 + nonMateScores.reduce(0) { $0 + ($1 >= m ? 1 : 0) } } ?? 0,
                  mateScore: best, topNonMateScore: nonMateScores.max(), nonMateCount: nonMateScores.count, weight: weight)
    }

    /// Whether the probe has a mate in the gallery.
    public var isMated: Bool { mateRank > 0 }
}
