"""Reference assignments for evalkit's LinearAssignment (Sources/EvalKitMetrics/Kernels).

Writes lsap_cases.json next to this script: cost matrices and the pairs
scipy.optimize.linear_sum_assignment returns for them (row and column lists), covering
- random float matrices, every shape 1x1 ... 8x8, square to 12x12, wide and tall rectangles to
  12, two 40x40 and one 200x150;
- one-decimal values (ties up to rounding: the order of floating-point operations matters);
- integer-valued matrices with many ties (values 0..3), square, wide and tall, up to 60x60;
- TrackEval-style CLEAR scores 1000*continuity + iou, zeroed where iou < 0.5, solved both as
  TrackEval does, linear_sum_assignment(-score) (so zeros become -0.0), and with maximize=True;
- sparse matrices (mostly exact zeros, some negatives), all-equal matrices, mixed 0.0/-0.0;
- maximize=True on random and tied matrices.

    ~/.cache/evalkit-peers-venv/bin/python Tests/Fixtures/Kernels/make_lsap_fixtures.py   # scipy 1.17.1, numpy 2.4.6

Each matrix is one string of row-major Python reprs (shortest round-trip form, "-0.0" kept;
integer values as integers) separated by spaces, parsed with Swift's Double(String).
Deterministic (seeded): the output is byte-identical on every run with the same numpy.
"""
import json
import math
import os

import numpy as np
import scipy
from scipy.optimize import linear_sum_assignment

rng = np.random.default_rng(20240611)
cases = []


def text(x):
    """repr, or the integer for integer values ("3" for 3.0; "-0.0" stays)."""
    if x == int(x) and abs(x) < 2**53 and not (x == 0 and math.copysign(1, x) < 0):
        return str(int(x))
    return repr(x)


def add(name, cost, maximize=False):
    cost = np.asarray(cost, dtype=np.float64)
    rows, cols = linear_sum_assignment(cost, maximize=maximize)
    cases.append({
        "name": name,
        "rows": int(cost.shape[0]),
        "columns": int(cost.shape[1]),
        "maximize": maximize,
        "cost": " ".join(text(float(x)) for x in cost.ravel()),
        "expected_rows": [int(r) for r in rows],
        "expected_columns": [int(c) for c in cols],
    })


# Random floats: every shape up to 8x8, the squares up to 12x12 and some rectangles.
shapes = [(r, c) for r in range(1, 9) for c in range(1, 9)] + [(n, n) for n in range(9, 13)]
shapes += [(1, 12), (12, 1), (2, 11), (11, 2), (3, 10), (10, 3), (5, 12), (12, 5), (9, 12), (12, 9),
           (10, 11), (11, 10)]
for (r, c) in shapes:
    add(f"uniform {r}x{c}", rng.random((r, c)))

# Larger random floats (normal, so negatives too) and one big rectangle.
for k in range(2):
    add(f"normal 40x40 #{k}", rng.standard_normal((40, 40)))
# 200x150: values in 0..100 with 1 decimal keep the file small (and add ties).
add("uniform 200x150 (1 decimal)", np.round(rng.random((200, 150)) * 100, 1))

# One-decimal values: ties whose reduced costs differ in the last bits depending on the order of
# the floating-point operations (SciPy's evaluation order decides these).
for (r, c, scale) in [(15, 15, 3), (30, 30, 5), (30, 30, 10), (25, 35, 5), (35, 25, 5), (40, 40, 10)]:
    for k in range(4):
        add(f"one decimal 0..{scale} {r}x{c} #{k}", np.round(rng.random((r, c)) * scale, 1))

# Integer-valued with many ties.
tie_shapes = [(2, 2), (3, 3), (4, 4), (5, 5), (6, 6), (7, 7), (8, 8), (10, 10), (12, 12),
              (2, 5), (3, 7), (4, 9), (5, 2), (7, 3), (9, 4), (6, 11), (11, 6),
              (20, 20), (25, 15), (15, 25), (40, 40), (60, 60)]
