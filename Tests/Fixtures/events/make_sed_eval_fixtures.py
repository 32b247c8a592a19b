#!/usr/bin/env python3
"""Writes sed_eval.json: sed_eval's segment-based and event-based metrics for the `events` task.

Every case is a list of recordings (reference and estimated event lists, a duration) with the
parameters of one sed_eval metrics object, and what sed_eval 0.2.1 computes on it: the raw
counters (`self.overall`, `self.class_wise`) after all `evaluate()` calls and `results()`
verbatim (NaN written as null). evalkit's `events` task must agree with these to 1e-9.

How sed_eval is driven (the same for every case):
  * one `SegmentBasedMetrics(event_label_list=labels, time_resolution=r)` or
    `EventBasedMetrics(event_label_list=labels, t_collar=..., percentage_of_length=...,
    evaluate_onset=..., evaluate_offset=..., event_matching_type=...,
    empty_system_output_handling=...)` per case;
  * per recording, in order, `evaluate(reference_event_list=R, estimated_event_list=E,
    evaluated_length_seconds=duration)` (segment) or `evaluate(reference_event_list=R,
    estimated_event_list=E)` (event), where R and E are
    `dcase_util.containers.MetaDataContainer([{"filename", "onset", "offset", "event_label"}, ...])`
    in the order of the JSON lists. The script asserts that the containers (and their
    `filter(event_label=...)`) keep that order, and that the JSON numbers read back equal the
    floats sed_eval was given.
  * sed_eval 0.2.1's SegmentBasedMetrics constructor has no `empty_system_output_handling`
    argument (it raises TypeError), although the base class reads the attribute in
    `overall_f_measure` / `class_wise_f_measure`. For the segment cases with "zero_score" the
    script sets the attribute after construction, which is what the base class would do with it.

Cases are made from numpy's default_rng with a fixed seed per case (times rounded to 3 decimals,
or to the segment grid where a case wants binary-fraction edges), plus hand-written edge cases.
The dense event cases are checked to be sensitive to which maximum matching
`sed_eval.util.bipartite_match` returns (other maximum matchings of the same graph give other
substitution counts) and greedy matching is checked to differ from optimal on them. Three cases
reuse the bench workload's generator logic (/work/shared/bench/gen/gen_video_events.py, seed
3001, so the three files equal vid_00001..vid_00003 of the bench) at its real 30-minute size.

    ~/.cache/evalkit-peers-venv/bin/python Tests/Fixtures/events/make_sed_eval_fixtures.py

(the venv is bench/peers/setup_venv.sh's: sed_eval 0.2.1, dcase_util 0.2.20, numpy 2.4.6.)
Seeded: re-running it with the same sed_eval, dcase_util and numpy versions reproduces the file
byte for byte. A summary table of the cases is printed on stdout (README.md's table).
"""

import json
import math
import os
import platform
import sys
import warnings
from importlib.metadata import version

import dcase_util
import numpy as np
import sed_eval

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "sed_eval.json")
GENERATOR = "Tests/Fixtures/events/make_sed_eval_fixtures.py"
SEED = 20240917


# ----------------------------------------------------------------------------- helpers

def q3(x):
    """Round like an annotation file with 3 decimals (the double nearest to the decimal)."""
    return round(float(x), 3)


def quantizer(g, grid_decimals=None, p_grid=0.0):
    """Returns a rounding function: 3 decimals, or with probability p_grid fewer decimals
    (1 for 0.1 s segments, 2 for 0.02 s) so that times sit on segment edges in decimal."""
    def q(x):
        if grid_decimals is not None and g.random() < p_grid:
            return round(float(x), grid_decimals)
        return q3(x)
    return q


def order_events(g, events, labels, mode):
    if mode == "onset":
        return sorted(events, key=lambda e: (e[0], labels.index(e[2]) if e[2] in labels else -1, e[1]))
    if mode == "class":
        return sorted(events, key=lambda e: (labels.index(e[2]) if e[2] in labels else -1, e[0], e[1]))
    if mode == "random":
        perm = g.permutation(len(events))
        return [events[int(i)] for i in perm]
    raise ValueError(mode)


def random_recording(g, name, duration, labels, n_ref, *, grid_decimals=None, p_grid=0.0,
                     median_len=2.0, p_miss=0.15, p_sub=0.10, p_frag=0.10, fa_per_ref=0.15,
                     onset_sd=0.15, ref_order="onset", est_order="onset", weights=None):
    """Polyphonic reference (classes overlap, one class may overlap itself) and estimates made
    from it with misses, onset/offset jitter, label substitutions, fragmentation, false alarms."""
    q = quantizer(g, grid_decimals, p_grid)
    nlab = len(labels)
    p = None if weights is None else np.asarray(weights, float) / np.sum(weights)
    ref = []
    for _ in range(n_ref):
        lab = labels[int(g.choice(nlab, p=p))]
        length = max(0.05, float(np.exp(g.normal(np.log(median_len), 0.8))))
        on = float(g.uniform(0.0, duration - 0.1))
        off = min(on + length, duration)
        ron, roff = q(on), q(off)
        roff = min(max(roff, ron), duration)
        ref.append([ron, roff, lab])
    est = []
    for ron, roff, lab in ref:
        if g.random() < p_miss:
            continue
        length = roff - ron
        on = ron + g.normal(0.0, onset_sd)
        off = roff + g.normal(0.0, 1.0) * max(0.2, 0.1 * length)
        elab = lab
        if g.random() < p_sub:
            elab = labels[(labels.index(lab) + int(g.integers(1, nlab))) % nlab]
        if length > 2.0 and g.random() < p_frag:
            cut = ron + length * g.uniform(0.3, 0.7)
            gap = g.uniform(0.1, 0.8)
            est.append([on, cut, elab])
            est.append([cut + gap, off, elab])
        else:
            est.append([on, off, elab])
    for _ in range(int(g.poisson(fa_per_ref * n_ref))):
        lab = labels[int(g.integers(nlab))]
        on = g.uniform(0.0, duration - 0.1)
        est.append([on, on + max(0.05, float(np.exp(g.normal(np.log(median_len), 0.8)))), lab])
    clean = []
    for on, off, lab in est:
        on = q(min(max(float(on), 0.0), duration - 0.05))
        off = q(min(max(float(off), on + 0.01), duration))
        off = min(max(off, on), duration)
        clean.append([on, off, lab])
    return {"name": name, "duration": float(duration),
            "reference": order_events(g, ref, labels, ref_order),
            "estimated": order_events(g, clean, labels, est_order)}


