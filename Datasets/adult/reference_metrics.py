#!/usr/bin/env python3
"""Reference metrics for Datasets/adult with scikit-learn -> reference_metrics.json.

Binary task: label over_50k, positive label 1, hard label = pred column = (score >= 0.5).
The computation is reference.binary_main (Datasets/reference.py).
Usage: python3 Datasets/adult/reference_metrics.py
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import reference as R  # noqa: E402  (Datasets/reference.py)

if __name__ == "__main__":
    R.binary_main(HERE, "adult", label="over_50k", attributes=["sex", "race", "age_band"],
                  intersections=[("sex", "race")], threshold=0.5)
