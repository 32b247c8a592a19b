/// Sufficient statistics of text recognition (plates, OCR): how many items, how many were read
/// exactly, the summed alignment counts (hits, substitutions, deletions, insertions), and the
/// distinct per-item outcomes with their multiplicities (what the bootstrap redraws).
///
/// An item without a prediction (`hypothesis: nil`, the scheme's `"missing": "count_as_wrong"`)
/// counts as the deletion of every reference character and is never an exact match, even when
/// the reference is empty. An empty prediction ("") is a reading of nothing: all deletions too,
/// but an exact match of an empty reference.
///
/// - Complexity: `add` is O(1) after the alignment; memory is O(distinct outcomes), at most the
///   number of items (a few dozen for plates).
public struct TextState: MergeableState {
    /// One item's outcome: its alignment counts and whether it had no prediction.
    public struct Outcome: Hashable, Sendable {
        public var counts: EditCounts
        public var missing: Bool

        public init(counts: EditCounts, missing: Bool = false) {
            self.counts = counts
            self.missing = missing
        }

        /// The normalised prediction equals the normalised reference.
        @inlinable public var isExactMatch: Bool { !missing && counts.errors == 0 }
    }

    /// Items counted (with or without a prediction).
    public internal(set) var items: Int64 = 0
    /// Items whose normalised prediction equals the normalised reference.
    public internal(set) var exactMatches: Int64 = 0
    /// Items without a prediction.
    public internal(set) var missingPredictions: Int64 = 0
    /// The alignment counts summed over the items.
    public internal(set) var totals = EditCounts()
    /// The distinct outcomes, in the order first seen, and how many items had each.
    public internal(set) var outcomes: [Outcome] = []
    public internal(set) var outcomeCounts: [Int64] = []
    @usableFromInline internal var outcomeIndex: [Outcome: Int] = [:]

    public init() {}

    /// Counts `count` items with this outcome.
    public mutating func add(_ outcome: Outcome, count: Int64 = 1) {
        guard count > 0 else { return }
        items += count
        if outcome.isExactMatch { exactMatches += count }
        if outcome.missing { missingPredictions += count }
        totals += outcome.counts.scaled(by: Int(count))
        if let index = outcomeIndex[outcome] {
            outcomeCounts[index] += count
        } else {
            outcomeIndex[outcome] = outcomes.count
            outcomes.append(outcome)
            outcomeCounts.append(count)
        }
    }

    /// Counts one item from its alignment counts.
    public mutating func add(_ counts: EditCounts, missing: Bool = false) {
        add(Outcome(counts: counts, missing: missing))
    }

    /// Normalises and aligns one pair and counts it; `hypothesis` nil is a missing prediction.
    /// Allocates; for many pairs keep a `TextComparison` and use `add(reference:hypothesis:using:)`.
    public mutating func add(reference: String, hypothesis: String?, normalization: TextNormalization) {
        var comparison = TextComparison(normalization: normalization)
        add(reference: reference, hypothesis: hypothesis, using: &comparison)
    }

    /// Normalises and aligns one pair with `comparison`'s buffers and counts it.
    public mutating func add(reference: String, hypothesis: String?, using comparison: inout TextComparison) {
        add(comparison.counts(reference: reference, hypothesis: hypothesis), missing: hypothesis == nil)
    }

    public mutating func merge(_ other: TextState) {
        for (outcome, count) in zip(other.outcomes, other.outcomeCounts) { add(outcome, count: count) }
    }
}

/// Normalises and aligns reference/prediction pairs, keeping its buffers between pairs (one per
/// thread).
public struct TextComparison: Sendable {
    public let normalization: TextNormalization
    @usableFromInline internal var aligner = LevenshteinAligner()
    @usableFromInline internal var reference: [Unicode.Scalar] = []
    @usableFromInline internal var hypothesis: [Unicode.Scalar] = []

    public init(normalization: TextNormalization) {
        self.normalization = normalization
    }

    /// The alignment counts of the normalised texts; a nil hypothesis deletes every character.
    public mutating func counts(reference: String, hypothesis: String?) -> EditCounts {
        self.reference.removeAll(keepingCapacity: true)
        normalization.apply(reference, into: &self.reference)
        self.hypothesis.removeAll(keepingCapacity: true)
        if let hypothesis { normalization.apply(hypothesis, into: &self.hypothesis) }
        return aligner.counts(reference: self.reference, hypothesis: self.hypothesis)
    }

    /// The alignment counts of an already normalised reference with a raw (UTF-8) hypothesis;
    /// a nil hypothesis deletes every character.
    public mutating func counts(normalizedReference: UnsafeBufferPointer<Unicode.Scalar>,
                                hypothesisUTF8: UnsafeBufferPointer<UInt8>?) -> EditCounts {
        guard let hypothesisUTF8 else { return EditCounts(deletions: normalizedReference.count) }
        hypothesis.removeAll(keepingCapacity: true)
        normalization.apply(utf8: hypothesisUTF8, into: &hypothesis)
        return hypothesis.withUnsafeBufferPointer { aligner.counts(reference: normalizedReference, hypothesis: $0) }
    }

    /// Like `counts(normalizedReference:hypothesisUTF8:)`, but nil, with nothing aligned, when
    /// the normalised hypothesis has more than `TextComparison.maximumCharacters` characters
    /// (its length is then `hypothesisCharacters`).
    public mutating func boundedCounts(normalizedReference: UnsafeBufferPointer<Unicode.Scalar>,
                                       hypothesisUTF8: UnsafeBufferPointer<UInt8>?) -> EditCounts? {
        guard let hypothesisUTF8 else { return EditCounts(deletions: normalizedReference.count) }
        hypothesis.removeAll(keepingCapacity: true)
        normalization.apply(utf8: hypothesisUTF8, into: &hypothesis)
        if hypothesis.count > Self.maximumCharacters { return nil }
        return hypothesis.withUnsafeBufferPointer { aligner.counts(reference: normalizedReference, hypothesis: $0) }
    }

    /// Characters of the last normalised hypothesis.
    public var hypothesisCharacters: Int { hypothesis.count }

    /// The longest reference or hypothesis the `text` task aligns, in characters (Unicode
    /// scalars) after normalisation: 100,000. An alignment costs O(n·m/64) word operations, so
    /// the worst pair at the limit (two unrelated 100,000-character texts) takes seconds, not
    /// hours (docs/performance.md, "Text: edit distance of long pairs"). Longer texts are an
    /// input error.
    public static let maximumCharacters = 100_000
}
