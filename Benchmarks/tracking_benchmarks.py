#!/usr/bin/env python3
"""Times evalkit's `tracking` task against TrackEval, py-motmetrics and motrics on the same files.

Reproduce (the peers' venv is ../shared/bench/peers/setup_venv.sh's, or any python 3.11 venv with
`pip install -r Benchmarks/tracking_requirements.txt`):

    python3 Benchmarks/gen_tracking.py                                  # 50 x 1,500 frames, 16-40 s, 201 MB
    swift build -c release --product evalkit                            # or pass --evalkit PATH
    python3 Benchmarks/tracking_benchmarks.py --runs 1 --nice 10        # every peer once: ~20 min
    python3 Benchmarks/tracking_benchmarks.py --runs 3 --nice 10 --peers motrics,motrics-compat \
        --case tracking_50x1500_evalkit                                 # evalkit against the fast peers
    python3 Benchmarks/gen_tracking.py --out /tmp/trk-small --sequences 5 --frames 300
    python3 Benchmarks/tracking_benchmarks.py --data /tmp/trk-small --runs 3

Options: --data DIR (default $BENCH_DATA/tracking, i.e. ~/.cache/evalkit-bench-data/tracking),
--runs N (default 3), --evalkit PATH (default this checkout's .build/release/evalkit, else
../main's; a missing binary, or a run that fails (e.g. no `tracking` task yet), is reported and
skipped), --skip-evalkit, --peers a,b,... (default all: trackeval, trackeval-parallel, motmetrics,
motrics, motrics-compat), --nice N (runs every command under `nice -n N`), --case NAME.

Workload: Benchmarks/gen_tracking.py's folder (MOTChallenge gt/ and tracker/ text files,
sequences.csv, dataset.json + scheme.json for evalkit, trackeval/ symlinks to the same bytes).
Commands (each a separate process, timed end to end: start, imports, reading, computing):
- evalkit: `evalkit run DIR/scheme.json --no-history --quiet --format json` (task tracking, MOT17
  preprocessing, hota deta assa mota motp idf1 id_switches).
- trackeval, trackeval-parallel: Benchmarks/peers/trackeval_peer.py (TrackEval 1.3.0 Evaluator +
  MotChallenge2DBox, MOT17 train, DO_PREPROC, HOTA + CLEAR + Identity; serial, and USE_PARALLEL
  with NUM_PARALLEL_CORES 2).
- motmetrics: Benchmarks/peers/motmetrics_peer.py (py-motmetrics 1.4.0 as its eval_motchallenge
  app: loadtxt, compare_to_groundtruth(iou, distth 0.5), compute_many(motchallenge_metrics,
  generate_overall)).
- motrics, motrics-compat: Benchmarks/peers/motrics_peer.py (motrics 0.3.0: load_motchallenge_gt +
  load_motchallenge + preprocess_motchallenge + evaluate per sequence, combined as TrackEval does;
  and its drop-in motrics.compat.trackeval on the trackeval/ folder).
Each round runs every command once, in turn (A B C ... A B C: evalkit alternates with the peers),
under /usr/bin/time -v (wall, user and system CPU, peak RSS of the largest single process) while a
sampler adds up the proportional set size (PSS) of the whole process tree every 0.2 s (TrackEval's
worker processes). Reported: every run, the medians, min-max, and each median over the baseline's
(evalkit when it ran, else TrackEval serial). The peers' values are cross-checked: TrackEval
serial vs parallel vs motrics (both APIs) field by field (exact equality expected), py-motmetrics on
the fields it shares (known differences: its own IDSW and fragmentation rules, MOTP as a distance,
no HOTA), and evalkit's metrics against TrackEval's. When TrackEval is not in the run, its values
come from an earlier results file of the same workload (same file hashes), named as such.
Results: Benchmarks/results/scale_<case>.json (default case tracking_<sequences>x<frames>) and a
Markdown table on stdout.
"""
import argparse
import glob
import hashlib
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(os.environ.get("BENCH_DATA", os.path.expanduser("~/.cache/evalkit-bench-data")), "tracking")
PEERS_PY = os.environ.get("PEERS_PY", os.path.expanduser("~/.cache/evalkit-peers-venv/bin/python"))
PEERS = os.path.join(HERE, "peers")
REQUIREMENTS = os.path.join(HERE, "tracking_requirements.txt")
PINNED = {"trackeval": "1.3.0", "motmetrics": "1.4.0", "motrics": "0.3.0"}
PEER_NAMES = {"trackeval": "TrackEval (serial)", "trackeval-parallel": "TrackEval (USE_PARALLEL, 2 cores)",
              "motmetrics": "py-motmetrics", "motrics": "motrics (native evaluate)",
              "motrics-compat": "motrics (compat.trackeval)"}
