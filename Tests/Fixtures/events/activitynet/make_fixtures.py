#!/usr/bin/env python3
"""Writes fixtures.json: ActivityNet temporal-IoU AP/mAP and duration-based precision/recall for
evalkit's interval metrics (Sources/EvalKitMetrics/Events/TemporalIoU*.swift, DurationOverlap.swift).

AP and mAP. `anet_class_ap`, `anet_segment_iou` and `anet_interpolated_ap` are a standalone
transcription, in numpy, of `compute_average_precision_detection`, `segment_iou` and
`interpolated_prec_rec` of ActivityNet's Evaluation/eval_detection.py and Evaluation/utils.py
(github.com/activitynet/ActivityNet, MIT licence, see LICENSE-ActivityNet; the version read was
commit ebc8aebb4018a758c4efb35bb7ab547d31b1eb1e, the one that returns AP 0 for a class without
predictions). They keep upstream's control flow and floating-point operations step for step:
predictions of a class sorted by `scores.argsort()[::-1]`; for each, in that order, the reference
events of its video ordered by `tiou.argsort()[::-1]`; at each threshold the first one with
tIoU >= threshold not yet locked becomes a true positive (a tIoU below the threshold ends the
search: false positive); cumulative sums, precision tp/(tp+fp), recall tp/npos; the VOC 2011
interpolation and `np.sum`. pandas only carried the columns upstream (DataFrame rows, groupby by
video id, which keeps row order), so plain lists in the same order replace it. Around them,
`anet_evaluate` does what `ANETdetection` does: class indices in order of first appearance in the
ground truth (`activity_index`), an AP matrix (thresholds x classes), `mAP = ap.mean(axis=1)`,
`average_mAP = mAP.mean()`. Upstream knows only classes that occur in the ground truth (a
prediction of another class is a KeyError there), so predictions of classes without reference
events are not given to it; evalkit reports those classes' AP as undefined and leaves them out
of the mAP, which is then the same mean.

Ties. upstream's order among equal scores (and among equal tIoUs) is that of numpy's unstable
argsort, reversed. Every case but `score_and_iou_ties` is checked to have no equal scores within a
class and no equal positive tIoUs between a prediction and two reference events of its class and
video, so the order is unambiguous. In `score_and_iou_ties` the expected values follow evalkit's
rule instead (scores descending, then video name, then onset, then input order; equal tIoUs: the
reference with the earlier onset, then the one listed first): the same transcription with those
two argsorts replaced by lexsorts. What upstream's argsort gives on the machine that ran this
script is recorded beside it (`upstream_on_this_machine`), for information only.

Duration-based precision and recall are computed independently, in exact rational arithmetic
(fractions.Fraction over the binary values of the times): per video and class, the boundaries of
all events cut time into elementary pieces; a piece counts for the system (reference) when some
system (reference) event of the class covers its midpoint, for the overlap when both do. Sums over
videos and classes, one division, rounded once to a double.

Cases are made from numpy's default_rng with a fixed seed per case (times rounded to 2 decimals,
as ActivityNet's annotations are) and hand-written edge cases.

    python3 -m venv /tmp/anet && /tmp/anet/bin/pip install numpy
    /tmp/anet/bin/python Tests/Fixtures/events/activitynet/make_fixtures.py

Seeded: re-running it with the same numpy version reproduces the file byte for byte.
"""

import json
import os
import platform
import sys
from fractions import Fraction

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fixtures.json")
GENERATOR = "Tests/Fixtures/events/activitynet/make_fixtures.py"
DEFAULT_THRESHOLDS = np.linspace(0.5, 0.95, 10)


# ------------------------------------------------------------------ ActivityNet, transcribed

def anet_segment_iou(target, candidates):
    """segment_iou: tIoU of one [start, end] with each row of an N x 2 array."""
    tt1 = np.maximum(target[0], candidates[:, 0])
    tt2 = np.minimum(target[1], candidates[:, 1])
    intersection = (tt2 - tt1).clip(0)
    union = (candidates[:, 1] - candidates[:, 0]) + (target[1] - target[0]) - intersection
    return intersection.astype(float) / union


