#!/usr/bin/env python3
"""Reference values for Datasets/face-verification-synthetic (reference_metrics.json). SYNTHETIC data.

Everything is computed from scores.csv (the float32 cosine scores, read back exactly), probes.csv,
gallery.csv and subjects.csv. A comparison (probe, reference) is *mated* when both templates belong
to one subject, else *non-mated* (an impostor comparison). A comparison is a match when
score >= threshold.

Verification (every probe x gallery comparison is one trial):
  * the decision rules of bob.measure 6.1.1 (src/bob/measure/_library.py), ported line by line
    below, in float64 on the float32 scores:
      far_threshold(negatives, far_value): the threshold whose real FMR is at most far_value: walk
        the impostor scores from the highest down, groups of equal scores together, and keep the
        last score whose group still leaves #(impostors >= score) / N <= far_value; when even the
        highest score would exceed it, nextafter(highest, +inf) in float64 (FMR 0);
      eer_threshold(negatives, positives): the threshold minimising |FMR - FNMR| over the
        data-driven candidates (midpoints between consecutive distinct scores, walked from the
        lowest), ties keep the later (higher) candidate;
      farfrr(negatives, positives, t): FMR = #(impostor >= t) / N_impostor, FNMR = #(mated < t) / N_mated.
  * FMR / FNMR / TAR at far_threshold for FMR targets 1e-1, 1e-2, 1e-3; EER = (FMR + FNMR) / 2 at
    eer_threshold; for comparison pyeer 0.5.6's EER (get_eer_values on calculate_roc).
  * the global threshold: far_threshold at FMR 1e-2 over ALL impostor comparisons; for every group
    of every slicing (gender, age_band, region, gender x region): FMR over the impostor comparisons
    whose probe's AND reference's subjects are both in the group, FNMR over the mated comparisons of
    the group's subjects, both at the global threshold; disparities across groups (min, max,
    max / min); FMR between groups (probe subject in one group, reference subject in another) as a
    matrix per single-attribute slicing. Also, per group, FNMR at the group's own far_threshold
    (within-group impostors) for each FMR target ("own_threshold").

Identification (each probe is one search of the whole gallery):
  * mated searches: probes whose subject has a gallery template; non-mated: the others;
  * rank-k identification rate (bob.measure.recognition_rate without a threshold, over the mated
    searches): a mated search succeeds at rank k when fewer than k non-mated gallery templates
    score >= its best mated score (template-level ranks, ties count against); also
    subject-level (each gallery subject's best template, ranks over subjects);
  * open set (bob.measure's detection_identification_rate / false_alarm_rate, rank 1): the
    threshold is far_threshold applied to the top scores of the non-mated searches at the FPIR
    target 0.1; FPIR = #(non-mated searches with top score >= t) / N_nonmated; FNIR = 1 - DIR =
    #(mated searches whose best mated score < t or is not at rank 1) / N_mated. A second variant,
    "mates_removed", uses as non-mated searches every probe searched against the gallery without
    its own subject's templates (the naturally non-mated probes unchanged).

A check of the scores (printed, and recorded under "scores_check"): scores.csv equals the cosine of
the npy rows as generate.py computes it (numpy float32 matmul on this machine); its difference from
the float64 dot product of the same normalised float32 rows; and whether every reference value is
unchanged when computed on the float64 scores instead (so an evalkit run on the embeddings with
another sgemm, a few float32 ulps away, should give the same values unless a decision flips).

When bob.measure is importable (a venv with bob.measure==6.1.1 and pyeer), the script also checks
the ported rules against it and prints the outcome; the JSON is the same either way.

    ~/.cache/evalkit-peers-venv/bin/python Datasets/face-verification-synthetic/reference_metrics.py
"""
import csv
import json
import math
import os
import platform
import sys
from importlib.metadata import version

import numpy as np
from pyeer.eer_stats import calculate_roc, get_eer_values

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import generate  # noqa: E402  (this folder's generator: the score computation)

FMR_TARGETS = [1e-1, 1e-2, 1e-3]
GLOBAL_FMR = 1e-2
RANKS = [1, 5, 10]
FPIR_TARGETS = [0.1]
SLICINGS = [["gender"], ["age_band"], ["region"], ["gender", "region"]]


# ---- bob.measure 6.1.1 rules, ported (src/bob/measure/_library.py) ----

