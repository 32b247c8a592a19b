#!/usr/bin/env python3
"""Peer: motrics 0.3.0 (Rust core), CLEAR + Identity + HOTA with TrackEval's MOT17 preprocessing.

    python Benchmarks/peers/motrics_peer.py --root DIR [--api native|compat]

DIR is Benchmarks/gen_tracking.py's output. --api native (default): per sequence (listed in
sequences.csv) `motrics.load_motchallenge_gt(gt/<seq>.txt)`, `motrics.load_motchallenge(tracker/<seq>.txt)`,
`motrics.preprocess_motchallenge(gt, pred, benchmark="MOT17")` (TrackEval's MotChallenge2DBox
preprocessing) and `motrics.evaluate(Frames, Frames)` (one similarity matrix for the three
metric families); the sequences are combined as TrackEval's combine_sequences does (counts
summed; AssA/AssRe/AssPr weighted by HOTA_TP per alpha, LocA likewise; MOTP from the summed
similarity of the matches), in sorted sequence order as TrackEval's serial evaluator.
--api compat: `motrics.compat.trackeval` (its drop-in Evaluator + MotChallenge2DBox + HOTA/CLEAR/
Identity) on the trackeval/ folder, configured like Benchmarks/peers/trackeval_peer.py.
Prints `BENCH_RESULT {json}` as its last line with TrackEval's field names.
"""
import argparse
import csv
import json
import os
import time

T0 = time.perf_counter()
import numpy as np  # noqa: E402
import motrics  # noqa: E402

T_IMPORT = time.perf_counter()

parser = argparse.ArgumentParser()
parser.add_argument("--root", required=True)
parser.add_argument("--api", choices=["native", "compat"], default="native")
args = parser.parse_args()
phases = {"import": round(T_IMPORT - T0, 4)}


def native():
    with open(os.path.join(args.root, "sequences.csv"), newline="") as f:
        sequences = sorted(row["sequence"] for row in csv.DictReader(f))
    load = evaluate = 0.0
    per = []
    for s in sequences:
        t = time.perf_counter()
        gt = motrics.load_motchallenge_gt(os.path.join(args.root, "gt", s + ".txt"))
        pred = motrics.load_motchallenge(os.path.join(args.root, "tracker", s + ".txt"))
        gt_ids, gt_boxes, pred_ids, pred_boxes = motrics.preprocess_motchallenge(gt, pred, benchmark="MOT17")
        t2 = time.perf_counter()
        r = motrics.evaluate(motrics.Frames(ids=gt_ids, boxes=gt_boxes), motrics.Frames(ids=pred_ids, boxes=pred_boxes))
        c, i, h = r.clear, r.identity, r.hota
        per.append({"CLR_TP": c.num_matches, "CLR_FN": c.num_misses, "CLR_FP": c.num_false_positives, "IDSW": c.num_switches,
                    "MT": c.mt, "PT": c.pt, "ML": c.ml, "Frag": c.frag, "MOTP_sum": c.motp * c.num_matches,
                    "IDTP": i.idtp, "IDFN": i.idfn, "IDFP": i.idfp,
                    "HOTA_TP": np.array(h.hota_tp_alphas), "HOTA_FN": np.array(h.hota_fn_alphas),
                    "HOTA_FP": np.array(h.hota_fp_alphas), "AssA": np.array(h.assa_alphas),
                    "AssRe": np.array(h.ass_re_alphas), "AssPr": np.array(h.ass_pr_alphas), "LocA": np.array(h.loca_alphas)})
        load += t2 - t
        evaluate += time.perf_counter() - t2
    phases["load + preprocess"] = round(load, 4)
    phases["evaluate"] = round(evaluate, 4)
    t = time.perf_counter()
    res = {k: sum(p[k] for p in per) for k in ("CLR_TP", "CLR_FN", "CLR_FP", "IDSW", "MT", "PT", "ML", "Frag", "MOTP_sum",
                                                "IDTP", "IDFN", "IDFP", "HOTA_TP", "HOTA_FN", "HOTA_FP")}
    for k in ("AssRe", "AssPr", "AssA"):  # TrackEval's _combine_weighted_av
        res[k] = sum(p[k] * p["HOTA_TP"] for p in per) / np.maximum(1.0, res["HOTA_TP"])
    res["LocA"] = np.maximum(1e-10, sum(p["LocA"] * p["HOTA_TP"] for p in per)) / np.maximum(1e-10, res["HOTA_TP"])
    tp, fn, fp = res["HOTA_TP"], res["HOTA_FN"], res["HOTA_FP"]
    det_re, det_pr = tp / np.maximum(1, tp + fn), tp / np.maximum(1, tp + fp)
    det_a = tp / np.maximum(1, tp + fn + fp)
    hota = np.sqrt(det_a * res["AssA"])
    ctp, cfn, cfp, idsw = res["CLR_TP"], res["CLR_FN"], res["CLR_FP"], res["IDSW"]
    out = {"HOTA": float(np.mean(hota)), "DetA": float(np.mean(det_a)), "AssA": float(np.mean(res["AssA"])),
           "LocA": float(np.mean(res["LocA"])), "DetRe": float(np.mean(det_re)), "DetPr": float(np.mean(det_pr)),
           "AssRe": float(np.mean(res["AssRe"])), "AssPr": float(np.mean(res["AssPr"])),
           "MOTA": (ctp - cfp - idsw) / max(1.0, ctp + cfn), "MOTP": res["MOTP_sum"] / max(1.0, ctp),
           "MODA": (ctp - cfp) / max(1.0, ctp + cfn), "CLR_Re": ctp / max(1.0, ctp + cfn), "CLR_Pr": ctp / max(1.0, ctp + cfp),
           "sMOTA": (res["MOTP_sum"] - cfp - idsw) / max(1.0, ctp + cfn),
           "IDF1": res["IDTP"] / max(1.0, res["IDTP"] + 0.5 * res["IDFP"] + 0.5 * res["IDFN"]),
           "IDP": res["IDTP"] / max(1.0, res["IDTP"] + res["IDFP"]), "IDR": res["IDTP"] / max(1.0, res["IDTP"] + res["IDFN"]),
           "HOTA_TP_alphas": [int(v) for v in tp], "HOTA_alphas": [float(v) for v in hota], "sequences": len(sequences)}
    out.update({k: int(res[k]) for k in ("CLR_TP", "CLR_FN", "CLR_FP", "IDSW", "MT", "PT", "ML", "Frag", "IDTP", "IDFN", "IDFP")})
    phases["combine"] = round(time.perf_counter() - t, 4)
    return out


