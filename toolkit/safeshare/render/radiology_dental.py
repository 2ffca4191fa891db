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

from safeshare.render.radiology_filters import blur as fast_blur

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
    centres = [0.0] if roots == 1 else [-neck * 0.48, neck * 0.48]
    rw = neck if roots == 1 else neck * 0.5
    for cx in centres:
        lean = 0.08 * rl * (1 if cx >= 0 else -1) * (0 if roots == 1 else 1)
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


def _teeth(
    c: _Canvas, r: random.Random, mm: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int, tuple[int, int, int, int]]:
    """Dentine, enamel-and-pulp detail, metal; the number of restorations; the dentition box."""
    layers = {name: _Canvas(c.w, c.h) for name in ("dentin", "enamel", "pulp", "metal")}
    dentin_d, enamel_d = layers["dentin"].d, layers["enamel"].d
    pulp_d, metal_d = layers["pulp"].d, layers["metal"].d
    xs: list[float] = []
    ys: list[float] = []
    restorations = 0
    mid = c.w / 2
    for up, types in ((True, _UPPER), (False, _LOWER)):
        for side in (-1.0, 1.0):
            x_edge = 1.0
            for index, t in enumerate(types):
                w = t.width * mm
                cx = mid + side * (x_edge + w / 2)
                x_edge += w * 0.985
                molar = t.name.startswith("molar")
                if t.name == "molar3" and r.random() < 0.4:
                    continue
                if (molar or t.name.startswith("premolar")) and r.random() < 0.07:
                    continue
                oy = _occlusal_y(cx, c.w, c.h) + (-3 if up else 3)
                angle = side * (0.012 * index) * (1 if up else -1) + r.uniform(-0.03, 0.03)
                origin = (cx, oy)
                if t.name == "molar3" and r.random() < 0.45:
                    angle += side * (0.45 if not up else -0.25) * (1 if up else -1)
                    origin = (cx, oy + (-0.35 if up else 0.35) * t.crown * mm)
                shape = _tooth(t, mm, t.roots)
                for poly in shape["roots"] + shape["crown"]:
                    dentin_d.polygon(_place(poly, origin, angle, up), fill=1.0)
                enamel_d.polygon(_place(shape["enamel"][0], origin, angle, up), fill=1.0)
                pulp_d.polygon(_place(shape["pulp"][0], origin, angle, up), fill=1.0)
                canal_w = max(2, int(mm * 0.7))
                for canal in shape["canals"]:
                    pulp_d.line(
                        _place(canal, origin, angle, up), fill=1.0, width=canal_w, joint="curve"
                    )
                # Restorations: fillings, now and then a crown with root fillings.
                roll = r.random()
                if molar or t.name.startswith("premolar"):
                    ch = t.crown * mm
                    if roll < 0.3:
                        fw = w * r.uniform(0.3, 0.55)
                        depth = ch * r.uniform(0.3, 0.55)
                        sx = r.uniform(-0.15, 0.15) * w
                        poly = [
                            (sx - fw / 2, -ch * 0.1),
                            (sx + fw / 2, -ch * 0.1),
                            (sx + fw * 0.45, depth),
                            (sx + fw * 0.1, depth * 1.1),
                            (sx - fw * 0.4, depth * 0.95),
                        ]
                        if r.random() < 0.4:  # extends to a contact point
                            poly.insert(2, (w * 0.5 * side, depth * 0.8))
                        metal_d.polygon(_place(poly, origin, angle, up), fill=1.0)
                        restorations += 1
                    elif roll < 0.36:
                        metal_d.polygon(_place(shape["crown"][0], origin, angle, up), fill=1.0)
                        for canal in shape["canals"]:
                            metal_d.line(
                                _place(canal, origin, angle, up),
                                fill=0.9,
                                width=canal_w + 1,
                                joint="curve",
                            )
                        restorations += 1
                xs += [cx - w / 2, cx + w / 2]
                length = (t.crown + t.root) * mm
                ys += [oy - length if up else oy + length]
    box = (int(min(xs)), int(min(ys)), int(max(xs) - min(xs)), int(max(ys) - min(ys)))
    dentin, enamel, pulp, metal = (layers[n].take() for n in ("dentin", "enamel", "pulp", "metal"))
    return dentin, enamel - 0.45 * pulp, metal, restorations, box