PEER_PACKAGE = {"trackeval": "trackeval", "trackeval-parallel": "trackeval", "motmetrics": "motmetrics",
                "motrics": "motrics", "motrics-compat": "motrics"}
# Fields compared (TrackEval's names) and evalkit's metric keys for them.
FIELDS = ["HOTA", "DetA", "AssA", "LocA", "DetRe", "DetPr", "AssRe", "AssPr", "MOTA", "MOTP", "IDF1", "IDP", "IDR",
          "IDSW", "CLR_TP", "CLR_FN", "CLR_FP", "MT", "PT", "ML", "Frag", "IDTP", "IDFN", "IDFP"]
EVALKIT_KEYS = {"hota": "HOTA", "deta": "DetA", "assa": "AssA", "loca": "LocA", "mota": "MOTA", "motp": "MOTP",
                "idf1": "IDF1", "idp": "IDP", "idr": "IDR", "id_switches": "IDSW", "fragmentations": "Frag",
                "mostly_tracked": "MT", "partially_tracked": "PT", "mostly_lost": "ML", "fp": "CLR_FP", "fn": "CLR_FN",
                "tp": "CLR_TP"}
NOTES = {
    "py-motmetrics": "1.4.0 calls np.asfarray, removed in NumPy 2 (cheind/py-motmetrics#199, fixed on master by #200, "
                     "not released): Benchmarks/peers/motmetrics_peer.py puts np.asfarray back as np.asarray(a, dtype=float). "
                     "Known differences from TrackEval: its own matcher (previous matches kept while still valid, then "
                     "Hungarian), IDSW and fragmentation rules, motp as a mean IoU distance (compared here as 1 - motp), no HOTA.",
    "motrics CLEAR": "motrics 0.3.0's CLEAR (compute_clear / evaluate) is not TrackEval's on crowded frames: TrackEval's "
                     "per-frame assignment maximises 1000 x (same tracker id as this gt's match in the previous timestep) + IoU, "
                     "so keeping a continued pair can cost a match; motrics finds more matches (CLR_TP higher), and on the "
                     "5 x 300 workload a matcher that maximises the number of matches first, then continuity with the gt's "
                     "last matched id (any earlier frame), then IoU, reproduces its TP, IDSW and MOTP exactly on 4 of 5 "
                     "sequences. HOTA and Identity agree (to the last bit or the last ulp of a float sum).",
}
SHOWN = ["HOTA", "DetA", "AssA", "LocA", "MOTA", "MOTP", "IDF1", "IDSW", "CLR_TP", "CLR_FP", "CLR_FN", "Frag", "MT", "ML"]


def default_evalkit():
    own = os.path.join(ROOT, ".build", "release", "evalkit")
    main = os.path.normpath(os.path.join(ROOT, "..", "main", ".build", "release", "evalkit"))
    return own if os.path.exists(own) else main