for (r, c) in tie_shapes:
    for k in range(4 if r * c <= 400 else 2):
        add(f"ties 0..3 {r}x{c} #{k}", rng.integers(0, 4, size=(r, c)))
    add(f"ties 0..1 {r}x{c}", rng.integers(0, 2, size=(r, c)))
    add(f"ties 0..3 {r}x{c} maximize", rng.integers(0, 4, size=(r, c)), maximize=True)


def clear_scores(n_gt, n_tr):
    """TrackEval CLEAR: 1000 * (same id as last frame) + iou, zeroed below the 0.5 threshold."""
    iou = rng.random((n_gt, n_tr))
    iou[rng.random((n_gt, n_tr)) < 0.5] = 0.0
    iou[rng.random((n_gt, n_tr)) < 0.1] = 0.75  # exact ties among matches
    continuity = np.zeros((n_gt, n_tr))
    for g in range(n_gt):
        if rng.random() < 0.6:
            continuity[g, rng.integers(0, n_tr)] = 1.0
    score = 1000 * continuity + iou
    score[iou < 0.5 - np.finfo("float").eps] = 0
    return score


for (r, c) in [(1, 1), (1, 4), (4, 1), (2, 2), (3, 3), (3, 5), (5, 3), (6, 6), (8, 8), (10, 7),
               (7, 10), (12, 12), (15, 15), (20, 18), (30, 30), (40, 40)]:
    for k in range(2 if r * c <= 400 else 1):
        score = clear_scores(r, c)
        add(f"trackeval -score {r}x{c} #{k}", -score)
        add(f"trackeval score maximize {r}x{c} #{k}", score, maximize=True)

# Mostly exact zeros with some negatives.
for (r, c) in [(3, 3), (5, 5), (4, 8), (8, 4), (10, 10), (20, 20)]:
    for k in range(2):
        m = np.where(rng.random((r, c)) < 0.25, -np.round(rng.random((r, c)), 3), 0.0)
        add(f"sparse negatives {r}x{c} #{k}", m)
        add(f"sparse negatives {r}x{c} #{k} maximize", m, maximize=True)

# All equal.
for (r, c) in [(1, 1), (1, 5), (5, 1), (2, 2), (3, 3), (4, 6), (6, 4), (7, 7), (12, 12), (30, 30)]:
    add(f"all equal {r}x{c}", np.full((r, c), 2.5))
    add(f"all zero {r}x{c}", np.zeros((r, c)))
    add(f"all -0.0 {r}x{c}", np.full((r, c), -0.0))
    add(f"all equal {r}x{c} maximize", np.full((r, c), -1.0), maximize=True)

# Mixed 0.0 and -0.0 (and some 1.0).
for (r, c) in [(2, 2), (3, 3), (4, 4), (5, 7), (7, 5), (9, 9)]:
    for k in range(2):
        choice = rng.integers(0, 3, size=(r, c))
        m = np.select([choice == 0, choice == 1], [0.0, -0.0], 1.0)
        add(f"signed zeros {r}x{c} #{k}", m)
        add(f"signed zeros {r}x{c} #{k} maximize", m, maximize=True)

# maximize on random floats.
for (r, c) in [(1, 1), (1, 6), (6, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 6), (3, 8), (8, 3),
               (10, 10), (12, 9)]:
    add(f"uniform {r}x{c} maximize", rng.random((r, c)), maximize=True)

# Values with rounding differences in the reduced costs (large and small magnitudes).
for (r, c) in [(4, 4), (6, 6), (8, 5), (5, 8)]:
    m = rng.random((r, c)) * 10.0 ** rng.integers(-8, 9, size=(r, c))
    add(f"mixed magnitudes {r}x{c}", m)
    add(f"mixed magnitudes {r}x{c} negated", -m)

out = {
    "generated_by": "make_lsap_fixtures.py",
    "versions": {"scipy": scipy.__version__, "numpy": np.__version__},
    "cases": cases,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lsap_cases.json")
with open(path, "w") as f:  # one case a line
    f.write(json.dumps({k: v for k, v in out.items() if k != "cases"})[:-1] + ',\n"cases":[\n')
    f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in cases))
    f.write("\n]}\n")
print(len(cases), "cases,", os.path.getsize(path), "bytes")
