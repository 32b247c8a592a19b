#!/usr/bin/env python3
"""Make the multi-object-tracking fixtures in Tests/Fixtures/Tracking/.

What it writes (paths relative to this folder), for every case:
  cases/<case>/gt/<seq>.txt       MOTChallenge ground truth: frame,id,x,y,w,h,conf,class,visibility
  cases/<case>/tracker/<seq>.txt  tracker output: frame,id,x,y,w,h,conf,class,-1,-1
  cases/<case>/sequences.csv      sequence,length,frame_rate,width,height,camera,weather
  cases/<case>/expected.json      what TrackEval (HOTA, CLEAR, Identity) and py-motmetrics compute

Inputs come from numpy.random.Generator(PCG64(SEED + case number)); floats are written with repr()
so they round-trip exactly. The expected values are computed from the files as written (they are
read back, never taken from memory):
  * preprocessing "none": TrackEval's per-sequence `data` dicts are built here the way its datasets
    build them (timestep t = frame - 1, rows in file order, ids relabelled 0..n-1 in ascending order
    of the original id over the whole sequence, similarity = _BaseDataset._calculate_box_ious(...,
    box_format='xywh')); then HOTA/CLEAR/Identity .eval_sequence, .combine_sequences over the
    sequences sorted by name and, for multi-class cases, .combine_classes_class_averaged and
    .combine_classes_det_averaged over the per-class combined results. For every class-agnostic
    "none" case the same files are also run through trackeval.Evaluator + MotChallenge2DBox
    (DO_PREPROC False) and every field is asserted to be identical.
  * preprocessing "mot17": trackeval.Evaluator + MotChallenge2DBox (BENCHMARK MOT17, SPLIT train,
    DO_PREPROC True, CLASSES_TO_EVAL ['pedestrian']) on a temporary MOTChallenge folder layout.
  * py-motmetrics on every class-agnostic case: mm.io.loadtxt(fmt='mot15-2D', min_confidence=-1),
    mm.utils.compare_to_groundtruth(gt, ts, 'iou', distth=0.5) per sequence,
    mh.compute_many(..., generate_overall=True).
    motmetrics 1.4.0 calls np.asfarray, which numpy 2 removed; this script restores it as
    np.asarray(a, dtype=float64) (what numpy 1.x did for these float inputs) before importing it.

Non-finite numbers (py-motmetrics gives NaN/inf for 0/0 and x/0) are written as the JSON strings
"NaN", "Infinity", "-Infinity"; every other number is a plain JSON number at full precision
(float repr; ints as ints, floats as floats, as each tool returned them). Keys beyond the agreed layout:
trackeval.hota_alphas (the 19 alpha values HOTA's arrays are indexed by, np.arange(0.05, 0.99, 0.05)),
motmetrics.solver (the linear-assignment solver py-motmetrics picked: "scipy" here; with lapsolver or
lap installed it would pick those, and ties could be broken differently), motmetrics.note (mot17 case).

Versions that made the committed files: Python 3.11, numpy 2.4.6, scipy 1.17.1, pandas 3.1.1,
trackeval 1.3.0 (PyPI, the numpy-2 maintained fork of JonathonLuiten/TrackEval), motmetrics 1.4.0.

Usage:
    ~/.cache/evalkit-peers-venv/bin/pip install trackeval==1.3.0 motmetrics==1.4.0
    ~/.cache/evalkit-peers-venv/bin/python Tests/Fixtures/Tracking/make_fixtures.py          # regenerate
    ~/.cache/evalkit-peers-venv/bin/python Tests/Fixtures/Tracking/make_fixtures.py --check  # compare only
"""
import argparse
import contextlib
import filecmp
import io
import json
import math
import os
import platform
import shutil
import sys
import tempfile

import numpy as np

if not hasattr(np, "asfarray"):  # numpy >= 2: motmetrics 1.4.0 distances.iou_matrix still calls it
    def _asfarray(a, dtype=np.float64):
        if not np.issubdtype(dtype, np.inexact):
            dtype = np.float64
        return np.asarray(a, dtype=dtype)
    np.asfarray = _asfarray

import importlib.metadata as importlib_metadata  # noqa: E402

import motmetrics as mm  # noqa: E402
import pandas as pd  # noqa: E402
import scipy  # noqa: E402
import trackeval  # noqa: E402
from trackeval.datasets._base_dataset import _BaseDataset  # noqa: E402
from motmetrics.distances import boxiou as mm_boxiou  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20260314
THRESHOLD = 0.5
TE_VERSION = importlib_metadata.version("trackeval")
MM_VERSION = mm.__version__
MM_METRICS = mm.metrics.motchallenge_metrics + ["num_frames", "num_detections", "num_matches", "idtp", "idfn", "idfp"]
EPS54 = 2.0 ** -54  # spacing of doubles just below 0.5


# --------------------------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------------------------
def r2(v):
    return round(float(v), 2)


def r3(v):
    return round(float(v), 3)


def fnum(v):
    """A number as written into the text files: ints as ints, floats with repr (round-trips)."""
    if isinstance(v, (int, np.integer)) and not isinstance(v, bool):
        return str(int(v))
    return repr(float(v))


def jnum(v):
    """A TrackEval / motmetrics value as plain JSON."""
    if isinstance(v, np.ndarray):
        return [jnum(x) for x in v.tolist()]
    if isinstance(v, (list, tuple)):
        return [jnum(x) for x in v]
    if isinstance(v, (bool, np.bool_)):
        raise TypeError("unexpected bool")
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        f = float(v)
        if math.isnan(f):
            return "NaN"
        if math.isinf(f):
            return "Infinity" if f > 0 else "-Infinity"
        return f
    raise TypeError("unexpected value %r of type %s" % (v, type(v)))


class Seq:
    """One sequence: gt rows (frame, id, x, y, w, h, conf, class, vis) and tracker rows
    (frame, id, x, y, w, h, conf, class)."""

    def __init__(self, name, length, frame_rate=30, width=1920, height=1080, camera="static", weather="clear"):
        self.name = name
        self.length = length
        self.frame_rate = frame_rate
        self.width = width
        self.height = height
        self.camera = camera
        self.weather = weather
        self.gt = []
        self.tr = []

    def add_gt(self, frame, oid, b, conf=1, cls=1, vis=1.0):
        self.gt.append((int(frame), int(oid), float(b[0]), float(b[1]), float(b[2]), float(b[3]),
                        int(conf), int(cls), float(vis)))

    def add_tr(self, frame, tid, b, conf=1.0, cls=-1):
        self.tr.append((int(frame), int(tid), float(b[0]), float(b[1]), float(b[2]), float(b[3]),
                        float(conf), int(cls)))


class Case:
    def __init__(self, name, description, preprocessing="none", multi_class=False, classes=None):
        self.name = name
        self.description = description
        self.preprocessing = preprocessing
        self.multi_class = multi_class
        self.classes = classes
        self.seqs = []


def shift_for_iou(w, r):
    """Horizontal offset of two equal-size boxes whose IoU is r."""
    return w * (1.0 - r) / (1.0 + r)


def te_iou(g, t):
    return float(_BaseDataset._calculate_box_ious(np.array([g], float), np.array([t], float), box_format="xywh")[0, 0])


# --------------------------------------------------------------------------------------------
# random scenes (used by several cases)
# --------------------------------------------------------------------------------------------
def random_objects(rng, L, n_obj, W, H, id_base=1, classes=None, gap_prob=0.3, min_life=20, nd=2,
                   wrange=(30.0, 90.0)):
    """n_obj gt tracks moving with a random walk inside a W x H image; some have an unannotated gap."""
    rnd = r2 if nd == 2 else r3
    objs = []
    for k in range(n_obj):
        start = int(rng.integers(1, max(2, L - min_life)))
        life = int(rng.integers(min_life, L + 1))
        end = min(L, start + life - 1)
        w = float(rng.uniform(*wrange))
        h = w * float(rng.uniform(1.8, 3.0))
        x = float(rng.uniform(1.0, W - w - 1.0))
        y = float(rng.uniform(1.0, H - h - 1.0))
        vx, vy = (float(v) for v in rng.normal(0.0, 2.0, 2))
        gaps = set()
        if end - start > 30 and rng.random() < gap_prob:
            gs = int(rng.integers(start + 5, end - 10))
            gl = int(rng.integers(3, 13))
            gaps = set(range(gs, min(end, gs + gl)))
        cls = int(classes[int(rng.integers(0, len(classes)))]) if classes else 1
        boxes = {}
        for f in range(start, end + 1):
            vx += float(rng.normal(0.0, 0.3))
            vy += float(rng.normal(0.0, 0.3))
            vx = max(-6.0, min(6.0, vx))
            vy = max(-6.0, min(6.0, vy))
            x += vx
            y += vy
            if x < 1.0:
                x, vx = 1.0 + (1.0 - x), abs(vx)
            if x + w > W - 1.0:
                x, vx = W - 1.0 - w - (x + w - (W - 1.0)), -abs(vx)
            if y < 1.0:
                y, vy = 1.0 + (1.0 - y), abs(vy)
            if y + h > H - 1.0:
                y, vy = H - 1.0 - h - (y + h - (H - 1.0)), -abs(vy)
            if f not in gaps:
                boxes[f] = (rnd(x), rnd(y), rnd(w), rnd(h))
        objs.append({"id": id_base + k, "cls": cls, "boxes": boxes})
    return objs