def anet_interpolated_ap(prec, rec):
    """interpolated_prec_rec: VOC 2011 interpolated AP."""
    mprec = np.hstack([[0], prec, [0]])
    mrec = np.hstack([[0], rec, [1]])
    for i in range(len(mprec) - 1)[::-1]:
        mprec[i] = max(mprec[i], mprec[i + 1])
    idx = np.where(mrec[1::] != mrec[0:-1])[0] + 1
    return np.sum((mrec[idx] - mrec[idx - 1]) * mprec[idx])


def anet_class_ap(gt, pred, thresholds, evalkit_ties=False):
    """compute_average_precision_detection for one class.

    gt: rows (video, start, end, onset_rank) in ground-truth order; pred: rows
    (video, start, end, score, index_in_video) in prediction order.
    """
    thresholds = np.asarray(thresholds)
    ap = np.zeros(len(thresholds))
    if len(pred) == 0:
        return ap
    npos = float(len(gt))
    lock_gt = np.ones((len(thresholds), len(gt))) * -1
    scores = np.array([p[3] for p in pred], dtype=float)
    if evalkit_ties:
        # score descending, then video name, then onset, then input order (lexsort: last key first)
        sort_idx = np.lexsort((np.array([p[4] for p in pred]), np.array([p[1] for p in pred]),
                               np.array([p[0] for p in pred]), -scores))
    else:
        sort_idx = scores.argsort()[::-1]
    pred = [pred[i] for i in sort_idx]
    tp = np.zeros((len(thresholds), len(pred)))
    fp = np.zeros((len(thresholds), len(pred)))
    gt_by_video = {}
    for row, g in enumerate(gt):
        gt_by_video.setdefault(g[0], []).append(row)
    for idx, p in enumerate(pred):
        rows = gt_by_video.get(p[0])
        if rows is None:
            fp[:, idx] = 1
            continue
        segments = np.array([[gt[r][1], gt[r][2]] for r in rows])
        tiou_arr = anet_segment_iou(np.array([p[1], p[2]]), segments)
        if evalkit_ties:
            onsets = segments[:, 0]
            tiou_sorted_idx = np.lexsort((np.arange(len(rows)), onsets, -tiou_arr))
        else:
            tiou_sorted_idx = tiou_arr.argsort()[::-1]
        for tidx, tiou_thr in enumerate(thresholds):
            for jdx in tiou_sorted_idx:
                if tiou_arr[jdx] < tiou_thr:
                    fp[tidx, idx] = 1
                    break
                if lock_gt[tidx, rows[jdx]] >= 0:
                    continue
                tp[tidx, idx] = 1
                lock_gt[tidx, rows[jdx]] = idx
                break
            if fp[tidx, idx] == 0 and tp[tidx, idx] == 0:
                fp[tidx, idx] = 1
    tp_cumsum = np.cumsum(tp, axis=1).astype(float)
    fp_cumsum = np.cumsum(fp, axis=1).astype(float)
    recall_cumsum = tp_cumsum / npos
    precision_cumsum = tp_cumsum / (tp_cumsum + fp_cumsum)
    for tidx in range(len(thresholds)):
        ap[tidx] = anet_interpolated_ap(precision_cumsum[tidx, :], recall_cumsum[tidx, :])
    return ap


def anet_evaluate(case, evalkit_ties=False):
    """ANETdetection.evaluate on a case: AP per class (by class name), mAP, average mAP."""
    thresholds = np.asarray(case["thresholds"])
    activity_index = {}
    gt_rows, pred_rows = {}, {}
    for v in case["videos"]:
        for onset, offset, label in v["reference"]:
            if label not in activity_index:
                activity_index[label] = len(activity_index)
            gt_rows.setdefault(label, []).append((v["name"], float(onset), float(offset)))
    for v in case["videos"]:
        for i, (onset, offset, label, score) in enumerate(v["predictions"]):
            if label in activity_index:
                pred_rows.setdefault(label, []).append((v["name"], float(onset), float(offset), float(score), i))
    ap = np.zeros((len(thresholds), len(activity_index)))
    for label, cidx in activity_index.items():
        ap[:, cidx] = anet_class_ap(gt_rows[label], pred_rows.get(label, []), thresholds, evalkit_ties)
    mAP = ap.mean(axis=1)
    average_mAP = mAP.mean()
    per_class = {label: ap[:, cidx] for label, cidx in activity_index.items()}
    return per_class, mAP, average_mAP


