"""A synthetic dental panoramic radiograph (OPG): jaws, teeth, restorations, sinuses, airway.

Built like the chest: densities summed (bone, teeth, metal) minus air spaces,
then displayed with the panoramic's soft blur and noise. Each tooth is drawn
from its real proportions in millimetres (crown with an enamel cap, tapering
roots with rounded apices, a pulp chamber and canals) along the smile-shaped
occlusal plane. The pattern of missing teeth, fillings, crowns and root
fillings varies with the seed: that pattern is what makes a dental image
identifying.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

from safeshare.render.radiology.dental_jaws import jaws
from safeshare.render.radiology.filters import blur as fast_blur

__all__ = ["DentalImage", "panoramic"]

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class _ToothType:
    name: str
    width: float
    """Crown width, mm."""
    crown: float
    """Crown height, mm."""
    root: float
    """Root length, mm."""
    roots: int


# From the midline outwards; upper then lower (millimetres, textbook averages).
_UPPER = [
    _ToothType("central", 8.5, 10.5, 13.0, 1),
    _ToothType("lateral", 6.5, 9.0, 13.0, 1),
    _ToothType("canine", 7.5, 10.0, 17.0, 1),
    _ToothType("premolar1", 7.0, 8.5, 14.0, 2),
    _ToothType("premolar2", 6.5, 8.5, 14.0, 1),
    _ToothType("molar1", 10.0, 7.5, 12.5, 2),
    _ToothType("molar2", 9.0, 7.0, 12.0, 2),
    _ToothType("molar3", 8.5, 6.5, 11.0, 2),
]
_LOWER = [
    _ToothType("central", 5.0, 9.0, 12.5, 1),
    _ToothType("lateral", 5.5, 9.5, 14.0, 1),
    _ToothType("canine", 7.0, 11.0, 16.0, 1),
    _ToothType("premolar1", 7.0, 8.5, 14.0, 1),
    _ToothType("premolar2", 7.0, 8.0, 14.5, 1),
    _ToothType("molar1", 11.0, 7.5, 13.0, 2),
    _ToothType("molar2", 10.5, 7.0, 13.0, 2),
    _ToothType("molar3", 10.0, 7.0, 11.0, 2),
]


@dataclass(slots=True)
class DentalImage:
    """The displayed panoramic (0..1) and the box around the dentition, in pixels."""

    image: np.ndarray
    dentition_box: tuple[int, int, int, int]
    restorations: int


def _smooth(points: list[Point], n: int = 120) -> list[Point]:
    """A closed Catmull-Rom curve through the points."""
    out: list[Point] = []
    k = len(points)
    per = max(2, n // k)
    for i in range(k):
        p0, p1, p2, p3 = points[i - 1], points[i], points[(i + 1) % k], points[(i + 2) % k]
        for j in range(per):
            t = j / per
            t2, t3 = t * t, t * t * t
            out.append(
                (
                    0.5
                    * (
                        2 * p1[0]
                        + (-p0[0] + p2[0]) * t
                        + (2 * p0[0] - 5 * p1[0] + 4 * p2[0] - p3[0]) * t2
                        + (-p0[0] + 3 * p1[0] - 3 * p2[0] + p3[0]) * t3
                    ),
                    0.5
                    * (
                        2 * p1[1]
                        + (-p0[1] + p2[1]) * t
                        + (2 * p0[1] - 5 * p1[1] + 4 * p2[1] - p3[1]) * t2
                        + (-p0[1] + 3 * p1[1] - 3 * p2[1] + p3[1]) * t3
                    ),
                )
            )
    return out


class _Canvas:
    """A float drawing surface; take() returns what was drawn and clears it."""

    def __init__(self, width: int, height: int) -> None:
        self.w, self.h = width, height
        self.im = Image.new("F", (width, height), 0.0)
        self.d = ImageDraw.Draw(self.im)

    def take(self) -> np.ndarray:
        out = np.asarray(self.im, dtype=np.float32).copy()
        self.im = Image.new("F", (self.w, self.h), 0.0)
        self.d = ImageDraw.Draw(self.im)
        return out


def _tooth(t: _ToothType, mm: float, roots: int) -> dict[str, list[list[Point]]]:
    """Outlines in pixels, x across, y from the biting edge (0) toward the apex."""
    hw = t.width * mm / 2
    ch, rl = t.crown * mm, t.root * mm
    molar = t.name.startswith("molar")
    neck = hw * (0.72 if molar else 0.68)
    # Crown: cusps or an incisal edge, bulging to the contact points, narrowing to the neck.
    crown: list[Point] = []
    for i in range(13):
        f = i / 12
        x = -hw * 0.86 + 1.72 * hw * f
        cusp = (
            0.07 * ch * abs(math.sin(math.pi * f * (2 if molar else 1)))
            if molar or "premolar" in t.name
            else 0.0
        )
        crown.append((x, 0.04 * ch * (2 * f - 1) ** 2 - cusp))
    crown += [
        (hw, ch * 0.3),
        (hw * 0.95, ch * 0.65),
        (neck, ch),
        (-neck, ch),
        (-hw * 0.95, ch * 0.65),
        (-hw, ch * 0.3),
    ]
    enamel_inner = [(x * 0.8, y + ch * 0.12) for x, y in crown[:13]]
    enamel_cap = [*crown[:13], (hw * 0.92, ch * 0.6), *enamel_inner[::-1], (-hw * 0.92, ch * 0.6)]
    root_polys: list[list[Point]] = []
    canals: list[list[Point]] = []
    centres = {1: [0.0], 2: [-neck * 0.48, neck * 0.48]}.get(roots, [-neck * 0.5, neck * 0.5, 0.0])
    rw = neck if roots == 1 else neck * 0.5
    for cx in centres:
        lean = 0.08 * rl * (1 if cx > 0 else -1) * (0 if roots == 1 or cx == 0 else 1)
        apex_y = ch + rl * (0.92 if roots > 1 else 1.0)
        ax = cx + lean
        root_polys.append(
            [
                (cx - rw, ch - 1),
                (cx + rw, ch - 1),
                (cx + rw * 0.78 + lean * 0.4, ch + rl * 0.45),
                (ax + rw * 0.38, apex_y - rw * 0.5),
                (ax + rw * 0.18, apex_y - rw * 0.1),
                (ax, apex_y),
                (ax - rw * 0.18, apex_y - rw * 0.1),
                (ax - rw * 0.38, apex_y - rw * 0.5),
                (cx - rw * 0.78 + lean * 0.4, ch + rl * 0.45),
            ]
        )
        canals.append([(cx * 0.6, ch * 0.95), (cx + lean * 0.5, ch + rl * 0.5), (ax, apex_y - 3)])
    if roots > 1:
        root_polys.append(
            [
                (-neck, ch - 1),
                (neck, ch - 1),
                (neck * 0.85, ch + rl * 0.25),
                (-neck * 0.85, ch + rl * 0.25),
            ]
        )
    horn = 0.5 if molar else 0.6
    pulp = [
        (-hw * 0.34, ch * horn),
        (-hw * 0.1, ch * (horn + 0.12)),
        (hw * 0.1, ch * (horn + 0.12)),
        (hw * 0.34, ch * horn),
        (neck * 0.42, ch * 1.1),
        (-neck * 0.42, ch * 1.1),
    ]
    return {
        "crown": [crown],
        "enamel": [enamel_cap],
        "roots": root_polys,
        "pulp": [pulp],
        "canals": canals,
    }


def _place(points: list[Point], origin: Point, angle: float, up: bool) -> list[Point]:
    """Tooth coordinates to pixels: upper teeth grow upward, lower teeth downward."""
    ca, sa = math.cos(angle), math.sin(angle)
    sign = -1.0 if up else 1.0
    return [
        (origin[0] + x * ca - y * sign * sa, origin[1] + x * sa + y * sign * ca) for x, y in points
    ]


def _occlusal_y(x: float, width: int, height: int) -> float:
    """The smile-shaped occlusal plane: lowest in the middle, rising toward the molars."""
    u = x / width * 2 - 1
    return height * (0.535 + 0.05 * (1 - min(1.0, (u / 0.62) ** 2)))


def _amalgam(r: random.Random, w: float, ch: float, side: float) -> list[Point]:
    """An irregular occlusal or MOD filling in tooth coordinates (y from the biting edge)."""
    fw = w * r.uniform(0.28, 0.5)
    depth = ch * r.uniform(0.3, 0.55)
    sx = r.uniform(-0.12, 0.12) * w
    pts: list[Point] = [(sx - fw / 2, -ch * 0.06), (sx + fw / 2, -ch * 0.06)]
    if r.random() < 0.45:  # runs into a contact point (a class II filling)
        pts += [(w * 0.5 * side, -ch * 0.02), (w * 0.5 * side, depth * 0.9)]
    n = 6
    for k in range(n + 1):
        t = k / n
        x = sx + fw / 2 - fw * t
        wob = r.uniform(0.82, 1.12)
        pts.append((x + (wob - 1) * fw * 0.3, depth * wob * (0.75 + 0.3 * math.sin(math.pi * t))))
    return pts


def _teeth(
    c: _Canvas, r: random.Random, mm: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int, tuple[int, int, int, int]]:
    """Dentine (overlaps add up), enamel-and-pulp detail, metal; restorations; dentition box."""
    layers = {name: _Canvas(c.w, c.h) for name in ("dentin", "dentin2", "enamel", "pulp", "metal")}
    enamel_d = layers["enamel"].d
    pulp_d, metal_d = layers["pulp"].d, layers["metal"].d
    xs: list[float] = []
    ys: list[float] = []
    restorations = 0
    mid = c.w / 2
    fillable: list[tuple[_ToothType, Point, float, bool, float]] = []
    for up, types in ((True, _UPPER), (False, _LOWER)):
        for side in (-1.0, 1.0):
            x_edge = 1.0
            for index, base in enumerate(types):
                scale = r.uniform(0.93, 1.07)
                t = _ToothType(
                    base.name,
                    base.width * scale,
                    base.crown * r.uniform(0.92, 1.08),
                    base.root * r.uniform(0.88, 1.1),
                    3 if up and base.name in ("molar1", "molar2") else base.roots,
                )
                w = t.width * mm
                cx = mid + side * (x_edge + w / 2)
                # Premolars and canines overlap their neighbours on the film.
                x_edge += w * (0.93 if 2 <= index <= 4 else 0.985)
                molar = t.name.startswith("molar")
                if t.name == "molar3" and r.random() < 0.4:
                    continue
                if (molar or t.name.startswith("premolar")) and r.random() < 0.07:
                    continue
                oy = _occlusal_y(cx, c.w, c.h) + (-3 if up else 3)
                angle = side * (0.03 * index) * (1 if up else -1) + r.uniform(-0.05, 0.05)
                origin = (cx, oy)
                if t.name == "molar3" and r.random() < 0.45:
                    angle += side * (0.45 if not up else -0.25) * (1 if up else -1)
                    origin = (cx, oy + (-0.35 if up else 0.35) * t.crown * mm)
                shape = _tooth(t, mm, min(t.roots, 2) if not up else t.roots)
                dentin_d = layers["dentin" if index % 2 == 0 else "dentin2"].d
                for poly in shape["roots"] + shape["crown"]:
                    dentin_d.polygon(_place(poly, origin, angle, up), fill=1.0)
                enamel_d.polygon(_place(shape["enamel"][0], origin, angle, up), fill=1.0)
                pulp_d.polygon(_place(shape["pulp"][0], origin, angle, up), fill=1.0)
                canal_w = max(2, int(mm * 0.6))
                for canal in shape["canals"]:
                    pulp_d.line(
                        _place(canal, origin, angle, up), fill=1.0, width=canal_w, joint="curve"
                    )
                if molar or t.name.startswith("premolar"):
                    fillable.append((t, origin, angle, up, side))
                    roll = r.random()
                    ch = t.crown * mm
                    if roll < 0.28:
                        poly = _amalgam(r, w, ch, side * (1 if r.random() < 0.5 else -1))
                        metal_d.polygon(_place(poly, origin, angle, up), fill=1.0)
                        restorations += 1
                    elif roll < 0.34:
                        restorations += _crown(metal_d, shape, origin, angle, up, canal_w)
                xs += [cx - w / 2, cx + w / 2]
                length = (t.crown + t.root) * mm
                ys += [oy - length if up else oy + length]
    if restorations == 0 and fillable:
        t, origin, angle, up, side = fillable[r.randrange(len(fillable))]
        poly = _amalgam(r, t.width * mm, t.crown * mm, side)
        metal_d.polygon(_place(poly, origin, angle, up), fill=1.0)
        restorations = 1
    box = (int(min(xs)), int(min(ys)), int(max(xs) - min(xs)), int(max(ys) - min(ys)))
    dentin, dentin2, enamel, pulp, metal = (
        layers[n].take() for n in ("dentin", "dentin2", "enamel", "pulp", "metal")
    )
    return dentin + dentin2, enamel - 0.45 * pulp, metal, restorations, box


def _crown(
    d: ImageDraw.ImageDraw,
    shape: dict[str, list[list[Point]]],
    origin: Point,
    angle: float,
    up: bool,
    canal_w: int,
) -> int:
    """A metal crown over the tooth, with root fillings in its canals; counts one restoration."""
    d.polygon(_place(shape["crown"][0], origin, angle, up), fill=1.0)
    for canal in shape["canals"]:
        d.line(_place(canal, origin, angle, up), fill=0.9, width=canal_w + 1, joint="curve")
    return 1


def panoramic(
    width: int, height: int, rng: random.Random, nrng: np.random.Generator
) -> DentalImage:
    """Draw an OPG of an adult dentition."""
    c = _Canvas(width, height)
    mm = width / 210.0
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    u = xx / width * 2 - 1
    v = yy / height

    def blur(a: np.ndarray, s: float) -> np.ndarray:
        return fast_blur(a, s)

    anatomy = jaws(width, height, rng, nrng)
    density = anatomy.density
    dentin, detail, metal, count, box = _teeth(c, rng, mm)
    # A root or crown is thickest in its middle: dentine shades up from the edges.
    solid = np.minimum(dentin, 1.0)
    thick = np.minimum(blur(solid, 3.0), 0.6) / 0.6 * solid
    density += 0.07 * blur(dentin, 1.0) + 0.1 * thick + 0.2 * blur(detail, 0.9)
    # The periodontal ligament: a thin dark line around each root, a bright lamina dura beyond.
    near = blur(solid, 1.6)
    halo = np.clip(near - solid, 0, None)
    lamina = np.clip(blur(solid, 4.0) - near, 0, None)
    density += (-0.06 * halo + 0.05 * lamina) * (1 - solid)
    density = np.maximum(density, 0.9 * blur(metal, 0.8) + 0.12 * blur(metal, 3.0))
    # The focal trough: sharp over the premolars and molars, softer over the incisors
    # (the trough is narrow there) and blurred out toward the edges and the top.
    soft = blur(density, 3.5)
    out_of_trough = np.clip(
        0.55 * np.exp(-((u / 0.14) ** 2))
        + np.clip((np.abs(u) - 0.78) / 0.15, 0, 1)
        + np.clip((0.2 - v) / 0.15, 0, 1),
        0,
        1,
    )
    shown = blur(density, 1.1) * (1 - out_of_trough) + soft * out_of_trough
    # Processing: a gentle equalisation, soft tone curve and noise.
    shown = shown + 0.3 * (shown - blur(shown, 30))
    shown = 1 - np.exp(-2.1 * np.clip(shown, 0, None))
    shown = shown + nrng.normal(0, 0.011, shown.shape).astype(np.float32)
    vignette = np.clip(1.05 - 0.3 * (np.abs(u) ** 6) - 0.25 * np.clip(0.08 - v, 0, None) * 10, 0, 1)
    return DentalImage(np.clip(shown * vignette, 0, 1).astype(np.float32), box, count)
