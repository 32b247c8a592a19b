"""Benchmark of issue 14: what the plots and the HTML report add to a run with 1,000 slices.

    python3 Benchmarks/report_benchmarks.py [--runs 9] [--rows 50000] [--classes 2] [--replicates 100]

The workload is written by this script (seeded, standard library only) into a temporary
directory: `--rows` items with a label, a prediction, a score (binary) or one score column per
class (`--classes` > 2), and a `site` attribute with 1,000 values (`--rows` / 1,000 items each,
above `min_slice_size` 30). The scheme slices by `site` (1,000 slices) with `--replicates` bootstrap
replicates, so every slice has an interval and the slice bars have whiskers. The run itself is kept
small (what the plots cost depends on the slices, not on the rows) so that its run-to-run spread
does not hide a difference of a fraction of a second.

Three commands on the same files, release build, one after another in each round (A B C A B C ...):

- `no --out`: the run without result files (terminal report only);
- `--out, plots: []`: results.json, report.html and the item tables, no plots;
- `--out, default plots`: the same with the kind's default plots (classification: ROC,
  precision-recall, confusion matrix, the slice bars of `site`).

C - A bounds what the plots and the HTML report add (it also holds results.json and the tables);
C - B is the plots alone. Medians, min-max and every run go to stdout and to
Benchmarks/results/scale_report_<case>.json, with the sizes of report.html and the PNGs.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_benchmarks import EVALKIT, ROOT, timed  # noqa: E402
from scale_benchmarks import report, rounds  # noqa: E402

SITES = 1000


def write_data(directory, rows, classes, seed=14):
    """id,label,pred,site and score(s): labels uniform, predictions right 80% of the time,
    scores that rank the true class higher on average."""
    rng = random.Random(seed)
    path = os.path.join(directory, "items.csv")
    names = [str(c) for c in range(classes)]
    with open(path, "w") as f:
        score_columns = ["score"] if classes == 2 else [f"p_{n}" for n in names]
        f.write(",".join(["id", "label", "pred", "site"] + score_columns) + "\n")
        for i in range(rows):
            label = rng.randrange(classes)
            pred = label if rng.random() < 0.8 else rng.randrange(classes)
            site = f"s{i % SITES:03d}"
            if classes == 2:
                score = min(1.0, max(0.0, rng.gauss(0.65 if label == 1 else 0.35, 0.2)))
                scores = [f"{score:.6f}"]
            else:
                raw = [rng.random() + (1.5 if c == label else 0.0) for c in range(classes)]
                total = sum(raw)
                scores = [f"{r / total:.6f}" for r in raw]
            f.write(",".join([f"i{i}", names[label], names[pred], site] + scores) + "\n")
    return path, names


def write_scheme(directory, data, names, classes, plots, name, replicates=100):
    dataset = {"name": "report-bench", "files": [{"path": data, "role": "ground_truth", "format": "csv"}],
               "columns": {"id": "id", "label": "label", "attributes": ["site"]}}
    predictions = {"path": data, "id": "id", "label": "pred"}
    scheme = {"evalkit": 1, "name": "report-bench", "task": "classification", "dataset": dataset,
              "predictions": predictions, "slices": [["site"]], "min_slice_size": 30,
              "intervals": {"method": "bootstrap", "level": 0.95, "replicates": replicates, "seed": 1}}
    if classes == 2:
        predictions["score"] = "score"
        scheme["options"] = {"positive": "1"}
        scheme["metrics"] = ["accuracy", "precision", "recall", "f1", "fpr", "fnr", "roc_auc", "average_precision"]
    else:
        predictions["scores"] = "p_"
        scheme["metrics"] = ["accuracy", "balanced_accuracy", "f1_macro", "roc_auc_ovr_macro"]
    if plots is not None:
        scheme["plots"] = plots
    path = os.path.join(directory, name)
    with open(path, "w") as f:
        json.dump(scheme, f)
    return path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--rows", type=int, default=50_000)
    ap.add_argument("--classes", type=int, default=2)
    ap.add_argument("--replicates", type=int, default=100)
    args = ap.parse_args()
    subprocess.run(["swift", "build", "-c", "release", "--product", "evalkit"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    os.makedirs(os.path.join(os.path.dirname(os.path.abspath(__file__)), "results"), exist_ok=True)
    case = f"report_slices_1000_{'binary' if args.classes == 2 else f'{args.classes}_classes'}_{args.rows}_{args.replicates}"
    with tempfile.TemporaryDirectory() as directory:
        data, names = write_data(directory, args.rows, args.classes)
        without = write_scheme(directory, data, names, args.classes, [], "no-plots.json", args.replicates)
        default = write_scheme(directory, data, names, args.classes, None, "default-plots.json", args.replicates)
        out_a, out_b = os.path.join(directory, "out-a"), os.path.join(directory, "out-b")

        def run_out(scheme, out):
            def command():
                shutil.rmtree(out, ignore_errors=True)
                return timed([EVALKIT, "run", scheme, "--no-history", "--quiet", "--out", out])
            return command

        commands = {
            "no --out": [EVALKIT, "run", default, "--no-history", "--quiet"],
            "--out, plots: []": run_out(without, out_a),
            "--out, default plots": run_out(default, out_b),
        }
        results = rounds(commands, args.runs)
        slices = len(json.load(open(os.path.join(out_b, "results.json")))["evaluations"][0]["slices"])
        pngs = sorted(n for n in os.listdir(out_b) if n.endswith(".png"))
        notes = {
            "slices in results.json": slices,
            "report.html bytes (default plots)": os.path.getsize(os.path.join(out_b, "report.html")),
            "report.html bytes (no plots)": os.path.getsize(os.path.join(out_a, "report.html")),
            "results.json bytes": os.path.getsize(os.path.join(out_b, "results.json")),
            "plots": {n: os.path.getsize(os.path.join(out_b, n)) for n in pngs},
        }
        record = report(case, results, "no --out", notes=notes)
        medians = {n: s["median_wall_s"] for n, s in record["summaries"].items()}
        print(f"- plots and HTML (with results.json and tables) add: {medians['--out, default plots'] - medians['no --out']:.3f} s")
        print(f"- plots alone add: {medians['--out, default plots'] - medians['--out, plots: []']:.3f} s")


if __name__ == "__main__":
    main()
