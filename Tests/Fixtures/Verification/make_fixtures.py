#!/usr/bin/env python3
"""Regenerates bob_pyeer.json: seeded score sets and what bob.measure 6.1.0 and pyeer 0.5.6 compute
on them, for Tests/EvalKitMetricsTests/VerificationFixtureTests.swift.

bob.measure here is the released package, installed with pip — not a re-implementation and not
the mirrored source with numba stubbed out. bob.measure 6.1.0 pins numba 0.56.4 and h5py 3.7.0,
which need Python < 3.11:

    /root/.pyenv/versions/3.10.13/bin/python -m venv /tmp/bob-venv
    /tmp/bob-venv/bin/pip install bob.measure==6.1.0 pyeer==0.5.6
    /tmp/bob-venv/bin/python Tests/Fixtures/Verification/make_fixtures.py

(that resolved numpy 1.23.5, numba 0.56.4, llvmlite 0.39.1). The installed
bob/measure/{_library,__init__,utils}.py are byte-identical to the mirrored bioidiap/bob.measure
commit b58fe757 (6.1.1b0); pyeer's files are identical to the copy in evalkit's peers venv.

Every float is written with Python's repr (shortest round-trip), so the Swift side compares
exactly. A call that raises is recorded as {"error": "<type>: <message>"}.
"""

import json
import math
import os
import sys
import warnings

import numpy
import bob.measure as bm
import pyeer
from pyeer.eer_info import get_eer_stats

warnings.simplefilter("ignore")

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "bob_pyeer.json")

RATE_TARGETS = [0.0, 1e-4, 1e-3, 1e-2, 0.05, 0.1, 0.25, 0.5, 0.9, 0.999, 1.0]
COSTS = [0.0, 0.1, 0.3, 0.5, 0.9, 0.99, 1.0]


def f(x):
    x = float(x)
    if math.isnan(x):
        raise ValueError("NaN in a fixture")
    return x


