#!/usr/bin/env python3
"""Make the COCO / Pascal VOC detection fixtures in Tests/Fixtures/detection/.

What it writes (all paths relative to this folder):
  cases/<case>/gt.json, cases/<case>/dt.json   COCO ground truth and COCO results (bbox) per case
  expected.json                                pycocotools COCOeval (iouType "bbox") on each case
  voc_expected.json                            Pascal VOC AP (11-point and all-point) on 3 cases

Every input is made from a seeded pseudo-random generator (random.Random(SEED + case number),
only .random() is drawn, so the streams do not depend on the Python version's samplers); numbers
are rounded (boxes 2 decimals, scores 2-6 decimals) and JSON is written compactly with sorted-free,
fixed key order, so re-running writes the same bytes. expected.json records the pycocotools,
numpy and Python versions used. faster-coco-eval, when installed, is run on the same inputs as a
cross-check of the precision/recall arrays (recorded, never used as the expected value).

Usage (pycocotools 2.0.11 + numpy 2.4.6 made the committed files):
    python3 -m venv /tmp/cocoenv && /tmp/cocoenv/bin/pip install pycocotools==2.0.11 numpy==2.4.6
    /tmp/cocoenv/bin/python Tests/Fixtures/detection/make_fixtures.py           # regenerate
    /tmp/cocoenv/bin/python Tests/Fixtures/detection/make_fixtures.py --check   # compare only
"""
import argparse
import contextlib
import copy
import hashlib
import io
import json
import os
import platform
import random
import sys
import tempfile

import numpy as np
import pycocotools
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

try:  # optional cross-check
    import faster_coco_eval
    from faster_coco_eval import COCO as FCOCO
    from faster_coco_eval import COCOeval_faster
except Exception:  # pragma: no cover - not needed to make the fixtures
    faster_coco_eval = None

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20250611
STATS_ORDER = ["AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl"]
STD_AREA = [[0.0, 1e10], [0.0, 1024.0], [1024.0, 9216.0], [9216.0, 1e10]]
STD_LBL = ["all", "small", "medium", "large"]


# --------------------------------------------------------------------------------------------
# deterministic generator and JSON writing
# --------------------------------------------------------------------------------------------
class Gen:
    """random.Random, drawing only .random() (stable across Python versions)."""

    def __init__(self, seed):
        self.r = random.Random(seed)

    def u(self, a=0.0, b=1.0):
        return a + (b - a) * self.r.random()

    def i(self, a, b):  # integer in [a, b]
        return a + min(int(self.r.random() * (b - a + 1)), b - a)

    def choice(self, seq):
        return seq[self.i(0, len(seq) - 1)]

    def chance(self, p):
        return self.r.random() < p

    def shuffle(self, seq):
        for k in range(len(seq) - 1, 0, -1):
            j = self.i(0, k)
            seq[k], seq[j] = seq[j], seq[k]


def r2(x):
    return round(float(x), 2)


def dumps(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False) + "\n"


def sha256_bytes(b):
    return hashlib.sha256(b).hexdigest()


# --------------------------------------------------------------------------------------------
# building blocks for the cases
# --------------------------------------------------------------------------------------------
def image(img_id, w=640, h=480):
    return {"id": img_id, "width": w, "height": h, "file_name": f"{img_id:06d}.jpg"}


def rand_box(g, W, H, smin=12.0, smax=200.0):
    """A box inside a W x H image with sides drawn log-uniformly in [smin, smax]."""
    w = smin * (smax / smin) ** g.u()
    h = w * (0.5 + g.u())
    w, h = min(w, W - 1), min(h, H - 1)
    x = g.u(0, W - w)
    y = g.u(0, H - h)
    return [r2(x), r2(y), r2(w), r2(h)]


def jitter(g, box, s):
    """Move/scale a box by up to s of its size (s=0.05: IoU about 0.8-1; s=0.3: about 0.3-0.8)."""
    x, y, w, h = box
    nx = x + g.u(-s, s) * w
    ny = y + g.u(-s, s) * h
    nw = max(0.5, w * (1 + g.u(-s, s)))
    nh = max(0.5, h * (1 + g.u(-s, s)))
    return [r2(nx), r2(ny), r2(nw), r2(nh)]


def ann(ann_id, img_id, cat, box, area=None, iscrowd=0, **extra):
    a = {"id": ann_id, "image_id": img_id, "category_id": cat, "bbox": box,
         "area": round(box[2] * box[3], 4) if area is None else area, "iscrowd": iscrowd}
    a.update(extra)
    return a


def det(img_id, cat, box, score):
    return {"image_id": img_id, "category_id": cat, "bbox": box, "score": score}


def cats(n, names=None):
    names = names or [f"class{k}" for k in range(1, n + 1)]
    return [{"id": k, "name": names[k - 1], "supercategory": "thing"} for k in range(1, n + 1)]


def score(g, good, digits=4):
    """Higher for good detections, with overlap between the two groups."""
    base = 0.35 + 0.45 * g.u() if good else 0.05 + 0.55 * g.u()
    return round(min(0.9999, base + 0.1 * g.u()), digits)


def standard_scene(g, img_ids, ncat, W=640, H=480, gt_range=(1, 6), fp_range=(0, 4), miss=0.15,
                   dup=0.1, smin=12.0, smax=220.0, digits=4, start_ann=1):
    """Ordinary random images: gts, detections near most of them (some missed, some duplicated,
    some far off), plus background false positives."""
    images, anns, dets = [], [], []
    aid = start_ann
    for img_id in img_ids:
        images.append(image(img_id, W, H))
        for _ in range(g.i(*gt_range)):
            c = g.i(1, ncat)
            b = rand_box(g, W, H, smin, smax)
            anns.append(ann(aid, img_id, c, b))
            aid += 1
            if not g.chance(miss):
                dets.append(det(img_id, c, jitter(g, b, g.choice([0.04, 0.1, 0.2, 0.35])), score(g, True, digits)))
            if g.chance(dup):
                dets.append(det(img_id, c, jitter(g, b, 0.15), score(g, False, digits)))
        for _ in range(g.i(*fp_range)):
            dets.append(det(img_id, g.i(1, ncat), rand_box(g, W, H, smin, smax), score(g, False, digits)))
    return images, anns, dets


def gt_doc(images, anns, categories):
    return {"info": {"description": "evalkit synthetic detection fixture (make_fixtures.py)"},
            "images": images, "annotations": anns, "categories": categories}


