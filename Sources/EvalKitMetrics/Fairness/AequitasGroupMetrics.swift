/// Aequitas' group metrics (`aequitas.group.Group.get_crosstabs`, Aequitas 1.1.0) of one slice,
/// from its confusion counts and the number of predicted positives in the whole evaluation.
///
/// | key | definition |
/// |---|---|
/// | `tpr` | tp / (tp + fn) |
/// | `tnr` | tn / (tn + fp) |
/// | `for` | false omission rate fn / (fn + tn) |
/// | `fdr` | false discovery rate fp / (tp + fp) |
/// | `fpr` | fp / (fp + tn) |
/// | `fnr` | fn / (fn + tp) |
/// | `npv` | negative predictive value tn / (tn + fn) |
/// | `precision` | tp / (tp + fp) |
/// | `ppr` | predicted positive rate: the slice's share of all predicted positives, (tp + fp) / k |
/// | `pprev` | predicted prevalence (tp + fp) / n |
/// | `prev` | prevalence (tp + fn) / n |
/// | `accuracy` | (tp + tn) / n |
///
/// Every 0/0 (and x/0) is NaN, as Aequitas' `divide`. `k` is the number of rows predicted positive
/// in the evaluation (Aequitas 1.1.0: `df[df[score] == 1].shape[0]`, the same k for every
/// attribute); NaN `ppr` when k is 0.
public struct AequitasGroupMetrics: Sendable, Equatable {
    /// The keys the engine adds per slice for Aequitas audits, in this order.
    public static let keys = ["for", "fdr", "ppr", "pprev", "npv", "prev"]
    /// Every key `value(_:)` knows, in Aequitas' column order.
    public static let allKeys = [
        "accuracy", "tpr", "tnr", "for", "fdr", "fpr", "fnr", "npv", "precision", "ppr", "pprev", "prev",
    ]

    public var counts: BinaryCounts
    /// k: rows predicted positive in the whole evaluation.
    public var totalPredictedPositives: Double

    public init(_ counts: BinaryCounts, totalPredictedPositives: Double) {
        self.counts = counts
        self.totalPredictedPositives = totalPredictedPositives
    }

    public var truePositiveRate: Double { Self.divide(counts.tp, counts.positives) }
    public var trueNegativeRate: Double { Self.divide(counts.tn, counts.negatives) }
    /// `for`: fn / (fn + tn).
    public var falseOmissionRate: Double { Self.divide(counts.fn, counts.predictedNegatives) }
    /// `fdr`: fp / (tp + fp).
    public var falseDiscoveryRate: Double { Self.divide(counts.fp, counts.predictedPositives) }
    public var falsePositiveRate: Double { Self.divide(counts.fp, counts.negatives) }
    public var falseNegativeRate: Double { Self.divide(counts.fn, counts.positives) }
    /// `npv`: tn / (tn + fn).
    public var negativePredictiveValue: Double { Self.divide(counts.tn, counts.predictedNegatives) }
    public var precision: Double { Self.divide(counts.tp, counts.predictedPositives) }
    /// `ppr`: (tp + fp) / k.
    public var predictedPositiveRate: Double { Self.divide(counts.predictedPositives, totalPredictedPositives) }
    /// `pprev`: (tp + fp) / n.
    public var predictedPrevalence: Double { Self.divide(counts.predictedPositives, counts.total) }
    /// `prev`: (tp + fn) / n.
    public var prevalence: Double { Self.divide(counts.positives, counts.total) }
    public var accuracy: Double { Self.divide(counts.tp + counts.tn, counts.total) }

    /// The value of an Aequitas key (`allKeys`); nil for an unknown key.
    public func value(_ key: String) -> Double? {
        switch key {
        case "accuracy": accuracy
        case "tpr": truePositiveRate
        case "tnr": trueNegativeRate
        case "for": falseOmissionRate
        case "fdr": falseDiscoveryRate
        case "fpr": falsePositiveRate
        case "fnr": falseNegativeRate
        case "npv": negativePredictiveValue
        case "precision": precision
        case "ppr": predictedPositiveRate
        case "pprev": predictedPrevalence
        case "prev": prevalence
        default: nil
        }
    }

    /// The values of `keys` (unknown keys skipped), each NaN with the reason for its 0/0.
    public func metricValues(_ keys: [String] = AequitasGroupMetrics.keys) -> MetricValues {
        var values = MetricValues()
        for key in keys {
            guard let value = value(key) else { continue }
            values.set(key, value, undefinedReason: value.isNaN ? Self.reason(key) : nil)
        }
        return values
    }

    static func divide(_ numerator: Double, _ denominator: Double) -> Double {
        denominator == 0 ? .nan : numerator / denominator
    }

    static func reason(_ key: String) -> String {
        switch key {
        case "tpr", "fnr": "0/0: no positives in the slice"
        case "tnr", "fpr": "0/0: no negatives in the slice"
        case "fdr", "precision": "0/0: nothing predicted positive in the slice"
        case "for", "npv": "0/0: nothing predicted negative in the slice"
        case "ppr": "0/0: nothing predicted positive in the evaluation"
        default: "0/0: the slice has no rows"
        }
    }
}
