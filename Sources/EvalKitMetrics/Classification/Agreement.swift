/// Whole-matrix agreement metrics of single-target classification: accuracy, balanced accuracy,
/// Matthews correlation and Cohen's κ. Rows without a prediction (multiclass) act as an extra
/// predicted class "none" that is never correct.
@usableFromInline
internal enum Agreement {
    /// (tp + tn) / n, the fraction of rows predicted correctly. NaN when there are no rows.
    /// Agrees with scikit-learn 1.9.1 `accuracy_score`.
    static func accuracy(_ c: ClassCounts) -> Double {
        c.total == 0 ? .nan : c.correct / c.total
    }

    /// Mean recall over the classes present in the truth; classes absent from the truth are left
    /// out (scikit-learn warns "y_pred contains classes not in y_true" and ignores them).
    /// NaN when there are no rows. Agrees with scikit-learn 1.9.1 `balanced_accuracy_score`
    /// (`adjusted=False`).
    static func balancedAccuracy(_ c: ClassCounts) -> Double {
        var sum = 0.0
        var present = 0
        for k in 0..<c.classCount where c.support[k] > 0 {
            sum += c.tp[k] / c.support[k]
            present += 1
        }
        return present == 0 ? .nan : sum / Double(present)
    }

    /// Matthews correlation coefficient, multiclass form (Gorodkin 2004):
    /// `(c·s − Σ t_k p_k) / sqrt((s² − Σ p_k²)(s² − Σ t_k²))` with c correct rows, s all rows,
    /// t_k true and p_k predicted counts of class k (the "none" prediction included in Σ p_k²).
    /// Undefined (denominator 0: the truth or the predictions hold one class) → the policy value;
    /// scikit-learn 1.9.1 `matthews_corrcoef` returns 0.0 there, which is the `zero` policy.
    static func matthews(_ c: ClassCounts, ledger: inout ZeroDivisionLedger) -> Double {
        let s = c.total
        var tp = 0.0
        var pp = c.missing * c.missing
        var tt = 0.0
        for k in 0..<c.classCount {
            tp += c.support[k] * c.predicted[k]
            pp += c.predicted[k] * c.predicted[k]
            tt += c.support[k] * c.support[k]
        }
        let covYtYp = c.correct * s - tp
        let covYpYp = s * s - pp
        let covYtYt = s * s - tt
        let product = covYpYp * covYtYt
        if product == 0 { return ledger.undefinedValue("mcc") }
        return covYtYp / product.squareRoot()
    }

    /// Cohen's κ = (p_o − p_e) / (1 − p_e), computed as scikit-learn does:
    /// `1 − Σ_{i≠j} C_ij / Σ_{i≠j} E_ij` with `E = outer(column sums, row sums) / n`, i.e.
    /// `1 − (n − c) / ((n² − Σ p_k t_k) / n)`. Undefined (no rows, or chance agreement 1) → the
    /// policy value, as scikit-learn 1.9.1 `cohen_kappa_score(replace_undefined_by=)`.
    static func cohenKappa(_ c: ClassCounts, ledger: inout ZeroDivisionLedger) -> Double {
        let n = c.total
        if n == 0 { return ledger.undefinedValue("cohen_kappa") }
        var chance = 0.0
        for k in 0..<c.classCount { chance += c.support[k] * c.predicted[k] }
        let expectedDisagreement = (n * n - chance) / n
        if expectedDisagreement == 0 { return ledger.undefinedValue("cohen_kappa") }
        return 1 - (n - c.correct) / expectedDisagreement
    }
}
