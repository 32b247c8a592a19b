#!/usr/bin/env python3
"""Reference values for Datasets/tracking-synthetic with TrackEval (reference_metrics.json).

TrackEval 1.3.0 (PyPI `trackeval`, the maintained numpy-2 fork of JonathonLuiten/TrackEval) is
driven through its metric classes, on per-sequence data dicts built the way its datasets build
them (trackeval/datasets/mot_challenge_2d_box.py `get_preprocessed_seq_data`), without the
MOTChallenge-specific preprocessing (no distractor classes, no zero-marked rows here):
  * per class c (1 pedestrian, 3 car) and sequence: for each timestep t = frame - 1
    (t = 0 .. length - 1, length from sequences.csv), the gt rows and the tracker rows of that
    frame whose class column is c, in file order; boxes (x, y, w, h) as float64;
  * ids relabelled per sequence and class to 0 .. n-1 in ascending order of the original ids
    that occur in those rows (gt and tracker separately);
  * similarity_scores[t] = trackeval.datasets._base_dataset._BaseDataset._calculate_box_ious(
    gt_dets_t, tracker_dets_t, box_format='xywh') (IoU, gt rows x tracker rows);
  * num_timesteps, num_gt_ids, num_tracker_ids, num_gt_dets, num_tracker_dets as TrackEval sets them.
Then HOTA(), CLEAR({'THRESHOLD': 0.5}) and Identity({'THRESHOLD': 0.5}) `eval_sequence` per
sequence and class; `combine_sequences` per class over the sequences sorted by name;
`combine_classes_class_averaged` and `combine_classes_det_averaged` over the two classes (as
trackeval/eval.py does). Slices: for each value of camera, weather and density, combine_sequences
over that value's sequences (sorted by name) per class, then det-averaged over the classes. Every
TrackEval field is stored under its own name at full precision (HOTA's array fields as 19-element
lists, alpha = 0.05 .. 0.95), plus headline values under evalkit's metric names (`evalkit`).

    ~/.cache/evalkit-peers-venv/bin/python Datasets/tracking-synthetic/reference_metrics.py

(the venv of bench/peers/setup_venv.sh; elsewhere `pip install trackeval==1.3.0` with numpy and scipy)
"""
import contextlib
import csv
import io
import json
import os
import platform
import tempfile
from importlib.metadata import version

import numpy as np
import trackeval
from trackeval.datasets._base_dataset import _BaseDataset
from trackeval.metrics import CLEAR, HOTA, Identity

HERE = os.path.dirname(os.path.abspath(__file__))
CLASSES = {1: "pedestrian", 3: "car"}
THRESHOLD = 0.5
SLICE_BY = ["camera", "weather", "density"]
METRICS = [HOTA(), CLEAR({"THRESHOLD": THRESHOLD, "PRINT_CONFIG": False}),
           Identity({"THRESHOLD": THRESHOLD, "PRINT_CONFIG": False})]


def read_mot(path, columns):
    """MOT text rows as (frame, id, [x, y, w, h], class), in file order."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = line.rstrip("\n").split(",")
            assert len(r) == columns, f"{path}: {line!r}"
            rows.append((int(r[0]), int(r[1]), [float(v) for v in r[2:6]], int(r[7])))
    return rows


def relabel(ids_per_t):
    unique = sorted({i for ids in ids_per_t for i in ids})
    index = {i: k for k, i in enumerate(unique)}
    return [np.array([index[i] for i in ids], dtype=int) for ids in ids_per_t], len(unique)


def seq_data(name, length, gt_rows, tr_rows, cls):
    """TrackEval's preprocessed data dict of one sequence and class."""
    gt_ids, tr_ids, gt_dets, tr_dets = ([[] for _ in range(length)] for _ in range(4))
    for rows, ids, dets in ((gt_rows, gt_ids, gt_dets), (tr_rows, tr_ids, tr_dets)):
        for frame, i, box, c in rows:
            assert 1 <= frame <= length
            if c == cls:
                ids[frame - 1].append(i)
                dets[frame - 1].append(box)
    gt_dets = [np.array(d, dtype=float).reshape(-1, 4) for d in gt_dets]
    tr_dets = [np.array(d, dtype=float).reshape(-1, 4) for d in tr_dets]
    gt_relabelled, n_gt_ids = relabel(gt_ids)
    tr_relabelled, n_tr_ids = relabel(tr_ids)
    return {
        "num_timesteps": length, "seq": name,
        "gt_ids": gt_relabelled, "tracker_ids": tr_relabelled,
        "gt_dets": gt_dets, "tracker_dets": tr_dets,
        "similarity_scores": [_BaseDataset._calculate_box_ious(g, t, box_format="xywh")
                              for g, t in zip(gt_dets, tr_dets)],
        "num_gt_ids": n_gt_ids, "num_tracker_ids": n_tr_ids,
        "num_gt_dets": sum(len(i) for i in gt_ids), "num_tracker_dets": sum(len(i) for i in tr_ids),
    }


