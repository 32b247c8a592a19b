"""Binary classification rows for the memory-scaling benchmark (docs/performance.md, "Memory").

Writes N rows of `id,label,score,pred` (ids 0..N-1, prevalence 0.3, scores with 6 decimals drawn
from two overlapping distributions, pred = score >= 0.5), in chunks, seeded: the same N gives the
same file. Synthetic; used to show that peak memory does not grow with the row count.

Usage: python3 Benchmarks/gen_binary_rows.py N OUT.csv
"""
import sys

import numpy as np

CHUNK = 2_000_000


def main():
    n, path = int(float(sys.argv[1])), sys.argv[2]
    generator = np.random.default_rng(20261206)
    with open(path, "w") as out:
        out.write("id,label,score,pred\n")
        for start in range(0, n, CHUNK):
            m = min(CHUNK, n - start)
            ids = np.arange(start, start + m)
            label = (generator.random(m) < 0.3).astype(np.int64)
            score = np.clip(generator.normal(0.35 + 0.3 * label, 0.18), 0, 1).round(6)
            pred = (score >= 0.5).astype(np.int64)
            rows = np.char.add(np.char.add(np.char.add(np.char.add(np.char.add(np.char.add(
                ids.astype(str), ","), label.astype(str)), ","), np.char.mod("%.6f", score)), ","), pred.astype(str))
            out.write("\n".join(rows.tolist()))
            out.write("\n")


if __name__ == "__main__":
    main()
