#!/usr/bin/env python3
"""Generate Datasets/face-verification-synthetic/: SYNTHETIC face embeddings for the `verification` task.

*** THESE DATA ARE SYNTHETIC. *** No face, photograph, person or face-recognition model is behind
any number here: every "embedding" is a made-up vector drawn from a seeded pseudo-random generator,
and the subjects, their gender, age band and region are made up too.

400 made-up subjects s0001..s0400, each with attributes gender (female/male), age_band
(18-29/30-44/45-59/60+) and region (north/south/east/west/central; made-up names, no real place).
Each subject has a unit "identity" centroid in R^64; a template (one embedding) is the centroid plus
isotropic noise, then multiplied by an arbitrary norm in [5, 30) (the rows are NOT normalised: the
scorer must L2-normalise them). Modelled on the benchmark generator bench/gen/gen_face.py, small:
  * demographic direction: each (gender, region) group has a unit direction g; a subject's
    centroid is unit(sqrt(1 - a^2) * unit(z) + a * g) with a = ALPHA[region], so two different
    subjects of one group are more similar than two random ones (cosine about a^2): impostor
    similarity, hence FMR at a global threshold, is higher within groups and differs by region;
  * per-subject noise: variance = 0.55 * (0.6 + 0.8 u)^2 * (NOISE_AGE[age] * NOISE_REGION[region])^2
    spread over the 64 dimensions (u uniform), so mated similarity, hence FNMR, differs by group;
  * probes: every subject has 1 probe, 8 subjects have 2 (PROBES_2); 20 subjects (about 5 % of
    the probes) have NO gallery template (non-mated searches: every comparison of their probes
    is an impostor comparison);
  * gallery: each of the other 380 subjects has 1 gallery template, or 2 with probability 0.35;
  * probe rows and gallery rows are in shuffled order: mates are found through the subject ids.

Writes (in this folder):
  probes.npy, gallery.npy   float32 '<f4', C order, numpy .npy format 1.0, [n, 64], not normalised
  probes.csv, gallery.csv   template,subject: data row k describes row k of the matrix;
                            template ids p0001.. / g0001.. in row order
  subjects.csv              subject,gender,age_band,region
  scores.csv                probe,reference,score: every probe x gallery pair, probe-major in row
                            order; score = cosine similarity in float32 (see below), written with
                            9 significant digits (f"{float(x):.9g}"), which reads back as the same
                            float32
  scores.jsonl              the same rows as {"probe": ..., "reference": ..., "score": ...}
  dataset.json              the manifest (sha256 and rows of probes.csv, gallery.csv, subjects.csv)

Score: each row is L2-normalised in float32: its norm is computed in float64 (the sum of the
squares of the float32 values, in column order, then sqrt), cast to float32, and every float32
element is divided by it in float32; the scores are then the float32 matrix product
probes_n @ gallery_n.T computed by numpy (numpy's BLAS sgemm, as cblas_sgemm of the normalised
rows computes it).

Deterministic: numpy.random.Generator(PCG64(SEED)); only Generator.random() (uniform doubles) is
drawn; categorical draws by inverse CDF, normals as a sum of 12 uniforms minus 6 (Irwin-Hall),
summed in a fixed order, and only +, -, *, / and sqrt (correctly rounded) are applied to them, so the
embeddings are the same bytes on any machine with the same numpy random stream (made with numpy
2.4.6). The scores come from numpy's float32 matmul: another BLAS kernel (another CPU) may differ
in the last bits of a few scores; README.md says by how much.

Usage:  python3 Datasets/face-verification-synthetic/generate.py && python3 Datasets/verify.py
"""
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import manifest_tools as T  # noqa: E402  (Datasets/manifest_tools.py)