def plain(x):
    """numpy values to Python ones (arrays to lists), recursively; ints stay ints."""
    if isinstance(x, dict):
        return {str(k): plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple, np.ndarray)):
        return [plain(v) for v in x]
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        return float(x)
    return x


def fields(res):
    """{metric: {field: value}} with every field TrackEval computed, in its metric's field order."""
    return {m.get_name(): {f: plain(res[m.get_name()][f]) for f in m.fields} for m in METRICS}


def combine_sequences(per_seq, names):
    """Per class: combine_sequences over `names` (sorted)."""
    return {cls: {m.get_name(): m.combine_sequences({s: per_seq[s][cls][m.get_name()] for s in sorted(names)})
                  for m in METRICS} for cls in CLASSES}


def combine_classes(per_class, how):
    return {m.get_name(): getattr(m, how)({CLASSES[c]: per_class[c][m.get_name()] for c in CLASSES})
            for m in METRICS}


def headline(res, frames):
    """evalkit's metric names for a combined result (HOTA-family values are the mean over alpha)."""
    h, c, i = res["HOTA"], res["CLEAR"], res["Identity"]
    return {
        "hota": float(np.mean(h["HOTA"])), "deta": float(np.mean(h["DetA"])), "assa": float(np.mean(h["AssA"])),
        "loca": float(np.mean(h["LocA"])),
        "mota": float(c["MOTA"]), "motp": float(c["MOTP"]),
        "idf1": float(i["IDF1"]), "idp": float(i["IDP"]), "idr": float(i["IDR"]),
        "id_switches": int(c["IDSW"]), "fragmentations": int(c["Frag"]),
        "mostly_tracked": int(c["MT"]), "partially_tracked": int(c["PT"]), "mostly_lost": int(c["ML"]),
        "mostly_tracked_ratio": float(c["MTR"]), "mostly_lost_ratio": float(c["MLR"]),
        "id_switches_per_1000_frames": 1000.0 * int(c["IDSW"]) / frames,
        "gt_dets": int(c["CLR_TP"] + c["CLR_FN"]), "tracker_dets": int(c["CLR_TP"] + c["CLR_FP"]),
    }


def block(per_seq, names, lengths, full_classes=True):
    """Det-averaged (and per class) results over the sequences `names`: every TrackEval field,
    per class only when full_classes, and the evalkit headline values."""
    per_class = combine_sequences(per_seq, names)
    det = combine_classes(per_class, "combine_classes_det_averaged")
    frames = sum(lengths[s] for s in names)
    out = {"sequences": len(names), "frames": frames, "det_averaged": fields(det)}
    if full_classes:
        out["per_class"] = {CLASSES[c]: fields(per_class[c]) for c in CLASSES}
    out["evalkit"] = {"det_averaged": headline(det, frames),
                      **{CLASSES[c]: headline(per_class[c], frames) for c in CLASSES}}
    return out, per_class


def same(a, b):
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return np.array_equal(np.asarray(a), np.asarray(b))


