/// The polyphonic sound detection score (PSDS) of DCASE task 4, as psds_eval 0.5.3 computes it
/// (docs/events/psds.md).
///
/// Two ways in, one curve out:
/// - explicit operating points: per video and table `counts(reference:detections:duration:classes:parameters:)`,
///   summed over videos with `PSDSCounts.add`, then `compute(operatingPoints:classes:parameters:)`;
/// - scored detections, every distinct score a threshold: per video `statistics(...)`, then
///   `compute(_:classes:parameters:)` over the videos with their weights — the same points as
///   the first way applied at every threshold, without re-counting per threshold.
///
/// Per operating point and class: TPR, FPR and cross-trigger rates (`PSDSRates`); per class a ROC
/// staircase of TPR against eFPR; the PSD-ROC is their mean minus αST × their standard deviation;
/// PSDS is its area up to `maxEFPR` over `maxEFPR`.
///
/// Reference: Bilen, Ferroni, Tuveri, Azcarreta, Krstulovic, "A Framework for the Robust
/// Evaluation of Sound Event Detection", ICASSP 2020 (arXiv:1910.08440); psds_eval
/// (github.com/audioanalytic/psds_eval, MIT).
public enum PSDS {
    /// PSDS over explicit operating points, each the counts of one detection table summed over
    /// the videos (psds_eval's `add_operating_point` per table, then `psds`).
    /// - Complexity: O(operating points × classes²) for the rates, then `curves`.
    public static func compute(operatingPoints: [PSDSCounts], classes: Int, parameters: PSDSParameters) throws(PSDSError) -> PSDSResult {
        try parameters.validate()
        if let wrong = operatingPoints.firstIndex(where: { $0.classes != classes }) {
            throw .incompatible("operating point \(wrong) has \(operatingPoints[wrong].classes) classes, expected \(classes)")
        }
        var points = [[PSDSClassCurve.Point]](repeating: [], count: classes)
        var defined = [Bool](repeating: false, count: classes)
        for (index, counts) in operatingPoints.enumerated() {
            let rates = PSDSRates(counts, parameters: parameters)
            for c in 0..<classes {
                if counts.references[c] > 0 { defined[c] = true }
                points[c].append(.init(efpr: rates.efpr[c], tpr: rates.tpr[c], fpr: rates.fpr[c], operatingPoint: index))
            }
        }
        return curves(points: points, defined: defined, seconds: operatingPoints.first?.seconds ?? 0, parameters: parameters,
                      operatingPoints: operatingPoints.count)
    }
}
