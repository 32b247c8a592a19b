"""McNemar exact p-values from statsmodels, for Tests/EvalKitMetricsTests/McNemarTests.swift.

    python3 Tests/Fixtures/paired/make_fixtures.py   # writes mcnemar.json beside this script
Needs statsmodels 0.15 (pip install statsmodels==0.15.0).
"""
import json
import os

import statsmodels
from statsmodels.stats.contingency_tables import mcnemar

cases = [(0, 0), (1, 0), (3, 5), (10, 10), (12, 30), (0, 25), (100, 130), (1000, 1100), (5000, 5300), (40000, 40900), (7, 1)]
out = {"statsmodels": statsmodels.__version__, "cases": []}
for b, c in cases:
    # table rows: first run right/wrong; columns: second run right/wrong. b = right only in the
    # first run (row right, column wrong), c = right only in the second.
    table = [[50, b], [c, 20]]
    result = mcnemar(table, exact=True)
    out["cases"].append({"only_first": b, "only_second": c, "p_value": float(result.pvalue)})
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mcnemar.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print(f"wrote {len(cases)} cases to {path}")


def paired_bootstrap_fixture():
    """A paired row bootstrap of the F1 drop between two prediction sets on the same items,
    with numpy (2,000 replicates), for PairedBootstrapTests: evalkit's joint-multinomial paired
    bootstrap must agree within Monte Carlo error."""
    import numpy as np
    from sklearn.metrics import f1_score

    rng = np.random.default_rng(11)
    n = 3000
    y = (rng.random(n) < 0.35).astype(int)
    a = np.where(rng.random(n) < 0.82, y, 1 - y)          # baseline: 82% right
    b = np.where(rng.random(n) < 0.06, 1 - a, a)           # candidate: 6% of answers flipped
    drops = []
    for _ in range(2000):
        idx = rng.integers(0, n, n)
        drops.append(f1_score(y[idx], a[idx]) - f1_score(y[idx], b[idx]))
    lo, hi = np.percentile(drops, [2.5, 97.5])
    return {"y": y.tolist(), "before": a.tolist(), "after": b.tolist(),
            "f1_before": float(f1_score(y, a)), "f1_after": float(f1_score(y, b)),
            "numpy_drop_interval": [float(lo), float(hi)], "replicates": 2000}


if __name__ == "__main__":
    fixture = paired_bootstrap_fixture()
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "paired_bootstrap.json")
    with open(path, "w") as f:
        json.dump(fixture, f)
    print(f"wrote {path}")