def check_against_trackeval_loader(seqs, per_seq, per_class):
    """Cross-check of the data-dict construction for class 1: TrackEval's own pipeline
    (trackeval.Evaluator + MotChallenge2DBox, DO_PREPROC False, SEQ_INFO = the lengths) run on
    copies of the files holding only their class-1 rows gives exactly the same per-sequence and
    combined HOTA / CLEAR / Identity values as the dicts built here. (MotChallenge2DBox evaluates
    pedestrians only and refuses other tracker classes, hence class 1 alone.)"""
    with tempfile.TemporaryDirectory() as tmp:
        for sub in ("gt", os.path.join("trackers", "synthetic", "data")):
            os.makedirs(os.path.join(tmp, sub))
        for s in seqs:
            for src, dst in (("gt", "gt"), ("tracker", os.path.join("trackers", "synthetic", "data"))):
                with open(os.path.join(HERE, src, s["sequence"] + ".txt"), encoding="utf-8") as f:
                    lines = [line for line in f if line.split(",")[7] == "1"]
                with open(os.path.join(tmp, dst, s["sequence"] + ".txt"), "w", encoding="utf-8") as f:
                    f.write("".join(lines))
        dataset = trackeval.datasets.MotChallenge2DBox({
            "GT_FOLDER": os.path.join(tmp, "gt"), "TRACKERS_FOLDER": os.path.join(tmp, "trackers"),
            "TRACKERS_TO_EVAL": ["synthetic"], "SKIP_SPLIT_FOL": True, "GT_LOC_FORMAT": "{gt_folder}/{seq}.txt",
            "SEQ_INFO": {s["sequence"]: int(s["length"]) for s in seqs}, "DO_PREPROC": False,
            "PRINT_CONFIG": False})
        evaluator = trackeval.Evaluator({"USE_PARALLEL": False, "PRINT_RESULTS": False, "PRINT_CONFIG": False,
                                         "TIME_PROGRESS": False, "OUTPUT_SUMMARY": False, "OUTPUT_DETAILED": False,
                                         "PLOT_CURVES": False, "LOG_ON_ERROR": None})
        metrics = [HOTA(), CLEAR({"THRESHOLD": THRESHOLD, "PRINT_CONFIG": False}),
                   Identity({"THRESHOLD": THRESHOLD, "PRINT_CONFIG": False})]
        with contextlib.redirect_stdout(io.StringIO()):
            out, msg = evaluator.evaluate([dataset], metrics)
    assert msg["MotChallenge2DBox"]["synthetic"] == "Success", msg
    res = out["MotChallenge2DBox"]["synthetic"]
    for s in seqs:
        for m in METRICS:
            n = m.get_name()
            assert same(res[s["sequence"]]["pedestrian"][n], per_seq[s["sequence"]][1][n]), (s["sequence"], n)
    for m in METRICS:
        assert same(res["COMBINED_SEQ"]["pedestrian"][m.get_name()], per_class[1][m.get_name()]), m.get_name()
    return True


def dumps(x):
    return json.dumps(x, separators=(",", ":"), allow_nan=False)