def simulate_tracker(rng, objs, L, W, H, p_det=0.92, jitter=0.04, p_switch=0.003, p_swap=0.01,
                     p_reid_fail=0.5, reid_gap=3, fp_track_rate=0.15, classes=None, p_wrong_class=0.0, nd=2,
                     class_agnostic=True, hard_fraction=0.0):
    """A plausible tracker on top of gt tracks: jitter, misses, a new id (with probability p_reid_fail) after
    more than reid_gap frames without a detection, spontaneous id switches, id swaps between two visible
    objects, short false-alarm tracks. A hard_fraction of the objects is detected with probability 0.1-0.7
    only."""
    rnd = r2 if nd == 2 else r3
    pdet = [float(rng.uniform(0.1, 0.7)) if rng.random() < hard_fraction else p_det for _ in objs]
    rows = []
    cur = {}
    tclass = {}
    last = {}
    next_id = 1
    fps = []  # [tid, x, y, w, h, vx, vy, frames_left, cls]
    for f in range(1, L + 1):
        visible = [i for i, o in enumerate(objs) if f in o["boxes"]]
        if len(visible) >= 2 and rng.random() < p_swap:
            i, j = (int(v) for v in rng.choice(visible, 2, replace=False))
            if i in cur and j in cur:
                cur[i], cur[j] = cur[j], cur[i]
        for i in visible:
            if rng.random() >= pdet[i]:
                continue
            o = objs[i]
            gap = f - last.get(i, f - 1) > reid_gap
            if i not in cur or (gap and rng.random() < p_reid_fail) or rng.random() < p_switch:
                cur[i] = next_id
                next_id += 1
                c = o["cls"]
                if classes and rng.random() < p_wrong_class:
                    others = [k for k in classes if k != c]
                    c = int(others[int(rng.integers(0, len(others)))])
                tclass[cur[i]] = c
            last[i] = f
            x, y, w, h = o["boxes"][f]
            x += float(rng.normal(0.0, jitter * w))
            y += float(rng.normal(0.0, jitter * h))
            w *= 1.0 + float(rng.normal(0.0, jitter))
            h *= 1.0 + float(rng.normal(0.0, jitter))
            conf = r3(rng.uniform(0.3, 1.0))
            cls = -1 if class_agnostic else tclass[cur[i]]
            rows.append((f, cur[i], (rnd(x), rnd(y), rnd(w), rnd(h)), conf, cls))
        if rng.random() < fp_track_rate:
            w = float(rng.uniform(25.0, 80.0))
            h = w * float(rng.uniform(1.5, 3.0))
            c = int(classes[int(rng.integers(0, len(classes)))]) if classes else -1
            fps.append([next_id, float(rng.uniform(1.0, W - w - 1.0)), float(rng.uniform(1.0, H - h - 1.0)), w, h,
                        float(rng.normal(0.0, 2.0)), float(rng.normal(0.0, 2.0)), int(rng.integers(1, 16)), c])
            next_id += 1
        alive = []
        for t in fps:
            t[1] = min(max(1.0, t[1] + t[5]), W - t[3] - 1.0)
            t[2] = min(max(1.0, t[2] + t[6]), H - t[4] - 1.0)
            if rng.random() < 0.9:
                cls = -1 if class_agnostic else t[8]
                rows.append((f, t[0], (rnd(t[1]), rnd(t[2]), rnd(t[3]), rnd(t[4])), r3(rng.uniform(0.1, 0.7)), cls))
            t[7] -= 1
            if t[7] > 0:
                alive.append(t)
        fps = alive
    return rows


def fill_random(seq, rng, n_obj, classes=None, gt_kw=None, tr_kw=None, class_agnostic=True):
    objs = random_objects(rng, seq.length, n_obj, seq.width, seq.height, classes=classes, **(gt_kw or {}))
    for f in range(1, seq.length + 1):
        for o in objs:
            if f in o["boxes"]:
                seq.add_gt(f, o["id"], o["boxes"][f], cls=o["cls"], vis=r2(rng.uniform(0.2, 1.0)))
    for f, tid, b, conf, cls in simulate_tracker(rng, objs, seq.length, seq.width, seq.height, classes=classes,
                                                 class_agnostic=class_agnostic, **(tr_kw or {})):
        seq.add_tr(f, tid, b, conf, cls)
    return objs


def jit(rng, b, s=1.0, nd=2):
    rnd = r2 if nd == 2 else r3
    return (rnd(b[0] + rng.normal(0, s)), rnd(b[1] + rng.normal(0, s)),
            rnd(b[2] + rng.normal(0, 0.5 * s)), rnd(b[3] + rng.normal(0, 0.5 * s)))


def conf(rng):
    return r3(rng.uniform(0.5, 1.0))


# --------------------------------------------------------------------------------------------
# the cases
# --------------------------------------------------------------------------------------------
def case_crossings(rng):
    c = Case("crossings", "Objects crossing paths. cross-a: two pedestrians walk towards each other and cross at "
             "frame ~30; the tracker swaps their ids exactly at the crossing (and misses A at frames 45-46). "
             "cross-b: three objects (horizontal, vertical, diagonal) cross pairwise; the tracker keeps the ids "
             "except that B and C swap ids two frames after their closest approach.")
    s = Seq("cross-a", 60, 30, 640, 480, "static", "clear")
    for f in range(1, 61):
        a = (r2(60.0 + (f - 1) * 460.0 / 59.0 + 0.37), 200.31, 48.62, 120.44)
        b = (r2(520.0 - (f - 1) * 460.0 / 59.0 + 0.11), 204.93, 50.17, 118.71)
        s.add_gt(f, 1, a, vis=r2(rng.uniform(0.3, 1.0)))
        s.add_gt(f, 2, b, vis=r2(rng.uniform(0.3, 1.0)))
        if f not in (45, 46):
            s.add_tr(f, 1 if f <= 30 else 2, jit(rng, a), conf(rng))
        s.add_tr(f, 2 if f <= 30 else 1, jit(rng, b), conf(rng))
    c.seqs.append(s)

    s = Seq("cross-b", 80, 25, 800, 600, "moving", "rain")
    traj = {
        1: lambda f: (40.3 + 7.1 * f, 150.7, 44.25, 110.5),
        2: lambda f: (330.9, 5.2 + 5.3 * f, 46.5, 112.75),
        3: lambda f: (20.6 + 5.9 * f, 30.1 + 4.2 * f, 42.0, 105.25),
    }
    d23 = [abs(traj[2](f)[0] - traj[3](f)[0]) + abs(traj[2](f)[1] - traj[3](f)[1]) for f in range(1, 81)]
    swap_from = int(np.argmin(d23)) + 1 + 2
    for f in range(1, 81):
        for oid in (1, 2, 3):
            b = tuple(r2(v) for v in traj[oid](f))
            if b[1] + b[3] > 599 or b[0] + b[2] > 799:
                continue
            s.add_gt(f, oid, b, vis=r2(rng.uniform(0.3, 1.0)))
            tid = oid
            if f >= swap_from and oid in (2, 3):
                tid = 5 - oid
            s.add_tr(f, 10 + tid, jit(rng, b, 1.5), conf(rng))
    c.seqs.append(s)
    return c