# --------------------------------------------------------------------------------------------
# the cases: each returns (gt dict, dt list, description, [evaluation configs])
# --------------------------------------------------------------------------------------------
def case_01_crowd(g):
    images, anns, dets = [], [], []
    aid = 1
    for img_id in range(1, 31):
        images.append(image(img_id))
        # a crowd region (iscrowd=1); its `area` is the segmentation area, smaller than w*h
        cb = [r2(g.u(20, 200)), r2(g.u(20, 150)), r2(g.u(180, 400)), r2(g.u(150, 300))]
        c = g.i(1, 3)
        anns.append(ann(aid, img_id, c, cb, area=round(cb[2] * cb[3] * g.u(0.4, 0.8), 2), iscrowd=1))
        aid += 1
        # regular gts of the same category inside the crowd region
        inside = []
        for _ in range(g.i(0, 3)):
            w, h = g.u(20, 70), g.u(20, 90)
            b = [r2(cb[0] + g.u(0, cb[2] - w)), r2(cb[1] + g.u(0, cb[3] - h)), r2(w), r2(h)]
            anns.append(ann(aid, img_id, c, b))
            inside.append(b)
            aid += 1
        # regular gts elsewhere, any category
        outside = []
        for _ in range(g.i(1, 4)):
            cc = g.i(1, 3)
            b = rand_box(g, 640, 480, 15, 150)
            anns.append(ann(aid, img_id, cc, b))
            outside.append((cc, b))
            aid += 1
        # detections: on regular gts inside the crowd (matching both crowd and non-crowd)
        for b in inside:
            dets.append(det(img_id, c, jitter(g, b, g.choice([0.05, 0.2, 0.3])), score(g, True)))
            if g.chance(0.5):  # a duplicate: FP on the regular gt, but it also lies in the crowd
                dets.append(det(img_id, c, jitter(g, b, 0.1), score(g, False)))
        # detections wholly inside the crowd region (IoU with a crowd = inter / det area)
        for _ in range(g.i(1, 4)):
            w, h = g.u(10, 60), g.u(10, 60)
            dets.append(det(img_id, c, [r2(cb[0] + g.u(0, cb[2] - w)), r2(cb[1] + g.u(0, cb[3] - h)),
                                        r2(w), r2(h)], score(g, g.chance(0.5))))
        # a detection half outside the crowd region
        if g.chance(0.6):
            w, h = g.u(40, 100), g.u(40, 100)
            dets.append(det(img_id, c, [r2(cb[0] + cb[2] - w / 2), r2(cb[1] + g.u(0, cb[3] - h)), r2(w), r2(h)],
                            score(g, False)))
        # a detection covering the whole crowd box (crowd IoU = inter/det area = 1)
        if g.chance(0.3):
            dets.append(det(img_id, c, jitter(g, cb, 0.03), score(g, False)))
        for cc, b in outside:
            if g.chance(0.85):
                dets.append(det(img_id, cc, jitter(g, b, g.choice([0.04, 0.15, 0.3])), score(g, True)))
        for _ in range(g.i(0, 2)):
            dets.append(det(img_id, g.i(1, 3), rand_box(g, 640, 480, 15, 150), score(g, False)))
    desc = ("Crowd regions: every image has one iscrowd=1 gt (its `area` is a segmentation area smaller "
            "than w*h) with 0-3 regular gts of the same category inside it, plus regular gts elsewhere. "
            "Detections: on the regular gts inside the crowd (so they overlap a crowd and a non-crowd gt), "
            "duplicates of those, small boxes wholly inside the crowd, boxes half outside it, and boxes "
            "covering the whole crowd box. pycocotools matches a crowd with IoU = intersection / detection "
            "area, lets any number of detections match the same crowd, prefers a regular gt (regular gts are "
            "sorted first and a match to a regular gt stops the search at the first ignored gt), and a "
            "detection matched to a crowd is ignored (neither TP nor FP).")
    return gt_doc(images, anns, cats(3)), dets, desc, [{}]


def case_02_empty_images(g):
    images, anns, dets = [], [], []
    aid = 1
    order = list(range(1, 41))
    for img_id in order:
        images.append(image(img_id))
        kind = "normal" if img_id <= 20 else ("no_gt" if img_id <= 30 else ("no_dt" if img_id <= 38 else "nothing"))
        if kind in ("normal", "no_dt"):
            for _ in range(g.i(1, 5)):
                c = g.i(1, 3)
                b = rand_box(g, 640, 480)
                anns.append(ann(aid, img_id, c, b))
                aid += 1
                if kind == "normal" and g.chance(0.85):
                    dets.append(det(img_id, c, jitter(g, b, g.choice([0.04, 0.12, 0.3])), score(g, True)))
        if kind in ("normal", "no_gt"):
            for _ in range(g.i(1, 4) if kind == "no_gt" else g.i(0, 2)):
                dets.append(det(img_id, g.i(1, 3), rand_box(g, 640, 480), score(g, False)))
    desc = ("Empty images: ids 1-20 ordinary; 21-30 have no annotations at all but get detections (all "
            "FPs); 31-38 have gts but no detections (all FNs); 39-40 have neither. All 40 are in "
            "`images`, so all are evaluated (pycocotools takes imgIds from the gt file's images).")
    return gt_doc(images, anns, cats(3)), dets, desc, [{}]


def case_03_dets_without_gt_category(g):
    images, anns, dets = [], [], []
    aid = 1
    for img_id in range(1, 36):
        images.append(image(img_id))
        present = [1, 2] if img_id % 3 == 0 else ([3] if img_id % 3 == 1 else [1, 4])
        for _ in range(g.i(1, 4)):
            c = g.choice(present)
            b = rand_box(g, 640, 480)
            anns.append(ann(aid, img_id, c, b))
            aid += 1
            if g.chance(0.85):
                dets.append(det(img_id, c, jitter(g, b, g.choice([0.04, 0.15, 0.3])), score(g, True)))
                if g.chance(0.4):  # same box, category not present in this image
                    other = g.choice([k for k in (1, 2, 3, 4) if k not in present])
                    dets.append(det(img_id, other, jitter(g, b, 0.05), score(g, g.chance(0.5))))
        for _ in range(g.i(0, 3)):
            other = g.choice([k for k in (1, 2, 3, 4) if k not in present])
            dets.append(det(img_id, other, rand_box(g, 640, 480), score(g, g.chance(0.5))))
    desc = ("Detections on images that have no gt of that category (FPs of that category; such "
            "(image, category) pairs have an empty gt list but are still evaluated). Images hold "
            "categories {1,2}, {3} or {1,4} by id mod 3; detections of the absent categories are made "
            "both on the gt boxes (right box, wrong class) and on background, with high and low scores.")
    return gt_doc(images, anns, cats(4)), dets, desc, [{}]


def case_04_ties(g):
    images, anns, dets = [], [], []
    aid = 1
    ids = list(range(101, 131))
    g.shuffle(ids)  # the images[] order is not the id order; pycocotools evaluates images sorted by id
    levels = [0.9, 0.8, 0.5, 0.3]
    for img_id in ids:
        images.append(image(img_id))
        img_dets = []
        for _ in range(g.i(1, 4)):
            c = g.i(1, 2)
            b = rand_box(g, 640, 480, 20, 150)
            anns.append(ann(aid, img_id, c, b))
            aid += 1
            if g.chance(0.85):
                s = g.choice(levels)
                img_dets.append(det(img_id, c, jitter(g, b, g.choice([0.03, 0.1, 0.25, 0.4])), s))
                if g.chance(0.35):  # a duplicate with the same score: file order decides which is TP
                    img_dets.append(det(img_id, c, jitter(g, b, g.choice([0.03, 0.1])), s))
        for _ in range(g.i(0, 3)):
            img_dets.append(det(img_id, g.i(1, 2), rand_box(g, 640, 480, 20, 150), g.choice(levels)))
        dets.extend(img_dets)
    g.shuffle(dets)  # results file order is not by image
    desc = ("Ties in scores: every score is one of 0.9 / 0.8 / 0.5 / 0.3, so ties across images and within "
            "an image mix TPs and FPs; some gts get two detections with the same score (which one is the TP "
            "depends on order). Image ids 101-130 are listed in shuffled order and the results file is "
            "shuffled. pycocotools' order: within an (image, category) the detections are sorted by "
            "descending score with a stable mergesort over the results-file order (file order breaks ties); "
            "across images the per-image lists are concatenated in ascending image id (params.imgIds is "
            "sorted) and stable-sorted again, so ties across images go to the smaller image id first.")
    return gt_doc(images, anns, cats(2)), dets, desc, [{"curves": True, "order_probe": True}]


