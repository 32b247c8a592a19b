#!/usr/bin/env python3
"""Reference metrics for Datasets/compas with scikit-learn -> reference_metrics.json.

Binary task: label two_year_recid, positive label 1 (charged again within two years), score =
decile_score / 10, hard label = pred column = (score >= 0.5) = (decile_score >= 5).
The computation is reference.binary_main (Datasets/reference.py).
The CSVs are not committed: run prepare.py first (see README.md).
Usage: python3 Datasets/compas/reference_metrics.py
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import reference as R  # noqa: E402  (Datasets/reference.py)

if __name__ == "__main__":
    R.binary_main(HERE, "compas", label="two_year_recid", attributes=["sex", "race", "age_cat"],
                  intersections=[("sex", "race")], threshold=0.5)
