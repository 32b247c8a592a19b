"""Reference values for evalkit's classification metrics, computed with scikit-learn.

Writes classification.json next to this script: a list of cases, each with its inputs
(y_true, y_pred, scores, labels, positive class, zero_division, beta, operating points) and
scikit-learn's value for every metric key evalkit reports (docs/metrics.md, Classification).

    python3 Tests/Fixtures/sklearn/make_fixtures.py      # scikit-learn 1.9.1, numpy 2.x

Deterministic: every case draws from its own seeded numpy Generator, and the output is
byte-identical on every run. Only the summary line is printed.

Conventions shared with the Swift tests (Tests/EvalKitMetricsTests/SklearnFixtureTests.swift):
- labels are written as strings; y_pred null means "no prediction" (evalkit's -1). For binary
  data that row counts as the wrong decision (a positive becomes the negative label and vice
  versa); for multiclass it becomes an extra label "__none__" that is never correct, and the
  set-wise metrics use labels= the real classes (so "__none__" adds no false positive).
- NaN is written as null.
- Where evalkit deliberately differs from scikit-learn, this script says so and computes
  evalkit's rule (explicitly, never silently): MCC and average precision when undefined
  follow zero_division (scikit-learn returns 0.0 for both); with zero_division=0 the values
  equal scikit-learn's, which the script asserts.
"""
import json
import math
import os
import warnings

import numpy as np
import sklearn
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    balanced_accuracy_score,
    cohen_kappa_score,
    confusion_matrix,
    confusion_matrix_at_thresholds,
    hamming_loss,
    matthews_corrcoef,
    multilabel_confusion_matrix,
    precision_recall_fscore_support,
    roc_auc_score,
)
from sklearn.utils.extmath import _nanaverage

NONE = "__none__"
POLICIES = {"nan": np.nan, "zero": 0.0, "one": 1.0}


def fl(x):
    """A JSON-safe float (NaN -> None)."""
    x = float(x)
    return None if math.isnan(x) else x


def div(n, d, zd):
    """n / d, or the zero_division value when d == 0 (sklearn's _prf_divide)."""
    return float(n) / float(d) if d != 0 else POLICIES[zd]


def prf(y_true, y_pred, labels, average, zd, beta, pos_label=1):
    return precision_recall_fscore_support(
        y_true, y_pred, labels=labels, average=average, zero_division=POLICIES[zd],
        beta=beta, pos_label=pos_label)


def mcc(y_true, y_pred, zd):
    """matthews_corrcoef; undefined (one class in y_true or y_pred) follows zero_division."""
    value = matthews_corrcoef(y_true, y_pred)
    if len(set(y_true)) < 2 or len(set(y_pred)) < 2:
        assert value == 0.0  # scikit-learn's own choice, equal to zero_division=0
        return POLICIES[zd]
    return value


def average_precision(y, s, zd):
    """average_precision_score; no positives follows zero_division (scikit-learn gives 0.0)."""
    if y.sum() == 0:
        assert average_precision_score(y, s) == 0.0
        return POLICIES[zd]
    return average_precision_score(y, s)


def roc_auc(y, s):
    if len(np.unique(y)) < 2:
        return np.nan  # scikit-learn warns and returns nan, whatever the policy
    return roc_auc_score(y, s)


def per_class(y_true, y_pred, labels, zd, beta):
    p, r, f1, support = prf(y_true, y_pred, labels, None, zd, 1.0)
    _, _, fb, _ = prf(y_true, y_pred, labels, None, zd, beta)
    mcm = multilabel_confusion_matrix(y_true, y_pred, labels=labels)
    out = {}
    for k, label in enumerate(labels):
        tn, fp, fn, tp = (float(mcm[k, 0, 0]), float(mcm[k, 0, 1]), float(mcm[k, 1, 0]),
                          float(mcm[k, 1, 1]))
        out[str(label)] = {
            "precision": p[k], "recall": r[k], "f1": f1[k], "fbeta": fb[k],
            "specificity": div(tn, tn + fp, zd), "fpr": div(fp, fp + tn, zd),
            "fnr": div(fn, fn + tp, zd), "support": float(support[k]),
            "tp": tp, "fp": fp, "fn": fn, "tn": tn,
        }
    return out


def averages(y_true, y_pred, labels, zd, beta, families=("precision", "recall", "f1", "fbeta")):
    out = {}
    for avg in ("macro", "micro", "weighted"):
        p, r, f1, _ = prf(y_true, y_pred, labels, avg, zd, 1.0)
        _, _, fb, _ = prf(y_true, y_pred, labels, avg, zd, beta)
        values = {"precision": p, "recall": r, "f1": f1, "fbeta": fb}
        for family in families:
            out[f"{family}_{avg}"] = values[family]
    return out


