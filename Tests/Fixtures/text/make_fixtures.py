#!/usr/bin/env python3
"""Writes jiwer.json: jiwer's character error rate and alignment counts for the `text` task.

Every case is a reference/hypothesis pair (or a corpus of pairs) with the scheme options of the
`text` task (docs/schemes.md, "Task `text`"). The options are applied through jiwer transforms:
ToLowerCase (case insensitive), Strip (spaces strip), SubstituteRegexes (spaces collapse and
remove, since jiwer's RemoveMultipleSpaces only merges runs of two or more and RemoveWhiteSpace
only knows ASCII whitespace; the script checks that they agree on the inputs where they apply),
and two small transforms of our own where jiwer has no equivalent: Unicode normalisation
(`unicodedata.normalize`) and the confusables map (`str.translate`). The characters are then
compared by `jiwer.process_characters` without jiwer's default `Strip` (evalkit's default keeps
the spaces), which counts hits, substitutions, deletions and insertions from
`rapidfuzz.distance.Levenshtein.opcodes`.

    python3 -m venv /tmp/jiwer-venv && /tmp/jiwer-venv/bin/pip install jiwer==4.0.0
    /tmp/jiwer-venv/bin/python Tests/Fixtures/text/make_fixtures.py

Seeded: re-running it with the same jiwer and rapidfuzz versions reproduces the file byte for byte.
"""

import json
import os
import platform
import random
import unicodedata
from importlib.metadata import version

import jiwer
import rapidfuzz

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "jiwer.json")


class UnicodeForm(jiwer.AbstractTransform):
    def __init__(self, form):
        self.form = form

    def process_string(self, s):
        return unicodedata.normalize(self.form, s)


class Translate(jiwer.AbstractTransform):
    def __init__(self, table):
        self.table = table

    def process_string(self, s):
        return s.translate(self.table)


def prepare(text, options):
    """A confusable key or value through the unicode and case steps."""
    form = options.get("unicode", "none")
    if form != "none":
        text = unicodedata.normalize(form.upper(), text)
    if options.get("case", "sensitive") == "insensitive":
        text = text.lower()
    return text


def steps(options, ascii_variants=False):
    """The jiwer transforms of the options, in evalkit's order: unicode, case, confusables, spaces."""
    result = []
    form = options.get("unicode", "none")
    if form != "none":
        result.append(UnicodeForm(form.upper()))
    if options.get("case", "sensitive") == "insensitive":
        result.append(jiwer.ToLowerCase())
    confusables = options.get("confusables")
    if confusables:
        table = {}
        for key, value in confusables.items():
            k, v = prepare(key, options), prepare(value, options)
            assert len(k) == 1 and len(v) <= 1
            table[ord(k)] = v if v else None
        result.append(Translate(table))
    spaces = options.get("spaces", "keep")
    if spaces == "strip":
        result.append(jiwer.Strip())
    elif spaces == "collapse":
        result += [jiwer.RemoveMultipleSpaces(), jiwer.Strip()] if ascii_variants else \
            [jiwer.SubstituteRegexes({r"\s+": " "}), jiwer.Strip()]
    elif spaces == "remove":
        result.append(jiwer.RemoveWhiteSpace() if ascii_variants else jiwer.SubstituteRegexes({r"\s+": ""}))
    return result


def normalise(text, options):
    return jiwer.Compose(steps(options))(text)


def measure(references, hypotheses, options):
    transform = jiwer.Compose(steps(options) + [jiwer.ReduceToListOfListOfChars()])
    out = jiwer.process_characters(references, hypotheses, reference_transform=transform, hypothesis_transform=transform)
    return out


def jiwer_transforms(options):
    names = []
    for s in steps(options):
        if isinstance(s, UnicodeForm):
            names.append("unicodedata.normalize(%s)" % s.form)
        elif isinstance(s, Translate):
            names.append("str.translate(confusables)")
        elif isinstance(s, jiwer.SubstituteRegexes):
            names.append("SubstituteRegexes(%s)" % json.dumps(s.substitutions, ensure_ascii=True))
        else:
            names.append(type(s).__name__)
    return names + ["ReduceToListOfListOfChars"]