def descendants(pid):
    """pid and every process below it (from /proc/*/stat)."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except (OSError, IndexError):
            continue
    found, stack = [], [pid]
    while stack:
        p = stack.pop()
        found.append(p)
        stack.extend(children.get(p, []))
    return found


def pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def timed(command):
    """Runs a command under /usr/bin/time -v while sampling its process tree's PSS every 0.2 s."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        start = time.perf_counter()
        proc = subprocess.Popen(["/usr/bin/time", "-v", "-o", report.name] + command,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        peak = [0]
        done = threading.Event()

        def sample():
            while not done.wait(0.2):
                peak[0] = max(peak[0], sum(pss_kib(p) for p in descendants(proc.pid)))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        stdout, stderr = proc.communicate()
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
        text = open(report.name).read()

    def field(pattern, cast=float):
        m = re.search(pattern, text)
        return cast(m.group(1)) if m else None

    rss_kb = field(r"Maximum resident set size \(kbytes\): (\d+)", int) or 0
    return {"wall_s": round(wall, 3), "peak_rss_mib": round(rss_kb / 1024, 1), "tree_peak_pss_mib": round(peak[0] / 1024, 1),
            "user_s": field(r"User time \(seconds\): ([\d.]+)"), "sys_s": field(r"System time \(seconds\): ([\d.]+)"),
            "status": proc.returncode, "stdout": stdout, "stderr": stderr[-3000:]}


def bench_result(stdout):
    lines = [line for line in stdout.splitlines() if line.startswith("BENCH_RESULT ")]
    return json.loads(lines[-1][len("BENCH_RESULT "):]) if lines else None


def evalkit_metrics(stdout):
    try:
        report = json.loads(stdout)
        return report["evaluations"][0]["metrics"]
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def check_venv(wanted):
    """The peers whose package imports in $PEERS_PY, with a message for the others."""
    if not os.path.exists(PEERS_PY):
        print(f"no peers' venv at {PEERS_PY} (set PEERS_PY): create it with `python3.11 -m venv ~/.cache/evalkit-peers-venv && "
              f"~/.cache/evalkit-peers-venv/bin/pip install -r {os.path.relpath(REQUIREMENTS)}`; peers skipped", file=sys.stderr)
        return [], {}
    probe = ("import importlib, json\nout = {}\nfor name in %r:\n    try:\n        importlib.import_module(name)\n"
             "        from importlib.metadata import version\n        out[name] = version(name)\n"
             "    except Exception as e:\n        out[name] = None\nprint(json.dumps(out))\n") % (sorted(set(PEER_PACKAGE.values())),)
    versions = json.loads(subprocess.run([PEERS_PY, "-c", probe], capture_output=True, text=True, check=True).stdout)
    missing = sorted(name for name, v in versions.items() if v is None and name in {PEER_PACKAGE[p] for p in wanted})
    if missing:
        print(f"the peers' venv {PEERS_PY} lacks {', '.join(missing)}: install them with `{os.path.dirname(PEERS_PY)}/pip "
              f"install -r {os.path.relpath(REQUIREMENTS)}` (pinned: {', '.join(f'{k}=={v}' for k, v in PINNED.items())}); "
              f"those peers are skipped", file=sys.stderr)
    for name, v in versions.items():
        if v is not None and v != PINNED[name]:
            print(f"note: {name} {v} in the venv, the benchmark pins {PINNED[name]}", file=sys.stderr)
    return [p for p in wanted if versions.get(PEER_PACKAGE[p])], versions


def peer_command(peer, data):
    script = {"trackeval": ["trackeval_peer.py"], "trackeval-parallel": ["trackeval_peer.py", "--parallel", "2"],
              "motmetrics": ["motmetrics_peer.py"], "motrics": ["motrics_peer.py"],
              "motrics-compat": ["motrics_peer.py", "--api", "compat"]}[peer]
    return [PEERS_PY, os.path.join(PEERS, script[0]), "--root", data] + script[1:]


def compare(a, b, fields):
    """Field-by-field comparison of two value dicts: fields equal to the bit, fields within rounding
    (|a - b| <= 1e-12 * max(1, |a|): the last digits of a float sum taken in another order), and the
    differing ones with both values."""
    equal, rounding, differ = [], {}, {}
    for f in fields:
        if f not in a or f not in b or a[f] is None or b[f] is None:
            continue
        if a[f] == b[f]:
            equal.append(f)
        elif isinstance(a[f], float) and abs(a[f] - b[f]) <= 1e-12 * max(1.0, abs(a[f])):
            rounding[f] = b[f] - a[f]
        else:
            differ[f] = {"a": a[f], "b": b[f], "difference": b[f] - a[f]}
    return {"equal": equal, "within_rounding": rounding, "differ": differ}


def recorded_trackeval(manifest):
    """TrackEval's values from an earlier results file of the same workload (same file hashes), when
    this run does not include TrackEval: (file name, values) or None."""
    for path in sorted(glob.glob(os.path.join(HERE, "results", "scale_tracking*.json"))):
        try:
            record = json.load(open(path))
        except ValueError:
            continue
        if record.get("workload", {}).get("groups") == manifest["groups"] and PEER_NAMES["trackeval"] in record.get("values", {}):
            return os.path.basename(path), record["values"][PEER_NAMES["trackeval"]]
    return None


def evalkit_identity(path):
    """The binary's version line, modification time and sha256 (the binary may be rebuilt between runs)."""
    try:
        version = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        version = None
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 22), b""):
            digest.update(block)
    return {"path": path, "version": version, "sha256": digest.hexdigest(),
            "modified": time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(os.path.getmtime(path)))}


