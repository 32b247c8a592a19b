#!/usr/bin/env python3
"""Writes psds_eval.json: scored detection cases and what psds_eval computes on them when every
distinct score is a threshold (an operating point = the detections with score >= threshold).

Seeded (numpy default_rng, one seed per case): running it again with the versions recorded in the
file writes the same bytes. See README.md.

    /tmp/psds-venv/bin/python Tests/Fixtures/events/psds/make_psds_fixtures.py
"""
import json
import os
import platform
import sys
import warnings

import numpy as np
import pandas as pd
import psds_eval
from psds_eval import PSDSEval

warnings.simplefilter("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "psds_eval.json")

# (alpha_ct, alpha_st, max_efpr) evaluated for every case.
PSDS_CALLS = [(0.0, 0.0, 100.0), (0.0, 1.0, 100.0), (0.5, 1.0, 100.0), (1.0, 0.5, 20.0), (0.25, 2.0, 500.0)]


def place_intervals(rng, duration, count, min_len, max_len, decimals, gap_min=0.0):
    """Non-overlapping intervals of one class in [0, duration) (touching allowed)."""
    out = []
    t = float(rng.uniform(0, duration / max(count, 1) / 2))
    for _ in range(count):
        length = float(rng.uniform(min_len, max_len))
        on = round(t, decimals)
        off = round(t + length, decimals)
        if off > duration * 1.05 or off <= on:
            break
        out.append([on, off])
        t = off + float(rng.uniform(gap_min, max_len))
    return out


def noisy_copy(rng, on, off, jitter, decimals):
    a = on + float(rng.normal(0, jitter))
    b = off + float(rng.normal(0, jitter))
    if rng.random() < 0.2:  # a shorter piece
        mid = (a + b) / 2
        a, b = (a, mid) if rng.random() < 0.5 else (mid, b)
    return round(a, decimals), round(b, decimals)


def non_overlapping(items):
    """Drops intervals (per class) that overlap an earlier kept one, identical copies allowed."""
    kept = []
    for it in items:
        ok = True
        for k in kept:
            if k[2] != it[2]:
                continue
            if k[0] == it[0] and k[1] == it[1]:
                continue
            if k[0] < it[1] and it[0] < k[1]:
                ok = False
                break
            # a zero-length event inside another one intersects it too (psds_eval's check)
        if ok:
            kept.append(it)
    return kept


def random_case(seed, classes, videos, duration_range, gt_per_class, decimals, score_decimals, jitter,
                p_miss=0.2, p_false=0.5, p_cross=0.4, p_fragment=0.2, duplicates=True, zero_length=True):
    rng = np.random.default_rng(seed)
    out = []
    for v in range(videos):
        duration = round(float(rng.uniform(*duration_range)), 2)
        reference = []
        for c in range(classes):
            n = int(rng.integers(0 if v % 3 else 1, gt_per_class + 1))
            for on, off in place_intervals(rng, duration, n, 0.3, duration / (gt_per_class + 1), decimals):
                reference.append([on, off, c])
        rng.shuffle(reference)
        reference = [list(r) for r in reference]
        dets = []
        for on, off, c in reference:
            if rng.random() < p_miss:
                continue
            if rng.random() < p_fragment:
                cut = round(on + (off - on) * float(rng.uniform(0.3, 0.7)), decimals)
                dets.append([on, cut, c, None])
                dets.append([cut, round(off + float(rng.normal(0, jitter)), decimals), c, None])
            else:
                a, b = noisy_copy(rng, on, off, jitter, decimals)
                dets.append([a, b, c, None])
            if rng.random() < p_cross:  # a detection of another class over this event
                other = int((c + rng.integers(1, classes)) % classes) if classes > 1 else c
                a, b = noisy_copy(rng, on, off, jitter, decimals)
                dets.append([a, b, other, None])
        for _ in range(int(rng.poisson(p_false * 4))):
            c = int(rng.integers(0, classes))
            on = round(float(rng.uniform(-0.5, duration + 0.5)), decimals)
            dets.append([on, round(on + float(rng.uniform(0.05, 3.0)), decimals), c, None])
        if zero_length and rng.random() < 0.3:
            t = round(float(rng.uniform(0, duration)), decimals)
            dets.append([t, t, int(rng.integers(0, classes)), None])
        for d in dets:
            d[3] = round(float(rng.uniform(0, 1)), score_decimals)
        if duplicates and dets and rng.random() < 0.4:
            d = dets[int(rng.integers(0, len(dets)))]
            dets.append([d[0], d[1], d[2], round(float(rng.uniform(0, 1)), score_decimals)])
        dets = [d for d in dets if d[0] <= d[1]]
        order = rng.permutation(len(dets))
        dets = non_overlapping([dets[i] for i in order])
        out.append({"name": f"v{v:03d}", "duration": duration, "reference": reference, "detections": dets})
    return out


def edge_case_videos():
    """Hand-made: metadata edges, world edges, fragments, duplicates, zero lengths."""
    return [
        # GTC by fragments: 0.4 + 0.4 of the event, each fragment inside it (DTC 1).
        {"name": "a_fragments", "duration": 20.0,
         "reference": [[2.0, 7.0, 0], [10.0, 12.0, 1]],
         "detections": [[2.0, 4.0, 0, 0.9], [4.0, 6.0, 0, 0.5], [6.5, 7.0, 0, 0.3],
                        [10.0, 13.0, 1, 0.8], [9.0, 10.0, 1, 0.6]]},
        # A detection over two events of its class; a cross-trigger over class 0; world edges.
        {"name": "b_two_events", "duration": 10.0,
         "reference": [[1.0, 2.0, 1], [2.5, 3.5, 1], [5.0, 9.0, 0]],
         "detections": [[0.8, 3.6, 1, 0.7], [5.5, 8.5, 1, 0.7], [9.5, 11.0, 2, 0.4],
                        [10.0, 12.0, 1, 0.95], [-2.0, 0.0, 0, 0.85], [-1.0, 0.5, 1, 0.2]]},
        # Not in the metadata (duration null): no world event, so no false positives.
        {"name": "c_no_metadata", "duration": None,
         "reference": [[1.0, 3.0, 2]],
         "detections": [[1.0, 2.9, 2, 0.6], [4.0, 6.0, 0, 0.9], [4.0, 6.0, 1, 0.1]]},
        # In the metadata, no events at all; and zero-length / identical detections.
        {"name": "d_empty", "duration": 30.0, "reference": [], "detections": []},
        {"name": "e_duplicates", "duration": 15.0,
         "reference": [[3.0, 6.0, 0], [3.0, 6.0, 1], [7.0, 7.0, 2], [8.0, 9.0, 2]],
         "detections": [[3.0, 6.0, 0, 0.5], [3.0, 6.0, 0, 0.7], [4.0, 4.0, 2, 0.9], [7.0, 7.5, 2, 0.55],
                        [8.2, 8.4, 2, 0.35], [8.4, 8.9, 2, 0.35], [3.5, 5.5, 1, 0.5]]},
        # Touching events (no intersection), a detection after the end of the video, and one whose
        # DTC share is 0.5 / 4.5 (passes at 0.1, not at 0.5).
        {"name": "f_touching", "duration": 12.0,
         "reference": [[2.0, 4.0, 1], [4.0, 6.0, 0]],
         "detections": [[4.0, 5.0, 1, 0.45], [0.0, 2.0, 1, 0.65], [12.0, 13.0, 0, 0.75], [11.9, 13.0, 1, 0.15],
                        [5.5, 10.0, 0, 0.5]]},
    ]


def kahan(values):
    """pandas' grouped sum (Kahan): y = v - c; t = s + y; c = (t - s) - y; s = t."""
    total, comp = 0.0, 0.0
    for v in values:
        y = v - comp
        t = total + y
        comp = (t - total) - y
        total = t
    return total


def naive(values):
    total = 0.0
    for v in values:
        total += v
    return total


def boundary_pieces(rng, after, share, decimals, want_kahan_passes):
    """An interval [start, end) starting 0-5 s after `after` (to 1 decimal) and 2-9 s long (to 2
    decimals), and 2-4 pieces cutting [start, start + share * (end - start)] (times to `decimals`)
    whose shares of its length, summed in order, reach `share` with Kahan's sum but not with a
    plain sum (want_kahan_passes), or the reverse. Drawn until found."""
    for _ in range(1_000_000):
        start = round(after + float(rng.uniform(0, 5)), 1)
        end = round(start + round(float(rng.uniform(2, 9)), 2), decimals)
        covered = round(start + share * (end - start), decimals)
        cuts = sorted({round(float(x), decimals) for x in rng.uniform(start, covered, int(rng.integers(1, 4)))} - {start, covered})
        points = [start] + cuts + [covered]
        shares = [(min(b, end) - max(a, start)) / (end - start) for a, b in zip(points, points[1:])]
        k, n = kahan(shares), naive(shares)
        if (k >= share) != (n >= share) and (k >= share) == want_kahan_passes:
            return start, end, list(zip(points, points[1:]))
    raise RuntimeError("no boundary pieces found")


def summation_videos():
    """Videos whose decisions depend on psds_eval's summation: a reference event covered by
    fragments (GTC), a detection over several reference events of its class (DTC), a detection
    of another class over them (CTTC); in each, the shares sum to the criterion in decimal, and
    Kahan's sum (pandas) and a plain sum fall on different sides of it."""
    rng = np.random.default_rng(2024)
    videos = []
    for i in range(8):
        passes = i % 2 == 0
        # GTC 0.7: fragments of class 0 inside a class-0 event, scores in random order.
        g0, g1, pieces = boundary_pieces(rng, 0.0, 0.7, 3, passes)
        dets = [[a, b, 0, round(float(rng.uniform(0.05, 0.95)), 2)] for a, b in pieces]
        reference = [[g0, g1, 0]]
        # DTC 0.7: one class-0 detection over touching class-0 events making up 70% of it.
        d0, d1, parts = boundary_pieces(rng, g1 + 2, 0.7, 3, not passes)
        reference += [[a, b, 0] for a, b in parts]
        dets.append([d0, d1, 0, round(float(rng.uniform(0.05, 0.95)), 2)])
        # CTTC 0.3: a class-1 detection over touching class-2 events making up 30% of it.
        c0, c1, parts = boundary_pieces(rng, d1 + 2, 0.3, 3, passes)
        reference += [[a, b, 2] for a, b in parts]
        dets.append([c0, c1, 1, round(float(rng.uniform(0.05, 0.95)), 2)])
        # class-1 ground truth elsewhere, so that every class has some
        reference.append([round(c1 + 3, 1), round(c1 + 5, 1), 1])
        videos.append({"name": f"s{i:02d}", "duration": round(c1 + 10, 1), "reference": reference, "detections": dets})
    return videos


CASES = [
    dict(name="random_default", what="3 classes, 12 videos of 60-300 s, times to 3 decimals, scores to 2 decimals (ties)",
         criteria=(0.5, 0.5, 0.3), seed=11, classes=3, videos=12, duration_range=(60, 300), gt_per_class=5,
         decimals=3, score_decimals=2, jitter=0.4),
    dict(name="random_psds1", what="PSDS1 criteria; 4 classes, 10 videos, continuous scores",
         criteria=(0.7, 0.7, 0.3), seed=12, classes=4, videos=10, duration_range=(100, 400), gt_per_class=6,
         decimals=3, score_decimals=3, jitter=0.3),
    dict(name="random_psds2", what="PSDS2 criteria; 4 classes, many cross-triggers",
         criteria=(0.1, 0.1, 0.3), seed=13, classes=4, videos=10, duration_range=(100, 400), gt_per_class=6,
         decimals=3, score_decimals=2, jitter=0.6, p_cross=0.9),
    dict(name="fragmented_grid", what="times on a 0.1 s grid (shares land on 0.3, 0.5, 0.7), many fragments",
         criteria=(0.7, 0.7, 0.3), seed=14, classes=3, videos=12, duration_range=(30, 120), gt_per_class=5,
         decimals=1, score_decimals=1, jitter=0.3, p_fragment=0.7),
    dict(name="grid_default", what="the same kind of input at DTC/GTC 0.5",
         criteria=(0.5, 0.5, 0.5), seed=15, classes=3, videos=12, duration_range=(30, 120), gt_per_class=5,
         decimals=1, score_decimals=1, jitter=0.3, p_fragment=0.7),
    dict(name="zero_criteria", what="DTC = GTC = CTTC = 0: any intersection counts",
         criteria=(0.0, 0.0, 0.0), seed=16, classes=3, videos=10, duration_range=(60, 200), gt_per_class=5,
         decimals=2, score_decimals=2, jitter=0.8),
    dict(name="one_criteria", what="DTC = GTC = CTTC = 1: only exact covers",
         criteria=(1.0, 1.0, 1.0), seed=17, classes=3, videos=10, duration_range=(60, 200), gt_per_class=5,
         decimals=1, score_decimals=2, jitter=0.2, p_fragment=0.5),
    dict(name="five_classes", what="5 classes, 16 videos, continuous scores (many thresholds)",
         criteria=(0.5, 0.5, 0.3), seed=18, classes=5, videos=16, duration_range=(60, 240), gt_per_class=4,
         decimals=3, score_decimals=4, jitter=0.5),
    dict(name="edge_cases", what="hand-made: fragments, two events under one detection, no metadata, empty video, "
                                 "duplicates, zero-length events, touching events, detections outside the video",
         criteria=(0.5, 0.5, 0.3), classes=3, videos=None),
    dict(name="edge_cases_psds2", what="the same at PSDS2 criteria", criteria=(0.1, 0.1, 0.3), classes=3, videos=None),
    dict(name="summation_order", what="shares that sum to the DTC, GTC or CTTC in decimal, where pandas' Kahan sum and a "
                                      "plain sum fall on different sides; times to 3 decimals",
         criteria=(0.7, 0.7, 0.3), classes=3, videos="summation"),
    dict(name="minute_unit", what="duration_unit 'minute'", criteria=(0.5, 0.5, 0.3), seed=19, classes=2, videos=6,
         duration_range=(20, 60), gt_per_class=4, decimals=2, score_decimals=2, jitter=0.3, unit="minute"),
]


def tables(videos, names, threshold=None):
    gt_rows, det_rows, meta_rows = [], [], []
    for v in videos:
        if v["duration"] is not None:
            meta_rows.append({"filename": v["name"], "duration": v["duration"]})
        for on, off, c in v["reference"]:
            gt_rows.append({"filename": v["name"], "onset": on, "offset": off, "event_label": names[c]})
        for on, off, c, s in v["detections"]:
            if threshold is None or s >= threshold:
                det_rows.append({"filename": v["name"], "onset": on, "offset": off, "event_label": names[c]})
    cols = ["filename", "onset", "offset", "event_label"]
    return (pd.DataFrame(gt_rows, columns=cols), pd.DataFrame(meta_rows, columns=["filename", "duration"]),
            pd.DataFrame(det_rows, columns=cols))


def finite(x):
    x = float(x)
    return None if np.isnan(x) else x


def run(case):
    names = [f"class_{chr(97 + k)}" for k in range(case["classes"])]
    if case["videos"] is None:
        videos = edge_case_videos()
    elif case["videos"] == "summation":
        videos = summation_videos()
    else:
        videos = random_case(case["seed"], case["classes"], case["videos"], case["duration_range"], case["gt_per_class"],
                             case["decimals"], case["score_decimals"], case["jitter"],
                             **{k: case[k] for k in ("p_cross", "p_fragment") if k in case})
    dtc, gtc, cttc = case["criteria"]
    unit = case.get("unit", "hour")
    gt, meta, _ = tables(videos, names)
    assert sorted(set(gt.event_label)) == names, "every class needs ground truth (psds_eval raises a KeyError otherwise)"
    scores = sorted({d[3] for v in videos for d in v["detections"]}, reverse=True)
    ev = PSDSEval(dtc, gtc, cttc, ground_truth=gt, metadata=meta, duration_unit=unit)
    ops = []
    for t in scores:
        _, _, det = tables(videos, names, t)
        before = ev.num_operating_points()
        ev.add_operating_point(det)
        if ev.num_operating_points() == before:
            # The same table as the previous threshold once psds_eval drops zero-length events:
            # psds_eval skips it ("A similar operating point exists"); its counts are the previous ones.
            ops.append({"threshold": t, "skipped": True})
            continue
        i = ev.num_operating_points() - 1
        op = ev.operating_points.iloc[i]
        counts = np.asarray(op["counts"])
        assert np.all(counts == np.round(counts))
        ops.append({"threshold": t, "counts": counts.astype(int).tolist(),
                    "tpr": [finite(x) for x in op["tpr"]], "fpr": [finite(x) for x in op["fpr"]],
                    "ctr": [[finite(x) for x in row] for row in op["ctr"]]})
    psds = []
    for a_ct, a_st, m in PSDS_CALLS:
        r = ev.psds(alpha_ct=a_ct, alpha_st=a_st, max_efpr=m)
        entry = {"alpha_ct": a_ct, "alpha_st": a_st, "max_efpr": m, "value": float(r.value)}
        if (a_ct, a_st, m) == (0.5, 1.0, 100.0):
            entry["roc_efpr"] = [float(x) for x in r.plt.xp]
            entry["roc_etpr"] = [float(x) for x in r.plt.yp]
        psds.append(entry)
    # Macro F at the middle threshold.
    t_mid = scores[len(scores) // 2]
    _, _, det = tables(videos, names, t_mid)
    f_avg, f_dict = ev.compute_macro_f_score(det)
    fscore = {"threshold": t_mid, "macro": finite(f_avg), "per_class": [finite(f_dict[n]) for n in names]}
    return {"name": case["name"], "what": case["what"], "classes": names,
            "params": {"dtc": dtc, "gtc": gtc, "cttc": cttc, "duration_unit": unit},
            "videos": videos,
            "expected": {"thresholds": scores, "operating_points": ops, "psds": psds, "f_score": fscore}}


def main():
    cases = [run(c) for c in CASES]
    doc = {"generator": "Tests/Fixtures/events/psds/make_psds_fixtures.py",
           "versions": {"psds_eval": psds_eval.__version__ if hasattr(psds_eval, "__version__") else "?",
                        "pandas": pd.__version__, "numpy": np.__version__, "python": platform.python_version()},
           "psds_calls": [list(c) for c in PSDS_CALLS],
           "cases": cases}
    with open(OUT, "w") as f:
        json.dump(doc, f, separators=(",", ":"), allow_nan=False)
        f.write("\n")
    for c in cases:
        e = c["expected"]
        print(f"| `{c['name']}` | {c['params']['dtc']}/{c['params']['gtc']}/{c['params']['cttc']} | {len(c['videos'])} | "
              f"{sum(len(v['reference']) for v in c['videos'])} | {sum(len(v['detections']) for v in c['videos'])} | "
              f"{len(e['thresholds'])} | " + " | ".join(f"{p['value']:.4f}" for p in e["psds"]) + " |")
    print(os.path.getsize(OUT), "bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