def operating_points(y, s, targets):
    """Evalkit's documented selection rules on scikit-learn's threshold sweep."""
    out = {}
    P, N = float(y.sum()), float(len(y) - y.sum())
    if P > 0 or N > 0:
        _, fps, _, tps, thresholds = confusion_matrix_at_thresholds(y, s)
    for metric, value in targets:
        suffix = f"@{metric}={value!r}"
        chosen = None
        if P == 0 or (metric == "fpr" and N == 0):
            chosen = None
        elif metric == "fpr":
            feasible = [i for i in range(len(thresholds)) if fps[i] / N <= value]
            if feasible:
                best = max(tps[i] for i in feasible)
                chosen = next(i for i in feasible if tps[i] == best)
        elif metric in ("tpr", "recall"):
            chosen = next((i for i in range(len(thresholds)) if tps[i] / P >= value), None)
        else:
            hits = [i for i in range(len(thresholds)) if tps[i] / (tps[i] + fps[i]) >= value]
            chosen = hits[-1] if hits else None
        if chosen is None:
            vals = dict.fromkeys(["threshold", "recall", "tpr", "fpr", "precision", "f1"], np.nan)
        else:
            tp, fp = float(tps[chosen]), float(fps[chosen])
            vals = {"threshold": float(thresholds[chosen]), "recall": tp / P, "tpr": tp / P,
                    "fpr": fp / N if N > 0 else np.nan, "precision": tp / (tp + fp),
                    "f1": 2 * tp / (P + tp + fp)}
        for key, v in vals.items():
            out[key + suffix] = v
    return out


def binary_expected(y_true, y_pred_raw, scores, labels, pos, zd, beta, targets):
    """Every binary key. y_pred_raw may hold None (counted as the wrong decision)."""
    neg = labels[1 - labels.index(pos)]
    y_pred = [p if p is not None else (neg if t == pos else pos) for t, p in zip(y_true, y_pred_raw)]
    classes = per_class(y_true, y_pred, labels, zd, beta)
    pc = classes[str(pos)]
    m = {
        "accuracy": accuracy_score(y_true, y_pred),
        "balanced_accuracy": balanced_accuracy_score(y_true, y_pred),
    }
    p, r, f1, _ = prf(y_true, y_pred, None, "binary", zd, 1.0, pos_label=pos)
    _, _, fb, _ = prf(y_true, y_pred, None, "binary", zd, beta, pos_label=pos)
    m.update({"precision": p, "recall": r, "f1": f1, "fbeta": fb})
    m.update({k: pc[k] for k in ("specificity", "fpr", "fnr")})
    m["selection_rate"] = None  # filled below from the confusion counts (keeps the key order)
    m["mcc"] = mcc(y_true, y_pred, zd)
    m["cohen_kappa"] = cohen_kappa_score(y_true, y_pred, replace_undefined_by=POLICIES[zd])
    y = np.array([1 if t == pos else 0 for t in y_true])
    if scores is not None:
        s = np.array(scores)
        m["roc_auc"] = roc_auc(y, s)
        m["average_precision"] = average_precision(y, s, zd)
    tn, fp, fn, tp = confusion_matrix(y_true, y_pred, labels=[neg, pos]).ravel()
    m.update({"tp": tp, "fp": fp, "fn": fn, "tn": tn})
    # Fairlearn's selection_rate: the fraction of rows predicted positive (rows without a
    # prediction counted as the wrong decision, as in tp/fp/fn/tn above).
    total = tp + fp + fn + tn
    m["selection_rate"] = float(tp + fp) / total if total else float("nan")
    m.update(averages(y_true, y_pred, labels, zd, beta))
    if scores is not None:
        m.update(operating_points(y, np.array(scores), targets))
    cm = confusion_matrix(y_true, y_pred, labels=labels)
    return m, classes, cm


def multiclass_expected(y_true, y_pred_raw, labels, zd, beta):
    none = -1 if isinstance(labels[0], int) else NONE
    y_pred = [p if p is not None else none for p in y_pred_raw]
    classes = per_class(y_true, y_pred, labels, zd, beta)
    m = {
        "accuracy": accuracy_score(y_true, y_pred),
        "balanced_accuracy": balanced_accuracy_score(y_true, y_pred),
        "mcc": mcc(y_true, y_pred, zd),
        "cohen_kappa": cohen_kappa_score(y_true, y_pred, replace_undefined_by=POLICIES[zd]),
    }
    m.update(averages(y_true, y_pred, labels, zd, beta))
    spec = np.array([classes[str(c)]["specificity"] for c in labels])
    support = np.array([classes[str(c)]["support"] for c in labels])
    tn = sum(classes[str(c)]["tn"] for c in labels)
    fp = sum(classes[str(c)]["fp"] for c in labels)
    m["specificity_macro"] = _nanaverage(spec)
    m["specificity_micro"] = div(tn, tn + fp, zd)
    m["specificity_weighted"] = _nanaverage(spec, weights=support)
    cm = confusion_matrix(y_true, y_pred, labels=labels)
    return m, classes, cm