def panoramic(
    width: int, height: int, rng: random.Random, nrng: np.random.Generator
) -> DentalImage:
    """Draw an OPG of an adult dentition."""
    c = _Canvas(width, height)
    mm = width / 210.0
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    u = xx / width * 2 - 1
    v = yy / height
    ux = width / 2

    def P(uu: float, vv: float) -> Point:
        return ((uu + 1) * ux, vv * height)

    def blur(a: np.ndarray, s: float) -> np.ndarray:
        return fast_blur(a, s)

    def noise(s: float) -> np.ndarray:
        n = blur(nrng.standard_normal((height, width)).astype(np.float32), s)
        return np.asarray(n / (n.std() + 1e-6), dtype=np.float32)

    # Soft tissue: face and tongue, a little uneven.
    density = 0.3 + 0.02 * noise(30) + 0.05 * np.clip((v - 0.85) / 0.1, 0, 1)
    # Mandible: body and rami as one outline; the lower border and ramus edges are cortical.
    mand = [
        P(-0.86, 0.25),
        P(-0.83, 0.3),
        P(-0.8, 0.37),
        P(-0.76, 0.36),
        P(-0.72, 0.33),
        P(-0.67, 0.45),
        P(-0.6, 0.6),
        P(-0.4, 0.655),
        P(0.0, 0.672),
        P(0.4, 0.655),
        P(0.6, 0.6),
        P(0.67, 0.45),
        P(0.72, 0.33),
        P(0.76, 0.36),
        P(0.8, 0.37),
        P(0.83, 0.3),
        P(0.86, 0.25),
        P(0.9, 0.29),
        P(0.89, 0.45),
        P(0.86, 0.72),
        P(0.8, 0.84),
        P(0.66, 0.86),
        P(0.35, 0.89),
        P(0.0, 0.91),
        P(-0.35, 0.89),
        P(-0.66, 0.86),
        P(-0.8, 0.84),
        P(-0.86, 0.72),
        P(-0.89, 0.45),
        P(-0.9, 0.29),
    ]
    c.d.polygon(_smooth(mand, 400), fill=1.0)
    mandible = blur(c.take(), 2.5)
    cortex = np.clip(mandible - blur(mandible, 9), 0, None)
    lower_half = np.clip((v - 0.7) / 0.08, 0, 1)
    density += 0.18 * mandible + 0.6 * cortex * (0.4 + 0.6 * lower_half)
    density += 0.012 * noise(2.5) * mandible
    # Mandibular canals: dark bands with faint bright walls, down to the mental foramen.
    for side in (-1.0, 1.0):
        canal = [
            P(side * 0.8, 0.48),
            P(side * 0.7, 0.66),
            P(side * 0.55, 0.74),
            P(side * 0.34, 0.77),
        ]
        c.d.line(canal, fill=1.0, width=int(mm * 3.2), joint="curve")
    canal_mask = blur(c.take(), 2.0)
    density -= 0.06 * canal_mask
    # Maxilla: alveolar bone, the hard palate, sinuses, nasal cavity, zygomatic arches.
    crest = 0.462 + 0.025 * np.clip(1 - (u / 0.62) ** 2, 0, 1)
    maxilla = blur(((v > 0.3) & (v < crest)).astype(np.float32), 10) * np.clip(
        (0.75 - np.abs(u)) / 0.15, 0, 1
    )
    density += 0.18 * maxilla + 0.012 * noise(2.5) * maxilla
    palate_v = 0.335 + 0.05 * u**2
    density += (
        0.13 * np.exp(-(((v - palate_v) / 0.018) ** 2)) * np.clip((0.62 - np.abs(u)) / 0.2, 0, 1)
    )
    density -= (
        0.07
        * np.exp(-(((v - (palate_v + 0.05)) / 0.02) ** 2))
        * np.clip((0.68 - np.abs(u)) / 0.1, 0, 1)
    )
    for side in (-1.0, 1.0):
        su = u * side
        wobble = 0.015 * noise(20)
        sinus = ((su - 0.43) / 0.2) ** 2 + ((v - 0.245 + wobble) / 0.085) ** 2
        inside = blur((sinus < 1).astype(np.float32), 4)
        density -= 0.06 * blur(inside, 6)
        density += 0.05 * blur((np.abs(sinus - 1) < 0.06).astype(np.float32), 1.5) * (v > 0.2)
        arch = np.exp(-(((v - 0.215 - 0.06 * (su - 0.68) ** 2) / 0.02) ** 2)) * np.clip(
            (0.2 - np.abs(su - 0.7)) / 0.08, 0, 1
        )
        density += 0.1 * blur(arch.astype(np.float32), 3)
        condyle = ((su - 0.865) / 0.035) ** 2 + ((v - 0.255) / 0.04) ** 2
        density += 0.12 * blur((condyle < 1).astype(np.float32), 2)
        density += 0.18 * np.exp(-(((su - 0.99) / 0.05) ** 2)) * np.clip((v - 0.3) / 0.2, 0, 1)
        density -= 0.1 * np.exp(-(((su - 0.745) / 0.03) ** 2)) * np.clip((v - 0.42) / 0.1, 0, 1)
        density += 0.05 * blur(
            (np.exp(-(((v - 0.96) / 0.014) ** 2)) * (np.abs(su - 0.33) < 0.16)).astype(np.float32),
            5,
        )
        density += 0.04 * blur(
            (
                np.exp(-(((v - (0.06 + 0.3 * (su - 0.3) ** 2)) / 0.01) ** 2))
                * np.clip((0.2 - np.abs(su - 0.3)) / 0.1, 0, 1)
            ).astype(np.float32),
            3,
        )
        turbinate = ((su - 0.07) / 0.06) ** 2 + ((v - 0.25) / 0.035) ** 2
        density += 0.05 * blur((turbinate < 1).astype(np.float32), 5)
    nasal = (u / 0.16) ** 2 + ((v - 0.2) / 0.12) ** 2
    density -= 0.07 * blur((nasal < 1).astype(np.float32), 10)
    density += 0.06 * np.exp(-((u / 0.006) ** 2)) * (v < 0.31) * (v > 0.1)
    # The spine's ghost over the front teeth, and the airway of the mouth.
    density += 0.07 * np.exp(-((u / 0.16) ** 2)) * np.clip((v - 0.45) / 0.3, 0, 1)

    dentin, detail, metal, count, box = _teeth(c, rng, mm)
    density += 0.17 * blur(dentin, 1.0) + 0.2 * blur(detail, 0.9)
    # The periodontal ligament: a thin dark line around each root, a bright lamina dura beyond.
    halo = np.clip(blur(dentin, 2.5) - dentin, 0, None)
    density -= 0.05 * halo * (1 - dentin)
    density = np.maximum(density, 0.95 * blur(metal, 0.7) + 0.1)
    # Panoramic blur, a touch of edge enhancement, tone curve and noise.
    shown = blur(density, 1.3)
    shown = shown + 0.35 * (shown - blur(shown, 25))
    shown = np.clip(shown * 1.08, 0, None) ** 1.1
    shown = shown + nrng.normal(0, 0.012, shown.shape).astype(np.float32)
    vignette = np.clip(1.1 - 0.35 * (np.abs(u) ** 5) - 0.2 * np.clip(0.05 - v, 0, None) * 10, 0, 1)
    return DentalImage(np.clip(shown * vignette, 0, 1).astype(np.float32), box, count)
