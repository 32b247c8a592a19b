#!/usr/bin/env python3
"""Reference metrics for Datasets/plates-detection-synthetic (SYNTHETIC) -> reference_metrics.json.

1. pycocotools COCOeval, iouType "bbox", default parameters, on ground_truth.json and
   predictions.json: the 12 COCOeval.stats over both categories, the 12 stats of each category on
   its own (params.catIds = [that category]), AP/AR per category, and the same per image slice of
   lighting, camera and lighting x camera (params.imgIds = the slice's images), with AP / AR100
   disparities. Conventions: Datasets/coco_reference.py.
2. `attribute_agreement` (computed here, not a pycocotools metric): the detection-to-ground-truth
   pairs that pycocotools itself matched at IoU 0.50 (area "all", maxDets 100: evalImgs'
   dtMatches[0]), and on those pairs
     plate:   exact-read rate (predicted text == truth) and character error rate = sum of
              Levenshtein distances / sum of truth lengths;
     vehicle: colour accuracy and type accuracy;
   overall and per lighting and camera value.

    pip install pycocotools==2.0.11 numpy==2.4.6
    python3 Datasets/plates-detection-synthetic/reference_metrics.py
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import coco_reference as C  # noqa: E402  (Datasets/coco_reference.py)


def levenshtein(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def matched_pairs(gt, dt):
    """(detection, gt annotation) pairs matched by pycocotools at IoU 0.5, area all, maxDets 100."""
    E, _, _ = C.evaluate(gt, dt)
    anns = {a["id"]: a for a in gt["annotations"]}
    all_rng = E.params.areaRng[E.params.areaRngLbl.index("all")]
    pairs = []
    for e in E.evalImgs:
        if e is None or e["aRng"] != all_rng:
            continue
        for j, dt_id in enumerate(e["dtIds"]):
            gt_id = int(e["dtMatches"][0][j])
            if gt_id and not e["dtIgnore"][0][j]:
                pairs.append((dt[dt_id - 1], anns[gt_id]))  # loadRes numbers results 1.. in file order
    return pairs


def agreement(pairs):
    plates = [(d, g) for d, g in pairs if g["category_id"] == 1]
    vehicles = [(d, g) for d, g in pairs if g["category_id"] == 2]
    edits = sum(levenshtein(d["attributes"]["plate"], g["attributes"]["plate"]) for d, g in plates)
    chars = sum(len(g["attributes"]["plate"]) for _, g in plates)
    out = {"matched_plates": len(plates), "matched_vehicles": len(vehicles)}
    out["plate_exact_read_rate"] = (sum(d["attributes"]["plate"] == g["attributes"]["plate"] for d, g in plates)
                                    / len(plates)) if plates else None
    out["plate_character_error_rate"] = edits / chars if chars else None
    out["vehicle_colour_accuracy"] = (sum(d["attributes"]["colour"] == g["attributes"]["colour"] for d, g in vehicles)
                                      / len(vehicles)) if vehicles else None
    out["vehicle_type_accuracy"] = (sum(d["attributes"]["type"] == g["attributes"]["type"] for d, g in vehicles)
                                    / len(vehicles)) if vehicles else None
    return out


def extra(gt, dt):
    pairs = matched_pairs(gt, dt)
    img = {im["id"]: im for im in gt["images"]}
    res = {"definition": "pairs = detections matched by pycocotools to a non-ignored gt at IoU 0.50 (area all, "
                         "maxDets 100); plate_exact_read_rate = share of matched plates whose predicted text equals "
                         "the truth; plate_character_error_rate = sum(Levenshtein(pred, truth)) / sum(len(truth)); "
                         "vehicle colour/type accuracy = share of matched vehicles with the right value",
           "overall": agreement(pairs)}
    for attr in ("lighting", "camera"):
        vals = sorted({im[attr] for im in gt["images"]})
        res[attr] = {v: agreement([(d, g) for d, g in pairs if img[g["image_id"]][attr] == v]) for v in vals}
    return {"attribute_agreement": res}


def main():
    doc = C.report(HERE, "ground_truth.json", "predictions.json", ["lighting", "camera"],
                   intersections=[("lighting", "camera")], per_category_stats=True, extra=extra,
                   note="SYNTHETIC data: these numbers describe a made-up detector on made-up images")
    print("overall", [round(x, 4) for x in doc["overall"]["stats"]])
    for k, v in doc["overall"]["per_category_stats"].items():
        print(k, [round(x, 4) for x in v])
    for v, b in doc["slices"]["lighting"].items():
        print(v, [round(x, 4) for x in b["stats"][:3]], round(b["named"]["AR100"], 4))
    print(doc["attribute_agreement"]["overall"])
    for v, b in doc["attribute_agreement"]["lighting"].items():
        print(v, b)


if __name__ == "__main__":
    main()
