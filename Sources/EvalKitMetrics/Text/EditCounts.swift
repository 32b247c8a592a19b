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

/// Levenshtein alignment counts that agree with jiwer's, with reusable buffers.
///
/// jiwer (4.0) counts hits, substitutions, deletions and insertions from
/// `rapidfuzz.distance.Levenshtein.opcodes(reference, hypothesis)`. The distance is the same for
/// every minimum-edit alignment, but how it splits into S, D and I (and so the hits) depends on
/// which of several equally short alignments is chosen. This type reproduces rapidfuzz's choice
/// (rapidfuzz-cpp `levenshtein_editops`, checked against rapidfuzz 3.14):
///
/// - the common prefix and suffix are removed first (they are hits);
/// - the alignment is the one rapidfuzz's backtrack (`recover_alignment`) takes through the
///   distance matrix from the end: at cell (i, j) a deletion when D[i][j] − D[i−1][j] = 1, else an
///   insertion when D[i][j−1] − D[i−1][j−1] = −1, else the diagonal (a hit or a substitution).
///   Each move depends on the cell alone, so the counts of the path from any cell are computed
///   forwards, row by row, with the distances: O(n·m) time and O(n) memory (two rows of distance,
///   substitution and deletion counts), no matrix and no backtrack;
/// - when rapidfuzz would split a large problem with Hirschberg's algorithm (after the affix is
///   removed, reference length ≥ 65, hypothesis length ≥ 10 and 2·band·m/8 ≥ 2²⁰ with band =
///   min(n, 2·bound + 1), the bound being the longer length at the top and the part's distance
///   below), the same split is made: the hypothesis is cut in half, the reference where the sum
///   of the forward and backward distance rows is smallest (the first such place), and each part
///   is aligned the same way.
///
/// Texts are compared as Unicode scalars (Python's characters).
public struct LevenshteinAligner: Sendable {
    /// Six rows of n + 1 values: distance, substitutions and deletions, previous and current.
    @usableFromInline internal var rows: [Int32] = []

    public init() {}

    /// The alignment counts of `reference` against `hypothesis`.
    public mutating func counts(reference: [Unicode.Scalar], hypothesis: [Unicode.Scalar]) -> EditCounts {
        reference.withUnsafeBufferPointer { r in
            hypothesis.withUnsafeBufferPointer { h in counts(reference: r, hypothesis: h) }
        }
    }

    /// The alignment counts of `reference` against `hypothesis`.
    public mutating func counts(reference: UnsafeBufferPointer<Unicode.Scalar>,
                                hypothesis: UnsafeBufferPointer<Unicode.Scalar>) -> EditCounts {
        precondition(reference.count < Int(Int32.max) && hypothesis.count < Int(Int32.max),
                     "LevenshteinAligner: text too long")
        let (distance, substitutions, deletions) = align(
            reference, hypothesis, bound: Swift.max(reference.count, hypothesis.count))
        return EditCounts(hits: reference.count - substitutions - deletions, substitutions: substitutions,
                          deletions: deletions, insertions: distance - substitutions - deletions)
    }

    /// One-off counts (allocates its buffers).
    public static func counts(_ reference: [Unicode.Scalar], _ hypothesis: [Unicode.Scalar]) -> EditCounts {
        var aligner = LevenshteinAligner()
        return aligner.counts(reference: reference, hypothesis: hypothesis)
    }

    /// rapidfuzz's `levenshtein_align_hirschberg`: (distance, substitutions, deletions).
    mutating func align(_ a: UnsafeBufferPointer<Unicode.Scalar>, _ b: UnsafeBufferPointer<Unicode.Scalar>,
                        bound: Int) -> (Int, Int, Int) {
        var lower = 0
        var upperA = a.count
        var upperB = b.count
        while lower < upperA && lower < upperB && a[lower] == b[lower] { lower += 1 }
        while upperA > lower && upperB > lower && a[upperA - 1] == b[upperB - 1] {
            upperA -= 1
            upperB -= 1
        }
        let s1 = UnsafeBufferPointer(rebasing: a[lower..<upperA])
        let s2 = UnsafeBufferPointer(rebasing: b[lower..<upperB])
        let n1 = s1.count
        let n2 = s2.count
        if n1 == 0 || n2 == 0 { return (n1 + n2, 0, n1) }
        let bound = Swift.min(bound, Swift.max(n1, n2))
        let band = Swift.min(n1, 2 * bound + 1)
        if 2 * band * n2 / 8 < 1 << 20 || n1 < 65 || n2 < 10 {
            return forward(s1, s2)
        }
        // Hirschberg: the reference split that minimises left + right distance, first on a tie.
        let leftSize = n2 / 2
        let rightSize = n2 - leftSize
        let left = distanceRow(s1, s2, rows: leftSize, reversed: false)
        let right = distanceRow(s1, s2, rows: rightSize, reversed: true)
        var mid = 0
        var best = Int32.max
        for m in 0...n1 where left[m] + right[n1 - m] < best {
            best = left[m] + right[n1 - m]
            mid = m
        }
        let leftScore = Int(left[mid])
        let rightScore = Int(right[n1 - mid])
        let first = align(UnsafeBufferPointer(rebasing: s1[0..<mid]), UnsafeBufferPointer(rebasing: s2[0..<leftSize]),
                          bound: leftScore)
        let second = align(UnsafeBufferPointer(rebasing: s1[mid...]), UnsafeBufferPointer(rebasing: s2[leftSize...]),
                           bound: rightScore)
        return (first.0 + second.0, first.1 + second.1, first.2 + second.2)
    }

