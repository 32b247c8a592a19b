#!/usr/bin/env python3
"""Reference values for Datasets/video-events-synthetic with sed_eval (reference_metrics.json).

sed_eval 0.2.1 is driven as /work/shared/bench/peers/sed_eval_peer.py and
Tests/Fixtures/events/make_sed_eval_fixtures.py drive it, with the options of
Schemes/events-dcase.json:
  * one `SegmentBasedMetrics(event_label_list=LABELS, time_resolution=1.0)` and one
    `EventBasedMetrics(event_label_list=LABELS, t_collar=0.2, percentage_of_length=0.5)`
    (defaults otherwise: onset and offset evaluated, optimal matching) per evaluation, LABELS the
    6 classes sorted;
  * video by video in videos.csv order, `evaluate(reference_event_list=R, estimated_event_list=E,
    evaluated_length_seconds=<duration from videos.csv>)` (segment) and
    `evaluate(reference_event_list=R, estimated_event_list=E)` (event), R and E
    `dcase_util.containers.MetaDataContainer([{"filename", "onset", "offset", "event_label"}, ...])`
    in the order of reference.csv / estimated.csv (the script asserts the container keeps it).
Recorded for the whole set and for each value of `camera` and of `lighting` (only that slice's
videos evaluated): the counters after all `evaluate()` calls (`metric.overall`,
`metric.class_wise`), `results()` verbatim (NaN as null), and the headline values under evalkit's
metric names (`evalkit`): segment_ / event_ f1, error_rate, f1_macro (sed_eval's class-wise
average) and false_alarms_per_hour = event-based insertions (Nsys - Ntp - Nsubs) / hours of video.
The script also checks that lists/ (sed_eval per-recording lists) hold the same events as the CSVs.

    ~/.cache/evalkit-peers-venv/bin/python Datasets/video-events-synthetic/reference_metrics.py

(the venv of /work/shared/bench/peers/setup_venv.sh: sed_eval 0.2.1, dcase_util 0.2.20, numpy 2.4.6)
"""
import csv
import json
import math
import os
import platform
import warnings
from importlib.metadata import version

import dcase_util
import numpy as np
import sed_eval

HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = sorted(["person_falling", "crowd_gathering", "vehicle_stopping", "loitering", "running", "door_opening"])
TIME_RESOLUTION = 1.0
T_COLLAR = 0.2
PERCENTAGE_OF_LENGTH = 0.5
SLICE_BY = ["camera", "lighting"]


