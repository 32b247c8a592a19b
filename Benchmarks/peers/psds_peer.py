#!/usr/bin/env python3
"""Peer: psds_eval's PSDS over every distinct score threshold of a scored event table.

    python Benchmarks/peers/psds_peer.py --root DIR [--preset psds1|psds2]

DIR holds reference.csv (file,onset,offset,label), estimated.csv (+ score) and files.csv
(file,duration), as Benchmarks/gen_scored_events.py writes them. Every distinct score t gives an
operating point: the events scoring at least t (what evalkit's `"psds"` option computes). Prints
one line `BENCH_RESULT {json}` with the PSDS, the number of operating points and the seconds.
Runs in a venv with psds_eval 0.5.3 (pandas < 3): python3 -m venv /tmp/psds-venv &&
/tmp/psds-venv/bin/pip install psds_eval==0.5.3 pandas==2.2.3 numpy==1.26.4
"""
import argparse
import json
import os
import time

import pandas as pd
from psds_eval import PSDSEval

PRESETS = {"psds1": dict(dtc=0.7, gtc=0.7, cttc=0.3, alpha_ct=0.0, alpha_st=1.0, max_efpr=100),
           "psds2": dict(dtc=0.1, gtc=0.1, cttc=0.3, alpha_ct=0.5, alpha_st=1.0, max_efpr=100)}

parser = argparse.ArgumentParser()
parser.add_argument("--root", required=True)
parser.add_argument("--preset", default="psds1", choices=sorted(PRESETS))
args = parser.parse_args()
start = time.perf_counter()
p = PRESETS[args.preset]
ground_truth = pd.read_csv(os.path.join(args.root, "reference.csv")).rename(columns={"file": "filename", "label": "event_label"})
metadata = pd.read_csv(os.path.join(args.root, "files.csv")).rename(columns={"file": "filename"})
detections = pd.read_csv(os.path.join(args.root, "estimated.csv")).rename(columns={"file": "filename", "label": "event_label"})
psds = PSDSEval(dtc_threshold=p["dtc"], gtc_threshold=p["gtc"], cttc_threshold=p["cttc"], ground_truth=ground_truth, metadata=metadata)
thresholds = sorted(detections["score"].unique())
for t in thresholds:
    table = detections[detections["score"] >= t][["filename", "onset", "offset", "event_label"]].reset_index(drop=True)
    psds.add_operating_point(table)
value = psds.psds(alpha_ct=p["alpha_ct"], alpha_st=p["alpha_st"], max_efpr=p["max_efpr"]).value
print("BENCH_RESULT " + json.dumps({"psds": float(value), "operating_points": len(thresholds),
                                    "seconds": time.perf_counter() - start}), flush=True)
