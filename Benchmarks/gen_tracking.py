#!/usr/bin/env python3
"""Multi-object tracking workload: MOTChallenge ground truth and a tracker's output, seeded.

    python3 Benchmarks/gen_tracking.py [--out DIR] [--sequences 50] [--frames 1500] [--verify]

Default DIR: $BENCH_DATA/tracking (default ~/.cache/evalkit-bench-data/tracking). Deterministic:
numpy.random.Generator(PCG64) seeded from (SEED, sequence index), numbers written with a fixed
precision, so the same numpy version writes byte-identical files (`--verify` recomputes the
hashes of an existing folder and compares them with its MANIFEST.json). At the default size
(50 sequences of 1,500 frames) it writes 2,281,971 ground-truth boxes in 8,553 tracks and
1,915,574 tracker boxes (35,652 tracker ids), 201 MB, in 16-40 s.

The scene: each sequence has K "slots" (K uniform in 22..42, so about 20-40 objects alive at a time);
a slot holds one pedestrian after another (lifetimes lognormal, median 250 frames, with gaps of
1-20 frames between them), so tracks start late and end early; the objects alive at frame 1 and at
the last frame entered before / leave after the sequence. A box moves with a velocity, a small
sinusoidal wobble and a slow size change (log-scale drift); a moving camera adds a global pan;
walkers turn back at the image borders, so boxes are at most partly outside the image.
Visibility is the product over nearer boxes (lower bottom edge) of the share of the box they
leave uncovered.

The tracker: every ground-truth box, jittered (Gaussian noise of 3-7% of the box size, 3% of boxes
with 4x that), minus misses (more likely at low visibility; a few objects never tracked or picked
up late), minus gaps after which the track resumes under a new id with probability 0.6
(fragmentations), with identity switches (two objects whose centres are close in a frame
exchange their tracker ids from that frame on), plus false alarms (short spurious tracks, 1-4
boxes a frame). Tracker ids are numbered by first appearance; confidences are higher on true
boxes than on false alarms.

Files written under DIR:
- gt/<seq>.txt: `frame,id,x,y,w,h,1,1,visibility` (MOTChallenge: conf 1, class 1 = pedestrian,
  frames 1-based, x/y/w/h with 2 decimals, visibility with 4), sorted by id then frame (the order
  of MOT17's gt.txt files).
- tracker/<seq>.txt: `frame,id,x,y,w,h,conf,-1,-1,-1`, sorted by frame then id.
- sequences.csv: `sequence,length,frame_rate,width,height,camera,weather,density`.
- dataset.json (evalkit dataset manifest: gt as ground truth in format mot, sequences.csv as
  metadata) and scheme.json (task tracking, predictions tracker/, MOT17 preprocessing,
  hota deta assa mota motp idf1 id_switches).
- trackeval/: TrackEval's MOT17 folder layout made of relative symlinks to the same files:
  gt/MOT17-train/<seq>/gt/gt.txt (+ a real seqinfo.ini), gt/seqmaps/MOT17-train.txt,
  trackers/MOT17-train/bench/data/<seq>.txt. py-motmetrics' eval_motchallenge layout is the same
  gt folder and the tracker/ folder.
- MANIFEST.json: parameters, numpy/python versions, counts (boxes, tracks, switches injected),
  and bytes + sha256 of every regular file (plus a sha256 over each group's list). At the default
  size a copy goes to Benchmarks/results/tracking_manifest_50x1500.json, which `--verify` then
  checks the folder against (the folder's own MANIFEST.json at other sizes).
"""
import argparse
import hashlib
import json
import os
import sys
import time

import numpy as np

SEED = 20261207
DEFAULT_OUT = os.path.join(os.environ.get("BENCH_DATA", os.path.expanduser("~/.cache/evalkit-bench-data")), "tracking")
RESOLUTIONS = [(1920, 1080), (1280, 720), (640, 480)]
FRAME_RATES = [30, 25, 14]
WEATHER = ["clear", "overcast", "rain", "night"]


def log(message):
    print(message, file=sys.stderr, flush=True)


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 22), b""):
            h.update(block)
    return h.hexdigest()


