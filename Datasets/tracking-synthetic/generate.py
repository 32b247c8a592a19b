#!/usr/bin/env python3
"""Generate Datasets/tracking-synthetic/: SYNTHETIC multi-object tracking data for the `tracking` task.

Nothing here comes from real cameras, videos or people. 12 made-up sequences `seq-01`..`seq-12`
(200-400 frames at 25 or 30 fps) from 3 made-up outdoor cameras (plaza, street, platform) carry
  sequences.csv   the sequences table: sequence, length (frames), frame_rate, width, height and
                  three conditions to slice by: camera, weather (clear/rain/fog), density
                  (low/medium/high crowd)
  gt/<seq>.txt    the ground truth, MOTChallenge text: frame,id,x,y,w,h,conf,class,visibility
                  (conf 1; class 1 pedestrian, 3 car; visibility in [0, 1], 2 decimals)
  tracker/<seq>.txt  a made-up tracker's output: frame,id,x,y,w,h,conf,class,-1,-1 (its class
                  1 or 3 in the class column, conf in (0, 1])
A simulated world: pedestrians walk along two-segment paths (from an image edge or a door to a
middle point within 0.2 W, where 15 % pause, then out at the nearest edge, the other edge or a
door), alone or in groups of 2-3 (15 / 30 / 45 % of arrivals at low / medium / high density);
arrivals keep about PEOPLE[density] pedestrians on their paths (0.8 x on the street); cars drive
along two lanes on the street camera, queueing, some stopping for a while; box sizes follow a
perspective (farther is smaller). Each gt row's visibility is the share of a 10 x 10 grid of
points of its box that no nearer object (larger bottom y) and no static occluder (kiosk, bus
shelter, pillar, planter, bench) covers; a fully covered object has no row (a gap in its track).
The made-up tracker, frame by frame:
  * misses an object with probability (0.02 + 0.8 (1 - visibility)^2 + 0.12 x (90 - box
    height) / 90 for boxes under 90 px, doubled in fog) x weather (clear 1.0, rain 1.6, fog 2.6)
    x density (low 1.0, medium 1.3, high 1.7) x camera (plaza 0.8, street 1.0, platform 1.3)
    (cars 0.6 times that; at most 0.97), more likely just after a miss;
  * confirms a new track on its 2nd detection (the first is not written), coasts 1-2 frames on
    the last velocity after a miss (half the time), and drops a track after 0.4 s unseen: the
    object's next detection starts a new id (a fragmentation and an identity switch);
  * jitters boxes (AR(1) noise, larger in rain and fog and at low visibility);
  * swaps the ids of two objects of one class whose boxes overlapped (IoU >= 0.25) when they
    separate (IoU < 0.05), with probability 0.3 x weather (1.0 / 1.3 / 1.9) x density
    (0.8 / 1.0 / 1.4) x camera (plaza 0.8, street 1.0, platform 1.4), at most 0.8;
  * labels a new track with the other class sometimes (a pedestrian as a car 3 % on the street,
    2 % elsewhere; a car as a pedestrian 5 %), raises short duplicate tracks around detected
    objects and false-alarm tracks (Poisson, 0.012 per frame at 25 fps x weather 1.0 / 2.2 / 1.6
    x density 1.0 / 1.2 / 1.5 x camera 1.0 / 1.3 / 1.1) with low confidences.

Deterministic: random.Random(SEED), and only .random() (uniform doubles) is drawn: choices by
inverse CDF, normals as a sum of 12 uniforms minus 6 (Irwin-Hall), Poisson by inversion. Boxes
are rounded to integer hundredths of a pixel (written with 2 decimals), visibility and conf to
hundredths, so the files are the same bytes on any Python 3 (checked with CPython 3.8, 3.11 and
3.13; math.sin / exp / log / hypot come from the C library, and a last-bit difference there could
only matter for a value within 1e-13 of a rounding boundary). Re-running rewrites every file and
the manifest's sha256 and rows (a MOT directory's sha256 is over its <seq>.txt files concatenated
in sequences.csv order, see manifest_tools.mot_directory_entry).

Usage:  python3 Datasets/tracking-synthetic/generate.py && python3 Datasets/verify.py
"""
import math
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import manifest_tools as T  # noqa: E402  (Datasets/manifest_tools.py)