def dense_recording(g, name, duration, labels, n_clusters, *, spread=0.35, est_spread=0.45,
                    refs_per_cluster=(2, 5), ests_per_cluster=(2, 6), same_label_bias=0.5):
    """Clusters of references of the same and of different classes whose onsets and offsets
    lie within a collar of each other, and estimates scattered around them with mixed labels,
    in shuffled order: many references per estimate and vice versa."""
    ref, est = [], []
    centres = np.sort(g.uniform(1.0, duration - 4.0, n_clusters))
    for c in centres:
        base_len = float(g.uniform(0.6, 2.5))
        cl_labels = [labels[int(g.integers(len(labels)))]]
        for _ in range(int(g.integers(refs_per_cluster[0], refs_per_cluster[1] + 1))):
            lab = cl_labels[0] if g.random() < same_label_bias else labels[int(g.integers(len(labels)))]
            cl_labels.append(lab)
            on = c + g.uniform(-spread, spread)
            off = on + base_len + g.uniform(-spread, spread)
            ref.append([q3(on), q3(max(off, on + 0.05)), lab])
        for _ in range(int(g.integers(ests_per_cluster[0], ests_per_cluster[1] + 1))):
            lab = cl_labels[int(g.integers(len(cl_labels)))] if g.random() < 0.8 else labels[int(g.integers(len(labels)))]
            on = c + g.uniform(-est_spread, est_spread)
            off = on + base_len + g.uniform(-est_spread, est_spread)
            est.append([q3(max(on, 0.0)), q3(max(off, on + 0.05)), lab])
    return {"name": name, "duration": float(duration),
            "reference": order_events(g, ref, labels, "random"),
            "estimated": order_events(g, est, labels, "random")}


def rec(name, duration, reference, estimated):
    return {"name": name, "duration": float(duration),
            "reference": [[float(a), float(b), c] for a, b, c in reference],
            "estimated": [[float(a), float(b), c] for a, b, c in estimated]}


def segment_params(res, esoh=None):
    return {"time_resolution": float(res), "empty_system_output_handling": esoh}


def event_params(t_collar=0.2, pol=0.5, onset=True, offset=True, matching="optimal", esoh=None):
    return {"t_collar": float(t_collar), "percentage_of_length": float(pol), "evaluate_onset": onset,
            "evaluate_offset": offset, "event_matching_type": matching,
            "empty_system_output_handling": esoh}


# ----------------------------------------------------------------------------- sed_eval

def container(name, events):
    c = dcase_util.containers.MetaDataContainer(
        [{"filename": name, "onset": on, "offset": off, "event_label": lab} for on, off, lab in events])
    got = [[item["onset"], item["offset"], item["event_label"]] for item in c]
    assert got == [list(e) for e in events], "MetaDataContainer changed the events or their order"
    for lab in set(e[2] for e in events):
        sub = [[item["onset"], item["offset"], item["event_label"]] for item in c.filter(event_label=lab)]
        assert sub == [list(e) for e in events if e[2] == lab], "filter() changed the order"
    return c


def make_metrics(case):
    p = case["params"]
    labels = list(case["labels"])
    if case["metric"] == "segment":
        m = sed_eval.sound_event.SegmentBasedMetrics(event_label_list=labels,
                                                     time_resolution=p["time_resolution"])
        if p["empty_system_output_handling"] is not None:
            # 0.2.1's constructor does not take the keyword; the base class reads the attribute.
            m.empty_system_output_handling = p["empty_system_output_handling"]
        return m
    return sed_eval.sound_event.EventBasedMetrics(
        event_label_list=labels, t_collar=p["t_collar"], percentage_of_length=p["percentage_of_length"],
        evaluate_onset=p["evaluate_onset"], evaluate_offset=p["evaluate_offset"],
        event_matching_type=p["event_matching_type"],
        empty_system_output_handling=p["empty_system_output_handling"])


def evaluate_one(m, case, r):
    ref = container(r["name"], r["reference"])
    est = container(r["name"], r["estimated"])
    if case["metric"] == "segment":
        m.evaluate(reference_event_list=ref, estimated_event_list=est, evaluated_length_seconds=r["duration"])
    else:
        m.evaluate(reference_event_list=ref, estimated_event_list=est)


def plain(x):
    """numpy scalars to Python floats, NaN to None, recursively (bools kept)."""
    if isinstance(x, dict):
        return {str(k): plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [plain(v) for v in x]
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (int, float, np.integer, np.floating)):
        v = float(x)
        if math.isnan(v):
            return None
        assert math.isfinite(v), v
        return v
    return x


def run_case(case):
    m = make_metrics(case)
    for r in case["recordings"]:
        evaluate_one(m, case, r)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # nanmean of all-NaN
        results = m.results()
    case["expected"] = {
        "overall_counts": plain(m.overall),
        "class_wise_counts": {lab: plain(m.class_wise[lab]) for lab in case["labels"]},
        "results": plain(results),
    }
    return m


# ----------------------------------------------------------------------------- matching probes

def overall_nsubs(case, r, perm_seed=None):
    """sed_eval's overall optimal matching + substitution count for one recording, with the
    bipartite graph's key order and neighbour lists permuted (perm_seed None: sed_eval's order)."""
    p = case["params"]
    E = sed_eval.sound_event.EventBasedMetrics
    ref = container(r["name"], r["reference"])
    est = container(r["name"], r["estimated"])

    def on_ok(a, b):
        return (not p["evaluate_onset"]) or E.validate_onset(a, b, t_collar=p["t_collar"])

    def off_ok(a, b):
        return (not p["evaluate_offset"]) or E.validate_offset(
            a, b, t_collar=p["t_collar"], percentage_of_length=p["percentage_of_length"])

    G = {}
    for j in range(len(ref)):
        for i in range(len(est)):
            if ref[j]["event_label"] == est[i]["event_label"] and on_ok(ref[j], est[i]) and off_ok(ref[j], est[i]):
                G.setdefault(i, []).append(j)
    if perm_seed is not None:
        pg = np.random.default_rng(perm_seed)
        keys = list(G)
        keys = [keys[int(k)] for k in pg.permutation(len(keys))]
        G = {k: [G[k][int(t)] for t in pg.permutation(len(G[k]))] for k in keys}
    matching = sorted(sed_eval.util.bipartite_match(G).items())
    ref_ok = np.zeros(len(ref), bool)
    sys_ok = np.zeros(len(est), bool)
    for a, b in matching:
        ref_ok[a] = True
        sys_ok[b] = True
    counted = np.zeros(len(est), bool)
    nsubs = 0
    for j in np.nonzero(~ref_ok)[0]:
        for i in np.nonzero(~sys_ok)[0]:
            if not counted[i] and on_ok(ref[j], est[i]) and off_ok(ref[j], est[i]):
                counted[i] = True
                nsubs += 1
                break
    return len(matching), nsubs


