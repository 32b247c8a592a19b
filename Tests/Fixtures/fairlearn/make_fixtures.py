"""Reference values for evalkit's disparity measures, computed with Fairlearn.

Writes fairness.json next to this script: binary datasets with one or two sensitive features and,
for each, Fairlearn's MetricFrame results (by_group, overall, group_min, group_max, difference and
ratio with method="between_groups" and "to_overall") and its fairness functions
(demographic_parity_*, equalized_odds_* with agg="worst_case" and "mean", equal_opportunity_*).

    ~/.cache/evalkit-peers-venv/bin/python Tests/Fixtures/fairlearn/make_fixtures.py
    # fairlearn 0.15.0, scikit-learn 1.9.1, pandas 3.x, numpy 2.x

Deterministic: each case draws from its own seeded numpy Generator; the output is byte-identical
on every run. Only the summary line is printed.

Conventions shared with the Swift tests (Tests/EvalKitMetricsTests/FairnessFixtureTests.swift):
- y_true / y_pred are 0/1 with 1 the positive class; sensitive feature values are strings.
- Groups are listed in Fairlearn's by_group order (sorted; with two features every combination,
  including combinations without rows, whose values are all NaN).
- NaN is written as null.
- Metrics: Fairlearn's `selection_rate`, `true_positive_rate` ("tpr"), `false_positive_rate`
  ("fpr"), `false_negative_rate` ("fnr"), scikit-learn's `precision_score`, `accuracy_score`,
  Fairlearn's `count`; plus "tpr_nan" and "precision_nan" = recall_score / precision_score with
  zero_division=np.nan, so that groups where the value is undefined are skipped by Fairlearn's
  min/max exactly as evalkit leaves out undefined slices. The default metrics take 0/0 as 0
  (scikit-learn's confusion_matrix(normalize="true") then nan_to_num, and zero_division="warn").
- "value_cases": Fairlearn's group_min/group_max/difference/ratio of arbitrary per-group values
  (negative, zero, NaN, above 1) through a metric that returns them, for the task-independent
  Disparities functions.
- "suppressed": the same computations on the rows of the groups with at least `min_slice_size`
  rows only (between_groups), which is what evalkit reports when the smaller groups are
  suppressed.
"""
import json
import math
import os
import warnings

import fairlearn
import numpy as np
import pandas as pd
import sklearn
from fairlearn.metrics import (
    MetricFrame,
    count,
    demographic_parity_difference,
    demographic_parity_ratio,
    equal_opportunity_difference,
    equal_opportunity_ratio,
    equalized_odds_difference,
    equalized_odds_ratio,
    false_negative_rate,
    false_positive_rate,
    selection_rate,
    true_positive_rate,
)
from sklearn.metrics import accuracy_score, precision_score, recall_score

warnings.simplefilter("ignore")  # zero-division warnings are the point of several cases

METRICS = {
    "selection_rate": selection_rate,
    "tpr": true_positive_rate,
    "fpr": false_positive_rate,
    "fnr": false_negative_rate,
    "precision": precision_score,
    "accuracy": accuracy_score,
    "count": count,
    "tpr_nan": lambda t, p: recall_score(t, p, zero_division=np.nan),
    "precision_nan": lambda t, p: precision_score(t, p, zero_division=np.nan),
}
METHODS = ("between_groups", "to_overall")


def fl(x):
    """A JSON-safe float (NaN -> None, infinities -> "inf" / "-inf")."""
    x = float(x)
    if math.isnan(x):
        return None
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def series(s):
    return {k: fl(v) for k, v in s.items()}


def fairness_functions(y_true, y_pred, sf, methods):
    out = {}
    for name, fn in (
        ("demographic_parity_difference", demographic_parity_difference),
        ("demographic_parity_ratio", demographic_parity_ratio),
        ("equal_opportunity_difference", equal_opportunity_difference),
        ("equal_opportunity_ratio", equal_opportunity_ratio),
    ):
        out[name] = {m: fl(fn(y_true, y_pred, sensitive_features=sf, method=m)) for m in methods}
    for name, fn in (
        ("equalized_odds_difference", equalized_odds_difference),
        ("equalized_odds_ratio", equalized_odds_ratio),
    ):
        out[name] = {
            agg: {m: fl(fn(y_true, y_pred, sensitive_features=sf, method=m, agg=agg)) for m in methods}
            for agg in ("worst_case", "mean")
        }
    return out


def frame(y_true, y_pred, sf):
    return MetricFrame(metrics=METRICS, y_true=y_true, y_pred=y_pred, sensitive_features=sf)


