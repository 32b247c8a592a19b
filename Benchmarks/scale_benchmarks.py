"""Benchmarks of issue 10 (both cores, shards, bounded memory), release build, side by side.

    python3 Benchmarks/scale_benchmarks.py [--runs 5] [--only NAME ...] [--skip-peer]

Cases (data from ../shared/bench/gen in $BENCH_DATA, default ~/.cache/evalkit-bench-data; the
100-million-row file is written by Benchmarks/gen_binary_rows.py into $BENCH_DATA/scale/):

- threads_binary_1e7, threads_multiclass_1e7, threads_fairness_1e6: `--threads 1` against the
  default (every core), alternating runs, with the peer (pandas + scikit-learn, or Fairlearn with
  a numpy bootstrap) in the same rounds.
- out_binary_1e7: the same run with `--out DIR` (results.json and the item-outcome sidecar)
  against without.
- merge_64_binary_1e7: `evalkit merge` of the 64 shard states of binary_1e7 (ROC AUC, AP).
- shards_4_binary_1e7: 4 shard processes through `xargs -P 2` plus the merge, against one run
  on two threads.
- memory_binary: peak RSS on 10 and 100 million rows, count metrics only (no score) and with
  scores (ROC AUC, AP).

Each round runs every command of a case once, in a fixed order (A B A B ...); the script prints
medians, min-max, ratios of medians, and writes every run to Benchmarks/results/scale_<case>.json.
"""
import argparse
import glob
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_benchmarks import DATA, EVALKIT, HERE, PEERS_PY, ROOT, SHARED, timed, write_fairness_scheme, write_scheme  # noqa: E402


def binary_scheme(csv_path, directory, scores=True, name="scheme.json"):
    """A binary scheme on one CSV (id,label,score,pred): every count metric, and ROC AUC and AP
    when `scores`."""
    predictions = {"path": csv_path, "id": "id", "label": "pred"}
    if scores:
        predictions["score"] = "score"
    scheme = {"evalkit": 1, "name": "scale-" + os.path.basename(csv_path), "task": "classification",
              "dataset": {"name": os.path.basename(csv_path), "files": [{"path": csv_path, "role": "ground_truth", "format": "csv"}],
                          "columns": {"id": "id", "label": "label"}},
              "predictions": predictions, "options": {"positive": "1"}}
    path = os.path.join(directory, name)
    with open(path, "w") as f:
        json.dump(scheme, f)
    return path


def rounds(commands, runs, shell=False):
    """Runs each named command once per round, `runs` rounds; returns name -> list of runs."""
    results = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            if callable(command):
                run = command()
            else:
                run = timed(["bash", "-c", command] if shell or isinstance(command, str) else command)
            if run["status"] != 0:
                sys.exit(f"{name} failed: {run['stderr']}")
            results[name].append(run)
    return results


def summary(runs):
    walls = [r["wall_s"] for r in runs]
    return {"median_wall_s": statistics.median(walls), "min_wall_s": min(walls), "max_wall_s": max(walls),
            "walls": walls, "median_peak_rss_mib": statistics.median(r["peak_rss_mib"] for r in runs)}


def report(case, results, baseline, notes=None):
    summaries = {name: summary(runs) for name, runs in results.items()}
    base = summaries[baseline]["median_wall_s"]
    record = {"case": case, "date": time.strftime("%Y-%m-%d %H:%M:%S"),
              "machine": {"nproc": os.cpu_count(), "platform": platform.platform()},
              "summaries": summaries, "ratio_to_" + baseline: {n: round(s["median_wall_s"] / base, 3) for n, s in summaries.items()},
              "notes": notes or {}}
    with open(os.path.join(HERE, "results", f"scale_{case}.json"), "w") as f:
        json.dump(record, f, indent=2)
    print(f"\n## {case}")
    print(f"| command | median s (min-max) | peak MiB | median / {baseline} |")
    print("|---|---|---|---|")
    for name, s in summaries.items():
        print(f"| {name} | {s['median_wall_s']:.3f} ({s['min_wall_s']:.3f}-{s['max_wall_s']:.3f}) | "
              f"{s['median_peak_rss_mib']:.0f} | {s['median_wall_s'] / base:.3f} |")
    for key, value in (notes or {}).items():
        print(f"- {key}: {value}")
    return record


def peer_command(kind, csv_path):
    if kind == "fairness":
        return [PEERS_PY, os.path.join(SHARED, "bench", "peers", "fairness.py"), "--csv", csv_path,
                "--method", "numpy-multinomial", "--n-boot", "1000"]
    return [PEERS_PY, os.path.join(SHARED, "bench", "peers", "sklearn_classification.py"), kind, "--csv", csv_path]