def case_05_over_maxdets(g):
    images, anns, dets = [], [], []
    aid = 1
    for img_id in range(1, 15):
        images.append(image(img_id, 1024, 768))
        gts = []
        for _ in range(g.i(15, 30)):
            c = 1 if g.chance(0.8) else 2
            b = rand_box(g, 1024, 768, 10, 120)
            anns.append(ann(aid, img_id, c, b))
            gts.append((c, b))
            aid += 1
        img_dets = []
        for c, b in gts:
            if g.chance(0.9):
                img_dets.append(det(img_id, c, jitter(g, b, g.choice([0.04, 0.12, 0.3])), round(g.u(0.05, 0.95), 3)))
        n1 = sum(1 for d in img_dets if d["category_id"] == 1)
        for _ in range(150 - n1):  # category 1 gets 150 detections in every image
            img_dets.append(det(img_id, 1, rand_box(g, 1024, 768, 10, 120), round(g.u(0.0, 0.6), 3)))
        for _ in range(g.i(5, 15)):
            img_dets.append(det(img_id, 2, rand_box(g, 1024, 768, 10, 120), round(g.u(0.0, 0.6), 3)))
        # a tie right at the cut: give detections ranked 100 and 101 (category 1) the same score
        c1 = sorted([d for d in img_dets if d["category_id"] == 1], key=lambda d: -d["score"])
        if img_id % 2 == 0 and len(c1) > 101:
            c1[100]["score"] = c1[99]["score"]
        dets.extend(img_dets)
    desc = ("More detections than maxDets: category 1 has exactly 150 detections in every image (3 decimal "
            "scores), category 2 has fewer. pycocotools applies maxDets per (image, category) when "
            "useCats=1: it keeps the first maxDets[-1]=100 of each (image, category) after the stable "
            "descending-score sort, then for each maxDets m uses the first m of those. In even images the "
            "100th and 101st category-1 detections share a score, so the stable order (results-file order) "
            "decides which one survives the cut.")
    return gt_doc(images, anns, cats(2)), dets, desc, [{"curves": True, "order_probe": True}]


def case_06_custom_params(g):
    ids = list(range(1, 31))
    images, anns, dets = standard_scene(g, ids, 3, gt_range=(2, 8), fp_range=(0, 4))
    # a few crowded images so that maxDets 20 truncates
    aid = len(anns) + 1
    for img_id in (3, 7, 11):
        for _ in range(30):
            b = rand_box(g, 640, 480, 10, 60)
            anns.append(ann(aid, img_id, 1, b))
            aid += 1
            dets.append(det(img_id, 1, jitter(g, b, g.choice([0.04, 0.15, 0.3])), score(g, True)))
    desc = ("Custom parameters on one input: (a) iouThrs [0.5, 0.75] and (b) iouThrs [0.3, 0.5, 0.7], both "
            "with maxDets [1, 5, 20]; images 3, 7, 11 hold 30+ category-1 gts and detections so maxDets 20 "
            "truncates. pycocotools' summarize() hard-codes maxDets=100 for stats[0] (AP@[all IoU], "
            "cocoapi issue #558; stats[1]-[5] use maxDets[2]), so with maxDets [1,5,20] its stats[0] is -1. "
            "`stats_pycocotools` is exactly what summarize() returned; `stats_configured` recomputes every "
            "row from the precision/recall arrays with the LAST maxDets (20) for the AP rows and "
            "maxDets[0..2] for AR1/AR10/AR100 (here AR@1, AR@5, AR@20). In (b) there is no 0.75 threshold: "
            "AP75 is -1 in both (empty selection), and summarize() finds 0.5 by exact float equality.")
    evals = [
        {"suffix": "a_iou_50_75", "iouThrs": [0.5, 0.75], "maxDets": [1, 5, 20], "curves": False},
        {"suffix": "b_iou_30_50_70", "iouThrs": [0.3, 0.5, 0.7], "maxDets": [1, 5, 20], "curves": False},
    ]
    return gt_doc(images, anns, cats(3)), dets, desc, evals


FCE_RANGES = [("nano", [0.0, 64.0]), ("micro", [64.0, 256.0]), ("small", [256.0, 1024.0]),
              ("medium", [1024.0, 9216.0]), ("large", [9216.0, 1e10])]


def case_07_custom_area_ranges(g):
    ids = list(range(1, 41))
    images, anns, dets = standard_scene(g, ids, 3, W=800, H=600, gt_range=(2, 7), smin=3.0, smax=300.0)
    # a few boxes exactly on the new boundaries (8x8, 16x16)
    aid = len(anns) + 1
    for img_id, side in ((5, 8.0), (9, 16.0), (13, 8.0), (17, 16.0)):
        b = [r2(g.u(0, 700)), r2(g.u(0, 500)), side, side]
        anns.append(ann(aid, img_id, 2, b))
        aid += 1
        dets.append(det(img_id, 2, [b[0] + 1.0, b[1], side, side], score(g, True)))
    desc = ("Five custom area ranges as in faster-coco-eval's tests/test_ranges.py: nano [0, 8^2], micro "
            "[8^2, 16^2], small [16^2, 32^2], medium [32^2, 96^2], large [96^2, 1e10] (faster-coco-eval uses "
            "1e5^2 = 1e10), preceded by 'all' [0, 1e10]; boxes from 3 to 300 px. `summary_configured` "
            "follows faster-coco-eval's layout for named ranges: AP_all, AP_50, AP_75, AP_<range>..., "
            "AR_<maxDets>..., AR_<range>... (last maxDets), AR_50, AR_75, each computed from the arrays; "
            "pycocotools' own summarize() only knows the labels small/medium/large (present here with other "
            "bounds) and so its stats[3..5], [9..11] use the custom small/medium/large ranges.")
    area = [[0.0, 1e10]] + [r for _, r in FCE_RANGES]
    lbl = ["all"] + [n for n, _ in FCE_RANGES]
    return gt_doc(images, anns, cats(3)), dets, desc, [{"areaRng": area, "areaRngLbl": lbl}]