def case_occlusion_gaps(rng):
    c = Case("occlusion_gaps", "occ-a: A is annotated in frames 1-30 and 46-90 only (occluded, not annotated, in "
             "between); the tracker coasts A's id 1 through frames 31-36 (false alarms) and picks A up again as id 4 "
             "from frame 48. B is annotated throughout; the tracker misses it in frames 20-30 and resumes with the "
             "same id. C (frames 10-90) is tracked as id 3 until frame 49, missed in frames 50-54 while other tracker "
             "boxes exist, then from frame 55 both id 3 (IoU ~0.6, shifted) and a new id 5 (IoU ~0.9) sit on it: "
             "TrackEval re-matches by best IoU (id 5, an ID switch), py-motmetrics re-establishes the old pair "
             "(id 3). occ-b: five random tracks with unannotated gaps, misses and re-identification failures.")
    s = Seq("occ-a", 90, 30, 640, 480, "static", "fog")
    for f in range(1, 91):
        a = (r2(50.3 + 3.0 * f), 100.6, 50.2, 100.4)
        b = (400.7, r2(50.2 + 2.0 * f), 50.3, 100.1)
        cb = (r2(200.4 + 1.5 * f), 300.2, 50.6, 100.3)
        if f <= 30 or f >= 46:
            s.add_gt(f, 1, a, vis=r2(rng.uniform(0.3, 1.0)))
        s.add_gt(f, 2, b, vis=r2(rng.uniform(0.3, 1.0)))
        if f >= 10:
            s.add_gt(f, 3, cb, vis=r2(rng.uniform(0.3, 1.0)))
        if f <= 36:
            s.add_tr(f, 1, jit(rng, a), conf(rng))
        elif f >= 48:
            s.add_tr(f, 4, jit(rng, a), conf(rng))
        if not 20 <= f <= 30:
            s.add_tr(f, 2, jit(rng, b), conf(rng))
        if 10 <= f <= 49:
            s.add_tr(f, 3, jit(rng, cb), conf(rng))
        elif f >= 55:
            d = shift_for_iou(cb[2], 0.6)
            s.add_tr(f, 3, (r2(cb[0] + d), cb[1], cb[2], cb[3]), conf(rng))
            s.add_tr(f, 5, jit(rng, cb, 0.3), conf(rng))
    c.seqs.append(s)

    s = Seq("occ-b", 120, 30, 960, 540, "moving", "clear")
    fill_random(s, rng, 5, gt_kw={"gap_prob": 1.0, "min_life": 60},
                tr_kw={"p_det": 0.93, "p_reid_fail": 0.6, "p_swap": 0.0, "fp_track_rate": 0.05})
    c.seqs.append(s)
    return c


def case_identity_swaps(rng):
    c = Case("identity_swaps", "swap-a: four objects; A and B exchange tracker ids for frames 41-60 and get them back "
             "at 61 (two switches each); C's id 3 is handed over to D, which appears at frame 55 after C ended at 50 "
             "(a transfer / migrate in py-motmetrics), and D gets a brand new id 6 at frame 81 (ascend). swap-b: six "
             "random tracks with frequent id swaps between visible objects and spontaneous id changes.")
    s = Seq("swap-a", 100, 30, 960, 540, "static", "clear")
    for f in range(1, 101):
        A = (r2(100.2 + 2.0 * f), 60.5, 40.3, 95.1)
        B = (r2(100.7 + 2.0 * f), 260.3, 41.2, 96.4)
        C = (700.4, r2(40.1 + 1.5 * f), 45.6, 99.8)
        D = (r2(600.3 + 1.0 * f), 400.2, 44.1, 98.6)
        s.add_gt(f, 1, A, vis=0.9)
        s.add_gt(f, 2, B, vis=0.8)
        if f <= 50:
            s.add_gt(f, 3, C, vis=0.7)
        if f >= 55:
            s.add_gt(f, 4, D, vis=0.6)
        ta, tb = (2, 1) if 41 <= f <= 60 else (1, 2)
        s.add_tr(f, ta, jit(rng, A), conf(rng))
        s.add_tr(f, tb, jit(rng, B), conf(rng))
        if f <= 50:
            s.add_tr(f, 3, jit(rng, C), conf(rng))
        if 55 <= f <= 80:
            s.add_tr(f, 3, jit(rng, D), conf(rng))
        elif f > 80:
            s.add_tr(f, 6, jit(rng, D), conf(rng))
    c.seqs.append(s)

    s = Seq("swap-b", 150, 25, 960, 540, "moving", "rain")
    fill_random(s, rng, 6, gt_kw={"gap_prob": 0.2, "min_life": 80},
                tr_kw={"p_swap": 0.06, "p_switch": 0.01, "p_det": 0.95, "fp_track_rate": 0.05})
    c.seqs.append(s)
    return c


def case_late_start_early_end(rng):
    c = Case("late_start_early_end", "late-a: A spans the whole sequence (frames 1-50). B (frames 11-30, 20 "
             "frames) is tracked in 16 of them: tracked ratio exactly 0.8 (TrackEval MT needs > 0.8, so PT; "
             "py-motmetrics MT needs >= 0.8, so MT). C (frames 21-30) is tracked in 2 of 10: ratio exactly 0.2 (PT "
             "in both). D (frames 5-45) is tracked only in frames 5-12 and the track ends early (ML). E (frames "
             "31-50) is picked up 3 frames early by the tracker (false alarms before the gt starts). late-b: the "
             "first 10 and last 5 frames are empty in both files (TrackEval still counts them in CLR_Frames, "
             "py-motmetrics' num_frames does not); a 5-frame track tracked in 4 (ratio 0.8 again).")
    s = Seq("late-a", 50, 30, 640, 480, "static", "clear")
    for f in range(1, 51):
        A = (r2(20.3 + 4.0 * f), 40.2, 40.5, 90.3)
        B = (300.6, r2(20.4 + 3.0 * f), 42.1, 92.7)
        C = (500.2, r2(300.1 - 2.0 * f), 43.3, 93.9)
        D = (r2(30.4 + 2.5 * f), 300.3, 41.8, 91.2)
        E = (r2(580.7 - 3.0 * f), 200.9, 39.6, 88.4)
        s.add_gt(f, 1, A, vis=1.0)
        s.add_tr(f, 1, jit(rng, A), conf(rng))
        if 11 <= f <= 30:
            s.add_gt(f, 2, B, vis=1.0)
        if 15 <= f <= 30:
            s.add_tr(f, 2, jit(rng, B), conf(rng))
        if 21 <= f <= 30:
            s.add_gt(f, 3, C, vis=1.0)
        if 29 <= f <= 30:
            s.add_tr(f, 3, jit(rng, C), conf(rng))
        if 5 <= f <= 45:
            s.add_gt(f, 4, D, vis=1.0)
        if 5 <= f <= 12:
            s.add_tr(f, 4, jit(rng, D), conf(rng))
        if f >= 31:
            s.add_gt(f, 5, E, vis=1.0)
        if f >= 28:
            s.add_tr(f, 5, jit(rng, E), conf(rng))
    c.seqs.append(s)

    s = Seq("late-b", 40, 30, 640, 480, "moving", "night")
    for f in range(11, 36):
        A = (r2(100.1 + 5.0 * f), 100.2, 44.4, 100.8)
        s.add_gt(f, 7, A, vis=1.0)
        s.add_tr(f, 3, jit(rng, A), conf(rng))
        if 20 <= f <= 24:
            B = (400.5, r2(50.3 + 4.0 * f), 45.2, 99.3)
            s.add_gt(f, 9, B, vis=1.0)
            if f != 22:
                s.add_tr(f, 4, jit(rng, B), conf(rng))
    c.seqs.append(s)
    return c