def threads_case(case, relative, kind, args, directory):
    csv_path = os.path.join(DATA, relative)
    if kind == "fairness":
        scheme = write_fairness_scheme(csv_path, directory, [["gender", "age_band"]])
    else:
        scheme = write_scheme(csv_path, directory, binary=kind == "binary")
    commands = {
        "evalkit --threads 1": [EVALKIT, "run", scheme, "--no-history", "--quiet", "--threads", "1"],
        "evalkit (2 threads)": [EVALKIT, "run", scheme, "--no-history", "--quiet"],
    }
    if not args.skip_peer:
        commands["peer"] = peer_command(kind, csv_path)
    results = rounds(commands, args.runs)
    record = report(case, results, "evalkit (2 threads)")
    two = record["summaries"]["evalkit (2 threads)"]["median_wall_s"]
    print(f"- 1 → 2 threads: {record['summaries']['evalkit --threads 1']['median_wall_s'] / two:.2f}x")
    if "peer" in record["summaries"]:
        print(f"- peer / evalkit: {record['summaries']['peer']['median_wall_s'] / two:.1f}x")


def out_case(args, directory):
    csv_path = os.path.join(DATA, "classification/binary_1e7.csv")
    scheme = write_scheme(csv_path, directory, binary=True)
    out = os.path.join(directory, "out")

    def with_out():
        shutil.rmtree(out, ignore_errors=True)
        return timed([EVALKIT, "run", scheme, "--no-history", "--quiet", "--out", out])

    results = rounds({"evalkit": [EVALKIT, "run", scheme, "--no-history", "--quiet"], "evalkit --out DIR": with_out}, args.runs)
    report("out_binary_1e7", results, "evalkit")


def shard_cases(args, directory):
    csv_path = os.path.join(DATA, "classification/binary_1e7.csv")
    scheme = binary_scheme(csv_path, directory)
    states = os.path.join(directory, "states64")
    os.makedirs(states, exist_ok=True)
    started = time.perf_counter()
    subprocess.run(f"seq 0 63 | xargs -P 2 -I{{}} {EVALKIT} run {scheme} --shard {{}}/64 --state-out {states}/s{{}}.state --quiet",
                   shell=True, check=True)
    made = time.perf_counter() - started
    files = sorted(glob.glob(states + "/*.state"))
    results = rounds({"evalkit merge (64 states)": [EVALKIT, "merge", *files, "--no-history", "--quiet"]}, args.runs)
    report("merge_64_binary_1e7", results, "evalkit merge (64 states)",
           notes={"states": len(files), "bytes of all states": sum(os.path.getsize(f) for f in files),
                  "making the 64 states (xargs -P 2)": f"{made:.1f} s"})
    four = os.path.join(directory, "states4")
    shards = (f"rm -rf {four} && mkdir -p {four} && seq 0 3 | xargs -P 2 -I{{}} {EVALKIT} run {scheme} --shard {{}}/4 "
              f"--state-out {four}/s{{}}.state --quiet && {EVALKIT} merge {four}/s0.state {four}/s1.state {four}/s2.state "
              f"{four}/s3.state --no-history --quiet")
    results = rounds({"evalkit (2 threads)": [EVALKIT, "run", scheme, "--no-history", "--quiet"],
                      "4 shards, xargs -P 2, + merge": shards}, args.runs)
    report("shards_4_binary_1e7", results, "evalkit (2 threads)")


def memory_case(args, directory):
    big = os.path.join(DATA, "scale", "binary_1e8.csv")
    small = os.path.join(DATA, "scale", "binary_1e7.csv")
    for path, n in ((small, "1e7"), (big, "1e8")):
        if not os.path.exists(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            print(f"writing {path} ...", file=sys.stderr)
            subprocess.run([PEERS_PY, os.path.join(HERE, "gen_binary_rows.py"), n, path], check=True)
    commands = {}
    for path, rows in ((small, "10M"), (big, "100M")):
        for scores in (False, True):
            scheme = binary_scheme(path, directory, scores=scores, name=f"{rows}-{scores}.json")
            label = f"{rows} rows, " + ("with scores (roc_auc, AP)" if scores else "count metrics")
            commands[label] = [EVALKIT, "run", scheme, "--no-history", "--quiet"]
    results = rounds(commands, max(1, min(args.runs, 3)))
    report("memory_binary", results, "10M rows, count metrics",
           notes={"file bytes": {os.path.basename(p): os.path.getsize(p) for p in (small, big)}})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--only", action="append")
    ap.add_argument("--skip-peer", action="store_true")
    args = ap.parse_args()
    subprocess.run(["swift", "build", "-c", "release", "--product", "evalkit"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    cases = {
        "threads_binary_1e7": lambda d: threads_case("threads_binary_1e7", "classification/binary_1e7.csv", "binary", args, d),
        "threads_multiclass_1e7": lambda d: threads_case("threads_multiclass_1e7", "classification/multiclass_1e7.csv", "multiclass", args, d),
        "threads_fairness_1e6": lambda d: threads_case("threads_fairness_1e6", "classification/binary_1e6.csv", "fairness", args, d),
        "out_binary_1e7": lambda d: out_case(args, d),
        "shards_binary_1e7": lambda d: shard_cases(args, d),
        "memory_binary": lambda d: memory_case(args, d),
    }
    for name, run in cases.items():
        if args.only and name not in args.only:
            continue
        with tempfile.TemporaryDirectory() as directory:
            run(directory)


if __name__ == "__main__":
    main()