def call(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except Exception as e:  # recorded, compared as "throws" on the Swift side
        return {"error": f"{type(e).__name__}: {e}"}


def rows(a):
    if isinstance(a, dict):
        return a
    return [[f(v) for v in row] for row in numpy.asarray(a)]


def score_sets():
    rng = numpy.random.default_rng(20240611)
    sets = []

    def add(name, description, negatives, positives):
        sets.append({"name": name, "description": description,
                     "negatives": [f(v) for v in negatives], "positives": [f(v) for v in positives]})

    add("overlap_gaussian", "impostors N(0,1) x1500, genuine N(1.2,1) x400: heavy overlap",
        rng.normal(0, 1, 1500), rng.normal(1.2, 1, 400))
    add("same_distribution", "impostors and genuine both N(0,1) x500: EER about 0.5",
        rng.normal(0, 1, 500), rng.normal(0, 1, 500))
    add("discrete_ties", "integer scores: impostors 0..7 x600, genuine 3..10 x200 (many ties across sides)",
        rng.integers(0, 8, 600).astype(float), rng.integers(3, 11, 200).astype(float))
    add("rounded_ties", "N(0,1) x1000 and N(2,1) x300 rounded to 1 decimal",
        numpy.round(rng.normal(0, 1, 1000), 1), numpy.round(rng.normal(2, 1, 300), 1))
    add("low_eer", "impostors N(0,1) x6007, genuine N(4,1) x601: EER well below 1%",
        rng.normal(0, 1, 6007), rng.normal(4, 1, 601))
    add("separable", "impostors U(0,1) x300 below genuine U(2,3) x100",
        rng.uniform(0, 1, 300), rng.uniform(2, 3, 100))
    add("inverted", "genuine N(-2,1) below impostors N(0,1), 200 each (no FMR/FNMR crossing for pyeer)",
        rng.normal(0, 1, 200), rng.normal(-2, 1, 200))
    add("bimodal_genuine", "impostors N(0,1) x800, genuine half N(0.5,0.3) half N(3,0.5) x300",
        rng.normal(0, 1, 800), numpy.concatenate([rng.normal(0.5, 0.3, 150), rng.normal(3, 0.5, 150)]))
    add("all_tied", "every score 0.5 (5 impostors, 4 genuine)", [0.5] * 5, [0.5] * 4)
    add("tiny_2x2", "two impostors, two genuine", [0.1, 0.4], [0.3, 0.9])
    add("tiny_3x2_tied", "impostors [1,2,3], genuine [2,5] (a tie across sides)", [3.0, 1.0, 2.0], [5.0, 2.0])
    add("single_impostor", "one impostor (far_threshold needs 2)", [0.2], [0.5, 0.7, 0.1])
    add("single_genuine", "one genuine (frr_threshold needs 2)", [0.1, 0.6, 0.3], [0.5])
    add("large_values", "scores near 1e17 where s + 1 == s (nextafter(s, s+1) returns s)",
        [1e17, 2e17, 3e17, 5e17], [2e17, 4e17, 6e17])
    add("negative_zero", "signed zeros and small values", [-0.0, 0.0, -1e-300, 0.5, 0.0], [0.0, -0.0, 1.0, 2e-300])
    return sets


def bob_values(neg, pos):
    neg = numpy.asarray(neg, dtype=float)
    pos = numpy.asarray(pos, dtype=float)
    out = {}
    out["eer_threshold"] = call(bm.eer_threshold, neg, pos)
    e = call(bm.eer, neg, pos, also_farfrr=True)
    out["eer"] = e if isinstance(e, dict) else {"eer": f(e[0]), "far": f(e[1]), "frr": f(e[2])}
    out["min_hter_threshold"] = call(bm.min_hter_threshold, neg, pos)
    out["min_weighted_error_rate_threshold"] = [
        {"cost": c, "threshold": call(bm.min_weighted_error_rate_threshold, neg, pos, c)} for c in COSTS]
    out["far_threshold"] = [{"target": t, "threshold": call(bm.far_threshold, neg, pos, t)} for t in RATE_TARGETS]
    out["frr_threshold"] = [{"target": t, "threshold": call(bm.frr_threshold, neg, pos, t)} for t in RATE_TARGETS]
    allscores = numpy.unique(numpy.concatenate([neg, pos]))
    picks = allscores[numpy.linspace(0, len(allscores) - 1, min(25, len(allscores))).astype(int)]
    thresholds = sorted(set([f(v) for v in picks] + [f(allscores.min() - 0.1), f(allscores.max() + 0.1)]
                            + ([f(out["eer_threshold"])] if not isinstance(out["eer_threshold"], dict) else [])))
    out["farfrr"] = []
    for t in thresholds:
        r = call(bm.farfrr, neg, pos, t)
        pr = call(bm.precision_recall, neg, pos, t)
        out["farfrr"].append({
            "threshold": t,
            "far_frr": r if isinstance(r, dict) else [f(r[0]), f(r[1])],
            "precision_recall": pr if isinstance(pr, dict) else [f(pr[0]), f(pr[1])],
            "f_score_1": call(lambda: f(bm.f_score(neg, pos, t))),
            "f_score_2": call(lambda: f(bm.f_score(neg, pos, t, 2))),
        })
    for key, n, m in (("roc_100", 100, -8), ("roc_40_min_far_4", 40, -4)):
        out[key] = rows(call(bm.roc, neg, pos, n, m))
        out[key.replace("roc", "det")] = rows(call(bm.det, neg, pos, n, m))
    out["precision_recall_curve_100"] = rows(call(bm.precision_recall_curve, neg, pos, 100))
    out["roc_for_far"] = {"targets": RATE_TARGETS, "curve": rows(call(bm.roc_for_far, neg, pos, RATE_TARGETS))}
    half_n, half_p = len(neg) // 2, len(pos) // 2
    out["epc_halves_20"] = rows(call(bm.epc, neg[:half_n], pos[:half_p], neg[half_n:], pos[half_p:], 20, False, True))
    return out


def pyeer_values(neg, pos):
    try:
        s = get_eer_stats(list(pos), list(neg))
        return {"eer": f(s.eer), "eer_low": f(s.eer_low), "eer_high": f(s.eer_high), "eer_th": f(s.eer_th)}
    except Exception as e:
        return {"error": f"{type(e).__name__}: {e}"}


def identification_sets():
    rng = numpy.random.default_rng(7)
    sets = []
    # Closed set: 60 probes, gallery of 25 (1 mate + 24 non-mates), scores on a 0.1 grid (ties).
    probes = []
    for _ in range(60):
        mate = [f(round(rng.normal(1.0, 0.8), 1))]
        non = [f(round(v, 1)) for v in rng.normal(0.0, 0.6, 24)]
        probes.append({"negatives": non, "positives": mate})
    sets.append({"name": "closed_set_ties", "description": "60 probes, 1 mate + 24 non-mates, 0.1 grid", "probes": probes})
    # Open set: 40 mated probes (2 mate scores sometimes), 20 non-mated; gallery sizes vary.
    probes = []
    for i in range(60):
        k = int(rng.integers(5, 15))
        non = [f(round(v, 2)) for v in rng.normal(0.0, 0.5, k)]
        if i % 3 == 2:
            probes.append({"negatives": non, "positives": None})
        else:
            mates = [f(round(v, 2)) for v in rng.normal(0.9, 0.6, 1 + (i % 5 == 0))]
            probes.append({"negatives": non, "positives": mates})
    sets.append({"name": "open_set", "description": "40 mated probes (some with 2 mate scores), 20 non-mated, 5-14 non-mates each",
                 "probes": probes})
    # A mated probe without non-mates, and ties with the mate score exactly.
    probes = [{"negatives": [0.5, 0.5, 0.2], "positives": [0.5]},
              {"negatives": [], "positives": [0.3]},
              {"negatives": [0.9], "positives": [0.1]},
              {"negatives": [0.4, 0.1], "positives": [0.6]}]
    sets.append({"name": "edge_ties", "description": "a mate tied with two non-mates, a probe without non-mates", "probes": probes})
    return sets


def identification_values(probes):
    data = [(numpy.asarray(p["negatives"], dtype=float),
             None if p["positives"] is None else numpy.asarray(p["positives"], dtype=float)) for p in probes]
    out = {"cmc": call(lambda: [f(v) for v in bm.cmc(data)])}
    out["recognition_rate"] = []
    for threshold in (None, 0.0, 0.3, 0.5, 1.0):
        for rank in (1, 2, 5):
            out["recognition_rate"].append({"threshold": threshold, "rank": rank,
                                            "value": call(lambda: f(bm.recognition_rate(data, threshold=threshold, rank=rank)))})
    out["detection_identification_rate"] = []
    out["false_alarm_rate"] = []
    for threshold in (-1.0, 0.0, 0.3, 0.5, 0.8, 1.0, 2.0):
        for rank in (1, 3):
            out["detection_identification_rate"].append(
                {"threshold": threshold, "rank": rank,
                 "value": call(lambda: f(bm.detection_identification_rate(data, threshold, rank=rank)))})
        out["false_alarm_rate"].append({"threshold": threshold, "value": call(lambda: f(bm.false_alarm_rate(data, threshold)))})
    return out


def main():
    result = {
        "generator": "Tests/Fixtures/Verification/make_fixtures.py",
        "tools": {"bob.measure": bm.__version__ if hasattr(bm, "__version__") else "6.1.0 (pip)",
                  "pyeer": "0.5.6", "numpy": numpy.__version__, "python": sys.version.split()[0]},
        "score_sets": [],
        "identification_sets": [],
    }
    for s in score_sets():
        s["bob"] = bob_values(s["negatives"], s["positives"])
        s["pyeer"] = pyeer_values(s["negatives"], s["positives"])
        result["score_sets"].append(s)
        print(s["name"], "eer", s["bob"]["eer"], "pyeer", s["pyeer"], file=sys.stderr)
    for s in identification_sets():
        s["bob"] = identification_values(s["probes"])
        result["identification_sets"].append(s)
    with open(OUT, "w") as fh:
        json.dump(result, fh, allow_nan=False, separators=(",", ":"))
        fh.write("\n")
    print("wrote", OUT, os.path.getsize(OUT), "bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