SEED = 20261207
N_SUBJECTS = 400
DIM = 64
N_NO_GALLERY = 20        # subjects whose probe has no gallery mate (non-mated searches)
N_TWO_PROBES = 8         # subjects with 2 probes (chosen among the mated ones)
P_TWO_GALLERY = 0.35     # probability that a mated subject has 2 gallery templates
NORM_RANGE = (5.0, 30.0)  # arbitrary norms of the written rows

GENDER = (["female", "male"], [0.5, 0.5])
AGE_BAND = (["18-29", "30-44", "45-59", "60+"], [0.28, 0.32, 0.24, 0.16])
REGION = (["north", "south", "east", "west", "central"], [0.28, 0.24, 0.20, 0.16, 0.12])
ALPHA = {"north": 0.24, "south": 0.31, "east": 0.38, "west": 0.45, "central": 0.52}
NOISE_AGE = {"18-29": 1.0, "30-44": 1.0, "45-59": 1.1, "60+": 1.3}
NOISE_REGION = {"north": 1.0, "south": 1.05, "east": 1.1, "west": 1.18, "central": 1.25}
BASE_VARIANCE = 0.55


def pick(u, choices):
    """Inverse CDF of a categorical distribution at the uniforms u (array): the first index k with
    u < p[0] + ... + p[k] (the last index when rounding leaves u above the total)."""
    values, probs = choices
    cumulative, acc = [], 0.0
    for p in probs:
        acc += p
        cumulative.append(acc)
    out = np.full(u.shape, len(values) - 1, dtype=np.int64)
    for k in range(len(values) - 1, -1, -1):
        out[u < cumulative[k]] = k
    return out


def normal(g, shape):
    """Standard normals (approximately): Irwin-Hall, 12 uniforms minus 6, summed in order."""
    u = g.random(tuple(shape) + (12,))
    z = u[..., 0].copy()
    for j in range(1, 12):
        z += u[..., j]
    return z - 6.0


def row_norms(x):
    """Float64 norms of the rows, the squares summed in column order."""
    x = x.astype(np.float64)
    s = np.zeros(x.shape[0])
    for j in range(x.shape[1]):
        s += x[:, j] * x[:, j]
    return np.sqrt(s)


def unit(x):
    return x / row_norms(x)[:, None]


def normalised_f32(x):
    """L2-normalised float32 rows: the float64 norm cast to float32, then a float32 division."""
    return (x / row_norms(x).astype(np.float32)[:, None]).astype(np.float32)


def cosine_scores(probes, gallery):
    return np.matmul(normalised_f32(probes), normalised_f32(gallery).T, dtype=np.float32)


def fmt(x):
    return f"{float(x):.9g}"


