/// xoshiro256**: the seedable, reproducible generator behind every bootstrap interval.
///
/// Definition: Blackman & Vigna, "Scrambled linear pseudorandom number generators" (ACM TOMS
/// 47(4), 2021), reference C code `xoshiro256starstar.c` (2018): 256 bits of state, period
/// 2²⁵⁶ − 1, output `rotl(s1 · 5, 7) · 9`. The state is filled from a 64-bit seed by four
/// outputs of SplitMix64 (Steele, Lea & Flood, OOPSLA 2014), as the authors recommend. Only
/// integer arithmetic on `UInt64` is used, so the same seed gives the same numbers on every
/// platform and build. `Tests/Fixtures/statistics/make_fixtures.py` re-implements both
/// generators in Python and the tests compare the streams.
///
/// Independent streams, two ways:
/// - `init(seed:stream:)` (what the engine uses, one stream per replicate): the SplitMix64
///   state is `mix(seed) ^ mix(stream &+ streamSalt)` with SplitMix64's bijective finaliser
///   `mix`, so the draws of replicate r do not depend on how replicates are split across threads.
///   Distinct streams of one seed start from distinct states, scattered over the 2²⁵⁶ cycle:
///   an overlap of two streams that each draw ≤ 2³² numbers has probability ≈ 2⁻¹⁸⁰.
/// - `jump()` / `longJump()`: the reference jump polynomials, advancing by 2¹²⁸ / 2¹⁹² draws, for
///   streams that provably never overlap (`jumped(times:)` costs O(times)).
///
/// - Complexity: `next()` O(1), a few cycles; `init` O(1); `jump()` 256 steps.
@frozen
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Equatable {
    @usableFromInline internal var s0: UInt64
    @usableFromInline internal var s1: UInt64
    @usableFromInline internal var s2: UInt64
    @usableFromInline internal var s3: UInt64

    /// Added to a stream index before hashing, so stream 0 is not seeded like `init(seed: 0)`.
    @usableFromInline internal static let streamSalt: UInt64 = 0xD1B5_4A32_D192_ED03

    /// The generator whose state is four SplitMix64 outputs starting from `seed`.
    @inlinable
    public init(seed: UInt64) {
        var splitMix = SplitMix64(state: seed)
        s0 = splitMix.next()
        s1 = splitMix.next()
        s2 = splitMix.next()
        s3 = splitMix.next()
    }

    /// Stream `stream` of `seed`: seeded from `SplitMix64.mix(seed) ^ SplitMix64.mix(stream &+ salt)`.
    @inlinable
    public init(seed: UInt64, stream: UInt64) {
        self.init(seed: SplitMix64.mix(seed) ^ SplitMix64.mix(stream &+ Self.streamSalt))
    }

    /// A generator with the given state words; they must not all be zero.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(
            state.0 | state.1 | state.2 | state.3 != 0, "Xoshiro256StarStar: the all-zero state is not allowed")
        (s0, s1, s2, s3) = state
    }

    /// The four state words.
    public var state: (UInt64, UInt64, UInt64, UInt64) { (s0, s1, s2, s3) }

    @inlinable @inline(__always)
    internal static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

    /// The next 64 random bits.
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = Self.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotl(s3, 45)
        return result
    }

    /// Advances the state by 2¹²⁸ draws (the reference `jump`): 2¹²⁸ non-overlapping
    /// subsequences of length 2¹²⁸.
    public mutating func jump() {
        apply([0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C, 0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C])
    }

    /// Advances the state by 2¹⁹² draws (the reference `long_jump`).
    public mutating func longJump() {
        apply([0x76E1_5D3E_FEFD_CBBF, 0xC500_4E44_1C52_2FB3, 0x7771_0069_854E_E241, 0x3910_9BB0_2ACB_E635])
    }

    /// A copy advanced by `times` jumps of 2¹²⁸ draws.
    public func jumped(times: Int) -> Xoshiro256StarStar {
        precondition(times >= 0, "Xoshiro256StarStar: negative jump count")
        var copy = self
        for _ in 0..<times { copy.jump() }
        return copy
    }

    private mutating func apply(_ polynomial: [UInt64]) {
        var t0: UInt64 = 0
        var t1: UInt64 = 0
        var t2: UInt64 = 0
        var t3: UInt64 = 0
        for word in polynomial {
            for bit in 0..<64 {
                if word & (1 << UInt64(bit)) != 0 {
                    t0 ^= s0
                    t1 ^= s1
                    t2 ^= s2
                    t3 ^= s3
                }
                _ = next()
            }
        }
        (s0, s1, s2, s3) = (t0, t1, t2, t3)
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014; Vigna's `splitmix64.c`): seeds `Xoshiro256StarStar`.
/// Its finaliser `mix` is a bijection of `UInt64`.
@frozen
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    @inlinable
    public init(state: UInt64) { self.state = state }

    /// The next output: `mix(state += 0x9E3779B97F4A7C15)`.
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// SplitMix64's output function (a variant of MurmurHash3's 64-bit finaliser).
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