def case_08_use_cats_0(g):
    images, anns, dets = [], [], []
    aid = 1
    for img_id in range(1, 31):
        images.append(image(img_id))
        for _ in range(g.i(1, 5)):
            c = g.i(1, 4)
            b = rand_box(g, 640, 480)
            anns.append(ann(aid, img_id, c, b))
            aid += 1
            if g.chance(0.85):
                dc = c if g.chance(0.6) else g.choice([k for k in (1, 2, 3, 4) if k != c])  # often the wrong class
                dets.append(det(img_id, dc, jitter(g, b, g.choice([0.04, 0.12, 0.3])), round(g.u(0.1, 0.9), 1)))
        for _ in range(g.i(0, 3)):
            dets.append(det(img_id, g.i(1, 4), rand_box(g, 640, 480), round(g.u(0.1, 0.9), 1)))
    desc = ("Class-agnostic evaluation (params.useCats = 0) next to the same input with useCats = 1. 40% of "
            "the detections on a gt carry a wrong category (FP with useCats=1, can be TP with useCats=0). "
            "Scores have one decimal, so ties within an image across categories are common: with useCats=0 "
            "pycocotools builds an image's gt and detection lists by concatenating the per-category lists in "
            "ascending category id (then results-file order), and stable-sorts that by score, so ties go to "
            "the lower category id first. Per-category values do not exist with useCats=0 (K=1, category -1); "
            "accumulate() also overwrites params.catIds with [-1].")
    evals = [{"suffix": "use_cats_0", "useCats": 0, "curves": True, "order_probe": True},
             {"suffix": "use_cats_1", "useCats": 1, "curves": False}]
    return gt_doc(images, anns, cats(4)), dets, desc, evals


def case_09_area_boundaries(g):
    images, anns, dets = [], [], []
    aid = 1
    exact = [(32.0, 32.0), (16.0, 64.0), (64.0, 16.0), (96.0, 96.0), (48.0, 192.0), (128.0, 72.0),
             (10.24, 100.0), (25.6, 40.0), (30.72, 300.0), (31.99, 32.0), (32.0, 32.01), (95.99, 96.0), (96.0, 96.01)]
    for img_id in range(1, 31):
        images.append(image(img_id, 800, 600))
        for k in range(g.i(2, 5)):
            c = g.i(1, 2)
            w, h = g.choice(exact)
            b = [r2(g.u(0, 800 - w)), r2(g.u(0, 600 - h)), w, h]
            mode = g.i(0, 3)
            if mode == 0:
                area = w * h                     # consistent, exactly the boundary (or just off it)
            elif mode == 1:
                area = g.choice([1024.0, 9216.0])  # area field on a boundary, box w*h is not
            elif mode == 2:
                area = round(w * h * g.u(0.5, 0.9), 2)  # segmentation-like area smaller than w*h
            else:
                area = round(w * h * g.u(1.1, 1.6), 2)  # larger than w*h (crosses a boundary upwards)
            if mode == 1:
                w2, h2 = g.choice([(40.0, 40.0), (20.0, 30.0), (100.0, 100.0), (70.0, 70.0)])
                b = [b[0], b[1], w2, h2]
            anns.append(ann(aid, img_id, c, b, area=area))
            aid += 1
            if g.chance(0.85):
                # detections with the gt's own box (w*h exactly on the boundary when the gt box is)
                # or slightly moved so that its own w*h is on the other side
                if g.chance(0.5):
                    d = [b[0], b[1], b[2], b[3]]
                else:
                    d = jitter(g, b, 0.08)
                dets.append(det(img_id, c, d, score(g, True)))
        for _ in range(g.i(1, 3)):  # unmatched detections whose w*h is exactly 32^2 or 96^2
            w, h = g.choice([(32.0, 32.0), (96.0, 96.0), (16.0, 64.0), (10.24, 100.0), (30.72, 300.0)])
            dets.append(det(img_id, g.i(1, 2), [r2(g.u(0, 800 - w)), r2(g.u(0, 600 - h)), w, h], score(g, False)))
    desc = ("Boxes exactly on the area boundaries and gt `area` fields that differ from w*h. COCOeval uses a "
            "gt's `area` field (not its box) to decide whether it is in an area range, and a detection's w*h "
            "(loadRes overwrites a result's area with bbox[2]*bbox[3]); both ends of a range are inclusive "
            "(an object is outside only if area < lo or area > hi), so area == 32^2 is in small AND medium, "
            "96^2 in medium AND large. Some sides make w*h land just off the boundary in floating point "
            "(10.24*100, 25.6*40, 30.72*300), some are 0.01 px off (31.99x32, 96x96.01). Gts with an "
            "`area` of 1024/9216 but a box of another size, and with area 0.5-0.9x or 1.1-1.6x w*h.")
    return gt_doc(images, anns, cats(2)), dets, desc, [{}]


def case_10_large_random(g):
    ids = list(range(1, 501))
    images, anns, dets = standard_scene(g, ids, 20, gt_range=(1, 7), fp_range=(2, 14), miss=0.12, dup=0.15,
                                        smin=6.0, smax=300.0, digits=5)
    # sprinkle crowd gts
    for a in anns:
        if g.chance(0.02):
            a["iscrowd"] = 1
    desc = ("Larger random case for broad agreement: 500 images, 20 categories, 1-7 gts per image (about 2% "
            "crowd), detections near most gts with varied IoU, duplicates and 2-14 background FPs per image; "
            "5-decimal scores (accidental ties possible).")
    return gt_doc(images, anns, cats(20)), dets, desc, [{}]


def case_11_ignore_flag(g):
    ids = list(range(1, 31))
    images, anns, dets = standard_scene(g, ids, 2, gt_range=(2, 6))
    n = 0
    for a in anns:
        r = g.u()
        if r < 0.2:
            a["ignore"] = 1   # ignore without iscrowd
            n += 1
        elif r < 0.6:
            a["ignore"] = 0
        elif r < 0.65:
            a["ignore"] = 0
            a["iscrowd"] = 1  # crowd with ignore 0
    desc = ("`ignore` keys on gt annotations: about 20% carry \"ignore\": 1 with iscrowd 0, about 40% "
            "\"ignore\": 0, and a few iscrowd 1 with \"ignore\": 0. pycocotools' _prepare() sets "
            "gt['ignore'] = gt['ignore'] if present, then immediately overwrites it with "
            "('iscrowd' in gt and gt['iscrowd']): the dataset's ignore flag has NO effect, only iscrowd "
            "does. `stats_with_ignore_keys_removed` (same input with every `ignore` key deleted) shows the "
            "identical result.")
    return gt_doc(images, anns, cats(2)), dets, desc, [{"variant": "ignore_removed"}]


def case_12_category_mismatch(g):
    ids = list(range(1, 31))
    images, anns, dets = standard_scene(g, ids, 3, gt_range=(1, 5))
    for img_id in ids:
        if g.chance(0.5):  # detections of category 4 (in categories, no annotation anywhere)
            dets.append(det(img_id, 4, rand_box(g, 640, 480), score(g, g.chance(0.5))))
        if g.chance(0.6):  # detections of category 9 (not in the gt's categories at all)
            dets.append(det(img_id, 9, rand_box(g, 640, 480), round(g.u(0.9, 0.99), 4)))
    categories = cats(5, ["cat", "dog", "bird", "never_annotated", "also_never_annotated"])
    desc = ("Categories 4 and 5 are listed in the gt but have no annotation; detections of category 4 exist "
            "(category 5 has none), and high-scoring detections of category 9, which is not among the gt's "
            "categories. pycocotools evaluates params.catIds = the gt's category ids: category 9's "
            "detections are silently dropped (loadRes accepts them; they are never read), category 4's "
            "detections are evaluated but the category has no gt so its precision/recall stay -1 and it is "
            "left out of every mean, like category 5. `stats_with_unknown_category_removed` is the same "
            "input without the category-9 detections (identical).")
    return gt_doc(images, anns, categories), dets, desc, [{"variant": "unknown_cat_removed", "curves": False}]


