#!/usr/bin/env python3
"""Reference metrics for Datasets/face-attributes-synthetic with scikit-learn -> reference_metrics.json.

Multilabel task: labels eyeglasses, beard, hat, mask; for each, positive label 1, score column
<label>_score, hard label <label>_pred = (<label>_score >= 0.5).
Per label: the binary metrics. Across labels: micro / macro / weighted (by support) averages as
scikit-learn defines them for multilabel indicator arrays, subset accuracy and Hamming loss.
Usage: python3 Datasets/face-attributes-synthetic/reference_metrics.py
"""
import os
import sys

import numpy as np
from sklearn import metrics as M

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import reference as R  # noqa: E402  (Datasets/reference.py)

LABELS = ["eyeglasses", "beard", "hat", "mask"]
ATTRIBUTES, INTERSECTIONS = ["gender", "age_band", "lighting"], [("gender", "age_band")]
THRESHOLD = 0.5
DISPARITY_METRICS = R.BINARY_DISPARITY_METRICS


def evaluate(rows):
    Y = np.array([[int(r[l]) for l in LABELS] for r in rows])
    P = np.array([[int(r[f"pred:{l}_pred"]) for l in LABELS] for r in rows])
    S = np.array([[float(r[f"pred:{l}_score"]) for l in LABELS] for r in rows])
    per_label = {l: R.binary(Y[:, k], P[:, k], S[:, k]) for k, l in enumerate(LABELS)}
    out = {"count": len(rows),
           "subset_accuracy": M.accuracy_score(Y, P),
           "hamming_loss": M.hamming_loss(Y, P)}
    for avg in ("micro", "macro", "weighted"):
        p, r, f, _ = M.precision_recall_fscore_support(Y, P, average=avg, zero_division=np.nan)
        out.update({f"precision_{avg}": p, f"recall_{avg}": r, f"f1_{avg}": f})
    # Rank metrics: scikit-learn raises when a label has one class only in a slice; then null.
    all_both = all(0 < Y[:, k].sum() < len(Y) for k in range(len(LABELS)))
    for avg in ("micro", "macro"):
        out[f"roc_auc_{avg}"] = M.roc_auc_score(Y, S, average=avg) if all_both else float("nan")
        out[f"average_precision_{avg}"] = (M.average_precision_score(Y, S, average=avg)
                                           if all_both else float("nan"))
    out["per_label"] = per_label
    return R.clean(out)


def main():
    rows = R.load(HERE)
    for l in LABELS:
        R.check_threshold(rows, f"{l}_pred", f"{l}_score", THRESHOLD)
    slices = R.evaluate_slices(rows, ATTRIBUTES, INTERSECTIONS, evaluate)
    disparities = {}
    for l in LABELS:
        per_label = [{"by": s["by"], "metrics": s["metrics"]["per_label"][l]} for s in slices]
        disparities[l] = R.disparities(per_label, DISPARITY_METRICS)
    R.write_report(HERE, "face-attributes-synthetic", "multilabel classification", {
        "labels": LABELS, "positive": "1", "score": "<label>_score", "threshold": THRESHOLD,
        "threshold_rule": "predicted positive when <label>_score >= threshold (== <label>_pred)",
    }, evaluate(rows), slices, {"per_label": disparities})


if __name__ == "__main__":
    main()
