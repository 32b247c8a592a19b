/// Levenshtein alignment counts that agree with jiwer's, computed bit-parallel, with reusable
/// buffers.
///
/// jiwer (4.0) counts hits, substitutions, deletions and insertions from
/// `rapidfuzz.distance.Levenshtein.opcodes(reference, hypothesis)`. The distance is the same for
/// every minimum-edit alignment, but how it splits into S, D and I (and so the hits) depends on
/// which of several equally short alignments is chosen. This type reproduces rapidfuzz's choice
/// (rapidfuzz-cpp `levenshtein_editops`, checked against rapidfuzz 3.14):
///
/// - the common prefix and suffix are removed first (they are hits);
/// - the distance matrix is computed column by column (one column per hypothesis character) with
///   Hyyrö's (2003) bit-parallel form of Myers' (1999) algorithm: the vertical differences
///   D[i][j] − D[i−1][j] of a column are two bit vectors VP (+1) and VN (−1) of ⌈n/64⌉ words, so
///   a pair costs O(n·m/64) word operations;
/// - the alignment is the one rapidfuzz's backtrack (`recover_alignment`) takes through the
///   recorded VP/VN bits from the end: at cell (i, j) a deletion when D[i][j] − D[i−1][j] = 1
///   (VP), else an insertion when D[i][j−1] − D[i−1][j−1] = −1 (VN of the previous column), else
///   the diagonal (a hit or a substitution). Only the bits within `bound + 1` of the diagonal are
///   kept, since a path of distance ≤ bound never leaves |i − j| ≤ bound;
/// - when rapidfuzz would split a large problem with Hirschberg's algorithm (after the affix is
///   removed, reference length ≥ 65, hypothesis length ≥ 10 and 2·band·m/8 ≥ 2²⁰ with band =
///   min(n, 2·bound + 1), the bound being the longer length at the top and the part's distance
///   below), the same split is made: the hypothesis is cut in half, the reference where the sum
///   of the forward and backward distance rows is smallest (the first such place, the start
///   included), and each part is aligned the same way. The recorded bits of a part are then at
///   most about 2 MB.
///
/// Texts are compared as Unicode scalars (Python's characters).
public struct LevenshteinAligner: Sendable {
    /// The pattern-match words of the current reference.
    var pattern = PatternMatchBits()
    /// VP (words 0..<w) and VN (w..<2w) of the last column computed.
    var vertical: [UInt64] = []
    /// The current character's pattern-match words, zero elsewhere (kept all zero between columns).
    var matchRow: [UInt64] = []
    /// The recorded band of VP (first half) and VN (second half) words, `stride` words a column.
    var matrix: [UInt64] = []

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
            return alignPart(s1, s2, bound: bound)
        }
        // Hirschberg: the reference split that minimises left + right distance, first on a tie.
        let leftSize = n2 / 2
        let left = distanceRow(s1, UnsafeBufferPointer(rebasing: s2[0..<leftSize]))
        let reversedA = Array(s1.reversed())
        let reversedB = Array(s2[leftSize...].reversed())
        let right = reversedA.withUnsafeBufferPointer { ra in
            reversedB.withUnsafeBufferPointer { rb in distanceRow(ra, rb) }
        }
        var mid = 0
        var best = Int.max
        for m in 0...n1 where left[m] + right[n1 - m] < best {
            best = left[m] + right[n1 - m]
            mid = m
        }
        let first = align(UnsafeBufferPointer(rebasing: s1[0..<mid]), UnsafeBufferPointer(rebasing: s2[0..<leftSize]),
                          bound: left[mid])
        let second = align(UnsafeBufferPointer(rebasing: s1[mid...]), UnsafeBufferPointer(rebasing: s2[leftSize...]),
                           bound: right[n1 - mid])
        return (first.0 + second.0, first.1 + second.1, first.2 + second.2)
    }

    /// D[i][|b|] for i in 0...|a|: the distances of every prefix of `a` to `b`.
    mutating func distanceRow(_ a: UnsafeBufferPointer<Unicode.Scalar>, _ b: UnsafeBufferPointer<Unicode.Scalar>) -> [Int] {
        _ = sweep(a, b, recordBound: nil)
        let words = pattern.words
        var row = [Int](repeating: 0, count: a.count + 1)
        row[0] = b.count
        for i in 0..<a.count {
            let bit = UInt64(1) << UInt64(i & 63)
            let up = vertical[i >> 6] & bit != 0 ? 1 : 0
            let down = vertical[words + (i >> 6)] & bit != 0 ? 1 : 0
            row[i + 1] = row[i] + up - down
        }
        return row
    }

    /// Words of a recorded column: enough for the cells within `bound + 1` of the diagonal.
    @inline(__always)
    static func bandStride(bound: Int, words: Int) -> Int { Swift.min(words, (2 * bound + 65) / 64 + 1) }

    /// The first recorded word of column `column` (0-based hypothesis index).
    @inline(__always)
    static func bandStart(column: Int, bound: Int, stride: Int, words: Int) -> Int {
        let low = column - bound - 1
        return Swift.min(low <= 0 ? 0 : low >> 6, words - stride)
    }

    /// Aligns a part without splitting it: records the VP/VN band, then backtracks it as
    /// rapidfuzz's `recover_alignment` does. (distance, substitutions, deletions).
    mutating func alignPart(_ s1: UnsafeBufferPointer<Unicode.Scalar>, _ s2: UnsafeBufferPointer<Unicode.Scalar>,
                            bound: Int) -> (Int, Int, Int) {
        let distance = sweep(s1, s2, recordBound: bound)
        let words = pattern.words
        let stride = Self.bandStride(bound: bound, words: words)
        let n2 = s2.count
        var substitutions = 0
        var deletions = 0
        var insertions = 0
        matrix.withUnsafeBufferPointer { recorded in
            /// Bit `i` of VP (or VN) in column `j`.
            func bit(_ j: Int, _ i: Int, negative: Bool) -> Bool {
                let w = (i >> 6) - Self.bandStart(column: j, bound: bound, stride: stride, words: words)
                assert(w >= 0 && w < stride, "LevenshteinAligner: the backtrack left the recorded band")
                guard w >= 0 && w < stride else { return false }
                return recorded[(negative ? n2 * stride : 0) + j * stride + w] >> UInt64(i & 63) & 1 != 0
            }
            var column = s1.count
            var row = n2
            while row > 0 && column > 0 {
                if bit(row - 1, column - 1, negative: false) {
                    deletions += 1
                    column -= 1
                } else {
                    row -= 1
                    if row > 0 && bit(row - 1, column - 1, negative: true) {
                        insertions += 1
                    } else {
                        column -= 1
                        if s1[column] != s2[row] { substitutions += 1 }
                    }
                }
            }
            deletions += column
            insertions += row
        }
        assert(substitutions + deletions + insertions == distance)
        return (distance, substitutions, deletions)
    }

    /// Hyyrö's bit-parallel Levenshtein algorithm of pattern `a` over every character of `b`
    /// (rapidfuzz-cpp `levenshtein_hyrroe2003_block` without the band). Returns D[|a|][|b|] and
    /// leaves the last column's VP/VN in `vertical`; with `recordBound`, keeps the band of every
    /// column that a backtrack of distance ≤ bound can read in `matrix`.
    mutating func sweep(_ a: UnsafeBufferPointer<Unicode.Scalar>, _ b: UnsafeBufferPointer<Unicode.Scalar>,
                        recordBound: Int?) -> Int {
        pattern.build(a)
        let words = pattern.words
        let n2 = b.count
        if vertical.count < 2 * words { vertical = [UInt64](repeating: 0, count: 2 * words) }
        if matchRow.count < words { matchRow = [UInt64](repeating: 0, count: words) }
        var stride = 0
        var bound = 0
        if let recordBound {
            bound = recordBound
            stride = Self.bandStride(bound: bound, words: words)
            if matrix.count < 2 * n2 * stride { matrix = [UInt64](repeating: 0, count: 2 * n2 * stride) }
        }
        let lastBit = UInt64(1) << UInt64((a.count - 1) & 63)
        var distance = a.count
        // Moved out of `self` so that the buffers can be written together.
        var vertical = self.vertical
        var matchRow = self.matchRow
        var matrix = self.matrix
        self.vertical = []
        self.matchRow = []
        self.matrix = []
        let pattern = self.pattern
        vertical.withUnsafeMutableBufferPointer { v in
            matchRow.withUnsafeMutableBufferPointer { m in
                matrix.withUnsafeMutableBufferPointer { recorded in
                    let vp = v.baseAddress!
                    let vn = vp + words
                    let pm = m.baseAddress!
                    for w in 0..<words {
                        vp[w] = ~0
                        vn[w] = 0
                    }
                    for j in 0..<n2 {
                        let id = pattern.id(of: b[j])
                        pattern.load(id, into: pm)
                        var hpCarry: UInt64 = 1
                        var hnCarry: UInt64 = 0
                        var lastHP: UInt64 = 0
                        var lastHN: UInt64 = 0
                        for w in 0..<words {
                            let x = pm[w] | hnCarry
                            let p = vp[w]
                            let n = vn[w]
                            let d0 = (((x & p) &+ p) ^ p) | x | n
                            var hp = n | ~(d0 | p)
                            var hn = d0 & p
                            lastHP = hp
                            lastHN = hn
                            let nextHP = hp >> 63
                            let nextHN = hn >> 63
                            hp = (hp << 1) | hpCarry
                            hn = (hn << 1) | hnCarry
                            vp[w] = hn | ~(d0 | hp)
                            vn[w] = hp & d0
                            hpCarry = nextHP
                            hnCarry = nextHN
                        }
                        distance += (lastHP & lastBit != 0 ? 1 : 0) - (lastHN & lastBit != 0 ? 1 : 0)
                        pattern.unload(id, from: pm)
                        if stride > 0 {
                            let start = Self.bandStart(column: j, bound: bound, stride: stride, words: words)
                            let out = recorded.baseAddress! + j * stride
                            for k in 0..<stride {
                                out[k] = vp[start + k]
                                out[n2 * stride + k] = vn[start + k]
                            }
                        }
                    }
                }
            }
        }
        self.vertical = vertical
        self.matchRow = matchRow
        self.matrix = matrix
        return distance
    }
}
