#!/usr/bin/env python3
"""Times evalkit (release build) and the Python peer on the same files, same machine, same session.

    python3 Benchmarks/run_benchmarks.py [--runs 3] [--only binary_1e7] [--skip-peer]

Workloads come from ../shared/bench/gen (data in $BENCH_DATA, default ~/.cache/evalkit-bench-data;
generate with `python ../shared/bench/gen/gen_all.py` in the peers' venv), and the text workload
from `python3 Benchmarks/gen_text.py`; its peer (jiwer) runs in $JIWER_PY (default
~/.cache/evalkit-jiwer-venv/bin/python: `python3 -m venv ~/.cache/evalkit-jiwer-venv &&
~/.cache/evalkit-jiwer-venv/bin/pip install jiwer==4.0.0`). The peer runs in the
peers' venv ($PEERS_PY, default ~/.cache/evalkit-peers-venv/bin/python; create it with
`bash ../shared/bench/peers/setup_venv.sh`). Each case runs --runs times, one after another, under
/usr/bin/time -v; reported: median wall seconds, min-max, median peak RSS. Results go to
Benchmarks/results/<case>.json and are summarised on stdout as a Markdown table.
"""
import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared"))
DATA = os.environ.get("BENCH_DATA", os.path.expanduser("~/.cache/evalkit-bench-data"))
PEERS_PY = os.environ.get("PEERS_PY", os.path.expanduser("~/.cache/evalkit-peers-venv/bin/python"))
EVALKIT = os.path.join(ROOT, ".build", "release", "evalkit")


def write_scheme(csv_path, directory, binary):
    """A scheme evaluating every metric on one CSV that holds both truth and predictions:
    binary (label, pred, score; positive 1) or multiclass (label, pred)."""
    columns = {"id": "id", "label": "label"}
    predictions = {"path": csv_path, "id": "id", "label": "pred"}
    scheme = {"evalkit": 1, "name": "bench-" + os.path.basename(csv_path), "task": "classification"}
    if binary:
        columns["attributes"] = ["gender", "age_band", "skin_tone"]
        predictions["score"] = "score"
        scheme["options"] = {"positive": "1"}
    scheme["dataset"] = {"name": os.path.basename(csv_path),
                         "files": [{"path": csv_path, "role": "ground_truth", "format": "csv"}], "columns": columns}
    scheme["predictions"] = predictions
    path = os.path.join(directory, "scheme.json")
    with open(path, "w") as f:
        json.dump(scheme, f)
    return path


def write_fairness_scheme(csv_path, directory, groupings):
    """Fairness: precision, recall, FPR, FNR per slice with 1,000 bootstrap replicates (seed 1),
    zero_division 0 as the peer's scikit-learn calls use."""
    scheme = {
        "evalkit": 1, "name": "bench-fairness-" + os.path.basename(csv_path), "task": "classification",
        "dataset": {"name": os.path.basename(csv_path),
                    "files": [{"path": csv_path, "role": "ground_truth", "format": "csv"}],
                    "columns": {"id": "id", "label": "label", "attributes": ["gender", "age_band", "skin_tone"]}},
        "predictions": {"path": csv_path, "id": "id", "label": "pred"},
        "options": {"positive": "1", "zero_division": "zero"},
        "metrics": ["precision", "recall", "fpr", "fnr"],
        "slices": groupings,
        "intervals": {"method": "bootstrap", "level": 0.95, "replicates": 1000, "seed": 1},
    }
    path = os.path.join(directory, "scheme.json")
    with open(path, "w") as f:
        json.dump(scheme, f)
    return path


def write_detection_scheme(gt_path, dt_path, directory):
    """COCO bbox evaluation with the default parameters (the peers' COCOeval defaults)."""
    scheme = {
        "evalkit": 1, "name": "bench-detection", "task": "detection",
        "dataset": {"evalkit_dataset": 1, "name": "bench-detection",
                    "files": [{"path": gt_path, "role": "ground_truth", "format": "coco"}]},
        "predictions": {"path": dt_path},
    }
    path = os.path.join(directory, "scheme.json")
    with open(path, "w") as f:
        json.dump(scheme, f)
    return path


