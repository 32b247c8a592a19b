#!/usr/bin/env python3
"""Times evalkit's `verification` task (release build) against the numpy peer on the same files, same run.

    python3 Benchmarks/face_benchmarks.py [--runs 3] [--only face_verification|face_identification]
                                          [--skip-peer] [--peer-only]

Workload: ../shared/bench/gen/gen_face.py's 20,000 subjects, one probe and one gallery embedding
each (d = 512, float32, not normalised, gallery rows in shuffled order), in $BENCH_DATA/face:
probes.npy, gallery.npy, probes.csv / gallery.csv (index,subject_id: row -> subject) and
subjects.csv (subject_id,gender,age_band,skin_tone). 20,000 mated and 399,980,000 non-mated
comparisons. When the files are absent the script generates them
(`$PEERS_PY ../shared/bench/gen/gen_face.py --out $BENCH_DATA`); it checks them against
$BENCH_DATA/MANIFEST.json's sha256 when that lists them.

The peer is ../shared/bench/peers/face_verification.py (numpy: L2-normalise the rows, S = P @ G.T
with float32 sgemm, split mated from non-mated through the subject ids, sort the non-mated scores,
thresholds at FMR 1e-4, 1e-5, 1e-6 and an EER), run in $PEERS_PY (default
~/.cache/evalkit-peers-venv/bin/python). It prints `BENCH_RESULT <json>` as its last line.

The scheme and manifest are written into a temporary directory: manifest files probes.csv (role
ground_truth), gallery.csv (role gallery), subjects.csv (role metadata), columns {"id": "index",
"subject": "subject_id", "attributes": ["gender", "age_band", "skin_tone"]}; scheme predictions
{"path": probes.npy, "gallery": gallery.npy}.

Cases (each round runs every command of the case once, in turn: A B A B ...):
- face_verification: evalkit with options {"fmr_targets": [1e-1 ... 1e-6], "global_fmr": 1e-4}
  (with --targets default: [1e-2 ... 1e-6], evalkit's default, case face_verification_default),
  slices [["gender"], ["skin_tone"]], against the peer. evalkit's fnmr@fmr=1e-4 / 1e-5 / 1e-6 are
  compared with the peer's (the two threshold rules agree unless non-mated scores tie at the
  k-th largest; the peer's k = floor(f * N) is bob.measure's far_threshold when there is no
  tie), and its EER is shown next to the peer's (different definitions: the peer takes the mated
  score minimising |FMR - FNMR|, evalkit bob.measure's eer_threshold).
- face_identification: the same scheme with options.identification {"ranks": [1, 5, 10, 20],
  "fpir_targets": [0.01], "nonmated": "mates_removed"} (verification and identification in one
  run), against the same peer (verification only: the ratio shows what identification adds).
Reported per command: median wall seconds (min-max), median peak RSS (/usr/bin/time -v), and
each median over the first command's. Results: Benchmarks/results/scale_<case>.json (every run)
and a Markdown table on stdout. --peer-only runs the peer alone (no evalkit build needed);
--skip-peer runs evalkit alone.
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_benchmarks import DATA, EVALKIT, PEERS_PY, SHARED, timed  # noqa: E402
from scale_benchmarks import report, rounds  # noqa: E402

FACE = os.path.join(DATA, "face")
FILES = ["probes.npy", "gallery.npy", "probes.csv", "gallery.csv", "subjects.csv"]
PEER = os.path.join(SHARED, "bench", "peers", "face_verification.py")
GENERATOR = os.path.join(SHARED, "bench", "gen", "gen_face.py")
FMR_TARGETS = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6]
PEER_TARGETS = {"0.0001": "fnmr@fmr=1e-4", "1e-05": "fnmr@fmr=1e-5", "1e-06": "fnmr@fmr=1e-6"}


def ensure_data():
    """The workload's files, generated when absent and checked against MANIFEST.json."""
    if not all(os.path.exists(os.path.join(FACE, f)) for f in FILES):
        print(f"generating the face workload into {DATA} ...", file=sys.stderr)
        subprocess.run([PEERS_PY, GENERATOR, "--out", DATA], check=True)
    listed = {}
    manifest = os.path.join(DATA, "MANIFEST.json")
    if os.path.exists(manifest):
        listed = json.load(open(manifest)).get("files", {})
    for name in FILES:
        entry = listed.get("face/" + name)
        if entry is None:
            continue
        h = hashlib.sha256()
        with open(os.path.join(FACE, name), "rb") as f:
            for block in iter(lambda: f.read(1 << 22), b""):
                h.update(block)
        if h.hexdigest() != entry["sha256"]:
            sys.exit(f"{FACE}/{name} differs from MANIFEST.json (sha256 {h.hexdigest()}): regenerate it with {GENERATOR}")


def write(directory, name, value):
    path = os.path.join(directory, name)
    with open(path, "w") as f:
        json.dump(value, f, indent=1)
    return path