SEED = 20261208
PEDESTRIAN, CAR = 1, 3

# Per camera: image size; horizon (fraction of the height) and a standing person's height at the
# bottom row (fraction of the height): height(y) = person * H * (y - horizon*H) / (H - horizon*H);
# bands of foot y where people walk; doors (foot x, foot y) where people appear and disappear;
# static occluders (x0, y0, x1, y1) whose bottom y is their depth; car lanes (foot y, direction).
CAMERAS = {
    "plaza": {"size": (1280, 720), "horizon": 0.22, "person": 0.40,
              "walk": [(0.42, 0.96)], "doors": [(0.30, 0.43), (0.76, 0.45)],
              "occluders": [(0.52, 0.22, 0.63, 0.58), (0.15, 0.62, 0.32, 0.72)], "lanes": []},
    "street": {"size": (1920, 1080), "horizon": 0.30, "person": 0.30,
               "walk": [(0.45, 0.57), (0.83, 0.97)], "doors": [(0.18, 0.47), (0.66, 0.46)],
               "occluders": [(0.30, 0.28, 0.40, 0.575), (0.80, 0.06, 0.83, 0.58)],
               "lanes": [(0.645, 1), (0.745, -1)]},
    "platform": {"size": (1920, 1080), "horizon": 0.25, "person": 0.34,
                 "walk": [(0.40, 0.95)], "doors": [(0.50, 0.41), (0.14, 0.56)],
                 "occluders": [(0.60, 0.20, 0.70, 0.56), (0.28, 0.00, 0.33, 0.70), (0.05, 0.85, 0.30, 0.93)],
                 "lanes": []},
}
# The 12 sequences' (camera, weather, density) before shuffling: 4 per camera; weather clear 5,
# rain 4, fog 3; density 4 each.
CELLS = [("plaza", "clear", "low"), ("plaza", "clear", "high"), ("plaza", "rain", "medium"), ("plaza", "fog", "medium"),
         ("street", "clear", "medium"), ("street", "rain", "low"), ("street", "rain", "high"), ("street", "fog", "low"),
         ("platform", "clear", "medium"), ("platform", "clear", "high"), ("platform", "rain", "low"),
         ("platform", "fog", "high")]
PEOPLE = {"low": 1.7, "medium": 2.8, "high": 4.6}          # pedestrians kept on their paths
GROUPS = {"low": 0.15, "medium": 0.3, "high": 0.45}         # share of arrivals that are groups of 2-3
CARS = {"low": 0.7, "medium": 1.1, "high": 1.6}            # new cars per lane per 100 frames at 25 fps
MISS = {"weather": {"clear": 1.0, "rain": 1.6, "fog": 2.6}, "density": {"low": 1.0, "medium": 1.3, "high": 1.7},
        "camera": {"plaza": 0.8, "street": 1.0, "platform": 1.3}}
JITTER = {"clear": 1.0, "rain": 1.2, "fog": 1.45}
SWAP = {"weather": {"clear": 1.0, "rain": 1.3, "fog": 1.9}, "density": {"low": 0.8, "medium": 1.0, "high": 1.4},
        "camera": {"plaza": 0.8, "street": 1.0, "platform": 1.4}}
FALSE_ALARMS = {"weather": {"clear": 1.0, "rain": 2.2, "fog": 1.6}, "density": {"low": 1.0, "medium": 1.2, "high": 1.5},
                "camera": {"plaza": 1.0, "street": 1.3, "platform": 1.1}}
MIN_HITS = 2          # a new track is written from its 2nd detection on
MAX_AGE_S = 0.4       # a track unseen for longer is dropped
GRID = 10             # visibility: GRID x GRID points per box


def normal(rng):
    """Standard normal (approximately): Irwin-Hall, 12 uniforms minus 6."""
    return sum(rng.random() for _ in range(12)) - 6.0