def read_csv(name):
    with open(os.path.join(HERE, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def events_by_video(rows):
    out = {}
    for r in rows:
        out.setdefault(r["video"], []).append((float(r["onset"]), float(r["offset"]), r["label"]))
    return out


def check_lists(videos, reference, estimated):
    """lists/filelist.tsv names every video in videos.csv order; its lists equal the CSVs."""
    with open(os.path.join(HERE, "lists", "filelist.tsv"), encoding="utf-8") as f:
        lines = [line.rstrip("\n").split("\t") for line in f]
    assert [tuple(line) for line in lines] == [(f"ref/{v['video']}.txt", f"est/{v['video']}.txt") for v in videos]
    for (ref_path, est_path), v in zip(lines, videos):
        for path, table in ((ref_path, reference), (est_path, estimated)):
            with open(os.path.join(HERE, "lists", path), encoding="utf-8") as f:
                got = [(float(a), float(b), c) for a, b, c in (line.rstrip("\n").split("\t") for line in f)]
            assert got == table.get(v["video"], []), f"lists/{path} differs from the CSV"


def container(video, events):
    c = dcase_util.containers.MetaDataContainer(
        [{"filename": video, "onset": a, "offset": b, "event_label": lab} for a, b, lab in events])
    assert [(e["onset"], e["offset"], e["event_label"]) for e in c] == events, "MetaDataContainer reordered events"
    return c


def plain(x):
    """numpy scalars to Python numbers, NaN to None, recursively."""
    if isinstance(x, dict):
        return {str(k): plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [plain(v) for v in x]
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (int, float, np.integer, np.floating)):
        v = float(x)
        return None if math.isnan(v) else v
    return x


def measure(videos, reference, estimated):
    segment = sed_eval.sound_event.SegmentBasedMetrics(event_label_list=LABELS, time_resolution=TIME_RESOLUTION)
    event = sed_eval.sound_event.EventBasedMetrics(event_label_list=LABELS, t_collar=T_COLLAR,
                                                   percentage_of_length=PERCENTAGE_OF_LENGTH)
    for v in videos:
        ref = container(v["video"], reference.get(v["video"], []))
        est = container(v["video"], estimated.get(v["video"], []))
        segment.evaluate(reference_event_list=ref, estimated_event_list=est,
                         evaluated_length_seconds=float(v["duration"]))
        event.evaluate(reference_event_list=ref, estimated_event_list=est)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # nanmean of all-NaN class-wise values
        seg_results, evt_results = plain(segment.results()), plain(event.results())
    hours = sum(float(v["duration"]) for v in videos) / 3600.0
    o = event.overall
    insertions = int(o["Nsys"] - o["Ntp"] - o["Nsubs"])
    return {
        "videos": len(videos), "hours": hours,
        "reference_events": sum(len(reference.get(v["video"], [])) for v in videos),
        "system_events": sum(len(estimated.get(v["video"], [])) for v in videos),
        "evalkit": {
            "segment_f1": seg_results["overall"]["f_measure"]["f_measure"],
            "segment_error_rate": seg_results["overall"]["error_rate"]["error_rate"],
            "segment_f1_macro": seg_results["class_wise_average"]["f_measure"]["f_measure"],
            "event_f1": evt_results["overall"]["f_measure"]["f_measure"],
            "event_error_rate": evt_results["overall"]["error_rate"]["error_rate"],
            "event_f1_macro": evt_results["class_wise_average"]["f_measure"]["f_measure"],
            "false_alarms": insertions, "false_alarms_per_hour": insertions / hours},
        "segment_based": {"overall_counts": plain(segment.overall),
                          "class_wise_counts": {lab: plain(segment.class_wise[lab]) for lab in LABELS},
                          "results": seg_results},
        "event_based": {"overall_counts": plain(event.overall),
                        "class_wise_counts": {lab: plain(event.class_wise[lab]) for lab in LABELS},
                        "results": evt_results},
    }


def dumps(x):
    return json.dumps(x, separators=(",", ":"), allow_nan=False)


def main():
    videos = read_csv("videos.csv")
    reference = events_by_video(read_csv("reference.csv"))
    estimated = events_by_video(read_csv("estimated.csv"))
    check_lists(videos, reference, estimated)
    head = {
        "generator": "Datasets/video-events-synthetic/reference_metrics.py",
        "versions": {"sed_eval": version("sed_eval"), "dcase_util": version("dcase_util"), "numpy": version("numpy"),
                     "python": platform.python_version()},
        "labels": LABELS,
        "segment_parameters": {"time_resolution": TIME_RESOLUTION},
        "event_parameters": {"t_collar": T_COLLAR, "percentage_of_length": PERCENTAGE_OF_LENGTH,
                             "evaluate_onset": True, "evaluate_offset": True, "event_matching_type": "optimal"},
        "videos_order": "videos.csv",
        "overall": measure(videos, reference, estimated),
    }
    slices = []
    for attribute in SLICE_BY:
        for value in sorted({v[attribute] for v in videos}):
            chosen = [v for v in videos if v[attribute] == value]
            slices.append({"by": {attribute: value}, **measure(chosen, reference, estimated)})
    # Compact, full precision: one line per top-level key and one per slice.
    text = "{\n" + ",\n".join(f"{json.dumps(k)}:{dumps(v)}" for k, v in head.items())
    text += ',\n"slices":[\n' + ",\n".join(dumps(s) for s in slices) + "\n]\n}\n"
    with open(os.path.join(HERE, "reference_metrics.json"), "w", encoding="utf-8", newline="") as f:
        f.write(text)
    for block in [{"by": "overall", **head["overall"]}] + slices:
        e = block["evalkit"]
        print(f"{str(block['by']):28s} videos {block['videos']:2d} ref {block['reference_events']:3d} "
              f"sys {block['system_events']:3d}  seg F1 {e['segment_f1']:.4f} ER {e['segment_error_rate']:.4f} "
              f"F1m {e['segment_f1_macro']:.4f} | evt F1 {e['event_f1']:.4f} ER {e['event_error_rate']:.4f} "
              f"F1m {e['event_f1_macro']:.4f} | FA/h {e['false_alarms_per_hour']:.2f}")


if __name__ == "__main__":
    main()
