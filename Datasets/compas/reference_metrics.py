#!/usr/bin/env python3
"""Reference metrics for Datasets/compas with scikit-learn -> reference_metrics.json.

Binary task: label two_year_recid, positive label 1 (charged again within two years), score =
decile_score / 10, hard label = pred column = (score >= 0.5) = (decile_score >= 5).
The CSVs are not committed: run prepare.py first (see README.md).
Usage: python3 Datasets/compas/reference_metrics.py
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import reference as R  # noqa: E402  (Datasets/reference.py)

LABEL, ATTRIBUTES, INTERSECTIONS = "two_year_recid", ["sex", "race", "age_cat"], [("sex", "race")]
THRESHOLD = 0.5
DISPARITY_METRICS = ["accuracy", "precision", "recall", "f1", "fpr", "fnr", "roc_auc"]


def evaluate(rows):
    y = [int(r[LABEL]) for r in rows]
    pred = [int(r["pred:pred"]) for r in rows]
    score = [float(r["pred:score"]) for r in rows]
    return R.binary(y, pred, score)


def main():
    rows = R.join(os.path.join(HERE, "ground_truth.csv"), os.path.join(HERE, "predictions.csv"))
    assert all(int(r["pred:pred"]) == int(float(r["pred:score"]) >= THRESHOLD) for r in rows)
    slices = [{"by": by, "metrics": evaluate([r for r in rows if all(r[a] == v for a, v in by.items())])}
              for by in R.slice_keys(rows, ATTRIBUTES, INTERSECTIONS)]
    R.write(os.path.join(HERE, "reference_metrics.json"), {
        "dataset": "compas",
        "task": "binary classification",
        "label": LABEL, "positive": "1", "score": "score", "threshold": THRESHOLD,
        "threshold_rule": "predicted positive when score >= threshold (== the pred column)",
        "zero_division": "null",
        "computed_with": R.environment(),
        "overall": evaluate(rows),
        "slices": slices,
        "disparities": {"min_slice_size": R.MIN_SLICE_SIZE,
                        "values": R.disparities(slices, DISPARITY_METRICS)},
    })


if __name__ == "__main__":
    main()
