"""Reference curves for evalkit's classification curves, drawn by scikit-learn.

Writes curves.json next to this script: a list of cases, each with its inputs and scikit-learn's
points of every curve evalkit reports (docs/metrics.md, "Curves"):

- binary: `roc` = roc_curve(y, s, drop_intermediate=True) as (fpr, tpr) and `precision_recall` =
  precision_recall_curve(y, s) (drop_intermediate=False, its closing point recall 0, precision 1
  included) as (recall, precision), in scikit-learn's order;
- multiclass probabilities: one-vs-rest, `roc@class=<label>` and `precision_recall@class=<label>`
  from column c against y_true == label (columns in the labels' sorted order);
- multilabel scores: the same per target (`@class=<target>`).

A curve that scikit-learn cannot draw meaningfully (no positives; for ROC also no negatives: it
warns and returns NaN or recall 1 everywhere) is written as null: evalkit leaves it out.
A curve of more than MAXIMUM_POINTS points is written thinned by evalkit's documented rule
(the exact points at ranks floor(j * (m - 1) / (k - 1)), j = 0..k-1, k = MAXIMUM_POINTS), with
"exact_points" m, so the test compares the kept points with scikit-learn's own.

    python3 -m venv /tmp/curves-venv && /tmp/curves-venv/bin/pip install scikit-learn==1.9.1 numpy==2.4.6
    /tmp/curves-venv/bin/python Tests/Fixtures/sklearn/make_curves.py

Deterministic: every case draws from its own seeded numpy Generator; the output is byte-identical
on every run (floats written by Python's shortest round-trip repr).
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.metrics import precision_recall_curve, roc_curve

MAXIMUM_POINTS = 1001


def thinned(x, y):
    m = len(x)
    if m <= MAXIMUM_POINTS:
        return [float(v) for v in x], [float(v) for v in y], m
    ranks = [j * (m - 1) // (MAXIMUM_POINTS - 1) for j in range(MAXIMUM_POINTS)]
    return [float(x[r]) for r in ranks], [float(y[r]) for r in ranks], m


def binary_curves(y, s, suffix=""):
    """scikit-learn's two curves of binary truth y (0/1) and scores s; None where undefined."""
    y = np.asarray(y)
    s = np.asarray(s, dtype=np.float64)
    positives, negatives = int(y.sum()), int(len(y) - y.sum())
    out = {}
    if positives > 0 and negatives > 0:
        fpr, tpr, _ = roc_curve(y, s, drop_intermediate=True)
        x, v, m = thinned(fpr, tpr)
        out["roc" + suffix] = {"fpr": x, "tpr": v, "exact_points": m}
    else:
        out["roc" + suffix] = None
    if positives > 0:
        precision, recall, _ = precision_recall_curve(y, s)
        assert recall[-1] == 0 and precision[-1] == 1
        x, v, m = thinned(recall, precision)
        out["precision_recall" + suffix] = {"recall": x, "precision": v, "exact_points": m}
    else:
        out["precision_recall" + suffix] = None
    return out


def binary_case(name, y, s):
    return {"name": name, "kind": "binary", "y_true": [int(v) for v in y], "scores": [float(v) for v in s],
            "curves": binary_curves(y, s)}


