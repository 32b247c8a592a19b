#!/usr/bin/env python3
"""Writes the scored variant of the shared video-events workload, for PSDS benchmarks.

Reads $BENCH_DATA/video_events/{reference,estimated,files}.csv (../shared/bench/gen/gen_video_events.py)
and writes, under $BENCH_DATA/video_events_scored/:
  reference.csv, files.csv       the first --files videos of the workload, unchanged
  estimated.csv                  their system events with a seeded score (2 decimals, so about 100
                                 distinct thresholds): higher for events that overlap a reference
                                 event of their class, lower for false alarms; events of one class
                                 that overlap within a video are merged first (psds_eval refuses
                                 overlapping events of one class), keeping the higher score.

    python3 Benchmarks/gen_scored_events.py [--files 200] [--seed 4001]

Standard library only; re-running it writes the same bytes.
"""
import argparse
import csv
import os
import random
from collections import defaultdict

DATA = os.environ.get("BENCH_DATA", os.path.expanduser("~/.cache/evalkit-bench-data"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--seed", type=int, default=4001)
    args = parser.parse_args()
    source = os.path.join(DATA, "video_events")
    target = os.path.join(DATA, "video_events_scored")
    os.makedirs(target, exist_ok=True)
    with open(os.path.join(source, "files.csv")) as f:
        files = [row for row in csv.DictReader(f)][: args.files]
    keep = {row["file"] for row in files}
    reference = defaultdict(list)
    with open(os.path.join(source, "reference.csv")) as f:
        rows = [r for r in csv.DictReader(f) if r["file"] in keep]
    for r in rows:
        reference[(r["file"], r["label"])].append((float(r["onset"]), float(r["offset"])))
    with open(os.path.join(target, "reference.csv"), "w") as f:
        f.write("file,onset,offset,label\n")
        f.writelines(f"{r['file']},{r['onset']},{r['offset']},{r['label']}\n" for r in rows)
    with open(os.path.join(target, "files.csv"), "w") as f:
        f.write("file,duration\n")
        f.writelines(f"{r['file']},{r['duration']}\n" for r in files)
    rng = random.Random(args.seed)
    events = defaultdict(list)
    with open(os.path.join(source, "estimated.csv")) as f:
        for r in csv.DictReader(f):
            if r["file"] not in keep:
                continue
            on, off = float(r["onset"]), float(r["offset"])
            hit = any(a < off and on < b for a, b in reference[(r["file"], r["label"])])
            score = min(1.0, max(0.01, rng.gauss(0.7 if hit else 0.35, 0.2)))
            events[(r["file"], r["label"])].append([on, off, round(score, 2)])
    out = []
    for (file, label), items in events.items():
        items.sort()
        merged = [items[0]]
        for on, off, score in items[1:]:
            last = merged[-1]
            if on < last[1]:
                last[1] = max(last[1], off)
                last[2] = max(last[2], score)
            else:
                merged.append([on, off, score])
        out += [(file, on, off, label, score) for on, off, score in merged]
    out.sort(key=lambda e: (e[0], e[1], e[3]))
    with open(os.path.join(target, "estimated.csv"), "w") as f:
        f.write("file,onset,offset,label,score\n")
        f.writelines(f"{file},{on:.3f},{off:.3f},{label},{score:.2f}\n" for file, on, off, label, score in out)
    print(f"{len(files)} videos, {len(rows)} reference and {len(out)} scored system events in {target}")


if __name__ == "__main__":
    main()
