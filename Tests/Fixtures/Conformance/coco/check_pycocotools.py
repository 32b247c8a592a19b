#!/usr/bin/env python3
"""Run pycocotools (and faster-coco-eval, when installed) on the copied COCO bbox conformance cases
and record in pycocotools_check.json whether each expected value of expected.json is reproduced,
with the parameters and preprocessing each case needs.

Written for evalkit (not copied from upstream). Usage, from any directory:
    python3 -m venv /tmp/cocoenv
    /tmp/cocoenv/bin/pip install pycocotools==2.0.11 numpy==2.4.6 faster-coco-eval==1.8.0
    /tmp/cocoenv/bin/python Tests/Fixtures/Conformance/coco/check_pycocotools.py
Exit status 1 when an expected value is not reproduced by pycocotools where it should be.
"""
import contextlib
import copy
import io
import json
import logging
import os
import platform
import sys

import numpy as np
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

try:
    import faster_coco_eval
    from faster_coco_eval import COCO as FCOCO
    from faster_coco_eval import COCOeval_faster
    logging.getLogger("faster_coco_eval").setLevel(logging.ERROR)
except Exception:  # pragma: no cover
    faster_coco_eval = None

HERE = os.path.dirname(os.path.abspath(__file__))
TOL = {"places=10": 0.5e-10, "places=12": 0.5e-12, "round4": 0.5e-4}
FCE_RANGES = {"nano": [0, 8**2], "micro": [8**2, 16**2], "small": [16**2, 32**2],
              "medium": [32**2, 96**2], "large": [96**2, 1e5**2]}


def version(name):
    from importlib.metadata import version as v
    try:
        return v(name)
    except Exception:
        return None


def quiet():
    s = contextlib.ExitStack()
    s.enter_context(contextlib.redirect_stdout(io.StringIO()))
    return s


def load_json(rel):
    with open(os.path.join(HERE, rel)) as f:
        return json.load(f)


def coco_from(dataset):
    with quiet():
        c = COCO()
        c.dataset = copy.deepcopy(dataset)
        c.createIndex()
    return c


def pyc_eval(gt, dts, areaRng=None, areaRngLbl=None):
    with quiet():
        G = coco_from(gt)
        D = G.loadRes(copy.deepcopy(dts))
        E = COCOeval(G, D, "bbox")
        if areaRng is not None:
            E.params.areaRng = areaRng
            E.params.areaRngLbl = areaRngLbl
        E.evaluate()
        E.accumulate()
        E.summarize()
    return E


def mean_valid(s):
    v = s[s > -1]
    return -1.0 if v.size == 0 else float(np.mean(v))


def fce_layout(E):
    """faster-coco-eval's summarize() layout computed from pycocotools' arrays."""
    p = E.params
    P, R = E.eval["precision"], E.eval["recall"]
    iou = list(np.asarray(p.iouThrs))
    m = len(p.maxDets) - 1
    out = {"AP_all": mean_valid(P[:, :, :, 0, m]),
           "AP_50": mean_valid(P[[iou.index(0.5)], :, :, 0, m]),
           "AP_75": mean_valid(P[[iou.index(0.75)], :, :, 0, m])}
    for a, lbl in enumerate(p.areaRngLbl):
        if a:
            out[f"AP_{lbl}"] = mean_valid(P[:, :, :, a, m])
    for k, name in enumerate(["AR_all", "AR_second", "AR_third"]):
        out[name] = mean_valid(R[:, :, 0, k])
    for a, lbl in enumerate(p.areaRngLbl):
        if a:
            out[f"AR_{lbl}"] = mean_valid(R[:, :, a, m])
    out["AR_50"] = mean_valid(R[[iou.index(0.5)], :, 0, m])
    out["AR_75"] = mean_valid(R[[iou.index(0.75)], :, 0, m])
    return out


def stats_dict(E):
    names = ["AP_all", "AP_50", "AP_75", "AP_small", "AP_medium", "AP_large",
             "AR_all", "AR_second", "AR_third", "AR_small", "AR_medium", "AR_large"]
    return dict(zip(names, [float(x) for x in E.stats]))


def compare(expected, got, tol):
    rows, ok = [], True
    for k, v in expected.items():
        g = got.get(k)
        diff = None if g is None else abs(g - v)
        good = diff is not None and diff <= tol
        ok &= good
        rows.append({"key": k, "expected": v, "got": g, "abs_diff": diff, "reproduced": good})
    return ok, rows