def sequence_rng(index):
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([SEED, index])))


def objects_in_slots(g, slots, frames):
    """Per slot, successive objects: lists of (slot, first frame, last frame), 0-based inclusive."""
    rows = []
    for k in range(slots):
        # The first object of most slots is already in the scene at frame 0.
        t = 0 if g.random() < 0.85 else int(g.integers(1, 60))
        first = True
        while t < frames:
            life = int(np.clip(np.exp(g.normal(np.log(250.0), 0.8)), 25, 3 * frames))
            if first and t == 0:
                life = int(g.integers(1, life + 1)) if g.random() < 0.7 else life  # entered earlier
            first = False
            end = min(t + life - 1, frames - 1)
            rows.append((k, t, end))
            t = end + 1 + int(g.integers(1, 21))
    return np.array(rows, dtype=np.int64)


def reflect(v, low, high):
    """v folded into [low, high] (a walker turning back at the edges)."""
    span = high - low
    u = np.mod(v - low, 2 * span)
    return low + np.where(u > span, 2 * span - u, u)


def scene(g, frames, width, height, moving):
    """Ground truth on a (frame, slot) grid: object index (-1 none), boxes x, y, w, h, visibility."""
    slots = int(g.integers(22, 43))
    objs = objects_in_slots(g, slots, frames)
    n = len(objs)
    slot, start, end = objs[:, 0], objs[:, 1], objs[:, 2]
    grid = np.full((frames, slots), -1, dtype=np.int64)
    for i in range(n):
        grid[start[i]:end[i] + 1, slot[i]] = i
    # Per object: foot position, size (perspective: nearer = lower foot = taller), motion.
    foot0 = g.uniform(0.45, 1.05, n) * height
    h0 = np.clip(height * 0.36 * (foot0 / height) ** 2 * np.exp(g.normal(0, 0.15, n)), 18, None)
    aspect = np.clip(g.normal(0.41, 0.05, n), 0.28, 0.6)
    cx0 = g.uniform(-0.05, 1.05, n) * width
    speed = h0 / 200.0
    vx = g.normal(0, 1.4, n) * speed
    vy = g.normal(0, 0.25, n) * speed
    growth = g.normal(0, 0.0006, n) + vy / height * 2.0  # walking towards the camera grows the box
    wob_a = g.uniform(0, 0.08, n) * h0 * aspect
    wob_p = g.uniform(20, 90, n)
    wob_f = g.uniform(0, 2 * np.pi, n)
    alive = grid >= 0
    o = np.where(alive, grid, 0)
    tau = (np.arange(frames)[:, None] - start[o]).astype(np.float64)
    scale = np.exp(np.clip(growth[o] * tau, -0.9, 0.9))
    h = h0[o] * scale
    w = h * aspect[o]
    cx = cx0[o] + vx[o] * tau + wob_a[o] * np.sin(2 * np.pi * tau / wob_p[o] + wob_f[o])
    foot = foot0[o] + vy[o] * tau
    if moving:
        pan = g.uniform(-1.5, 1.5) * np.arange(frames) + g.uniform(10, 60) * np.sin(np.arange(frames) / g.uniform(40, 200))
        cx = cx + pan[:, None]
    # People turn back at the image borders (centre within [0, width], foot within [0.4, 1.1] x height), so
    # boxes are at most partly outside the image.
    cx = reflect(cx, 0.0, width)
    foot = reflect(foot, 0.4 * height, 1.1 * height)
    x, y = cx - w / 2, foot - h
    # Round now: visibility and the tracker's jitter start from the written numbers.
    x, y, w, h = (np.round(a, 2) for a in (x, y, w, h))
    w, h = np.maximum(w, 1.0), np.maximum(h, 1.0)
    # Occlusion: a box is covered by boxes whose bottom edge is lower (nearer the camera).
    ix = np.maximum(0, np.minimum((x + w)[:, :, None], (x + w)[:, None, :]) - np.maximum(x[:, :, None], x[:, None, :]))
    iy = np.maximum(0, np.minimum((y + h)[:, :, None], (y + h)[:, None, :]) - np.maximum(y[:, :, None], y[:, None, :]))
    share = ix * iy / (w * h)[:, :, None]
    bottom = y + h
    nearer = (bottom[:, None, :] > bottom[:, :, None]) & alive[:, None, :] & alive[:, :, None]
    vis = np.prod(np.where(nearer, 1 - np.minimum(share, 1), 1.0), axis=2)
    vis = np.round(vis, 4)
    return {"slots": slots, "objs": objs, "grid": grid, "alive": alive, "x": x, "y": y, "w": w, "h": h, "vis": vis}


