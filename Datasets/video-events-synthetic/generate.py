#!/usr/bin/env python3
"""Generate Datasets/video-events-synthetic/: SYNTHETIC surveillance-video events for the `events` task.

Nothing here comes from real cameras, videos or people. 24 made-up videos `cam-video-01`..`24`
(2 to 5 minutes each) carry
  videos.csv     (the recordings table) video, duration (seconds, up to 3 decimals), fps (25 or
                 30) and four conditions to slice by: camera (entrance/lobby/car-park/corridor),
                 site (depot/campus/station), lighting (day/night), crowd_density (low/medium/high)
  reference.csv  the reference events: video, onset, offset (seconds, 3 decimals), label, one of
                 6 classes; events of one class never overlap within a video (sed_eval's
                 convention for a reference), classes overlap each other freely
  estimated.csv  a made-up detector's events derived from the reference, with a score in (0, 1]
  lists/         the same events as sed_eval per-recording lists and a file list
The made-up detector is deliberately worse at night and on the car-park camera (more misses,
more onset/offset jitter, more substitutions and fragments, more false alarms, lower scores), so
that slices and gates have something to find:
  * each reference event is missed with probability miss(class) x lighting x camera factor
    (capped at 0.9); otherwise detected with onset jitter N(0, 0.12 s x factor) and offset jitter
    N(0, max(0.2 s, 0.1 x length) x factor);
  * a detected event gets a confusable label (running/person_falling, loitering/crowd_gathering,
    vehicle_stopping/door_opening) with probability 0.05 x factor;
  * an event longer than 6 s is split in two (a gap of 0.3-1.5 s) with probability 0.08 x factor;
  * false alarms: per class a Poisson number with mean fa_rate(class) x minutes x lighting x
    camera factor, at uniform times, lengths like the class's events, lower scores;
  * video 08 and video 19 have no reference events (quiet scenes; the detector may still raise
    false alarms); video 15's detector output is empty (a lost stream), every event a miss.
Factors: lighting day 1.0 / night 1.8; camera entrance 1.0, lobby 0.85, corridor 1.1,
car-park 1.6 (misses and false alarms); jitter factor = sqrt of the product.

Deterministic: random.Random(SEED), and only .random() (uniform doubles) is drawn: choices by
inverse CDF, normals as a sum of 12 uniforms minus 6 (Irwin-Hall), Poisson by inversion,
exponential gaps and log-normal lengths through math.log / math.exp. All times are kept in integer
milliseconds once drawn, so every written value is exact and the files are the same bytes on any
Python 3. Re-running rewrites every file and the manifest's sha256 and rows.

Usage:  python3 Datasets/video-events-synthetic/generate.py && python3 Datasets/verify.py
"""
import math
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import manifest_tools as T  # noqa: E402  (Datasets/manifest_tools.py)

SEED = 20261206
N_VIDEOS = 24
NO_REFERENCE = {8, 19}       # videos without reference events
NO_SYSTEM = {15}             # video whose detector output is empty

# label: events per minute (at activity 1), median length (s), log-normal sigma, miss probability
# (day, good camera), false alarms per minute (day, good camera)
CLASSES = {
    "person_falling":   (0.60, 2.5, 0.40, 0.18, 0.06),
    "crowd_gathering":  (0.45, 22.0, 0.45, 0.08, 0.03),
    "vehicle_stopping": (1.20, 9.0, 0.50, 0.10, 0.07),
    "loitering":        (0.55, 35.0, 0.45, 0.12, 0.04),
    "running":          (1.70, 5.0, 0.50, 0.14, 0.10),
    "door_opening":     (2.60, 3.0, 0.35, 0.10, 0.12),
}
LABELS = sorted(CLASSES)
CONFUSED = {"running": "person_falling", "person_falling": "running",
            "loitering": "crowd_gathering", "crowd_gathering": "loitering",
            "vehicle_stopping": "door_opening", "door_opening": "vehicle_stopping"}
# class rate multipliers per camera (vehicles stop mostly in the car park and at the entrance,
# doors open mostly in the lobby, corridor and entrance)
CAMERA_CLASS_RATE = {
    "entrance": {"vehicle_stopping": 0.8, "door_opening": 1.0},
    "lobby":    {"vehicle_stopping": 0.0, "door_opening": 1.2},
    "car-park": {"vehicle_stopping": 1.8, "door_opening": 0.3},
    "corridor": {"vehicle_stopping": 0.0, "door_opening": 1.3},
}
CAMERAS = ["entrance", "lobby", "car-park", "corridor"]
DAY_VIDEOS = {"entrance": 4, "lobby": 3, "car-park": 3, "corridor": 4}   # of 6 per camera
SITES = (["depot", "campus", "station"], [0.40, 0.35, 0.25])
DENSITY = (["low", "medium", "high"], [0.35, 0.40, 0.25])
DENSITY_ACTIVITY = {"low": 0.7, "medium": 1.0, "high": 1.4}
LIGHTING_FACTOR = {"day": 1.0, "night": 1.8}
CAMERA_FACTOR = {"entrance": 1.0, "lobby": 0.85, "car-park": 1.6, "corridor": 1.1}
MIN_GAP_MS = 500             # between two reference events of one class


