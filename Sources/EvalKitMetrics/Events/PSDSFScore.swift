/// The F-score of one operating point under the DTC/GTC criteria (psds_eval's
/// `compute_macro_f_score`): per class F_β = (1 + β²)·TP / ((1 + β²)·TP + β²·FN + FP), with TP
/// the detected reference events, FN the others, FP the detections failing the DTC that
/// intersect their video (cross-triggers included); the macro value is the mean over classes.
///
/// Zero division: a class without reference events is undefined (NaN, reason), and left out of
/// the mean. psds_eval obtains the number of reference events as TP / TPR, which is 0/0 when a
/// class detects nothing: its F is NaN there and `np.nanmean` leaves the class out;
/// `psdsEvalMacro` is that mean, `macro` counts such a class as F = 0.
public struct PSDSFScore: Sendable {
    public var perClass: [Double]
    public var undefinedReasons: [String?]
    public var macro: Double
    public var macroUndefinedReason: String?
    /// psds_eval's average: over the classes with at least one true positive.
    public var psdsEvalMacro: Double

    /// The F-scores of `counts` (one operating point, summed over videos).
    public init(_ counts: PSDSCounts, beta: Double = 1) {
        let k = 1 + beta * beta
        perClass = []
        undefinedReasons = []
        var quirk: [Double] = []  // psds_eval's per-class values, NaN where TP = 0
        for c in 0..<counts.classes {
            let references = counts.references[c]
            guard references > 0 else {
                perClass.append(.nan)
                undefinedReasons.append("no reference events of this class")
                quirk.append(.nan)
                continue
            }
            let tp = Double(counts.truePositives[c]), fp = Double(counts.falsePositives[c])
            // psds_eval: num_gts = tp / tpr, then fn = num_gts − tp (equal to references up to rounding).
            let tpr = tp / Double(references)
            let total = tp > 0 ? tp / tpr : Double(references)
            let value = (k * tp) / (k * tp + (beta * beta) * (total - tp) + fp)
            perClass.append(value)
            undefinedReasons.append(nil)
            quirk.append(tp > 0 ? value : .nan)
        }
        macro = Self.nanMean(perClass)
        macroUndefinedReason = macro.isNaN ? (counts.classes == 0 ? "no classes" : "no class has reference events") : nil
        psdsEvalMacro = Self.nanMean(quirk)
    }

    /// numpy's `nanmean`: the pairwise sum with NaN as 0, over the number of defined values.
    static func nanMean(_ values: [Double]) -> Double {
        let defined = values.filter { !$0.isNaN }.count
        guard defined > 0 else { return .nan }
        return values.map { $0.isNaN ? 0 : $0 }.withUnsafeBufferPointer { pairwiseSum($0) } / Double(defined)
    }
}