def tracker(g, s, frames, width, height, night):
    """The tracker's boxes on the same grid (labels, detected mask, jittered boxes), false alarms,
    and the counts of injected events."""
    objs, grid, alive, vis = s["objs"], s["grid"], s["alive"], s["vis"]
    n = len(objs)
    # Each object's label over time; events are applied in time order, each one setting an
    # object's label from its frame to the object's end (a bijection at every frame).
    label = np.where(alive, grid, -1)
    next_label = n
    detected = alive.copy()
    # Per-box misses, more likely when occluded.
    p_miss = 0.015 + 0.55 * (1 - vis) ** 2 + (night * 0.02)
    detected &= g.random(alive.shape) >= p_miss
    events = []
    counts = {"never_tracked": 0, "late_start": 0, "gaps": 0, "fragmentations": 0, "switch_events": 0}
    for i, (k, t0, t1) in enumerate(objs):
        life = t1 - t0 + 1
        r = g.random()
        if r < 0.03:
            detected[t0:t1 + 1, k] = False
            counts["never_tracked"] += 1
            continue
        if r < 0.10:
            delay = int(g.integers(3, 30))
            detected[t0:min(t0 + delay, t1 + 1), k] = False
            counts["late_start"] += 1
        for _ in range(int(g.poisson(life / 350.0))):
            if life < 40:
                break
            resume = int(g.integers(t0 + 15, t1 - 5))
            gap = int(g.integers(2, 26))
            detected[max(t0, resume - gap):resume, k] = False
            counts["gaps"] += 1
            if g.random() < 0.6:
                events.append((resume, 0, i, -1))
    # Identity switches between close objects: centres nearer than 0.4 of the smaller width, similar heights.
    x, y, w, h = s["x"], s["y"], s["w"], s["h"]
    cx, cy = x + w / 2, y + h / 2
    d2 = (cx[:, :, None] - cx[:, None, :]) ** 2 + (cy[:, :, None] - cy[:, None, :]) ** 2
    near = (d2 < (0.4 * np.minimum(w[:, :, None], w[:, None, :])) ** 2) & (np.abs(np.log(h[:, :, None] / h[:, None, :])) < 0.25)
    near &= alive[:, :, None] & alive[:, None, :] & detected[:, :, None] & detected[:, None, :]
    near &= np.triu(np.ones((s["slots"], s["slots"]), dtype=bool), 1)[None]
    candidates = np.argwhere(near)
    if len(candidates):
        wanted = min(len(candidates), int(g.poisson(frames / 60.0)))
        for t, k1, k2 in candidates[np.sort(g.choice(len(candidates), wanted, replace=False))]:
            events.append((int(t), 1, int(grid[t, k1]), int(grid[t, k2])))
    events.sort()
    for t, kind, a, b in events:
        ka, ea = objs[a, 0], objs[a, 2]
        if kind == 0:
            label[t:ea + 1, ka] = next_label
            next_label += 1
            counts["fragmentations"] += 1
        else:
            kb, eb = objs[b, 0], objs[b, 2]
            la, lb = label[t, ka], label[t, kb]
            label[t:ea + 1, ka] = lb
            label[t:eb + 1, kb] = la
            counts["switch_events"] += 1
    # Jitter.
    sigma = g.uniform(0.03, 0.07) * (1.3 if night else 1.0)
    noise = g.normal(0, 1, (4,) + alive.shape) * sigma * np.where(g.random(alive.shape) < 0.03, 4.0, 1.0)
    tw = np.maximum(w * np.exp(noise[2]), 2.0)
    th = np.maximum(h * np.exp(noise[3]), 2.0)
    tx = x + w / 2 + noise[0] * w - tw / 2
    ty = y + h / 2 + noise[1] * h - th / 2
    conf = np.clip(g.beta(8, 2, alive.shape), 0.05, 1.0)
    t_idx, k_idx = np.nonzero(detected)
    true_rows = np.column_stack([t_idx, label[t_idx, k_idx], tx[t_idx, k_idx], ty[t_idx, k_idx],
                                 tw[t_idx, k_idx], th[t_idx, k_idx], conf[t_idx, k_idx]])
    # False alarms: short spurious tracks.
    rate = g.uniform(1.0, 4.0)
    mean_len = 8.0
    m = int(g.poisson(frames * rate / mean_len))
    f_start = g.integers(0, frames, m)
    f_len = np.minimum(g.geometric(1 / mean_len, m), 60)
    f_h = np.clip(height * g.uniform(0.04, 0.35, m), 12, None)
    f_w = f_h * np.clip(g.normal(0.42, 0.08, m), 0.2, 0.8)
    f_x = g.uniform(-0.02, 1.0, m) * width
    f_y = g.uniform(0.1, 0.95, m) * height - f_h / 2
    f_vx = g.normal(0, 1.0, m)
    f_vy = g.normal(0, 0.3, m)
    f_id = np.arange(m)
    rep = np.repeat(np.arange(m), f_len)
    offset = np.arange(len(rep)) - np.repeat(np.cumsum(f_len) - f_len, f_len)
    ft = f_start[rep] + offset
    keep = ft < frames
    rep, offset, ft = rep[keep], offset[keep], ft[keep]
    false_rows = np.column_stack([ft, next_label + f_id[rep], f_x[rep] + f_vx[rep] * offset, f_y[rep] + f_vy[rep] * offset,
                                  f_w[rep], f_h[rep], g.beta(2, 4, len(rep))])
    rows = np.concatenate([true_rows, false_rows])
    # Number tracker ids by first appearance (frame, then label).
    rows = rows[np.lexsort((rows[:, 1], rows[:, 0]))]
    _, first, inverse = np.unique(rows[:, 1], return_index=True, return_inverse=True)
    new_id = np.empty(len(first), dtype=np.float64)
    new_id[np.argsort(first)] = np.arange(1, len(first) + 1)
    rows[:, 1] = new_id[inverse]
    rows = rows[np.lexsort((rows[:, 1], rows[:, 0]))]
    counts["false_alarm_tracks"] = int(len(np.unique(rep)))
    counts["false_alarm_boxes"] = int(len(false_rows))
    counts["missed_boxes"] = int(alive.sum() - detected.sum())
    counts["tracker_ids"] = int(len(first))
    return rows, counts