# ------------------------------------------------------------------ duration, exact

def covered(intervals, t):
    return any(a < t < b for a, b in intervals)


def duration_sums(case):
    """Per class (overlap, system, reference) seconds as Fractions."""
    k = len(case["classes"])
    minimum = case["duration_minimum_score"]
    sums = [[Fraction(0)] * 3 for _ in range(k)]
    for v in case["videos"]:
        for c in range(k):
            ref = [(Fraction(a), Fraction(b)) for a, b, label in v["reference"] if label == c]
            sys_ = [(Fraction(a), Fraction(b)) for a, b, label, score in v["predictions"]
                    if label == c and (minimum is None or score >= minimum)]
            cuts = sorted(set([x for i in ref + sys_ for x in i]))
            for a, b in zip(cuts, cuts[1:]):
                mid = (a + b) / 2
                r, s = covered(ref, mid), covered(sys_, mid)
                if s and r:
                    sums[c][0] += b - a
                if s:
                    sums[c][1] += b - a
                if r:
                    sums[c][2] += b - a
    return sums


def ratio(num, den):
    return None if den == 0 else float(num / den)


# ------------------------------------------------------------------ checks

def check_no_ties(case):
    """No equal scores within a class; no equal positive tIoUs of a prediction with two
    reference events of its class and video (upstream's order would then be unspecified)."""
    k = len(case["classes"])
    for c in range(k):
        scores = [p[3] for v in case["videos"] for p in v["predictions"] if p[2] == c]
        assert len(scores) == len(set(scores)), (case["name"], "score tie in class", c)
    for v in case["videos"]:
        for onset, offset, c, _ in v["predictions"]:
            segs = np.array([[a, b] for a, b, label in v["reference"] if label == c], dtype=float).reshape(-1, 2)
            if len(segs) < 2:
                continue
            ious = anet_segment_iou(np.array([onset, offset], dtype=float), segs)
            positive = ious[ious > 0]
            assert len(positive) == len(set(positive.tolist())), (case["name"], "tIoU tie", v["name"], onset, offset)


def check_no_zero_unions(case):
    """Two zero-length events of one class and video have union 0: upstream's tIoU is then NaN
    (a match at every threshold), evalkit's 0. No case has such a pair."""
    for v in case["videos"]:
        for onset, offset, c, _ in v["predictions"]:
            if onset == offset:
                assert not any(a == b and label == c for a, b, label in v["reference"]), case["name"]


# ------------------------------------------------------------------ cases

def r2(x):
    return float(round(float(x), 2))


def random_case(name, what, seed, videos, classes, refs_per_video=(1, 3), preds_per_video=(0, 10),
                near=0.6, length=(20.0, 200.0), thresholds=None, empty_videos=0, skip_pred_classes=(),
                skip_ref_classes=(), duration_minimum_score=None):
    rng = np.random.default_rng(seed)
    out = []
    used_scores = set()
    for i in range(videos):
        vname = "v_%s_%03d" % (name[:3], rng.integers(0, 1000)) + "_%02d" % i
        dur = r2(rng.uniform(*length))
        reference = []
        if i >= empty_videos:
            for _ in range(rng.integers(refs_per_video[0], refs_per_video[1] + 1)):
                c = int(rng.integers(0, classes))
                if c in skip_ref_classes:
                    continue
                a = r2(rng.uniform(0, dur * 0.9))
                b = r2(min(dur, a + rng.uniform(1.0, dur * 0.4)))
                reference.append([a, b, c])
        predictions = []
        for _ in range(rng.integers(preds_per_video[0], preds_per_video[1] + 1)):
            if reference and rng.random() < near:
                a, b, c = reference[rng.integers(0, len(reference))]
                span = b - a
                a2 = r2(max(0.0, a + rng.normal(0, span * 0.15)))
                b2 = r2(max(a2 + 0.01, b + rng.normal(0, span * 0.15)))
                if rng.random() < 0.15:
                    c = int(rng.integers(0, classes))
            else:
                c = int(rng.integers(0, classes))
                a2 = r2(rng.uniform(0, dur * 0.9))
                b2 = r2(min(dur, a2 + rng.uniform(0.5, dur * 0.3)))
                if b2 <= a2:
                    b2 = r2(a2 + 0.01)
            if c in skip_pred_classes:
                continue
            while True:
                s = round(float(rng.random()), 6)
                if s not in used_scores:
                    used_scores.add(s)
                    break
            predictions.append([a2, b2, c, s])
        out.append({"name": vname, "reference": reference, "predictions": predictions})
    return {"name": name, "what": what, "classes": ["class_%d" % c for c in range(classes)],
            "thresholds": list(DEFAULT_THRESHOLDS if thresholds is None else thresholds),
            "tie_rule": "none", "duration_minimum_score": duration_minimum_score, "videos": out}