def matching_probe(case, tries=40):
    """Per recording: (sed_eval's Nsubs, sorted set of Nsubs over other maximum matchings)."""
    out = []
    for r in case["recordings"]:
        single = make_metrics(case)
        evaluate_one(single, case, r)
        ntp0, s0 = overall_nsubs(case, r)
        assert (ntp0, s0) == (single.overall["Ntp"], single.overall["Nsubs"]), "probe does not reproduce sed_eval"
        values = {s0}
        for t in range(tries):
            ntp, s = overall_nsubs(case, r, perm_seed=SEED + 7919 * t)
            assert ntp == ntp0
            values.add(s)
        out.append((s0, sorted(values)))
    return out


def segment_counts(case, exact):
    """sed_eval's segment counting redone, with float division (exact=False, must equal sed_eval)
    or with exact decimal arithmetic (exact=True): shows which cases depend on binary rounding."""
    from fractions import Fraction

    res = case["params"]["time_resolution"]
    labels = case["labels"]

    def div(x):
        return Fraction(repr(x)) / Fraction(repr(res)) if exact else x * 1 / float(res)

    keys = ["Ntp", "Ntn", "Nfp", "Nfn", "Nref", "Nsys", "S", "D", "I"]
    tot = dict.fromkeys(keys, 0)
    for r in case["recordings"]:
        n = int(math.ceil(div(r["duration"])))
        rolls = []
        for events in (r["reference"], r["estimated"]):
            roll = np.zeros((n, len(labels)), int)
            for on, off, lab in events:
                roll[int(math.floor(div(on))):int(math.ceil(div(off))), labels.index(lab)] = 1
            rolls.append(roll)
        a, s = rolls
        for k in range(n):
            ntp = int(np.sum(a[k] + s[k] > 1))
            nref, nsys = int(np.sum(a[k])), int(np.sum(s[k]))
            tot["Ntp"] += ntp
            tot["Ntn"] += int(np.sum(a[k] + s[k] == 0))
            tot["Nfp"] += int(np.sum(s[k] - a[k] > 0))
            tot["Nfn"] += int(np.sum(a[k] - s[k] > 0))
            tot["Nref"] += nref
            tot["Nsys"] += nsys
            tot["S"] += min(nref, nsys) - ntp
            tot["D"] += max(0, nref - nsys)
            tot["I"] += max(0, nsys - nref)
    return {k: float(v) for k, v in tot.items()}


# ----------------------------------------------------------------------------- bench generator

BENCH_CLASSES = [
    ("speech", 1.00, 6.0, 0.8, 0.05),
    ("music", 0.20, 30.0, 0.8, 0.08),
    ("applause", 0.15, 5.0, 0.5, 0.10),
    ("laughter", 0.40, 2.0, 0.5, 0.20),
    ("crowd_cheering", 0.10, 8.0, 0.6, 0.15),
    ("dog_bark", 0.30, 1.0, 0.6, 0.25),
    ("vehicle", 0.30, 6.0, 0.7, 0.15),
    ("siren", 0.05, 12.0, 0.6, 0.10),
    ("door_knock", 0.20, 1.5, 0.4, 0.30),
    ("glass_break", 0.05, 0.8, 0.4, 0.30),
]
BENCH_LABELS = [c[0] for c in BENCH_CLASSES]


def bench_recordings(files, minutes, seed=3001):
    """gen_video_events.py's loop, returning the per-file lists as its .txt files hold them
    (3-decimal text, sorted by onset then class), instead of writing files."""
    g = np.random.Generator(np.random.PCG64(seed))
    dur = minutes * 60.0

    def class_events(rate_per_min, med, sigma):
        mean_gap = 60.0 / rate_per_min
        n = int(dur / mean_gap * 2 + 20)
        gaps = g.exponential(mean_gap, n)
        durs = np.clip(np.exp(g.normal(np.log(med), sigma, n)), 0.1, None)
        ends = np.cumsum(gaps + durs)
        on = ends - durs
        keep = on < dur - 0.1
        return on[keep], np.minimum(ends[keep], dur)

    out = []
    for f in range(files):
        name = f"vid_{f + 1:05d}"
        activity = 0.25 + g.gamma(2.0, 0.375)
        ron, roff, rlab, eon, eoff, elab = [], [], [], [], [], []
        for c, (_, rate, med, sig, pmiss) in enumerate(BENCH_CLASSES):
            on, off = class_events(rate * activity, med, sig)
            ron.append(on); roff.append(off); rlab.append(np.full(len(on), c))
            n = len(on)
            found = g.random(n) >= pmiss
            length = off - on
            e_on = on + g.normal(0, 0.15, n)
            e_off = off + g.normal(0, 1, n) * np.maximum(0.2, 0.1 * length)
            sub = g.random(n) < 0.05
            e_lab = np.where(sub, (c + g.integers(1, len(BENCH_CLASSES), n)) % len(BENCH_CLASSES), c)
            frag = found & (length > 4.0) & (g.random(n) < 0.08)
            cut = on + length * g.uniform(0.3, 0.7, n)
            gap = g.uniform(0.3, 1.5, n)
            e_on2, e_off2 = cut + gap, e_off.copy()
            e_off = np.where(frag, cut, e_off)
            eon += [e_on[found], e_on2[frag]]
            eoff += [e_off[found], e_off2[frag]]
            elab += [e_lab[found], e_lab[frag]]
            nfa = g.poisson(0.3 * rate * activity * minutes)
            fa_on = g.uniform(0, dur, nfa)
            fa_len = np.clip(np.exp(g.normal(np.log(med), sig, nfa)), 0.1, None)
            eon.append(fa_on); eoff.append(fa_on + fa_len); elab.append(np.full(nfa, c))
        ron, roff, rlab = (np.concatenate(x) for x in (ron, roff, rlab))
        eon, eoff, elab = (np.concatenate(x) for x in (eon, eoff, elab))
        ron, roff = np.round(ron, 3), np.round(roff, 3)
        eon = np.round(np.clip(eon, 0.0, dur - 0.1), 3)
        eoff = np.round(np.clip(eoff, eon + 0.05, dur), 3)
        ro = np.lexsort((rlab, ron))
        eo = np.lexsort((elab, eon))

        def rows(on, off, lab, order):
            # through the "%.3f" text of the .txt files, as sed_eval.io.load_event_list reads it
            return [[float(f"{on[k]:.3f}"), float(f"{off[k]:.3f}"), BENCH_LABELS[int(lab[k])]] for k in order]

        out.append({"name": name, "duration": dur,
                    "reference": rows(ron, roff, rlab, ro), "estimated": rows(eon, eoff, elab, eo)})
    return out