def case_empty_frames(rng):
    c = Case("empty_frames", "empty-mixed: three tracks; frames 10-12 have gt but no tracker boxes; frames 20-22 "
             "have tracker boxes but no gt; frames 30-31 have neither; in frames 40-42 object 2 is not annotated "
             "while the others are; in frames 50-52 the tracker drops object 3 while reporting the others. "
             "TrackEval skips frames without gt or without tracker boxes before it resets its 'matched in the "
             "previous timestep' state, so frames 10-12 and 20-22 do not break a track (no Frag, and the "
             "continuation bonus carries over), while frames 40-42 and 50-52 do. empty-tracker: the tracker file "
             "is empty. empty-gt: the gt file is empty, the tracker has two tracks. empty-both: both files empty.")
    s = Seq("empty-mixed", 60, 30, 640, 480, "static", "clear")
    for f in range(1, 61):
        objs = {1: (r2(30.2 + 3.0 * f), 50.5, 40.2, 90.6), 2: (300.3, r2(30.1 + 2.0 * f), 41.4, 91.3),
                3: (r2(560.6 - 3.0 * f), 330.7, 42.6, 92.2)}
        for oid, b in objs.items():
            if 20 <= f <= 22 or 30 <= f <= 31:
                continue
            if oid == 2 and 40 <= f <= 42:
                continue
            s.add_gt(f, oid, b, vis=r2(rng.uniform(0.3, 1.0)))
        for oid, b in objs.items():
            if 10 <= f <= 12 or 30 <= f <= 31:
                continue
            if oid == 3 and 50 <= f <= 52:
                continue
            s.add_tr(f, 100 + oid, jit(rng, b), conf(rng))
    c.seqs.append(s)

    s = Seq("empty-tracker", 30, 30, 640, 480, "static", "rain")
    for f in range(1, 31):
        s.add_gt(f, 1, (r2(50.1 + 4.0 * f), 60.2, 40.3, 90.4), vis=1.0)
        if f >= 5:
            s.add_gt(f, 2, (400.6, r2(20.3 + 3.0 * f), 41.1, 92.2), vis=1.0)
    c.seqs.append(s)

    s = Seq("empty-gt", 30, 30, 640, 480, "moving", "rain")
    for f in range(1, 31):
        s.add_tr(f, 1, (r2(50.1 + 4.0 * f), 60.2, 40.3, 90.4), conf(rng))
        if f <= 20:
            s.add_tr(f, 2, (400.6, r2(20.3 + 3.0 * f), 41.1, 92.2), conf(rng))
    c.seqs.append(s)

    c.seqs.append(Seq("empty-both", 20, 30, 640, 480, "moving", "night"))
    return c


def case_unsorted_rows(rng):
    c = Case("unsorted_rows", "Random tracks whose gt and tracker rows are written in a shuffled order (frames "
             "interleaved, objects within a frame in arbitrary order). Readers must group rows by frame; within a "
             "frame TrackEval keeps file order.")
    for name, L, n in (("shuffle-a", 40, 5), ("shuffle-b", 30, 4)):
        s = Seq(name, L, 30, 800, 600, "static", "clear")
        fill_random(s, rng, n, gt_kw={"gap_prob": 0.3, "min_life": 15},
                    tr_kw={"p_swap": 0.03, "fp_track_rate": 0.2})
        s.gt = [s.gt[i] for i in rng.permutation(len(s.gt))]
        s.tr = [s.tr[i] for i in rng.permutation(len(s.tr))]
        c.seqs.append(s)
    return c


def case_duplicate_boxes(rng):
    c = Case("duplicate_boxes", "Exact ties (all coordinates multiples of 1/4, so every IoU is computed exactly by "
             "both tools). dup-a: A has a second tracker box (id 7) identical to its own (id 1) in frames 10-25; "
             "B has two identical tracker boxes (ids 2 and 8) from frame 1 to 20, then only id 8 (so which one the "
             "first frame's assignment picks decides whether there is an ID switch at frame 21); gt C and D are "
             "identical boxes covered by one tracker box (id 3), and from frame 15 by a second identical one (id "
             "9); gt E (frames 1-40) and F (frames 1-30) are 10 px apart and tracker id 10 sits exactly between "
             "them (equal IoU with both): the tie decides MT/PT/ML. dup-b: the same scene with the tied rows "
             "written in the opposite order within each frame.")
    for name, L, rev in (("dup-a", 40, False), ("dup-b", 30, True)):
        s = Seq(name, L, 30, 800, 600, "static", "clear")
        for f in range(1, L + 1):
            A = (100.0 + 2.5 * f, 100.5, 40.25, 100.5)
            B = (300.25, 50.0 + 2.0 * f, 42.5, 98.75)
            C = (500.5 + 1.25 * f, 400.25, 40.0, 96.0)
            E = (80.25 + 1.5 * f, 350.5, 60.0, 120.0)
            F = (E[0] + 10.0, E[1], E[2], E[3])
            gt_rows = [(1, A), (2, B)]
            cd = [(3, C), (4, C)]
            ef = [(5, E)] + ([(6, F)] if f <= min(30, L) else [])
            if rev:
                cd.reverse()
                ef.reverse()
            for oid, b in gt_rows + cd + ef:
                s.add_gt(f, oid, b, vis=1.0)
            s.add_tr(f, 1, (A[0] + 0.5, A[1] + 0.25, A[2], A[3]), 0.9)
            if 10 <= f <= 25:
                s.add_tr(f, 7, (A[0] + 0.5, A[1] + 0.25, A[2], A[3]), 0.9)
            tb = (B[0] - 0.75, B[1] + 0.5, B[2], B[3])
            pair = [2, 8] if f <= 20 else [8]
            if rev:
                pair.reverse()
            for tid in pair:
                s.add_tr(f, tid, tb, 0.8)
            tc = (C[0] + 1.0, C[1] - 0.5, C[2], C[3])
            tcs = [3] + ([9] if f >= 15 else [])
            if rev:
                tcs.reverse()
            for tid in tcs:
                s.add_tr(f, tid, tc, 0.7)
            s.add_tr(f, 10, (E[0] + 5.0, E[1], E[2], E[3]), 0.6)
        c.seqs.append(s)
    return c


def find_level_box(rng, make_g, pred, target=0.5, tries=2000, window=100, edge=None):
    """A gt box (from make_g(rng)) and a tracker box whose IoU, as computed by TrackEval and by py-motmetrics,
    satisfies pred(te, mm): the tracker box has the gt's y and height, is shifted right by a random
    3-decimal dx, and its width is found by bisection (over doubles) where TrackEval's IoU crosses target;
    then the `window` doubles either side are tried. With edge set, only widths that put the tracker's right
    edge in [edge, edge + 1) are used."""
    for _ in range(tries):
        g = make_g(rng)
        G = np.array([g], float)
        G1 = G.copy()
        G1[:, :2] -= 1

        def te_of(tx, ws):
            T = np.array([(tx, g[1], w, g[3]) for w in ws], float)
            return _BaseDataset._calculate_box_ious(G, T, box_format="xywh")[0], T

        dx = round(float(rng.uniform(0.1, 0.3)) * g[2], 3)
        tx = g[0] + dx
        ov = g[0] + g[2] - tx
        tw0 = ov / target - g[2] + ov
        if edge is not None and not edge + 0.01 <= tx + tw0 < edge + 0.99:
            continue
        lo, hi = tw0 * (1 - 1e-6), tw0 * (1 + 1e-6)  # the IoU falls as the width grows
        assert te_of(tx, [lo])[0][0] > target > te_of(tx, [hi])[0][0]
        while float(np.nextafter(lo, np.inf)) < hi:
            mid = lo + (hi - lo) / 2
            if mid <= lo or mid >= hi:
                break
            if te_of(tx, [mid])[0][0] > target:
                lo = mid
            else:
                hi = mid
        ws = [hi]
        for d in (-1.0, 1.0):
            v = hi
            for _k in range(window):
                v = float(np.nextafter(v, d * np.inf))
                ws.append(v)
        a, T = te_of(tx, ws)
        T1 = T.copy()
        T1[:, :2] -= 1
        b = mm_boxiou(G1[:, None], T1[None, :])[0]
        for k in range(len(ws)):
            if pred(float(a[k]), float(b[k])):
                return g, (tx, g[1], ws[k], g[3]), float(a[k]), float(b[k])
    raise RuntimeError("no box found")