def case_13_degenerate(g):
    ids = list(range(1, 26))
    images, anns, dets = [], [], []
    aid = 1
    W, H = 320, 240
    for img_id in ids:
        images.append(image(img_id, W, H))
        for k in range(g.i(2, 5)):
            c = g.i(1, 2)
            kind = g.i(0, 5)
            if kind == 0:    # zero width
                b = [r2(g.u(0, W)), r2(g.u(0, H - 40)), 0.0, r2(g.u(5, 40))]
            elif kind == 1:  # zero height
                b = [r2(g.u(0, W - 40)), r2(g.u(0, H)), r2(g.u(5, 40)), 0.0]
            elif kind == 2:  # tiny
                b = [r2(g.u(0, W - 2)), r2(g.u(0, H - 2)), r2(g.u(0.3, 2.0)), r2(g.u(0.3, 2.0))]
            elif kind == 3:  # extends outside the image on the left/top
                b = [r2(g.u(-40, -1)), r2(g.u(-30, -1)), r2(g.u(30, 80)), r2(g.u(30, 80))]
            elif kind == 4:  # extends outside on the right/bottom
                b = [r2(g.u(W - 50, W - 5)), r2(g.u(H - 50, H - 5)), r2(g.u(30, 90)), r2(g.u(30, 90))]
            else:            # ordinary
                b = rand_box(g, W, H, 10, 100)
            area = round(b[2] * b[3], 4) if not (kind in (0, 1) and g.chance(0.5)) else r2(g.u(1, 50))
            anns.append(ann(aid, img_id, c, b, area=area))
            aid += 1
            if g.chance(0.85):
                if kind in (0, 1) and g.chance(0.5):
                    d = [b[0], b[1], b[2], b[3]]  # the same degenerate box: IoU 0 (no intersection)
                elif kind == 2:
                    d = [r2(b[0] + g.u(-0.3, 0.3)), r2(b[1] + g.u(-0.3, 0.3)), b[2], b[3]]
                else:
                    d = jitter(g, b, g.choice([0.03, 0.1, 0.25]))
                dets.append(det(img_id, c, d, score(g, True)))
        for _ in range(g.i(0, 2)):  # degenerate detections
            kind = g.i(0, 2)
            if kind == 0:
                d = [r2(g.u(0, W)), r2(g.u(0, H)), 0.0, r2(g.u(1, 30))]
            elif kind == 1:
                d = [r2(g.u(-20, 0)), r2(g.u(-20, 0)), r2(g.u(0.1, 1.0)), r2(g.u(0.1, 1.0))]
            else:
                d = [r2(g.u(W - 10, W + 10)), r2(g.u(H - 10, H + 10)), r2(g.u(20, 60)), r2(g.u(20, 60))]
            dets.append(det(img_id, g.i(1, 2), d, score(g, False)))
    desc = ("Degenerate boxes: zero-width and zero-height gts (their `area` field either 0 = w*h or an "
            "arbitrary positive number), tiny boxes (0.3-2 px sides), boxes extending outside the image "
            "(negative x/y, x+w > width); zero-width and sub-pixel detections, some outside the image. "
            "pycocotools does not clip to the image. Its bbox IoU (maskApi.c bbIou) is 0 when the "
            "intersection width or height is <= 0, so a zero-width/height box never matches anything, "
            "even an identical one; such gts are FNs (unless their area puts them outside the range).")
    return gt_doc(images, anns, cats(2)), dets, desc, [{}]


CASES = [
    ("01_crowd", case_01_crowd),
    ("02_empty_images", case_02_empty_images),
    ("03_dets_without_gt_category", case_03_dets_without_gt_category),
    ("04_ties", case_04_ties),
    ("05_over_maxdets", case_05_over_maxdets),
    ("06_custom_params", case_06_custom_params),
    ("07_custom_area_ranges", case_07_custom_area_ranges),
    ("08_use_cats_0", case_08_use_cats_0),
    ("09_area_boundaries", case_09_area_boundaries),
    ("10_large_random", case_10_large_random),
    ("11_ignore_flag", case_11_ignore_flag),
    ("12_category_mismatch", case_12_category_mismatch),
    ("13_degenerate", case_13_degenerate),
]
VOC_CASES = ["01_crowd", "02_empty_images", "10_large_random"]


# --------------------------------------------------------------------------------------------
# pycocotools evaluation and summaries computed from the arrays
# --------------------------------------------------------------------------------------------
def fl(x):
    return float(x)


def mean_valid(s):
    s = np.asarray(s)
    v = s[s > -1]
    return -1.0 if v.size == 0 else fl(np.mean(v))


def run_pycocotools(gt_path, dt_path, cfg):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        gt = COCO(gt_path)
        dt = gt.loadRes(dt_path)
        E = COCOeval(gt, dt, "bbox")
        p = E.params
        if "iouThrs" in cfg:
            p.iouThrs = np.array(cfg["iouThrs"], dtype=float)
        if "maxDets" in cfg:
            p.maxDets = list(cfg["maxDets"])
        if "areaRng" in cfg:
            p.areaRng = [list(map(float, r)) for r in cfg["areaRng"]]
            p.areaRngLbl = list(cfg["areaRngLbl"])
        if "useCats" in cfg:
            p.useCats = cfg["useCats"]
        E.evaluate()
        cat_ids = [int(c) for c in E.params.catIds]
        E.accumulate()
        try:
            E.summarize()
            stats = [fl(x) for x in E.stats]
            err = None
        except Exception as e:  # pragma: no cover
            stats, err = None, repr(e)
    return E, cat_ids, stats, err, gt


def summaries(E, cat_ids):
    """All summary values from the precision [T,R,K,A,M] / recall [T,K,A,M] arrays."""
    p = E.params
    P, Rc = E.eval["precision"], E.eval["recall"]
    iou = list(np.asarray(p.iouThrs, dtype=float))
    lbl = list(p.areaRngLbl)
    md = list(p.maxDets)
    a_all = lbl.index("all")
    m_last = len(md) - 1

    def ap(a=a_all, m=m_last, t=None):
        s = P if t is None else (P[[iou.index(t)]] if t in iou else P[[]])
        return mean_valid(s[:, :, :, a, m])

    def ar(a=a_all, m=m_last, t=None):
        s = Rc if t is None else (Rc[[iou.index(t)]] if t in iou else Rc[[]])
        return mean_valid(s[:, :, a, m])

    # the 12 COCO rows with the configured maxDets (AP rows: last maxDets)
    def lab(name):
        return lbl.index(name) if name in lbl else None

    def ap_l(name):
        i = lab(name)
        return -1.0 if i is None else ap(a=i)

    def ar_l(name):
        i = lab(name)
        return -1.0 if i is None else ar(a=i)

    stats12 = [ap(), ap(t=0.5), ap(t=0.75), ap_l("small"), ap_l("medium"), ap_l("large"),
               ar(m=0) if len(md) > 0 else -1.0, ar(m=1) if len(md) > 1 else -1.0,
               ar(m=2) if len(md) > 2 else -1.0, ar_l("small"), ar_l("medium"), ar_l("large")]
    # faster-coco-eval's layout for any set of named ranges
    named = {"AP_all": ap(), "AP_50": ap(t=0.5), "AP_75": ap(t=0.75)}
    for i, name in enumerate(lbl):
        if name != "all":
            named[f"AP_{name}"] = ap(a=i)
    for m, v in enumerate(md):
        named[f"AR_{v}"] = ar(m=m)
    for i, name in enumerate(lbl):
        if name != "all":
            named[f"AR_{name}"] = ar(a=i)
    named["AR_50"] = ar(t=0.5)
    named["AR_75"] = ar(t=0.75)
    per_cat = []
    if p.useCats:
        for k, c in enumerate(cat_ids):
            per_cat.append({"category_id": c,
                            "ap": mean_valid(P[:, :, k, a_all, m_last]),
                            "ap50": mean_valid(P[[iou.index(0.5)], :, k, a_all, m_last]) if 0.5 in iou else -1.0,
                            "ar": mean_valid(Rc[:, k, a_all, m_last]),
                            "recall_per_iou": [fl(x) for x in Rc[:, k, a_all, m_last]]})
    return stats12, named, per_cat