def fce_run(gt_rel, dt_rel, min_score=0.0, ranges=None, separate_eval=False):
    if faster_coco_eval is None:
        return None
    with quiet(), contextlib.redirect_stderr(io.StringIO()):
        G = FCOCO(os.path.join(HERE, gt_rel))
        D = G.loadRes(os.path.join(HERE, dt_rel), min_score=min_score)
        kw = {"ranges": ranges} if ranges else {}
        F = COCOeval_faster(G, D, "bbox", separate_eval=separate_eval, print_function=lambda *a, **k: None, **kw)
        F.run()
    return {k: float(v) for k, v in F.stats_as_dict.items()}


def case_fake100():
    gt = load_json("cocoapi_val2014_100/instances_val2014_100.json")
    dt = load_json("cocoapi_val2014_100/instances_val2014_fakebbox100_results.json")
    E = pyc_eval(gt, dt)
    exp = CASES["cocoapi_fake100_bbox"]["expected_full_precision"]
    expected = dict(zip(exp["keys"], exp["values"]))
    got = stats_dict(E)
    ok, rows = compare(expected, got, TOL["places=10"])
    # the 3-decimal printout kept in cocoapi
    printed = [float(line.rsplit("=", 1)[1]) for line in CASES["cocoapi_fake100_bbox"]["expected_3_decimals_independent"]["lines"]]
    ok3 = all(round(g, 3) == p or abs(g - p) <= 0.0005 + 1e-12 for g, p in zip(E.stats, printed))
    fce = fce_run("cocoapi_val2014_100/instances_val2014_100.json",
                  "cocoapi_val2014_100/instances_val2014_fakebbox100_results.json")
    fok = None if fce is None else compare(expected, fce, TOL["places=10"])[0]
    return {
        "parameters": "pycocotools defaults: COCOeval(gt, gt.loadRes(results), 'bbox'); evaluate(); accumulate(); summarize(); imgIds = all 100 images of instances_val2014_100.json",
        "preprocessing": "none",
        "pycocotools_reproduces": ok, "tolerance": "places=10 (|diff| <= 5e-11), as upstream",
        "max_abs_diff": max(r["abs_diff"] for r in rows),
        "pycocotools_reproduces_3_decimal_printout": ok3,
        "values": rows,
        "faster_coco_eval_reproduces": fok,
    }


def case_ranges():
    gt = load_json("cocoapi_val2014_100/instances_val2014_100.json")
    dt = load_json("cocoapi_val2014_100/instances_val2014_fakebbox100_results.json")
    area = [[0, 1e5**2]] + [v for v in FCE_RANGES.values()]
    lbl = ["all"] + list(FCE_RANGES)
    E = pyc_eval(gt, dt, area, lbl)
    exp = CASES["cocoapi_fake100_bbox_custom_area_ranges"]["expected"]
    expected = dict(zip(exp["keys"], exp["values"]))
    got = fce_layout(E)
    ok, rows = compare(expected, got, TOL["places=10"])
    fce = fce_run("cocoapi_val2014_100/instances_val2014_100.json",
                  "cocoapi_val2014_100/instances_val2014_fakebbox100_results.json", ranges=FCE_RANGES)
    fok = None if fce is None else compare(expected, fce, TOL["places=10"])[0]
    return {
        "parameters": "pycocotools with params.areaRng = [[0, 1e5**2], [0, 8**2], [8**2, 16**2], [16**2, 32**2], [32**2, 96**2], [96**2, 1e5**2]] and params.areaRngLbl = ['all', 'nano', 'micro', 'small', 'medium', 'large'] (what faster-coco-eval's Params(ranges=...) builds: 'all' first, then the ranges in dict order); other params default",
        "preprocessing": "none",
        "how_faster_coco_eval_summarizes": "COCOeval.summarize() -> all_stats, in this order: AP_all, AP_50, AP_75 (all areas, last maxDets); AP_<range> for each range after 'all' (last maxDets); AR at each maxDets (all areas; named AR_all/AR_second/AR_third when maxDets == [1, 10, 100], AR_<n> otherwise); AR_<range> for each range (last maxDets); AR_50, AR_75 (all areas, last maxDets). Every value is pycocotools' _summarize: mean of the precision (T x R x K) or recall (T x K) slice over entries > -1, -1 when none. faster-coco-eval uses maxDets[-1] for every AP row (no hard-coded 100, unlike pycocotools' stats[0]). `stats` is the first 3 + 2*ranges + len(maxDets) values; the test compares the 16 keys listed (AR_50/AR_75 not among them)",
        "pycocotools_equivalent": "yes: set areaRng/areaRngLbl as above, run evaluate()/accumulate(), and compute the summary from eval['precision'] / eval['recall'] (pycocotools' own summarize() only prints the 12 standard rows; with these labels its small/medium/large rows use the custom [16^2,32^2], [32^2,96^2], [96^2,1e10] ranges and AP_nano/AP_micro are not printed)",
        "pycocotools_reproduces": ok, "tolerance": "places=10, as upstream",
        "max_abs_diff": max(r["abs_diff"] for r in rows),
        "values": rows,
        "also_computed_AR_50_AR_75": {"AR_50": got["AR_50"], "AR_75": got["AR_75"]},
        "faster_coco_eval_reproduces": fok,
    }


