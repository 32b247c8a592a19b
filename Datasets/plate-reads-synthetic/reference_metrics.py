#!/usr/bin/env python3
"""Reference values for Datasets/plate-reads-synthetic with jiwer (reference_metrics.json).

The normalisation of Schemes/plate-reads.json (`"spaces": "remove"`, `"case": "insensitive"`) is
applied through jiwer transforms (ToLowerCase, then SubstituteRegexes removing every whitespace
character), then `jiwer.process_characters` gives the character error rate and its hits,
substitutions, deletions and insertions. Overall and per value of each slicing attribute:
  cer            (S + D + I) / (H + S + D)          jiwer's corpus cer
  char_accuracy  H / (H + S + D)
  exact_match    items whose normalised read equals the normalised plate / items
  items, hits, substitutions, deletions, insertions

    pip install jiwer==4.0.0
    python3 Datasets/plate-reads-synthetic/reference_metrics.py
"""
import csv
import json
import os
from importlib.metadata import version

import jiwer

HERE = os.path.dirname(os.path.abspath(__file__))
ATTRIBUTES = ["lighting", "camera"]
TRANSFORM = jiwer.Compose([jiwer.ToLowerCase(), jiwer.SubstituteRegexes({r"\s+": ""})])
CHARS = jiwer.Compose([TRANSFORM, jiwer.ReduceToListOfListOfChars()])


def measure(pairs):
    refs = [p[0] for p in pairs]
    hyps = [p[1] for p in pairs]
    out = jiwer.process_characters(refs, hyps, reference_transform=CHARS, hypothesis_transform=CHARS)
    n = out.hits + out.substitutions + out.deletions
    exact = sum(1 for r, h in pairs if TRANSFORM(r) == TRANSFORM(h))
    return {"items": len(pairs), "cer": out.cer, "char_accuracy": out.hits / n, "exact_match": exact / len(pairs),
            "hits": out.hits, "substitutions": out.substitutions, "deletions": out.deletions,
            "insertions": out.insertions}


def main():
    truth = {r["id"]: r for r in csv.DictReader(open(os.path.join(HERE, "ground_truth.csv"), newline=""))}
    reads = {r["id"]: r["text"] for r in csv.DictReader(open(os.path.join(HERE, "predictions.csv"), newline=""))}
    rows = [(truth[i]["plate"], reads[i], truth[i]) for i in truth]
    result = {"generator": "reference_metrics.py", "jiwer": version("jiwer"), "rapidfuzz": version("rapidfuzz"),
              "options": {"spaces": "remove", "case": "insensitive"},
              "overall": measure([(r, h) for r, h, _ in rows]), "slices": []}
    for attribute in ATTRIBUTES:
        for value in sorted({t[attribute] for _, _, t in rows}):
            pairs = [(r, h) for r, h, t in rows if t[attribute] == value]
            result["slices"].append({"by": {attribute: value}, "metrics": measure(pairs)})
    with open(os.path.join(HERE, "reference_metrics.json"), "w") as f:
        f.write(json.dumps(result, indent=2) + "\n")
    o = result["overall"]
    print(f"cer {o['cer']:.4f}, char_accuracy {o['char_accuracy']:.4f}, exact_match {o['exact_match']:.4f}")


if __name__ == "__main__":
    main()
