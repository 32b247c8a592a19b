#!/usr/bin/env python3
"""Peer: TrackEval (PyPI `trackeval` 1.3.0) on a MOTChallenge folder, HOTA + CLEAR + Identity.

    python Benchmarks/peers/trackeval_peer.py --root DIR [--parallel N]

DIR is Benchmarks/gen_tracking.py's output; TrackEval reads its trackeval/ folder (MOT17 layout:
gt/MOT17-train/<seq>/gt/gt.txt + seqinfo.ini, gt/seqmaps/MOT17-train.txt,
trackers/MOT17-train/bench/data/<seq>.txt, symlinks to the same bytes as gt/ and tracker/).
`trackeval.Evaluator` + `trackeval.datasets.MotChallenge2DBox` with BENCHMARK MOT17, SPLIT_TO_EVAL
train, DO_PREPROC True; metrics HOTA, CLEAR, Identity (thresholds 0.5); USE_PARALLEL False, or True
with NUM_PARALLEL_CORES N (--parallel N); no printed tables, no output files, no plots. Prints
`BENCH_RESULT {json}` as its last line: phase seconds and the combined (COMBINED_SEQ, pedestrian)
values, TrackEval's field names (HOTA, DetA, AssA and LocA are the means over the 19 alphas).
"""
import argparse
import contextlib
import io
import json
import os
import sys
import time

T0 = time.perf_counter()
import numpy as np  # noqa: E402
import trackeval  # noqa: E402

T_IMPORT = time.perf_counter()

parser = argparse.ArgumentParser()
parser.add_argument("--root", required=True)
parser.add_argument("--parallel", type=int, default=0, help="USE_PARALLEL with this many cores (0: serial)")
args = parser.parse_args()
root = os.path.join(os.path.abspath(args.root), "trackeval")

eval_config = trackeval.Evaluator.get_default_eval_config()
eval_config.update({"USE_PARALLEL": args.parallel > 0, "NUM_PARALLEL_CORES": max(1, args.parallel),
                    "BREAK_ON_ERROR": True, "LOG_ON_ERROR": None, "PRINT_RESULTS": False, "PRINT_CONFIG": False,
                    "TIME_PROGRESS": False, "OUTPUT_SUMMARY": False, "OUTPUT_DETAILED": False, "PLOT_CURVES": False})
dataset_config = trackeval.datasets.MotChallenge2DBox.get_default_dataset_config()
dataset_config.update({"GT_FOLDER": os.path.join(root, "gt"), "TRACKERS_FOLDER": os.path.join(root, "trackers"),
                       "BENCHMARK": "MOT17", "SPLIT_TO_EVAL": "train", "DO_PREPROC": True, "TRACKERS_TO_EVAL": ["bench"],
                       "PRINT_CONFIG": False})
quiet = io.StringIO()
with contextlib.redirect_stdout(quiet):  # TrackEval prints a banner per tracker even with PRINT_* off
    evaluator = trackeval.Evaluator(eval_config)
    dataset = trackeval.datasets.MotChallenge2DBox(dataset_config)
    metrics = [trackeval.metrics.HOTA(), trackeval.metrics.CLEAR({"THRESHOLD": 0.5, "PRINT_CONFIG": False}),
               trackeval.metrics.Identity({"THRESHOLD": 0.5, "PRINT_CONFIG": False})]
    T_SETUP = time.perf_counter()
    output, messages = evaluator.evaluate([dataset], metrics)
T_EVAL = time.perf_counter()
message = messages["MotChallenge2DBox"]["bench"]
if message != "Success":
    sys.exit(f"TrackEval failed: {message}\n{quiet.getvalue()[-2000:]}")
combined = output["MotChallenge2DBox"]["bench"]["COMBINED_SEQ"]["pedestrian"]
hota, clear, identity = combined["HOTA"], combined["CLEAR"], combined["Identity"]
results = {name: float(np.mean(hota[name])) for name in ("HOTA", "DetA", "AssA", "LocA", "DetRe", "DetPr", "AssRe", "AssPr")}
results.update({name: float(clear[name]) for name in ("MOTA", "MOTP", "MODA", "CLR_Re", "CLR_Pr", "sMOTA")})
results.update({name: int(clear[name]) for name in ("CLR_TP", "CLR_FN", "CLR_FP", "IDSW", "MT", "PT", "ML", "Frag")})
results.update({name: float(identity[name]) for name in ("IDF1", "IDP", "IDR")})
results.update({name: int(identity[name]) for name in ("IDTP", "IDFN", "IDFP")})
results["HOTA_TP_alphas"] = [int(v) for v in hota["HOTA_TP"]]
results["HOTA_alphas"] = [float(v) for v in hota["HOTA"]]
results["sequences"] = len([k for k in output["MotChallenge2DBox"]["bench"] if k != "COMBINED_SEQ"])
phases = {"import": round(T_IMPORT - T0, 4), "setup": round(T_SETUP - T_IMPORT, 4), "evaluate": round(T_EVAL - T_SETUP, 4)}
print("BENCH_RESULT " + json.dumps({"tool": "trackeval", "version": getattr(trackeval, "__version__", "1.3.0"),
                                    "parallel": args.parallel, "phases": phases, "results": results}, sort_keys=True), flush=True)
