import Testing
@testable import EvalKitMetrics

/// Radix sort and the order-preserving key against Swift's comparison sort.
@Suite struct RadixSortTests {
    static let sizes = [0, 1, 2, 3, 255, 256, 257, 1000, 4099, 70_000]

    /// Doubles with duplicates, both zeros, negatives, infinities and subnormals.
    static func awkwardDoubles(_ count: Int, seed: UInt64) -> [Double] {
        var g = SeededGenerator(seed: seed)
        let specials: [Double] = [
            0.0, -0.0, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
            .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1, -1, 0.5, .ulpOfOne,
        ]
        return (0..<count).map { _ in
            switch Int.random(in: 0..<5, using: &g) {
            case 0: return specials.randomElement(using: &g)!
            case 1: return (Double.random(in: -1...1, using: &g) * 100).rounded() / 100  // many ties
            case 2:
                let any = Double(bitPattern: g.next())  // any sign and exponent, subnormals too
                return any.isNaN ? 3.25 : any
            case 3: return Double.random(in: -1e300...1e300, using: &g)
            default: return Double.random(in: 0...1, using: &g)
            }
        }
    }

    /// Keys with a row payload: the keys sorted, each payload still with its key, equal keys in
    /// their original order (stable), as a stable comparison sort orders them.
    @Test(arguments: sizes)
    func sortsKeysWithTheirPayloadStably(_ count: Int) {
        let doubles = Self.awkwardDoubles(count, seed: UInt64(count) + 7)
        var keys = doubles.map(OrderedKey.encode)
        var rows = (0..<count).map { Int32($0) }
        let expected = keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
        RadixSort.sort(&keys, payload: &rows)
        #expect(rows == expected.map { Int32($0) })
        #expect(keys == expected.map { OrderedKey.encode(doubles[$0]) })
    }

    @Test(arguments: sizes)
    func sortsUInt64LikeSwiftSort(_ count: Int) {
        var g = SeededGenerator(seed: UInt64(count) + 1)
        for mask: UInt64 in [.max, 0xFFFF, 0xFFF0_0000_0000_0000, 0x0000_00FF_FF00_0000] {
            var keys = (0..<count).map { _ in g.next() & mask }
            let expected = keys.sorted()
            RadixSort.sort(&keys)
            #expect(keys == expected, "mask \(mask)")
        }
    }

    @Test(arguments: sizes)
    func sortsDoublesLikeSwiftSort(_ count: Int) {
        var values = Self.awkwardDoubles(count, seed: UInt64(count) + 17)
        let expected = values.sorted()
        RadixSort.sort(&values)
        #expect(values.count == expected.count)
        #expect(zip(values, expected).allSatisfy { $0 == $1 })  // -0.0 == 0.0
        #expect(!values.contains { $0 == 0 && $0.sign == .minus }, "-0.0 is canonicalised")
    }

    @Test func sortIsStableUnderAlreadySortedAndReversedInput() {
        var ascending = (0..<5000).map { UInt64($0) * 0x1_0000_0001 }
        let expected = ascending
        RadixSort.sort(&ascending)
        #expect(ascending == expected)
        var descending = Array(expected.reversed())
        RadixSort.sort(&descending)
        #expect(descending == expected)
    }

    @Test func orderedKeyPreservesOrderAndRoundTrips() {
        let values = Self.awkwardDoubles(5000, seed: 5).sorted()
        for (a, b) in zip(values, values.dropFirst()) {
            let ka = OrderedKey.encode(a)
            let kb = OrderedKey.encode(b)
            #expect(a < b ? ka < kb : ka == kb, "\(a) \(b)")
        }
        for v in values {
            let back = OrderedKey.decode(OrderedKey.encode(v))
            #expect(back == v && (v != 0 || back.sign == .plus))
        }
        #expect(OrderedKey.encode(-0.0) == OrderedKey.encode(0.0))
    }
}
