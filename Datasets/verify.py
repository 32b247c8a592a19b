#!/usr/bin/env python3
"""Check every Datasets/*/dataset.json against the files it names (standard library only).

For each manifest: the required keys and "evalkit_dataset": 1; for each listed file that is
present, its sha256 and its number of data rows (header excluded); that the id, label / labels and
attribute columns are in the ground-truth file's header and the id column in the predictions'.
Events datasets: a file with role "metadata" (the recordings table) holds the id, the attribute
columns and the optional "duration" / "fps" columns; the ground truth then holds the id, the label
and the optional "onset" / "offset" columns.
Verification datasets (columns.subject, no label): the probes (role "ground_truth") and the
gallery (role "gallery") hold the id (template) and subject columns, template ids unique; the
"metadata" file (the subjects table) holds the subject and attribute columns, one row per subject,
and names every subject of the probes and the gallery.
COCO files (format "coco"): rows = the ground truth's images[] entries / the results; the id and
attribute keys on every images[] entry; results well-formed and on the ground truth's images.
Tracking datasets (MOT directories, format "mot"; no label): the "metadata" file (the sequences
table) holds the id, the optional "length" / "frame_rate" / "width" / "height" columns and the
attributes, one row per sequence; each MOT directory holds exactly one `<sequence>.txt` per row,
its sha256 is over those files' bytes concatenated in the table's row order and its rows are their
lines; every line has 9 comma-separated fields (ground truth: frame,id,x,y,w,h,conf,class,visibility)
or 10 (predictions: frame,id,x,y,w,h,conf,class,-1,-1), an integer frame in 1..length and an
integer id not repeated within its frame.
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
    coco = any(f.get("format") == "coco" for f in m["files"])
    tracking = any(f.get("format") == "mot" for f in m["files"])
    verification = "subject" in cols
    if tracking:
        if "label" in cols or "labels" in cols:
            errors.append("a tracking manifest (MOT files) names no label")
    elif verification:
        if "label" in cols or "labels" in cols:
            errors.append("a verification manifest (columns.subject) names no label")
    elif ("label" in cols) == ("labels" in cols) and not (coco and "label" not in cols and "labels" not in cols):
        errors.append("columns needs exactly one of 'label' and 'labels'" + (" (or neither, for COCO files)" if coco else ""))
    ignored = set()
    gi = os.path.join(folder, ".gitignore")
    if os.path.exists(gi):
        ignored = {l.strip().lstrip("/") for l in open(gi) if l.strip() and not l.startswith("#")}
    coco_gt_images = None
    has_metadata = any(f["role"] == "metadata" for f in m["files"])
    template_subjects, known_subjects = [], None
    sequences = None
    for f in sorted(m["files"], key=lambda f: f["role"] != "ground_truth"):
        fp = os.path.join(folder, f["path"])
        if f.get("format") == "mot":
            continue                                   # after the sequences table, below
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
        if f.get("format") == "coco":
            coco_gt_images = check_coco(f, raw, cols, errors, coco_gt_images)
            continue
        table = list(csv.reader(raw.decode("utf-8").splitlines()))
        header, rows = table[0], len(table) - 1
        if rows != f["rows"]:
            errors.append(f"{f['path']}: {rows} data rows, manifest says {f['rows']}")
        wanted = [cols["id"]]
        if verification:
            wanted = ([cols["subject"]] + cols["attributes"]) if f["role"] == "metadata" else [cols["id"], cols["subject"]]
            absent = [c for c in wanted if c not in header]
            if absent:
                errors.append(f"{f['path']}: columns {absent} not in header {header}")
                continue
            column = [r[header.index(cols["subject"] if f["role"] == "metadata" else cols["id"])] for r in table[1:]]
            if len(set(column)) != len(column):
                errors.append(f"{f['path']}: repeated {'subjects' if f['role'] == 'metadata' else 'template ids'}")
            if f["role"] == "metadata":
                known_subjects = set(column)
            else:
                template_subjects += [(f["path"], r[header.index(cols["subject"])]) for r in table[1:]]
            continue
        if f["role"] == "ground_truth":
            wanted += ([cols["label"]] if "label" in cols else cols["labels"])
            wanted += [cols[k] for k in ("onset", "offset") if k in cols]
            wanted += [] if has_metadata else cols["attributes"]
        elif f["role"] == "metadata":
            wanted += [cols[k] for k in ("duration", "fps", "length", "frame_rate", "width", "height") if k in cols]
            wanted += cols["attributes"]
        absent = [c for c in wanted if c not in header]
        if absent:
            errors.append(f"{f['path']}: columns {absent} not in header {header}")
        elif tracking and f["role"] == "metadata":
            ids = [r[header.index(cols["id"])] for r in table[1:]]
            if len(set(ids)) != len(ids):
                errors.append(f"{f['path']}: repeated sequence names")
            lengths = [r[header.index(cols["length"])] for r in table[1:]] if "length" in cols else [None] * len(ids)
            sequences = list(zip(ids, lengths))
    for f in [f for f in m["files"] if f.get("format") == "mot"]:
        if sequences is None:
            errors.append(f"{f['path']}: a MOT directory needs the sequences table (a csv file with role metadata)")
        else:
            check_mot(folder, f, sequences, errors)
    if verification and known_subjects is not None:
        unknown = sorted({(p, s) for p, s in template_subjects if s not in known_subjects})
        if unknown:
            errors.append(f"subjects not in the metadata file: {unknown[:5]}")
    return errors, notes


def check_mot(folder, f, sequences, errors):
    """A MOT directory: one <sequence>.txt per sequence (no others); sha256 over them concatenated
    in the sequences table's order; rows = their lines; fields, frames and ids well-formed."""
    path = os.path.join(folder, f["path"])
    if not os.path.isdir(path):
        errors.append(f"{f['path']}: missing (a MOT directory)")
        return
    names = {name + ".txt" for name, _ in sequences}
    extra = sorted(n for n in os.listdir(path) if n.endswith(".txt") and n not in names)
    if extra:
        errors.append(f"{f['path']}: files not in the sequences table: {extra[:5]}")
    fields = 9 if f["role"] == "ground_truth" else 10
    digest, rows = hashlib.sha256(), 0
    for name, length in sequences:
        fp = os.path.join(path, name + ".txt")
        if not os.path.exists(fp):
            errors.append(f"{f['path']}/{name}.txt: missing")
            continue
        raw = open(fp, "rb").read()
        digest.update(raw)
        lines = raw.decode("utf-8").splitlines()
        rows += len(lines)
        seen, bad = set(), []
        for k, line in enumerate(lines, 1):
            r = line.split(",")
            try:
                frame, ident = int(r[0]), int(r[1])
                [float(v) for v in r[2:]]
            except (ValueError, IndexError):
                bad.append(f"line {k}: not numbers")
                continue
            if len(r) != fields:
                bad.append(f"line {k}: {len(r)} fields, expected {fields}")
            if length is not None and not 1 <= frame <= int(length):
                bad.append(f"line {k}: frame {frame} outside 1..{length}")
            if (frame, ident) in seen:
                bad.append(f"line {k}: id {ident} repeated in frame {frame}")
            seen.add((frame, ident))
        if bad:
            errors.append(f"{f['path']}/{name}.txt: {len(bad)} bad lines, e.g. {bad[0]}")
    if digest.hexdigest() != f["sha256"]:
        errors.append(f"{f['path']}: sha256 {digest.hexdigest()} (files in sequences-table order), "
                      f"manifest says {f['sha256']}")
    if rows != f.get("rows", rows):
        errors.append(f"{f['path']}: {rows} lines, manifest says {f['rows']}")