def pick(u, choices):
    values, probs = choices
    acc = 0.0
    for value, p in zip(values, probs):
        acc += p
        if u < acc:
            return value
    return values[-1]


def normal(rng):
    """Standard normal (approximately): Irwin-Hall, 12 uniforms minus 6."""
    return sum(rng.random() for _ in range(12)) - 6.0


def poisson(rng, mean):
    """Poisson by inversion of the CDF with one uniform."""
    u, k, p = rng.random(), 0, math.exp(-mean)
    acc = p
    while u >= acc and k < 1000:
        k += 1
        p *= mean / k
        acc += p
    return k


def shuffle(rng, items):
    """Fisher-Yates with .random() only."""
    items = list(items)
    for i in range(len(items) - 1, 0, -1):
        j = min(int(rng.random() * (i + 1)), i)
        items[i], items[j] = items[j], items[i]
    return items


def ms(seconds):
    return int(round(seconds * 1000.0))


def fmt_ms(t):
    return f"{t // 1000}.{t % 1000:03d}"


def length_ms(rng, median, sigma):
    return max(300, ms(median * math.exp(sigma * normal(rng))))


def make_videos(rng):
    cells = [(c, "day" if k < DAY_VIDEOS[c] else "night") for c in CAMERAS for k in range(6)]
    videos = []
    for i, (camera, lighting) in enumerate(shuffle(rng, cells)):
        seconds = 120.0 + 180.0 * rng.random()
        whole = rng.random() < 0.25                       # some durations are whole seconds
        duration = ms(round(seconds)) if whole else ms(seconds)
        videos.append({
            "video": f"cam-video-{i + 1:02d}", "index": i + 1, "duration": duration,
            "fps": 30 if rng.random() < 0.25 else 25, "camera": camera,
            "site": pick(rng.random(), SITES), "lighting": lighting,
            "crowd_density": pick(rng.random(), DENSITY)})
    return videos


def reference_events(rng, v):
    """Per class, non-overlapping events on [0, duration]: exponential gaps, log-normal lengths."""
    events = []
    activity = DENSITY_ACTIVITY[v["crowd_density"]] * (0.7 + 0.6 * rng.random())
    for label in LABELS:
        rate, median, sigma, _, _ = CLASSES[label]
        rate *= activity * CAMERA_CLASS_RATE[v["camera"]].get(label, 1.0)
        if v["index"] in NO_REFERENCE or rate <= 0:
            continue
        mean_gap = 60.0 / rate
        t = ms(mean_gap * -math.log(1.0 - rng.random()) * 0.5)
        while True:
            length = length_ms(rng, median, sigma)
            onset, offset = t, min(t + length, v["duration"])
            if offset - onset < 300:
                break
            events.append((onset, offset, label))
            t = offset + MIN_GAP_MS + ms(mean_gap * -math.log(1.0 - rng.random()))
    return events


def clip(onset, offset, duration):
    """An estimated event inside [0, duration], at least 50 ms long."""
    onset = min(max(onset, 0), duration - 50)
    offset = min(max(offset, onset + 50), duration)
    return onset, offset


def score(rng, base, factor):
    s = base - 0.12 * (factor - 1.0) + 0.08 * normal(rng)
    return min(1000, max(1, ms(s)))