def write_text_scheme(csv_path, directory):
    """Text task on one CSV holding truth and reads (same-file mode), sliced by lighting, no
    normalisation (jiwer's default strip changes nothing: the plates have no spaces)."""
    scheme = {
        "evalkit": 1, "name": "bench-text", "task": "text",
        "dataset": {"evalkit_dataset": 1, "name": "bench-text",
                    "files": [{"path": csv_path, "role": "ground_truth", "format": "csv"}],
                    "columns": {"id": "id", "label": "plate", "attributes": ["lighting"]}},
        "predictions": {"path": csv_path, "id": "id", "text": "pred"},
        "slices": [["lighting"]],
    }
    path = os.path.join(directory, "scheme.json")
    with open(path, "w") as f:
        json.dump(scheme, f)
    return path


JIWER_PY = os.environ.get("JIWER_PY", os.path.expanduser("~/.cache/evalkit-jiwer-venv/bin/python"))


COCO_KEYS = ["AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl"]


ALL_INTERSECTIONS = [["gender"], ["age_band"], ["skin_tone"], ["gender", "age_band"], ["gender", "skin_tone"],
                     ["age_band", "skin_tone"], ["gender", "age_band", "skin_tone"]]


def timed(command):
    """Runs a command under /usr/bin/time -v; returns wall seconds, peak RSS MiB, exit status, stdout."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        start = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-v", "-o", report.name] + command,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - start
        text = open(report.name).read()
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    return {"wall_s": round(wall, 3), "peak_rss_mib": round(rss_kb / 1024, 1), "status": proc.returncode,
            "stdout": proc.stdout, "stderr": proc.stderr[-2000:]}


def summarise(runs):
    walls = [r["wall_s"] for r in runs]
    return {"median_wall_s": statistics.median(walls), "min_wall_s": min(walls), "max_wall_s": max(walls),
            "median_peak_rss_mib": statistics.median(r["peak_rss_mib"] for r in runs), "runs": len(runs)}


def fairness_agreement(evaluation, peer):
    """Largest difference between evalkit's per-slice values and Fairlearn's by_group values, and
    between the two sides' bootstrap interval ends (Monte Carlo: different random draws)."""
    slices = [sl for sl in evaluation["slices"] if list(sl["by"]) == ["gender", "age_band"]]
    value_gap, interval_gap = 0.0, 0.0
    for metric in ("precision", "recall", "fpr", "fnr"):
        for i, sl in enumerate(slices):
            value_gap = max(value_gap, abs(sl["metrics"][metric] - peer["by_group"][metric][i]))
            if "ci95_by_group" in peer and metric in sl["intervals"]:
                lo, hi = peer["ci95_by_group"][metric][0][i], peer["ci95_by_group"][metric][1][i]
                ours = sl["intervals"][metric]
                interval_gap = max(interval_gap, abs(ours[0] - lo), abs(ours[1] - hi))
    return {"max_value_difference": value_gap, "max_interval_end_difference": interval_gap, "slices": len(slices)}


