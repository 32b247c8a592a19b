/// One row's outcome over all targets of a multilabel task: each target's truth (0/1) and
/// prediction (0, 1 or -1 = none) in 3 bits, packed into four 64-bit words (up to 84 targets).
/// Rows with the same pattern are interchangeable for every count metric, so counting rows per
/// pattern is what a joint (all targets at once) row bootstrap needs.
public struct OutcomePattern: Hashable, Comparable, Sendable {
    /// The most targets a pattern holds (21 per word).
    public static let maxTargets = 84
    @usableFromInline var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    public init() {}

    /// Sets target `j`'s truth `truth` ∈ {0, 1} and prediction `predicted` ∈ {-1, 0, 1}.
    @inlinable
    public mutating func set(_ j: Int, truth: Int32, predicted: Int32) {
        let code = UInt64(truth) | UInt64(predicted + 1) << 1
        let shift = UInt64((j % 21) * 3)
        switch j / 21 {
        case 0: words.0 |= code << shift
        case 1: words.1 |= code << shift
        case 2: words.2 |= code << shift
        default: words.3 |= code << shift
        }
    }

    /// Target `j`'s truth and prediction.
    @inlinable
    public func outcome(_ j: Int) -> (truth: Int32, predicted: Int32) {
        let word: UInt64
        switch j / 21 {
        case 0: word = words.0
        case 1: word = words.1
        case 2: word = words.2
        default: word = words.3
        }
        let code = (word >> UInt64((j % 21) * 3)) & 7
        return (Int32(code & 1), Int32(code >> 1) - 1)
    }

    public static func == (a: OutcomePattern, b: OutcomePattern) -> Bool { a.words == b.words }

    public static func < (a: OutcomePattern, b: OutcomePattern) -> Bool { a.words < b.words }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}
