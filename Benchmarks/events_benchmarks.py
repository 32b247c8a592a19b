#!/usr/bin/env python3
"""Times evalkit's `events` task (release build) against sed_eval on the same files, same run.

    python3 Benchmarks/events_benchmarks.py [--runs 3] [--only events_sed_eval] [--peer-runs 1]

Workload: ../shared/bench/gen/gen_video_events.py's 1,000 hours (2,000 videos of 30 minutes,
10 classes, ~155,000 reference events), in $BENCH_DATA/video_events (generate with
`python ../shared/bench/gen/gen_all.py` in the peers' venv). The peer is
../shared/bench/peers/sed_eval_peer.py (sed_eval 0.2.1 + dcase_util, per-file event lists,
segment-based at 1 s with each file's duration, event-based with a 0.2 s collar), run in $PEERS_PY.

Cases (each round runs every command once, in turn: A B A B):
- events_sed_eval: evalkit on the combined CSVs, evalkit on the same per-file event lists the peer
  reads (`"format": "event_list"`), and the peer; the 8 values the peer prints (overall and
  class-wise-average F1 and error rate of both) must equal evalkit's.
- events_frames: evalkit with frame-based metrics at 25 fps on top (45,000 frames per video).
- events_psds: PSDS1 over every distinct score on the scored variant (Benchmarks/gen_scored_events.py:
  the first 200 videos, 100 hours, scores with 2 decimals, so 100 operating points), against
  psds_eval 0.5.3 (Benchmarks/peers/psds_peer.py in $PSDS_PY, default
  ~/.cache/evalkit-psds-venv/bin/python: `python3 -m venv ~/.cache/evalkit-psds-venv &&
  ~/.cache/evalkit-psds-venv/bin/pip install psds_eval==0.5.3 pandas==2.2.3 numpy==1.26.4`); the two
  PSDS values must agree.
Results: Benchmarks/results/scale_<case>.json, and a Markdown table on stdout.
"""
import argparse
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_benchmarks import DATA, EVALKIT, PEERS_PY, SHARED, timed  # noqa: E402
from scale_benchmarks import report, rounds  # noqa: E402

VIDEO = os.path.join(DATA, "video_events")
SCORED = os.path.join(DATA, "video_events_scored")
PSDS_PY = os.environ.get("PSDS_PY", os.path.expanduser("~/.cache/evalkit-psds-venv/bin/python"))
HERE = os.path.dirname(os.path.abspath(__file__))


def write(directory, name, value):
    path = os.path.join(directory, name)
    with open(path, "w") as f:
        json.dump(value, f)
    return path


def schemes(directory):
    """The CSV scheme, the event-list scheme and the 25 fps scheme over the workload."""
    recordings = {"path": os.path.join(VIDEO, "files.csv"), "role": "metadata"}
    columns = {"id": "file", "label": "label"}
    write(directory, "tables.json", {"evalkit_dataset": 1, "name": "video-events-tables", "columns": columns,
                                     "files": [{"path": os.path.join(VIDEO, "reference.csv"), "role": "ground_truth"}, recordings]})
    write(directory, "lists.json", {"evalkit_dataset": 1, "name": "video-events-lists", "columns": columns,
                                    "files": [{"path": os.path.join(VIDEO, "filelist.tsv"), "role": "ground_truth",
                                               "format": "event_list"}, recordings]})
    options = {"time_resolution": 1.0, "t_collar": 0.2, "percentage_of_length": 0.5, "matching": "optimal"}
    tables = write(directory, "scheme-tables.json", {
        "evalkit": 1, "name": "events-tables", "task": "events", "dataset": "tables.json",
        "predictions": {"path": os.path.join(VIDEO, "estimated.csv")}, "options": options})
    lists = write(directory, "scheme-lists.json", {
        "evalkit": 1, "name": "events-lists", "task": "events", "dataset": "lists.json",
        "predictions": {"path": os.path.join(VIDEO, "filelist.tsv"), "format": "event_list"}, "options": options})
    frames = write(directory, "scheme-frames.json", {
        "evalkit": 1, "name": "events-frames", "task": "events", "dataset": "tables.json",
        "predictions": {"path": os.path.join(VIDEO, "estimated.csv")}, "options": dict(options, fps=25)})
    return tables, lists, frames


def evalkit(scheme, out):
    return [EVALKIT, "run", scheme, "--no-history", "--quiet", "--out", out, "--format", "json"]


