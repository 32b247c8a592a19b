"""Shared helpers for the COCO datasets' reference_metrics.py (coco-val2014-100,
plates-detection-synthetic): reference values computed with pycocotools' COCOeval (iouType "bbox",
default parameters) on the shipped files, overall, per category and per image slice.

Conventions:
  * default COCOeval parameters: iouThrs 0.50:0.05:0.95 (numpy.linspace), 101 recall thresholds,
    maxDets [1, 10, 100], area ranges all / small [0, 32^2] / medium [32^2, 96^2] / large
    [96^2, 1e10] (both ends inclusive), useCats 1;
  * `stats` is COCOeval.stats in its order AP, AP50, AP75, APs, APm, APl, AR1, AR10, AR100, ARs,
    ARm, ARl; -1 means "no ground truth in that range" (pycocotools' value for an empty selection);
  * per category: AP = mean of precision[:, :, k, area all, maxDets 100] over entries > -1, AR =
    mean of recall[:, k, area all, maxDets 100] over entries > -1 (-1 when none);
  * a slice is a set of images (all images whose images[] entry has that attribute value); it is
    evaluated by setting params.imgIds to those images, so only their ground truth and detections
    count (this is how pycocotools restricts an evaluation to some images);
  * disparities: over slices of at least MIN_SLICE_IMAGES images, min/max of AP and AR100,
    difference = max - min, ratio = min / max (null when max is 0).

Needs pycocotools and numpy (made with pycocotools 2.0.11, numpy 2.4.6).
"""
import contextlib
import copy
import io
import json
import os
import platform

import numpy as np
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

STATS_ORDER = ["AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl"]
MIN_SLICE_IMAGES = 20


def version(name):
    from importlib.metadata import version as v
    return v(name)


def load(folder, gt_file, pred_file):
    with open(os.path.join(folder, gt_file), encoding="utf-8") as f:
        gt = json.load(f)
    with open(os.path.join(folder, pred_file), encoding="utf-8") as f:
        dt = json.load(f)
    return gt, dt


def _mean_valid(s):
    v = s[s > -1]
    return -1.0 if v.size == 0 else float(np.mean(v))


def evaluate(gt, dt, img_ids=None, cat_ids=None):
    """COCOeval bbox on (a copy of) gt and dt; img_ids / cat_ids restrict params.imgIds / catIds."""
    with contextlib.redirect_stdout(io.StringIO()):
        G = COCO()
        G.dataset = copy.deepcopy(gt)
        G.createIndex()
        D = G.loadRes(copy.deepcopy(dt))
        E = COCOeval(G, D, "bbox")
        if img_ids is not None:
            E.params.imgIds = sorted(img_ids)
        if cat_ids is not None:
            E.params.catIds = sorted(cat_ids)
        cats = [int(c) for c in E.params.catIds]
        E.evaluate()
        E.accumulate()
        E.summarize()
    P, R = E.eval["precision"], E.eval["recall"]
    per_cat = [{"category_id": c, "ap": _mean_valid(P[:, :, k, 0, -1]), "ar": _mean_valid(R[:, k, 0, -1])}
               for k, c in enumerate(cats)]
    return E, [float(x) for x in E.stats], per_cat


def counts(gt, dt, img_ids=None):
    ids = set(img_ids) if img_ids is not None else {im["id"] for im in gt["images"]}
    anns = [a for a in gt["annotations"] if a["image_id"] in ids]
    return {"images": len(ids), "gt_annotations": len(anns),
            "gt_crowd": sum(1 for a in anns if a.get("iscrowd")),
            "detections": sum(1 for d in dt if d["image_id"] in ids)}


def block(gt, dt, img_ids=None, with_categories=True, per_category_stats=False):
    _, stats, per_cat = evaluate(gt, dt, img_ids)
    names = {c["id"]: c["name"] for c in gt["categories"]}
    out = {"counts": counts(gt, dt, img_ids), "stats": stats, "named": dict(zip(STATS_ORDER, stats))}
    if with_categories:
        for r in per_cat:
            r["name"] = names[r["category_id"]]
        out["per_category"] = per_cat
    if per_category_stats:
        out["per_category_stats"] = {names[c["id"]]: evaluate(gt, dt, img_ids, [c["id"]])[1] for c in gt["categories"]}
    return out


def slices(gt, attributes, intersections=()):
    """{attribute: {value: [image ids]}} (values sorted), plus "a x b" intersections."""
    out = {}
    for a in attributes:
        vals = sorted({str(im[a]) for im in gt["images"]})
        out[a] = {v: [im["id"] for im in gt["images"] if str(im[a]) == v] for v in vals}
    for a, b in intersections:
        key = f"{a} x {b}"
        out[key] = {}
        for va in sorted({str(im[a]) for im in gt["images"]}):
            for vb in sorted({str(im[b]) for im in gt["images"]}):
                ids = [im["id"] for im in gt["images"] if str(im[a]) == va and str(im[b]) == vb]
                if ids:
                    out[key][f"{va} x {vb}"] = ids
    return out


def disparities(slice_blocks):
    out = {}
    for attr, vals in slice_blocks.items():
        big = {v: b for v, b in vals.items() if b["counts"]["images"] >= MIN_SLICE_IMAGES}
        out[attr] = {}
        for metric in ("AP", "AR100"):
            xs = {v: b["named"][metric] for v, b in big.items() if b["named"][metric] > -1}
            if len(xs) < 2:
                out[attr][metric] = None
                continue
            lo, hi = min(xs.values()), max(xs.values())
            out[attr][metric] = {"slices": sorted(xs), "min": lo, "max": hi, "difference": hi - lo,
                                 "ratio": (lo / hi) if hi > 0 else None}
    return out


def report(folder, gt_file, pred_file, attributes, intersections=(), per_category_stats=False, extra=None,
           note=None):
    """Compute everything and write folder/reference_metrics.json; return the dict."""
    gt, dt = load(folder, gt_file, pred_file)
    few_cats = len(gt["categories"]) <= 5
    doc = {
        "tool": f"pycocotools {version('pycocotools')} COCOeval, iouType bbox, default parameters",
        "versions": {"python": platform.python_version(), "numpy": np.__version__,
                     "pycocotools": version("pycocotools")},
        "files": {"ground_truth": gt_file, "predictions": pred_file},
        "stats_order": STATS_ORDER,
        "conventions": ("stats = COCOeval.stats (-1: no gt in that area range); per_category ap/ar = "
                        "means over precision[:, :, k, all, 100] / recall[:, k, all, 100] entries > -1; "
                        "a slice is evaluated with params.imgIds = its images; disparities over slices "
                        f"of >= {MIN_SLICE_IMAGES} images: difference = max - min, ratio = min / max"),
    }
    if note:
        doc["note"] = note
    doc["overall"] = block(gt, dt, None, True, per_category_stats)
    sl = {}
    for attr, vals in slices(gt, attributes, intersections).items():
        sl[attr] = {v: block(gt, dt, ids, few_cats, per_category_stats and few_cats) for v, ids in vals.items()}
    doc["slices"] = sl
    doc["disparities"] = disparities(sl)
    if extra:
        doc.update(extra(gt, dt))
    with open(os.path.join(folder, "reference_metrics.json"), "w", encoding="utf-8") as f:
        f.write(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
    return doc
