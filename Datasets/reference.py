"""Shared helpers for Datasets/*/reference_metrics.py: reference metric values computed with
scikit-learn on the shipped sample files, so that evalkit's end-to-end output can be checked
against the implementation that DESIGN.md names as the reference for classification.

Conventions (the same ones the datasets' READMEs state):
  * hard labels are the `pred` columns as written; for binary tasks they equal score >= threshold
    (checked here), so thresholding the score column gives the same numbers;
  * an undefined ratio (0/0: no predicted positives, no actual positives, one class only for
    AUC) is written as null (zero_division=nan in scikit-learn);
  * slices: every value of every attribute, plus the intersections named by the dataset's script;
    rows are joined on `id`; every row has both truth and prediction;
  * disparities: over slices with at least MIN_SLICE_SIZE rows, min/max of a metric, difference
    = max - min, ratio = min / max.
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