def agreement(out, peer_stdout):
    """The largest difference between evalkit's values and the peer's 8 values."""
    metrics = json.load(open(os.path.join(out, "results.json")))["evaluations"][0]["metrics"]
    line = [l for l in peer_stdout.splitlines() if l.startswith("BENCH_RESULT ")][-1]
    peer = json.loads(line[len("BENCH_RESULT "):])["results"]
    pairs = []
    for family, prefix in (("segment_based", "segment"), ("event_based", "event")):
        p = peer[family]
        pairs += [(metrics[f"{prefix}_f1"], p["overall_f1"]), (metrics[f"{prefix}_error_rate"], p["overall_error_rate"]),
                  (metrics[f"{prefix}_f1_macro"], p["class_wise_average_f1"]),
                  (metrics[f"{prefix}_error_rate_macro"], p["class_wise_average_error_rate"])]
    return max(abs(a - b) for a, b in pairs), len(pairs)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--peer-runs", type=int, default=1, help="rounds that include the peer (about 150 s each)")
    parser.add_argument("--only", choices=["events_sed_eval", "events_frames", "events_psds"])
    args = parser.parse_args()
    if not os.path.exists(os.path.join(VIDEO, "filelist.tsv")):
        sys.exit(f"no workload in {VIDEO}: run ../shared/bench/gen/gen_all.py in the peers' venv")
    directory = tempfile.mkdtemp(prefix="evalkit-events-bench-")
    tables, lists, frames = schemes(directory)
    peer = [PEERS_PY, os.path.join(SHARED, "bench", "peers", "sed_eval_peer.py"), "--root", VIDEO]
    if args.only in (None, "events_sed_eval"):
        commands = {"evalkit (CSV)": evalkit(tables, os.path.join(directory, "tables")),
                    "evalkit (event lists)": evalkit(lists, os.path.join(directory, "lists"))}
        results = rounds(commands, args.runs)
        peer_results = rounds({"sed_eval": peer}, args.peer_runs)
        # One more round of evalkit after the peer, so that both sides see the same machine.
        for name, runs in rounds(commands, 1).items():
            results[name] += runs
        results.update(peer_results)
        difference, compared = agreement(os.path.join(directory, "lists"), peer_results["sed_eval"][-1]["stdout"])
        report("events_sed_eval", results, "evalkit (event lists)",
               notes={"values compared with sed_eval": compared, "largest difference": difference})
    if args.only in (None, "events_frames"):
        results = rounds({"evalkit (segments, events and frames at 25 fps)": evalkit(frames, os.path.join(directory, "frames")),
                          "evalkit (segments and events)": evalkit(tables, os.path.join(directory, "tables"))}, args.runs)
        report("events_frames", results, "evalkit (segments and events)")
    if args.only in (None, "events_psds"):
        if not os.path.exists(os.path.join(SCORED, "estimated.csv")):
            sys.exit(f"no scored workload in {SCORED}: run python3 Benchmarks/gen_scored_events.py")
        write(directory, "scored.json", {"evalkit_dataset": 1, "name": "video-events-scored", "columns": {"id": "file", "label": "label"},
                                         "files": [{"path": os.path.join(SCORED, "reference.csv"), "role": "ground_truth"},
                                                   {"path": os.path.join(SCORED, "files.csv"), "role": "metadata"}]})
        psds = write(directory, "scheme-psds.json", {
            "evalkit": 1, "name": "events-psds", "task": "events", "dataset": "scored.json",
            "predictions": {"path": os.path.join(SCORED, "estimated.csv"), "score": "score"}, "options": {"psds": "psds1"}})
        out = os.path.join(directory, "psds")
        results = rounds({"evalkit (PSDS1, every threshold)": evalkit(psds, out),
                          "psds_eval": [PSDS_PY, os.path.join(HERE, "peers", "psds_peer.py"), "--root", SCORED]}, args.runs)
        line = [l for l in results["psds_eval"][-1]["stdout"].splitlines() if l.startswith("BENCH_RESULT ")][-1]
        peer = json.loads(line[len("BENCH_RESULT "):])
        ours = json.load(open(os.path.join(out, "results.json")))["evaluations"][0]["metrics"]["psds"]
        report("events_psds", results, "evalkit (PSDS1, every threshold)",
               notes={"operating points": peer["operating_points"], "psds evalkit": ours, "psds psds_eval": peer["psds"],
                      "difference": abs(ours - peer["psds"])})


if __name__ == "__main__":
    main()
