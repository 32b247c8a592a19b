#!/usr/bin/env python3
"""Peer: py-motmetrics 1.4.0, CLEAR + Identity as its eval_motchallenge app computes them.

    python Benchmarks/peers/motmetrics_peer.py --root DIR

DIR is Benchmarks/gen_tracking.py's output (gt/<seq>.txt, tracker/<seq>.txt, the sequences listed in
sequences.csv). Per sequence, as `python -m motmetrics.apps.eval_motchallenge` does:
`mm.io.loadtxt(gt, fmt="mot15-2D", min_confidence=1)`, `mm.io.loadtxt(tracker, fmt="mot15-2D")`,
`mm.utils.compare_to_groundtruth(gt, ts, "iou", distth=0.5)`; then
`mh.compute_many(accs, names, metrics=mm.metrics.motchallenge_metrics, generate_overall=True)`.
Prints `BENCH_RESULT {json}` as its last line: phase seconds, the OVERALL row (py-motmetrics'
names) and the same values under TrackEval's names where they correspond (MOTP there is
1 - py-motmetrics' motp, which is a mean IoU distance). py-motmetrics does no MOT17 preprocessing
(no distractor classes here, so none is needed) and has no HOTA.

py-motmetrics 1.4.0 (the latest release on PyPI) calls `np.asfarray`, which NumPy 2 removed
(cheind/py-motmetrics#199, fixed on master by #200, unreleased): this script puts back the
function that fix uses (`np.asarray(a, dtype=float)`) before evaluating.
"""
import argparse
import csv
import json
import os
import time
import warnings

T0 = time.perf_counter()
import numpy as np  # noqa: E402
import motmetrics as mm  # noqa: E402

if not hasattr(np, "asfarray") or np.lib.NumpyVersion(np.__version__) >= "2.0.0":
    np.asfarray = lambda a, dtype=np.float64: np.asarray(a, dtype=dtype)  # cheind/py-motmetrics#200

T_IMPORT = time.perf_counter()
warnings.simplefilter("ignore", FutureWarning)

parser = argparse.ArgumentParser()
parser.add_argument("--root", required=True)
args = parser.parse_args()
with open(os.path.join(args.root, "sequences.csv"), newline="") as f:
    sequences = [row["sequence"] for row in csv.DictReader(f)]
gts = {s: mm.io.loadtxt(os.path.join(args.root, "gt", s + ".txt"), fmt="mot15-2D", min_confidence=1) for s in sequences}
tss = {s: mm.io.loadtxt(os.path.join(args.root, "tracker", s + ".txt"), fmt="mot15-2D") for s in sequences}
T_LOAD = time.perf_counter()
accs = [mm.utils.compare_to_groundtruth(gts[s], tss[s], "iou", distth=0.5) for s in sequences]
T_MATCH = time.perf_counter()
mh = mm.metrics.create()
summary = mh.compute_many(accs, names=sequences, metrics=list(mm.metrics.motchallenge_metrics), generate_overall=True)
T_COMPUTE = time.perf_counter()
overall = {k: (v.item() if hasattr(v, "item") else v) for k, v in summary.loc["OVERALL"].items()}
comparable = {"MOTA": overall["mota"], "MOTP": 1.0 - overall["motp"], "IDF1": overall["idf1"], "IDP": overall["idp"],
              "IDR": overall["idr"], "IDSW": int(overall["num_switches"]), "CLR_FP": int(overall["num_false_positives"]),
              "CLR_FN": int(overall["num_misses"]), "MT": int(overall["mostly_tracked"]), "PT": int(overall["partially_tracked"]),
              "ML": int(overall["mostly_lost"]), "Frag": int(overall["num_fragmentations"]), "CLR_Re": overall["recall"],
              "CLR_Pr": overall["precision"]}
phases = {"import": round(T_IMPORT - T0, 4), "load": round(T_LOAD - T_IMPORT, 4), "match (accumulators)": round(T_MATCH - T_LOAD, 4),
          "compute_many": round(T_COMPUTE - T_MATCH, 4)}
print("BENCH_RESULT " + json.dumps({"tool": "py-motmetrics", "version": mm.__version__, "lap_solver": mm.lap.default_solver,
                                    "phases": phases, "results": comparable, "overall": overall}, sort_keys=True, default=float), flush=True)