def case_iou_threshold(rng):
    levels = [
        ("0.5+1ulp", lambda a, b: a == b == 0.5 + 2.0 ** -53),
        ("0.5", lambda a, b: a == b == 0.5),
        ("0.5-1*2^-54", lambda a, b: a == b == 0.5 - EPS54),
        ("0.5-2*2^-54", lambda a, b: a == b == 0.5 - 2 * EPS54),
        ("0.5-3*2^-54", lambda a, b: a == b == 0.5 - 3 * EPS54),
        ("0.5-4*2^-54 (=0.5-eps)", lambda a, b: a == b == 0.5 - 4 * EPS54),
        ("0.5-5*2^-54", lambda a, b: a == b == 0.5 - 5 * EPS54),
        ("0.5+1e-9", lambda a, b: a == b == 0.5 + 1e-9),
        ("0.5-1e-9", lambda a, b: a == b == 0.5 - 1e-9),
        ("TrackEval 0.5, motmetrics below 0.5-2^-54", lambda a, b: a == 0.5 and b < 0.5 - EPS54),
        ("motmetrics 0.5, TrackEval below 0.5", lambda a, b: b == 0.5 and a < 0.5),
    ]
    c = Case("iou_threshold", "")
    s = Seq("iou-levels", 30, 30, 1280, 1080, "static", "clear")
    info = []
    boxes = []
    for k, (label, pred) in enumerate(levels):
        if k < 9:
            row, col = divmod(k, 6)

            def make_g(rng, row=row, col=col):
                return (r3(40.0 + 200.0 * col + rng.uniform(0, 20)), r3(40.0 + 300.0 * row + rng.uniform(0, 20)),
                        r3(rng.uniform(38.0, 48.0)), r3(rng.uniform(90.0, 110.0)))
            edge = None
        else:
            # the two tools' IoUs only differ when x + w and (x - 1) + w round on different grids, i.e. when
            # a right edge lies in [2^k, 2^k + 1): put the tracker's right edge just above 256 / 512
            edge = 256.0 if k == 9 else 512.0

            def make_g(rng, edge=edge):
                w = r3(rng.uniform(38.0, 48.0))
                return (r3(edge + 0.4 - 1.6 * w), r3(640.0 + rng.uniform(0, 20)), w, r3(rng.uniform(90.0, 110.0)))
        target = 0.5 + 1e-9 if label == "0.5+1e-9" else (0.5 - 1e-9 if label == "0.5-1e-9" else 0.5)
        g, t, a, b = find_level_box(rng, make_g, pred, target, edge=edge)
        boxes.append((g, t))
        info.append("id %d: %s (TrackEval IoU %r, motmetrics IoU %r)" % (k + 1, label, a, b))
    # object 12: gt and tracker boxes cycle through the first seven levels frame by frame (the gt box moves a
    # little between the variants)

    def make_g12(rng):
        return (r3(40.0 + rng.uniform(0, 20)), r3(880.0 + rng.uniform(0, 20)), r3(rng.uniform(38.0, 48.0)),
                r3(rng.uniform(90.0, 110.0)))
    cyc = [find_level_box(rng, make_g12, pred, tries=20000)[:2] for _, pred in levels[:7]]
    for f in range(1, 31):
        for k, (g, t) in enumerate(boxes):
            s.add_gt(f, k + 1, g, vis=1.0)
            s.add_tr(f, k + 1, t, 0.9)
        g12, t12 = cyc[(f - 1) % 7]
        s.add_gt(f, 12, g12, vis=1.0)
        s.add_tr(f, 12, t12, 0.9)
    c.seqs.append(s)
    c.description = ("IoU at and around the 0.5 threshold. iou-levels: eleven static objects, each followed by "
                     "one tracker box at a fixed IoU (found by searching tracker widths double by double; the IoU "
                     "quoted is the one each tool computes): " + "; ".join(info) + "; id 12: gt and tracker box "
                     "cycle through the first seven levels, frame f using level ((f - 1) mod 7) + 1 (the gt box "
                     "moves slightly between the variants). TrackEval CLEAR and HOTA (alpha 0.5) accept IoU >= "
                     "0.5 - eps (eps = 2^-52), TrackEval Identity accepts IoU >= 0.5, py-motmetrics accepts "
                     "1 - IoU <= 0.5 "
                     "(so 0.5 - 2^-54, whose 1 - IoU rounds to 0.5, passes). iou-band: six moving objects with the "
                     "tracker box shifted so that the IoU is drawn uniformly from [0.44, 0.56] every frame.")

    s = Seq("iou-band", 60, 30, 1280, 720, "moving", "clear")
    for oid in range(1, 7):
        x0 = float(rng.uniform(300, 800))
        y0 = float(rng.uniform(100, 400))
        w = float(rng.uniform(40, 70))
        h = w * float(rng.uniform(2.0, 2.6))
        vx = float(np.clip(rng.normal(0, 2), -4, 4))
        vy = float(np.clip(rng.normal(0, 1), -1.5, 1.5))
        for f in range(1, 61):
            g = (r3(x0 + vx * f), r3(y0 + vy * f), r3(w), r3(h))
            s.add_gt(f, oid, g, vis=1.0)
            r = float(rng.uniform(0.44, 0.56))
            d = shift_for_iou(g[2], r)
            s.add_tr(f, 20 + oid, (r3(g[0] + d), g[1], g[2], g[3]), conf(rng))
    c.seqs.append(s)
    return c


def case_assignment(rng):
    c = Case("assignment", "Where the per-frame assignment objectives differ. assign-cardinality: gt A, B, C and "
             "tracker boxes T1, T2, T3 on one line with IoU(A,T1)=IoU(B,T2)~0.95 and IoU(A,T2)=IoU(B,T3)="
             "IoU(C,T1)~0.55, every other pair < 0.5: TrackEval CLEAR maximises the summed IoU and matches only "
             "A-T1 and B-T2 (1.9 > 1.65); py-motmetrics first maximises the number of matches and takes A-T2, "
             "B-T3, C-T1. The group drifts right by 1.5 px a frame. assign-shared: A is tracked by id 1 (frames "
             "1-5) and disappears for frames 6-8 while id 1 moves onto B (B's own id 2 vanishes); at frame 9 A "
             "reappears overlapping B with id 1 between them and id 2 back: TrackEval continues the previous "
             "timestep's pair B-1 (A gets 2), py-motmetrics continues A's last pair A-1 first (A's row comes "
             "first) and gives B id 2; from frame 10 A and B part, id 1 follows B and id 2 follows A.")
    s = Seq("assign-cardinality", 20, 30, 640, 480, "static", "clear")
    w = 40.0
    d95, d55 = shift_for_iou(w, 0.95), shift_for_iou(w, 0.55)
    base = {"T1": 0.0}
    base["A"] = base["T1"] + d95
    base["T2"] = base["A"] + d55
    base["B"] = base["T2"] + d95
    base["T3"] = base["B"] + d55
    base["C"] = base["T1"] - d55
    for f in range(1, 21):
        x = lambda k: r3(150.0 + base[k] + 1.5 * f)  # noqa: E731
        for oid, k in ((1, "A"), (2, "B"), (3, "C")):
            s.add_gt(f, oid, (x(k), 120.25, w, 100.0), vis=1.0)
        for tid, k in ((1, "T1"), (2, "T2"), (3, "T3")):
            s.add_tr(f, tid, (x(k), 120.25, w, 100.0), 0.9)
    gts = {k: (r3(150.0 + base[k] + 1.5), 120.25, w, 100.0) for k in ("A", "B", "C")}
    trs = {k: (r3(150.0 + base[k] + 1.5), 120.25, w, 100.0) for k in ("T1", "T2", "T3")}
    ious = {(g, t): te_iou(gts[g], trs[t]) for g in gts for t in trs}
    assert all((v >= 0.5) == ((g, t) in {("A", "T1"), ("B", "T2"), ("A", "T2"), ("B", "T3"), ("C", "T1")})
               for (g, t), v in ious.items()), ious
    c.seqs.append(s)

    s = Seq("assign-shared", 20, 30, 640, 480, "static", "clear")
    for f in range(1, 21):
        if f <= 5:
            A = (r3(200.25 + 2.0 * f), 200.5, 40.0, 100.0)
            B = (r3(420.5 - 2.0 * f), 200.5, 40.0, 100.0)
            s.add_gt(f, 1, A)
            s.add_gt(f, 2, B)
            s.add_tr(f, 1, (A[0] + 1.0, A[1], A[2], A[3]), 0.9)
            s.add_tr(f, 2, (B[0] - 1.0, B[1], B[2], B[3]), 0.9)
        elif f <= 8:
            B = (r3(420.5 - 2.0 * f), 200.5, 40.0, 100.0)
            s.add_gt(f, 2, B)
            s.add_tr(f, 1, (B[0] + 1.0, B[1], B[2], B[3]), 0.9)
        elif f == 9:
            A = (300.0, 200.5, 40.0, 100.0)
            B = (306.0, 200.5, 40.0, 100.0)
            s.add_gt(f, 1, A)
            s.add_gt(f, 2, B)
            s.add_tr(f, 1, (303.0, 200.5, 40.0, 100.0), 0.9)
            s.add_tr(f, 2, (304.5, 200.5, 40.0, 100.0), 0.9)
        else:
            A = (r3(300.0 - 6.0 * (f - 9)), 200.5, 40.0, 100.0)
            B = (r3(306.0 + 6.0 * (f - 9)), 200.5, 40.0, 100.0)
            s.add_gt(f, 1, A)
            s.add_gt(f, 2, B)
            s.add_tr(f, 1, (B[0] - 0.5, B[1], B[2], B[3]), 0.9)
            s.add_tr(f, 2, (A[0] + 0.5, A[1], A[2], A[3]), 0.9)
    c.seqs.append(s)
    return c


