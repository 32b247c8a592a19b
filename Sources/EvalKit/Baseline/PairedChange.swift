import EvalKitData

/// A paired test of a change between a baseline run and this run, computed on the same items
/// (ground-truth rows): McNemar's exact test for accuracy-type metrics, else a paired bootstrap
/// of the drop. Used by change gates with `"require": "significant"`.
public struct PairedChange: Sendable {
    public enum Method: String, Sendable {
        case mcnemar = "McNemar exact test"
        case pairedBootstrap = "paired bootstrap"
    }

    public var method: Method
    /// McNemar: the two-sided p-value of "the runs are equally often right on these items".
    public var pValue: Double?
    /// Paired bootstrap: the interval of the drop (positive = worse) at the scheme's level.
    public var dropInterval: Interval?
    /// The significance level (1 − interval level).
    public var alpha: Double
    /// Items compared (evaluated in both runs).
    public var items: Int

    /// Whether a breach of `limit` is confirmed: McNemar's p below alpha, or the whole drop
    /// interval above the limit.
    public func confirms(limit: Double) -> Bool {
        switch method {
        case .mcnemar: (pValue ?? 1) < alpha
        case .pairedBootstrap: (dropInterval?.lower ?? -.infinity) > limit
        }
    }

    public var summary: String {
        switch method {
        case .mcnemar: "McNemar exact p = \(pValue.map(JSONOutput.format) ?? "undefined") on \(items) paired items (alpha \(JSONOutput.format(alpha)))"
        case .pairedBootstrap:
            "paired bootstrap drop interval " + (dropInterval.map { "[\(JSONOutput.format($0.lower)), \(JSONOutput.format($0.upper))]" } ?? "undefined")
                + " on \(items) paired items"
        }
    }
}
