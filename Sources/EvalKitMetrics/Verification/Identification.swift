/// Closed- and open-set identification rates over summarised searches, following bob.measure
/// 6.1 (`cmc`, `recognition_rate`, `detection_identification_rate`, `false_alarm_rate`) and the
/// ISO/IEC 19795-1 / NIST FRVT names (FNIR, FPIR). Each search counts `weight` times.
///
/// Ties: a non-mate scoring exactly the mate score ranks ahead of it (`IdentificationSearch`).
/// Thresholds differ between bob's functions, and are kept: `identificationRate` (bob's
/// `recognition_rate`) keeps scores strictly above the threshold, the open-set rates accept a
/// score ≥ the threshold.
public enum Identification {
    /// bob.measure `cmc(cmc_scores)`: element r − 1 is the weighted fraction of searches whose mate
    /// has rank ≤ r, for r = 1 … max(nonMateCount) + 1.
    ///
    /// Throws `.noSearches`, `.unmatedSearchInCMC` (every search needs a mate, as in bob).
    public static func cmc(_ searches: [IdentificationSearch]) throws(VerificationUndefined) -> [Double] {
        guard !searches.isEmpty else { throw .noSearches }
        var counts = [Int64](repeating: 0, count: (searches.map(\.nonMateCount).max() ?? 0) + 1)
        var total: Int64 = 0
        for (i, search) in searches.enumerated() {
            guard search.isMated else { throw .unmatedSearchInCMC(i) }
            counts[min(search.mateRank, counts.count) - 1] += search.weight
            total += search.weight
        }
        var cumulative: Int64 = 0
        return counts.map { count in
            cumulative += count
            return Double(cumulative) / Double(total)
        }
    }

    /// bob.measure `recognition_rate(cmc_scores, threshold, rank)`: the rank-`rank` identification
    /// rate.
    ///
    /// Without a threshold: correct searches (mate rank ≤ `rank`) over all searches; a search
    /// without a mate counts as wrong. With a threshold θ: scores ≤ θ are dropped first, so a
    /// mated search is correct when its mate score > θ and its rank ≤ `rank`; a search without a
    /// mate whose top non-mate is ≤ θ is correctly rejected and leaves the denominator, otherwise
    /// it counts as wrong.
    ///
    /// Throws `.noSearches` (bob returns 0.0), `.emptySearch`, `.nothingCounted` (bob divides by
    /// zero), `.invalidParameter` for rank < 1 or a NaN threshold.
    public static func identificationRate(_ searches: [IdentificationSearch], rank: Int = 1,
                                          threshold: Double? = nil) throws(VerificationUndefined) -> Double {
        guard rank >= 1 else { throw .invalidParameter("rank \(rank) must be at least 1") }
        if let threshold, threshold.isNaN { throw .invalidParameter("the threshold is NaN") }
        guard !searches.isEmpty else { throw .noSearches }
        var correct: Int64 = 0, counted: Int64 = 0
        for (i, search) in searches.enumerated() {
            guard let mate = search.mateScore, search.isMated else {
                guard let top = search.topNonMateScore else { throw .emptySearch(i) }
                if let threshold, !(top > threshold) { continue }
                counted += search.weight
                continue
            }
            counted += search.weight
            if let threshold, !(mate > threshold) { continue }
            if search.mateRank <= rank { correct += search.weight }
        }
        guard counted > 0 else { throw .nothingCounted }
        return Double(correct) / Double(counted)
    }

    /// bob.measure `detection_identification_rate(cmc_scores, threshold, rank)`: over the mated
    /// searches, the weighted fraction whose mate score is ≥ `threshold` and whose mate rank is
    /// ≤ `rank` (DIR = 1 − FNIR, ISO/IEC 19795-1 open-set identification).
    ///
    /// Throws `.noMatedSearches` (bob warns and returns 0.0), `.invalidParameter`.
    public static func detectionIdentificationRate(_ searches: [IdentificationSearch], threshold: Double,
                                                   rank: Int = 1) throws(VerificationUndefined) -> Double {
        let (hits, mated) = try detections(searches, threshold: threshold, rank: rank)
        return Double(hits) / Double(mated)
    }

