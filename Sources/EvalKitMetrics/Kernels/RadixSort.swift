/// Least-significant-digit radix sort of `UInt64` keys (11-bit digits, 6 passes at most).
///
/// One read computes all six digit histograms; a pass whose digit is the same for every key is
/// skipped (common for the high bits of scores in a narrow range). Each remaining pass is a
/// stable scatter into a scratch buffer of the same size, so the sort is stable and needs `n`
/// extra keys of memory. Used to sort float scores (through `OrderedKey`) for threshold sweeps
/// (docs/design.md §2, "Kernels at the leaves").
///
/// - Complexity: O(n) time (at most 7 sequential reads and 6 scatters of the keys), O(n) memory.
public enum RadixSort {
    /// Digit width in bits; 2,048 buckets keep each scatter's write heads in the L1/L2 caches.
    @usableFromInline static let digitBits = 11
    @usableFromInline static let radix = 1 << digitBits
    @usableFromInline static let passCount = 6
    /// Below this size a comparison sort is cheaper than clearing the histograms.
    @usableFromInline static let smallCount = 256

    /// Sorts `keys` ascending.
    /// Turns a pass's digit counts into each digit's first slot (an exclusive prefix sum), in place.
    @inline(__always)
    static func startOffsets(_ counts: UnsafeMutablePointer<Int>, radix: Int) {
        var offset = 0
        for digit in 0..<radix {
            let count = counts[digit]
            counts[digit] = offset
            offset &+= count
        }
    }

    public static func sort(_ keys: inout [UInt64]) {
        let n = keys.count
        if n < smallCount {
            keys.sort()
            return
        }
        var scratch = [UInt64](unsafeUninitializedCapacity: n) { _, initialized in
            initialized = n
        }
        let resultInScratch = keys.withUnsafeMutableBufferPointer { a in
            scratch.withUnsafeMutableBufferPointer { b in
                sort(a, scratch: b)
            }
        }
        if resultInScratch { swap(&keys, &scratch) }
    }

    /// Sorts the doubles ascending through their order-preserving keys (`-0.0` becomes `+0.0`;
    /// no NaN allowed).
    public static func sort(_ values: inout [Double]) {
        var keys = values.map(OrderedKey.encode)
        sort(&keys)
        for i in keys.indices { values[i] = OrderedKey.decode(keys[i]) }
    }

    /// Sorts `keys` using `scratch` (same count) as the second buffer. Returns true when the
    /// sorted result ended up in `scratch`, false when it is in `keys`.
    public static func sort(
        _ keys: UnsafeMutableBufferPointer<UInt64>, scratch: UnsafeMutableBufferPointer<UInt64>
    ) -> Bool {
        let n = keys.count
        precondition(scratch.count >= n, "RadixSort: scratch buffer too small")
        if n < smallCount {
            var small = keys
            small.sort()
            return false
        }
        let mask = UInt64(radix - 1)
        let histograms = UnsafeMutablePointer<Int>.allocate(capacity: passCount * radix)
        defer { histograms.deallocate() }
        histograms.initialize(repeating: 0, count: passCount * radix)

        var p = keys.baseAddress!
        for _ in 0..<n {
            let key = p.pointee
            for pass in 0..<passCount {
                histograms[pass &* radix &+ Int(truncatingIfNeeded: (key >> UInt64(pass &* digitBits)) & mask)] &+= 1
            }
            p += 1
        }

        var source = keys.baseAddress!
        var target = scratch.baseAddress!
        var inScratch = false
        for pass in 0..<passCount {
            let shift = UInt64(pass * digitBits)
            let counts = histograms + pass * radix
            if counts[Int(truncatingIfNeeded: (source.pointee >> shift) & mask)] == n { continue }
            startOffsets(counts, radix: radix)
            for i in 0..<n {
                let key = source[i]
                let digit = Int(truncatingIfNeeded: (key >> shift) & mask)
                target[counts[digit]] = key
                counts[digit] &+= 1
            }
            swap(&source, &target)
            inScratch.toggle()
        }
        return inScratch
    }
}
