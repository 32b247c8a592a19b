"""Small embedding matrices for evalkit's EmbeddingReader tests (Tests/EvalKitDataTests/EmbeddingReaderTests.swift).

Writes, next to this script:
- good_v1.npy, good_v2.npy, good_v3.npy: the same 3 x 4 float32 matrix in .npy format versions 1.0,
  2.0 and 3.0 (numpy.lib.format.write_array with version=...);
- good.f32 + good.json: the same matrix as raw little-endian float32 bytes (ndarray.tofile) and the
  JSON header that describes them;
- empty_rows.npy: a 0 x 4 float32 matrix (allowed);
- nonfinite.npy: 4 x 3 with NaN at (1, 2), +Inf at (2, 0) and -Inf at (2, 1); rows 0 and 3 finite;
- zero_row.npy: 3 x 2 with row 1 all zeros;
- bad inputs: big_endian.npy ('>f4'), float64.npy ('<f8'), fortran.npy (fortran_order True),
  three_d.npy (shape (2, 2, 2)), one_d.npy (shape (3,)), zero_columns.npy (shape (3, 0)),
  truncated.npy (good_v1.npy without its last 3 bytes), trailing.npy (good_v1.npy and 4 more
  bytes), bad_magic.npy (good_v1.npy with its first byte changed), version_4.npy (major version 4);
- expected.json: the good matrix's values as float32 bit patterns (hex), for exact comparison, the
  sha256 of the good files (hashlib), and the bits of the good and zero_row matrices with rows
  scaled to unit norm (`normalized` below, evalkit's definition).

    /root/.cache/evalkit-peers-venv/bin/python Tests/Fixtures/embeddings/make_fixtures.py   # numpy 2.x

Deterministic: the output is byte-identical on every run.
"""
import hashlib
import json
import os

import numpy as np
from numpy.lib import format as npformat

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


def save(name, array, version=None):
    with open(path(name), "wb") as f:
        npformat.write_array(f, array, version=version, allow_pickle=False)


def bits(array):
    return [["%08x" % b for b in row] for row in array.view("<u4").tolist()]


def normalized(array):
    """evalkit's EmbeddingMatrix.normalizeRows: the norm summed in float64 (in column order), the
    scale 1 / norm rounded to float32 and applied in float32, or when that scale is not a normal
    float32, each value divided by the norm in float64; zero rows unchanged."""
    out = array.copy()
    for i, row in enumerate(array):
        total = 0.0
        for v in row.astype(np.float64):
            total += v * v
        if total > 0:
            norm = np.sqrt(total)
            with np.errstate(over="ignore"):
                scale = np.float32(1 / norm)
            if np.isfinite(scale) and abs(scale) >= np.finfo(np.float32).tiny:
                out[i] = row * scale
            else:
                out[i] = (row.astype(np.float64) / norm).astype(np.float32)
    return out


def main():
    # a[i, j] = i * 0.5 + j, with a few values that need all 32 bits: 0.1, -0.0, the smallest
    # subnormal, the largest finite float32 and a value just below 1.
    good = np.array([[i * 0.5 + j for j in range(4)] for i in range(3)], dtype="<f4")
    good[0, 1] = np.float32(0.1)
    good[1, 2] = np.float32(-0.0)
    good[2, 0] = np.float32(1e-45)
    good[2, 3] = np.finfo(np.float32).max
    good[1, 3] = np.nextafter(np.float32(1), np.float32(0))
    for version in [(1, 0), (2, 0), (3, 0)]:
        save("good_v%d.npy" % version[0], good, version)
    good.tofile(path("good.f32"))
    with open(path("good.json"), "w") as f:
        json.dump({"file": "good.f32", "dtype": "float32", "byte_order": "little", "order": "C",
                   "shape": list(good.shape)}, f)
        f.write("\n")

    save("empty_rows.npy", np.zeros((0, 4), dtype="<f4"))
    nonfinite = np.arange(12, dtype="<f4").reshape(4, 3)
    nonfinite[1, 2] = np.nan
    nonfinite[2, 0] = np.inf
    nonfinite[2, 1] = -np.inf
    save("nonfinite.npy", nonfinite)
    zero_row = np.array([[3, 4], [0, 0], [0.5, -0.5]], dtype="<f4")
    save("zero_row.npy", zero_row)

    save("big_endian.npy", good.astype(">f4"))
    save("float64.npy", good.astype("<f8"))
    save("fortran.npy", np.asfortranarray(good))
    save("three_d.npy", np.zeros((2, 2, 2), dtype="<f4"))
    save("one_d.npy", np.zeros(3, dtype="<f4"))
    save("zero_columns.npy", np.zeros((3, 0), dtype="<f4"))
    with open(path("good_v1.npy"), "rb") as f:
        v1 = f.read()
    with open(path("truncated.npy"), "wb") as f:
        f.write(v1[:-3])
    with open(path("trailing.npy"), "wb") as f:
        f.write(v1 + b"\0\0\0\0")
    with open(path("bad_magic.npy"), "wb") as f:
        f.write(b"\x94" + v1[1:])
    with open(path("version_4.npy"), "wb") as f:
        f.write(v1[:6] + b"\x04\x00" + v1[8:])

    digests = {}
    for name in ["good_v1.npy", "good_v2.npy", "good_v3.npy", "good.json", "good.f32"]:
        with open(path(name), "rb") as f:
            digests[name] = hashlib.sha256(f.read()).hexdigest()
    expected = {
        "shape": list(good.shape),
        "bits": bits(good),
        "sha256": digests,
        "normalized_bits": bits(normalized(good)),
        "zero_row_normalized_bits": bits(normalized(zero_row)),
    }
    with open(path("expected.json"), "w") as f:
        f.write("{\n" + ",\n".join(" %s: %s" % (json.dumps(k), json.dumps(v)) for k, v in expected.items()) + "\n}\n")


if __name__ == "__main__":
    main()
