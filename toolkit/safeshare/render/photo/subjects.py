"""Layouts of the skin subjects: a forearm, a lower leg, a hand, a baby's foot, a close-up.

Each function places the capsules of the body part in the frame, picks where
the sign is and where a band, tattoo, ring or scale would sit, and returns a
LimbPlan for photo_limb to draw.
"""

from __future__ import annotations

import itertools
import random

import numpy as np

from safeshare.render.photo.body import Capsule, Shape
from safeshare.render.photo.limb import LimbPlan, Spot
from safeshare.render.photo.noise import FloatArray

__all__ = ["child_foot_plan", "closeup_plan", "forearm_plan", "hand_plan", "leg_plan"]


def _chain(points: list[tuple[float, float, float]], flat: float) -> list[Capsule]:
    """Capsules joining (x, y, radius) points in order."""
    return [
        Capsule(a[0], a[1], a[2], b[0], b[1], b[2], flat=flat)
        for a, b in itertools.pairwise(points)
    ]


def _light(rng: random.Random, across: float) -> tuple[float, float, float]:
    """A light from one side of the limb and a little from above the frame."""
    side = 1 if rng.random() < 0.5 else -1
    nx, ny = -np.sin(across), np.cos(across)
    return (float(side * nx * 0.55), float(side * ny * 0.55 - 0.25), 0.75)


def _along(cx: float, cy: float, angle: float, s: float, o: float = 0.0) -> tuple[float, float]:
    dx, dy = np.cos(angle), np.sin(angle)
    return (cx + dx * s - dy * o, cy + dy * s + dx * o)


def forearm_plan(rng: random.Random, shape: tuple[int, int], tone: str, sign: str) -> LimbPlan:
    """A forearm across the frame, the wrist near one edge and the hand running out of shot."""
    h, w = shape
    angle = rng.uniform(-0.32, 0.32) + (np.pi if rng.random() < 0.5 else 0.0)
    cx, cy = w / 2 + rng.uniform(-50, 50), h / 2 + rng.uniform(-40, 40)
    bow = rng.uniform(-22, 22)
    scale = rng.uniform(0.9, 1.05)
    stations = [(-950, 235, 0.0), (-300, 228, bow), (120, 200, bow * 0.8), (400, 152, 0.0)]
    pts = [(*_along(cx, cy, angle, s * scale, o), r * scale) for s, r, o in stations]
    caps = _chain(pts, 0.55)
    hand0 = _along(cx, cy, angle, 470 * scale)
    hand1 = _along(cx, cy, angle, 1000 * scale, rng.uniform(-60, 60))
    caps.append(
        Capsule(hand0[0], hand0[1], 172 * scale, hand1[0], hand1[1], 200 * scale, flat=0.38)
    )
    s_sign = rng.uniform(-120, 120) * scale
    o_sign = rng.uniform(-70, 70) * scale
    sign_at = _along(cx, cy, angle, s_sign, o_sign)
    radius = rng.uniform(26, 38) if sign != "nodule" else rng.uniform(22, 30)
    tattoo_s = max(s_sign - rng.uniform(360, 440) * scale, -560 * scale)
    tat = _along(cx, cy, angle, tattoo_s, rng.uniform(-30, 30))
    band = _along(cx, cy, angle, 400 * scale)
    ruler_at = _along(cx, cy, angle, s_sign + 30, o_sign + (150 if o_sign < 0 else -150) * scale)
    return LimbPlan(
        capsules=caps,
        tone=tone,
        surface=rng.choice(["sheet", "sheet", "pad"]),
        light=_light(rng, angle),
        focus=sign_at,
        signs=[(sign, sign_at, radius)],
        hair=(float(angle), rng.randrange(700, 1400)),
        band=Spot(band[0], band[1], angle, 152 * scale),
        tattoo=Spot(tat[0], tat[1], angle, 220 * scale),
        ruler=Spot(ruler_at[0], ruler_at[1], angle, 0.0),
    )


