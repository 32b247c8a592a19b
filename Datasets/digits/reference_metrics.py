#!/usr/bin/env python3
"""Reference metrics for Datasets/digits with scikit-learn -> reference_metrics.json.

Multiclass task: label digit in {"0".."9"}; hard label = pred column (the class with the highest
score); scores score_0 .. score_9 (4 decimals, summing to exactly 1).
Metrics: accuracy, balanced accuracy, precision/recall/F1 micro, macro and weighted, MCC,
confusion matrix (rows = truth, columns = prediction, in CLASSES order), per-class precision,
recall, F1 and support, one-vs-rest ROC AUC and average precision (macro and weighted), log loss,
one-vs-one ROC AUC (macro and weighted), top-k accuracy for k = 2 and 3.
Usage: python3 Datasets/digits/reference_metrics.py
"""
import os
import sys

import numpy as np
from sklearn import metrics as M

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import reference as R  # noqa: E402  (Datasets/reference.py)

CLASSES = [str(d) for d in range(10)]
ATTRIBUTES, INTERSECTIONS = ["ink"], []
DISPARITY_METRICS = ["accuracy", "balanced_accuracy", "f1_macro", "f1_micro"]


def evaluate(rows):
    y = np.array([r["digit"] for r in rows])
    pred = np.array([r["pred:pred"] for r in rows])
    S = np.array([[float(r[f"pred:score_{c}"]) for c in CLASSES] for r in rows])
    out = {"count": len(rows),
           "accuracy": M.accuracy_score(y, pred),
           "balanced_accuracy": M.balanced_accuracy_score(y, pred),
           "mcc": M.matthews_corrcoef(y, pred)}
    for avg in ("micro", "macro", "weighted"):
        p, r, f, _ = M.precision_recall_fscore_support(y, pred, labels=CLASSES, average=avg,
                                                       zero_division=np.nan)
        out.update({f"precision_{avg}": p, f"recall_{avg}": r, f"f1_{avg}": f})
    if set(y.tolist()) == set(CLASSES):  # rank metrics need every class present
        for avg in ("macro", "weighted"):
            out[f"roc_auc_ovr_{avg}"] = M.roc_auc_score(y, S, multi_class="ovr", average=avg,
                                                        labels=CLASSES)
        Y = np.array([[1 if v == c else 0 for c in CLASSES] for v in y])
        out["average_precision_macro"] = M.average_precision_score(Y, S, average="macro")
        out["average_precision_weighted"] = M.average_precision_score(Y, S, average="weighted")
        out["log_loss"] = M.log_loss(y, S, labels=CLASSES)
        for avg in ("macro", "weighted"):
            out[f"roc_auc_ovo_{avg}"] = M.roc_auc_score(y, S, multi_class="ovo", average=avg,
                                                        labels=CLASSES)
        for k in (2, 3):
            out[f"top_k_accuracy@k={k}"] = M.top_k_accuracy_score(y, S, k=k, labels=CLASSES)
    p, r, f, s = M.precision_recall_fscore_support(y, pred, labels=CLASSES, zero_division=np.nan)
    out["per_class"] = {c: {"precision": p[k], "recall": r[k], "f1": f[k], "support": s[k]}
                        for k, c in enumerate(CLASSES)}
    out["confusion_matrix"] = {"labels": CLASSES,
                               "counts": M.confusion_matrix(y, pred, labels=CLASSES).tolist()}
    return R.clean(out)


def main():
    rows = R.load(HERE)
    slices = R.evaluate_slices(rows, ATTRIBUTES, INTERSECTIONS, evaluate)
    R.write_report(HERE, "digits", "multiclass classification", {
        "label": "digit", "classes": CLASSES, "scores": [f"score_{c}" for c in CLASSES],
        "prediction": "pred column (argmax of the written scores, ties to the first class)",
    }, evaluate(rows), slices, {"values": R.disparities(slices, DISPARITY_METRICS)})


if __name__ == "__main__":
    main()
