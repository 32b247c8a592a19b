#!/usr/bin/env python3
"""Build Datasets/coco-val2014-100/ (object detection, COCO format) from the real COCO val2014
100-image ground truth and cocoapi's fake bbox results, both already in this repository under
Tests/Fixtures/Conformance/coco/cocoapi_val2014_100/ (copied from the conformance data; see its
PROVENANCE.md).

    python3 Datasets/coco-val2014-100/prepare.py          (standard library only)

Reads (sha256-checked):
  instances_val2014_100.json                  100 images, 839 annotations, 80 categories
                                              (COCO annotations, CC BY 4.0, COCO Consortium)
  instances_val2014_fakebbox100_results.json  734 bbox results (cocoapi, BSD-2-Clause)
Writes:
  ground_truth.json   a COPY of instances_val2014_100.json, every value unchanged, with two keys
                      added to each images[] entry (derived from the data itself):
                        crowdedness  "1-3" / "4-10" / "11+": the image's number of annotations with
                                     iscrowd = 0 ("0" would be used for none; no image has none);
                        orientation  "landscape" if width > height, "portrait" if width < height,
                                     "square" if equal (none is);
                      written with one list item per line (manifest_tools.coco_json_text).
  predictions.json    cocoapi's results file, byte for byte.
  dataset.json        the manifest (format "coco"; rows = images for the ground truth, results
                      for the predictions).
Deterministic: re-running writes the same bytes.
"""
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(HERE))
import manifest_tools as T  # noqa: E402  (Datasets/manifest_tools.py)

SOURCE_DIR = os.path.join(ROOT, "Tests", "Fixtures", "Conformance", "coco", "cocoapi_val2014_100")
GT_SOURCE = "instances_val2014_100.json"
GT_SHA256 = "0b82aff564f8c3774595d5457d12dbcf92da59b6482d2bd973520910703762bd"
DT_SOURCE = "instances_val2014_fakebbox100_results.json"
DT_SHA256 = "b4a7f9c8ab0eac60e3bf9b23052d20c7bf38d8c49c65a254e238989c84e15173"


def crowdedness(n):
    return "0" if n == 0 else "1-3" if n <= 3 else "4-10" if n <= 10 else "11+"


def orientation(w, h):
    return "landscape" if w > h else "portrait" if w < h else "square"


def main():
    raw_gt = T.checked(open(os.path.join(SOURCE_DIR, GT_SOURCE), "rb").read(), GT_SHA256, GT_SOURCE,
                       "Tests/Fixtures/Conformance/coco")
    T.checked(open(os.path.join(SOURCE_DIR, DT_SOURCE), "rb").read(), DT_SHA256, DT_SOURCE,
              "Tests/Fixtures/Conformance/coco")
    gt = json.loads(raw_gt.decode("utf-8"))
    objects = {}
    for a in gt["annotations"]:
        if not a["iscrowd"]:
            objects[a["image_id"]] = objects.get(a["image_id"], 0) + 1
    for im in gt["images"]:
        im["crowdedness"] = crowdedness(objects.get(im["id"], 0))
        im["orientation"] = orientation(im["width"], im["height"])
    shutil.copyfile(os.path.join(SOURCE_DIR, DT_SOURCE), os.path.join(HERE, "predictions.json"))
    with open(os.path.join(HERE, "predictions.json"), encoding="utf-8") as f:
        dt = json.load(f)
    files = [
        T.write_coco_file(HERE, "ground_truth.json", "ground_truth", gt,
                          description=f"COCO ground truth: {len(gt['images'])} images, "
                                      f"{len(gt['annotations'])} annotations, {len(gt['categories'])} categories; "
                                      "copy of COCO's instances_val2014 subset with crowdedness and orientation "
                                      "added to each images[] entry"),
        T.coco_entry(HERE, "predictions.json", "predictions", dt,
                     produced_by="cocoapi's fake bbox results for these images "
                                 "(results/instances_val2014_fakebbox100_results.json, cocoapi commit 8c9bcc3c): "
                                 "COCO results format, score = detector confidence; no threshold",
                     description=f"COCO results: {len(dt)} bbox detections"),
    ]
    m = T.manifest(
        "coco-val2014-100",
        "100 real COCO val2014 images (ground truth only, no pixels): 839 object annotations in 80 "
        "categories, with two conditions derived per image (crowdedness, orientation); predictions are "
        "cocoapi's fake bbox results, the ones its evaluation demo scores (AP 0.505).",
        "CC BY 4.0 (COCO annotations, COCO Consortium); predictions BSD-2-Clause (cocoapi)",
        "https://cocodataset.org ; Lin, T.-Y. et al. (2014). Microsoft COCO: Common Objects in Context. ECCV 2014 "
        "; ground truth: faster_coco_eval tests/dataset/cocoapi/instances_val2014_100.json (commit 33ab6097) ; "
        "predictions: cocoapi results/instances_val2014_fakebbox100_results.json (commit 8c9bcc3c) ; read from "
        "Tests/Fixtures/Conformance/coco/cocoapi_val2014_100/",
        files,
        {"id": "id", "attributes": ["crowdedness", "orientation"]})
    T.write_manifest(HERE, m)
    print(f"wrote {HERE}: {len(gt['images'])} images, {len(dt)} detections")


if __name__ == "__main__":
    main()