def hand_case(name, what, classes, videos, thresholds=None, tie_rule="none", duration_minimum_score=None):
    return {"name": name, "what": what, "classes": classes,
            "thresholds": list(DEFAULT_THRESHOLDS if thresholds is None else thresholds),
            "tie_rule": tie_rule, "duration_minimum_score": duration_minimum_score, "videos": videos}


def make_cases():
    cases = [
        random_case("random_small", "6 videos, 3 classes, a few events each", 11, videos=6, classes=3),
        random_case("random_medium", "60 videos, 8 classes, up to 25 predictions per video", 12, videos=60, classes=8,
                    refs_per_video=(1, 4), preds_per_video=(0, 25)),
        random_case("random_dense", "25 videos, 4 classes, many overlapping references and predictions", 13, videos=25,
                    classes=4, refs_per_video=(3, 8), preds_per_video=(10, 40), near=0.8, length=(30.0, 90.0)),
        random_case("predictions_without_reference", "12 videos, the first 5 without any reference event", 14,
                    videos=12, classes=3, empty_videos=5, preds_per_video=(2, 12)),
        random_case("class_without_predictions", "class_2 has reference events but no prediction: AP 0", 15,
                    videos=10, classes=4, skip_pred_classes=(2,)),
        random_case("class_without_reference", "class_1 has predictions but no reference event: AP undefined, "
                    "left out of the mAP; class_3 has neither", 16, videos=10, classes=4,
                    skip_ref_classes=(1, 3), skip_pred_classes=(3,)),
        random_case("custom_thresholds_thumos", "THUMOS'14 thresholds linspace(0.1, 0.7, 7)", 17, videos=15,
                    classes=5, thresholds=np.linspace(0.1, 0.7, 7)),
        random_case("custom_thresholds_unsorted", "thresholds given out of order, one of them 1.0", 18, videos=15,
                    classes=3, thresholds=[0.75, 0.3, 1.0, 0.5]),
        random_case("duration_minimum_score", "duration P/R from predictions with score >= 0.4 only", 19,
                    videos=12, classes=3, preds_per_video=(2, 12), duration_minimum_score=0.4),
        hand_case("threshold_edges", "tIoUs exactly on thresholds (0.5, 0.75, 0.6, 0.8, 0.9, 1.0), a zero-length "
                  "prediction inside a reference, a perfect duplicate", ["a", "b"], [
                      {"name": "e1", "reference": [[0.0, 4.0, 0], [10.0, 20.0, 1]],
                       "predictions": [[0.0, 2.0, 0, 0.9], [0.0, 3.0, 0, 0.8], [10.0, 20.0, 1, 0.7],
                                       [10.0, 20.0, 1, 0.65], [2.0, 2.0, 0, 0.6]]},
                      {"name": "e2", "reference": [[0.0, 10.0, 0], [0.0, 5.0, 1]],
                       "predictions": [[0.0, 6.0, 0, 0.5], [1.0, 5.0, 1, 0.45], [0.0, 9.0, 0, 0.4],
                                       [0.5, 5.0, 1, 0.35]]},
                      {"name": "e3", "reference": [[1.0, 3.0, 1]],
                       "predictions": [[1.0, 3.0, 1, 0.99], [0.0, 1.0, 1, 0.3]]},
                  ], thresholds=[0.5, 0.6, 0.75, 0.8, 0.9, 1.0]),
        hand_case("perfect", "every reference predicted exactly, nothing else: AP 1 everywhere", ["x", "y"], [
            {"name": "p1", "reference": [[1.0, 5.0, 0], [6.0, 9.5, 1]], "predictions": [[1.0, 5.0, 0, 0.9], [6.0, 9.5, 1, 0.8]]},
            {"name": "p2", "reference": [[0.25, 7.75, 0]], "predictions": [[0.25, 7.75, 0, 0.7]]},
        ]),
        hand_case("score_and_iou_ties", "equal scores within and across videos, equal tIoUs: evalkit's tie rule",
                  ["a", "b"], [
                      {"name": "t_b", "reference": [[0.0, 10.0, 0], [20.0, 30.0, 0], [2.0, 12.0, 1], [4.0, 14.0, 1]],
                       "predictions": [[21.0, 30.0, 0, 0.8], [0.0, 10.0, 0, 0.8], [50.0, 60.0, 0, 0.8],
                                       [3.0, 13.0, 1, 0.6], [3.0, 12.0, 1, 0.6], [0.0, 9.0, 0, 0.5]]},
                      {"name": "t_a", "reference": [[5.0, 15.0, 0]],
                       "predictions": [[40.0, 45.0, 0, 0.8], [6.0, 15.0, 0, 0.8], [5.0, 15.0, 0, 0.8],
                                       [5.0, 14.0, 0, 0.5], [3.0, 13.0, 1, 0.6]]},
                      {"name": "t_c", "reference": [[0.0, 8.0, 1]],
                       "predictions": [[0.0, 8.0, 1, 0.6], [30.0, 38.0, 1, 0.6]]},
                  ], tie_rule="evalkit"),
    ]
    return cases