def poisson(rng, mean):
    u, k, p = rng.random(), 0, math.exp(-mean)
    acc = p
    while u >= acc and k < 1000:
        k += 1
        p *= mean / k
        acc += p
    return k


def shuffle(rng, items):
    items = list(items)
    for i in range(len(items) - 1, 0, -1):
        j = min(int(rng.random() * (i + 1)), i)
        items[i], items[j] = items[j], items[i]
    return items


def uniform(rng, a, b):
    return a + (b - a) * rng.random()


def cents(v):
    return int(round(v * 100.0))


def fmt(c):
    """Integer hundredths (>= 0) as a decimal with 2 places."""
    return f"{c // 100}.{c % 100:02d}"


def iou(a, b):
    ix = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    iy = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    if ix <= 0 or iy <= 0:
        return 0.0
    inter = ix * iy
    return inter / (a[2] * a[3] + b[2] * b[3] - inter)


class Scene:
    def __init__(self, camera, W, H):
        c = CAMERAS[camera]
        self.c, self.W, self.H = c, W, H
        self.yh = c["horizon"] * H
        self.occluders = [(x0 * W, y0 * H, x1 * W, y1 * H) for x0, y0, x1, y1 in c["occluders"]]

    def person_height(self, fy):
        return self.c["person"] * self.H * (fy - self.yh) / (self.H - self.yh)

    def clip(self, box):
        """(x, y, w, h) clipped to the image in integer hundredths, or None when less than 30 % of
        the box is inside the image."""
        x, y, w, h = box
        x0, y0 = max(0.0, x), max(0.0, y)
        x1, y1 = min(float(self.W), x + w), min(float(self.H), y + h)
        if x1 <= x0 or y1 <= y0 or (x1 - x0) * (y1 - y0) < 0.3 * w * h:
            return None
        cx0, cy0 = cents(x0), cents(y0)
        return (cx0, cy0, cents(x1) - cx0, cents(y1) - cy0)


def walk_point(rng, scene, band=None, near_x=None):
    """A foot point in a walking band (chosen at random unless given), within 0.35 W of near_x."""
    bands = scene.c["walk"]
    lo, hi = bands[band if band is not None else min(int(rng.random() * len(bands)), len(bands) - 1)]
    if near_x is None:
        x = uniform(rng, 0.04, 0.96) * scene.W
    else:
        x = min(0.96 * scene.W, max(0.04 * scene.W, near_x + uniform(rng, -0.2, 0.2) * scene.W))
    return (x, uniform(rng, lo, hi) * scene.H)


def endpoint(rng, scene, near):
    """An entry or exit point: mostly the image edge nearest to the given point (beyond it, so the
    box slides in or out), at about its height; else the other edge, or a door."""
    u = rng.random()
    if u < 0.75:
        nearest = -0.06 if near[0] < 0.5 * scene.W else 1.06
        side = nearest if u < 0.6 else 1.0 - nearest
        y = min(scene.H * 0.97, max(near[1] + 0.04 * scene.H * normal(rng), scene.yh + 0.12 * scene.H))
        return (side * scene.W, y)
    doors = scene.c["doors"]
    dx, dy = doors[min(int(rng.random() * len(doors)), len(doors) - 1)]
    return (dx * scene.W, dy * scene.H)