def multilabel_expected(Y, P_raw, S, names, zd, beta):
    P = np.where(P_raw < 0, 1 - Y, P_raw)
    m = {"accuracy": accuracy_score(Y, P), "hamming_loss": hamming_loss(Y, P)}
    for family_index, family in enumerate(("precision", "recall", "f1", "fbeta")):
        for avg in ("macro", "micro", "weighted", "samples"):
            b = beta if family == "fbeta" else 1.0
            m[f"{family}_{avg}"] = prf(Y, P, None, avg, zd, b)[min(family_index, 2)]
    m["roc_auc_macro"] = np.mean([roc_auc(Y[:, j], S[:, j]) for j in range(Y.shape[1])])
    if not np.isnan(m["roc_auc_macro"]):
        assert abs(m["roc_auc_macro"] - roc_auc_score(Y, S, average="macro")) < 1e-15
    m["roc_auc_micro"] = roc_auc(Y.ravel(), S.ravel())
    aps = [average_precision(Y[:, j], S[:, j], zd) for j in range(Y.shape[1])]
    m["average_precision_macro"] = np.mean(aps)
    if zd == "zero":
        assert abs(m["average_precision_macro"] - average_precision_score(Y, S, average="macro")) < 1e-15
    m["average_precision_micro"] = average_precision(Y.ravel(), S.ravel(), zd)
    per_target = {}
    for j, name in enumerate(names):
        raw = [None if v < 0 else int(v) for v in P_raw[:, j]]
        tm, tc, _ = binary_expected(list(Y[:, j]), raw, list(S[:, j]), [0, 1], 1, zd, beta, [])
        tm = {k: v for k, v in tm.items() if not k.endswith(("_macro", "_micro", "_weighted"))}
        tm["support"] = tc["1"]["support"]
        per_target[name] = tm
    return m, per_target


def clean(values):
    return {k: fl(v) for k, v in values.items()}


# ---------------------------------------------------------------- cases

OPS = [["fpr", 0.1], ["fpr", 0.0], ["recall", 0.9], ["tpr", 0.5], ["precision", 0.8],
       ["precision", 1.0]]


def binary_case(name, seed, n, prevalence, decimals, zd, beta, labels=(0, 1), pos=1,
                missing=0, pred="score", logits=False, truth=None):
    g = np.random.default_rng(seed)
    labels = list(labels)
    neg = labels[1 - labels.index(pos)]
    y = (g.random(n) < prevalence).astype(int) if truth is None else np.full(n, truth)
    raw = np.where(y == 1, 0.8, -0.8) + g.standard_normal(n)
    scores = np.round(raw if logits else 1 / (1 + np.exp(-raw)), decimals)
    threshold = 0.0 if logits else 0.5
    if pred == "score":
        hard = scores >= threshold
    elif pred == "negative":
        hard = np.zeros(n, dtype=bool)
    y_true = [pos if v else neg for v in y]
    y_pred = [pos if v else neg for v in hard]
    for i in g.choice(n, size=missing, replace=False):
        y_pred[int(i)] = None
    m, classes, cm = binary_expected(y_true, y_pred, list(scores), labels, pos, zd, beta, OPS)
    return {
        "name": name, "kind": "binary", "labels": [str(v) for v in labels],
        "positive": labels.index(pos), "zero_division": zd, "beta": beta,
        "operating_points": OPS,
        "y_true": [str(v) for v in y_true],
        "y_pred": [None if v is None else str(v) for v in y_pred],
        "scores": [float(v) for v in scores],
        "expected": {"metrics": clean(m), "per_class": {k: clean(v) for k, v in classes.items()},
                     "confusion": cm.astype(float).tolist()},
    }


def multiclass_case(name, seed, n, labels, zd, beta, missing=0, never_predicted=(),
                    absent=(), accuracy=0.6):
    g = np.random.default_rng(seed)
    k = len(labels)
    present = [c for c in range(k) if c not in absent]
    prior = np.array([1.0 / (i + 1) for i in range(len(present))])
    y = g.choice(present, size=n, p=prior / prior.sum())
    wrong = (y + g.integers(1, k, size=n)) % k
    p = np.where(g.random(n) < accuracy, y, wrong)
    for c in never_predicted:
        p = np.where(p == c, (c + 1) % k, p)
    y_true = [labels[v] for v in y]
    y_pred = [labels[v] for v in p]
    for i in g.choice(n, size=missing, replace=False):
        y_pred[int(i)] = None
    m, classes, cm = multiclass_expected(y_true, y_pred, labels, zd, beta)
    return {
        "name": name, "kind": "multiclass", "labels": [str(v) for v in labels],
        "positive": None, "zero_division": zd, "beta": beta, "operating_points": [],
        "y_true": [str(v) for v in y_true],
        "y_pred": [None if v is None else str(v) for v in y_pred], "scores": None,
        "expected": {"metrics": clean(m), "per_class": {k: clean(v) for k, v in classes.items()},
                     "confusion": cm.astype(float).tolist()},
    }