def far_threshold(negatives, far_value):
    """bob.measure.far_threshold(negatives, [], far_value) on float64 scores."""
    if far_value < 0.0 or far_value > 1.0:
        raise RuntimeError("`far_value' must be in the interval [0.,1.]")
    if len(negatives) < 2:
        raise RuntimeError("the number of negative scores must be at least 2")
    epsilon = np.finfo(np.float64).eps
    scores = np.sort(np.asarray(negatives, dtype=np.float64))
    if far_value >= (1 - epsilon):
        return float(np.nextafter(scores[0], scores[0] - 1))
    scores = scores[::-1]
    total_count = len(scores)
    current_position = 0
    valid_threshold = float(np.nextafter(scores[0], scores[0] + 1))
    while current_position < total_count:
        current_threshold = scores[current_position]
        while current_position < total_count - 1 and scores[current_position + 1] == current_threshold:
            current_position += 1
        future_far = (current_position + 1) / total_count
        if future_far > far_value:
            break
        valid_threshold = float(current_threshold)
        current_position += 1
    return valid_threshold


def farfrr(negatives, positives, threshold):
    """bob.measure.farfrr: (FMR, FNMR); a negative on the threshold is a false match."""
    return float((negatives >= threshold).sum() / len(negatives)), float((positives < threshold).sum() / len(positives))


def eer_threshold(negatives, positives):
    """bob.measure.eer_threshold: _minimizing_threshold(sorted neg, sorted pos, "absolute-difference")."""
    negatives = np.sort(np.asarray(negatives, dtype=np.float64)).tolist()
    positives = np.sort(np.asarray(positives, dtype=np.float64)).tolist()

    def criterium(far, frr):
        return abs(far - frr)

    min_predicate = 1e8
    min_threshold = 1e8
    far, frr = 1.0, 0.0
    max_neg, max_pos = len(negatives), len(positives)
    far_decrease, frr_increase = 1.0 / max_neg, 1.0 / max_pos
    pos_it = neg_it = 0
    current_threshold = min(negatives[neg_it], positives[pos_it])
    while pos_it < max_pos and neg_it < max_neg:
        current_predicate = criterium(far, frr)
        if current_predicate <= min_predicate:
            min_predicate, min_threshold = current_predicate, current_threshold
        if positives[pos_it] >= negatives[neg_it]:
            current_threshold = negatives[neg_it]
            neg_it += 1
            far -= far_decrease
        else:
            current_threshold = positives[pos_it]
            pos_it += 1
            frr += frr_increase
        while neg_it < max_neg and current_threshold == negatives[neg_it]:
            neg_it += 1
            far -= far_decrease
        while pos_it < max_pos and current_threshold == positives[pos_it]:
            pos_it += 1
            frr += frr_increase
        if neg_it < max_neg or pos_it < max_pos:
            if neg_it < max_neg and pos_it < max_pos:
                current_threshold += min(negatives[neg_it], positives[pos_it])
            elif neg_it < max_neg:
                current_threshold += negatives[neg_it]
            else:
                current_threshold += positives[pos_it]
            current_threshold /= 2
    current_predicate = criterium(far, frr)
    if current_predicate < min_predicate:
        min_predicate, min_threshold = current_predicate, current_threshold
    if neg_it < max_neg or pos_it < max_pos:
        last_threshold = current_threshold
        if neg_it < max_neg:
            last_threshold = float(np.nextafter(negatives[-1], negatives[-1] + 1))
        elif pos_it < max_pos:
            last_threshold = float(np.nextafter(positives[-1], positives[-1] + 1))
        current_predicate = criterium(0.0, 1.0)
        if current_predicate < min_predicate:
            min_predicate, min_threshold = current_predicate, last_threshold
    return float(min_threshold)


def recognition_rate(searches, rank):
    """bob.measure.recognition_rate(cmc_scores, threshold=None, rank) over the mated searches
    [(non-mated scores, mated scores), ...]: success when #(neg >= max(pos)) < rank."""
    correct = sum(1 for neg, pos in searches if np.sum(neg >= np.max(pos)) < rank)
    return correct / len(searches)


def detection_identification_rate(searches, threshold, rank=1):
    """bob.measure.detection_identification_rate over the mated searches."""
    correct = sum(1 for neg, pos in searches if np.max(pos) >= threshold and np.sum(neg >= np.max(pos)) < rank)
    return correct / len(searches)