def pedestrian_track(rng, scene, fps, start, length, initial):
    """Boxes of one pedestrian from frame `start` on (frame -> (x, y, w, h), floats, unclipped)
    until it leaves or the sequence ends: from an entry point (an image edge or a door; for the
    people in view at frame 1, a point in view) to a middle point within 0.35 W, where it may
    pause, then to an exit point."""
    size = uniform(rng, 0.88, 1.12)
    aspect = uniform(rng, 0.36, 0.46)
    speed = uniform(rng, 1.3, 2.1)                     # metres per second
    if initial:
        pos = walk_point(rng, scene)
    else:
        pos = endpoint(rng, scene, walk_point(rng, scene))
    band = None
    if len(scene.c["walk"]) > 1:
        band = 0 if pos[1] < 0.7 * scene.H else 1
        if rng.random() < 0.15:
            band = 1 - band                            # crosses the street
    mid = walk_point(rng, scene, band, near_x=pos[0])
    end = endpoint(rng, scene, mid)
    pause = int(uniform(rng, 15, 90)) if rng.random() < 0.15 else 0
    phase, sway = rng.random() * 6.283, uniform(rng, 0.01, 0.03)
    out = {}
    waypoints = [mid, end]
    x, y = pos
    f = start
    while f <= length and waypoints:
        h = max(8.0, scene.person_height(y) * size)
        w = h * aspect
        out[f] = (x - w / 2 + sway * h * math.sin(phase + 0.35 * f), y - h, w, h)
        step = speed * h / 1.7 / fps
        tx, ty = waypoints[0]
        d = math.hypot(tx - x, ty - y)
        if d <= step:
            x, y = tx, ty
            waypoints.pop(0)
            if len(waypoints) == 1 and pause:
                f += 1
                for _ in range(pause):
                    if f > length:
                        break
                    out[f] = (x - w / 2 + sway * h * math.sin(phase + 0.35 * f), y - h, w, h)
                    f += 1
                continue
        else:
            x, y = x + step * (tx - x) / d, y + step * (ty - y) / d
        f += 1
    return out


def companion(rng, scene, leader):
    """A pedestrian walking with `leader` (a group): beside or just behind it, at a slightly
    different depth, so one often hides part of the other."""
    size = uniform(rng, 0.88, 1.12)
    side = uniform(rng, 0.3, 0.9) * (1 if rng.random() < 0.5 else -1)
    depth = uniform(rng, -0.035, 0.035) * scene.H
    lag = int(uniform(rng, 0, 4))
    out = {}
    frames = sorted(leader)
    for i, f in enumerate(frames):
        x, y, w, h = leader[frames[max(0, i - lag)]]
        fy = y + h + depth
        h2 = max(8.0, scene.person_height(fy) * size)
        w2 = h2 * w / h
        out[f] = (x + w / 2 + side * w - w2 / 2, fy - h2, w2, h2)
    return out


def car_tracks(rng, scene, fps, length, density):
    """Cars along the street's lanes, queueing behind the car ahead; some stop for a while."""
    tracks = []
    for lane_y, direction in scene.c["lanes"]:
        fy0 = lane_y * scene.H
        rate = CARS[density] / 100.0 * 25.0 / fps
        cars = []                                      # each: dict with state
        # cars already in the lane at frame 1
        for f in range(1, length + 1):
            if rng.random() < rate or (f == 1 and rng.random() < 0.6):
                h = scene.person_height(fy0) * 0.85 * uniform(rng, 0.9, 1.15)
                w = h * uniform(rng, 2.3, 2.8)
                x = -w if direction > 0 else float(scene.W)
                if f == 1:
                    x = uniform(rng, 0.1, 0.7) * scene.W
                last = cars[-1] if cars and not cars[-1]["gone"] else None
                clear = last is None or (last["x"] > x + w + 40 if direction > 0 else last["x"] + last["w"] + 40 < x)
                if clear:
                    px_per_m = h / 1.5
                    cars.append({"x": x, "w": w, "h": h, "fy": fy0 + 0.008 * scene.H * normal(rng),
                                 "v": uniform(rng, 3.0, 9.0) * px_per_m / fps * direction,
                                 "stop_at": uniform(rng, 0.3, 0.7) * scene.W if rng.random() < 0.25 else None,
                                 "stop": int(uniform(rng, 25, 150)), "gone": False, "boxes": {}})
            ahead = None
            for car in cars:                           # front car first
                if car["gone"]:
                    continue
                car["boxes"][f] = (car["x"], car["fy"] - car["h"], car["w"], car["h"])
                nx = car["x"] + car["v"]
                if car["stop_at"] is not None and car["stop"] > 0:
                    centre = nx + car["w"] / 2
                    if (direction > 0 and centre >= car["stop_at"]) or (direction < 0 and centre <= car["stop_at"]):
                        car["stop"] -= 1
                        nx = car["x"]
                if ahead is not None:
                    if direction > 0:
                        nx = min(nx, ahead["x"] - car["w"] - 30)
                    else:
                        nx = max(nx, ahead["x"] + ahead["w"] + 30)
                    if (direction > 0 and nx < car["x"]) or (direction < 0 and nx > car["x"]):
                        nx = car["x"]
                car["x"] = nx
                if (direction > 0 and nx > scene.W) or (direction < 0 and nx + car["w"] < 0):
                    car["gone"] = True
                ahead = car
        tracks += [c["boxes"] for c in cars]
    return tracks