def expected(case):
    evalkit_ties = case["tie_rule"] == "evalkit"
    if not evalkit_ties:
        check_no_ties(case)
    check_no_zero_unions(case)
    per_class, mAP, average_mAP = anet_evaluate(case, evalkit_ties)
    ap = [None if name not in per_class else [float(x) for x in per_class[name]]
          for name in range(len(case["classes"]))]
    sums = duration_sums(case)
    total = [sum(s[i] for s in sums) for i in range(3)]
    out = {
        "ap": ap,
        "mAP": [float(x) for x in mAP],
        "average_mAP": float(average_mAP),
        "classes_without_reference": [c for c in range(len(case["classes"])) if c not in per_class],
        "duration": {
            "precision": [ratio(s[0], s[1]) for s in sums],
            "recall": [ratio(s[0], s[2]) for s in sums],
            "overall_precision": ratio(total[0], total[1]),
            "overall_recall": ratio(total[0], total[2]),
            "seconds": [[float(x) for x in s] for s in sums],
        },
    }
    if evalkit_ties:
        up_class, up_mAP, up_avg = anet_evaluate(case, evalkit_ties=False)
        out["upstream_on_this_machine"] = {
            "ap": [None if c not in up_class else [float(x) for x in up_class[c]] for c in range(len(case["classes"]))],
            "mAP": [float(x) for x in up_mAP], "average_mAP": float(up_avg)}
    return out


def main():
    cases = make_cases()
    for case in cases:
        case["expected"] = expected(case)
    doc = {
        "generator": GENERATOR,
        "upstream": {"repository": "github.com/activitynet/ActivityNet", "files": ["Evaluation/eval_detection.py", "Evaluation/utils.py"],
                     "commit": "ebc8aebb4018a758c4efb35bb7ab547d31b1eb1e", "licence": "MIT"},
        "versions": {"numpy": np.__version__, "python": platform.python_version()},
        "default_thresholds": [float(x) for x in DEFAULT_THRESHOLDS],
        "cases": cases,
    }
    text = json.dumps(doc, separators=(",", ":"), allow_nan=False)
    with open(OUT, "w") as f:
        f.write(text)
        f.write("\n")
    print("| case | videos | classes | predictions | thresholds | average mAP |")
    print("|---|---|---|---|---|---|")
    for c in cases:
        n = sum(len(v["predictions"]) for v in c["videos"])
        print("| `%s` | %d | %d | %d | %d | %.6f |" % (c["name"], len(c["videos"]), len(c["classes"]), n,
                                                    len(c["thresholds"]), c["expected"]["average_mAP"]))
    print("%d bytes" % len(text), file=sys.stderr)


if __name__ == "__main__":
    main()
