#!/usr/bin/env python3
"""Check every Datasets/*/dataset.json against the files it names (standard library only).

For each manifest: the required keys and "evalkit_dataset": 1; for each listed file that is
present, its sha256 and its number of data rows (header excluded); that the id, label / labels and
attribute columns are in the ground-truth file's header and the id column in the predictions'.
A file that is absent is reported and skipped only when the dataset's own .gitignore lists it
(data made locally by prepare.py and not committed, like compas); otherwise it is an error.

Usage: python3 Datasets/verify.py [DATASET_DIR ...]      exit 0 when all checks pass, 1 otherwise
"""
import csv
import glob
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REQUIRED = ["evalkit_dataset", "name", "description", "license", "source", "files", "columns"]


def check(folder):
    errors, notes = [], []
    path = os.path.join(folder, "dataset.json")
    m = json.load(open(path))
    missing = [k for k in REQUIRED if k not in m]
    if missing:
        return [f"missing keys {missing}"], notes
    if m["evalkit_dataset"] != 1:
        errors.append(f"evalkit_dataset is {m['evalkit_dataset']!r}, expected 1")
    cols = m["columns"]
    if ("label" in cols) == ("labels" in cols):
        errors.append("columns needs exactly one of 'label' and 'labels'")
    ignored = set()
    gi = os.path.join(folder, ".gitignore")
    if os.path.exists(gi):
        ignored = {l.strip().lstrip("/") for l in open(gi) if l.strip() and not l.startswith("#")}
    for f in m["files"]:
        fp = os.path.join(folder, f["path"])
        if not os.path.exists(fp):
            if f["path"] in ignored:
                notes.append(f"{f['path']}: not present (not committed; made by the folder's script)")
            else:
                errors.append(f"{f['path']}: missing")
            continue
        raw = open(fp, "rb").read()
        digest = hashlib.sha256(raw).hexdigest()
        if digest != f["sha256"]:
            errors.append(f"{f['path']}: sha256 {digest}, manifest says {f['sha256']}")
        table = list(csv.reader(raw.decode("utf-8").splitlines()))
        header, rows = table[0], len(table) - 1
        if rows != f["rows"]:
            errors.append(f"{f['path']}: {rows} data rows, manifest says {f['rows']}")
        wanted = [cols["id"]]
        if f["role"] == "ground_truth":
            wanted += ([cols["label"]] if "label" in cols else cols["labels"]) + cols["attributes"]
        absent = [c for c in wanted if c not in header]
        if absent:
            errors.append(f"{f['path']}: columns {absent} not in header {header}")
    return errors, notes


def main():
    folders = sys.argv[1:] or sorted(os.path.dirname(p) for p in glob.glob(os.path.join(HERE, "*", "dataset.json")))
    failed = 0
    for folder in folders:
        errors, notes = check(folder)
        name = os.path.basename(os.path.normpath(folder))
        print(f"{name}: {'ok' if not errors else 'FAILED'}")
        for line in notes:
            print(f"  note: {line}")
        for line in errors:
            print(f"  error: {line}")
        failed += bool(errors)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