def visibility(box, occluders):
    """Share of a GRID x GRID grid of points of the box covered by no occluder, in hundredths."""
    x, y, w, h = box
    free = 0
    for i in range(GRID):
        py = y + (i + 0.5) * h / GRID
        for j in range(GRID):
            px = x + (j + 0.5) * w / GRID
            if not any(o[0] <= px <= o[2] and o[1] <= py <= o[3] for o in occluders):
                free += 1
    return free


def make_world(rng, seq):
    """Ground truth of one sequence: per frame a list of (object, class, box in hundredths,
    visibility in hundredths, full box height) for visible objects; ids are given later."""
    scene = Scene(seq["camera"], seq["width"], seq["height"])
    L, fps = seq["length"], seq["frame_rate"]
    objects = []                                       # (class, {frame: float box})
    people = PEOPLE[seq["density"]] * (0.8 if seq["camera"] == "street" else 1.0)
    p_group = GROUPS[seq["density"]]
    alive = [0] * (L + 2)                              # pedestrians on their paths, per frame

    def arrive(f, initial):
        group = [pedestrian_track(rng, scene, fps, f, L, initial)]
        if rng.random() < p_group:
            for _ in range(1 + (rng.random() < 0.4)):
                group.append(companion(rng, scene, group[0]))
        for boxes in group:
            objects.append((PEDESTRIAN, boxes))
            for g in boxes:
                alive[g] += 1

    # People arrive whenever fewer than the (slowly varying) target are about, at most one
    # arrival (a person or a group) per 0.3 s.
    period, phase = uniform(rng, 0.5, 1.5) * L, rng.random() * 6.283
    last = -L
    for f in range(1, L + 1):
        target = people * (1.0 + 0.25 * math.sin(phase + 6.283 * f / period))
        if f == 1:
            while alive[1] < target:
                arrive(1, True)
        elif alive[f] < target and f - last >= 0.3 * fps and rng.random() < 0.35:
            arrive(f, False)
            last = f
    objects += [(CAR, boxes) for boxes in car_tracks(rng, scene, fps, L, seq["density"])]
    frames = {f: [] for f in range(1, L + 1)}
    for k, (cls, boxes) in enumerate(objects):
        for f, box in boxes.items():
            c = scene.clip(box)
            if c is not None:
                frames[f].append((k, cls, c, box[1] + box[3], box[3]))
    world = {}
    S = 0.01
    for f in range(1, L + 1):
        present = frames[f]
        rows = []
        for k, cls, c, foot, full_h in present:
            occ = [o for o in scene.occluders if o[3] > foot]
            occ += [(b[0] * S, b[1] * S, (b[0] + b[2]) * S, (b[1] + b[3]) * S)
                    for k2, _, b, foot2, _ in present if k2 != k and foot2 > foot]
            v = visibility((c[0] * S, c[1] * S, c[2] * S, c[3] * S), occ)
            if v > 0:
                rows.append((k, cls, c, v, full_h))
        world[f] = rows
    return scene, world


def assign_ids(world):
    """gt ids 1.. in order of first appearance (then object index)."""
    first = {}
    for f in sorted(world):
        for k, *_ in world[f]:
            first.setdefault(k, (f, k))
    return {k: i + 1 for i, k in enumerate(sorted(first, key=lambda k: first[k]))}