def curves(E, cat_ids, useCats):
    p = E.params
    iou = list(np.asarray(p.iouThrs, dtype=float))
    t = iou.index(0.5)
    a = list(p.areaRngLbl).index("all")
    m = len(p.maxDets) - 1
    P = E.eval["precision"]
    keys = [str(c) for c in cat_ids] if useCats else ["-1"]
    return {k: [fl(x) for x in P[t, :, i, a, m]] for i, k in enumerate(keys)}


def run_fce(gt_path, dt_path, cfg, E, named):
    """faster-coco-eval on the same input and params; max |difference| of the arrays."""
    if faster_coco_eval is None:
        return None
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
        import logging
        logging.getLogger("faster_coco_eval").setLevel(logging.ERROR)
        gt = FCOCO(gt_path)
        dt = gt.loadRes(dt_path)
        F = COCOeval_faster(gt, dt, "bbox", print_function=lambda *a, **k: None)
        p = F.params
        if "iouThrs" in cfg:
            p.iouThrs = np.array(cfg["iouThrs"], dtype=float)
        if "maxDets" in cfg:
            p.maxDets = list(cfg["maxDets"])
        if "areaRng" in cfg:
            p.areaRng = [list(map(float, r)) for r in cfg["areaRng"]]
            p.areaRngLbl = list(cfg["areaRngLbl"])
        if "useCats" in cfg:
            p.useCats = cfg["useCats"]
        F.evaluate()
        F.accumulate()
        F.summarize()
    fs = [fl(x) for x in F.all_stats]
    ds = [abs(a - b) for a, b in zip(fs, named.values())]
    dp = np.abs(np.asarray(F.eval["precision"]) - E.eval["precision"]).max()
    dr = np.abs(np.asarray(F.eval["recall"]) - E.eval["recall"]).max()
    return {"faster_coco_eval_version": faster_coco_eval.__version__,
            "max_abs_diff_precision": fl(dp), "max_abs_diff_recall": fl(dr),
            "max_abs_diff_summary_configured_vs_all_stats": fl(max(ds)) if len(fs) == len(named) else None}


def params_record(E, cfg, cat_ids):
    p = E.params
    return {"iouType": "bbox",
            "iouThrs": [fl(x) for x in p.iouThrs],
            "recThrs_count": int(len(p.recThrs)),
            "recThrs": "numpy.linspace(0.0, 1.00, 101); the exact doubles are recThrs_values at the top of this file",
            "maxDets": [int(x) for x in p.maxDets],
            "areaRng": [[fl(a), fl(b)] for a, b in p.areaRng],
            "areaRngLbl": list(p.areaRngLbl),
            "useCats": int(cfg.get("useCats", 1)),
            "imgIds": f"all {len(p.imgIds)} images of gt.json (sorted ascending)",
            "catIds": cat_ids if cfg.get("useCats", 1) else f"all of gt.json's categories {cat_ids}, pooled"}


def counts(gt, dt):
    cat_set = {c["id"] for c in gt["categories"]}
    return {"images": len(gt["images"]), "gt_annotations": len(gt["annotations"]),
            "gt_crowd": sum(1 for a in gt["annotations"] if a.get("iscrowd")),
            "detections": len(dt),
            "detections_with_unknown_category": sum(1 for d in dt if d["category_id"] not in cat_set),
            "categories": len(gt["categories"])}


# --------------------------------------------------------------------------------------------
# Pascal VOC AP: a transcription of py-faster-rcnn's voc_eval.py
# --------------------------------------------------------------------------------------------
# Source: rbgirshick/py-faster-rcnn, lib/datasets/voc_eval.py at commit 45e0da9a (written by
# Bharath Hariharan; the file's header says "Licensed under The MIT License [see LICENSE for
# details]", and the repository's LICENSE, "Copyright (c) 2015, Microsoft. All rights reserved.",
# is a BSD-2-Clause-style text, copied beside this script as LICENSE.py-faster-rcnn): voc_ap() and
# the matching loop of voc_eval(). Transcribed here with four documented changes:
#   1. boxes are COCO [x, y, w, h] floats and the IoU has NO "+1" pixel convention:
#        ixmin = max(gx, dx); ixmax = min(gx + gw, dx + dw); iw = max(ixmax - ixmin, 0)  (same in y)
#        inter = iw * ih;  union = dw*dh + gw*gh - inter;  overlap = inter / union
#      (union == 0 can only happen with inter == 0; overlap is then taken as 0);
#      py-faster-rcnn's boxes are x1,y1,x2,y2 integer pixels with +1 in widths, heights and areas;
#   2. COCO iscrowd=1 gts play VOC's `difficult` (neither TP nor FP, not counted in npos);
#   3. detections are sorted by descending confidence with a STABLE sort (results-file order breaks
#      ties); the original uses numpy's default (non-stable) argsort, whose order on ties is
#      unspecified. `tied_scores` in voc_expected.json says whether a class has tied scores at all,
#      `tie_order_matters` whether breaking them the other way changes its AP.
#   4. precision = tp / max(tp + fp, float64 eps), the guard added in later copies of this file
#      (Detectron, mmdetection); py-faster-rcnn's own line is tp / (tp + fp), which is 0/0 = NaN
#      while every detection so far hit a difficult gt. `leading_difficult_only_detections` counts
#      such detections per class (0 = the guard changes nothing).
# Everything else is as in voc_eval: greedy in descending-confidence order, each detection takes the
# highest-overlap gt of its image (np.argmax: the first on equal overlaps, in gt file order), it is a
# TP if ovmax > ovthresh (0.5, strict) and that gt is not difficult and not yet taken, an FP if the
# gt was already taken or ovmax <= ovthresh; a detection whose best gt is difficult is neither.
def voc_ap(rec, prec, use_07_metric=False):
    if use_07_metric:
        ap = 0.0
        for t in np.arange(0.0, 1.1, 0.1):
            if np.sum(rec >= t) == 0:
                p = 0
            else:
                p = np.max(prec[rec >= t])
            ap = ap + p / 11.0
    else:
        mrec = np.concatenate(([0.0], rec, [1.0]))
        mpre = np.concatenate(([0.0], prec, [0.0]))
        for i in range(mpre.size - 1, 0, -1):
            mpre[i - 1] = np.maximum(mpre[i - 1], mpre[i])
        i = np.where(mrec[1:] != mrec[:-1])[0]
        ap = np.sum((mrec[i + 1] - mrec[i]) * mpre[i + 1])
    return ap


