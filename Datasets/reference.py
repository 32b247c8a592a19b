"""Shared helpers for Datasets/*/reference_metrics.py: reference metric values computed with
scikit-learn on the shipped sample files, so that evalkit's end-to-end output can be checked
against the implementation that docs/design.md names as the reference for classification.

Conventions (the same ones the datasets' READMEs state):
  * hard labels are the `pred` columns as written; for binary tasks they equal score >= threshold
    (checked here), so thresholding the score column gives the same numbers;
  * an undefined ratio (0/0: no predicted positives, no actual positives, one class only for
    AUC) is written as null (zero_division=nan in scikit-learn);
  * slices: every value of every attribute, plus the intersections named by the dataset's script;
    rows are joined on `id`; every row has both truth and prediction;
  * disparities: over slices with at least MIN_SLICE_SIZE rows, min/max of a metric, difference
    = max - min, ratio = min / max.

Each reference_metrics.py puts Datasets/ on sys.path and imports this module as R. A binary
dataset needs only R.binary_main(...); the others load the rows (R.load), evaluate the slices
(R.evaluate_slices) with their own evaluate(rows) and write the file with R.write_report.
"""
import csv
import json
import math
import os
import sys

import numpy as np
import sklearn
from sklearn import metrics as M

MIN_SLICE_SIZE = 30
BINARY_DISPARITY_METRICS = ["accuracy", "precision", "recall", "f1", "fpr", "fnr", "roc_auc"]


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def join(truth_path, pred_path):
    truth = read_csv(truth_path)
    pred = {r["id"]: r for r in read_csv(pred_path)}
    assert len(pred) == len(truth), (len(pred), len(truth))
    rows = []
    for t in truth:
        p = pred[t["id"]]
        rows.append({**t, **{f"pred:{k}": v for k, v in p.items()}})
    return rows


def load(folder):
    """The joined rows of folder/ground_truth.csv and folder/predictions.csv (prediction columns
    prefixed with "pred:")."""
    return join(os.path.join(folder, "ground_truth.csv"), os.path.join(folder, "predictions.csv"))


def check_threshold(rows, pred_column, score_column, threshold):
    """Assert that the hard label is the written score thresholded: pred == (score >= threshold)."""
    assert all(int(r[f"pred:{pred_column}"]) == int(float(r[f"pred:{score_column}"]) >= threshold)
               for r in rows), (pred_column, score_column, threshold)


def clean(x):
    """JSON-safe value: numpy scalars to Python, NaN to None."""
    if isinstance(x, dict):
        return {k: clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [clean(v) for v in x]
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        x = float(x)
        return None if math.isnan(x) else x
    return x


def ratio(a, b):
    return a / b if b else float("nan")


def binary(y, pred, score):
    """Binary metrics, positive label 1. y, pred: 0/1 arrays; score: float array."""
    y, pred, score = np.asarray(y), np.asarray(pred), np.asarray(score, dtype=float)
    tn, fp, fn, tp = (int(v) for v in M.confusion_matrix(y, pred, labels=[0, 1]).ravel())
    both = len(set(y.tolist())) == 2
    nan = float("nan")
    return clean({
        "count": len(y),
        "positives": int(y.sum()),
        "accuracy": M.accuracy_score(y, pred),
        "balanced_accuracy": M.balanced_accuracy_score(y, pred) if both else nan,
        "precision": M.precision_score(y, pred, zero_division=np.nan),
        "recall": M.recall_score(y, pred, zero_division=np.nan),
        "f1": M.f1_score(y, pred, zero_division=np.nan),
        "specificity": ratio(tn, tn + fp),
        "fpr": ratio(fp, fp + tn),
        "fnr": ratio(fn, fn + tp),
        "mcc": M.matthews_corrcoef(y, pred),
        "roc_auc": M.roc_auc_score(y, score) if both else nan,
        "average_precision": M.average_precision_score(y, score) if y.sum() > 0 else nan,
        "tp": tp, "fp": fp, "fn": fn, "tn": tn,
        "confusion_matrix": {"labels": ["0", "1"], "counts": [[tn, fp], [fn, tp]]},
    })


def slice_keys(rows, attributes, intersections):
    groups = [[a] for a in attributes] + [list(g) for g in intersections]
    for by in groups:
        values = sorted({tuple(r[a] for a in by) for r in rows})
        for v in values:
            yield dict(zip(by, v))


def evaluate_slices(rows, attributes, intersections, evaluate):
    """[{"by": {attribute: value, ...}, "metrics": evaluate(rows of that slice)}, ...] over every
    value of every attribute, then every combination of each intersection's attributes."""
    def members(by):
        return [r for r in rows if all(r[a] == v for a, v in by.items())]
    return [{"by": by, "metrics": evaluate(members(by))}
            for by in slice_keys(rows, attributes, intersections)]


def disparities(slices, metric_names):
    out = []
    groups = {}
    for s in slices:
        groups.setdefault(tuple(s["by"].keys()), []).append(s)
    for by, members in groups.items():
        big = [s for s in members if s["metrics"]["count"] >= MIN_SLICE_SIZE]
        for m in metric_names:
            vals = [(s["metrics"][m], s["by"]) for s in big if s["metrics"].get(m) is not None]
            if len(vals) < 2:
                continue
            lo, hi = min(vals, key=lambda v: v[0]), max(vals, key=lambda v: v[0])
            out.append(clean({"metric": m, "by": list(by), "min": lo[0], "max": hi[0],
                              "difference": hi[0] - lo[0], "ratio": ratio(lo[0], hi[0]),
                              "min_slice": lo[1], "max_slice": hi[1]}))
    return out


def environment():
    return {"python": sys.version.split()[0], "numpy": np.__version__,
            "scikit-learn": sklearn.__version__}


def write(path, payload):
    with open(path, "w") as f:
        f.write(json.dumps(clean(payload), indent=2) + "\n")
    print(f"wrote {os.path.relpath(path)}")


def write_report(folder, dataset, task, header, overall, slices, disparities):
    """Write folder/reference_metrics.json: dataset, task, the dataset's own `header` fields (label,
    scores, threshold, ...), then the fields every dataset shares, in this order."""
    write(os.path.join(folder, "reference_metrics.json"), {
        "dataset": dataset,
        "task": task,
        **header,
        "zero_division": "null",
        "computed_with": environment(),
        "overall": overall,
        "slices": slices,
        "disparities": {"min_slice_size": MIN_SLICE_SIZE, **disparities},
    })


def binary_main(folder, dataset, label, attributes, intersections, threshold=0.5,
                disparity_metrics=BINARY_DISPARITY_METRICS):
    """reference_metrics.json of a binary dataset: truth column `label` (0/1, positive 1),
    predictions `pred` (0/1) and `score`, pred == (score >= threshold)."""
    def evaluate(rows):
        return binary([int(r[label]) for r in rows], [int(r["pred:pred"]) for r in rows],
                      [float(r["pred:score"]) for r in rows])

    rows = load(folder)
    check_threshold(rows, "pred", "score", threshold)
    slices = evaluate_slices(rows, attributes, intersections, evaluate)
    write_report(folder, dataset, "binary classification", {
        "label": label, "positive": "1", "score": "score", "threshold": threshold,
        "threshold_rule": "predicted positive when score >= threshold (== the pred column)",
    }, evaluate(rows), slices, {"values": disparities(slices, disparity_metrics)})
