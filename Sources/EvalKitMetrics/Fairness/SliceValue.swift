/// One slice's value of one metric, the input of every disparity measure.
///
/// A slice is a combination of attribute values (`{race: "Black"}`, `{sex: "Female", race:
/// "Black"}`); `key` lists its (attribute, value) pairs in the order of the disparity's `by`.
/// The measures are task-independent: `value` may be any per-slice metric (an FPR, a detection
/// AP, a word error rate).
public struct SliceValue: Sendable {
    /// The slice's (attribute, value) pairs, ordered as `by`.
    public var key: [(attribute: String, value: String)]
    /// Rows (or evaluated units) in the slice.
    public var count: Int
    /// The metric on the slice; NaN when undefined there.
    public var value: Double
    /// Whether the slice is below `min_slice_size` (then left out of every comparison).
    public var suppressed: Bool
    /// Why `value` is NaN, carried into `LeftOutSlice` (e.g. "0/0: no true sample of '1'").
    public var undefinedReason: String?

    public init(
        key: [(attribute: String, value: String)], count: Int, value: Double, suppressed: Bool = false,
        undefinedReason: String? = nil
    ) {
        self.key = key
        self.count = count
        self.value = value
        self.suppressed = suppressed
        self.undefinedReason = undefinedReason
    }
}

/// A slice that a comparison left out, and why.
public struct LeftOutSlice: Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// The slice is below `min_slice_size`.
        case suppressed
        /// The metric is undefined (NaN) on the slice; the text says why.
        case undefined(String)
    }

    public var key: [(attribute: String, value: String)]
    public var count: Int
    public var reason: Reason

    public init(key: [(attribute: String, value: String)], count: Int, reason: Reason) {
        self.key = key
        self.count = count
        self.reason = reason
    }

    /// Plain language, e.g. `race=Other: suppressed (3 rows)`.
    public var description: String {
        let name = SliceKeys.describe(key)
        switch reason {
        case .suppressed: return "\(name): suppressed (\(count) rows)"
        case .undefined(let why): return "\(name): undefined (\(why))"
        }
    }

    public static func == (a: LeftOutSlice, b: LeftOutSlice) -> Bool {
        SliceKeys.equal(a.key, b.key) && a.count == b.count && a.reason == b.reason
    }
}

/// Helpers for slice keys (arrays of (attribute, value) pairs, which cannot conform to protocols).
public enum SliceKeys {
    /// Whether two keys hold the same pairs in the same order.
    public static func equal(
        _ a: [(attribute: String, value: String)]?, _ b: [(attribute: String, value: String)]?
    ) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a.count == b.count && zip(a, b).allSatisfy { $0.attribute == $1.attribute && $0.value == $1.value }
    }

    /// `sex=Female, race=Black`; `(all)` for the empty key.
    public static func describe(_ key: [(attribute: String, value: String)]) -> String {
        key.isEmpty ? "(all)" : key.map { "\($0.attribute)=\($0.value)" }.joined(separator: ", ")
    }

    /// Splits `slices` into the compared ones (not suppressed, value defined) and the left-out ones,
    /// both in input order.
    static func partition(_ slices: [SliceValue]) -> (compared: [SliceValue], leftOut: [LeftOutSlice]) {
        var compared: [SliceValue] = []
        var leftOut: [LeftOutSlice] = []
        for slice in slices {
            if slice.suppressed {
                leftOut.append(LeftOutSlice(key: slice.key, count: slice.count, reason: .suppressed))
            } else if slice.value.isNaN {
                let why = slice.undefinedReason ?? "the metric is undefined on this slice"
                leftOut.append(LeftOutSlice(key: slice.key, count: slice.count, reason: .undefined(why)))
            } else {
                compared.append(slice)
            }
        }
        return (compared, leftOut)
    }
}