def voc_eval_class(gt, dts, cat_id, ovthresh=0.5):
    class_recs = {}
    npos = 0
    for img in gt["images"]:
        R = [a for a in gt["annotations"] if a["image_id"] == img["id"] and a["category_id"] == cat_id]
        bbox = np.array([a["bbox"] for a in R], dtype=float).reshape(-1, 4)
        difficult = np.array([bool(a.get("iscrowd", 0)) for a in R], dtype=bool)
        det_flags = [False] * len(R)
        npos = npos + int(np.sum(~difficult))
        class_recs[img["id"]] = {"bbox": bbox, "difficult": difficult, "det": det_flags}
    D = [d for d in dts if d["category_id"] == cat_id]
    image_ids = [d["image_id"] for d in D]
    confidence = np.array([float(d["score"]) for d in D])
    BB = np.array([d["bbox"] for d in D], dtype=float).reshape(-1, 4)
    sorted_ind = np.argsort(-confidence, kind="mergesort")
    BB = BB[sorted_ind, :]
    image_ids = [image_ids[x] for x in sorted_ind]
    nd = len(image_ids)
    tp = np.zeros(nd)
    fp = np.zeros(nd)
    for d in range(nd):
        R = class_recs[image_ids[d]]
        bb = BB[d, :]
        ovmax = -np.inf
        BBGT = R["bbox"]
        if BBGT.size > 0:
            ixmin = np.maximum(BBGT[:, 0], bb[0])
            iymin = np.maximum(BBGT[:, 1], bb[1])
            ixmax = np.minimum(BBGT[:, 0] + BBGT[:, 2], bb[0] + bb[2])
            iymax = np.minimum(BBGT[:, 1] + BBGT[:, 3], bb[1] + bb[3])
            iw = np.maximum(ixmax - ixmin, 0.0)
            ih = np.maximum(iymax - iymin, 0.0)
            inters = iw * ih
            uni = bb[2] * bb[3] + BBGT[:, 2] * BBGT[:, 3] - inters
            overlaps = np.where(uni > 0, inters / np.where(uni > 0, uni, 1.0), 0.0)
            ovmax = np.max(overlaps)
            jmax = np.argmax(overlaps)
        if ovmax > ovthresh:
            if not R["difficult"][jmax]:
                if not R["det"][jmax]:
                    tp[d] = 1.0
                    R["det"][jmax] = 1
                else:
                    fp[d] = 1.0
        else:
            fp[d] = 1.0
    fp = np.cumsum(fp)
    tp = np.cumsum(tp)
    if npos == 0:
        return None, None, npos, nd, conf_ties(confidence), 0
    rec = tp / float(npos)
    prec = tp / np.maximum(tp + fp, np.finfo(np.float64).eps)
    leading = int(np.sum(np.cumprod((tp + fp) == 0)))  # leading detections that hit only difficult gts
    return fl(voc_ap(rec, prec, True)), fl(voc_ap(rec, prec, False)), npos, nd, conf_ties(confidence), leading


def conf_ties(confidence):
    return bool(len(np.unique(confidence)) < len(confidence))


def voc_case(gt, dts):
    out = []
    for c in gt["categories"]:
        a11, aall, npos, nd, ties, leading = voc_eval_class(gt, dts, c["id"])
        r = {"category_id": c["id"], "name": c["name"], "npos": npos, "detections": nd,
             "tied_scores": ties, "leading_difficult_only_detections": leading,
             "ap_11point": a11, "ap_allpoint": aall}
        if ties and npos:
            # ties broken the other way (results reversed, then the same stable sort)
            b11, ball, _, _, _, _ = voc_eval_class(gt, dts[::-1], c["id"])
            r["tie_order_matters"] = bool(b11 != a11 or ball != aall)
        out.append(r)
    with_gt = [r for r in out if r["npos"] > 0]
    return {"per_class": out,
            "classes_with_gt": len(with_gt),
            "map_11point": fl(np.mean([r["ap_11point"] for r in with_gt])),
            "map_allpoint": fl(np.mean([r["ap_allpoint"] for r in with_gt]))}


