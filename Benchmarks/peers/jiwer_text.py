"""Peer for the text benchmark: jiwer's corpus CER and exact match on the same CSV.

    python Benchmarks/peers/jiwer_text.py --csv PATH

Reads the file with the csv module, then `jiwer.cer(references, hypotheses)` (its default
transform strips the ends; the plates have no spaces) and the share of exact reads. Prints
`BENCH_RESULT <json>` last, with phase timings, as ../shared/bench/peers do.
"""
import argparse
import csv
import json
import time
from importlib.metadata import version

start = time.perf_counter()
import jiwer  # noqa: E402

phases = {"import": time.perf_counter() - start}
ap = argparse.ArgumentParser()
ap.add_argument("--csv", required=True)
a = ap.parse_args()
t = time.perf_counter()
with open(a.csv, newline="") as f:
    rows = list(csv.DictReader(f))
references = [r["plate"] for r in rows]
hypotheses = [r["pred"] for r in rows]
phases["load"] = time.perf_counter() - t
t = time.perf_counter()
cer = jiwer.cer(references, hypotheses)
exact = sum(r == h for r, h in zip(references, hypotheses)) / len(references)
phases["compute"] = time.perf_counter() - t
print("BENCH_RESULT " + json.dumps({"phases": phases, "results": {"cer": cer, "exact_match": exact},
                                    "impl": "jiwer", "version": version("jiwer"), "rows": len(rows)}), flush=True)