def leg_plan(rng: random.Random, shape: tuple[int, int], tone: str) -> LimbPlan:
    """A lower leg on an absorbent pad, an ulcer above the ankle, the foot out of shot."""
    h, w = shape
    angle = rng.uniform(-0.25, 0.25) + (np.pi if rng.random() < 0.5 else 0.0)
    cx, cy = w / 2 + rng.uniform(-40, 40), h / 2 + rng.uniform(-30, 30)
    scale = rng.uniform(0.85, 0.95)
    stations = [(-1000, 300, 0.0), (-350, 290, 10.0), (150, 215, 0.0), (430, 165, 0.0)]
    pts = [(*_along(cx, cy, angle, s * scale, o), r * scale) for s, r, o in stations]
    caps = _chain(pts, 0.6)
    side = rng.choice([-1, 1])
    turn = angle + side * rng.uniform(1.15, 1.35)
    ankle = _along(cx, cy, angle, 500 * scale)
    heel = (ankle[0] - np.cos(turn) * 120 * scale, ankle[1] - np.sin(turn) * 120 * scale)
    caps.append(
        Capsule(pts[-1][0], pts[-1][1], 165 * scale, ankle[0], ankle[1], 160 * scale, flat=0.6)
    )
    caps.append(Capsule(ankle[0], ankle[1], 150 * scale, heel[0], heel[1], 115 * scale, flat=0.6))
    toes = (ankle[0] + np.cos(turn) * 950 * scale, ankle[1] + np.sin(turn) * 950 * scale)
    caps.append(Capsule(ankle[0], ankle[1], 165 * scale, toes[0], toes[1], 62 * scale, flat=0.5))
    ulcer_at = _along(cx, cy, angle, rng.uniform(-60, 90) * scale, rng.uniform(-50, 50) * scale)
    band = _along(cx, cy, angle, 430 * scale)
    tat = _along(cx, cy, angle, -480 * scale, rng.uniform(-40, 40))
    return LimbPlan(
        capsules=caps,
        tone=tone,
        surface="pad",
        light=_light(rng, angle),
        focus=ulcer_at,
        signs=[("ulcer", ulcer_at, rng.uniform(70, 95) * scale)],
        hair=(float(angle), rng.randrange(300, 800)),
        band=Spot(band[0], band[1], angle, 165 * scale),
        band_label="ankle band",
        tattoo=Spot(tat[0], tat[1], angle, 260 * scale),
        undulation=8.0,
    )


def _nails_and_creases(
    fingers: list[tuple[tuple[float, float], tuple[float, float], float]], tone: str
) -> object:
    """A painter for fingernails and knuckle creases on the given finger segments."""

    def paint(albedo: FloatArray, relief: FloatArray, wet: FloatArray, shape: Shape) -> None:
        h, w = relief.shape
        for (x0, y0), (x1, y1), r in fingers:
            ang = np.arctan2(y1 - y0, x1 - x0)
            # nail: a rounded oblong at the tip, pinker and shinier
            nx, ny = x1 - np.cos(ang) * r * 0.55, y1 - np.sin(ang) * r * 0.55
            win = int(r * 2)
            xs0, ys0 = max(0, int(nx) - win), max(0, int(ny) - win)
            xs1, ys1 = min(w, int(nx) + win), min(h, int(ny) + win)
            if xs0 >= xs1 or ys0 >= ys1:
                continue
            yy, xx = np.mgrid[ys0:ys1, xs0:xs1].astype(np.float32)
            u = (xx - nx) * np.cos(ang) + (yy - ny) * np.sin(ang)
            v = -(xx - nx) * np.sin(ang) + (yy - ny) * np.cos(ang)
            nail = np.clip(1.0 - ((u / (r * 0.75)) ** 2 + (v / (r * 0.62)) ** 2) ** 2, 0, 1)
            nail = np.clip(nail * 3, 0, 1)
            win_a = albedo[ys0:ys1, xs0:xs1]
            tint = win_a * np.array((1.04, 0.95, 0.97), dtype=np.float32) + 0.04
            albedo[ys0:ys1, xs0:xs1] = (
                win_a * (1 - nail[..., None] * 0.7) + tint * nail[..., None] * 0.7
            )
            tip = np.clip((u - r * 0.45) / 3, 0, 1) * nail
            albedo[ys0:ys1, xs0:xs1] += tip[..., None] * 0.08
            relief[ys0:ys1, xs0:xs1] += nail * 1.5
            wet[ys0:ys1, xs0:xs1] = np.maximum(wet[ys0:ys1, xs0:xs1], nail * 0.6)
        del shape

    return paint