def main():
    g = np.random.Generator(np.random.PCG64(SEED))
    n = N_SUBJECTS
    subjects = [f"s{i + 1:04d}" for i in range(n)]
    u = g.random((n, 3))
    gender = pick(u[:, 0], GENDER)
    age = pick(u[:, 1], AGE_BAND)
    region = pick(u[:, 2], REGION)
    age_names = [AGE_BAND[0][k] for k in age]
    region_names = [REGION[0][k] for k in region]

    # which subjects have no gallery template, which have 2 probes, which have 2 gallery templates
    order = np.argsort(g.random(n), kind="stable")
    no_gallery = np.zeros(n, dtype=bool)
    no_gallery[order[:N_NO_GALLERY]] = True
    two_probes = np.zeros(n, dtype=bool)
    two_probes[order[N_NO_GALLERY:N_NO_GALLERY + N_TWO_PROBES]] = True
    n_gallery = np.where(no_gallery, 0, np.where(g.random(n) < P_TWO_GALLERY, 2, 1))
    n_probes = np.where(two_probes, 2, 1)

    # identity centroids with a shared direction per (gender, region) group
    group = gender * len(REGION[0]) + region
    directions = unit(normal(g, (len(GENDER[0]) * len(REGION[0]), DIM)))
    alpha = np.array([ALPHA[r] for r in region_names])
    own = unit(normal(g, (n, DIM)))
    centroid = unit(np.sqrt(1.0 - alpha * alpha)[:, None] * own + alpha[:, None] * directions[group])
    factor = np.array([NOISE_AGE[a] * NOISE_REGION[r] for a, r in zip(age_names, region_names)])
    spread = 0.6 + 0.8 * g.random(n)
    variance = BASE_VARIANCE * spread * spread * factor * factor
    sd = np.sqrt(variance / DIM)

    def templates(counts):
        owner = np.repeat(np.arange(n), counts)
        rows = centroid[owner] + sd[owner][:, None] * normal(g, (owner.size, DIM))
        rows *= NORM_RANGE[0] + (NORM_RANGE[1] - NORM_RANGE[0]) * g.random(owner.size)[:, None]
        shuffle = np.argsort(g.random(owner.size), kind="stable")
        return np.ascontiguousarray(rows[shuffle], dtype="<f4"), owner[shuffle]

    probes, probe_owner = templates(n_probes)
    gallery, gallery_owner = templates(n_gallery)

    files = []
    for name, matrix, owner, prefix in (("probes", probes, probe_owner, "p"), ("gallery", gallery, gallery_owner, "g")):
        np.save(os.path.join(HERE, name + ".npy"), matrix)
        rows = [[f"{prefix}{k + 1:04d}", subjects[s]] for k, s in enumerate(owner.tolist())]
        role = "ground_truth" if name == "probes" else "gallery"
        files.append(T.write_file(HERE, name + ".csv", role, ["template", "subject"], rows))
    files.append(T.write_file(HERE, "subjects.csv", "metadata", ["subject", "gender", "age_band", "region"],
                              [[s, GENDER[0][x], a, r] for s, x, a, r in zip(subjects, gender, age_names, region_names)]))

    scores = cosine_scores(probes, gallery)
    probe_ids = [f"p{k + 1:04d}" for k in range(probes.shape[0])]
    gallery_ids = [f"g{k + 1:04d}" for k in range(gallery.shape[0])]
    text = [[fmt(x) for x in row] for row in scores.tolist()]
    with open(os.path.join(HERE, "scores.csv"), "w", newline="") as f:
        f.write("probe,reference,score\n")
        f.write("".join(f"{p},{r},{s}\n" for p, row in zip(probe_ids, text) for r, s in zip(gallery_ids, row)))
    with open(os.path.join(HERE, "scores.jsonl"), "w", newline="") as f:
        f.write("".join(f'{{"probe": "{p}", "reference": "{r}", "score": {s}}}\n'
                        for p, row in zip(probe_ids, text) for r, s in zip(gallery_ids, row)))

    m = T.manifest(
        "face-verification-synthetic",
        "SYNTHETIC face-verification data: made-up 64-dimensional embeddings (float32, not normalised) of "
        f"{n} made-up subjects with gender, age band and region, {probes.shape[0]} probe templates "
        f"({int(n_probes[no_gallery].sum())} without a gallery mate) and {gallery.shape[0]} gallery templates; "
        "a demographic direction per gender x region group raises impostor similarity within groups and the "
        "noise differs by age band and region. probes.csv / gallery.csv map matrix rows to subjects; "
        "scores.csv holds every probe x gallery cosine score. No real faces or people; generated by generate.py (seeded).",
        "CC0-1.0",
        f"generate.py in this folder, seed {SEED} (numpy Generator(PCG64)); not real data",
        files,
        {"id": "template", "subject": "subject", "attributes": ["gender", "age_band", "region"]})
    T.write_manifest(HERE, m)
    print(f"face-verification-synthetic (SYNTHETIC): {n} subjects, {probes.shape[0]} probes, "
          f"{gallery.shape[0]} gallery templates, d={DIM}, {scores.size} scores")
    for name in ("probes.npy", "gallery.npy", "scores.csv", "scores.jsonl"):
        print(f"  {T.sha256(os.path.join(HERE, name))}  {name}")


if __name__ == "__main__":
    main()