def summarise(runs):
    walls = [r["wall_s"] for r in runs]
    return {"median_wall_s": statistics.median(walls), "min_wall_s": min(walls), "max_wall_s": max(walls), "walls": walls,
            "median_peak_rss_mib": statistics.median(r["peak_rss_mib"] for r in runs),
            "peak_rss_mib": [r["peak_rss_mib"] for r in runs],
            "median_tree_peak_pss_mib": statistics.median(r["tree_peak_pss_mib"] for r in runs),
            "tree_peak_pss_mib": [r["tree_peak_pss_mib"] for r in runs],
            "user_s": [r["user_s"] for r in runs], "sys_s": [r["sys_s"] for r in runs], "runs": len(runs)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=DATA)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--evalkit", default=default_evalkit())
    parser.add_argument("--skip-evalkit", action="store_true")
    parser.add_argument("--peers", default=",".join(PEER_NAMES), help="comma-separated subset of " + ", ".join(PEER_NAMES))
    parser.add_argument("--nice", type=int, default=0, help="run every command under nice -n N")
    parser.add_argument("--case", help="results file name: Benchmarks/results/scale_<case>.json")
    args = parser.parse_args()
    data = os.path.abspath(os.path.expanduser(args.data))
    manifest_path = os.path.join(data, "MANIFEST.json")
    if not os.path.exists(manifest_path) or not os.path.exists(os.path.join(data, "scheme.json")):
        sys.exit(f"no tracking workload in {data}: run `python3 Benchmarks/gen_tracking.py --out {data}`")
    manifest = json.load(open(manifest_path))
    case = args.case or f"tracking_{manifest['sequences']}x{manifest['frames']}"
    wanted = [p.strip() for p in args.peers.split(",") if p.strip()]
    unknown = [p for p in wanted if p not in PEER_NAMES]
    if unknown:
        sys.exit(f"unknown peers {unknown}: choose from {', '.join(PEER_NAMES)}")
    peers, versions = check_venv(wanted)
    prefix = ["nice", "-n", str(args.nice)] if args.nice else []
    commands = {}
    skipped = {}
    if args.skip_evalkit:
        skipped["evalkit"] = "--skip-evalkit"
    elif not os.path.exists(args.evalkit):
        skipped["evalkit"] = f"no binary at {args.evalkit} (swift build -c release --product evalkit, or --evalkit PATH)"
        print(f"evalkit skipped: {skipped['evalkit']}", file=sys.stderr)
    else:
        commands["evalkit"] = prefix + [args.evalkit, "run", os.path.join(data, "scheme.json"), "--no-history", "--quiet",
                                        "--format", "json"]
    for p in peers:
        commands[PEER_NAMES[p]] = prefix + peer_command(p, data)
    if not commands:
        sys.exit("nothing to run")
    totals = manifest["totals"]
    print(f"workload {data}: {manifest['sequences']} sequences x {manifest['frames']} frames, {totals['gt_boxes']:,} gt boxes "
          f"({totals['gt_tracks']:,} tracks), {totals['tracker_boxes']:,} tracker boxes ({totals['tracker_ids']:,} ids), "
          f"{manifest['total_bytes'] / 1e6:.1f} MB", file=sys.stderr)
    binary = evalkit_identity(args.evalkit) if "evalkit" in commands else None
    load_at_start = os.getloadavg()
    results = {name: [] for name in commands}
    values = {}
    for round_index in range(args.runs):
        for name in list(commands):
            if name not in commands:
                continue
            print(f"round {round_index + 1}/{args.runs}: {name} ...", file=sys.stderr, flush=True)
            run = timed(commands[name])
            if name == "evalkit":
                metrics = evalkit_metrics(run["stdout"]) if run["status"] in (0, 1) else None
                if metrics is None:
                    reason = (run["stderr"].strip().splitlines() or ["no output"])[-1]
                    skipped["evalkit"] = f"exit status {run['status']}: {reason}"
                    print(f"evalkit skipped: the run failed ({skipped['evalkit']})", file=sys.stderr)
                    del commands[name], results[name]
                    continue
                values["evalkit"] = {EVALKIT_KEYS[k]: v for k, v in metrics.items() if k in EVALKIT_KEYS}
                values["evalkit"]["metrics"] = metrics
                run["result"] = {"metrics": metrics}
            else:
                result = bench_result(run["stdout"])
                if run["status"] != 0 or result is None:
                    reason = (run["stderr"].strip().splitlines() or ["no output"])[-1]
                    skipped[name] = f"exit status {run['status']}: {reason}"
                    print(f"{name} failed and is dropped: {skipped[name]}", file=sys.stderr)
                    del commands[name]
                    results[name].append(run)
                    continue
                values[name] = result["results"]
                run["result"] = {"phases": result.get("phases"), "tool": result.get("tool"), "version": result.get("version")}
            print(f"  {run['wall_s']:.2f} s, peak RSS {run['peak_rss_mib']:.0f} MiB, tree PSS {run['tree_peak_pss_mib']:.0f} MiB",
                  file=sys.stderr, flush=True)
            results[name].append(run)
    results = {name: [r for r in runs if r["status"] == 0 or (name == "evalkit" and r["status"] == 1)]
               for name, runs in results.items()}
    results = {name: runs for name, runs in results.items() if runs}
    if not results:
        sys.exit("every command failed: " + json.dumps(skipped))
    summaries = {name: summarise(runs) for name, runs in results.items()}
    baseline = "evalkit" if "evalkit" in summaries else PEER_NAMES["trackeval"] if PEER_NAMES["trackeval"] in summaries else next(iter(summaries))
    base = summaries[baseline]["median_wall_s"]

    # Cross-checks.
    checks = {}
    reference = PEER_NAMES["trackeval"] if PEER_NAMES["trackeval"] in values else PEER_NAMES["trackeval-parallel"]
    if reference not in values:
        recorded = recorded_trackeval(manifest)
        if recorded:
            reference = f"{PEER_NAMES['trackeval']}, recorded in {recorded[0]}"
            values[reference] = recorded[1]
    if reference in values:
        for name in values:
            if name != reference:
                checks[f"{reference} vs {name}"] = compare(values[reference], values[name], FIELDS)
        if "HOTA_alphas" in values[reference]:
            for name in values:
                if name != reference and "HOTA_alphas" in values[name]:
                    a, b = values[reference]["HOTA_alphas"], values[name]["HOTA_alphas"]
                    checks[f"{reference} vs {name}"]["per-alpha HOTA: largest difference"] = max(abs(x - y) for x, y in zip(a, b))
                    checks[f"{reference} vs {name}"]["per-alpha HOTA_TP equal"] = values[reference]["HOTA_TP_alphas"] == values[name]["HOTA_TP_alphas"]

    record = {"case": case, "date": time.strftime("%Y-%m-%d %H:%M:%S"),
              "machine": {"nproc": os.cpu_count(), "platform": platform.platform(), "load_average_at_start": load_at_start,
                          "load_average_at_end": os.getloadavg()},
              "workload": {"path": data, "sequences": manifest["sequences"], "frames": manifest["frames"], "totals": totals,
                           "total_bytes": manifest["total_bytes"], "groups": manifest["groups"], "numpy": manifest["numpy"]},
              "commands": {name: commands.get(name) or "dropped" for name in results},
              "nice": args.nice, "evalkit_binary": binary, "peer_versions": versions, "skipped": skipped,
              "summaries": summaries, f"ratio_to_{baseline}": {n: round(s["median_wall_s"] / base, 3) for n, s in summaries.items()},
              "values": values, "cross_checks": checks, "notes": NOTES,
              "runs": {name: [{k: v for k, v in r.items() if k != "stdout"} for r in runs] for name, runs in results.items()}}
    out = os.path.join(HERE, "results", f"scale_{case}.json")
    with open(out, "w") as f:
        json.dump(record, f, indent=2, default=float)
        f.write("\n")

    print(f"\n## {case} ({manifest['sequences']} sequences x {manifest['frames']} frames, {totals['gt_boxes']:,} gt boxes, "
          f"{totals['tracker_boxes']:,} tracker boxes{', nice ' + str(args.nice) if args.nice else ''})\n")
    print(f"| command | median s (min-max) | runs (s) | peak RSS MiB | tree PSS MiB | user+sys s | median / {baseline} |")
    print("|---|---|---|---|---|---|---|")
    for name, s in summaries.items():
        cpu = statistics.median((u or 0) + (y or 0) for u, y in zip(s["user_s"], s["sys_s"]))
        print(f"| {name} | {s['median_wall_s']:.2f} ({s['min_wall_s']:.2f}-{s['max_wall_s']:.2f}) | "
              f"{', '.join(f'{w:.2f}' for w in s['walls'])} | {s['median_peak_rss_mib']:.0f} | {s['median_tree_peak_pss_mib']:.0f} | "
              f"{cpu:.1f} | {s['median_wall_s'] / base:.3f} |")
    for name, reason in skipped.items():
        print(f"- {name} skipped: {reason}")
    if values:
        names = list(values)
        print("\n| field | " + " | ".join(names) + " |")
        print("|---|" + "---|" * len(names))
        for f in SHOWN:
            cells = []
            for n in names:
                v = values[n].get(f)
                cells.append("—" if v is None else f"{v:.6f}" if isinstance(v, float) else str(v))
            print(f"| {f} | " + " | ".join(cells) + " |")
    for pair, c in checks.items():
        line = f"- {pair}: {len(c['equal'])} fields equal"
        if c["within_rounding"]:
            line += f", {len(c['within_rounding'])} within rounding (" + ", ".join(
                f"{f} {d:+.2g}" for f, d in c["within_rounding"].items()) + ")"
        if "per-alpha HOTA: largest difference" in c:
            line += f", per-alpha HOTA largest difference {c['per-alpha HOTA: largest difference']:.3g}"
        line += "; differ: " + ("; ".join(f"{f} {d['a']} vs {d['b']}" for f, d in c["differ"].items()) if c["differ"] else "none")
        print(line)
    print(f"\nwritten: {os.path.relpath(out)}")


if __name__ == "__main__":
    main()