def hand_plan(rng: random.Random, shape: tuple[int, int], tone: str, sign: str) -> LimbPlan:
    """The back of a hand on an over-bed table, the ward behind; a sign on the hand."""
    h, w = shape
    horizon = int(h * rng.uniform(0.27, 0.32))
    palm = rng.uniform(212, 236)
    angle = -np.pi / 2 + rng.uniform(-0.3, 0.3)  # fingers point up the frame
    cx, cy = w / 2 + rng.uniform(-90, 90), h * 0.75
    mirror = 1 if rng.random() < 0.5 else -1

    def at(u: float, v: float) -> tuple[float, float]:
        return _along(cx, cy, angle, u * palm, v * palm * mirror)

    caps: list[Capsule] = []
    wrist0, wrist1 = at(-2.2, 0.0), at(-0.72, 0.02)
    caps.append(Capsule(*wrist0, 0.44 * palm, *wrist1, 0.35 * palm, flat=0.5))
    caps.append(Capsule(*at(-0.5, 0.0), 0.36 * palm, *at(0.3, 0.0), 0.42 * palm, flat=0.30))
    for v in (-0.3, 0.0, 0.3):
        p0, p1 = at(-0.55, v * 0.7), at(0.42, v * 1.08)
        caps.append(Capsule(*p0, 0.14 * palm, *p1, 0.17 * palm, flat=0.62))
    fingers = []
    lengths = [0.95, 1.04, 0.98, 0.78]
    spread = [-0.14, -0.04, 0.05, 0.16]
    bases = [-0.36, -0.12, 0.12, 0.35]
    finger_axes = []
    for v0, length, sp in zip(bases, lengths, spread, strict=True):
        a = angle + sp * mirror + rng.uniform(-0.04, 0.04)
        base = at(0.48, v0)
        r0 = 0.105 * palm
        pts = [(base[0], base[1], r0)]
        cur = base
        for k, frac in enumerate((0.45, 0.30, 0.25)):
            bend = a + 0.05 * k * mirror
            nxt = (
                cur[0] + np.cos(bend) * length * palm * frac,
                cur[1] + np.sin(bend) * length * palm * frac,
            )
            pts.append((nxt[0], nxt[1], r0 * (0.95 - 0.08 * (k + 1))))
            cur = nxt
        caps += _chain(pts, 0.85)
        fingers.append(((pts[-2][0], pts[-2][1]), (pts[-1][0], pts[-1][1]), pts[-1][2]))
        finger_axes.append((pts[0], pts[1], a))
    t0 = at(-0.5, -0.30)
    ta = angle - 0.62 * mirror
    t1 = (t0[0] + np.cos(ta) * 0.55 * palm, t0[1] + np.sin(ta) * 0.55 * palm)
    tb = ta + 0.22 * mirror
    t2 = (t1[0] + np.cos(tb) * 0.42 * palm, t1[1] + np.sin(tb) * 0.42 * palm)
    caps += _chain(
        [(t0[0], t0[1], 0.20 * palm), (t1[0], t1[1], 0.135 * palm), (t2[0], t2[1], 0.115 * palm)],
        0.75,
    )
    fingers.append(((t1[0], t1[1]), (t2[0], t2[1]), 0.115 * palm))
    # the ring sits on the proximal phalanx of the ring finger
    (rx0, ry0, rr), (rx1, ry1, _), ra = finger_axes[2]
    ring = Spot(rx0 + (rx1 - rx0) * 0.55, ry0 + (ry1 - ry0) * 0.55, ra, rr * 0.98)
    sign_at = at(rng.uniform(-0.3, 0.15), rng.uniform(-0.15, 0.2))
    band = at(-0.95, 0.0)
    tat = at(-1.7, 0.0)
    return LimbPlan(
        capsules=caps,
        tone=tone,
        surface="sheet",
        light=(rng.uniform(-0.5, 0.5), -0.55, 0.75),
        focus=sign_at,
        signs=[(sign, sign_at, rng.uniform(0.10, 0.14) * palm)],
        hair=(float(angle), rng.randrange(150, 400)),
        band=Spot(band[0], band[1], angle, 0.40 * palm),
        tattoo=Spot(tat[0], tat[1], angle, 0.42 * palm),
        ring=ring,
        horizon=horizon,
        decorate=_nails_and_creases(fingers, tone),  # type: ignore[arg-type]
        undulation=5.0,
    )