def case(name, y_true, y_pred, features, min_slice_size, note):
    y_true = np.asarray(y_true, dtype=int)
    y_pred = np.asarray(y_pred, dtype=int)
    names = list(features)
    sf = pd.DataFrame({k: np.asarray(v, dtype=str) for k, v in features.items()})
    mf = frame(y_true, y_pred, sf)
    groups = []
    for key, row in mf.by_group.iterrows():
        key = key if isinstance(key, tuple) else (key,)
        groups.append({"key": [str(k) for k in key], "values": series(row)})
    expected = {
        "overall": series(mf.overall),
        "by_group": groups,
        "group_min": series(mf.group_min()),
        "group_max": series(mf.group_max()),
        "difference": {m: series(mf.difference(method=m)) for m in METHODS},
        "ratio": {m: series(mf.ratio(method=m)) for m in METHODS},
        "functions": fairness_functions(y_true, y_pred, sf, METHODS),
    }
    # Suppression: Fairlearn on the rows of the groups that keep at least min_slice_size rows.
    sizes = sf.groupby(names).size()
    kept = {k if isinstance(k, tuple) else (k,) for k, n in sizes.items() if n >= min_slice_size}
    mask = np.array([tuple(r) in kept for r in sf.itertuples(index=False)])
    smf = frame(y_true[mask], y_pred[mask], sf[mask].reset_index(drop=True))
    suppressed = {
        "group_min": series(smf.group_min()),
        "group_max": series(smf.group_max()),
        "difference": series(smf.difference()),
        "ratio": series(smf.ratio()),
        "functions": fairness_functions(
            y_true[mask], y_pred[mask], sf[mask].reset_index(drop=True), ("between_groups",)),
    }
    return {
        "name": name,
        "note": note,
        "sensitive_features": names,
        "min_slice_size": min_slice_size,
        "y_true": y_true.tolist(),
        "y_pred": y_pred.tolist(),
        "features": {k: sf[k].tolist() for k in names},
        "expected": expected,
        "suppressed": suppressed,
    }


def value_case(values, overall, note):
    """Fairlearn's aggregations of arbitrary per-group values (any metric of any task): a metric
    that returns values[g] on group g's rows and `overall` on all rows."""
    n = len(values)
    groups = np.array([f"s{j}" for j in range(n)])
    index = np.arange(n)

    def metric(y_true, y_pred):
        return overall if len(y_true) == n else values[int(y_true[0])]

    mf = MetricFrame(metrics={"m": metric}, y_true=index, y_pred=index, sensitive_features=groups)
    return {
        "note": note,
        "values": [fl(v) for v in values],
        "overall": fl(overall),
        "by_group": [fl(v) for v in mf.by_group["m"]],
        "group_min": fl(mf.group_min()["m"]),
        "group_max": fl(mf.group_max()["m"]),
        "difference": {m: fl(mf.difference(method=m)["m"]) for m in METHODS},
        "ratio": {m: fl(mf.ratio(method=m)["m"]) for m in METHODS},
    }


VALUE_CASES = [
    ([0.2, 0.5, 0.5, 0.1, 0.1], 0.3, "ties"),
    ([-1.0, 2.0, -1.0], -1.0, "negative values: the ratio is not folded between groups"),
    ([-2.0, -1.0], -1.5, "all negative: min/max above 1"),
    ([0.0, 0.0, 0.0], 0.0, "all zero: 0/0"),
    ([0.0, 0.5, -0.5], 0.0, "overall 0: the to_overall ratios are NaN, inf (folded to 0), -inf"),
    ([-3.0, 0.0], 1.0, "max 0 with a negative min: -inf"),
    ([0.0, 0.25], 0.2, "min 0: ratio 0"),
    ([math.nan, 0.4, math.nan, 0.8], 0.6, "undefined groups are skipped"),
    ([math.nan, math.nan], math.nan, "nothing defined"),
    ([0.3, 0.6], math.nan, "overall undefined"),
    ([1.0, 2.5, 4.0], 2.0, "values above 1 (counts, error rates)"),
    ([0.1 * k for k in range(1, 8)], 0.35, "seven slices"),
]


def group_rows(rng, group, n, prevalence, tpr, fpr):
    """n rows of one group: truth with the given prevalence, predictions with the given rates."""
    y = (rng.random(n) < prevalence).astype(int)
    u = rng.random(n)
    p = np.where(y == 1, u < tpr, u < fpr).astype(int)
    return y, p, [group] * n


def assemble(rng, specs):
    ys, ps, gs = [], [], []
    for spec in specs:
        y, p, g = group_rows(rng, *spec)
        ys.append(y)
        ps.append(p)
        gs += g
    y, p, g = np.concatenate(ys), np.concatenate(ps), np.array(gs, dtype=object)
    order = rng.permutation(len(y))
    return y[order], p[order], g[order]