def false_alarm_rate(nonmated_top, threshold):
    """bob.measure.false_alarm_rate over the non-mated searches (their top scores)."""
    return float(np.sum(np.asarray(nonmated_top) >= threshold) / len(nonmated_top))


# ---- data ----

def read_csv(name):
    with open(os.path.join(HERE, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def load():
    subjects = {r["subject"]: r for r in read_csv("subjects.csv")}
    probes, gallery = read_csv("probes.csv"), read_csv("gallery.csv")
    probe_ids = [r["template"] for r in probes]
    gallery_ids = [r["template"] for r in gallery]
    rows = read_csv("scores.csv")
    expected = [(p, g) for p in probe_ids for g in gallery_ids]
    assert [(r["probe"], r["reference"]) for r in rows] == expected, "scores.csv is not probe-major over every pair"
    text = [r["score"] for r in rows]
    f32 = np.array(text, dtype=np.float32)
    assert all(generate.fmt(x) == s for x, s in zip(f32.tolist(), text)), "a score does not round-trip as float32"
    with open(os.path.join(HERE, "scores.jsonl"), encoding="utf-8") as f:
        jsonl = [json.loads(line) for line in f]
    assert [(d["probe"], d["reference"]) for d in jsonl] == expected, "scores.jsonl pairs differ from scores.csv"
    assert np.array_equal(np.array([d["score"] for d in jsonl], dtype=np.float32), f32), "scores.jsonl scores differ"
    S = f32.astype(np.float64).reshape(len(probe_ids), len(gallery_ids))
    return subjects, probes, gallery, S


def scores_check(S):
    P = np.load(os.path.join(HERE, "probes.npy"))
    G = np.load(os.path.join(HERE, "gallery.npy"))
    assert P.dtype == np.dtype("<f4") and G.dtype == np.dtype("<f4") and P.flags.c_contiguous and G.flags.c_contiguous
    here = generate.cosine_scores(P, G).astype(np.float64)
    Pn = generate.normalised_f32(P).astype(np.float64)
    Gn = generate.normalised_f32(G).astype(np.float64)
    exact = np.zeros(S.shape)
    for j in range(P.shape[1]):  # float64 dot products, summed in column order
        exact += Pn[:, j:j + 1] * Gn[:, j:j + 1].T
    rounded = exact.astype(np.float32).astype(np.float64)
    recomputed_equal = bool(np.array_equal(here, S))
    print(f"scores.csv equals numpy's float32 cosine of the npy rows on this machine: {recomputed_equal}"
          + ("" if recomputed_equal else f" (max difference {np.max(np.abs(here - S)):.3g})"))
    return exact, {
        "max_abs_difference_from_float64_dot": float(np.max(np.abs(S - exact))),
        "max_abs_difference_in_float32_epsilons": float(np.max(np.abs(S - exact)) / float(np.finfo(np.float32).eps)),
        "scores_not_the_correctly_rounded_float64_dot": int(np.sum(S != rounded)),
        "scores": int(S.size),
    }


def groups_of(subjects, slicing):
    """group key -> set of subjects; keys 'female' or 'female|north'."""
    out = {}
    for s, r in subjects.items():
        out.setdefault("|".join(r[a] for a in slicing), set()).add(s)
    return dict(sorted(out.items()))


def rate(numerator, denominator):
    return numerator / denominator if denominator else None


def compute(subjects, probes, gallery, S):
    psub = np.array([r["subject"] for r in probes])
    gsub = np.array([r["subject"] for r in gallery])
    mated = psub[:, None] == gsub[None, :]
    positives, negatives = S[mated], S[~mated]
    out = {}

    # verification, overall
    at_fmr = {}
    for f in FMR_TARGETS:
        t = far_threshold(negatives, f)
        fmr, fnmr = farfrr(negatives, positives, t)
        at_fmr[f"{f:g}"] = {"threshold": t, "fmr": fmr, "fnmr": fnmr, "tar": 1.0 - fnmr,
                            "false_matches": int(np.sum(negatives >= t)), "false_non_matches": int(np.sum(positives < t))}
    t = eer_threshold(negatives, positives)
    fmr, fnmr = farfrr(negatives, positives, t)
    eer = {"eer": (fmr + fnmr) / 2, "threshold": t, "fmr": fmr, "fnmr": fnmr}
    thr, fmrs, fnmrs = calculate_roc(positives, negatives)
    index, low, high, value = get_eer_values(fmrs, fnmrs)
    eer_pyeer = {"eer": float(value), "eer_low": float(low), "eer_high": float(high), "threshold": float(thr[index])}
    glob = far_threshold(negatives, GLOBAL_FMR)
    g_fmr, g_fnmr = farfrr(negatives, positives, glob)
    out["verification"] = {
        "mated_comparisons": int(positives.size), "nonmated_comparisons": int(negatives.size),
        "mated_score_mean": float(positives.mean()), "nonmated_score_mean": float(negatives.mean()),
        "at_fmr": at_fmr, "eer": eer, "eer_pyeer": eer_pyeer,
        "global_threshold": {"fmr_target": GLOBAL_FMR, "threshold": glob, "fmr": g_fmr, "fnmr": g_fnmr},
    }

    # verification, by group
    by_group, disparities, between = {}, {}, {}
    for slicing in SLICINGS:
        name = " x ".join(slicing)
        groups = groups_of(subjects, slicing)
        rows = {}
        for key, members in groups.items():
            pin = np.isin(psub, list(members))
            gin = np.isin(gsub, list(members))
            neg = S[pin[:, None] & gin[None, :] & ~mated]
            pos = S[mated & pin[:, None]]
            row = {"subjects": len(members), "probes": int(pin.sum()), "gallery_templates": int(gin.sum()),
                   "mated_comparisons": int(pos.size), "nonmated_comparisons": int(neg.size),
                   "false_matches": int(np.sum(neg >= glob)), "false_non_matches": int(np.sum(pos < glob)),
                   "fmr": rate(int(np.sum(neg >= glob)), neg.size), "fnmr": rate(int(np.sum(pos < glob)), pos.size)}
            own = {}
            for f in FMR_TARGETS:
                if neg.size >= 2 and pos.size:
                    t = far_threshold(neg, f)
                    a, b = farfrr(neg, pos, t)
                    own[f"{f:g}"] = {"threshold": t, "fmr": a, "fnmr": b}
            row["own_threshold"] = own
            rows[key] = row
        by_group[name] = rows
        d = {}
        for metric in ("fmr", "fnmr"):
            values = [r[metric] for r in rows.values() if r[metric] is not None]
            lo, hi = min(values), max(values)
            d[metric] = {"min": lo, "max": hi, "difference": hi - lo, "ratio_max_over_min": rate(hi, lo)}
        disparities[name] = d
        if len(slicing) == 1:
            member = {s: key for key, ms in groups.items() for s in ms}
            pg = np.array([member[s] for s in psub])
            gg = np.array([member[s] for s in gsub])
            matrix = {}
            for a in groups:
                matrix[a] = {}
                for b in groups:
                    neg = S[(pg == a)[:, None] & (gg == b)[None, :] & ~mated]
                    matrix[a][b] = {"fmr": rate(int(np.sum(neg >= glob)), neg.size),
                                    "false_matches": int(np.sum(neg >= glob)), "nonmated_comparisons": int(neg.size)}
            cross = S[(pg[:, None] != gg[None, :])]
            between[name] = {"fmr_probe_group_by_reference_group": matrix,
                             "fmr_across_groups": float(np.mean(cross >= glob)),
                             "nonmated_comparisons_across_groups": int(cross.size)}
    out["by_group_at_global_threshold"] = by_group
    out["disparities_at_global_threshold"] = disparities
    out["fmr_between_groups_at_global_threshold"] = between

    # identification
    in_gallery = set(gsub.tolist())
    searches, searches_subject, nonmated_top, mates_removed_top, search_subject = [], [], [], [], []
    for i, s in enumerate(psub.tolist()):
        row, is_mate = S[i], mated[i]
        if s in in_gallery:
            searches.append((row[~is_mate], row[is_mate]))
            best = {}
            for g, v in zip(gsub.tolist(), row.tolist()):
                best[g] = max(best.get(g, -math.inf), v)
            searches_subject.append((np.array([v for g, v in best.items() if g != s]), np.array([best[s]])))
            search_subject.append(s)
            mates_removed_top.append(float(np.max(row[~is_mate])))
        else:
            nonmated_top.append(float(np.max(row)))
    mates_removed_top = mates_removed_top + nonmated_top
    ident = {"mated_searches": len(searches), "nonmated_searches": len(nonmated_top),
             "rank": {str(k): recognition_rate(searches, k) for k in RANKS},
             "rank_subject_level": {str(k): recognition_rate(searches_subject, k) for k in RANKS}}
    for label, tops in (("open_set", nonmated_top), ("open_set_mates_removed", mates_removed_top)):
        entry = {"nonmated_searches": len(tops)}
        for f in FPIR_TARGETS:
            t = far_threshold(np.array(tops), f)
            dir1 = detection_identification_rate(searches, t, 1)
            entry[f"{f:g}"] = {"threshold": t, "fpir": false_alarm_rate(tops, t), "fnir": 1.0 - dir1, "dir": dir1}
        ident[label] = entry
    per = {}
    for slicing in SLICINGS:
        name = " x ".join(slicing)
        per[name] = {}
        for key, members in groups_of(subjects, slicing).items():
            chosen = [x for x, s in zip(searches, search_subject) if s in members]
            per[name][key] = {"mated_searches": len(chosen),
                              "rank": {str(k): rate(sum(1 for neg, pos in chosen if np.sum(neg >= np.max(pos)) < k), len(chosen))
                                       for k in RANKS}}
    ident["by_group"] = per
    out["identification"] = ident

    out["evalkit"] = {
        "eer": eer["eer"],
        "fnmr@fmr=1e-1": at_fmr["0.1"]["fnmr"], "fnmr@fmr=1e-2": at_fmr["0.01"]["fnmr"],
        "fnmr@fmr=1e-3": at_fmr["0.001"]["fnmr"], "tar@far=1e-2": at_fmr["0.01"]["tar"],
        "fmr@global_threshold": g_fmr, "fnmr@global_threshold": g_fnmr,
        "rank1": ident["rank"]["1"], "rank5": ident["rank"]["5"], "rank10": ident["rank"]["10"],
        "fnir@fpir=0.1": ident["open_set"]["0.1"]["fnir"],
    }
    return out


def decisions(result):
    """The result without its thresholds and score means: rates and counts only."""
    if isinstance(result, dict):
        return {k: decisions(v) for k, v in result.items() if k != "threshold" and not k.endswith("_mean")}
    return result


DEFINITIONS = {
    "verification.at_fmr.<target>": "threshold = bob.measure far_threshold(all non-mated scores, target) (float64 of a float32 score, or nextafter of the highest); fmr, fnmr = bob.measure farfrr at it (non-mated >= t is a false match, mated < t a false non-match); tar = 1 - fnmr; false_matches / false_non_matches are the counts",
    "verification.eer": "threshold = bob.measure eer_threshold (minimises |FMR - FNMR|, a midpoint between scores); eer = (fmr + fnmr) / 2 at it",
    "verification.eer_pyeer": "pyeer 0.5.6 get_eer_values(calculate_roc(mated, non-mated)): eer = midpoint of the FMR/FNMR interval where the curves cross (FVC2000); threshold = the score at that index",
    "verification.global_threshold": "far_threshold at FMR 0.01 over all non-mated comparisons; fmr, fnmr overall at it",
    "by_group_at_global_threshold.<slicing>.<group>": "at the global threshold: fmr over the non-mated comparisons whose probe subject AND reference subject are both in the group; fnmr over the mated comparisons of the group's subjects; counts of subjects, probes, gallery templates, comparisons and errors; own_threshold.<target>: far_threshold over the group's own non-mated comparisons and farfrr at it. Group keys join attribute values with |, in the slicing's order",
    "disparities_at_global_threshold.<slicing>": "min, max, max - min and max / min (null when min is 0) of the groups' fmr and fnmr",
    "fmr_between_groups_at_global_threshold.<attribute>": "fmr at the global threshold (with its counts) over the non-mated comparisons of probe group (row) x reference group (column); fmr_across_groups: over the non-mated comparisons whose two subjects are in different groups",
    "identification.rank.<k>": "bob.measure recognition_rate(rank k) over the mated searches, template level: success when fewer than k non-mated gallery templates score >= the best mated score",
    "identification.rank_subject_level.<k>": "as rank, with the gallery consolidated to subjects (a subject's score is its best template's)",
    "identification.open_set.<fpir>": "threshold = far_threshold over the top scores of the non-mated searches (probes without a gallery mate); fpir = bob.measure false_alarm_rate (top score >= t); dir = bob.measure detection_identification_rate at rank 1 (best mated score >= t and at rank 1); fnir = 1 - dir",
    "identification.open_set_mates_removed.<fpir>": "as open_set, the non-mated searches being every mated probe searched without its own subject's templates plus the probes without a mate",
    "identification.by_group.<slicing>.<group>": "rank-k identification rates over the mated searches of the group's subjects (the whole gallery searched)",
    "evalkit": "the headline values under the metric names of Schemes/verification-faces.json",
    "scores_check": "scores.csv against the float64 dot products of the same L2-normalised float32 rows: largest absolute difference, the same in units of float32 epsilon (2^-23), how many scores are not the float32 rounding of the float64 dot; metrics_equal_on_float64_scores: every rate and count of this file (all but thresholds and score means) is the same when computed on the float64 dot products",
}


def main():
    subjects, probes, gallery, S = load()
    exact, check = scores_check(S)
    result = compute(subjects, probes, gallery, S)
    check["metrics_equal_on_float64_scores"] = decisions(compute(subjects, probes, gallery, exact)) == decisions(result)
    out = {
        "generator": "reference_metrics.py (SYNTHETIC data; numpy and pyeer, bob.measure 6.1.1 rules ported)",
        "versions": {"numpy": np.__version__, "pyeer": version("pyeer"), "python": platform.python_version(),
                     "bob.measure rules": "6.1.1 (src/bob/measure/_library.py, __init__.py)"},
        "definitions": DEFINITIONS,
        "inputs": {"subjects": len(subjects), "probes": len(probes), "gallery_templates": len(gallery),
                   "comparisons": int(S.size)},
        "evalkit": result.pop("evalkit"),
        **result,
        "scores_check": check,
    }
    with open(os.path.join(HERE, "reference_metrics.json"), "w") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
    e = out["evalkit"]
    print("  ".join(f"{k} {v:.4f}" for k, v in e.items()))
    bob_check(subjects, probes, gallery, S, out)


def bob_check(subjects, probes, gallery, S, out):
    try:
        import bob.measure as bm
    except ImportError:
        print("bob.measure not importable: the ported rules were not checked against it in this run")
        return
    psub = np.array([r["subject"] for r in probes])
    gsub = np.array([r["subject"] for r in gallery])
    mated = psub[:, None] == gsub[None, :]
    pos, neg = S[mated], S[~mated]
    problems = []
    for f, v in out["verification"]["at_fmr"].items():
        t = float(bm.far_threshold(neg, pos, float(f)))
        if t != v["threshold"] or tuple(bm.farfrr(neg, pos, t)) != (v["fmr"], v["fnmr"]):
            problems.append(f"far_threshold {f}: bob {t}, here {v['threshold']}")
    t = float(bm.eer_threshold(neg, pos))
    if t != out["verification"]["eer"]["threshold"]:
        problems.append(f"eer_threshold: bob {t}, here {out['verification']['eer']['threshold']}")
    for name, rows in out["by_group_at_global_threshold"].items():
        for key, row in rows.items():
            members = {s for s, r in subjects.items() if "|".join(r[a] for a in name.split(" x ")) == key}
            pin, gin = np.isin(psub, list(members)), np.isin(gsub, list(members))
            gneg, gpos = S[pin[:, None] & gin[None, :] & ~mated], S[mated & pin[:, None]]
            for f, v in row["own_threshold"].items():
                if float(bm.far_threshold(gneg, gpos, float(f))) != v["threshold"]:
                    problems.append(f"far_threshold {f} in {name} {key}")
    cmc = [(S[i][~mated[i]], S[i][mated[i]] if mated[i].any() else None) for i in range(len(psub))]
    closed = [x for x in cmc if x[1] is not None]
    for k, v in out["identification"]["rank"].items():
        b = bm.recognition_rate(closed, rank=int(k))
        if b != v:
            problems.append(f"recognition_rate rank {k}: bob {b}, here {v}")
    o = out["identification"]["open_set"]["0.1"]
    if bm.detection_identification_rate(cmc, o["threshold"], 1) != o["dir"] or bm.false_alarm_rate(cmc, o["threshold"]) != o["fpir"]:
        problems.append("open-set rates differ")
    print(f"bob.measure {version('bob.measure')}: " + ("the ported rules agree" if not problems else "; ".join(problems)))
    if problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