# --------------------------------------------------------------------------------------------
def build(out_dir):
    """Write cases/ and both expected files under out_dir; return {relative path: bytes}."""
    files = {}
    expected_cases = []
    voc = {}
    for n, (name, fn) in enumerate(CASES, start=1):
        g = Gen(SEED + n)
        gt, dts, desc, evals = fn(g)
        gt_rel, dt_rel = f"cases/{name}/gt.json", f"cases/{name}/dt.json"
        files[gt_rel] = dumps(gt).encode()
        files[dt_rel] = dumps(dts).encode()
        case_dir = os.path.join(out_dir, "cases", name)
        os.makedirs(case_dir, exist_ok=True)
        gt_path, dt_path = os.path.join(out_dir, gt_rel), os.path.join(out_dir, dt_rel)
        for rel, path in ((gt_rel, gt_path), (dt_rel, dt_path)):
            with open(path, "wb") as f:
                f.write(files[rel])
        for cfg in evals:
            E, cat_ids, stats, err, cocogt = run_pycocotools(gt_path, dt_path, cfg)
            stats12, named, per_cat = summaries(E, cat_ids)
            names = {c["id"]: c["name"] for c in gt["categories"]}
            for r in per_cat:
                r["name"] = names[r["category_id"]]
            case_id = name + ("_" + cfg["suffix"] if "suffix" in cfg else "")
            rec = {"id": case_id, "description": desc,
                   "inputs": {"gt": gt_rel, "dt": dt_rel, "gt_sha256": sha256_bytes(files[gt_rel]),
                              "dt_sha256": sha256_bytes(files[dt_rel])},
                   "counts": counts(gt, dts),
                   "params": params_record(E, cfg, cat_ids),
                   "pycocotools_version": PYCOCO_VERSION,
                   "stats": stats,
                   "stats_pycocotools": stats,
                   "stats_configured": stats12,
                   "summary_configured": named,
                   "per_category": per_cat}
            if err:
                rec["summarize_error"] = err
            if cfg.get("curves"):
                rec["precision_iou50_area_all_last_maxdet"] = curves(E, cat_ids, cfg.get("useCats", 1))
            if cfg.get("variant") == "ignore_removed":
                g2 = copy.deepcopy(gt)
                for a in g2["annotations"]:
                    a.pop("ignore", None)
                rec["stats_with_ignore_keys_removed"] = variant_stats(g2, dts, cfg)
                rec["ignore_counts"] = {
                    "ignore_1_iscrowd_0": sum(1 for a in gt["annotations"] if a.get("ignore") == 1 and not a["iscrowd"]),
                    "ignore_0": sum(1 for a in gt["annotations"] if a.get("ignore") == 0),
                    "iscrowd_1": sum(1 for a in gt["annotations"] if a["iscrowd"])}
            if cfg.get("variant") == "unknown_cat_removed":
                known = {c["id"] for c in gt["categories"]}
                rec["stats_with_unknown_category_removed"] = variant_stats(gt, [d for d in dts if d["category_id"] in known], cfg)
            if cfg.get("order_probe"):
                rev = variant_stats(gt, dts[::-1], cfg)
                rec["order_probe"] = {
                    "what": "the same input with the results file in reverse order (which reverses how ties are broken); NOT an expected value: it shows how far a wrong tie order moves the stats",
                    "stats_results_reversed": rev,
                    "max_abs_change": fl(max(abs(a - b) for a, b in zip(rev, stats)))}
            rec["faster_coco_eval_cross_check"] = run_fce(gt_path, dt_path, cfg, E, named)
            expected_cases.append(rec)
        if name in VOC_CASES:
            voc[name] = dict({"inputs": {"gt": gt_rel, "dt": dt_rel}}, **voc_case(gt, dts))
    header = {
        "generator": "make_fixtures.py (this folder)",
        "seed": SEED,
        "pycocotools_version": PYCOCO_VERSION,
        "numpy_version": np.__version__,
        "python_version": platform.python_version(),
        "faster_coco_eval_version_cross_check": faster_coco_eval.__version__ if faster_coco_eval else None,
        "iouType": "bbox",
        "default_iouThrs_values": [fl(x) for x in np.linspace(.5, 0.95, int(np.round((0.95 - .5) / .05)) + 1, endpoint=True)],
        "recThrs_values": [fl(x) for x in np.linspace(.0, 1.00, int(np.round((1.00 - .0) / .01)) + 1, endpoint=True)],
        "thresholds_note": "pycocotools builds iouThrs and recThrs with numpy.linspace, so some differ from the decimal (iouThrs 0.8999999999999999 for 0.9; recThrs 0.35000000000000003, 0.5700000000000001, 0.7000000000000001, ... for 0.35, 0.57, 0.7): use these exact doubles; summarize() picks IoU 0.5 / 0.75 by exact float equality",
        "stats_order": STATS_ORDER,
        "stats_order_meaning": [
            "AP@[all iouThrs] area all, maxDets 100 (pycocotools) / last maxDets (configured)",
            "AP@IoU=0.50 area all, maxDets[2]", "AP@IoU=0.75 area all, maxDets[2]",
            "AP small, maxDets[2]", "AP medium, maxDets[2]", "AP large, maxDets[2]",
            "AR maxDets[0]", "AR maxDets[1]", "AR maxDets[2]",
            "AR small, maxDets[2]", "AR medium, maxDets[2]", "AR large, maxDets[2]"],
        "definitions": {
            "stats / stats_pycocotools": "COCOeval.stats exactly as summarize() returned it (12 floats)",
            "stats_configured": "the same 12 rows recomputed from eval['precision'] / eval['recall'] with the configured params: AP rows at the LAST maxDets, AR rows at maxDets[0], [1], [2]; a row whose IoU threshold or area label is not configured is -1 (pycocotools' value for an empty selection). Equal to `stats` for default params.",
            "summary_configured": "faster-coco-eval's layout: AP_all, AP_50, AP_75, AP_<area label>..., AR_<maxDets value>..., AR_<area label>..., AR_50, AR_75 (area rows and AP rows at the last maxDets), from the arrays; each a mean over entries > -1, -1 when none",
            "per_category.ap": "mean of precision[:, :, k, area 'all', last maxDets] over entries > -1; -1 when none",
            "per_category.ap50": "the same at IoU 0.5 only",
            "per_category.ar": "mean of recall[:, k, area 'all', last maxDets] over entries > -1; -1 when none",
            "per_category.recall_per_iou": "recall[:, k, area 'all', last maxDets] (one per iouThr; -1 = no non-ignored gt)",
            "precision_iou50_area_all_last_maxdet": "precision[t(0.5), :, k, area 'all', last maxDets]: 101 interpolated precisions at recThrs per category id (key '-1' when useCats=0); -1 = category without non-ignored gt; 0 beyond the highest recall reached",
            "faster_coco_eval_cross_check": "max |faster-coco-eval - pycocotools| over the whole precision and recall arrays for the same input and params, and between faster-coco-eval's summarize() all_stats and summary_configured (same order); not used as expected values"},
    }
    exp = dict(header, cases=expected_cases)
    files["expected.json"] = (json.dumps(exp, indent=1) + "\n").encode()
    voc_doc = {
        "generator": "make_fixtures.py (this folder)",
        "numpy_version": np.__version__,
        "source": "a transcription of rbgirshick/py-faster-rcnn lib/datasets/voc_eval.py at commit 45e0da9a (voc_ap and the matching loop of voc_eval; file header: MIT License; repository LICENSE: Copyright (c) 2015, Microsoft, BSD-2-Clause-style text, see LICENSE.py-faster-rcnn); see the comment above voc_ap() in make_fixtures.py for the four changes",
        "ovthresh": 0.5,
        "match_rule": "ovmax > ovthresh (strict); greedy over detections sorted by descending score (stable: results-file order breaks ties); each detection takes the gt with the highest overlap in its image (first such gt on equal overlaps); already-taken gt -> FP; difficult gt -> neither TP nor FP",
        "iou": "no +1: inter = max(min(gx+gw, dx+dw) - max(gx, dx), 0) * max(min(gy+gh, dy+dh) - max(gy, dy), 0); union = dw*dh + gw*gh - inter",
        "difficult": "COCO iscrowd = 1",
        "precision": "tp / max(tp + fp, float64 eps); recall = tp / npos (npos = non-difficult gts of the class)",
        "ap_11point": "VOC2007: sum over t in numpy.arange(0.0, 1.1, 0.1) of (max precision at recall >= t, 0 if none) / 11; note arange's t values are 0.30000000000000004, 0.6000000000000001, 0.7000000000000001 for 0.3, 0.6, 0.7",
        "ap_allpoint": "VOC2010+: area under the monotone precision envelope with sentinels (0,0) ... (1,0), summed where recall changes",
        "classes_without_gt": "ap_* = null and left out of the means",
        "cases": voc,
    }
    files["voc_expected.json"] = (json.dumps(voc_doc, indent=1) + "\n").encode()
    return files


def variant_stats(gt, dts, cfg):
    with tempfile.TemporaryDirectory() as d:
        gp, dp = os.path.join(d, "gt.json"), os.path.join(d, "dt.json")
        with open(gp, "w") as f:
            f.write(dumps(gt))
        with open(dp, "w") as f:
            f.write(dumps(dts))
        _, _, stats, _, _ = run_pycocotools(gp, dp, cfg)
    return stats


def pycocotools_version():
    try:
        from importlib.metadata import version
        return version("pycocotools")
    except Exception:
        return getattr(pycocotools, "__version__", "unknown")


PYCOCO_VERSION = pycocotools_version()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="regenerate in a temporary folder and compare")
    args = ap.parse_args()
    if args.check:
        with tempfile.TemporaryDirectory() as d:
            files = build(d)
        bad = [rel for rel, b in files.items()
               if not os.path.exists(os.path.join(HERE, rel)) or open(os.path.join(HERE, rel), "rb").read() != b]
        for rel in bad:
            print(f"differs: {rel}")
        print("ok" if not bad else f"{len(bad)} file(s) differ")
        sys.exit(1 if bad else 0)
    files = build(HERE)
    for rel in ("expected.json", "voc_expected.json"):
        with open(os.path.join(HERE, rel), "wb") as f:
            f.write(files[rel])
    total = sum(len(b) for b in files.values())
    print(f"wrote {len(files)} files, {total:,} bytes (pycocotools {PYCOCO_VERSION}, numpy {np.__version__})")


if __name__ == "__main__":
    main()