def case_multi_class(rng):
    classes = [1, 2, 3, 4]
    c = Case("multi_class", "Four classes (ids 1-4) in gt and tracker, evaluated per class (a class's gt rows "
             "against that class's tracker rows) and then class-averaged and detection-averaged. mc-a and mc-b: "
             "random tracks of classes 1-3; 15% of tracker tracks carry a wrong class; in mc-a tracker id 900 "
             "follows gt 901 (class 2) but is labelled class 2 for frames 1-30 and class 3 afterwards (one id in "
             "two classes). Class 4: in mc-a one gt track (frames 20-60) tracked in every other frame; in mc-b "
             "only tracker boxes (false alarms, no class-4 gt).", multi_class=True,
             classes=[str(k) for k in classes])
    s = Seq("mc-a", 80, 30, 1280, 720, "static", "clear")
    fill_random(s, rng, 9, classes=[1, 2, 3], gt_kw={"gap_prob": 0.2, "min_life": 30},
                tr_kw={"p_wrong_class": 0.15, "p_swap": 0.02}, class_agnostic=False)
    for f in range(1, 81):
        g = (r2(40.3 + 6.0 * f), 600.2 - 100.0, 50.4, 110.6)
        s.add_gt(f, 901, g, cls=2, vis=1.0)
        s.add_tr(f, 900, jit(rng, g), conf(rng), cls=2 if f <= 30 else 3)
        if 20 <= f <= 60:
            g4 = (1100.5, r2(40.2 + 3.0 * f), 60.3, 60.7)
            s.add_gt(f, 902, g4, cls=4, vis=1.0)
            if f % 2 == 0:
                s.add_tr(f, 950, jit(rng, g4), conf(rng), cls=4)
    c.seqs.append(s)

    s = Seq("mc-b", 60, 25, 1280, 720, "moving", "rain")
    fill_random(s, rng, 7, classes=[1, 2, 3], gt_kw={"gap_prob": 0.2, "min_life": 25},
                tr_kw={"p_wrong_class": 0.15, "p_swap": 0.02}, class_agnostic=False)
    for f in range(10, 31):
        s.add_tr(f, 990, (r2(900.4 + 2.0 * f), 80.3, 55.2, 57.9), conf(rng), cls=4)
    c.seqs.append(s)
    return c


def case_mot17(rng):
    c = Case("mot17_preproc", "MOTChallenge MOT17 preprocessing (TrackEval's MotChallenge2DBox with DO_PREPROC). "
             "mot17-a: six pedestrians (class 1, conf 1) except that pedestrian 4 is zero-marked (conf 0) in frames "
             "20-30; distractors of class 2 (person_on_vehicle, conf 0), 7 (static_person, conf 0), 8 (distractor, "
             "one with conf 0 and one with conf 1) and 12 (reflection, conf 0), all followed by tracker boxes "
             "(removed by the preprocessing); a car (class 3, conf 0) followed by a tracker box (not a distractor "
             "class: stays a false positive); tracker boxes on pedestrian 4's zero-marked frames (stay false "
             "positives); and in frames 40-45 a seventh pedestrian (id 7) and a class-8 distractor overlap with one "
             "tracker box matching the distractor better (IoU 0.95 vs 0.86): it is removed and pedestrian 7 is missed. "
             "mot17-b: random pedestrians and distractors with ~5% zero-marked pedestrian rows. py-motmetrics is "
             "run on the same files with min_confidence=-1 and no class filtering, so it scores every gt row "
             "(distractors, cars and zero-marked rows included) as ground truth.", preprocessing="mot17",
             classes=["pedestrian"])
    s = Seq("mot17-a", 60, 30, 1920, 1080, "static", "clear")
    tid = 1
    peds = []
    for k in range(6):
        x0, y0 = 80.0 + 260.0 * k + float(rng.uniform(0, 20)), 100.0 + float(rng.uniform(0, 40))
        peds.append((x0, y0, float(rng.uniform(-1.5, 1.5)), float(rng.uniform(-1, 1))))
    distr = [(2, 0, 100.3, 600.2), (7, 0, 400.6, 600.8), (8, 0, 700.2, 600.4), (8, 1, 1000.9, 600.1),
             (12, 0, 1300.5, 600.7), (3, 0, 1600.4, 580.3)]
    for f in range(1, 61):
        for k, (x0, y0, vx, vy) in enumerate(peds):
            b = (r2(x0 + vx * f), r2(y0 + vy * f), 45.3 + k, 110.2 + 2 * k)
            zero = (k == 3 and 20 <= f <= 30)
            s.add_gt(f, k + 1, b, conf=0 if zero else 1, cls=1, vis=r2(rng.uniform(0.2, 1.0)))
            if rng.random() < 0.92:
                s.add_tr(f, k + 1 + (10 if (k == 1 and f > 35) else 0), jit(rng, b), conf(rng))
        for j, (cls, cf, x0, y0) in enumerate(distr):
            b = (r2(x0 + 0.7 * f), y0, 48.6 if cls != 3 else 160.4, 112.3 if cls != 3 else 90.2)
            s.add_gt(f, 20 + j, b, conf=cf, cls=cls, vis=r2(rng.uniform(0.0, 1.0)))
            s.add_tr(f, 30 + j, jit(rng, b), conf(rng))
        if 40 <= f <= 45:
            p = (r2(900.3 + 1.0 * f), 850.2, 40.0, 100.0)
            d = (r2(p[0] + 4.0), 850.2, 40.0, 100.0)
            s.add_gt(f, 7, p, conf=1, cls=1, vis=0.5)
            s.add_gt(f, 27, d, conf=0, cls=8, vis=0.5)
            s.add_tr(f, 40, (r2(p[0] + 3.0), 850.2, 40.0, 100.0), conf(rng))
    c.seqs.append(s)

    s = Seq("mot17-b", 100, 25, 1920, 1080, "moving", "rain")
    objs = random_objects(rng, 100, 12, 1920, 1080, gap_prob=0.2, min_life=30)
    dclasses = [2, 7, 8, 12, 1, 1, 1, 1, 1, 1, 1, 1]
    for o, cls in zip(objs, dclasses):
        o["cls"] = cls
    for f in range(1, 101):
        for o in objs:
            if f in o["boxes"]:
                zero = o["cls"] != 1 or rng.random() < 0.05
                s.add_gt(f, o["id"], o["boxes"][f], conf=0 if zero else 1, cls=o["cls"], vis=r2(rng.uniform(0.0, 1.0)))
    for f, t, b, cf, _cls in simulate_tracker(rng, objs, 100, 1920, 1080, p_swap=0.02, fp_track_rate=0.2):
        s.add_tr(f, t, b, cf, -1)
    c.seqs.append(s)
    return c


def case_large_random(rng):
    c = Case("large_random", "Three 300-frame sequences with 22 objects each (~12.5 visible per frame; random walks, "
             "unannotated gaps), tracked with jitter, ~8% misses (20% of the objects are hard: detected in only "
             "10-70% of their frames), new ids after detection gaps, id switches and swaps, and short "
             "false-alarm tracks. Coordinates rounded to 2 decimals to keep the files small.")
    for name, cam, weather in (("rand-a", "static", "clear"), ("rand-b", "moving", "rain"), ("rand-c", "static", "night")):
        s = Seq(name, 300, 30, 1920, 1080, cam, weather)
        fill_random(s, rng, 22, gt_kw={"gap_prob": 0.4, "min_life": 120},
                    tr_kw={"p_det": 0.92, "p_swap": 0.01, "p_switch": 0.002, "fp_track_rate": 0.25,
                           "hard_fraction": 0.2})
        c.seqs.append(s)
    return c


CASES = [case_crossings, case_occlusion_gaps, case_identity_swaps, case_late_start_early_end, case_empty_frames,
         case_unsorted_rows, case_duplicate_boxes, case_iou_threshold, case_assignment, case_multi_class,
         case_mot17, case_large_random]