# ----------------------------------------------------------------------------- cases

def build_cases():
    cases = []

    def add(name, what, metric, params, labels, recordings):
        cases.append({"name": name, "what": what, "metric": metric, "params": params,
                      "labels": list(labels), "recordings": recordings})

    # ---- segment-based, random polyphonic
    g = np.random.default_rng(SEED + 1)
    labs = ["speech", "music", "dog_bark", "car"]
    recs = [random_recording(g, "rec01", 60.0, labs, 40, ref_order="onset", est_order="onset"),
            random_recording(g, "rec02", 45.5, labs, 22, ref_order="class", est_order="onset"),
            random_recording(g, "rec03", 90.0, labs, 78, ref_order="random", est_order="random"),
            random_recording(g, "rec04", 30.25, labs, 25, ref_order="onset", est_order="class")]
    add("segment_random_r1", "random polyphonic, 4 classes, 4 recordings of different durations, 1 s segments",
        "segment", segment_params(1.0), labs, recs)

    g = np.random.default_rng(SEED + 2)
    labs = ["alarm", "baby_cry", "dishes", "frying", "speech"]
    recs = [random_recording(g, "rec01", 40.0, labs, 35, median_len=1.5),
            random_recording(g, "rec02", 75.3, labs, 60, median_len=1.5, ref_order="class"),
            random_recording(g, "rec03", 52.0, labs, 20, median_len=1.5, est_order="random")]
    add("segment_random_r05", "random polyphonic, 5 classes, 3 recordings, 0.5 s segments",
        "segment", segment_params(0.5), labs, recs)

    g = np.random.default_rng(SEED + 3)
    labs = ["car", "horn", "siren"]
    recs = [random_recording(g, "rec01", 33.3, labs, 30, median_len=1.0),
            random_recording(g, "rec02", 61.0, labs, 55, median_len=1.0, ref_order="random"),
            random_recording(g, "rec03", 20.125, labs, 21, median_len=1.0)]
    add("segment_random_r025", "random polyphonic, 3 classes, 3 recordings, 0.25 s segments",
        "segment", segment_params(0.25), labs, recs)

    g = np.random.default_rng(SEED + 4)
    labs = ["cough", "door", "keys", "speech"]
    recs = [random_recording(g, "rec01", 30.0, labs, 45, median_len=0.8, grid_decimals=1, p_grid=0.5),
            random_recording(g, "rec02", 20.7, labs, 30, median_len=0.8, grid_decimals=1, p_grid=0.5,
                             ref_order="class"),
            random_recording(g, "rec03", 45.3, labs, 70, median_len=0.8, grid_decimals=1, p_grid=0.5)]
    add("segment_random_r01", "random polyphonic, 4 classes, 0.1 s segments; half the times at 1 decimal "
        "(x/0.1 often lands just below an integer)", "segment", segment_params(0.1), labs, recs)

    g = np.random.default_rng(SEED + 5)
    labs = ["bird", "cough", "door", "speech"]
    recs = [random_recording(g, "rec01", 12.0, labs, 40, median_len=0.4, grid_decimals=2, p_grid=0.6),
            random_recording(g, "rec02", 4.98, labs, 20, median_len=0.3, grid_decimals=2, p_grid=0.6),
            random_recording(g, "rec03", 20.07, labs, 60, median_len=0.5, grid_decimals=2, p_grid=0.6,
                             ref_order="random")]
    add("segment_random_r002", "random polyphonic, 4 classes, 0.02 s segments; 60% of times at 2 decimals, "
        "duration 4.98 (4.98/0.02 = 249.00000000000003, 250 segments)", "segment", segment_params(0.02), labs, recs)

    # ---- segment-based, binary-fraction edges
    labs = ["a", "b", "c"]
    below01 = [0.3, 0.6, 0.7, 1.2, 1.4, 1.9, 2.3, 2.4, 2.8, 2.9, 3.3, 3.8, 4.1, 4.3, 4.6, 4.8, 5.1]
    recs = [rec("rec01", 10.3, [
        [0.3, 0.7, "a"], [1.2, 1.4, "a"], [2.3, 2.9, "a"], [4.1, 4.6, "a"],
        [0.6, 1.9, "b"], [2.4, 3.3, "b"], [3.8, 5.1, "b"], [6.0, 7.0, "b"],
        [0.3, 0.3, "c"], [2.0, 2.0, "c"], [4.8, 4.8, "c"], [5.25, 5.25, "c"], [9.9, 10.3, "c"]],
        [[0.2, 0.3, "a"], [0.7, 1.2, "a"], [1.4, 2.3, "a"], [4.6, 4.8, "a"],
         [0.6, 1.9, "b"], [2.41, 3.29, "b"], [3.8, 5.1, "b"], [5.9, 7.1, "b"],
         [0.3, 0.3, "c"], [2.3, 2.3, "c"], [5.0, 5.0, "c"], [10.3, 10.3, "c"]]),
        rec("rec02", 7.1, [[0.0, 0.3, "a"], [0.3, 0.6, "a"], [2.8, 4.3, "b"], [6.6, 7.1, "c"]],
            [[0.1, 0.3, "a"], [0.6, 0.7, "a"], [2.9, 4.3, "b"], [6.6, 7.1, "c"], [7.1, 7.1, "b"]])]
    add("segment_float_edges_r01", "hand-made times x.y with x.y/0.1 just below an integer (floor one segment "
        "early: 0.3 -> segment 2), zero-length events on such edges, duration 10.3", "segment",
        segment_params(0.1), labs, recs)

    recs = [rec("rec01", 5.14, [
        [0.14, 0.28, "a"], [0.56, 1.12, "a"], [2.22, 2.24, "a"], [4.44, 4.48, "a"],
        [0.58, 0.94, "b"], [1.14, 1.18, "b"], [2.26, 2.38, "b"], [4.02, 4.94, "b"],
        [0.14, 0.14, "c"], [1.16, 1.16, "c"], [2.3, 2.3, "c"], [4.98, 5.14, "c"]],
        [[0.12, 0.28, "a"], [0.58, 1.1, "a"], [2.24, 2.26, "a"], [4.46, 4.48, "a"],
         [0.58, 0.94, "b"], [1.12, 1.16, "b"], [2.28, 2.36, "b"], [4.06, 4.94, "b"],
         [0.28, 0.28, "c"], [1.18, 1.18, "c"], [2.32, 2.32, "c"], [4.94, 5.14, "c"]]),
        rec("rec02", 2.24, [[0.0, 0.14, "a"], [0.14, 0.56, "b"], [1.88, 2.24, "c"]],
            [[0.02, 0.14, "a"], [0.14, 0.58, "b"], [2.22, 2.24, "c"], [2.24, 2.24, "a"]])]
    add("segment_float_edges_r002", "hand-made 2-decimal times with x/0.02 just above (offset ceil one segment "
        "late: 0.14 -> 8) or just below an integer, zero-length events, duration 2.24 -> 113 segments",
        "segment", segment_params(0.02), labs, recs)

    # ---- overlaps, edges, short, zero-length
    labs = ["dog", "speech", "music"]
    recs = [rec("rec01", 20.0, [
        [1.0, 4.5, "dog"], [2.2, 3.1, "dog"], [3.9, 6.0, "dog"], [10.0, 12.0, "speech"],
        [11.5, 14.2, "speech"], [11.7, 12.3, "speech"], [0.0, 20.0, "music"], [5.5, 7.25, "music"]],
        [[1.3, 3.0, "dog"], [2.9, 5.6, "dog"], [2.95, 3.05, "dog"], [9.5, 13.0, "speech"],
         [12.5, 14.0, "speech"], [12.9, 16.1, "speech"], [0.5, 8.0, "music"], [7.0, 19.5, "music"],
         [6.0, 9.0, "music"]]),
        rec("rec02", 12.0, [[0.5, 2.5, "speech"], [0.5, 2.5, "speech"], [1.0, 1.5, "speech"], [6.0, 9.0, "dog"]],
            [[0.4, 2.6, "speech"], [0.6, 2.4, "speech"], [6.0, 7.0, "dog"], [6.5, 9.4, "dog"], [8.0, 8.2, "dog"]])]
    add("segment_overlaps_r1", "overlapping events of one class in the reference and in the estimate "
        "(nested, chained, duplicated); the segment roll is their union", "segment", segment_params(1.0), labs, recs)
    add("segment_overlaps_r025", "the same inputs at 0.25 s segments", "segment", segment_params(0.25), labs,
        json.loads(json.dumps(recs)))

    labs = ["a", "b"]
    recs = [rec("rec01", 10.0, [
        [1.0, 2.5, "a"], [2.5, 3.0, "a"], [4.0, 4.5, "a"], [5.1, 5.3, "a"], [6.4, 6.6, "a"], [9.5, 10.0, "a"],
        [0.0, 0.5, "b"], [0.5, 1.0, "b"], [3.05, 3.45, "b"], [7.0, 7.0001, "b"], [8.49, 8.51, "b"]],
        [[1.0, 2.5, "a"], [2.6, 3.0, "a"], [4.0, 4.4, "a"], [5.2, 5.4, "a"], [6.5, 6.5, "a"], [9.5, 10.0, "a"],
         [0.0, 1.0, "b"], [3.0, 3.5, "b"], [6.999, 7.0, "b"], [8.5, 8.5, "b"], [8.5, 9.0, "b"]])]
    add("segment_edges_short_r05", "onsets/offsets on multiples of 0.5 (touching events), events shorter than a "
        "segment inside one segment, short events straddling an edge", "segment", segment_params(0.5), labs, recs)

    labs = ["click", "beep"]
    recs = [rec("rec01", 8.0, [
        [3.0, 3.0, "click"], [4.5, 4.5, "click"], [0.0, 0.0, "click"], [6.0, 7.0, "click"],
        [2.0, 2.0, "beep"], [5.25, 5.25, "beep"], [8.0, 8.0, "beep"]],
        [[3.0, 3.0, "click"], [4.5, 4.5, "click"], [4.7, 4.7, "click"], [6.0, 6.0, "click"],
         [1.0, 2.0, "beep"], [5.0, 5.0, "beep"], [7.5, 7.5, "beep"], [8.0, 8.0, "beep"]])]
    add("segment_zero_length_r1", "zero-length events: on a segment edge (no segment active) and inside a "
        "segment (that segment active), at time 0 and at the duration", "segment", segment_params(1.0), labs, recs)

    # ---- absent classes, empty output
    g = np.random.default_rng(SEED + 6)
    labs = ["speech", "music", "dog", "siren", "never"]
    recs = []
    for k, dur in enumerate([30.0, 42.0]):
        r = random_recording(g, f"rec0{k + 1}", dur, ["speech", "music", "dog"], 25)
        r["estimated"] = [e for e in r["estimated"] if e[2] != "dog"]
        fa = [[q3(t), q3(t + 1.3), "siren"] for t in g.uniform(0, dur - 2, 3)]
        r["estimated"] = order_events(g, r["estimated"] + fa, labs, "onset")
        recs.append(r)
    add("segment_absent_classes_r1", "'siren' absent from the reference but estimated (Nref 0: rates divide by "
        "eps), 'never' absent from both, 'dog' never estimated", "segment", segment_params(1.0), labs, recs)
    add("segment_absent_classes_zero_score_r1", "the same inputs with empty_system_output_handling zero_score "
        "(set as an attribute: 0.2.1's constructor lacks the keyword)", "segment",
        segment_params(1.0, "zero_score"), labs, json.loads(json.dumps(recs)))

    g = np.random.default_rng(SEED + 7)
    labs = ["speech", "music", "car"]
    recs = [random_recording(g, "rec01", 25.0, labs, 20), random_recording(g, "rec02", 31.5, labs, 24),
            random_recording(g, "rec03", 18.0, labs, 15)]
    recs[1]["estimated"] = []
    add("segment_empty_system_one_recording_r05", "the middle recording has no estimated events",
        "segment", segment_params(0.5), labs, recs)

    g = np.random.default_rng(SEED + 8)
    recs = [random_recording(g, "rec01", 20.0, labs, 12), random_recording(g, "rec02", 16.0, labs, 9)]
    for r in recs:
        r["estimated"] = []
    add("segment_empty_system_all_none_r1", "no estimated events in any recording, handling None (precision NaN)",
        "segment", segment_params(1.0), labs, recs)
    add("segment_empty_system_all_zero_score_r1", "the same inputs, handling zero_score (precision 0; set as an "
        "attribute)", "segment", segment_params(1.0, "zero_score"), labs, json.loads(json.dumps(recs)))

    labs = ["a", "b"]
    recs = [rec("rec01", 20.0, [[0.0, 3.2, "a"], [15.5, 20.0, "a"], [18.0, 20.0, "b"]],
                [[0.2, 3.0, "a"], [16.0, 20.0, "a"], [19.0, 20.0, "b"]]),
            rec("rec02", 17.5, [[2.0, 5.0, "a"], [14.6, 17.5, "b"]], [[2.5, 5.5, "a"], [15.0, 17.5, "b"]]),
            rec("rec03", 60.0, [[1.0, 4.0, "a"], [8.0, 12.0, "b"]], [[1.0, 4.5, "a"], [8.5, 12.0, "b"], [3.0, 3.5, "b"]]),
            rec("rec04", 9.3, [[8.1, 9.3, "a"]], [[8.0, 9.3, "a"]])]
    add("segment_duration_edges_r1", "events ending exactly at the duration; durations 17.5 and 9.3 (not whole "
        "segments: the last, partial segment counts); 60 s with the last event at 12 s (trailing empty segments "
        "add true negatives)", "segment", segment_params(1.0), labs, recs)

    g = np.random.default_rng(SEED + 9)
    labs = ["speech", "music", "car"]
    recs = [random_recording(g, "rec01", 30.0, labs, 18),
            rec("rec02", 25.0, [], [[3.0, 5.5, "speech"], [10.2, 11.0, "car"]]),
            rec("rec03", 10.0, [], []),
            random_recording(g, "rec04", 22.0, labs, 14)]
    add("segment_no_reference_recording_r1", "a recording with no reference events but estimates, one with "
        "neither, between normal ones", "segment", segment_params(1.0), labs, recs)

    # ---- event-based, random
    g = np.random.default_rng(SEED + 20)
    labs = ["speech", "music", "dog_bark", "car"]
    recs = [random_recording(g, "rec01", 60.0, labs, 40),
            random_recording(g, "rec02", 45.0, labs, 24, ref_order="class"),
            random_recording(g, "rec03", 90.0, labs, 75, est_order="random"),
            random_recording(g, "rec04", 30.0, labs, 28, ref_order="random")]
    add("event_random_c02_p05_optimal", "random polyphonic, 4 classes, 4 recordings; collar 0.2 s, offset 50%",
        "event", event_params(0.2, 0.5), labs, recs)
    add("event_random_c02_p05_greedy", "the same inputs, greedy matching", "event",
        event_params(0.2, 0.5, matching="greedy"), labs, json.loads(json.dumps(recs)))

    g = np.random.default_rng(SEED + 21)
    labs = ["alarm", "cat", "dishes", "frying", "speech"]
    recs = [random_recording(g, "rec01", 50.0, labs, 45, onset_sd=0.3),
            random_recording(g, "rec02", 70.0, labs, 60, onset_sd=0.3, ref_order="class"),
            random_recording(g, "rec03", 35.0, labs, 25, onset_sd=0.3)]
    add("event_random_c05_p02_optimal", "random polyphonic, 5 classes; collar 0.5 s, offset 20% of length",
        "event", event_params(0.5, 0.2), labs, recs)

    g = np.random.default_rng(SEED + 22)
    labs = ["cough", "door", "keys", "speech"]
    recs = [random_recording(g, "rec01", 40.0, labs, 35, onset_sd=0.1),
            random_recording(g, "rec02", 55.0, labs, 50, onset_sd=0.1, est_order="random")]
    add("event_random_c02_p00_optimal", "random, 4 classes; collar 0.2 s, percentage_of_length 0 "
        "(offset within the collar only)", "event", event_params(0.2, 0.0), labs, recs)
    add("event_onset_only_c02_optimal", "the same inputs, onset only (evaluate_offset False)", "event",
        event_params(0.2, 0.5, offset=False), labs, json.loads(json.dumps(recs)))
    add("event_offset_only_c05_optimal", "the same inputs, offset only (evaluate_onset False), collar 0.5 s",
        "event", event_params(0.5, 0.5, onset=False), labs, json.loads(json.dumps(recs)))

    # ---- dense: matching-dependent substitutions, greedy != optimal
    g = np.random.default_rng(SEED + 23)
    labs = ["a", "b", "c"]
    recs = [dense_recording(g, f"rec0{k + 1}", dur, labs, n)
            for k, (dur, n) in enumerate([(40.0, 8), (30.0, 7), (60.0, 12)])]
    add("event_dense_c05_optimal", "clusters of same- and different-class references and estimates within the "
        "collar of each other, shuffled order; Nsubs depends on the maximum matching picked", "event",
        event_params(0.5, 0.5), labs, recs)
    add("event_dense_c05_greedy", "the same inputs, greedy matching", "event",
        event_params(0.5, 0.5, matching="greedy"), labs, json.loads(json.dumps(recs)))

    g = np.random.default_rng(SEED + 24)
    labs = ["x", "y", "z", "w"]
    recs = [dense_recording(g, f"rec0{k + 1}", dur, labs, n, spread=0.15, est_spread=0.25, same_label_bias=0.3)
            for k, (dur, n) in enumerate([(35.0, 9), (50.0, 12)])]
    add("event_dense_onset_only_c02_optimal", "dense clusters, 4 classes, onset only, collar 0.2 s", "event",
        event_params(0.2, 0.5, offset=False), labs, recs)
    add("event_dense_onset_only_c02_greedy", "the same inputs, greedy matching", "event",
        event_params(0.2, 0.5, offset=False, matching="greedy"), labs, json.loads(json.dumps(recs)))

    # ---- substitutions, fragmentation, zero-length, collar edges
    labs = ["dog", "cat", "bird"]
    recs = [rec("rec01", 30.0, [
        [1.0, 2.0, "dog"], [1.1, 2.1, "cat"], [5.0, 7.0, "bird"], [10.0, 11.0, "dog"], [10.05, 11.05, "dog"],
        [15.0, 16.0, "cat"], [20.0, 22.0, "bird"], [20.1, 22.1, "dog"]],
        [[1.0, 2.0, "cat"], [1.1, 2.1, "dog"], [5.0, 7.0, "dog"], [10.0, 11.0, "cat"], [10.05, 11.05, "dog"],
         [15.0, 16.0, "bird"], [15.1, 16.0, "cat"], [20.05, 22.05, "cat"], [20.1, 22.0, "cat"]]),
        rec("rec02", 12.0, [[2.0, 3.0, "dog"], [2.0, 3.0, "cat"], [6.0, 8.0, "bird"]],
            [[2.0, 3.0, "bird"], [2.1, 3.1, "bird"], [6.1, 8.1, "cat"]])]
    add("event_substitutions_optimal", "label substitutions: same times different label, swapped pairs, two "
        "candidates for one substitution", "event", event_params(0.2, 0.5), labs, recs)
    add("event_substitutions_greedy", "the same inputs, greedy matching", "event",
        event_params(0.2, 0.5, matching="greedy"), labs, json.loads(json.dumps(recs)))

    g = np.random.default_rng(SEED + 25)
    labs = ["speech", "music"]
    ref, est = [], []
    t = 1.0
    for k in range(16):
        lab = labs[k % 2]
        length = q3(g.uniform(2.0, 8.0))
        on, off = q3(t), q3(t + length)
        ref.append([on, off, lab])
        cut = q3(on + length * g.uniform(0.3, 0.8))
        gap = q3(g.uniform(0.05, 0.6))
        j1, j2 = q3(g.normal(0, 0.12)), q3(g.normal(0, 0.3))
        est.append([q3(max(on + j1, 0.0)), cut, lab])
        est.append([q3(cut + gap), q3(off + j2), lab])
        t = off + g.uniform(0.5, 3.0)
    recs = [{"name": "rec01", "duration": q3(t + 1.0), "reference": ref, "estimated": est}]
    add("event_fragmented_c02_p05", "every reference split into two estimates (first piece keeps the onset, "
        "second the offset); some first pieces pass the 50% offset rule", "event", event_params(0.2, 0.5), labs, recs)

    labs = ["click", "beep"]
    recs = [rec("rec01", 10.0, [
        [1.0, 1.0, "click"], [2.0, 2.0, "click"], [3.0, 4.0, "click"], [5.0, 5.0, "beep"], [6.0, 6.5, "beep"],
        [8.0, 8.0, "beep"]],
        [[1.1, 1.1, "click"], [2.0, 2.3, "click"], [3.1, 3.1, "click"], [5.0, 5.0, "click"], [6.0, 6.0, "beep"],
         [8.2, 8.2, "beep"], [9.0, 9.0, "beep"]])]
    add("event_zero_length_c02_p05", "zero-length references and estimates (offset tolerance is the collar, "
        "since 50% of 0 is 0)", "event", event_params(0.2, 0.5), labs, recs)

    labs = ["a", "b"]
    recs = [rec("rec01", 20.0, [
        [1.0, 2.0, "a"], [0.2, 1.0, "a"], [2.3, 3.0, "a"], [5.1, 6.0, "b"], [10.4, 11.0, "b"], [12.0, 12.4, "a"],
        [14.0, 15.0, "b"], [16.0, 17.0, "a"]],
        [[1.2, 2.2, "a"], [0.4, 1.2, "a"], [2.5, 3.2, "a"], [5.3, 6.2, "b"], [10.6, 11.0, "b"], [12.0, 12.6, "a"],
         [14.0, 15.5, "b"], [16.0, 17.2, "a"]])]
    add("event_collar_edges_c02_p05", "onset/offset differences of 0.2 in decimal that are 0.19999999999999996, "
        "0.2, 0.20000000000000018 or 0.1999999999999993 in binary; offset tolerance exactly 50% of length",
        "event", event_params(0.2, 0.5), labs, recs)

    g = np.random.default_rng(SEED + 26)
    labs = ["speech", "music", "car"]
    recs = [random_recording(g, "rec01", 20.0, labs, 12), random_recording(g, "rec02", 25.0, labs, 15)]
    for r in recs:
        r["estimated"] = []
    add("event_empty_system_all_none", "no estimated events anywhere, handling None (precision NaN, F NaN)",
        "event", event_params(0.2, 0.5), labs, recs)
    add("event_empty_system_all_zero_score", "the same inputs, handling zero_score (precision 0, F 0)", "event",
        event_params(0.2, 0.5, esoh="zero_score"), labs, json.loads(json.dumps(recs)))

    g = np.random.default_rng(SEED + 27)
    labs = ["speech", "music", "car", "horn"]
    recs = [random_recording(g, "rec01", 30.0, labs[:3], 20), random_recording(g, "rec02", 28.0, labs[:3], 18),
            random_recording(g, "rec03", 26.0, labs[:3], 16)]
    recs[1]["estimated"] = []
    for r in recs:
        r["estimated"] = [e for e in r["estimated"] if e[2] != "car"]
    add("event_class_without_estimates_zero_score", "one recording without estimates, class 'car' never "
        "estimated, 'horn' in neither; handling zero_score", "event",
        event_params(0.2, 0.5, esoh="zero_score"), labs, recs)

    g = np.random.default_rng(SEED + 28)
    labs = ["speech", "music", "dog", "siren", "never"]
    recs = []
    for k, dur in enumerate([30.0, 42.0]):
        r = random_recording(g, f"rec0{k + 1}", dur, ["speech", "music", "dog"], 25)
        fa = [[q3(t), q3(t + 1.3), "siren"] for t in g.uniform(0, dur - 2, 3)]
        r["estimated"] = order_events(g, r["estimated"] + fa, labs, "onset")
        recs.append(r)
    add("event_absent_classes_c02", "'siren' estimated but absent from the reference (insertion rate Nfp/eps), "
        "'never' absent from both", "event", event_params(0.2, 0.5), labs, recs)

    labs = ["speech", "laugh"]
    recs = [rec("rec01", 20.0, [
        [1.0, 5.0, "speech"], [1.1, 5.1, "speech"], [3.0, 4.0, "speech"], [8.0, 12.0, "laugh"], [8.1, 9.0, "laugh"],
        [11.0, 13.0, "laugh"]],
        [[1.05, 5.05, "speech"], [1.0, 5.2, "laugh"], [3.1, 4.1, "speech"], [8.05, 8.95, "laugh"],
         [8.0, 12.1, "speech"], [11.1, 13.0, "laugh"], [1.2, 5.0, "speech"]])]
    add("event_overlapping_same_class_c02", "overlapping and nested references of one class; estimates that fit "
        "two references", "event", event_params(0.2, 0.5), labs, recs)
    add("event_overlapping_same_class_c02_greedy", "the same inputs, greedy matching", "event",
        event_params(0.2, 0.5, matching="greedy"), labs, json.loads(json.dumps(recs)))

    labs = ["speech", "music"]
    recs = [rec("rec01", 15.0, [[1.0, 2.0, "speech"], [3.0, 5.0, "music"], [6.0, 7.0, "unlisted"],
                                [9.0, 10.0, "speech"]],
                [[1.0, 2.0, "speech"], [3.0, 5.0, "other"], [6.0, 7.0, "speech"], [6.05, 7.0, "unlisted"],
                 [11.0, 12.0, "other"], [9.1, 10.0, "speech"]])]
    add("event_labels_not_in_list", "event labels missing from `labels` ('unlisted' in both, 'other' estimated "
        "only): counted in the overall numbers (TP, substitution, insertion) but in no class", "event",
        event_params(0.2, 0.5), labs, recs)

    # ---- large random, gen_video_events-style estimates
    g = np.random.default_rng(SEED + 40)
    labs = ["speech", "music", "dog_bark", "car", "siren", "door"]
    recs = []
    for k in range(10):
        dur = float(int(g.integers(240, 601)))
        recs.append(random_recording(g, f"rec{k + 1:02d}", dur, labs, 200, median_len=2.5, p_miss=0.15,
                                     p_sub=0.05, p_frag=0.08, fa_per_ref=0.2, onset_sd=0.15,
                                     weights=[3, 1, 1.5, 1.5, 0.5, 1]))
    add("event_large_random_optimal", "10 recordings x 200 reference events, 6 classes, estimates with jitter, "
        "misses, substitutions, fragments, false alarms", "event", event_params(0.2, 0.5), labs, recs)
    add("event_large_random_greedy", "the same inputs, greedy matching", "event",
        event_params(0.2, 0.5, matching="greedy"), labs, json.loads(json.dumps(recs)))

    # ---- the bench workload's format, small
    recs = bench_recordings(files=3, minutes=30.0)
    blabs = sorted(BENCH_LABELS)
    add("bench_small_segment_r1", "gen_video_events.py logic, 3 files x 30 min, 10 classes (labels sorted, as "
        "the bench peer does); segment 1 s with duration 1800", "segment", segment_params(1.0), blabs, recs)
    add("bench_small_event_c02_optimal", "the same inputs, event-based collar 0.2 s (the bench peer's settings)",
        "event", event_params(0.2, 0.5), blabs, json.loads(json.dumps(recs)))
    add("bench_small_event_c02_greedy", "the same inputs, greedy matching", "event",
        event_params(0.2, 0.5, matching="greedy"), blabs, json.loads(json.dumps(recs)))
    return cases