def main():
    cases = []

    rng = np.random.default_rng(101)
    y, p, g = assemble(rng, [
        ("White", 160, 0.40, 0.75, 0.20),
        ("Black", 120, 0.45, 0.60, 0.35),
        ("Asian", 60, 0.00, 0.70, 0.25),      # no positives: TPR 0/0
        ("Hispanic", 70, 0.35, 0.00, 0.00),   # no predicted positives: precision 0/0
        ("Other", 3, 0.50, 0.50, 0.50),       # tiny group (suppressed below 5)
    ])
    cases.append(case("one_feature_edge_groups", y, p, {"race": g}, 5,
                      "a group without positives, one without predicted positives, a tiny group"))

    rng = np.random.default_rng(202)
    specs = [
        (("Female", "A"), 110, 0.35, 0.70, 0.15),
        (("Female", "B"), 90, 0.50, 0.55, 0.30),
        (("Female", "C"), 40, 0.00, 0.60, 0.20),   # no positives
        (("Female", "D"), 25, 0.40, 0.65, 0.25),   # D exists only for Female: (Male, D) has no rows
        (("Male", "A"), 130, 0.45, 0.80, 0.25),
        (("Male", "B"), 70, 0.40, 0.00, 0.00),     # no predicted positives
        (("Male", "C"), 4, 0.50, 0.50, 0.50),      # tiny
    ]
    ys, ps, sexes, races = [], [], [], []
    for (sex, race), n, prev, tpr, fpr in specs:
        yy, pp, _ = group_rows(rng, None, n, prev, tpr, fpr)
        ys.append(yy)
        ps.append(pp)
        sexes += [sex] * n
        races += [race] * n
    order = rng.permutation(sum(s[1] for s in specs))
    y, p = np.concatenate(ys)[order], np.concatenate(ps)[order]
    sexes, races = np.array(sexes)[order], np.array(races)[order]
    cases.append(case("two_features_intersections", y, p, {"sex": sexes, "race": races}, 10,
                      "sex x race: a cell without positives, one without predicted positives, "
                      "a tiny cell and a combination without rows"))

    rng = np.random.default_rng(303)
    y, p, g = assemble(rng, [("a", 20, 0.5, 0.0, 0.3), ("b", 25, 0.4, 0.0, 0.1)])
    cases.append(case("every_tpr_zero", y, p, {"group": g}, 1,
                      "TPR is 0 in every group: the TPR ratio is 0/0 (NaN)"))

    rng = np.random.default_rng(404)
    y, p, g = assemble(rng, [("a", 30, 0.5, 0.6, 0.0), ("b", 20, 0.4, 0.9, 0.0), ("c", 25, 0.3, 0.4, 0.0)])
    cases.append(case("no_false_positives", y, p, {"group": g}, 1,
                      "FPR is 0 in every group: the FPR ratio is 0/0 (NaN)"))

    for seed in (11, 12, 13):
        rng = np.random.default_rng(seed)
        k = int(rng.integers(2, 6))
        specs = [(f"g{j}", int(rng.integers(6, 120)), float(rng.uniform(0.15, 0.8)),
                  float(rng.uniform(0.2, 0.95)), float(rng.uniform(0.05, 0.6))) for j in range(k)]
        y, p, g = assemble(rng, specs)
        second = rng.choice(np.array(["u", "v"]), size=len(y))
        cases.append(case(f"random_seed_{seed}", y, p, {"attr": g, "other": second}, 8,
                          "random group sizes and rates, two features"))

    # Fairlearn user guide example (docs/user_guide/assessment/perform_fairness_assessment.rst
    # lines 146-149, MIT): recomputed here to full precision.
    y = [0, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1]
    p = [0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0]
    g = list("bbabbcccaacabccbcc")
    cases.append(case("fairlearn_user_guide", y, p, {"sensitive_feature_0": g}, 1,
                      "the 18-row example of Fairlearn's user guide"))

    values = [value_case(v, o, note) for v, o, note in VALUE_CASES]

    out = {
        "generator": "Tests/Fixtures/fairlearn/make_fixtures.py",
        "versions": {"fairlearn": fairlearn.__version__, "scikit-learn": sklearn.__version__,
                     "pandas": pd.__version__, "numpy": np.__version__},
        "metrics": list(METRICS),
        "cases": cases,
        "value_cases": values,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fairness.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1, sort_keys=False)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {path} (fairlearn {fairlearn.__version__})")


if __name__ == "__main__":
    main()
