/// scikit-learn's `average="samples"` for multilabel data, from the row profiles.
///
/// For a row with true label set T and predicted set P: precision |T∩P|/|P|, recall |T∩P|/|T|,
/// Fβ = (1+β²)|T∩P| / (β²|T| + |P|); a 0/0 takes the policy value, and under `nan` those rows
/// are left out of the mean (scikit-learn 1.9.1 `precision_recall_fscore_support(average=
/// "samples")` with `_nanaverage`).
struct SampleAverages {
    private var values: [String: (Double, String)] = [:]

    init(
        _ profiles: [(both: Double, truth: Double, predicted: Double, rows: Double)], beta: Double?,
        ledger: inout ZeroDivisionLedger
    ) {
        values["precision"] = Self.mean(profiles, "precision_samples", UndefinedReason.samplesPrecision, &ledger) {
            ($0.both, $0.predicted)
        }
        values["recall"] = Self.mean(profiles, "recall_samples", UndefinedReason.samplesRecall, &ledger) {
            ($0.both, $0.truth)
        }
        values["f1"] = Self.mean(profiles, "f1_samples", UndefinedReason.samplesF, &ledger) {
            (2 * $0.both, $0.truth + $0.predicted)
        }
        if let beta {
            let reason = UndefinedReason.samplesF
            if beta.isInfinite {
                values["fbeta"] = Self.mean(profiles, "fbeta_samples", reason, &ledger) { ($0.both, $0.truth) }
            } else if beta == 0 {
                values["fbeta"] = Self.mean(profiles, "fbeta_samples", reason, &ledger) { ($0.both, $0.predicted) }
            } else {
                let b2 = beta * beta
                values["fbeta"] = Self.mean(profiles, "fbeta_samples", reason, &ledger) {
                    ((1 + b2) * $0.both, b2 * $0.truth + $0.predicted)
                }
            }
        }
    }

    /// The average of `family` and the reason when it is NaN.
    func value(_ family: String) -> (Double, String) { values[family]! }

    private static func mean(
        _ profiles: [(both: Double, truth: Double, predicted: Double, rows: Double)], _ name: String,
        _ reason: String, _ ledger: inout ZeroDivisionLedger,
        _ ratio: ((both: Double, truth: Double, predicted: Double, rows: Double)) -> (Double, Double)
    ) -> (Double, String) {
        var sum = 0.0
        var rows = 0.0
        var undefinedRows = 0.0
        for profile in profiles {
            let (numerator, denominator) = ratio(profile)
            if denominator == 0 {
                undefinedRows += profile.rows
            } else {
                sum += profile.rows * (numerator / denominator)
                rows += profile.rows
            }
        }
        if undefinedRows > 0 {
            let value = ledger.undefinedValue("\(name) (\(Int(undefinedRows)) rows)")
            if !value.isNaN {
                sum += undefinedRows * value
                rows += undefinedRows
            }
        }
        return (rows == 0 ? .nan : sum / rows, reason)
    }
}
