#!/usr/bin/env python3
"""Text workload for the `text` task benchmark (standard library only, seeded).

    python3 Benchmarks/gen_text.py [--rows 1000000] [--out $BENCH_DATA]

Writes <out>/text/plates_1e6.csv: id, plate (7 characters, UK-style), pred (a simulated OCR read
with O/0, I/1, B/8, S/5 confusions, dropped and doubled characters, worse at night), lighting.
../shared/bench has no text workload; this one follows its conventions (seeded, one file).
"""
import argparse
import os
import random

LETTERS = "ABCDEFGHJKLMNOPRSTUVWXYZ"
DIGITS = "0123456789"
CONFUSE = {"O": "0", "0": "O", "I": "1", "1": "I", "B": "8", "8": "B", "S": "5", "5": "S"}


def plate(g):
    return "".join(g.choice(LETTERS) for _ in range(2)) + "".join(g.choice(DIGITS) for _ in range(2)) + \
        "".join(g.choice(LETTERS) for _ in range(3))


def read(g, text, night):
    p = 0.08 if night else 0.015
    out = []
    for c in text:
        u = g.random()
        if u < p:
            continue  # dropped
        if u < 2 * p and c in CONFUSE:
            out.append(CONFUSE[c])
        elif u < 2.3 * p:
            out.append(g.choice(LETTERS + DIGITS))
        else:
            out.append(c)
        if g.random() < p / 4:
            out.append(c)  # doubled
    return "".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--out", default=os.environ.get("BENCH_DATA", os.path.expanduser("~/.cache/evalkit-bench-data")))
    a = ap.parse_args()
    g = random.Random(5005)
    os.makedirs(os.path.join(a.out, "text"), exist_ok=True)
    path = os.path.join(a.out, "text", "plates_1e6.csv")
    with open(path, "w", newline="") as f:
        f.write("id,plate,pred,lighting\n")
        for i in range(a.rows):
            lighting = g.choice(["day", "day", "dusk", "night"])
            truth = plate(g)
            f.write(f"{i},{truth},{read(g, truth, lighting == 'night')},{lighting}\n")
    print(path)


if __name__ == "__main__":
    main()