def compat():
    import motrics.compat.trackeval as trackeval
    root = os.path.join(os.path.abspath(args.root), "trackeval")
    eval_config = trackeval.Evaluator.get_default_eval_config()
    eval_config.update({"PRINT_RESULTS": False, "PRINT_CONFIG": False, "TIME_PROGRESS": False, "OUTPUT_SUMMARY": False,
                        "OUTPUT_DETAILED": False, "PLOT_CURVES": False})
    dataset_config = trackeval.datasets.MotChallenge2DBox.get_default_dataset_config()
    dataset_config.update({"GT_FOLDER": os.path.join(root, "gt"), "TRACKERS_FOLDER": os.path.join(root, "trackers"),
                           "BENCHMARK": "MOT17", "SPLIT_TO_EVAL": "train", "DO_PREPROC": True, "TRACKERS_TO_EVAL": ["bench"],
                           "PRINT_CONFIG": False})
    t = time.perf_counter()
    output, _ = trackeval.Evaluator(eval_config).evaluate(
        [trackeval.datasets.MotChallenge2DBox(dataset_config)],
        [trackeval.metrics.HOTA(), trackeval.metrics.CLEAR({"THRESHOLD": 0.5}), trackeval.metrics.Identity({"THRESHOLD": 0.5})])
    phases["evaluate"] = round(time.perf_counter() - t, 4)
    combined = output["MotChallenge2DBox"]["bench"]["COMBINED_SEQ"]["pedestrian"]
    hota, clear, identity = combined["HOTA"], combined["CLEAR"], combined["Identity"]
    out = {k: float(np.mean(hota[k])) for k in ("HOTA", "DetA", "AssA", "LocA", "DetRe", "DetPr", "AssRe", "AssPr")}
    out.update({k: float(clear[k]) for k in ("MOTA", "MOTP", "MODA", "CLR_Re", "CLR_Pr", "sMOTA")})
    out.update({k: int(clear[k]) for k in ("CLR_TP", "CLR_FN", "CLR_FP", "IDSW", "MT", "PT", "ML", "Frag")})
    out.update({k: float(identity[k]) for k in ("IDF1", "IDP", "IDR")})
    out.update({k: int(identity[k]) for k in ("IDTP", "IDFN", "IDFP")})
    out["HOTA_TP_alphas"] = [int(v) for v in hota["HOTA_TP"]]
    out["HOTA_alphas"] = [float(v) for v in hota["HOTA"]]
    out["sequences"] = len(output["MotChallenge2DBox"]["bench"]) - 1
    return out


results = native() if args.api == "native" else compat()
print("BENCH_RESULT " + json.dumps({"tool": "motrics", "version": motrics.__version__, "api": args.api, "phases": phases,
                                    "results": results}, sort_keys=True), flush=True)