def schemes(directory, targets):
    """The manifest, the verification scheme and the identification scheme over the workload."""
    write(directory, "faces.json", {
        "evalkit_dataset": 1, "name": "bench-face",
        "files": [{"path": os.path.join(FACE, "probes.csv"), "role": "ground_truth", "format": "csv"},
                  {"path": os.path.join(FACE, "gallery.csv"), "role": "gallery", "format": "csv"},
                  {"path": os.path.join(FACE, "subjects.csv"), "role": "metadata", "format": "csv"}],
        "columns": {"id": "index", "subject": "subject_id", "attributes": ["gender", "age_band", "skin_tone"]}})
    base = {"task": "verification", "dataset": "faces.json",
            "predictions": {"path": os.path.join(FACE, "probes.npy"), "gallery": os.path.join(FACE, "gallery.npy")},
            "slices": [["gender"], ["skin_tone"]]}
    options = {"fmr_targets": targets, "global_fmr": 1e-4}
    verification = write(directory, "scheme-verification.json",
                         {"evalkit": 1, "name": "bench-face-verification", **base, "options": options})
    identification = write(directory, "scheme-identification.json", {
        "evalkit": 1, "name": "bench-face-identification", **base,
        "options": dict(options, identification={"ranks": [1, 5, 10, 20], "fpir_targets": [0.01], "nonmated": "mates_removed"})})
    return verification, identification


def evalkit(scheme, out):
    return [EVALKIT, "run", scheme, "--no-history", "--quiet", "--out", out, "--format", "json"]


def peer_result(run):
    line = [l for l in run["stdout"].splitlines() if l.startswith("BENCH_RESULT ")][-1]
    return json.loads(line[len("BENCH_RESULT "):])


def agreement(out, peer):
    """evalkit's FNMR at FMR 1e-4..1e-6 against the peer's; both EERs side by side."""
    metrics = json.load(open(os.path.join(out, "results.json")))["evaluations"][0]["metrics"]
    notes, largest, missing = {}, 0.0, []
    for key, name in PEER_TARGETS.items():
        if name not in metrics:
            missing.append(name)
            continue
        difference = abs(metrics[name] - peer["at_fmr"][key]["fnmr"])
        largest = max(largest, difference)
        notes[name] = {"evalkit": metrics[name], "peer": peer["at_fmr"][key]["fnmr"]}
    notes["largest fnmr difference"] = largest
    if missing:
        notes["not in evalkit's metrics"] = missing
    notes["eer (evalkit: bob.measure eer_threshold; peer: best mated-score candidate)"] = {
        "evalkit": metrics.get("eer"), "peer": peer["eer"]["eer"]}
    return notes


def peer_notes(run):
    """The peer's own phases and values, for the record."""
    result = peer_result(run)
    return {"peer phases (s)": result["phases"], "peer fnmr at fmr": {k: v["fnmr"] for k, v in result["results"]["at_fmr"].items()},
            "peer eer": result["results"]["eer"]["eer"], "peer comparisons": {"mated": result["results"]["n_mated"], "nonmated": result["results"]["n_nonmated"]}}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=["face_verification", "face_identification"])
    parser.add_argument("--skip-peer", action="store_true", help="run evalkit alone")
    parser.add_argument("--peer-only", action="store_true", help="run the peer alone (no evalkit)")
    parser.add_argument("--targets", choices=["issue", "default"], default="issue",
                        help="FMR targets: the issue's 1e-1 .. 1e-6, or evalkit's default 1e-2 .. 1e-6 (cases get a _default suffix)")
    args = parser.parse_args()
    if args.skip_peer and args.peer_only:
        sys.exit("--skip-peer and --peer-only exclude each other")
    ensure_data()
    directory = tempfile.mkdtemp(prefix="evalkit-face-bench-")
    targets = FMR_TARGETS if args.targets == "issue" else FMR_TARGETS[1:]
    suffix = "" if args.targets == "issue" else "_default"
    verification, identification = schemes(directory, targets)
    peer = [PEERS_PY, PEER, "--root", FACE]
    if args.peer_only:
        results = rounds({"numpy peer": peer}, args.runs)
        report("face_peer", results, "numpy peer", notes=peer_notes(results["numpy peer"][-1]))
        return
    if not os.path.exists(EVALKIT):
        sys.exit(f"no release build at {EVALKIT}: swift build -c release --product evalkit")
    cases = {"face_verification": ("evalkit (verification)", verification),
             "face_identification": ("evalkit (verification + identification)", identification)}
    for base_case, (name, scheme) in cases.items():
        case = base_case + suffix
        if args.only not in (None, base_case):
            continue
        out = os.path.join(directory, case)
        commands = {name: evalkit(scheme, out)}
        if not args.skip_peer:
            commands["numpy peer"] = peer
        results = rounds(commands, args.runs)
        notes = {"scheme": json.load(open(scheme))}
        if not args.skip_peer:
            peer_values = peer_result(results["numpy peer"][-1])["results"]
            notes.update(agreement(out, peer_values))
            notes.update(peer_notes(results["numpy peer"][-1]))
        report(case, results, name, notes=notes)


if __name__ == "__main__":
    main()