CASES = {
    "binary_1e7": ("classification/binary_1e7.csv", "binary"),
    "binary_1e6": ("classification/binary_1e6.csv", "binary"),
    "multiclass_1e7": ("classification/multiclass_1e7.csv", "multiclass"),
    # fairness (issue 3): gender x age_band (15 slices), 1,000 replicates, against Fairlearn
    # MetricFrame + numpy multinomial bootstrap; then every intersection of three attributes on 10M
    # rows (no peer: the target is an absolute 10 s).
    "fairness_1e6": ("classification/binary_1e6.csv", "fairness"),
    "fairness_1e7_all_intersections": ("classification/binary_1e7.csv", "fairness-all"),
    # detection (issue 5): COCO-val-sized set (5,000 images, 500,000 detections), end to end
    # including JSON parsing, against pycocotools, faster-coco-eval and hotcoco; evalkit with its
    # default threads (every core) and with --threads 1.
    "coco_bbox": ("detection/detections.json", "coco"),
    # text (issue 5): 1,000,000 plate reads (Benchmarks/gen_text.py), against jiwer's corpus CER.
    "text_1e6": ("text/plates_1e6.csv", "text"),
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", action="append")
    ap.add_argument("--skip-peer", action="store_true")
    args = ap.parse_args()
    subprocess.run(["swift", "build", "-c", "release", "--product", "evalkit"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    rows = []
    for name, (relative, peer_kind) in CASES.items():
        if args.only and name not in args.only:
            continue
        csv_path = os.path.join(DATA, relative)
        if not os.path.exists(csv_path):
            print(f"skip {name}: {csv_path} not found (generate it with ../shared/bench/gen/gen_all.py)", file=sys.stderr)
            continue
        with tempfile.TemporaryDirectory() as directory:
            if peer_kind == "text":
                scheme = write_text_scheme(csv_path, directory)
            elif peer_kind == "coco":
                gt_path = os.path.join(DATA, "detection", "instances_gt.json")
                scheme = write_detection_scheme(gt_path, csv_path, directory)
            elif peer_kind == "fairness":
                scheme = write_fairness_scheme(csv_path, directory, [["gender", "age_band"]])
            elif peer_kind == "fairness-all":
                scheme = write_fairness_scheme(csv_path, directory, ALL_INTERSECTIONS)
            else:
                scheme = write_scheme(csv_path, directory, binary=peer_kind == "binary")
            ours = []
            for _ in range(args.runs):
                run = timed([EVALKIT, "run", scheme, "--format", "json"])
                if run["status"] != 0:
                    sys.exit(f"evalkit failed on {name}: {run['stderr']}")
                ours.append(run)
            evaluation = json.loads(ours[-1]["stdout"])["evaluations"][0]
            metrics = evaluation["metrics"]
            one_thread = []
            if peer_kind == "coco":
                for _ in range(args.runs):
                    run = timed([EVALKIT, "run", scheme, "--format", "json", "--threads", "1"])
                    if run["status"] != 0:
                        sys.exit(f"evalkit --threads 1 failed on {name}: {run['stderr']}")
                    one_thread.append(run)
                if json.loads(one_thread[-1]["stdout"])["evaluations"][0]["metrics"] != metrics:
                    sys.exit(f"evalkit --threads 1 gave other metrics on {name}")
        if peer_kind == "coco":
            rows.append(detection_record(name, csv_path, gt_path, ours, one_thread, metrics, args))
            continue
        peer = []
        if not args.skip_peer and peer_kind != "fairness-all":
            if peer_kind == "text":
                command = [JIWER_PY, os.path.join(HERE, "peers", "jiwer_text.py"), "--csv", csv_path]
            elif peer_kind == "fairness":
                command = [PEERS_PY, os.path.join(SHARED, "bench", "peers", "fairness.py"), "--csv", csv_path,
                           "--method", "numpy-multinomial", "--n-boot", "1000"]
            else:
                command = [PEERS_PY, os.path.join(SHARED, "bench", "peers", "sklearn_classification.py"), peer_kind,
                           "--csv", csv_path]
            for _ in range(args.runs):
                run = timed(command)
                if run["status"] != 0:
                    sys.exit(f"peer failed on {name}: {run['stderr']}")
                peer.append(run)
        record = {
            "case": name, "file": csv_path, "bytes": os.path.getsize(csv_path),
            "machine": {"nproc": os.cpu_count(), "platform": platform.platform()},
            "date": time.strftime("%Y-%m-%d %H:%M:%S"),
            "evalkit": summarise(ours), "evalkit_runs": [{k: v for k, v in r.items() if k != "stdout"} for r in ours],
            "evalkit_metrics": {k: metrics[k] for k in ("roc_auc", "average_precision", "tp", "fp", "fn", "tn", "accuracy",
                                                         "precision", "recall", "fpr", "fnr", "cer", "exact_match") if k in metrics},
        }
        if peer:
            record["peer"] = summarise(peer)
            record["peer_runs"] = [{k: v for k, v in r.items() if k != "stdout"} for r in peer]
            last = peer[-1]["stdout"].strip().splitlines()[-1]
            record["peer_result"] = json.loads(last.split("BENCH_RESULT", 1)[1]) if "BENCH_RESULT" in last else last
            record["speedup"] = round(record["peer"]["median_wall_s"] / record["evalkit"]["median_wall_s"], 1)
            if peer_kind == "fairness" and isinstance(record["peer_result"], dict):
                record["agreement"] = fairness_agreement(evaluation, record["peer_result"]["results"])
            if peer_kind == "text" and isinstance(record["peer_result"], dict):
                theirs = record["peer_result"]["results"]
                record["agreement"] = {k: abs(theirs[k] - metrics[k]) for k in ("cer", "exact_match")}
        with open(os.path.join(HERE, "results", name + ".json"), "w") as f:
            json.dump(record, f, indent=2)
        rows.append(record)
    print("| case | evalkit median s (min-max) | evalkit peak MiB | peer median s (min-max) | peer peak MiB | speed-up |")
    rows = [dict(r, case=f"{r['case']}{label} vs {peer}", evalkit=ours, peer=p, speedup=round(p["median_wall_s"] / ours["median_wall_s"], 2))
            for r in rows if "peers" in r
            for label, ours in [("", r["evalkit"]), (" (--threads 1)", r["evalkit_threads_1"])]
            for peer, p in r["peers"].items()] + [r for r in rows if "peers" not in r]
    print("|---|---|---|---|---|---|")
    for r in rows:
        e = r["evalkit"]
        p = r.get("peer")
        peer_cells = (f"{p['median_wall_s']:.2f} ({p['min_wall_s']:.2f}-{p['max_wall_s']:.2f}) | {p['median_peak_rss_mib']:.0f}"
                      if p else "— | —")
        print(f"| {r['case']} | {e['median_wall_s']:.2f} ({e['min_wall_s']:.2f}-{e['max_wall_s']:.2f}) | "
              f"{e['median_peak_rss_mib']:.0f} | {peer_cells} | {r.get('speedup', '—')}x |")


def detection_record(name, dt_path, gt_path, ours, one_thread, metrics, args):
    """Runs the COCO peers (pycocotools, faster-coco-eval, hotcoco) on the same files and records
    their times, memory, their 12 summary numbers and the largest difference of each from
    evalkit's; evalkit's runs with --threads 1 are recorded beside its default ones."""
    record = {
        "case": name, "file": dt_path, "bytes": os.path.getsize(dt_path) + os.path.getsize(gt_path),
        "machine": {"nproc": os.cpu_count(), "platform": platform.platform()},
        "date": time.strftime("%Y-%m-%d %H:%M:%S"),
        "evalkit": summarise(ours), "evalkit_runs": [{k: v for k, v in r.items() if k != "stdout"} for r in ours],
        "evalkit_threads_1": summarise(one_thread),
        "evalkit_threads_1_runs": [{k: v for k, v in r.items() if k != "stdout"} for r in one_thread],
        "evalkit_metrics": {k: metrics[k] for k in COCO_KEYS},
        "peers": {}, "peer_stats": {}, "speedups": {}, "speedups_threads_1": {}, "max_abs_difference": {},
    }
    for impl in ([] if args.skip_peer else ["pycocotools", "faster-coco-eval", "hotcoco"]):
        command = [PEERS_PY, os.path.join(SHARED, "bench", "peers", "coco_bbox.py"), impl, "--gt", gt_path, "--dt", dt_path]
        runs = []
        for _ in range(args.runs):
            run = timed(command)
            if run["status"] != 0:
                sys.exit(f"peer {impl} failed on {name}: {run['stderr']}")
            runs.append(run)
        record["peers"][impl] = summarise(runs)
        record["speedups"][impl] = round(record["peers"][impl]["median_wall_s"] / record["evalkit"]["median_wall_s"], 2)
        record["speedups_threads_1"][impl] = round(record["peers"][impl]["median_wall_s"]
                                                   / record["evalkit_threads_1"]["median_wall_s"], 2)
        last = runs[-1]["stdout"].strip().splitlines()[-1]
        stats = json.loads(last.split("BENCH_RESULT", 1)[1])["results"]["stats"] if "BENCH_RESULT" in last else {}
        record["peer_stats"][impl] = stats
        record["max_abs_difference"][impl] = max((abs(stats[k] - metrics[k]) for k in COCO_KEYS if k in stats), default=None)
    with open(os.path.join(HERE, "results", name + ".json"), "w") as f:
        json.dump(record, f, indent=2)
    return record


if __name__ == "__main__":
    main()