def case_simple(case_id, gt_rel, dt_rel, tol_name):
    gt, dt = load_json(gt_rel), load_json(dt_rel)
    E = pyc_eval(gt, dt)
    c = CASES[case_id]["expected"]
    if isinstance(c["values"], dict):  # perfect_dummy: mmdet-style keys for stats[0..5]
        names = list(c["values"])
        got = {k: round(float(E.stats[i]), 4) for i, k in enumerate(names)}
        expected = c["values"]
    else:
        names = ["stats[%d]" % i for i in range(12)]
        expected = dict(zip(names, c["values"]))
        got = dict(zip(names, [float(x) for x in E.stats]))
    ok, rows = compare(expected, got, TOL[tol_name])
    fce = fce_run(gt_rel, dt_rel)
    fok = None
    if fce is not None:
        fvals = list(fce.values())[:12]
        fgot = ({k: round(fvals[i], 4) for i, k in enumerate(names)} if isinstance(c["values"], dict)
                else dict(zip(names, fvals)))
        fok = compare(expected, fgot, TOL[tol_name])[0]
    return {"parameters": "pycocotools defaults (iouType 'bbox')", "preprocessing": "none",
            "pycocotools_reproduces": ok, "tolerance": tol_name + " as upstream",
            "max_abs_diff": max(r["abs_diff"] for r in rows), "values": rows,
            "raw_stats_pycocotools": [float(x) for x in E.stats],
            "faster_coco_eval_reproduces": fok}