def check_ascii_variants(references, hypotheses, options, out):
    """jiwer's own whitespace transforms agree where they apply: RemoveWhiteSpace on ASCII
    whitespace, RemoveMultipleSpaces when no whitespace run is a single non-space character."""
    spaces = options.get("spaces", "keep")
    texts = [t for t in references + hypotheses if t is not None]
    if spaces not in ("collapse", "remove"):
        return False
    if not all(all(c.isascii() for c in t) for t in texts):
        return False
    if spaces == "collapse":
        import re
        if any(re.search(r"(?<!\s)[\t\n\r\x0b\x0c\x1c-\x1f](?!\s)", t) for t in texts):
            return False
    transform = jiwer.Compose(steps(options, ascii_variants=True) + [jiwer.ReduceToListOfListOfChars()])
    other = jiwer.process_characters(references, hypotheses, reference_transform=transform, hypothesis_transform=transform)
    assert (other.hits, other.substitutions, other.deletions, other.insertions) == \
        (out.hits, out.substitutions, out.deletions, out.insertions), (references, hypotheses, options)
    return True


def cer_value(out):
    # jiwer returns the insertion count (an int) when the references have no characters.
    return float(out.cer)


def pair_case(name, reference, hypothesis, options=None):
    options = options or {}
    out = measure(reference, hypothesis, options)
    ref_norm, hyp_norm = normalise(reference, options), normalise(hypothesis, options)
    case = {
        "name": name,
        "reference": reference,
        "hypothesis": hypothesis,
        "options": options,
        "jiwer_transforms": jiwer_transforms(options),
    }
    if options:
        case["normalized_reference"] = ref_norm
        case["normalized_hypothesis"] = hyp_norm
    case.update({
        "reference_characters": len(ref_norm),
        "jiwer_cer": cer_value(out),
        "jiwer_cer_is_insertion_count": len(ref_norm) == 0,
        "hits": out.hits,
        "substitutions": out.substitutions,
        "deletions": out.deletions,
        "insertions": out.insertions,
        "exact_match": ref_norm == hyp_norm,
        "checked_with_jiwer_whitespace_transforms": check_ascii_variants([reference], [hypothesis], options, out),
    })
    return case


def corpus_case(name, references, hypotheses, options=None):
    """`hypotheses[i]` None is a missing prediction: measured by jiwer as "" (every reference
    character deleted) and never an exact match."""
    options = options or {}
    filled = [h if h is not None else "" for h in hypotheses]
    out = measure(references, filled, options)
    exact = sum(1 for r, h in zip(references, hypotheses) if h is not None and normalise(r, options) == normalise(h, options))
    characters = sum(len(normalise(r, options)) for r in references)
    return {
        "name": name,
        "references": references,
        "hypotheses": hypotheses,
        "options": options,
        "jiwer_transforms": jiwer_transforms(options),
        "items": len(references),
        "reference_characters": characters,
        "jiwer_cer": cer_value(out),
        "jiwer_cer_is_insertion_count": characters == 0,
        "hits": out.hits,
        "substitutions": out.substitutions,
        "deletions": out.deletions,
        "insertions": out.insertions,
        "exact_matches": exact,
        "checked_with_jiwer_whitespace_transforms": check_ascii_variants(references, filled, options, out),
    }


PLATE_ALPHABET = "ABCDEFGHJKLMNOPRSTUVWXYZ0123456789I"
CONFUSIONS = {"O": "0", "0": "O", "I": "1", "1": "I", "B": "8", "8": "B", "S": "5", "5": "S", "Z": "2", "2": "Z"}


def plate(rng):
    return "".join(rng.choice(PLATE_ALPHABET) for _ in range(rng.randint(5, 8)))


def misread(rng, text, rate=0.15, alphabet=PLATE_ALPHABET):
    out = []
    for c in text:
        r = rng.random()
        if r < rate * 0.5 and c in CONFUSIONS:
            out.append(CONFUSIONS[c])
        elif r < rate * 0.7:
            continue  # dropped
        elif r < rate * 0.85:
            out.append(rng.choice(alphabet))
        elif r < rate:
            out.append(c)
            out.append(rng.choice(alphabet))  # inserted
        else:
            out.append(c)
    return "".join(out)


def mutate(rng, text, alphabet, edits):
    b = list(text)
    for _ in range(edits):
        op = rng.random()
        if op < 0.33 and b:
            b[rng.randrange(len(b))] = rng.choice(alphabet)
        elif op < 0.66 and b:
            del b[rng.randrange(len(b))]
        else:
            b.insert(rng.randrange(len(b) + 1), rng.choice(alphabet))
    return "".join(b)