def child_foot_plan(rng: random.Random, shape: tuple[int, int], tone: str) -> LimbPlan:
    """A baby's foot with an extra (sixth) toe, on a cot blanket, the leg running out of shot."""
    h, w = shape
    angle = -np.pi / 2 + rng.uniform(-0.35, 0.35)  # toes towards the top of the frame
    cx, cy = w / 2 + rng.uniform(-60, 60), h * 0.56
    mirror = 1 if rng.random() < 0.5 else -1
    size = rng.uniform(300, 330)

    def at(u: float, v: float) -> tuple[float, float]:
        return _along(cx, cy, angle, u * size, v * size * mirror)

    caps = [
        Capsule(*at(-2.4, 0.05), 0.46 * size, *at(-1.05, 0.0), 0.36 * size, flat=0.7),
        Capsule(*at(-0.95, 0.02), 0.34 * size, *at(-0.3, 0.04), 0.38 * size, flat=0.62),
        Capsule(*at(-0.3, 0.04), 0.38 * size, *at(0.22, 0.02), 0.42 * size, flat=0.55),
    ]
    toes = []
    # big toe, four toes, then the extra toe beside the little toe (postaxial polydactyly)
    layout = [
        (-0.26, 0.125, 0.46, 0.84, 0.0),
        (-0.06, 0.085, 0.50, 0.80, 0.0),
        (0.09, 0.078, 0.46, 0.74, 0.01),
        (0.22, 0.072, 0.40, 0.66, 0.02),
        (0.33, 0.066, 0.32, 0.57, 0.04),
        (0.43, 0.060, 0.20, 0.44, 0.09),
    ]
    for v, r, u0, u1, splay in layout:
        base, tip = at(u0, v), at(u1, v + splay)
        caps.append(Capsule(base[0], base[1], r * size, tip[0], tip[1], r * size * 0.92, flat=0.85))
        toes.append((base, tip, r * size * 0.9))
    ankle = at(-1.1, 0.0)
    return LimbPlan(
        capsules=caps,
        tone=tone,
        surface="blanket",
        light=(rng.uniform(-0.4, 0.4), -0.5, 0.8),
        focus=at(0.7, 0.45),
        hair=(0.0, 0),
        band=Spot(ankle[0], ankle[1], angle, 0.40 * size),
        band_label="ankle band",
        pore_scale=0.6,
        undulation=4.0,
        decorate=_nails_and_creases([(b, t, r * 0.8) for b, t, r in toes], tone),  # type: ignore[arg-type]
    )


def closeup_plan(rng: random.Random, shape: tuple[int, int], tone: str, sign: str) -> LimbPlan:
    """Skin filling most of the frame, one sign in the middle, a scale beside it."""
    h, w = shape
    angle = rng.uniform(-0.4, 0.4)
    cx, cy = w / 2, h / 2 + rng.uniform(-20, 20)
    offset = rng.choice([-1, 1]) * rng.uniform(400, 450)
    a0 = _along(cx, cy, angle, -1400, offset)
    a1 = _along(cx, cy, angle, 1400, offset)
    caps = [Capsule(a0[0], a0[1], 800, a1[0], a1[1], 800, flat=0.35)]
    sign_at = (cx + rng.uniform(-60, 60), cy + rng.uniform(-40, 40))
    ruler_at = _along(sign_at[0], sign_at[1], angle, 0, rng.choice([-1, 1]) * 200)
    return LimbPlan(
        capsules=caps,
        tone=tone,
        surface="card",
        light=(rng.uniform(-0.4, 0.4), -0.6, 0.8),
        focus=sign_at,
        signs=[(sign, sign_at, rng.uniform(60, 85))],
        hair=(float(angle), rng.randrange(150, 350)),
        tattoo=Spot(*_along(cx, cy, angle, 420, 0), angle, 300),
        ruler=Spot(ruler_at[0], ruler_at[1], angle, 0),
        pore_scale=1.8,
        undulation=3.0,
    )
