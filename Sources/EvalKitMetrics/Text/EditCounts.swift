/// The operations of a minimum-edit (Levenshtein) alignment of a reference with a hypothesis,
/// counted as jiwer counts them: `hits` (reference characters read correctly), `substitutions`,
/// `deletions` (reference characters missing from the hypothesis) and `insertions` (hypothesis
/// characters that are not in the reference). H + S + D is the reference length, H + S + I the
/// hypothesis length, S + D + I the edit distance.
public struct EditCounts: Sendable, Hashable {
    public var hits: Int
    public var substitutions: Int
    public var deletions: Int
    public var insertions: Int

    public init(hits: Int = 0, substitutions: Int = 0, deletions: Int = 0, insertions: Int = 0) {
        self.hits = hits
        self.substitutions = substitutions
        self.deletions = deletions
        self.insertions = insertions
    }

    /// S + D + I: the Levenshtein distance (the numerator of the CER).
    @inlinable public var errors: Int { substitutions + deletions + insertions }
    /// H + S + D: characters of the reference (the denominator of the CER).
    @inlinable public var referenceLength: Int { hits + substitutions + deletions }
    /// H + S + I: characters of the hypothesis.
    @inlinable public var hypothesisLength: Int { hits + substitutions + insertions }

    @inlinable
    public static func + (a: EditCounts, b: EditCounts) -> EditCounts {
        EditCounts(hits: a.hits + b.hits, substitutions: a.substitutions + b.substitutions,
                   deletions: a.deletions + b.deletions, insertions: a.insertions + b.insertions)
    }

    @inlinable
    public static func += (a: inout EditCounts, b: EditCounts) { a = a + b }

    /// `self` counted `n` times.
    @inlinable
    public func scaled(by n: Int) -> EditCounts {
        EditCounts(hits: hits * n, substitutions: substitutions * n, deletions: deletions * n, insertions: insertions * n)
    }
}