def main():
    rng = random.Random(20261122)
    pairs = []
    plates = {"spaces": "remove", "case": "insensitive"}
    confusable_plates = {"spaces": "remove", "case": "insensitive", "confusables": {"O": "0", "I": "1", "B": "8"}}

    # Hand-written: plates, OCR sentences, edge cases.
    hand = [
        ("plate B read as 8", "AB12CDE", "A812CDE", None),
        ("plate identical", "AB12CDE", "AB12CDE", None),
        ("plate one dropped", "AB12CDE", "AB1CDE", None),
        ("plate with space vs without, kept", "AB12 CDE", "AB12CDE", None),
        ("plate with space vs without, removed", "AB12 CDE", "AB12CDE", plates),
        ("plate lowercase, insensitive", "AB12CDE", "ab12cde", plates),
        ("plate lowercase, sensitive", "AB12CDE", "ab12cde", None),
        ("plate confusables O/0 I/1 B/8", "OB10IDE", "0810IDE", confusable_plates),
        ("plate confusables match lowercase o", "AB0", "abo", confusable_plates),
        ("confusables swap is one pass", "O0O0", "0O0O", {"confusables": {"O": "0", "0": "O"}}),
        ("confusables delete dash", "AB-12-CD", "AB12CD", {"confusables": {"-": ""}}),
        ("confusables then collapse", "AB - 12", "AB 12", {"confusables": {"-": " "}, "spaces": "collapse"}),
        ("ocr sentence", "the quick brown fox jumps over the lazy dog",
         "tne quick brown f0x jumps ovr the lazy dog.", None),
        ("ocr sentence spaces collapse", "  the  quick\tbrown fox  ", "the quick brown  fox", {"spaces": "collapse"}),
        ("ocr sentence spaces strip", "  the quick  ", "the quick", {"spaces": "strip"}),
        ("ocr sentence spaces keep", "  the quick  ", "the quick", None),
        ("single tab collapses to a space", "a\tb", "a b", {"spaces": "collapse"}),
        ("unicode whitespace removed", "AB\u00a012\u3000CD\u2003E", "AB12CDE", {"spaces": "remove"}),
        ("python whitespace U+001C stripped", "\x1cAB12\x1f", "AB12", {"spaces": "strip"}),
        ("empty hypothesis", "AB12CDE", "", None),
        ("empty reference", "", "AB1", None),
        ("both empty", "", "", None),
        ("reference only spaces, removed", "   ", "x", {"spaces": "remove"}),
        ("insertions only", "AB", "xAByy", None),
        ("deletions only", "ABCDEF", "ACF", None),
        ("substitutions only", "ABCD", "WXYZ", None),
        ("accents precomposed vs decomposed, none", "caf\u00e9", "cafe\u0301", None),
        ("accents precomposed vs decomposed, nfc", "caf\u00e9", "cafe\u0301", {"unicode": "nfc"}),
        ("nfkc ligature and fullwidth", "fi AB12", "\ufb01 \uff21\uff22\uff11\uff12", {"unicode": "nfkc"}),
        ("nfc keeps ligature", "fi", "\ufb01", {"unicode": "nfc"}),
        ("cjk", "\u6771\u4eac\u90fd\u6e2f\u533a", "\u6771\u4eac\u90fd\u6e2f", None),
        ("cjk substitution", "\u54c1\u5ddd 300 \u3042 12-34", "\u54c1\u5ddd 300 \u3048 12-34", None),
        ("emoji as scalars (ZWJ family = 5 scalars)", "\U0001F468\u200d\U0001F469\u200d\U0001F467 ok", "\U0001F468 ok", None),
        ("emoji flag = 2 scalars", "\U0001F1EF\U0001F1F5", "\U0001F1EF\U0001F1F7", None),
        ("greek final sigma, insensitive", "\u039f\u0394\u039f\u03a3", "\u03bf\u03b4\u03bf\u03c2", {"case": "insensitive"}),
        ("greek sigma inside word, insensitive", "\u03a3\u039f\u03a3\u039f\u03a3 \u03a3", "\u03c3\u03bf\u03c3\u03bf\u03c2 \u03c3",
         {"case": "insensitive"}),
        ("turkish dotted I lowercases to two scalars", "\u0130STANBUL", "istanbul", {"case": "insensitive"}),
        ("sharp s stays", "STRA\u00dfE", "strasse", {"case": "insensitive"}),
        ("ties: ab vs ba", "ab", "ba", None),
        ("ties: abc vs cab", "abc", "cab", None),
        ("ties: aab vs abb", "aabb", "abab", None),
        ("ties: transposition in plate", "AB12CD", "BA12DC", None),
        ("ties: repeated letters", "aaaa", "aa", None),
        ("ties: kitten sitting", "kitten", "sitting", None),
        ("ties: rapidfuzz doc example", "qabxcd", "abycdf", None),
    ]
    for name, ref, hyp, options in hand:
        pairs.append(pair_case(name, ref, hyp, options))

    # Generated plates with simulated OCR errors, with and without normalisation.
    for i in range(120):
        truth = plate(rng)
        if rng.random() < 0.3:
            cut = rng.randint(1, len(truth) - 1)
            truth = truth[:cut] + " " + truth[cut:]
        read = misread(rng, truth.replace(" ", "") if rng.random() < 0.5 else truth)
        if rng.random() < 0.3:
            read = read.lower()
        options = [None, plates, confusable_plates][i % 3]
        pairs.append(pair_case("generated plate %d" % i, truth, read, options))

    # Ties: small alphabets make many equally short alignments.
    for i in range(200):
        alphabet = rng.choice(["ab", "abc", "AB01IO8"])
        ref = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        if rng.random() < 0.5:
            hyp = mutate(rng, ref, alphabet, rng.randint(0, 8))
        else:
            hyp = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        pairs.append(pair_case("ties %d" % i, ref, hyp))

    # Long strings: over 64 characters (rapidfuzz's multi-word path) and Hirschberg splits.
    for i, (n, edits) in enumerate([(65, 5), (100, 30), (300, 40), (1000, 200), (1500, 700)]):
        alphabet = "abcdefghij " if i % 2 == 0 else "ab"
        ref = "".join(rng.choice(alphabet) for _ in range(n))
        pairs.append(pair_case("long %d" % n, ref, mutate(rng, ref, alphabet, edits)))
    hirschberg = random.Random(5)
    for alphabet, n, m in [("abcdefghij", 2200, 2100), ("ab", 2600, 2500), ("abc", 2300, 2300)]:
        a = "".join(hirschberg.choice(alphabet) for _ in range(n))
        b = "".join(hirschberg.choice(alphabet) for _ in range(m))
        pairs.append(pair_case("hirschberg %s %dx%d" % (alphabet, n, m), a, b))

    corpora = []
    # A plate corpus as the sample data set reads it.
    truths = [plate(rng) for _ in range(300)]
    reads = [misread(rng, t, rate=0.1) for t in truths]
    for options in [None, plates, confusable_plates]:
        corpora.append(corpus_case("plates 300 %s" % json.dumps(options or {}, sort_keys=True), truths, reads, options))
    # OCR lines.
    words = ["the", "quick", "brown", "fox", "invoice", "total", "due", "2026", "Stra\u00dfe", "caf\u00e9", "\u6771\u4eac"]
    lines = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 8))) for _ in range(60)]
    ocr = [mutate(rng, line, "aeiou0123 .,", rng.randint(0, 4)) for line in lines]
    for options in [None, {"spaces": "collapse", "case": "insensitive"}, {"unicode": "nfkc", "spaces": "remove"}]:
        corpora.append(corpus_case("ocr lines %s" % json.dumps(options or {}, sort_keys=True), lines, ocr, options))
    corpora.append(corpus_case("empty references among others", ["", "AB12", "", "CD"], ["x", "AB12", "", "C"]))
    corpora.append(corpus_case("all references empty, insertions", ["", ""], ["ab", "c"]))
    corpora.append(corpus_case("all references empty, none predicted", ["", ""], ["", ""]))
    corpora.append(corpus_case("missing predictions", ["AB12", "CD34", "", "EF"], ["AB12", None, None, "EF"]))
    corpora.append(corpus_case("single pair", ["AB12CDE"], ["A812CDE"]))

    document = {
        "generator": "Tests/Fixtures/text/make_fixtures.py",
        "python": platform.python_version(),
        "unicodedata": unicodedata.unidata_version,
        "jiwer": version("jiwer"),
        "rapidfuzz": rapidfuzz.__version__,
        "note": "cer: jiwer.process_characters(...).cer with the listed transforms; when the references have no "
                "characters jiwer returns the insertion count (jiwer_cer_is_insertion_count), where evalkit reports "
                "an undefined value. Missing predictions (null) are measured as \"\" and are never exact matches.",
        "pairs": pairs,
        "corpora": corpora,
    }
    with open(OUT, "w", encoding="ascii") as f:
        json.dump(document, f, ensure_ascii=True, indent=1)
        f.write("\n")
    print("wrote %s: %d pairs, %d corpora (jiwer %s, rapidfuzz %s)" % (
        OUT, len(pairs), len(corpora), version("jiwer"), rapidfuzz.__version__))


if __name__ == "__main__":
    main()