def write_rows(path, fmt, rows, chunk=100_000):
    """Rows of floats written with one format string per chunk (fast, and exact for ints)."""
    with open(path, "w") as f:
        for i in range(0, len(rows), chunk):
            part = rows[i:i + chunk]
            f.write((fmt * len(part)) % tuple(part.ravel().tolist()))


def sequence(index, frames, out, names):
    g = sequence_rng(index)
    name = names[index]
    width, height = RESOLUTIONS[int(g.choice(3, p=[0.6, 0.25, 0.15]))]
    fps = FRAME_RATES[int(g.choice(3, p=[0.5, 0.35, 0.15]))]
    moving = bool(g.random() < 0.4)
    weather = WEATHER[int(g.choice(4, p=[0.4, 0.25, 0.2, 0.15]))]
    s = scene(g, frames, width, height, moving)
    t_idx, k_idx = np.nonzero(s["alive"])
    gt = np.column_stack([t_idx + 1, s["grid"][t_idx, k_idx] + 1, s["x"][t_idx, k_idx], s["y"][t_idx, k_idx],
                          s["w"][t_idx, k_idx], s["h"][t_idx, k_idx], s["vis"][t_idx, k_idx]]).astype(np.float64)
    gt = gt[np.lexsort((gt[:, 0], gt[:, 1]))]  # by id, then frame
    write_rows(os.path.join(out, "gt", name + ".txt"), "%d,%d,%.2f,%.2f,%.2f,%.2f,1,1,%.4f\n", gt)
    rows, counts = tracker(g, s, frames, width, height, weather == "night")
    rows[:, 0] += 1
    write_rows(os.path.join(out, "tracker", name + ".txt"), "%d,%d,%.2f,%.2f,%.2f,%.2f,%.3f,-1,-1,-1\n", rows)
    alive_per_frame = s["alive"].sum(axis=1)
    density = "low" if s["slots"] < 28 else "medium" if s["slots"] < 35 else "high"
    meta = {"sequence": name, "length": frames, "frame_rate": fps, "width": width, "height": height,
            "camera": "moving" if moving else "static", "weather": weather, "density": density}
    stats = dict(counts, gt_boxes=int(len(gt)), gt_tracks=int(len(s["objs"])), tracker_boxes=int(len(rows)),
                 slots=s["slots"], alive_min=int(alive_per_frame.min()), alive_max=int(alive_per_frame.max()),
                 alive_mean=round(float(alive_per_frame.mean()), 2), mean_visibility=round(float(s["vis"][s["alive"]].mean()), 4))
    return meta, stats