def check_coco(f, raw, cols, errors, gt_images):
    """A COCO file: ground truth = an object with images/annotations/categories, rows = images,
    columns.id and every attribute a key of each images[] entry; predictions = a list of results
    with image_id/category_id/bbox/score, rows = results, every image_id among the gt's images.
    Returns the gt's image ids (or the ones passed in)."""
    try:
        doc = json.loads(raw.decode("utf-8"))
    except ValueError as e:
        errors.append(f"{f['path']}: not JSON ({e})")
        return gt_images
    if f["role"] == "ground_truth":
        if not isinstance(doc, dict) or not all(k in doc for k in ("images", "annotations", "categories")):
            errors.append(f"{f['path']}: a COCO ground truth needs images, annotations and categories")
            return gt_images
        rows = len(doc["images"])
        keys = [cols["id"]] + cols.get("attributes", [])
        for k in keys:
            missing = sum(1 for im in doc["images"] if k not in im)
            if missing:
                errors.append(f"{f['path']}: {missing} images[] entries lack the key {k!r}")
        gt_images = {im.get(cols["id"]) for im in doc["images"]}
        cats = {c["id"] for c in doc["categories"]}
        bad = sum(1 for a in doc["annotations"] if a.get("image_id") not in gt_images or a.get("category_id") not in cats)
        if bad:
            errors.append(f"{f['path']}: {bad} annotations name an image or category that is not listed")
    else:
        if not isinstance(doc, list):
            errors.append(f"{f['path']}: COCO results must be a JSON list")
            return gt_images
        rows = len(doc)
        need = ("image_id", "category_id", "bbox", "score")
        bad = sum(1 for d in doc if not all(k in d for k in need))
        if bad:
            errors.append(f"{f['path']}: {bad} results lack one of {list(need)}")
        if gt_images is not None:
            unknown = {d.get("image_id") for d in doc} - gt_images
            if unknown:
                errors.append(f"{f['path']}: image_id(s) not in the ground truth: {sorted(unknown)[:5]}")
    if rows != f["rows"]:
        errors.append(f"{f['path']}: {rows} rows (images / results), manifest says {f['rows']}")
    return gt_images


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