def case_ignore():
    gt_rel, dt_rel = "faster_coco_eval_small/gt_ignore_test.json", "faster_coco_eval_small/dt_ignore_test.json"
    gt, dt = load_json(gt_rel), load_json(dt_rel)
    expected = CASES["fce_ignore_bbox"]["expected"]["values"]
    out = {}
    # 1. as is
    try:
        pyc_eval(gt, dt)
        out["as_is"] = "ran"
    except Exception as e:
        out["as_is"] = f"pycocotools fails: {type(e).__name__}: {e}"

    def int_ids(g, annotations_too=True):
        g = copy.deepcopy(g)
        for im in g["images"]:
            im["id"] = int(im["id"])
        if annotations_too:
            for a in g["annotations"]:
                a["image_id"] = int(a["image_id"])
        return g

    kept = [d for d in dt if d.get("score", 1) >= 0.1]
    variants = {}
    for name, g2, d2 in (("int_ids_and_min_score_0.1", int_ids(gt), kept),
                         ("int_ids_no_min_score", int_ids(gt), dt),
                         ("int_image_ids_only_min_score_0.1", int_ids(gt, False), kept)):
        E = pyc_eval(g2, d2)
        got = fce_layout(E)
        ok, rows = compare(expected, got, TOL["places=10"])
        variants[name] = {"reproduced": ok, "max_abs_diff": max(r["abs_diff"] for r in rows),
                          "values": rows if name == "int_ids_and_min_score_0.1" else None}
        if name == "int_ids_and_min_score_0.1":
            ious = E.ious[(2299, 1)]
            ref = np.array(load_json("faster_coco_eval_small/2299_1.json")["values"])
            ref_npy = np.load(os.path.join(HERE, "faster_coco_eval_small/2299_1.npy"))
            variants[name]["iou_matrix_2299_1_equal_exactly"] = bool(
                ious.shape == ref.shape and np.array_equal(ious, ref) and np.array_equal(ref, ref_npy))
            variants[name]["iou_matrix_shape"] = list(ious.shape)
    fce = fce_run(gt_rel, dt_rel, min_score=0.1, separate_eval=True)
    fce_no = fce_run(gt_rel, dt_rel, min_score=0.0, separate_eval=True)
    return {
        "parameters": "pycocotools defaults (iouType 'bbox'); the expected values use faster-coco-eval's stats_as_dict names (AR_all/AR_second/AR_third = AR@1/10/100) plus AR_50 and AR_75 (recall at IoU 0.5 / 0.75, all areas, maxDets 100), computed here from eval['recall']",
        "preprocessing": "(1) image ids to int: the gt's images[0].id is the string '2299', the first annotation's image_id is '2299' and the others are the integer 2299, and the results use 2299; faster-coco-eval's COCO.createIndex() casts images[].id and annotations[].image_id with int(), pycocotools does not (so pycocotools' loadRes asserts 'Results do not correspond to current coco set'). (2) min_score=0.1: faster-coco-eval's COCO.loadRes(res, min_score) keeps the results with ann.get('score', 1) >= min_score (>=, applied before anything else; default 0.0 = no filtering); pycocotools has no such argument: the equivalent is to filter the results list the same way before loadRes. Here 36 of the 63 detections are kept. (3) separate_eval=True only makes faster-coco-eval run evaluate() and accumulate() as two C++ calls; it does not change the values. The gt's 'ignore' keys (all 0) have no effect in either library (both overwrite ignore with iscrowd).",
        "min_score_meaning": "faster_coco_eval/core/coco.py COCO.loadRes: `if min_score != 0.0: anns = [ann for ann in anns if ann.get('score', 1) >= min_score]`",
        "min_score_changes_values": (None if not variants else not variants["int_ids_no_min_score"]["reproduced"]),
        "as_is": out["as_is"],
        "pycocotools_variants": variants,
        "pycocotools_reproduces": variants["int_ids_and_min_score_0.1"]["reproduced"],
        "pycocotools_reproduces_without_preprocessing": False,
        "faster_coco_eval_reproduces": None if fce is None else compare(expected, fce, TOL["places=10"])[0],
        "faster_coco_eval_reproduces_with_min_score_0": None if fce_no is None else compare(expected, fce_no, TOL["places=10"])[0],
    }


CASES = {c["id"]: c for c in load_json("expected.json")["cases"]}


def main():
    results = {
        "generator": "check_pycocotools.py (this folder)",
        "versions": {"python": platform.python_version(), "numpy": np.__version__,
                     "pycocotools": version("pycocotools"), "faster_coco_eval": version("faster-coco-eval")},
        "summary": {},
        "cases": {
            "cocoapi_fake100_bbox": case_fake100(),
            "cocoapi_fake100_bbox_custom_area_ranges": case_ranges(),
            "detectron2_small_bbox": case_simple("detectron2_small_bbox", "detectron2_small/gt.json",
                                                 "detectron2_small/dt.json", "places=12"),
            "perfect_dummy_bbox": case_simple("perfect_dummy_bbox", "perfect_dummy/gt.json",
                                              "perfect_dummy/dt.json", "round4"),
            "fce_ignore_bbox": case_ignore(),
        },
    }
    needs = {
        "cocoapi_fake100_bbox": "nothing: pycocotools defaults",
        "cocoapi_fake100_bbox_custom_area_ranges": "params.areaRng/areaRngLbl = all + 5 ranges; summary computed from the arrays in faster-coco-eval's layout",
        "detectron2_small_bbox": "nothing: pycocotools defaults",
        "perfect_dummy_bbox": "nothing: pycocotools defaults",
        "fce_ignore_bbox": "image ids cast to int (gt images[].id and annotations[].image_id); results filtered to score >= 0.1 (min_score; changes nothing here); AR_50/AR_75 from the recall array",
    }
    for k, v in results["cases"].items():
        results["summary"][k] = {"pycocotools": v["pycocotools_reproduces"],
                                 "faster_coco_eval": v["faster_coco_eval_reproduces"],
                                 "needs": needs[k]}
    with open(os.path.join(HERE, "pycocotools_check.json"), "w") as f:
        f.write(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results["summary"], indent=1))
    sys.exit(0 if all(v["pycocotools_reproduces"] for v in results["cases"].values()) else 1)


if __name__ == "__main__":
    main()