def symlink(target, link):
    os.makedirs(os.path.dirname(link), exist_ok=True)
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(os.path.relpath(target, os.path.dirname(link)), link)


def trackeval_layout(out, metas):
    root = os.path.join(out, "trackeval")
    for meta in metas:
        seq = meta["sequence"]
        folder = os.path.join(root, "gt", "MOT17-train", seq)
        symlink(os.path.join(out, "gt", seq + ".txt"), os.path.join(folder, "gt", "gt.txt"))
        with open(os.path.join(folder, "seqinfo.ini"), "w") as f:
            f.write(f"[Sequence]\nname={seq}\nimDir=img1\nframeRate={meta['frame_rate']}\nseqLength={meta['length']}\n"
                    f"imWidth={meta['width']}\nimHeight={meta['height']}\nimExt=.jpg\n")
        symlink(os.path.join(out, "tracker", seq + ".txt"), os.path.join(root, "trackers", "MOT17-train", "bench", "data", seq + ".txt"))
    os.makedirs(os.path.join(root, "gt", "seqmaps"), exist_ok=True)
    with open(os.path.join(root, "gt", "seqmaps", "MOT17-train.txt"), "w") as f:
        f.write("name\n" + "".join(m["sequence"] + "\n" for m in metas))


def write_json(path, value):
    with open(path, "w") as f:
        json.dump(value, f, indent=1)
        f.write("\n")


def file_table(out):
    """bytes + sha256 of every regular file (symlinks are listed by their target in the groups)."""
    files = {}
    for folder, dirs, names in os.walk(out):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, out)
            if rel == "MANIFEST.json" or os.path.islink(path):
                continue
            files[rel] = {"bytes": os.path.getsize(path), "sha256": sha256_file(path)}
    return files


def groups(files):
    result = {}
    for rel, entry in files.items():
        key = rel.split(os.sep)[0] if os.sep in rel else "."
        result.setdefault(key, []).append((rel, entry))
    summary = {}
    for key, entries in sorted(result.items()):
        listing = "".join(f"{e['sha256']}  {rel}\n" for rel, e in entries)
        summary[key] = {"files": len(entries), "bytes": sum(e["bytes"] for _, e in entries),
                        "sha256_of_list": hashlib.sha256(listing.encode()).hexdigest()}
    return summary


