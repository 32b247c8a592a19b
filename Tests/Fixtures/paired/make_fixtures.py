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
