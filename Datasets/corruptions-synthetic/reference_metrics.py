#!/usr/bin/env python3
"""Reference values for Datasets/corruptions-synthetic (reference_metrics.json), standard library only.

Binary classification with positive label 1, from the `pred` column, computed from the confusion
counts as scikit-learn 1.9.1 defines them (accuracy_score, precision_score, recall_score, f1_score;
fpr = fp / (fp + tn)), overall and per condition, and the robustness view of
Schemes/corruptions-robustness.json (docs/metrics.md, "Robustness"): for each condition other than
the clean one (`none`) and each metric,
  change           condition - clean
  relative_change  (condition - clean) / |clean|   (null when clean is 0)
Conditions with fewer than MIN_SLICE_SIZE items are listed with their count only (`suppressed`).

    python3 Datasets/corruptions-synthetic/reference_metrics.py
"""
import csv
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
CLEAN = "none"
MIN_SLICE_SIZE = 30
METRICS = ["accuracy", "precision", "recall", "f1", "fpr"]


def measure(pairs):
    tp = sum(1 for t, p in pairs if t == 1 and p == 1)
    fp = sum(1 for t, p in pairs if t == 0 and p == 1)
    fn = sum(1 for t, p in pairs if t == 1 and p == 0)
    tn = sum(1 for t, p in pairs if t == 0 and p == 0)
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else None
    return {"count": len(pairs), "accuracy": (tp + tn) / len(pairs), "precision": precision, "recall": recall,
            "f1": f1, "fpr": fp / (fp + tn) if fp + tn else None, "tp": tp, "fp": fp, "fn": fn, "tn": tn}


def main():
    truth = {r["id"]: r for r in csv.DictReader(open(os.path.join(HERE, "ground_truth.csv"), newline=""))}
    pred = {r["id"]: int(r["pred"]) for r in csv.DictReader(open(os.path.join(HERE, "predictions.csv"), newline=""))}
    by_condition = {}
    for i, row in truth.items():
        by_condition.setdefault(row["condition"], []).append((int(row["person"]), pred[i]))
    overall = measure([pair for pairs in by_condition.values() for pair in pairs])
    conditions = {name: measure(pairs) for name, pairs in sorted(by_condition.items())}
    clean = conditions[CLEAN]
    robustness = []
    for name, values in conditions.items():
        if name == CLEAN:
            continue
        entry = {"value": name, "count": values["count"], "suppressed": values["count"] < MIN_SLICE_SIZE, "metrics": {}}
        if not entry["suppressed"]:
            for m in METRICS:
                change = values[m] - clean[m]
                entry["metrics"][m] = {"value": values[m], "clean": clean[m], "change": change,
                                       "relative_change": change / abs(clean[m]) if clean[m] else None}
        robustness.append(entry)
    out = {"generator": "reference_metrics.py", "positive": "1", "overall": overall,
           "conditions": conditions,
           "robustness": {"attribute": "condition", "clean": CLEAN, "min_slice_size": MIN_SLICE_SIZE, "conditions": robustness}}
    with open(os.path.join(HERE, "reference_metrics.json"), "w") as f:
        f.write(json.dumps(out, indent=2) + "\n")
    for name, values in conditions.items():
        print(f"{name:6s} n={values['count']:4d} accuracy={values['accuracy']:.4f} recall={values['recall']:.4f} f1={values['f1']:.4f}")


if __name__ == "__main__":
    main()