# --------------------------------------------------------------------------------------------
# writing and reading the MOTChallenge text files
# --------------------------------------------------------------------------------------------
def write_case(case, root):
    d = os.path.join(root, "cases", case.name)
    os.makedirs(os.path.join(d, "gt"), exist_ok=True)
    os.makedirs(os.path.join(d, "tracker"), exist_ok=True)
    for s in case.seqs:
        with open(os.path.join(d, "gt", s.name + ".txt"), "w", newline="\n") as fp:
            for r in s.gt:
                assert 1 <= r[0] <= s.length
                fp.write(",".join(fnum(v) for v in r) + "\n")
        with open(os.path.join(d, "tracker", s.name + ".txt"), "w", newline="\n") as fp:
            for r in s.tr:
                assert 1 <= r[0] <= s.length
                fp.write(",".join(fnum(v) for v in r) + ",-1,-1\n")
    with open(os.path.join(d, "sequences.csv"), "w", newline="\n") as fp:
        fp.write("sequence,length,frame_rate,width,height,camera,weather\n")
        for s in sorted(case.seqs, key=lambda s: s.name):
            fp.write("%s,%d,%d,%d,%d,%s,%s\n" % (s.name, s.length, s.frame_rate, s.width, s.height, s.camera,
                                                 s.weather))
    return d


def read_rows(path):
    rows = []
    with open(path) as fp:
        for line in fp:
            line = line.strip()
            if not line:
                continue
            v = line.split(",")
            rows.append({"frame": int(v[0]), "id": int(v[1]), "box": [float(x) for x in v[2:6]],
                         "conf": float(v[6]), "cls": int(float(v[7]))})
    return rows


def read_sequences(d):
    out = []
    with open(os.path.join(d, "sequences.csv")) as fp:
        header = fp.readline().strip().split(",")
        for line in fp:
            v = dict(zip(header, line.strip().split(",")))
            out.append({"name": v["sequence"], "length": int(v["length"]), "frame_rate": int(v["frame_rate"]),
                        "width": int(v["width"]), "height": int(v["height"])})
    return out


# --------------------------------------------------------------------------------------------
# TrackEval, own data dicts ("none" preprocessing)
# --------------------------------------------------------------------------------------------
def build_data(gt_rows, tr_rows, length, seq):
    """TrackEval's per-sequence data dict, built the way MotChallenge2DBox (DO_PREPROC False) builds it."""
    def per_t(rows):
        ids = [[] for _ in range(length)]
        dets = [[] for _ in range(length)]
        for r in rows:  # file order
            t = r["frame"] - 1
            ids[t].append(r["id"])
            dets[t].append(r["box"])
        return ids, dets

    gid, gdet = per_t(gt_rows)
    tid, tdet = per_t(tr_rows)
    ug = sorted({r["id"] for r in gt_rows})
    ut = sorted({r["id"] for r in tr_rows})
    gmap = {o: k for k, o in enumerate(ug)}
    tmap = {o: k for k, o in enumerate(ut)}
    data = {"gt_ids": [], "tracker_ids": [], "gt_dets": [], "tracker_dets": [], "similarity_scores": [],
            "num_timesteps": length, "seq": seq, "num_gt_ids": len(ug), "num_tracker_ids": len(ut),
            "num_gt_dets": len(gt_rows), "num_tracker_dets": len(tr_rows)}
    for t in range(length):
        g = np.array(gdet[t], dtype=float).reshape(-1, 4)
        d = np.array(tdet[t], dtype=float).reshape(-1, 4)
        assert len(set(gid[t])) == len(gid[t]) and len(set(tid[t])) == len(tid[t]), (seq, t)
        data["gt_ids"].append(np.array([gmap[o] for o in gid[t]], dtype=int))
        data["tracker_ids"].append(np.array([tmap[o] for o in tid[t]], dtype=int))
        data["gt_dets"].append(g)
        data["tracker_dets"].append(d)
        data["similarity_scores"].append(_BaseDataset._calculate_box_ious(g, d, box_format="xywh"))
    return data


def te_metrics():
    return [trackeval.metrics.HOTA(),
            trackeval.metrics.CLEAR({"THRESHOLD": THRESHOLD, "PRINT_CONFIG": False}),
            trackeval.metrics.Identity({"THRESHOLD": THRESHOLD, "PRINT_CONFIG": False})]


def te_block(metric, res):
    """Every field TrackEval returns, in the metric's own field order."""
    assert set(res.keys()) == set(metric.fields), (metric.get_name(), sorted(res.keys()))
    return {k: jnum(res[k]) for k in metric.fields}


def trackeval_own(case_dir, seqs, classes):
    """classes None: class-agnostic; else a list of class ids (ints)."""
    metrics = te_metrics()
    groups = [("all", None)] if classes is None else [(str(k), k) for k in classes]
    raw = {}
    out = {}
    for s in seqs:
        raw[s["name"]] = (read_rows(os.path.join(case_dir, "gt", s["name"] + ".txt")),
                          read_rows(os.path.join(case_dir, "tracker", s["name"] + ".txt")), s["length"])
    combined = {}
    for cname, cid in groups:
        per_seq = {}
        for name in sorted(raw):
            g, t, L = raw[name]
            if cid is not None:
                g = [r for r in g if r["cls"] == cid]
                t = [r for r in t if r["cls"] == cid]
            data = build_data(g, t, L, name)
            per_seq[name] = {m.get_name(): m.eval_sequence(data) for m in metrics}
        comb = {m.get_name(): m.combine_sequences({k: v[m.get_name()] for k, v in per_seq.items()}) for m in metrics}
        combined[cname] = comb
        out[cname] = {"sequences": per_seq, "combined": comb}
    cls_av = det_av = None
    if classes is not None:
        cls_av = {m.get_name(): m.combine_classes_class_averaged({k: v[m.get_name()] for k, v in combined.items()})
                  for m in metrics}
        det_av = {m.get_name(): m.combine_classes_det_averaged({k: v[m.get_name()] for k, v in combined.items()})
                  for m in metrics}
    return metrics, out, cls_av, det_av


def te_json(metrics, out, cls_av, det_av):
    def blk(d):
        return {m.get_name(): te_block(m, d[m.get_name()]) for m in metrics}
    per_class = {}
    for cname, v in out.items():
        per_class[cname] = {"sequences": {s: blk(r) for s, r in v["sequences"].items()}, "combined": blk(v["combined"])}
    return {"version": TE_VERSION, "hota_alphas": jnum(trackeval.metrics.HOTA().array_labels), "per_class": per_class,
            "class_averaged": blk(cls_av) if cls_av is not None else None,
            "detection_averaged": blk(det_av) if det_av is not None else None}


# --------------------------------------------------------------------------------------------
# TrackEval, its own dataset class (MotChallenge2DBox)
# --------------------------------------------------------------------------------------------
def trackeval_mot_challenge(case_dir, seqs, do_preproc):
    tmp = tempfile.mkdtemp(prefix="trk_te_")
    try:
        gt_root = os.path.join(tmp, "gt")
        tr_root = os.path.join(tmp, "trackers")
        split = os.path.join(gt_root, "MOT17-train")
        os.makedirs(os.path.join(gt_root, "seqmaps"))
        tdir = os.path.join(tr_root, "MOT17-train", "fixture", "data")
        os.makedirs(tdir)
        with open(os.path.join(gt_root, "seqmaps", "MOT17-train.txt"), "w") as fp:
            fp.write("name\n")
            for s in seqs:
                fp.write(s["name"] + "\n")
        for s in seqs:
            os.makedirs(os.path.join(split, s["name"], "gt"))
            shutil.copyfile(os.path.join(case_dir, "gt", s["name"] + ".txt"),
                            os.path.join(split, s["name"], "gt", "gt.txt"))
            with open(os.path.join(split, s["name"], "seqinfo.ini"), "w") as fp:
                fp.write("[Sequence]\nname=%s\nimDir=img1\nframeRate=%d\nseqLength=%d\nimWidth=%d\nimHeight=%d\n"
                         "imExt=.jpg\n" % (s["name"], s["frame_rate"], s["length"], s["width"], s["height"]))
            shutil.copyfile(os.path.join(case_dir, "tracker", s["name"] + ".txt"), os.path.join(tdir, s["name"] + ".txt"))
        eval_cfg = {"USE_PARALLEL": False, "PRINT_RESULTS": False, "PRINT_CONFIG": False, "TIME_PROGRESS": False,
                    "OUTPUT_SUMMARY": False, "OUTPUT_DETAILED": False, "PLOT_CURVES": False, "LOG_ON_ERROR": None,
                    "BREAK_ON_ERROR": True, "DISPLAY_LESS_PROGRESS": True}
        ds_cfg = {"GT_FOLDER": gt_root, "TRACKERS_FOLDER": tr_root, "OUTPUT_FOLDER": os.path.join(tmp, "out"),
                  "TRACKERS_TO_EVAL": ["fixture"], "CLASSES_TO_EVAL": ["pedestrian"], "BENCHMARK": "MOT17",
                  "SPLIT_TO_EVAL": "train", "DO_PREPROC": do_preproc, "PRINT_CONFIG": False}
        metrics = te_metrics()
        with contextlib.redirect_stdout(io.StringIO()):
            evaluator = trackeval.Evaluator(eval_cfg)
            dataset = trackeval.datasets.MotChallenge2DBox(ds_cfg)
            res, msg = evaluator.evaluate([dataset], metrics)
        assert msg["MotChallenge2DBox"]["fixture"] == "Success", msg
        r = res["MotChallenge2DBox"]["fixture"]
        per_seq = {s["name"]: {m.get_name(): r[s["name"]]["pedestrian"][m.get_name()] for m in metrics}
                   for s in sorted(seqs, key=lambda s: s["name"])}
        comb = {m.get_name(): r["COMBINED_SEQ"]["pedestrian"][m.get_name()] for m in metrics}
        return metrics, {"pedestrian": {"sequences": per_seq, "combined": comb}}
    finally:
        shutil.rmtree(tmp)