def simulate_tracker(rng, seq, scene, world):
    """The made-up tracker's rows of one sequence: (frame, id, box hundredths, conf hundredths, class)."""
    fps, L = seq["frame_rate"], seq["length"]
    m = MISS["weather"][seq["weather"]] * MISS["density"][seq["density"]] * MISS["camera"][seq["camera"]]
    jw = JITTER[seq["weather"]]
    small = 2.0 if seq["weather"] == "fog" else 1.0
    p_swap = min(0.8, 0.3 * SWAP["weather"][seq["weather"]] * SWAP["density"][seq["density"]]
                 * SWAP["camera"][seq["camera"]])
    fa_rate = 0.012 * (FALSE_ALARMS["weather"][seq["weather"]] * FALSE_ALARMS["density"][seq["density"]]
                       * FALSE_ALARMS["camera"][seq["camera"]]) * 25.0 / fps
    max_age = int(round(MAX_AGE_S * fps))
    S = 0.01
    next_id = [1]

    def new_id():
        i = next_id[0]
        next_id[0] += int(1 + (rng.random() < 0.15))   # unconfirmed tentative tracks use ids too
        return i

    state = {}                                         # object -> track state
    contact = {}                                       # (k1, k2) -> overlapping
    ghosts = []                                        # duplicates: [object, id, frames left, dx, dy, sw, sh, conf]
    alarms = []                                        # false alarms: [id, x, y, w, h, vx, vy, frames left, cls, conf]
    out = []

    def emit(f, tid, box, conf, cls):
        x, y, w, h = box
        c = scene.clip((x, y, max(w, 2.0), max(h, 2.0)))
        if c is None or c[2] < 100 or c[3] < 100:
            return
        out.append((f, tid, c, min(100, max(1, cents(conf))), cls))

    for f in range(1, L + 1):
        rows = world[f]
        by_obj = {k: (cls, c, v, full_h) for k, cls, c, v, full_h in rows}
        # identity swaps when two overlapping objects of one class separate
        ks = [k for k, *_ in rows]
        for i, a in enumerate(ks):
            for b in ks[i + 1:]:
                if by_obj[a][0] != by_obj[b][0]:
                    continue
                key = (min(a, b), max(a, b))
                o = iou(by_obj[a][1], by_obj[b][1])
                if o >= 0.25:
                    contact[key] = True
                elif contact.get(key) and o < 0.05:
                    contact[key] = False
                    sa, sb = state.get(a), state.get(b)
                    if sa and sb and sa["id"] is not None and sb["id"] is not None and rng.random() < p_swap:
                        for field in ("id", "label", "hits", "noise"):
                            sa[field], sb[field] = sb[field], sa[field]
        # every object the tracker knows or can see, in object order
        for k in sorted(set(by_obj) | set(state)):
            s = state.setdefault(k, {"id": None, "label": None, "hits": 0, "missed": 0, "last": None,
                                     "vel": (0.0, 0.0), "noise": [0.0, 0.0, 0.0, 0.0], "cls": None})
            if k in by_obj:
                cls, c, v, full_h = by_obj[k]
                s["cls"] = cls
                vis = v / 100.0
                p = 0.02 + 0.8 * (1.0 - vis) ** 2 + 0.12 * small * max(0.0, (90.0 - full_h) / 90.0)
                p *= m * (0.6 if cls == CAR else 1.0)
                if s["missed"] > 0 and s["id"] is not None:
                    p += (1.0 - p) * 0.35
                detected = rng.random() >= min(0.97, p)
            else:
                detected = False
            if detected:
                if s["id"] is None or s["missed"] > max_age:
                    s["id"], s["hits"], s["noise"] = new_id(), 0, [0.0, 0.0, 0.0, 0.0]
                    u = rng.random()
                    if cls == PEDESTRIAN:
                        s["label"] = CAR if u < (0.03 if seq["camera"] == "street" else 0.02) else PEDESTRIAN
                    else:
                        s["label"] = PEDESTRIAN if u < 0.05 else CAR
                s["hits"] += 1
                s["missed"] = 0
                g = (c[0] * S, c[1] * S, c[2] * S, c[3] * S)
                jit = jw * (1.0 + 0.8 * (1.0 - vis))
                n = s["noise"]
                for i, sigma in enumerate((0.05, 0.03, 0.05, 0.04)):
                    n[i] = 0.7 * n[i] + 0.714 * sigma * jit * normal(rng)
                w, h = g[2] * math.exp(n[2]), g[3] * math.exp(n[3])
                cx, cy = g[0] + g[2] / 2 + n[0] * g[2], g[1] + g[3] / 2 + n[1] * g[3]
                box = (cx - w / 2, cy - h / 2, w, h)
                if s["last"] is not None:
                    s["vel"] = (0.5 * s["vel"][0] + 0.5 * (box[0] - s["last"][0]),
                                0.5 * s["vel"][1] + 0.5 * (box[1] - s["last"][1]))
                s["last"] = box
                conf = 0.92 - 0.45 * (1.0 - vis) - 0.04 * (m - 1.0) + 0.05 * normal(rng)
                if s["hits"] >= MIN_HITS:
                    emit(f, s["id"], box, conf, s["label"])
                    if rng.random() < 0.003 * m:        # a duplicate track around this object
                        ghosts.append([k, new_id(), int(uniform(rng, 2, 13)), uniform(rng, -0.3, 0.3),
                                       uniform(rng, -0.2, 0.2), uniform(rng, 1.15, 1.5), uniform(rng, 1.1, 1.4),
                                       uniform(rng, 0.15, 0.45)])
            elif s["id"] is not None:
                s["missed"] += 1
                if s["hits"] >= MIN_HITS and s["missed"] <= 2 and s["last"] is not None and rng.random() < 0.5:
                    x, y, w, h = s["last"]
                    box = (x + s["vel"][0] * s["missed"], y + s["vel"][1] * s["missed"], w, h)
                    emit(f, s["id"], box, uniform(rng, 0.2, 0.5), s["label"])
                if s["missed"] > max_age and k not in by_obj:
                    del state[k]
            elif k not in by_obj:
                del state[k]
        for gh in ghosts:
            k, tid, left, dx, dy, sw, sh, conf = gh
            if k in by_obj and left > 0:
                c = by_obj[k][1]
                w, h = c[2] * S * sw, c[3] * S * sh
                cx = c[0] * S + c[2] * S * (0.5 + dx)
                cy = c[1] * S + c[3] * S * (0.5 + dy)
                emit(f, tid, (cx - w / 2, cy - h / 2, w, h), conf, by_obj[k][0])
            gh[2] = left - 1 if k in by_obj else 0
        ghosts = [g for g in ghosts if g[2] > 0]
        for _ in range(poisson(rng, fa_rate)):
            fx, fy = walk_point(rng, scene)
            car = seq["camera"] == "street" and rng.random() < 0.25
            if car:
                lane_y = scene.c["lanes"][min(int(rng.random() * 2), 1)][0]
                fy = lane_y * scene.H
            h = scene.person_height(fy) * (0.85 if car else 1.0) * uniform(rng, 0.7, 1.2)
            w = h * (uniform(rng, 2.0, 2.8) if car else uniform(rng, 0.3, 0.5))
            life = 1 + int(-math.log(1.0 - rng.random()) * 10.0)
            alarms.append([new_id(), fx - w / 2, fy - h, w, h, uniform(rng, -1.5, 1.5), uniform(rng, -0.5, 0.5),
                           min(life, 40), CAR if car else PEDESTRIAN, uniform(rng, 0.05, 0.5)])
        for a in alarms:
            tid, x, y, w, h, vx, vy, left, cls, conf = a
            emit(f, tid, (x, y, w, h), conf + 0.05 * normal(rng), cls)
            a[1], a[2], a[7] = x + vx, y + vy, left - 1
        alarms = [a for a in alarms if a[7] > 0]
    return out