    /// FNIR(threshold, rank): over the mated searches, the weighted fraction *not* detected and
    /// identified (mate score < threshold or mate rank > rank): (mated − hits) / mated, counted
    /// directly (it may differ from 1 − DIR in the last bit). Throws as
    /// `detectionIdentificationRate`.
    public static func falseNegativeIdentificationRate(_ searches: [IdentificationSearch], threshold: Double,
                                                       rank: Int = 1) throws(VerificationUndefined) -> Double {
        let (hits, mated) = try detections(searches, threshold: threshold, rank: rank)
        return Double(mated - hits) / Double(mated)
    }

    /// FPIR(threshold) = bob.measure `false_alarm_rate(cmc_scores, threshold)`: over the
    /// non-mated searches, the weighted fraction whose top non-mate score is ≥ `threshold`.
    ///
    /// Throws `.noNonMatedSearches` (bob warns and returns 0.0), `.emptySearch` (a non-mated
    /// search without scores: bob raises), `.invalidParameter` for a NaN threshold.
    public static func falsePositiveIdentificationRate(_ searches: [IdentificationSearch],
                                                       threshold: Double) throws(VerificationUndefined) -> Double {
        if threshold.isNaN { throw .invalidParameter("the threshold is NaN") }
        var alarms: Int64 = 0, nonMated: Int64 = 0
        for (i, search) in searches.enumerated() where !search.isMated {
            guard let top = search.topNonMateScore else { throw .emptySearch(i) }
            nonMated += search.weight
            if top >= threshold { alarms += search.weight }
        }
        guard nonMated > 0 else { throw .noNonMatedSearches }
        return Double(alarms) / Double(nonMated)
    }

    /// The threshold at an FPIR target: bob.measure's `far_threshold` rule
    /// (`ComparisonScores.thresholdAtFMR`) applied to the top non-mate scores of the non-mated
    /// searches — the lowest such score whose FPIR is ≤ `target` without splitting ties, the
    /// double just above the highest when none is, just below the lowest for a target ≥ 1 − ε.
    ///
    /// Throws `.tooFewNonMatedSearches` below 2, `.emptySearch`, `.invalidParameter` (a target
    /// outside [0, 1]).
    public static func thresholdAtFPIR(_ searches: [IdentificationSearch], target: Double) throws(VerificationUndefined) -> Double {
        guard target >= 0 && target <= 1 else { throw .invalidParameter("FPIR target \(target) is outside [0, 1]") }
        var tops: [(score: Double, weight: Int64)] = []
        for (i, search) in searches.enumerated() where !search.isMated {
            guard let top = search.topNonMateScore else { throw .emptySearch(i) }
            if top.isNaN { throw .invalidParameter("search \(i) has a NaN non-mate score") }
            tops.append((top, search.weight))
        }
        tops.sort { $0.score < $1.score }
        let runs: VerificationRuns
        do {
            runs = try VerificationRuns(tops.map(\.score), tops.map(\.weight), side: "top non-mate")
        } catch {
            throw .invalidParameter("search weights: \(error)")
        }
        guard runs.total >= 2 else { throw .tooFewNonMatedSearches(runs.total) }
        return try ComparisonScores.descendingRateThreshold(runs, total: runs.total, complete: true, target: target,
                                                            what: "the threshold at FPIR \(target)")
    }

    /// Mated searches detected and identified (mate score ≥ threshold, rank ≤ `rank`), and all
    /// mated searches, weighted.
    static func detections(_ searches: [IdentificationSearch], threshold: Double,
                           rank: Int) throws(VerificationUndefined) -> (hits: Int64, mated: Int64) {
        guard rank >= 1 else { throw .invalidParameter("rank \(rank) must be at least 1") }
        if threshold.isNaN { throw .invalidParameter("the threshold is NaN") }
        var hits: Int64 = 0, mated: Int64 = 0
        for search in searches where search.isMated {
            mated += search.weight
            if let mate = search.mateScore, mate >= threshold, search.mateRank <= rank { hits += search.weight }
        }
        guard mated > 0 else { throw .noMatedSearches }
        return (hits, mated)
    }
}
