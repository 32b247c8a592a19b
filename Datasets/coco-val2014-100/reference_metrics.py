#!/usr/bin/env python3
"""Reference metrics for Datasets/coco-val2014-100 with pycocotools -> reference_metrics.json.

COCOeval, iouType "bbox", default parameters, on ground_truth.json and predictions.json: the 12
COCOeval.stats overall (they equal the values cocoapi and faster-coco-eval publish for this pair:
AP 0.5045806987249628 ...), AP/AR per category, and the same per image slice of crowdedness,
orientation and crowdedness x orientation (params.imgIds = the slice's images), with AP / AR100
disparities. Conventions: Datasets/coco_reference.py.

    pip install pycocotools==2.0.11 numpy==2.4.6
    python3 Datasets/coco-val2014-100/reference_metrics.py
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import coco_reference as C  # noqa: E402  (Datasets/coco_reference.py)


def main():
    doc = C.report(HERE, "ground_truth.json", "predictions.json", ["crowdedness", "orientation"],
                   intersections=[("crowdedness", "orientation")])
    print("overall", [round(x, 4) for x in doc["overall"]["stats"]])


if __name__ == "__main__":
    main()