def same_value(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.all((a == b) | (np.isnan(a) & np.isnan(b))))


def assert_same_results(mine, theirs, metrics, case):
    for s in theirs["sequences"]:
        for m in metrics:
            n = m.get_name()
            for k in m.fields:
                assert same_value(mine["sequences"][s][n][k], theirs["sequences"][s][n][k]), (case, s, n, k)
    for m in metrics:
        n = m.get_name()
        for k in m.fields:
            assert same_value(mine["combined"][n][k], theirs["combined"][n][k]), (case, "combined", n, k)


# --------------------------------------------------------------------------------------------
# py-motmetrics
# --------------------------------------------------------------------------------------------
def motmetrics_run(case_dir, seqs):
    names = sorted(s["name"] for s in seqs)
    accs = []
    for n in names:
        gt = mm.io.loadtxt(os.path.join(case_dir, "gt", n + ".txt"), fmt="mot15-2D", min_confidence=-1)
        ts = mm.io.loadtxt(os.path.join(case_dir, "tracker", n + ".txt"), fmt="mot15-2D", min_confidence=-1)
        accs.append(mm.utils.compare_to_groundtruth(gt, ts, "iou", distth=THRESHOLD))
    mh = mm.metrics.create()
    summary = mh.compute_many(accs, metrics=MM_METRICS, names=names, generate_overall=True)
    out = {"version": MM_VERSION, "solver": mm.lap.default_solver, "sequences": {}, "overall": None}
    for row in names + ["OVERALL"]:
        vals = {k: jnum(summary.loc[row, k]) for k in MM_METRICS}
        if row == "OVERALL":
            out["overall"] = vals
        else:
            out["sequences"][row] = vals
    return out


# --------------------------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------------------------
def make_case(k, fn, root):
    rng = np.random.Generator(np.random.PCG64(SEED + k))
    case = fn(rng)
    case_dir = write_case(case, root)
    seqs = read_sequences(case_dir)
    names = sorted(s["name"] for s in seqs)
    if case.preprocessing == "mot17":
        metrics, out = trackeval_mot_challenge(case_dir, seqs, do_preproc=True)
        te = te_json(metrics, out, None, None)
        route = "trackeval.Evaluator + MotChallenge2DBox (MOT17 train, DO_PREPROC True)"
    else:
        classes = [int(c) for c in case.classes] if case.multi_class else None
        metrics, out, cls_av, det_av = trackeval_own(case_dir, seqs, classes)
        te = te_json(metrics, out, cls_av, det_av)
        route = "own data dicts + HOTA/CLEAR/Identity.eval_sequence"
        if not case.multi_class:
            _, theirs = trackeval_mot_challenge(case_dir, seqs, do_preproc=False)
            assert_same_results(out["all"], theirs["pedestrian"], metrics, case.name)
            route += " (identical to MotChallenge2DBox with DO_PREPROC False: checked)"
    mmres = None if case.multi_class else motmetrics_run(case_dir, seqs)
    if mmres is not None and case.preprocessing == "mot17":
        mmres["note"] = ("mm.io.loadtxt(min_confidence=-1) keeps every gt row: distractor classes, cars and "
                         "zero-marked rows all count as ground truth; no tracker boxes are removed")
    expected = {
        "case": case.name,
        "description": case.description,
        "parameters": {"preprocessing": case.preprocessing, "multi_class": case.multi_class,
                       "classes": case.classes if case.multi_class else None, "threshold": THRESHOLD},
        "sequences": names,
        "trackeval": te,
        "motmetrics": mmres,
    }
    with open(os.path.join(case_dir, "expected.json"), "w", newline="\n") as fp:
        json.dump(expected, fp, indent=1, allow_nan=False)
        fp.write("\n")
    n_gt = sum(len(s.gt) for s in case.seqs)
    n_tr = sum(len(s.tr) for s in case.seqs)
    return case, route, n_gt, n_tr, te, mmres


def summary_line(case, te, mmres):
    key = "all" if "all" in te["per_class"] else ("pedestrian" if "pedestrian" in te["per_class"] else None)
    parts = []
    if key:
        cmb = te["per_class"][key]["combined"]
        parts.append("TE HOTA(0)=%.4f MOTA=%.4f IDF1=%.4f IDSW=%d Frag=%d MT/PT/ML=%d/%d/%d" % (
            cmb["HOTA"]["HOTA(0)"], cmb["CLEAR"]["MOTA"], cmb["Identity"]["IDF1"], cmb["CLEAR"]["IDSW"],
            cmb["CLEAR"]["Frag"], cmb["CLEAR"]["MT"], cmb["CLEAR"]["PT"], cmb["CLEAR"]["ML"]))
    else:
        ca = te["class_averaged"]
        parts.append("TE class-av HOTA(0)=%.4f MOTA=%.4f IDF1=%.4f" % (ca["HOTA"]["HOTA(0)"], ca["CLEAR"]["MOTA"],
                                                                      ca["Identity"]["IDF1"]))
    if mmres:
        o = mmres["overall"]
        parts.append("MM mota=%s idf1=%s IDSW=%d Frag=%d MT/PT/ML=%d/%d/%d" % (
            o["mota"], o["idf1"], o["num_switches"], o["num_fragmentations"], o["mostly_tracked"],
            o["partially_tracked"], o["mostly_lost"]))
    return "; ".join(parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="regenerate into a temporary folder and compare")
    args = ap.parse_args()
    print("python %s, numpy %s, scipy %s, pandas %s, trackeval %s, motmetrics %s" % (
        platform.python_version(), np.__version__, scipy.__version__, pd.__version__, TE_VERSION, MM_VERSION))
    root = tempfile.mkdtemp(prefix="trk_fix_") if args.check else HERE
    if not args.check and os.path.isdir(os.path.join(HERE, "cases")):
        shutil.rmtree(os.path.join(HERE, "cases"))
    try:
        for k, fn in enumerate(CASES, start=1):
            case, route, n_gt, n_tr, te, mmres = make_case(k, fn, root)
            print("%-22s %d seq, %5d gt rows, %5d tracker rows; TrackEval via %s" % (
                case.name, len(case.seqs), n_gt, n_tr, route))
            print("%-22s %s" % ("", summary_line(case, te, mmres)))
        if args.check:
            cmp = filecmp.dircmp(os.path.join(root, "cases"), os.path.join(HERE, "cases"))
            bad = []

            def walk(c, prefix=""):
                bad.extend(prefix + x for x in c.left_only + c.right_only + c.diff_files + c.funny_files)
                for name, sub in c.subdirs.items():
                    walk(sub, prefix + name + "/")
            walk(cmp)
            if bad:
                print("DIFFERENT:", *bad, sep="\n  ")
                sys.exit(1)
            print("check: regenerated files are byte-identical to the committed ones")
        else:
            total = 0
            for dp, _dn, fns in os.walk(HERE):
                total += sum(os.path.getsize(os.path.join(dp, f)) for f in fns if "__pycache__" not in dp)
            print("wrote %s (folder total %.2f MB)" % (os.path.join(HERE, "cases"), total / 1e6))
    finally:
        if args.check:
            shutil.rmtree(root)


if __name__ == "__main__":
    main()
