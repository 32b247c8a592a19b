"""Reference values for evalkit's multiclass probability metrics, computed with scikit-learn.

Writes probability.json next to this script: a list of cases, each with its inputs (labels in
scikit-learn's column order, y_true as column indices, one score row per item, the k of top-k)
and scikit-learn's value for every key evalkit reports (docs/metrics.md, "Multiclass
probability metrics"):

    roc_auc_ovr_macro, roc_auc_ovr_weighted   roc_auc_score(multi_class="ovr", average=...)
    roc_auc_ovo_macro, roc_auc_ovo_weighted   roc_auc_score(multi_class="ovo", average=...)
    log_loss                                  log_loss(labels=...)
    top_k_accuracy@k=<k>                      top_k_accuracy_score(k=..., labels=...)

    pip install scikit-learn==1.9.1 && python3 Tests/Fixtures/probability/make_fixtures.py

Deterministic: each case draws from its own seeded numpy Generator. Where scikit-learn's public
function refuses an input that evalkit accepts, this script says so and calls the code the
public function would have run, never a re-implementation:
- rows not summing to 1: roc_auc_score(multi_class=...) raises; evalkit ranks the scores as
  given. OvR is then roc_auc_score on the one-hot truth (the multilabel path, which is the same
  per-column binary AUC average without the check); OvO is sklearn's own
  _average_multiclass_ovo_score(_binary_roc_auc_score, ...). The script asserts that both equal
  the public function on every case whose rows do sum to 1.
- a class without true samples (a slice lacking a class): OvR raises ("Only one class present");
  evalkit leaves the class out of both averages, so the reference is the same multilabel call on
  the columns of the classes present. OvO already uses only the classes present in y_true.
- a score above 1: log_loss raises; evalkit reports log_loss as undefined (null here).
"""
import json
import math
import os
import warnings

import numpy as np
import sklearn
from sklearn.metrics import log_loss, roc_auc_score, top_k_accuracy_score
from sklearn.metrics._ranking import _average_multiclass_ovo_score, _binary_roc_auc_score

HERE = os.path.dirname(os.path.abspath(__file__))


def fl(x):
    return None if x is None or math.isnan(float(x)) else float(x)


def reference(labels, y, scores, top_k):
    """scikit-learn's values for one case (see the module docstring for the exceptions)."""
    k = len(labels)
    y_labels = np.array([labels[i] for i in y])
    onehot = np.zeros((len(y), k))
    onehot[np.arange(len(y)), y] = 1
    present = [c for c in range(k) if 0 < onehot[:, c].sum() < len(y)]
    normalised = np.allclose(1, scores.sum(axis=1))
    out = {}
    for average in ("macro", "weighted"):
        ovr = roc_auc_score(onehot[:, present], scores[:, present], average=average) if present else None
        ovo = (_average_multiclass_ovo_score(_binary_roc_auc_score, np.asarray(y), scores, average=average)
               if len(set(y)) >= 2 else None)
        if normalised and len(present) == k:
            assert ovr == roc_auc_score(y_labels, scores, multi_class="ovr", average=average, labels=labels)
        if normalised and len(set(y)) >= 2:
            assert ovo == roc_auc_score(y_labels, scores, multi_class="ovo", average=average, labels=labels)
        out["roc_auc_ovr_" + average] = fl(ovr)
        out["roc_auc_ovo_" + average] = fl(ovo)
    if scores.max() > 1:
        try:
            log_loss(y_labels, scores, labels=labels)
            raise AssertionError("log_loss accepted a score above 1")
        except ValueError:
            out["log_loss"] = None
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out["log_loss"] = fl(log_loss(y_labels, scores, labels=labels))
    for top in top_k:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out[f"top_k_accuracy@k={top}"] = fl(top_k_accuracy_score(y_labels, scores, k=top, labels=labels))
    return out


def dirichlet_case(seed, k, n, *, decimals=None, unnormalised=False, absent=(), above_one=False):
    rng = np.random.default_rng(seed)
    classes = [c for c in range(k) if c not in absent]
    y = rng.choice(classes, size=n)
    alpha = np.full(k, 0.6)
    scores = rng.dirichlet(alpha, size=n)
    # Make the model informative: move weight towards the true class for most rows.
    informative = rng.random(n) < 0.7
    scores[informative, y[informative]] += rng.random(informative.sum()) * 1.5
    scores /= scores.sum(axis=1, keepdims=True)
    if unnormalised:
        scores *= rng.uniform(0.3, 1.0, size=(n, 1))
    if decimals is not None:
        scores = np.round(scores, decimals)
    if above_one:
        scores[0, 0] = 1.25
    return [int(v) for v in y], scores


def main():
    cases = []

    def add(name, labels, y, scores, top_k):
        scores = np.asarray(scores, dtype=float)
        cases.append({
            "name": name,
            "labels": labels,
            "y_true": [int(v) for v in y],
            "scores": [[float(v) for v in row] for row in scores],
            "top_k": top_k,
            "expected": reference(labels, np.asarray(y), scores, top_k),
        })

    letters = [chr(ord("a") + i) for i in range(10)]
    add("three classes, continuous", letters[:3], *dirichlet_case(1, 3, 60), [1, 2, 3])
    add("four classes, ties (1 decimal)", letters[:4], *dirichlet_case(2, 4, 80, decimals=1), [1, 2, 3, 4])
    add("five classes, heavy ties (0 decimals)", letters[:5], *dirichlet_case(3, 5, 50, decimals=0), [1, 2, 5, 7])
    add("six classes, unnormalised rows", letters[:6], *dirichlet_case(4, 6, 120, unnormalised=True), [1, 3])
    add("seven classes, unnormalised with ties", letters[:7], *dirichlet_case(5, 7, 90, unnormalised=True, decimals=2), [2, 6])
    add("four classes, class 'c' absent (a slice)", letters[:4], *dirichlet_case(6, 4, 40, absent=(2,)), [1, 2])
    add("five classes, two absent", letters[:5], *dirichlet_case(7, 5, 30, absent=(0, 4), decimals=1), [1, 3])
    add("ten classes, 400 rows", [str(i) for i in range(10)], *dirichlet_case(8, 10, 400, decimals=3), [1, 2, 3, 5, 10, 12])
    add("eight classes, ties, k larger than classes", letters[:8], *dirichlet_case(9, 8, 64, decimals=1), [1, 8, 9])
    add("three classes, a score above 1", letters[:3], *dirichlet_case(10, 3, 20, above_one=True), [1])
    add("three classes, exact zeros and ones", letters[:3],
        [0, 1, 2, 0, 1, 2, 0, 1], [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 0], [0.5, 0.5, 0], [0, 0, 1], [0.2, 0.3, 0.5], [1 / 3, 1 / 3, 1 / 3]],
        [1, 2])
    add("three classes, all tied rows", letters[:3],
        [0, 1, 2, 2, 1, 0], [[1 / 3] * 3] * 6, [1, 2])

    path = os.path.join(HERE, "probability.json")
    with open(path, "w") as f:
        json.dump({"generator": "make_fixtures.py", "sklearn": sklearn.__version__, "numpy": np.__version__,
                   "cases": cases}, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {path} (scikit-learn {sklearn.__version__}, numpy {np.__version__})")


if __name__ == "__main__":
    main()
