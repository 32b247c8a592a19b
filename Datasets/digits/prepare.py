#!/usr/bin/env python3
"""Build Datasets/digits/ (multiclass, 10 classes) from the UCI handwritten-digits test set that
scikit-learn ships (sklearn/datasets/data/digits.csv.gz: 1,797 8x8 images, pixel values 0..16).

    pip install scikit-learn==1.9.1
    python3 Datasets/digits/prepare.py

Task:       which digit, "0".."9" (label column `digit`, strings).
Condition:  `ink`, the image's total pixel intensity (sum of the 64 values, 185..433 here) in
            three bands with fixed cut points: light < 295 <= medium < 329 <= heavy (about a
            third of the rows each). It is computed from the image itself, not recorded by UCI.
Model:      scikit-learn multinomial LogisticRegression on the 64 standardised pixels. Every row
            gets an out-of-fold prediction: 5-fold StratifiedKFold(shuffle=True,
            random_state=SEED), each fold scored by a model trained on the other four.
Writes:     ground_truth.csv (id, digit, ink); predictions.csv (id, pred, score_0 .. score_9:
            probabilities with 4 decimals that sum to exactly 1, by largest-remainder rounding;
            pred = the digit with the highest written score, ties to the smaller digit);
            dataset.json.
Deterministic: seeded folds, lbfgs; re-running writes the same bytes (made with scikit-learn
1.9.1, numpy 2.4.6).
"""
import gzip
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import manifest_tools as T  # noqa: E402  (Datasets/manifest_tools.py)

SOURCE_PACKAGE = "scikit-learn==1.9.1"
SOURCE_SHA256 = "6ebb3d2fee246a4e99363262ddf8a00a3c41bee6014c373ed9d9216ba7f651b8"  # of the gunzipped CSV
SEED = 0
CLASSES = [str(d) for d in range(10)]
INK_CUTS = (295, 329)


def source_path():
    return os.path.join(T.package_dir("sklearn", SOURCE_PACKAGE),
                        "datasets", "data", "digits.csv.gz")


def ink(total):
    return "light" if total < INK_CUTS[0] else "medium" if total < INK_CUTS[1] else "heavy"


def to_units(p):
    """Probabilities as integers of 1/10,000 that sum to exactly 10,000 (largest remainder:
    floor each, then give the missing units to the largest remainders, ties to the first class)."""
    exact = [float(v) * 10000 for v in p]
    units = [math.floor(v) for v in exact]
    order = sorted(range(len(units)), key=lambda k: (-(exact[k] - units[k]), k))
    for k in order[:10000 - sum(units)]:
        units[k] += 1
    return units


def main():
    import numpy as np
    import sklearn
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    path = source_path()
    raw = T.checked(gzip.open(path).read(), SOURCE_SHA256, f"{path} (gunzipped)", SOURCE_PACKAGE)
    data = np.array([[int(float(x)) for x in line.split(",")]
                     for line in raw.decode("ascii").splitlines() if line.strip()])
    assert data.shape == (1797, 65), data.shape
    X, y = data[:, :64].astype(float), data[:, 64]

    model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=5000))
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    proba = cross_val_predict(model, X, y, cv=folds, method="predict_proba")

    truth, preds = [], []
    for i, (pixels, digit, p) in enumerate(zip(data[:, :64], y, proba), start=1):
        units = to_units(p)
        best = max(range(len(CLASSES)), key=lambda k: (units[k], -k))
        truth.append([i, str(digit), ink(int(pixels.sum()))])
        preds.append([i, CLASSES[best]] + [f"{u // 10000}.{u % 10000:04d}" for u in units])
    files = T.write_tables(
        HERE, (["id", "digit", "ink"], truth),
        (["id", "pred"] + [f"score_{c}" for c in CLASSES], preds),
        produced_by=(f"scikit-learn {sklearn.__version__} multinomial LogisticRegression on "
                     "the 64 pixels, 5-fold out-of-fold predictions by prepare.py; "
                     "pred = argmax score"))
    T.write_manifest(HERE, T.manifest(
        name="digits",
        description=("1,797 handwritten digits (UCI optdigits test set, 8x8 images) with an ink "
                     "condition (light / medium / heavy total intensity) and out-of-fold outputs "
                     "of a 10-class logistic regression trained by prepare.py."),
        license="CC BY 4.0 (UCI Machine Learning Repository)",
        source=("https://archive.ics.uci.edu/dataset/80/optical+recognition+of+handwritten+digits ; "
                "Alpaydin, E. and Kaynak, C. (1998). Optical Recognition of Handwritten Digits "
                "[Dataset]. UCI Machine Learning Repository. https://doi.org/10.24432/C50P49 ; "
                f"file read from the PyPI package {SOURCE_PACKAGE} "
                "(sklearn/datasets/data/digits.csv.gz)"),
        files=files,
        columns={"id": "id", "label": "digit", "attributes": ["ink"]}))
    print(f"wrote {files[0]['rows']} rows "
          f"(scikit-learn {sklearn.__version__}, numpy {np.__version__})")


if __name__ == "__main__":
    main()