def main():
    with open(os.path.join(HERE, "sequences.csv"), newline="", encoding="utf-8") as f:
        seqs = list(csv.DictReader(f))
    lengths = {s["sequence"]: int(s["length"]) for s in seqs}
    names = sorted(lengths)
    per_seq = {}
    for s in seqs:
        name = s["sequence"]
        gt = read_mot(os.path.join(HERE, "gt", name + ".txt"), 9)
        tr = read_mot(os.path.join(HERE, "tracker", name + ".txt"), 10)
        per_seq[name] = {}
        for cls in CLASSES:
            data = seq_data(name, lengths[name], gt, tr, cls)
            per_seq[name][cls] = {m.get_name(): m.eval_sequence(data) for m in METRICS}
            per_seq[name][cls]["counts"] = {k: data[k] for k in ("num_timesteps", "num_gt_ids", "num_tracker_ids",
                                                                 "num_gt_dets", "num_tracker_dets")}

    overall, per_class = block(per_seq, names, lengths)
    loader_check = check_against_trackeval_loader(seqs, per_seq, per_class)
    cls_av = combine_classes(per_class, "combine_classes_class_averaged")
    overall["class_averaged"] = fields(cls_av)
    overall["evalkit"]["class_averaged"] = headline(cls_av, overall["frames"])
    slices = []
    for attribute in SLICE_BY:
        for value in sorted({s[attribute] for s in seqs}):
            chosen = sorted(s["sequence"] for s in seqs if s[attribute] == value)
            b, _ = block(per_seq, chosen, lengths, full_classes=False)
            slices.append({"by": {attribute: value}, "sequence_names": chosen, **b})
    sequences = []
    for s in seqs:
        name = s["sequence"]
        b, _ = block(per_seq, [name], lengths, full_classes=False)
        b["counts"] = {CLASSES[c]: per_seq[name][c]["counts"] for c in CLASSES}
        # per class: eval_sequence's own values (TrackEval's per-sequence rows) in full; they equal
        # combine_sequences of this one sequence except where a class has no gt or no tracker rows
        # in the sequence (eval_sequence then returns early, MOTA etc. left at 0). The det-averaged
        # values of one sequence: evalkit headlines only.
        del b["det_averaged"]
        b["per_class"] = {CLASSES[c]: fields(per_seq[name][c]) for c in CLASSES}
        for c in CLASSES:
            b["evalkit"][CLASSES[c]] = headline(per_seq[name][c], lengths[name])
        sequences.append({"sequence": name, **{a: s[a] for a in SLICE_BY}, **b})

    head = {
        "generator": "Datasets/tracking-synthetic/reference_metrics.py",
        "versions": {"trackeval": version("trackeval"), "numpy": version("numpy"), "scipy": version("scipy"),
                     "python": platform.python_version()},
        "classes": {str(c): n for c, n in CLASSES.items()},
        "threshold": THRESHOLD,
        "alphas": plain(METRICS[0].array_labels),
        "construction": ("per sequence and class: timestep t = frame - 1 over length frames; rows of that class in "
                         "file order; ids relabelled to 0..n-1 in ascending original-id order; similarity = "
                         "_BaseDataset._calculate_box_ious(gt, tracker, box_format='xywh'); HOTA, CLEAR and Identity "
                         "(THRESHOLD 0.5) eval_sequence, combine_sequences over sequences sorted by name, "
                         "combine_classes_class_averaged / combine_classes_det_averaged over the 2 classes"),
        "evalkit_names": ("hota, deta, assa, loca: mean over the 19 alphas of HOTA, DetA, AssA, LocA; mota, motp: "
                          "CLEAR MOTA, MOTP; idf1, idp, idr: Identity IDF1, IDP, IDR; id_switches: IDSW; "
                          "fragmentations: Frag; mostly_tracked / partially_tracked / mostly_lost: MT / PT / ML "
                          "(counts; the ratios MTR / MLR as *_ratio); id_switches_per_1000_frames: 1000 x IDSW / "
                          "the frames of the sequences evaluated (sum of their lengths; the same frames for a class "
                          "as for all classes); gt_dets = CLR_TP + CLR_FN, tracker_dets = CLR_TP + CLR_FP"),
        "sequences_order": names,
        "checks": {"class_1_equals_trackeval_mot_loader": loader_check},
        "overall": overall,
    }
    text = "{\n" + ",\n".join(f"{json.dumps(k)}:{dumps(v)}" for k, v in head.items())
    text += ',\n"slices":[\n' + ",\n".join(dumps(s) for s in slices) + "\n]"
    text += ',\n"sequences":[\n' + ",\n".join(dumps(s) for s in sequences) + "\n]\n}\n"
    with open(os.path.join(HERE, "reference_metrics.json"), "w", encoding="utf-8", newline="") as f:
        f.write(text)

    def show(label, e):
        print(f"{label:24s} HOTA {e['hota']:.4f} DetA {e['deta']:.4f} AssA {e['assa']:.4f} LocA {e['loca']:.4f} "
              f"MOTA {e['mota']:.4f} MOTP {e['motp']:.4f} IDF1 {e['idf1']:.4f} IDSW {e['id_switches']:4d} "
              f"Frag {e['fragmentations']:4d} MT {e['mostly_tracked']:3d} ML {e['mostly_lost']:3d} "
              f"IDSW/1000f {e['id_switches_per_1000_frames']:.2f}")
    e = overall["evalkit"]
    show("overall det-averaged", e["det_averaged"])
    show("overall class-averaged", e["class_averaged"])
    for c in CLASSES.values():
        show(f"class {c}", e[c])
    for s in slices:
        show(f"{list(s['by'].values())[0]} ({s['sequences']})", s["evalkit"]["det_averaged"])
    for s in sequences:
        show(f"{s['sequence']} {s['camera'][:4]} {s['weather'][:4]} {s['density'][:3]}", s["evalkit"]["det_averaged"])


if __name__ == "__main__":
    main()