def system_events(rng, v, reference):
    """The made-up detector's events for one video, derived from its reference events."""
    miss_factor = LIGHTING_FACTOR[v["lighting"]] * CAMERA_FACTOR[v["camera"]]
    jitter = math.sqrt(miss_factor)
    out = []
    for onset, offset, label in reference:
        _, _, _, miss, _ = CLASSES[label]
        u_miss, u_sub, u_frag = rng.random(), rng.random(), rng.random()
        length = offset - onset
        e_on = onset + ms(0.12 * jitter * normal(rng))
        e_off = offset + ms(max(0.2, 0.1 * length / 1000.0) * jitter * normal(rng))
        if u_miss < min(0.9, miss * miss_factor):
            continue
        e_label = CONFUSED[label] if u_sub < 0.05 * miss_factor else label
        base = 0.62 if e_label != label else 0.86
        if length > 6000 and u_frag < 0.08 * miss_factor:
            cut = onset + ms(length / 1000.0 * (0.3 + 0.4 * rng.random()))
            gap = ms(0.3 + 1.2 * rng.random())
            a = clip(e_on, cut, v["duration"])
            b = clip(cut + gap, e_off, v["duration"])
            out.append((*a, e_label, score(rng, base - 0.1, miss_factor)))
            out.append((*b, e_label, score(rng, base - 0.1, miss_factor)))
        else:
            out.append((*clip(e_on, e_off, v["duration"]), e_label, score(rng, base, miss_factor)))
    minutes = v["duration"] / 60000.0
    for label in LABELS:
        _, median, sigma, _, fa_rate = CLASSES[label]
        for _ in range(poisson(rng, fa_rate * minutes * miss_factor)):
            start = ms(rng.random() * v["duration"] / 1000.0)
            fa = clip(start, start + length_ms(rng, median, sigma), v["duration"])
            out.append((*fa, label, score(rng, 0.38, miss_factor)))
    if v["index"] in NO_SYSTEM:
        return []
    return out


def write_list(path, events):
    with open(path, "w", newline="") as f:
        f.write("".join(f"{fmt_ms(a)}\t{fmt_ms(b)}\t{lab}\n" for a, b, lab, *_ in events))


def main():
    rng = random.Random(SEED)
    videos = make_videos(rng)
    ref_rows, est_rows = [], []
    os.makedirs(os.path.join(HERE, "lists", "ref"), exist_ok=True)
    os.makedirs(os.path.join(HERE, "lists", "est"), exist_ok=True)
    filelist = []
    for v in videos:
        reference = sorted(reference_events(rng, v))
        estimated = sorted(system_events(rng, v, reference))
        for a, b, lab in reference:
            assert 0 <= a < b <= v["duration"]
        for lab in LABELS:
            same = [e for e in reference if e[2] == lab]
            assert all(x[1] < y[0] for x, y in zip(same, same[1:])), "reference events of one class overlap"
        for a, b, lab, s in estimated:
            assert 0 <= a < b <= v["duration"] and 0 < s <= 1000
        ref_rows += [[v["video"], fmt_ms(a), fmt_ms(b), lab] for a, b, lab in reference]
        est_rows += [[v["video"], fmt_ms(a), fmt_ms(b), lab, fmt_ms(s)] for a, b, lab, s in estimated]
        write_list(os.path.join(HERE, "lists", "ref", v["video"] + ".txt"), reference)
        write_list(os.path.join(HERE, "lists", "est", v["video"] + ".txt"), estimated)
        filelist.append(f"ref/{v['video']}.txt\test/{v['video']}.txt\n")
    with open(os.path.join(HERE, "lists", "filelist.tsv"), "w", newline="") as f:
        f.write("".join(filelist))

    files = [
        T.write_file(HERE, "reference.csv", "ground_truth", ["video", "onset", "offset", "label"], ref_rows),
        T.write_file(HERE, "estimated.csv", "predictions", ["video", "onset", "offset", "label", "score"], est_rows,
                     produced_by="synthetic event detector simulated by generate.py from the reference events (misses, "
                                 "onset/offset jitter, confusable-label substitutions, fragmented long events, false "
                                 "alarms; worse at night and on the car-park camera); score in (0, 1], no threshold applied"),
        T.write_file(HERE, "videos.csv", "metadata", ["video", "duration", "fps", "camera", "site", "lighting", "crowd_density"],
                     [[v["video"], fmt_ms(v["duration"]).rstrip("0").rstrip("."), v["fps"], v["camera"], v["site"],
                       v["lighting"], v["crowd_density"]] for v in videos]),
    ]
    T.write_manifest(HERE, T.manifest(
        name="video-events-synthetic",
        description=("SYNTHETIC surveillance-video events: 24 made-up videos of 2-5 minutes with reference events of "
                     "6 classes (onset, offset in seconds) and a made-up detector's events with scores (misses, jitter, "
                     "substitutions, fragments, false alarms; worse at night and on the car-park camera); a recordings "
                     "table gives each video's duration, fps and conditions. No real videos; generated by generate.py "
                     "(seeded)."),
        license="CC0-1.0, synthetic, generated by generate.py",
        source=f"generate.py in this folder (Python random.Random seed {SEED}); not real data",
        files=files,
        columns={"id": "video", "label": "label", "onset": "onset", "offset": "offset", "duration": "duration",
                 "fps": "fps", "attributes": ["camera", "site", "lighting", "crowd_density"]}))
    print(f"wrote {len(videos)} videos, {files[0]['rows']} reference events, {files[1]['rows']} estimated events "
          f"(seed {SEED})")


if __name__ == "__main__":
    main()