def cases():
    out = []
    # The example of scikit-learn's roc_curve documentation.
    out.append(binary_case("sklearn_doc_example", [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]))

    g = np.random.default_rng(1401)
    y = (g.random(300) < 0.35).astype(int)
    s = g.normal(0.6 * y, 1.0)
    out.append(binary_case("binary_continuous_300", y, s))

    # Ties: scores on a 0.1 grid, so most thresholds hold positives and negatives at once,
    # and collinear stretches for drop_intermediate to remove.
    g = np.random.default_rng(1402)
    y = (g.random(400) < 0.4).astype(int)
    s = np.round(np.clip(g.normal(0.45 + 0.2 * y, 0.2), 0, 1), 1)
    out.append(binary_case("binary_ties_400", y, s))

    # Runs of equal steps (each threshold one negative): the collinear points are dropped.
    y = [1, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 0]
    s = [0.95, 0.9, 0.8, 0.7, 0.6, 0.55, 0.5, 0.45, 0.4, 0.3, 0.3, 0.3]
    out.append(binary_case("binary_collinear_steps", y, s))

    # Negative and extreme scores (scikit-learn refuses infinite scores; evalkit's only come from
    # rows without a prediction, which rank like these).
    g = np.random.default_rng(1403)
    y = (g.random(60) < 0.5).astype(int)
    s = g.normal(0, 2, 60)
    s[3], s[10], s[20] = -1e300, 1e300, -1e300
    out.append(binary_case("binary_extreme_scores", y, s))

    # Only negatives: no curve (ROC and precision-recall undefined).
    out.append(binary_case("binary_no_positives", [0, 0, 0], [0.2, 0.5, 0.9]))
    # Only positives: precision-recall only (every precision 1).
    out.append(binary_case("binary_no_negatives", [1, 1, 1, 1], [0.2, 0.5, 0.5, 0.9]))

    # More than 1,001 points: thinned.
    g = np.random.default_rng(1404)
    y = (g.random(3000) < 0.5).astype(int)
    s = g.normal(0.8 * y, 1.0)
    out.append(binary_case("binary_thinned_3000", y, s))

    # Multiclass probabilities: one-vs-rest, with ties (two decimals) and a class without rows.
    g = np.random.default_rng(1405)
    labels = ["ant", "bee", "cat", "dog"]
    n = 250
    truth = g.choice(3, size=n, p=[0.5, 0.3, 0.2])  # "dog" never true
    raw = g.dirichlet([1, 1, 1, 1], size=n)
    raw[np.arange(n), truth] += 0.8
    probabilities = np.round(raw / raw.sum(axis=1, keepdims=True), 2)
    curves = {}
    roc_part, pr_part = {}, {}
    for c, label in enumerate(labels):
        drawn = binary_curves((truth == c).astype(int), probabilities[:, c], "@class=" + label)
        roc_part.update({k: v for k, v in drawn.items() if k.startswith("roc")})
        pr_part.update({k: v for k, v in drawn.items() if k.startswith("precision_recall")})
    curves.update(roc_part)
    curves.update(pr_part)
    out.append({"name": "multiclass_ovr_ties", "kind": "multiclass", "labels": labels,
                "y_true": [labels[t] for t in truth], "probabilities": [[float(v) for v in row] for row in probabilities],
                "curves": curves})

    # Multilabel attributes with scores: one-vs-rest per target.
    g = np.random.default_rng(1406)
    targets = ["smiling", "eyeglasses", "hat"]
    n = 180
    truth = (g.random((n, 3)) < [0.5, 0.2, 0.05]).astype(int)
    scores = np.round(np.clip(g.normal(0.35 + 0.3 * truth, 0.2), 0, 1), 3)
    curves, roc_part, pr_part = {}, {}, {}
    for j, name in enumerate(targets):
        drawn = binary_curves(truth[:, j], scores[:, j], "@class=" + name)
        roc_part.update({k: v for k, v in drawn.items() if k.startswith("roc")})
        pr_part.update({k: v for k, v in drawn.items() if k.startswith("precision_recall")})
    curves.update(roc_part)
    curves.update(pr_part)
    out.append({"name": "multilabel_three_targets", "kind": "multilabel", "targets": targets,
                "y_true": truth.tolist(), "scores": [[float(v) for v in row] for row in scores], "curves": curves})
    return out


def main():
    warnings.simplefilter("error")  # no case may rely on a warning's fallback
    root = {
        "generator": "Tests/Fixtures/sklearn/make_curves.py",
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "maximum_points": MAXIMUM_POINTS,
        "cases": cases(),
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "curves.json")
    with open(path, "w") as f:
        json.dump(root, f, indent=None, separators=(",", ":"), allow_nan=False)
        f.write("\n")
    print(f"wrote {path}: {len(root['cases'])} cases (scikit-learn {sklearn.__version__})")


if __name__ == "__main__":
    main()