def repo_copy(sequences, frames):
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "results", f"tracking_manifest_{sequences}x{frames}.json")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=DEFAULT_OUT)
    parser.add_argument("--sequences", type=int, default=50)
    parser.add_argument("--frames", type=int, default=1500)
    parser.add_argument("--verify", action="store_true", help="compare the files in --out with its MANIFEST.json")
    args = parser.parse_args(argv)
    out = os.path.abspath(os.path.expanduser(args.out))
    if args.verify:
        own = json.load(open(os.path.join(out, "MANIFEST.json")))
        copy = repo_copy(own["sequences"], own["frames"])
        reference = json.load(open(copy)) if os.path.exists(copy) else own
        want = reference["files"]
        got = file_table(out)
        bad = [k for k in want if got.get(k) != want[k]]
        print(f"{len(want) - len(bad)}/{len(want)} files match {os.path.relpath(copy) if reference is not own else 'its MANIFEST.json'}"
              + "".join(f"\n  differs: {k}" for k in bad[:20]))
        sys.exit(1 if bad else 0)
    if args.frames < 100 or args.sequences < 1:
        sys.exit("--frames must be at least 100 and --sequences at least 1")
    started = time.time()
    for sub in ("gt", "tracker"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
        for stale in os.listdir(os.path.join(out, sub)):
            os.remove(os.path.join(out, sub, stale))
    if os.path.isdir(os.path.join(out, "trackeval")):
        import shutil
        shutil.rmtree(os.path.join(out, "trackeval"))
    width = max(2, len(str(args.sequences)))
    names = [f"TRK-{i + 1:0{width}d}" for i in range(args.sequences)]
    metas, stats = [], {}
    for i in range(args.sequences):
        meta, st = sequence(i, args.frames, out, names)
        metas.append(meta)
        stats[meta["sequence"]] = st
    with open(os.path.join(out, "sequences.csv"), "w") as f:
        columns = ["sequence", "length", "frame_rate", "width", "height", "camera", "weather", "density"]
        f.write(",".join(columns) + "\n" + "".join(",".join(str(m[c]) for c in columns) + "\n" for m in metas))
    write_json(os.path.join(out, "dataset.json"), {
        "evalkit_dataset": 1, "name": "tracking-bench",
        "description": f"Synthetic multi-object tracking benchmark: {args.sequences} sequences of {args.frames} frames, "
                       "20-40 pedestrians alive at a time, MOTChallenge ground truth (Benchmarks/gen_tracking.py).",
        "license": "CC0-1.0",
        "source": f"Benchmarks/gen_tracking.py --sequences {args.sequences} --frames {args.frames} (seed {SEED}, numpy {np.__version__})",
        "files": [{"path": "gt", "role": "ground_truth", "format": "mot"},
                  {"path": "sequences.csv", "role": "metadata", "format": "csv"}],
        "columns": {"id": "sequence", "length": "length", "frame_rate": "frame_rate", "width": "width", "height": "height",
                    "attributes": ["camera", "weather", "density"]}})
    write_json(os.path.join(out, "scheme.json"), {
        "evalkit": 1, "name": "tracking-bench", "task": "tracking", "dataset": "dataset.json",
        "predictions": {"path": "tracker", "format": "mot"}, "options": {"preprocessing": "mot17"},
        "metrics": ["hota", "deta", "assa", "mota", "motp", "idf1", "id_switches"]})
    trackeval_layout(out, metas)
    generated = time.time() - started
    files = file_table(out)
    totals = {key: sum(st[key] for st in stats.values()) for key in next(iter(stats.values())) if key not in
              ("slots", "alive_min", "alive_max", "alive_mean", "mean_visibility")}
    manifest = {"generator": "Benchmarks/gen_tracking.py", "seed": SEED, "sequences": args.sequences, "frames": args.frames,
                "numpy": np.__version__, "python": sys.version.split()[0], "root": out,
                "generation_seconds": round(generated, 1),
                "totals": dict(totals, alive_min=min(s["alive_min"] for s in stats.values()),
                               alive_max=max(s["alive_max"] for s in stats.values())),
                "total_bytes": sum(e["bytes"] for e in files.values()), "groups": groups(files),
                "per_sequence": stats, "files": files}
    write_json(os.path.join(out, "MANIFEST.json"), manifest)
    if (args.sequences, args.frames) == (50, 1500):  # the benchmark's size: a copy in the repo, for --verify elsewhere
        write_json(repo_copy(args.sequences, args.frames), dict(manifest, root="$BENCH_DATA/tracking", generation_seconds=None))
    log(f"{args.sequences} sequences x {args.frames} frames -> {out} in {time.time() - started:.1f}s: "
        f"{totals['gt_boxes']:,} gt boxes in {totals['gt_tracks']:,} tracks, {totals['tracker_boxes']:,} tracker boxes "
        f"({totals['tracker_ids']:,} ids), {manifest['total_bytes'] / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
