"""A numpy row bootstrap of multilabel metrics, for MultilabelResamplingTests.

Writes bootstrap.json next to this script: 400 rows of 4 correlated binary targets (truth and
predictions; the targets share a latent "difficulty", so an item's targets are not independent)
and the 95% percentile intervals of a plain row bootstrap (2,000 replicates; numpy draws row
indices with replacement, scikit-learn 1.9.1 computes each replicate's metrics). evalkit's
bootstrap (multinomial over outcome-pattern counts) must agree within Monte Carlo error.

    pip install scikit-learn==1.9.1 && python3 Tests/Fixtures/multilabel/make_fixtures.py
"""
import json
import os

import numpy as np
import sklearn
from sklearn.metrics import accuracy_score, f1_score, hamming_loss, precision_score, recall_score

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(11)
n, k = 400, 4
latent = rng.normal(size=n)
truth = (rng.normal(size=(n, k)) + latent[:, None] > 0.3).astype(int)
flip = rng.random((n, k)) < 0.12 + 0.18 * (latent[:, None] > 0.8)
pred = np.where(flip, 1 - truth, truth)

METRICS = {
    "accuracy": lambda t, p: accuracy_score(t, p),
    "hamming_loss": lambda t, p: hamming_loss(t, p),
    "f1_macro": lambda t, p: f1_score(t, p, average="macro", zero_division=np.nan),
    "f1_micro": lambda t, p: f1_score(t, p, average="micro", zero_division=np.nan),
    "f1_samples": lambda t, p: f1_score(t, p, average="samples", zero_division=np.nan),
    "precision_weighted": lambda t, p: precision_score(t, p, average="weighted", zero_division=np.nan),
    "recall_samples": lambda t, p: recall_score(t, p, average="samples", zero_division=np.nan),
}
replicates = 2000
values = {name: [] for name in METRICS}
for _ in range(replicates):
    rows = rng.integers(0, n, size=n)
    for name, f in METRICS.items():
        values[name].append(f(truth[rows], pred[rows]))
out = {
    "sklearn": sklearn.__version__, "numpy": np.__version__, "replicates": replicates,
    "truth": truth.tolist(), "pred": pred.tolist(),
    "values": {name: float(f(truth, pred)) for name, f in METRICS.items()},
    "intervals": {name: [float(np.nanpercentile(v, 2.5)), float(np.nanpercentile(v, 97.5))] for name, v in values.items()},
    "std": {name: float(np.nanstd(v)) for name, v in values.items()},
}
with open(os.path.join(HERE, "bootstrap.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print("wrote bootstrap.json:", {k: [round(x, 4) for x in v] for k, v in out["intervals"].items()})