    /// D[i][rows] for i in 0...n: the distances of every reference prefix to the hypothesis'
    /// first `rows` characters (or, `reversed`, of the reversed reference to the reversed
    /// hypothesis).
    func distanceRow(_ a: UnsafeBufferPointer<Unicode.Scalar>, _ b: UnsafeBufferPointer<Unicode.Scalar>,
                     rows: Int, reversed: Bool) -> [Int32] {
        let n1 = a.count
        var previous = (0...n1).map { Int32($0) }
        var current = [Int32](repeating: 0, count: n1 + 1)
        for j in stride(from: 1, through: rows, by: 1) {
            let bj = reversed ? b[b.count - j] : b[j - 1]
            current[0] = Int32(j)
            var diagonal = previous[0]
            var leftValue = current[0]
            for i in 1...n1 {
                let ai = reversed ? a[n1 - i] : a[i - 1]
                let up = previous[i]
                var d = diagonal &+ (ai == bj ? 0 : 1)
                if up &+ 1 < d { d = up &+ 1 }
                if leftValue &+ 1 < d { d = leftValue &+ 1 }
                current[i] = d
                leftValue = d
                diagonal = up
            }
            swap(&previous, &current)
        }
        return previous
    }

    /// The counts of rapidfuzz's backtrack (`recover_alignment`), computed forwards: for every
    /// cell the move the backtrack takes there, and the substitutions and deletions of the path
    /// from that cell to the origin. (distance, substitutions, deletions).
    mutating func forward(_ a: UnsafeBufferPointer<Unicode.Scalar>, _ b: UnsafeBufferPointer<Unicode.Scalar>) -> (Int, Int, Int) {
        let n1 = a.count
        let n2 = b.count
        let width = n1 + 1
        if rows.count < 6 * width { rows = [Int32](repeating: 0, count: 6 * width) }
        return rows.withUnsafeMutableBufferPointer { buffer in
            var pD = buffer.baseAddress!
            var pS = pD + width
            var pX = pS + width
            var cD = pX + width
            var cS = cD + width
            var cX = cS + width
            for i in 0...n1 {
                pD[i] = Int32(i)
                pS[i] = 0
                pX[i] = Int32(i)
            }
            for j in 1...n2 {
                let bj = b[j - 1]
                cD[0] = Int32(j)
                cS[0] = 0
                cX[0] = 0
                for i in 1...n1 {
                    let cost: Int32 = a[i - 1] == bj ? 0 : 1
                    let left = cD[i - 1]
                    let up = pD[i]
                    let upLeft = pD[i - 1]
                    var d = upLeft &+ cost
                    if up &+ 1 < d { d = up &+ 1 }
                    if left &+ 1 < d { d = left &+ 1 }
                    cD[i] = d
                    if d &- left == 1 {
                        // Deletion of a[i - 1]: from (i - 1, j).
                        cS[i] = cS[i - 1]
                        cX[i] = cX[i - 1] &+ 1
                    } else if up &- upLeft == -1 {
                        // Insertion of b[j - 1]: from (i, j - 1).
                        cS[i] = pS[i]
                        cX[i] = pX[i]
                    } else {
                        // Hit or substitution: from (i - 1, j - 1).
                        cS[i] = pS[i - 1] &+ cost
                        cX[i] = pX[i - 1]
                    }
                }
                swap(&pD, &cD)
                swap(&pS, &cS)
                swap(&pX, &cX)
            }
            return (Int(pD[n1]), Int(pS[n1]), Int(pX[n1]))
        }
    }
}
