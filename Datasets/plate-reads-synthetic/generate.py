#!/usr/bin/env python3
"""Generate Datasets/plate-reads-synthetic/: SYNTHETIC licence-plate reads for the `text` task.

Nothing here comes from real vehicles, cameras or images. Each of N=2,000 rows is a made-up crop
of a licence plate with
  ground truth:  plate (the made-up plate text, upper case, e.g. "AB12 CDE"),
                 lighting (day/dusk/night) and camera (gate-north/gate-south/highway/car-park),
                 capture conditions to slice by
  predictions:   text, what a made-up OCR read on the crop
The made-up OCR is worse in some conditions, so that slices and gates have something to find:
  * per-character error rate 0.03 by day, 0.06 at dusk, 0.14 at night, times a camera factor
    (gate-north 0.8, gate-south 1.0, highway 1.5, car-park 0.9);
  * an error is, in turn: a visual confusion when the character has one (O/0, I/1, B/8, S/5
    and Z/2 each way, and D read as 0; half of the errors), a dropped character (a quarter),
    another character (an eighth), or a spurious extra character after it (an eighth); a
    character without a confusion gets one of the other three;
  * the OCR drops the plate's space in 70% of reads, writes lower case in 5%, and reads nothing
    ("") in 1% of crops by day or at dusk and 4% at night.
Plate formats (made up): "LLDD LLL" (55%), "LLL DDDD" (30%), "DLLLDDD" (15%), L a letter A-Z,
D a digit.

Deterministic: random.Random(SEED); only .random() (uniform doubles) is drawn and every choice is
made from it by inverse CDF, so re-running writes the same bytes on any Python 3.

Usage:  python3 Datasets/plate-reads-synthetic/generate.py && python3 Datasets/verify.py
"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import manifest_tools as T  # noqa: E402  (Datasets/manifest_tools.py)

SEED = 20261122
N = 2000
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIGITS = "0123456789"
FORMATS = (["LLDD LLL", "LLL DDDD", "DLLLDDD"], [0.55, 0.30, 0.15])
LIGHTING = (["day", "dusk", "night"], [0.55, 0.20, 0.25])
CAMERA = (["gate-north", "gate-south", "highway", "car-park"], [0.25, 0.25, 0.30, 0.20])
CHAR_ERROR = {"day": 0.03, "dusk": 0.06, "night": 0.14}
CAMERA_FACTOR = {"gate-north": 0.8, "gate-south": 1.0, "highway": 1.5, "car-park": 0.9}
NOTHING_READ = {"day": 0.01, "dusk": 0.01, "night": 0.04}
CONFUSABLE = {"O": "0", "0": "O", "I": "1", "1": "I", "B": "8", "8": "B",
              "S": "5", "5": "S", "Z": "2", "2": "Z", "D": "0"}
ANY = LETTERS + DIGITS


def pick(u, choices):
    values, probs = choices
    acc = 0.0
    for value, p in zip(values, probs):
        acc += p
        if u < acc:
            return value
    return values[-1]


def one_of(u, text):
    return text[min(int(u * len(text)), len(text) - 1)]


def make_plate(rng):
    pattern = pick(rng.random(), FORMATS)
    out = []
    for c in pattern:
        if c == "L":
            out.append(one_of(rng.random(), LETTERS))
        elif c == "D":
            out.append(one_of(rng.random(), DIGITS))
        else:
            out.append(c)
    return "".join(out)


def read(rng, plate, lighting, camera):
    """What the made-up OCR reads on the crop of `plate`."""
    if rng.random() < NOTHING_READ[lighting]:
        return ""
    rate = CHAR_ERROR[lighting] * CAMERA_FACTOR[camera]
    out = []
    for c in plate:
        if c == " ":
            out.append(c)
            continue
        if rng.random() >= rate:
            out.append(c)
            continue
        kind = rng.random()
        if kind < 0.5 and c in CONFUSABLE:
            out.append(CONFUSABLE[c])
        elif kind < 0.75:
            pass  # dropped
        elif kind < 0.875:
            out.append(one_of(rng.random(), ANY.replace(c, "")))
        else:
            out.append(c)
            out.append(one_of(rng.random(), ANY))
    text = "".join(out)
    if rng.random() < 0.70:
        text = text.replace(" ", "")
    if rng.random() < 0.05:
        text = text.lower()
    return text


def main():
    rng = random.Random(SEED)
    truth_rows, pred_rows = [], []
    for i in range(N):
        lighting = pick(rng.random(), LIGHTING)
        camera = pick(rng.random(), CAMERA)
        plate = make_plate(rng)
        truth_rows.append([i + 1, plate, lighting, camera])
        pred_rows.append([i + 1, read(rng, plate, lighting, camera)])

    files = T.write_tables(
        HERE, (["id", "plate", "lighting", "camera"], truth_rows), (["id", "text"], pred_rows),
        produced_by="synthetic OCR simulated by generate.py (confusions O/0, I/1, B/8, S/5, Z/2, D/0, "
                    "dropped and extra characters; worse at night and on the highway camera)")
    T.write_manifest(HERE, T.manifest(
        name="plate-reads-synthetic",
        description=("SYNTHETIC licence-plate reads: made-up plate texts with lighting and camera "
                     "conditions, and a made-up OCR's reading of each (visual confusions such as O/0, "
                     "I/1, B/8, dropped and extra characters, worse at night); no real vehicles or "
                     "images, generated by generate.py (seeded)."),
        license="CC0-1.0, synthetic, generated by generate.py",
        source=f"generate.py in this folder (Python random.Random seed {SEED}); not real data",
        files=files,
        columns={"id": "id", "label": "plate", "attributes": ["lighting", "camera"]}))
    print(f"wrote {files[0]['rows']} rows (seed {SEED})")


if __name__ == "__main__":
    main()
