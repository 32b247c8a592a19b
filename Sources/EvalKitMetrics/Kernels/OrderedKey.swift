/// Maps `Double` scores to `UInt64` keys whose unsigned integer order is the numeric order.
///
/// Definition: positive values (sign bit clear) get their sign bit set; negative values have all
/// bits inverted. Then `a < b` ⇔ `encode(a) < encode(b)` for all non-NaN doubles, and
/// `-0.0` is first canonicalised to `+0.0` (`x + 0.0`), so the two zeros share one key, as they
/// compare equal and scikit-learn treats them as one threshold.
///
/// NaN has no place in the order; callers reject NaN scores before encoding (the engine does).
/// - Complexity: O(1), branch-free.
public enum OrderedKey {
    /// The order-preserving key of `value` (`-0.0` and `+0.0` share a key).
    @inlinable @inline(__always)
    public static func encode(_ value: Double) -> UInt64 {
        let bits = (value + 0.0).bitPattern
        // mask is all ones for negative values, only the sign bit for the others.
        let mask = UInt64(bitPattern: Int64(bitPattern: bits) >> 63) | (1 << 63)
        return bits ^ mask
    }

    /// The inverse of `encode` (returns `+0.0` for the zero key).
    @inlinable @inline(__always)
    public static func decode(_ key: UInt64) -> Double {
        let mask: UInt64 = (key >> 63) == 1 ? (1 << 63) : ~0
        return Double(bitPattern: key ^ mask)
    }
}