def check_case_inputs(case):
    names = [r["name"] for r in case["recordings"]]
    assert len(set(names)) == len(names)
    for lab in case["labels"]:
        assert lab == lab.strip() and lab.lower() != "none"
    for r in case["recordings"]:
        for on, off, lab in r["reference"] + r["estimated"]:
            assert isinstance(on, float) and isinstance(off, float) and 0.0 <= on <= off <= r["duration"], (case["name"], r["name"], on, off)
            assert lab == lab.strip() and lab.lower() != "none"
            if case["metric"] == "segment":
                assert lab in case["labels"], "sed_eval's event roll raises ValueError on unlisted labels"
    # what Swift reads back is exactly what sed_eval was given
    assert json.loads(json.dumps(case["recordings"], allow_nan=False)) == case["recordings"]


# ----------------------------------------------------------------------------- output

def dump(x, indent=0):
    """Dicts one key a line; lists (event lists, vectors) on one line. Strict JSON, full precision."""
    pad = " " * indent
    if isinstance(x, dict):
        if not x:
            return "{}"
        items = [f'{pad} {json.dumps(k)}: {dump(v, indent + 1)}' for k, v in x.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(x, list) and x and all(isinstance(v, dict) for v in x):
        items = [f"{pad} {dump(v, indent + 1)}" for v in x]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return json.dumps(x, allow_nan=False, separators=(",", ":"))


def main():
    cases = build_cases()
    summary = []
    probes = {}
    for case in cases:
        check_case_inputs(case)
        run_case(case)
        if case["metric"] == "event" and case["params"]["event_matching_type"] == "optimal":
            probes[case["name"]] = matching_probe(case)
    by_name = {c["name"]: c for c in cases}
    # segment counting: the float re-count equals sed_eval; exact decimals give other counts
    # exactly where the 0.1 s and 0.02 s cases were built to need binary rounding
    decimal_sensitive = set()
    for case in cases:
        if case["metric"] == "segment":
            counts = {k: v for k, v in case["expected"]["overall_counts"].items() if k != "ER"}
            assert segment_counts(case, exact=False) == counts, case["name"]
            if segment_counts(case, exact=True) != counts:
                decimal_sensitive.add(case["name"])
    assert decimal_sensitive == {"segment_random_r01", "segment_random_r002", "segment_float_edges_r01",
                                 "segment_float_edges_r002"}, decimal_sensitive
    # dense cases must be sensitive to the maximum matching picked, and greedy must differ
    for name in ["event_dense_c05_optimal", "event_dense_onset_only_c02_optimal"]:
        assert any(len(v) > 1 for _, v in probes[name]), name
        greedy = by_name[name.replace("_optimal", "_greedy")]["expected"]["overall_counts"]
        optimal = by_name[name]["expected"]["overall_counts"]
        assert (greedy["Ntp"], greedy["Nsubs"]) != (optimal["Ntp"], optimal["Nsubs"]), name
    for case in cases:
        nref = sum(len(r["reference"]) for r in case["recordings"])
        nest = sum(len(r["estimated"]) for r in case["recordings"])
        p = case["params"]
        if case["metric"] == "segment":
            ps = f"r={p['time_resolution']}"
        else:
            ps = f"collar {p['t_collar']}, {int(round(p['percentage_of_length'] * 100))}%"
            if not p["evaluate_onset"]:
                ps += ", offset only"
            if not p["evaluate_offset"]:
                ps += ", onset only"
            ps += ", " + p["event_matching_type"]
        if p["empty_system_output_handling"]:
            ps += ", zero_score"
        oc = case["expected"]["overall_counts"]
        res = case["expected"]["results"]["overall"]
        f1 = res["f_measure"]["f_measure"]
        er = res["error_rate"]["error_rate"]
        extra = ""
        if case["name"] in probes:
            alts = [v for _, v in probes[case["name"]] if len(v) > 1]
            if alts:
                extra = " Nsubs by matching: " + "; ".join(
                    f"{r['name']} {s0} of {v}" for r, (s0, v) in zip(case["recordings"], probes[case["name"]]) if len(v) > 1)
        summary.append(f"| `{case['name']}` | {case['metric']} | {ps} | {len(case['labels'])} | "
                       f"{len(case['recordings'])} | {nref} | {nest} | "
                       f"{'NaN' if f1 is None else f'{f1:.4f}'} | {'NaN' if er is None else f'{er:.4g}'} |"
                       f"{extra}")
    document = {
        "generator": GENERATOR,
        "versions": {"sed_eval": version("sed_eval"), "dcase_util": version("dcase_util"),
                     "numpy": np.__version__, "python": platform.python_version()},
        "cases": cases,
    }
    text = dump(document) + "\n"
    json.loads(text)
    with open(OUT, "w") as f:
        f.write(text)
    print("\n".join(summary))
    print(f"wrote {OUT}: {len(cases)} cases, {len(text.encode())} bytes (sed_eval {version('sed_eval')}, "
          f"dcase_util {version('dcase_util')}, numpy {np.__version__})", file=sys.stderr)


if __name__ == "__main__":
    main()
