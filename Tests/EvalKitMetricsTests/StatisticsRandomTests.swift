import Testing
@testable import EvalKitMetrics

/// `Xoshiro256StarStar` and `SplitMix64` against the Python transcription of the reference C
/// code (Tests/Fixtures/statistics/make_fixtures.py) and Vigna's published vectors.
@Suite struct StatisticsRandomTests {
    @Test func fixtureFileLoads() {
        #expect(StatisticsFixtures.randomCases.count >= 10)
        #expect(StatisticsFixtures.fitCases.count >= 10)
        #expect(StatisticsFixtures.list("wilson").count >= 100)
    }

    @Test(arguments: StatisticsFixtures.randomCases)
    func matchesReferenceStream(_ fixture: StatisticsFixtures.RandomCase) {
        var generator: Xoshiro256StarStar
        if let state = fixture.state {
            generator = Xoshiro256StarStar(state: (state[0], state[1], state[2], state[3]))
        } else if let stream = fixture.stream {
            generator = Xoshiro256StarStar(seed: fixture.seed!, stream: stream)
        } else {
            generator = Xoshiro256StarStar(seed: fixture.seed!)
        }
        generator = generator.jumped(times: fixture.jumps)
        for _ in 0..<fixture.longJumps { generator.longJump() }
        let draws = fixture.draws.map { _ in generator.next() }
        #expect(draws == fixture.draws)
    }

    /// splitmix64.c with seed 0: the first output is 0xE220A8397B1DCDAF.
    @Test func splitMixReferenceValue() {
        var splitMix = SplitMix64(state: 0)
        #expect(splitMix.next() == 0xE220_A839_7B1D_CDAF)
    }

    @Test func sameSeedSameDrawsOtherSeedOtherDraws() {
        var a = Xoshiro256StarStar(seed: 99)
        var b = Xoshiro256StarStar(seed: 99)
        var c = Xoshiro256StarStar(seed: 100)
        let first = (0..<100).map { _ in a.next() }
        #expect(first == (0..<100).map { _ in b.next() })
        #expect(first != (0..<100).map { _ in c.next() })
    }

    @Test func streamsDifferFromEachOtherAndFromTheSeed() {
        let options = IntervalOptions(seed: 5)
        var seen = Set<UInt64>()
        var plain = Xoshiro256StarStar(seed: 5)
        seen.insert(plain.next())
        for r in 0..<1000 {
            var g = options.generator(replicate: r)
            seen.insert(g.next())
        }
        #expect(seen.count == 1001)
        #expect(options.generator(replicate: 17) == Xoshiro256StarStar(seed: 5, stream: 17))
    }

    @Test func uniformsAreInRangeAndOpenUniformNeverHitsTheEnds() {
        var g = Xoshiro256StarStar(state: (0, 0, 0, 1))
        var total = 0.0
        for _ in 0..<10_000 {
            let u = Sampling.uniform(using: &g)
            let v = Sampling.openUniform(using: &g)
            #expect(u >= 0 && u < 1)
            #expect(v > 0 && v < 1)
            total += u
        }
        #expect(abs(total / 10_000 - 0.5) < 0.02)
        var zero = ZeroBits()
        #expect(Sampling.uniform(using: &zero) == 0)
        #expect(Sampling.openUniform(using: &zero) == 0x1p-53)
        var ones = OneBits()
        #expect(Sampling.uniform(using: &ones) == 1 - 0x1p-53)
        #expect(Sampling.openUniform(using: &ones) == 1 - 0x1p-53)
    }

    struct ZeroBits: RandomNumberGenerator {
        mutating func next() -> UInt64 { 0 }
    }

    struct OneBits: RandomNumberGenerator {
        mutating func next() -> UInt64 { .max }
    }
}
