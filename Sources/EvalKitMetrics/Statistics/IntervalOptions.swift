import Foundation

/// How a run computes confidence intervals: the scheme's `"intervals"` object
/// (`{"method": "bootstrap", "level": 0.95, "replicates": 1000, "seed": 1}`).
///
/// The engine draws replicate r with `generator(replicate: r)`, so every replicate's draws
/// depend only on the seed and r, never on how the replicates are split across threads: the same
/// scheme and seed give bit-identical intervals on any machine and with any number of cores.
public struct IntervalOptions: Sendable, Equatable {
    public enum Method: String, Sendable, CaseIterable {
        /// Percentile bootstrap: multinomial replicates of the counts for count metrics, Poisson
        /// replicates of the score runs for rank metrics.
        case bootstrap
        /// Wilson's score interval for the metrics that are a proportion of counts
        /// (the task's `MetricCatalog`: `MetricInfo.wilsonCounts`); the other metrics fall back to the bootstrap.
        case wilson
    }

    public static let defaultLevel = 0.95
    public static let defaultReplicates = 1000
    public static let defaultSeed: UInt64 = 1
    /// The most replicates a scheme may ask for (a guard against typing 1e9).
    public static let maxReplicates = 1_000_000

    public var method: Method
    /// Confidence level, in (0, 1).
    public var level: Double
    /// Bootstrap replicates drawn (the Wilson interval needs none).
    public var replicates: Int
    public var seed: UInt64

    /// The significance level 1 − `level`, rounded to 12 significant digits so that 0.95 gives
    /// 0.05 (not 0.050000000000000044) in tests and messages.
    public var alpha: Double {
        let raw = 1 - level
        guard raw > 0 else { return raw }
        let scale = pow(10, 11 - floor(log10(raw)))
        return (raw * scale).rounded() / scale
    }

    public init(
        method: Method = .bootstrap, level: Double = IntervalOptions.defaultLevel,
        replicates: Int = IntervalOptions.defaultReplicates, seed: UInt64 = IntervalOptions.defaultSeed
    ) {
        self.method = method
        self.level = level
        self.replicates = replicates
        self.seed = seed
    }

    /// What is wrong with these options, one sentence per problem naming the key (empty when
    /// they are valid), for the scheme loader to report with the JSON path.
    public var problems: [String] {
        var problems: [String] = []
        if !(level > 0 && level < 1) {
            problems.append("level: expected a number between 0 and 1 (exclusive), found \(level)")
        }
        if replicates < 1 || replicates > Self.maxReplicates {
            problems.append("replicates: expected an integer from 1 to \(Self.maxReplicates), found \(replicates)")
        }
        return problems
    }

    /// The generator of replicate `replicate` (0-based): stream `replicate` of `seed`.
    @inlinable
    public func generator(replicate: Int) -> Xoshiro256StarStar {
        precondition(replicate >= 0, "IntervalOptions: negative replicate index")
        return Xoshiro256StarStar(seed: seed, stream: UInt64(replicate))
    }
}
