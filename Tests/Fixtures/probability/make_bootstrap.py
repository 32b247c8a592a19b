"""A numpy row bootstrap of the probability metrics on the digits sample, for
ProbabilityBootstrapTests: how evalkit's Poisson replicate of ClassProbabilityState compares
with resampling whole rows.

Writes bootstrap.json next to this script: for each metric, the 2.5/97.5 percentiles and the
standard deviation of 1,000 replicates (numpy draws row indices with replacement; scikit-learn
1.9.1 computes each replicate; seed 3).

    pip install scikit-learn==1.9.1 && python3 Tests/Fixtures/probability/make_bootstrap.py
"""
import csv
import json
import os

import numpy as np
import sklearn
from sklearn.metrics import log_loss, roc_auc_score, top_k_accuracy_score

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = os.path.join(HERE, "..", "..", "..", "Datasets", "digits")
truth = {r["id"]: r["digit"] for r in csv.DictReader(open(os.path.join(DIGITS, "ground_truth.csv")))}
rows = list(csv.DictReader(open(os.path.join(DIGITS, "predictions.csv"))))
labels = [str(d) for d in range(10)]
y = np.array([truth[r["id"]] for r in rows])
S = np.array([[float(r["score_" + c]) for c in labels] for r in rows])

METRICS = {
    "roc_auc_ovr_macro": lambda y, S: roc_auc_score(y, S, multi_class="ovr", average="macro", labels=labels),
    "roc_auc_ovo_weighted": lambda y, S: roc_auc_score(y, S, multi_class="ovo", average="weighted", labels=labels),
    "log_loss": lambda y, S: log_loss(y, S, labels=labels),
    "top_k_accuracy@k=2": lambda y, S: top_k_accuracy_score(y, S, k=2, labels=labels),
}
rng = np.random.default_rng(3)
replicates = 1000
values = {name: [] for name in METRICS}
for _ in range(replicates):
    idx = rng.integers(0, len(y), size=len(y))
    for name, f in METRICS.items():
        values[name].append(f(y[idx], S[idx]))
out = {
    "sklearn": sklearn.__version__, "numpy": np.__version__, "replicates": replicates,
    "intervals": {k: [float(np.percentile(v, 2.5)), float(np.percentile(v, 97.5))] for k, v in values.items()},
    "std": {k: float(np.std(v)) for k, v in values.items()},
}
with open(os.path.join(HERE, "bootstrap.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(json.dumps(out, indent=1))