def multilabel_case(name, seed, n, zd, beta, missing=0, constant=None):
    g = np.random.default_rng(seed)
    names = ["smile", "glasses", "hat", "beard"]
    prevalence = np.array([0.5, 0.3, 0.15, 0.05])
    Y = (g.random((n, 4)) < prevalence).astype(int)
    if constant:
        for j, v in constant.items():
            Y[:, j] = v
    S = np.round(1 / (1 + np.exp(-(np.where(Y == 1, 1.0, -1.0) + g.standard_normal((n, 4))))), 2)
    P = (S >= 0.5).astype(int)
    P[: n // 10] = 0  # rows with no predicted label
    if not constant:
        Y[: n // 20] = 0  # and rows with no true label
    for i in g.choice(n * 4, size=missing, replace=False):
        P[int(i) // 4, int(i) % 4] = -1
    m, per_target = multilabel_expected(Y, P, S, names, zd, beta)
    return {
        "name": name, "kind": "multilabel", "labels": names, "positive": None,
        "zero_division": zd, "beta": beta, "operating_points": [],
        "y_true": Y.tolist(), "y_pred": [[None if v < 0 else int(v) for v in row] for row in P],
        "scores": S.tolist(),
        "expected": {"metrics": clean(m),
                     "per_class": {k: clean(v) for k, v in per_target.items()}},
    }


def cases():
    out = [
        binary_case("binary_balanced", 11, 300, 0.5, 4, "nan", 2.0),
        binary_case("binary_imbalanced_ties2", 12, 400, 0.07, 2, "zero", 0.5, missing=10),
        binary_case("binary_ties1", 13, 250, 0.4, 1, "one", 2.0, missing=4),
        binary_case("binary_string_positive_first", 14, 220, 0.35, 1, "nan", 3.0,
                    labels=("cat", "dog"), pos="cat", missing=6, logits=True),
    ]
    for zd in POLICIES:
        out.append(binary_case(f"binary_never_predicted_positive_{zd}", 15, 120, 0.3, 3, zd,
                               2.0, pred="negative"))
    for zd in ("nan", "zero"):
        out.append(binary_case(f"binary_all_positive_truth_{zd}", 16, 80, 1.0, 2, zd, 2.0,
                               truth=1))
    for zd in ("nan", "one"):
        out.append(binary_case(f"binary_all_negative_truth_{zd}", 17, 80, 0.0, 2, zd, 2.0,
                               truth=0, missing=3))
    out.append(multiclass_case("multiclass_5", 21, 500, [0, 1, 2, 3, 4], "nan", 2.0, missing=15))
    out.append(multiclass_case("multiclass_strings", 22, 300, ["car", "bus", "truck", "bike", "van"],
                               "zero", 0.5, missing=5))
    for zd in POLICIES:
        out.append(multiclass_case(f"multiclass_never_predicted_{zd}", 23, 300,
                                   ["a", "b", "c", "d", "e"], zd, 2.0, never_predicted=(4,)))
        out.append(multiclass_case(f"multiclass_absent_truth_{zd}", 24, 300,
                                   ["a", "b", "c", "d", "e"], zd, 2.0, absent=(3, 4),
                                   never_predicted=(4,), missing=7))
    for zd in POLICIES:
        out.append(multilabel_case(f"multilabel_4_{zd}", 31, 240, zd, 2.0, missing=12))
    for zd in ("nan", "zero"):
        out.append(multilabel_case(f"multilabel_constant_targets_{zd}", 32, 160, zd, 0.5,
                                   constant={2: 1, 3: 0}))
    return out


def main():
    warnings.simplefilter("ignore")
    doc = {"generator": "Tests/Fixtures/sklearn/make_fixtures.py",
           "sklearn": sklearn.__version__, "cases": cases()}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "classification.json")
    text = json.dumps(doc, separators=(",", ":"), allow_nan=False)
    with open(path, "w") as f:
        f.write(text + "\n")
    print(f"wrote {len(doc['cases'])} cases to classification.json ({len(text)} bytes)")


if __name__ == "__main__":
    main()
