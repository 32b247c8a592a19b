#!/usr/bin/env python3
"""Writes jiwer_long.json: jiwer's alignment counts for long reference/hypothesis pairs.

These pairs exercise the bit-parallel alignment of the `text` task (docs/metrics.md, "Text"):
references of 64 and 65 characters and more (one and several 64-bit words), pairs large enough
for rapidfuzz's Hirschberg split (2*band*m/8 >= 2**20 after the common affix is removed),
near-identical pairs (a narrow band), one side very short, many distinct characters (CJK), and
pairs whose best split leaves the reference unsplit. The counts are those of
`jiwer.process_characters` with only `ReduceToListOfListOfChars` (no normalisation), which
aligns with `rapidfuzz.distance.Levenshtein.opcodes`; the script also checks that jiwer's counts
agree with rapidfuzz's own editops.

    python3 -m venv /tmp/jiwer-venv && /tmp/jiwer-venv/bin/pip install jiwer==4.0.0 rapidfuzz==3.14.6
    /tmp/jiwer-venv/bin/python Tests/Fixtures/text/make_long_fixtures.py

Seeded: re-running it with the same jiwer and rapidfuzz versions reproduces the file byte for byte.
"""

import json
import os
import platform
import random
from importlib.metadata import version

import jiwer
import rapidfuzz
from rapidfuzz.distance import Levenshtein

from make_fixtures import mutate  # the same seeded edits as the short fixtures

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "jiwer_long.json")
CJK = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 3000))


def counts(reference, hypothesis):
    transform = jiwer.ReduceToListOfListOfChars()
    out = jiwer.process_characters([reference], [hypothesis], reference_transform=transform,
                                   hypothesis_transform=transform)
    ops = Levenshtein.editops(reference, hypothesis)
    kinds = [op.tag for op in ops]
    s, d, i = kinds.count("replace"), kinds.count("delete"), kinds.count("insert")
    assert (s, d, i) == (out.substitutions, out.deletions, out.insertions), (s, d, i, out)
    assert out.hits + s + d == len(reference) and out.hits + s + i == len(hypothesis)
    return out


def case(name, reference, hypothesis):
    out = counts(reference, hypothesis)
    return {
        "name": name,
        "reference": reference,
        "hypothesis": hypothesis,
        "hits": out.hits,
        "substitutions": out.substitutions,
        "deletions": out.deletions,
        "insertions": out.insertions,
    }




def random_text(rng, alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


def main():
    rng = random.Random(20261206)
    pairs = []
    # Word boundaries: one word (<= 64), two words (65...128), more.
    for n in [63, 64, 65, 127, 128, 129, 200, 640, 1000]:
        for alphabet in ["ab", "abcdefghij "]:
            a = random_text(rng, alphabet, n)
            pairs.append(case("random %s %d" % (alphabet.strip(), n), a, random_text(rng, alphabet, n + rng.randint(-5, 5))))
            pairs.append(case("mutated %s %d" % (alphabet.strip(), n), a, mutate(rng, a, alphabet, n // 8)))
    # Hirschberg: random pairs of a few thousand characters (one or several levels of splits).
    for alphabet, n, m in [("ab", 2100, 2100), ("abc", 3000, 2800), ("abcdefghij", 4000, 4100), ("ab", 5000, 4000)]:
        pairs.append(case("hirschberg random %s %dx%d" % (alphabet, n, m),
                          random_text(rng, alphabet, n), random_text(rng, alphabet, m)))
    # Near-identical long pairs: a narrow band, no split or a split with a small bound.
    for n, edits in [(3000, 1), (3000, 3), (4000, 10), (5000, 40), (5000, 300), (6000, 1500)]:
        alphabet = "abcdefghijklmnopqrstuvwxyz " if n % 2 == 0 else "ab"
        a = random_text(rng, alphabet, n)
        pairs.append(case("near-identical %d with %d edits" % (n, edits), a, mutate(rng, a, alphabet, edits)))
    # Many distinct characters (CJK), long.
    a = random_text(rng, CJK, 3000)
    pairs.append(case("cjk 3000 mutated", a, mutate(rng, a, CJK[:200], 400)))
    pairs.append(case("cjk random 2500x2600", random_text(rng, CJK[:50], 2500), random_text(rng, CJK[:50], 2600)))
    # One side short.
    pairs.append(case("long reference, 9-character hypothesis", random_text(rng, "abcdef", 5000), "abcdefabc"))
    pairs.append(case("64-character reference, long hypothesis", random_text(rng, "abcd", 64), random_text(rng, "abcd", 3000)))
    pairs.append(case("3000-character reference, empty hypothesis", random_text(rng, "xyz", 3000), ""))
    # The best reference split at the hypothesis' middle is before the first reference character.
    y = random_text(rng, "abcde", 2200)
    x = random_text(rng, "vwxyz", 4400)
    pairs.append(case("hirschberg split at the reference start", y + "q", x + y + "r"))
    pairs.append(case("hirschberg split at the reference end", x + y + "r", y + "q"))
    # Shared prefix and suffix around a long differing middle.
    mid1, mid2 = random_text(rng, "ab", 2500), random_text(rng, "ab", 2400)
    pairs.append(case("long affix around a hirschberg middle", "P" * 300 + mid1 + "S" * 200, "P" * 300 + mid2 + "S" * 200))

    document = {
        "generator": "Tests/Fixtures/text/make_long_fixtures.py",
        "python": platform.python_version(),
        "jiwer": version("jiwer"),
        "rapidfuzz": rapidfuzz.__version__,
        "note": "counts: jiwer.process_characters with ReduceToListOfListOfChars only (no normalisation); "
                "checked against rapidfuzz.distance.Levenshtein.editops.",
        "pairs": pairs,
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(document, f, ensure_ascii=True, indent=1)
        f.write("\n")
    print("%s: %d pairs (jiwer %s, rapidfuzz %s)" % (OUT, len(pairs), version("jiwer"), rapidfuzz.__version__))


if __name__ == "__main__":
    main()