def make_sequences(rng):
    seqs = []
    for i, (camera, weather, density) in enumerate(shuffle(rng, CELLS)):
        W, H = CAMERAS[camera]["size"]
        seqs.append({"sequence": f"seq-{i + 1:02d}", "length": 200 + int(rng.random() * 201),
                     "frame_rate": 30 if rng.random() < 0.4 else 25, "width": W, "height": H,
                     "camera": camera, "weather": weather, "density": density})
    return seqs


def main():
    rng = random.Random(SEED)
    seqs = make_sequences(rng)
    for sub in ("gt", "tracker"):
        os.makedirs(os.path.join(HERE, sub), exist_ok=True)
    stats = []
    for seq in seqs:
        scene, world = make_world(rng, seq)
        ids = assign_ids(world)
        gt_lines = []
        for f in range(1, seq["length"] + 1):
            for k, cls, c, v, _ in sorted(world[f], key=lambda r: ids[r[0]]):
                gt_lines.append(f"{f},{ids[k]},{fmt(c[0])},{fmt(c[1])},{fmt(c[2])},{fmt(c[3])},1,{cls},{fmt(v)}\n")
        rows = sorted(simulate_tracker(rng, seq, scene, world), key=lambda r: (r[0], r[1]))
        tr_lines = [f"{f},{tid},{fmt(c[0])},{fmt(c[1])},{fmt(c[2])},{fmt(c[3])},{fmt(conf)},{cls},-1,-1\n"
                    for f, tid, c, conf, cls in rows]
        for lines in (gt_lines, tr_lines):
            seen = set()
            for line in lines:
                fr, i = line.split(",")[:2]
                assert 1 <= int(fr) <= seq["length"] and (fr, i) not in seen, line
                seen.add((fr, i))
        for name, lines in (("gt", gt_lines), ("tracker", tr_lines)):
            with open(os.path.join(HERE, name, seq["sequence"] + ".txt"), "w", newline="") as fh:
                fh.write("".join(lines))
        stats.append((seq, len(gt_lines), len(ids), len(tr_lines), len({r[1] for r in rows})))

    names = [s["sequence"] for s in seqs]
    files = [
        T.mot_directory_entry(HERE, "gt", "ground_truth", names),
        T.mot_directory_entry(HERE, "tracker", "predictions", names,
                              produced_by="synthetic tracker simulated by generate.py from the ground truth (misses "
                                          "rising at low visibility, in fog and rain and in dense scenes; box jitter; "
                                          "tracks confirmed on their 2nd detection, coasting, dropped after 0.4 s unseen; "
                                          "identity swaps at crossings; class confusions; duplicate and false-alarm "
                                          "tracks); conf in (0, 1], no threshold applied"),
        T.write_file(HERE, "sequences.csv", "metadata",
                     ["sequence", "length", "frame_rate", "width", "height", "camera", "weather", "density"],
                     [[s["sequence"], s["length"], s["frame_rate"], s["width"], s["height"], s["camera"], s["weather"],
                       s["density"]] for s in seqs]),
    ]
    T.write_manifest(HERE, T.manifest(
        name="tracking-synthetic",
        description=("SYNTHETIC multi-object tracking: 12 made-up surveillance sequences of 200-400 frames from 3 "
                     "outdoor cameras (plaza, street, platform) in clear, rainy or foggy weather and low, medium or "
                     "high crowd density, with MOTChallenge-text ground truth (pedestrians class 1, cars class 3, "
                     "per-box visibility, occlusion gaps, objects entering and leaving) and a made-up tracker's "
                     "output (misses, jitter, fragmentations, identity switches at crossings, false alarms; worse "
                     "in fog and rain and in dense scenes); a sequences table gives each sequence's length, frame "
                     "rate, image size and conditions. No real videos; generated by generate.py (seeded)."),
        license="CC0-1.0",
        source=f"generate.py in this folder, seed {SEED} (Python random.Random); not real data",
        files=files,
        columns={"id": "sequence", "length": "length", "frame_rate": "frame_rate", "width": "width",
                 "height": "height", "attributes": ["camera", "weather", "density"]}))
    for seq, g, gi, t, ti in stats:
        print(f"{seq['sequence']} {seq['camera']:8s} {seq['weather']:5s} {seq['density']:6s} {seq['length']:3d}f "
              f"{seq['frame_rate']}fps  gt {g:5d} rows {gi:3d} ids  tracker {t:5d} rows {ti:3d} ids")
    print(f"wrote {len(seqs)} sequences, {files[0]['rows']} gt rows, {files[1]['rows']} tracker rows (seed {SEED})")


if __name__ == "__main__":
    main()
