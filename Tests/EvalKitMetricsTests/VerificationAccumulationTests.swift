import Testing
@testable import EvalKitMetrics

/// `repeatedlySubtracted` equals the plain loop `x -= d` bit for bit (bob.measure's FAR
/// accumulation), for d = 1/N with N of many shapes (primes, powers of two, 3·2ᵏ where rounding
/// ties occur), every step count up to and past N, and random starts.
@Suite struct VerificationAccumulationTests {
    static func plain(_ start: Double, _ d: Double, _ times: Int64) -> Double {
        var x = start
        for _ in 0..<times { x -= d }
        return x
    }

    @Test(arguments: [3, 7, 10, 64, 1000, 12_345, 65_536, 3 << 20, 1_000_003, 200_000, 5_000_000] as [Int64])
    func fromOne(_ n: Int64) {
        let d = 1.0 / Double(n)
        var checkpoints: [Int64] = [0, 1, 2, 3, 5, 17, n / 3, n / 2, n - n / 100, n - 2, n - 1, n, n + 1, n + 7]
        checkpoints = checkpoints.filter { $0 >= 0 }.sorted()
        var x = 1.0, done: Int64 = 0
        for c in checkpoints where c >= done {
            x = Self.plain(x, d, c - done)
            done = c
            #expect(repeatedlySubtracted(1.0, d, times: c) == x, "N \(n), \(c) steps")
        }
    }

    @Test func randomStartsAndSteps() {
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<300 {
            let start = Double.random(in: 1e-3...4, using: &generator)
            let d = Double.random(in: 1e-9...1e-3, using: &generator)
            let times = Int64.random(in: 0...min(200_000, Int64(start / d) + 50), using: &generator)
            #expect(repeatedlySubtracted(start, d, times: times) == Self.plain(start, d, times), "\(start) - \(times) × \(d)")
        }
    }

    /// d exactly half a grid step of some binade (round-half-even ties): N = 3·2ᵏ and 2ᵏ.
    @Test func roundingTies() {
        for k in [50, 52, 53, 54, 55] {
            for base in [1.0, 3.0, 5.0] {
                let d = 1.0 / (base * Double(Int64(1) << k))
                for start in [1.0, 0.75, 0.5 + 0x1p-52, 0.625 + 0x1p-50] {
                    #expect(repeatedlySubtracted(start, d, times: 100_000) == Self.plain(start, d, 100_000), "k \(k), base \(base), start \(start)")
                }
            }
        }
    }
}
