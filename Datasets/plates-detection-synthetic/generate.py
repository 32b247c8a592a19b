#!/usr/bin/env python3
"""Generate Datasets/plates-detection-synthetic/: SYNTHETIC number-plate and vehicle detection.

Nothing here comes from real cameras, vehicles or number plates. Each of N=400 made-up road-camera
images has
  image metadata (strings):  camera (cam-a 1920x1080 / cam-b 1280x720 / cam-c 1600x1200),
                             lighting (day / dusk / night; a capture condition)
  ground truth (COCO):       1-4 vehicles (category 2 "vehicle", attributes colour and type
                             car/van/truck) and, for most of them, the vehicle's number plate
                             (category 1 "plate", attribute plate = 7 characters like "AB12CDE":
                             2 letters, 2 digits, 3 letters)
  predictions (COCO results): a made-up detector + plate reader: bbox, score, category_id and
                             predicted attributes ({"plate": the OCR read} / {"colour", "type"}).
The made-up system is built to be worse at night (and a little at dusk and on cam-c), so slices
have something to find:
  * plates missed:       3% by day, 10% at dusk, 30% at night (x1.5 on cam-c)
  * vehicles missed:     2% / 4% / 10%
  * box error:           about 3% of the box size by day, up to 11% (vehicles) / 15% (plates) at
                         night
  * false detections:    on average 0.15 / 0.35 / 0.9 per image (70% "plate", 30% "vehicle")
  * OCR:                 each character that has a look-alike (O/0, I/1, B/8) is read as it with
                         probability 3% / 8% / 20%; each character is dropped with probability
                         0.5% / 2% / 6%
  * colour / type:       read right 95% / 88% / 65% (colour) and 96% / 93% / 85% (type), otherwise
                         a look-alike (white/silver/grey, grey/black/blue, red; van/truck/car)
  * scores:              higher for real objects, lower in worse light; 4 decimals.

Deterministic: random.Random(SEED), only .random() is drawn (choices by inverse CDF), so the stream
does not depend on Python's samplers; re-running writes the same bytes (standard library only).

Usage:  python3 Datasets/plates-detection-synthetic/generate.py
"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import manifest_tools as T  # noqa: E402  (Datasets/manifest_tools.py)

SEED = 20250612
N = 400
CAMERAS = (["cam-a", "cam-b", "cam-c"], [0.40, 0.35, 0.25])
SIZES = {"cam-a": (1920, 1080), "cam-b": (1280, 720), "cam-c": (1600, 1200)}
LIGHTING = (["day", "dusk", "night"], [0.50, 0.20, 0.30])
N_VEHICLES = ([1, 2, 3, 4], [0.40, 0.32, 0.18, 0.10])
TYPES = (["car", "van", "truck"], [0.65, 0.20, 0.15])
COLOURS = (["white", "black", "silver", "grey", "red", "blue"], [0.24, 0.20, 0.18, 0.14, 0.12, 0.12])
COLOUR_LOOKALIKE = {"white": ["silver", "grey"], "silver": ["white", "grey"], "grey": ["silver", "black"],
                    "black": ["grey", "blue"], "blue": ["black", "grey"], "red": ["black", "grey"]}
TYPE_LOOKALIKE = {"car": ["van"], "van": ["truck", "car"], "truck": ["van"]}
WIDTH_FRAC = {"car": (0.10, 0.26), "van": (0.13, 0.30), "truck": (0.18, 0.40)}
ASPECT = {"car": 0.72, "van": 0.95, "truck": 1.0}
PLATE_VISIBLE = 0.93
LOOKALIKE = {"O": "0", "0": "O", "I": "1", "1": "I", "B": "8", "8": "B"}
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIGITS = "0123456789"
# per lighting: plate miss, vehicle miss, box error (vehicle, plate), false detections per image,
# OCR look-alike rate, OCR drop rate, colour right, type right, score shift
COND = {
    "day":   dict(plate_miss=0.03, veh_miss=0.02, err_v=0.03, err_p=0.04, fp=0.15, look=0.03, drop=0.005,
                  colour=0.95, vtype=0.96, shift=0.00),
    "dusk":  dict(plate_miss=0.10, veh_miss=0.04, err_v=0.06, err_p=0.08, fp=0.35, look=0.08, drop=0.02,
                  colour=0.88, vtype=0.93, shift=0.06),
    "night": dict(plate_miss=0.30, veh_miss=0.10, err_v=0.11, err_p=0.15, fp=0.90, look=0.20, drop=0.06,
                  colour=0.65, vtype=0.85, shift=0.15),
}
CAM_C_PLATE_MISS = 1.5


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def u(self, a=0.0, b=1.0):
        return a + (b - a) * self.r.random()

    def chance(self, p):
        return self.r.random() < p

    def pick(self, choices):
        values, probs = choices
        x, acc = self.r.random(), 0.0
        for v, p in zip(values, probs):
            acc += p
            if x < acc:
                return v
        return values[-1]

    def one_of(self, seq):
        return seq[min(int(self.r.random() * len(seq)), len(seq) - 1)]

    def count(self, mean):
        """Poisson(mean) by inversion."""
        x, k, p = self.r.random(), 0, 2.718281828459045 ** -mean
        s = p
        while x > s and k < 20:
            k += 1
            p *= mean / k
            s += p
        return k


def r1(x):
    return round(x, 1)


def clip_box(x, y, w, h, W, H):
    x0, y0 = max(0.0, x), max(0.0, y)
    x1, y1 = min(float(W), x + w), min(float(H), y + h)
    return [r1(x0), r1(y0), r1(max(1.0, x1 - x0)), r1(max(1.0, y1 - y0))]


def noisy(g, box, s, W, H):
    x, y, w, h = box
    return clip_box(x + g.u(-s, s) * w, y + g.u(-s, s) * h, w * (1 + g.u(-s, s)), h * (1 + g.u(-s, s)), W, H)


def plate_text(g):
    return ("".join(g.one_of(LETTERS) for _ in range(2)) + "".join(g.one_of(DIGITS) for _ in range(2))
            + "".join(g.one_of(LETTERS) for _ in range(3)))


def ocr(g, text, c):
    out = []
    for ch in text:
        if g.chance(c["drop"]):
            continue
        if ch in LOOKALIKE and g.chance(c["look"]):
            ch = LOOKALIKE[ch]
        out.append(ch)
    return "".join(out)


def score(g, real, c):
    base = g.u(0.55, 0.99) if real else g.u(0.05, 0.62)
    return round(min(0.9999, max(0.0001, base - c["shift"] * g.u(0.3, 1.0))), 4)


def main():
    g = Gen(SEED)
    images, anns, dets = [], [], []
    aid = 1
    for img_id in range(1, N + 1):
        camera = g.pick(CAMERAS)
        lighting = g.pick(LIGHTING)
        W, H = SIZES[camera]
        c = COND[lighting]
        images.append({"id": img_id, "file_name": f"{camera}/{img_id:06d}.jpg", "width": W, "height": H,
                       "camera": camera, "lighting": lighting})
        for _ in range(g.pick(N_VEHICLES)):
            vtype, colour = g.pick(TYPES), g.pick(COLOURS)
            lo, hi = WIDTH_FRAC[vtype]
            w = W * g.u(lo, hi)
            h = min(H * 0.9, w * ASPECT[vtype] * g.u(0.85, 1.15))
            x, y = g.u(0, W - w), g.u(H * 0.05, H - h)
            vbox = [r1(x), r1(y), r1(w), r1(h)]
            anns.append({"id": aid, "image_id": img_id, "category_id": 2, "bbox": vbox,
                         "area": round(vbox[2] * vbox[3], 2), "iscrowd": 0,
                         "attributes": {"colour": colour, "type": vtype}})
            aid += 1
            if not g.chance(c["veh_miss"]):
                pc = colour if g.chance(c["colour"]) else g.one_of(COLOUR_LOOKALIKE[colour])
                pt = vtype if g.chance(c["vtype"]) else g.one_of(TYPE_LOOKALIKE[vtype])
                dets.append({"image_id": img_id, "category_id": 2, "bbox": noisy(g, vbox, c["err_v"], W, H),
                             "score": score(g, True, c), "attributes": {"colour": pc, "type": pt}})
                if lighting == "night" and g.chance(0.05):  # a duplicate box on the same vehicle
                    dets.append({"image_id": img_id, "category_id": 2, "bbox": noisy(g, vbox, 0.25, W, H),
                                 "score": score(g, False, c), "attributes": {"colour": pc, "type": pt}})
            if g.chance(PLATE_VISIBLE):
                pw = vbox[2] * g.u(0.20, 0.28)
                ph = pw * g.u(0.20, 0.24)
                px = vbox[0] + (vbox[2] - pw) / 2 + g.u(-0.08, 0.08) * vbox[2]
                py = vbox[1] + vbox[3] * g.u(0.72, 0.86)
                pbox = clip_box(px, py, pw, ph, W, H)
                text = plate_text(g)
                anns.append({"id": aid, "image_id": img_id, "category_id": 1, "bbox": pbox,
                             "area": round(pbox[2] * pbox[3], 2), "iscrowd": 0, "attributes": {"plate": text}})
                aid += 1
                miss = c["plate_miss"] * (CAM_C_PLATE_MISS if camera == "cam-c" else 1.0)
                if not g.chance(miss):
                    dets.append({"image_id": img_id, "category_id": 1, "bbox": noisy(g, pbox, c["err_p"], W, H),
                                 "score": score(g, True, c), "attributes": {"plate": ocr(g, text, c)}})
        for _ in range(g.count(c["fp"])):  # false detections: signs, reflections, ...
            if g.chance(0.7):
                pw = W * g.u(0.02, 0.07)
                box = clip_box(g.u(0, W - pw), g.u(0, H - pw * 0.25), pw, pw * g.u(0.2, 0.3), W, H)
                read = ocr(g, plate_text(g), c)[: 4 + int(g.u(0, 4))]
                dets.append({"image_id": img_id, "category_id": 1, "bbox": box, "score": score(g, False, c),
                             "attributes": {"plate": read}})
            else:
                w = W * g.u(0.08, 0.25)
                box = clip_box(g.u(0, W - w), g.u(0, H - w * 0.8), w, w * g.u(0.6, 1.0), W, H)
                dets.append({"image_id": img_id, "category_id": 2, "bbox": box, "score": score(g, False, c),
                             "attributes": {"colour": g.pick(COLOURS), "type": g.pick(TYPES)}})
    gt = {"info": {"description": "SYNTHETIC road-camera number-plate and vehicle detection ground truth, made by "
                                  "Datasets/plates-detection-synthetic/generate.py (seeded); no real image, vehicle "
                                  "or number plate", "version": "1", "year": 2025, "contributor": "evalkit"},
          "licenses": [{"id": 1, "name": "CC0-1.0", "url": "https://creativecommons.org/publicdomain/zero/1.0/"}],
          "images": images,
          "annotations": anns,
          "categories": [{"id": 1, "name": "plate", "supercategory": "vehicle"},
                         {"id": 2, "name": "vehicle", "supercategory": "vehicle"}]}
    n_plates = sum(1 for a in anns if a["category_id"] == 1)
    files = [
        T.write_coco_file(HERE, "ground_truth.json", "ground_truth", gt,
                          description=f"SYNTHETIC COCO ground truth: {len(images)} images, {len(anns)} annotations "
                                      f"({n_plates} plates, {len(anns) - n_plates} vehicles)"),
        T.write_coco_file(HERE, "predictions.json", "predictions", dets,
                          produced_by="SYNTHETIC detector and plate reader simulated by generate.py: COCO results "
                                      "with bbox, score (higher = more confident; no threshold applied) and "
                                      "predicted attributes",
                          description=f"SYNTHETIC COCO results: {len(dets)} detections"),
    ]
    m = T.manifest(
        "plates-detection-synthetic",
        "SYNTHETIC road-camera object detection: 400 made-up images with number plates (category 1, attribute "
        "plate = the 7-character text) and vehicles (category 2, attributes colour and type), sliced by camera "
        "and lighting, and a made-up detector + plate reader that is worse at night; no real images, vehicles "
        "or plates, generated by generate.py (seeded).",
        "CC0-1.0, synthetic, generated by generate.py",
        f"generate.py in this folder (random.Random seed {SEED}); not real data",
        files,
        {"id": "id", "attributes": ["lighting", "camera"], "object_attributes": ["colour", "type"]})
    T.write_manifest(HERE, m)
    print(f"wrote {HERE}: {len(images)} images, {len(anns)} annotations, {len(dets)} detections")


if __name__ == "__main__":
    main()
