"""A synthetic PA chest radiograph, built as a sum of densities and displayed as a DR image.

Soft tissue, lungs (air), heart and mediastinum, spine, ribs, clavicles,
scapulae, humeral heads, breasts, lung vessels and the gastric bubble each add
or take away density; the sum goes through the detector's processing
(log response, unsharp-mask equalisation, a tone curve) and quantum noise.
Optional hardware (a pacemaker, sternal wires) and a mirror-image heart
(dextrocardia) make a case distinctive. Everything is drawn with vectorised
numpy and PIL polygons, scaled to the image size.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw
from scipy import ndimage

from safeshare.render.radiology_filters import blur

__all__ = ["ChestImage", "chest_radiograph"]

Point = tuple[float, float]


@dataclass(slots=True)
class ChestImage:
    """The displayed image (0..1) and where its notable parts are, in pixels."""

    image: np.ndarray
    heart_box: tuple[int, int, int, int]
    implant_boxes: list[tuple[str, tuple[int, int, int, int]]] = field(default_factory=list)


class _Canvas:
    """Normalised coordinates (u across -1..1, v down 0..1) over a pixel grid."""

    def __init__(self, width: int, height: int, top: float = 0.0) -> None:
        self.w, self.h = width, height
        self.top = top
        """Fraction of the height left empty above the patient (v = 0 starts below it)."""
        self.yy, self.xx = np.mgrid[0:height, 0:width].astype(np.float32)

    def px(self, u: float, v: float) -> Point:
        return ((u + 1) / 2 * self.w, (self.top + v * (1 - self.top)) * self.h)

    def layer(self) -> tuple[Image.Image, ImageDraw.ImageDraw]:
        im = Image.new("F", (self.w, self.h), 0.0)
        return im, ImageDraw.Draw(im)

    @staticmethod
    def array(im: Image.Image) -> np.ndarray:
        return np.asarray(im, dtype=np.float32).copy()

    def polygon(self, points: list[Point], value: float = 1.0) -> np.ndarray:
        im, d = self.layer()
        d.polygon([self.px(u, v) for u, v in points], fill=value)
        return self.array(im)

    def polyline(self, points: list[Point], width_px: float, value: float = 1.0) -> np.ndarray:
        im, d = self.layer()
        d.line(
            [self.px(u, v) for u, v in points],
            fill=value,
            width=max(1, round(width_px)),
            joint="curve",
        )
        return self.array(im)

    def ellipse(self, u: float, v: float, ru: float, rv: float) -> np.ndarray:
        """Mask of an ellipse with radii in normalised units (ru across, rv down)."""
        cx, cy = self.px(u, v)
        rx, ry = ru * self.w / 2, rv * self.h * (1 - self.top)
        out: np.ndarray = ((self.xx - cx) / rx) ** 2 + ((self.yy - cy) / ry) ** 2
        return out


def _blur(a: np.ndarray, sigma: float) -> np.ndarray:
    return blur(a, sigma)


def _smooth_curve(points: list[Point], n: int = 80) -> list[Point]:
    """A Catmull-Rom curve through the points."""
    pts = [points[0], *points, points[-1]]
    out: list[Point] = []
    for i in range(1, len(pts) - 2):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        for k in range(n // (len(pts) - 3)):
            t = k / (n // (len(pts) - 3))
            t2, t3 = t * t, t * t * t
            out.append(
                tuple(  # type: ignore[arg-type]
                    0.5
                    * (
                        (2 * p1[j])
                        + (-p0[j] + p2[j]) * t
                        + (2 * p0[j] - 5 * p1[j] + 4 * p2[j] - p3[j]) * t2
                        + (-p0[j] + 3 * p1[j] - 3 * p2[j] + p3[j]) * t3
                    )
                    for j in range(2)
                )
            )
    out.append(points[-1])
    return out


def _mirror(points: list[Point], side: float) -> list[Point]:
    return [(u * side, v) for u, v in points]


def _lung_outline(side: float, r: random.Random, heart_side: float, dome: float) -> list[Point]:
    """Outline of one lung, `side` -1 for the patient's right (image left)."""
    lat = r.uniform(0.8, 0.86)
    if side == heart_side:
        # Left lung: aortic knob, pulmonary trunk, then the left ventricle bulging out.
        ctr = r.uniform(0.42, 0.5)
        medial = [
            (ctr, dome - 0.02),
            (ctr - 0.06, dome - 0.12),
            (ctr - 0.17, dome - 0.24),
            (0.2, 0.38),
            (0.17, 0.31),
            (0.185, 0.25),
            (0.13, 0.2),
            (0.08, 0.12),
        ]
    else:
        # Right lung: superior vena cava, hilum, right atrium.
        medial = [
            (0.22, dome - 0.005),
            (0.24, dome - 0.08),
            (0.22, dome - 0.2),
            (0.16, 0.36),
            (0.125, 0.25),
            (0.09, 0.12),
        ]
    lateral = [
        (0.12, 0.065),
        (0.25, 0.04),
        (0.45, 0.075),
        (0.64, 0.17),
        (lat - 0.03, 0.34),
        (lat, 0.52),
        (lat + 0.015, dome + 0.08),  # costophrenic angle
        (lat - 0.06, dome + 0.065),
        (0.55, dome + 0.015),
        (0.4, dome),
    ]
    return _mirror(_smooth_curve(lateral + medial, 160), side)


def _rib(side: float, k: int, r: random.Random) -> tuple[list[Point], list[Point]]:
    """Posterior and anterior arcs of rib k (1 at the top).

    A posterior rib leaves the spine almost horizontally (rising a little to its
    angle), runs out nearly level, then bends down sharply along the lateral chest
    wall; lower ribs slope more. The anterior arc comes back from the lateral wall
    down and in at about 30 degrees and fades where the costal cartilage begins.
    """
    v0 = 0.06 + k * 0.054 + 0.0012 * k * k + r.uniform(-0.005, 0.005)
    reach = min(0.86, 0.3 + 0.19 * k) if k < 4 else 0.87 - 0.01 * max(0, k - 7)
    slope = (0.026 + 0.0085 * k) * r.uniform(0.9, 1.1)
    post = [
        (0.05, v0 + 0.012),
        (0.1, v0 - 0.006),
        (0.18, v0 - 0.01),
        (0.3, v0 - 0.004 + 0.25 * slope),
        (0.3 + 0.55 * (reach - 0.3), v0 + 0.7 * slope),
        (reach - 0.07, v0 + 1.25 * slope),
        (reach - 0.005, v0 + 1.9 * slope),
        (reach, v0 + 2.4 * slope),
    ]
    end_v = v0 + 2.4 * slope
    ant = [
        (reach, end_v),
        (reach - 0.03, end_v + 0.02),
        (reach - 0.14, end_v + 0.055),
        (reach - 0.3, end_v + 0.11 + 0.004 * k),
        (max(0.22, reach - 0.48), end_v + 0.19 + 0.006 * k),
    ]
    return _mirror(_smooth_curve(post, 56), side), _mirror(_smooth_curve(ant, 40), side)


def _vessels(c: _Canvas, side: float, r: random.Random, heart_side: float) -> np.ndarray:
    """Branching pulmonary vessels from the hilum, fading to the periphery."""
    im, d = c.layer()
    hu = (0.17 if side == heart_side else 0.16) * side
    hv = 0.43 if side == heart_side else 0.41
    stack: list[tuple[Point, float, float, float, int]] = []
    for angle in (-120, -95, -70, -40, -10, 15, 40, 60, 80, 100):
        a = math.radians(angle + r.uniform(-6, 6))
        start = (hu + side * r.uniform(0.0, 0.04), hv + r.uniform(-0.04, 0.05))
        stack.append(
            (start, math.atan2(math.sin(a), math.cos(a) * side), r.uniform(0.08, 0.12), 12.0, 0)
        )
    while stack:
        (u, v), ang, length, width, depth = stack.pop()
        nu, nv = u + math.cos(ang) * length * 0.55, v + math.sin(ang) * length * 0.45
        d.line(
            [c.px(u, v), c.px(nu, nv)],
            fill=0.25 + 0.75 * min(1.0, width / 12.0),
            width=max(1, int(width)),
        )
        if depth < 7 and width > 1.0:
            for turn in (-1, 1):
                spread = math.radians(r.uniform(14, 34))
                stack.append(
                    (
                        (nu, nv),
                        ang + turn * spread,
                        length * r.uniform(0.68, 0.82),
                        width * 0.72,
                        depth + 1,
                    )
                )
    return _blur(c.array(im), 1.8)


def _pacemaker(
    c: _Canvas, side: float, r: random.Random, heart_c: Point
) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """A generator below the clavicle and a lead to the right ventricle; returns density and box."""
    gu, gv = side * r.uniform(0.42, 0.52), r.uniform(0.17, 0.2)
    im, d = c.layer()
    x, y = c.px(gu, gv)
    gw, gh = c.w * 0.085, c.h * 0.052
    d.rounded_rectangle(
        (x - gw / 2, y - gh / 2, x + gw / 2, y + gh / 2), radius=gh * 0.45, fill=0.92
    )
    d.rounded_rectangle(
        (x - gw * 0.4, y - gh * 0.32, x + gw * 0.15, y + gh * 0.35), radius=gh * 0.2, fill=1.0
    )
    d.rectangle((x + gw * 0.22, y - gh * 0.45, x + gw * 0.45, y + gh * 0.1), fill=0.72)
    for k in range(3):
        d.ellipse(
            (
                x + gw * 0.26 + k * gw * 0.06,
                y - gh * 0.3,
                x + gw * 0.3 + k * gw * 0.06,
                y - gh * 0.22,
            ),
            fill=1.05,
        )
    # The lead: loops once over the generator, runs medially in the subclavian vein,
    # down the superior vena cava and across the tricuspid valve to the apex.
    hu, _hv = heart_c
    path = [
        (gu + side * 0.04, gv - 0.02),
        (gu + side * 0.09, gv + 0.03),
        (gu + side * 0.02, gv + 0.05),
        (gu - side * 0.08, gv + 0.0),
        (side * 0.2, 0.17),
        (side * 0.05, 0.24),
        (-side * 0.04, 0.36),
        (-side * 0.03, 0.5),
        (hu - side * 0.05, 0.58),
        (hu + side * 0.1, 0.63),
        (hu + side * 0.2, 0.66),
    ]
    curve = _smooth_curve(path, 160)
    lead = c.polyline(curve, c.w * 0.0045, 0.95)
    tip = c.polyline(curve[-8:], c.w * 0.009, 1.0)
    density = np.maximum(c.array(im), np.maximum(lead, tip))
    box = (int(x - gw / 2) - 6, int(y - gh / 2) - 6, int(gw) + 12, int(gh) + 12)
    return _blur(density, 0.8), box


def _sternal_wires(c: _Canvas, r: random.Random) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    im, d = c.layer()
    top = r.uniform(0.2, 0.23)
    xs, ys = [], []
    for k in range(6):
        v = top + k * 0.048
        x, y = c.px(r.uniform(-0.012, 0.012), v)
        w, h = c.w * 0.024, c.h * 0.012
        d.ellipse((x - w, y - h, x + w, y + h), outline=1.0, width=max(2, int(c.w * 0.004)))
        d.line(
            [(x + w * 0.8, y), (x + w * 1.5, y + h * 0.3)], fill=1.0, width=max(2, int(c.w * 0.004))
        )
        xs += [x - w, x + w * 1.5]
        ys += [y - h, y + h]
    box = (
        int(min(xs)) - 6,
        int(min(ys)) - 6,
        int(max(xs) - min(xs)) + 12,
        int(max(ys) - min(ys)) + 12,
    )
    return _blur(c.array(im), 0.7), box


def chest_radiograph(
    width: int,
    height: int,
    rng: random.Random,
    nrng: np.random.Generator,
    *,
    female: bool,
    dextrocardia: bool = False,
    implant: str = "none",
) -> ChestImage:
    """Draw a PA chest radiograph; `implant` is none | pacemaker | sternal_wires."""
    top = rng.uniform(0.07, 0.09)
    c = _Canvas(width, height, top)
    heart_side = -1.0 if dextrocardia else 1.0
    u = c.xx / width * 2 - 1
    v = (c.yy / height - top) / (1 - top)

    # Body: neck, sloping shoulders, chest wall; thickness falls off to the sides.
    vs = np.array([-0.1, -0.02, 0.0, 0.03, 0.06, 0.16, 0.5, 0.85, 1.0])
    ws = np.array([0.2, 0.22, 0.3, 0.75, 1.08, 1.1, 1.0, 0.97, 0.96]) * rng.uniform(0.98, 1.02)
    half = np.interp(v, vs, ws).astype(np.float32)
    body = np.sqrt(np.clip(1 - (u / np.maximum(half, 0.93)) ** 2, 0, 1))
    neck_fade = np.clip((v + 0.12) / 0.04, 0, 1)
    density = (0.5 + 0.3 * body) * np.clip((half - np.abs(u)) / 0.015, 0, 1) * neck_fade

    # Humeral heads and upper arms, cut by the edge of the film.
    arms = np.zeros((height, width), dtype=np.float32)
    for side in (-1.0, 1.0):
        humerus = c.ellipse(side * 1.0, 0.085, 0.1, 0.06)
        arms += (0.07 + 0.05 * np.clip(humerus, 0, 1) ** 6) * (humerus < 1)
        arms += 0.06 * c.polyline([(side * 1.0, 0.1), (side * 1.02, 0.4)], width * 0.08)
        # Axillary folds and the lateral chest wall: soft tissue thicker toward the armpit.
        arms += 0.05 * np.clip(1 - c.ellipse(side * 0.95, 0.25, 0.12, 0.2), 0, 1)
    density += _blur(arms, 4.0)

    # Lungs: air takes density away, more in the middle of each lung than at its edge.
    dome_r = rng.uniform(0.74, 0.78)
    domes = {-heart_side: dome_r, heart_side: dome_r + rng.uniform(0.015, 0.035)}
    lungs = np.zeros((height, width), dtype=np.float32)
    for side in (-1.0, 1.0):
        mask = c.polygon(_lung_outline(side, rng, heart_side, domes[side]))
        depth = ndimage.distance_transform_edt(mask > 0).astype(np.float32)
        lungs += (1 - np.exp(-depth / (0.1 * width))) * 0.82 + (mask > 0) * 0.18
    lungs = _blur(lungs, 2.0)
    # The lung bases sit over the diaphragm domes and the breasts: less air in front.
    density -= 0.5 * lungs * (1 - 0.25 * np.clip((v - 0.55) / 0.25, 0, 1))

    # Heart shadow: denser in the middle, over the spine.
    heart_c = (heart_side * 0.12, 0.6)
    heart = c.ellipse(heart_side * 0.13, dome_r - 0.08, 0.32, 0.14)
    above_dome = np.clip((dome_r + 0.01 - v) / 0.03, 0, 1)
    density += 0.06 * np.clip(1.2 - heart, 0, 1) ** 0.5 * above_dome
    hx0, hy0 = c.px(heart_side * 0.13 - 0.36, dome_r - 0.25)
    hx1, hy1 = c.px(heart_side * 0.13 + 0.36, dome_r + 0.04)
    heart_box = (int(min(hx0, hx1)), int(hy0), int(abs(hx1 - hx0)), int(hy1 - hy0))

    # Trachea and main bronchi: a dark air column in the upper mediastinum.
    trachea = c.polyline([(0.0, 0.0), (0.0, 0.2), (heart_side * -0.012, 0.34)], width * 0.05)
    for side in (-1.0, 1.0):
        trachea = np.maximum(
            trachea, c.polyline([(-0.01 * heart_side, 0.34), (side * 0.11, 0.41)], width * 0.028)
        )
    density -= 0.1 * _blur(trachea, 5)

    # Spine: vertebral bodies with end plates and pedicles, faint through the mediastinum.
    spine, sd = c.layer()
    for k in range(17):
        top, bottom = -0.03 + k * 0.06, -0.03 + k * 0.06 + 0.05
        x0, y0 = c.px(-0.07 - 0.002 * k, top)
        x1, y1 = c.px(0.07 + 0.002 * k, bottom)
        sd.rounded_rectangle((x0, y0, x1, y1), radius=(x1 - x0) * 0.2, fill=0.5)
        for side in (-1.0, 1.0):
            px, py = c.px(side * 0.052, top + 0.016)
            sd.ellipse(
                (px - width * 0.011, py - height * 0.011, px + width * 0.011, py + height * 0.011),
                fill=0.7,
            )
    # Behind the heart the spine is only just seen; above it the lungs frame it.
    spine_seen = 0.045 - 0.015 * np.clip((v - 0.4) / 0.2, 0, 1)
    density += spine_seen * _blur(c.array(spine), 3.0)

    # Ribs: cortical margins brighter than the middle, posterior arcs denser than anterior.
    ribs_seen = 0.15 + 0.85 * np.clip(lungs * 3, 0, 1)
    post_layer = np.zeros((height, width), dtype=np.float32)
    ant_layer = np.zeros((height, width), dtype=np.float32)
    for side in (-1.0, 1.0):
        for k in range(1, 11):
            post, ant = _rib(side, k, rng)
            rib_w = height * (0.016 + 0.0011 * k) * rng.uniform(0.9, 1.1)
            post_layer += c.polyline(post, rib_w) - 0.5 * c.polyline(post, rib_w * 0.6)
            # The anterior arc thins and fades toward its costal cartilage.
            n = len(ant)
            for part, fade in ((ant[: n // 2 + 1], 1.0), (ant[n // 2 :], 0.55)):
                ant_layer += fade * (
                    c.polyline(part, rib_w * 0.85 * fade**0.3)
                    - 0.45 * c.polyline(part, rib_w * 0.45 * fade**0.3)
                )
    post_layer = np.minimum(post_layer, 1.6)
    density += (0.065 * _blur(post_layer, 1.8) + 0.045 * _blur(ant_layer, 2.8)) * ribs_seen

    # Clavicles and scapulae.
    clavicles = np.zeros((height, width), dtype=np.float32)
    blades = np.zeros((height, width), dtype=np.float32)
    for side in (-1.0, 1.0):
        clav_pts = [(0.05, 0.125), (0.2, 0.11), (0.36, 0.085), (0.54, 0.078), (0.7, 0.06)]
        clav = _mirror(_smooth_curve(clav_pts, 40), side)
        clavicles += c.polyline(clav, height * 0.026) - 0.35 * c.polyline(clav, height * 0.014)
        scap_pts = [(0.66, 0.08), (0.64, 0.2), (0.72, 0.4), (0.9, 0.18), (0.86, 0.08)]
        scap = _mirror(_smooth_curve(scap_pts, 40), side)
        blades += 0.03 * c.polygon(scap) + 0.05 * c.polyline(scap[:28], height * 0.005)
    density += 0.08 * _blur(clavicles, 2.0) + _blur(blades, 5.0)

    # Breast shadows over the lower zones.
    if female:
        for side in (-1.0, 1.0):
            breast = c.ellipse(side * 0.56, 0.66, 0.38, 0.17)
            lower_edge = np.clip((0.8 - v) / 0.012, 0, 1) * np.clip((v - 0.48) / 0.22, 0, 1)
            medial = np.clip((u * side - 0.22) / 0.2, 0, 1)
            density += 0.075 * np.clip(1 - breast, 0, 1) ** 0.7 * lower_edge * medial

    # Vessels in the lungs, and the hila.
    lung_mask = _blur((lungs > 0.05).astype(np.float32), 3)
    vessels = sum(_vessels(c, side, rng, heart_side) for side in (-1.0, 1.0))
    assert isinstance(vessels, np.ndarray)
    hilar = np.zeros((height, width), dtype=np.float32)
    for side in (-1.0, 1.0):
        hilar += np.clip(1 - c.ellipse(side * 0.2, 0.4, 0.09, 0.07), 0, 1)
    density += (0.075 * np.minimum(vessels, 1.6) + 0.05 * _blur(hilar, 10)) * lung_mask
    texture = ndimage.gaussian_filter(nrng.standard_normal((height, width)).astype(np.float32), 2.0)
    density += 0.05 * texture * lung_mask
    # Chest wall: a darker subcutaneous fat stripe inside the skin line, pectoral
    # muscles and the anterior axillary folds over the upper zones.
    inside_wall = np.clip((half - np.abs(u)) / 0.012, 0, 1)
    fat = np.exp(-((((half - np.abs(u)) - 0.035) / 0.018) ** 2)) * (v > 0.12)
    density -= 0.035 * fat * inside_wall
    su = np.abs(u)
    fold_u = 0.86 - 0.5 * np.clip((v - 0.2) / 0.5, 0, 1) ** 1.4
    pect = np.clip((su - fold_u + 0.25) / 0.25, 0, 1) * np.clip((fold_u - su) / 0.02, 0, 1)
    pect *= np.clip((v - 0.08) / 0.08, 0, 1) * np.clip((0.55 - v) / 0.15, 0, 1)
    density += (0.035 if female else 0.06) * _blur(pect.astype(np.float32), 7.0)
    # Soft tissue is never quite even.
    density += 0.16 * _blur(nrng.standard_normal((height, width)).astype(np.float32), 25)
    # The descending aorta: a faint line beside the spine behind the heart.
    aorta = c.polyline(
        [(heart_side * 0.1, 0.33), (heart_side * 0.085, 0.5), (heart_side * 0.07, 0.72)],
        width * 0.045,
    )
    density += 0.012 * _blur(aorta, 5.0)

    # Gastric bubble under the left hemidiaphragm (the right one in situs inversus).
    gu, gv = heart_side * 0.4, domes[heart_side] + 0.07
    bubble = c.ellipse(gu, gv, 0.09, 0.03)
    density -= 0.12 * np.clip(1 - bubble, 0, 1) ** 0.5 * (v < gv + 0.01)
    # Gas in the bowel below the diaphragm: a few soft dark pockets.
    gas = np.zeros((height, width), dtype=np.float32)
    for _ in range(rng.randrange(4, 9)):
        gx, gy = rng.uniform(-0.7, 0.7), rng.uniform(max(domes.values()) + 0.1, 1.0)
        gas += np.clip(
            1 - c.ellipse(gx, gy, rng.uniform(0.03, 0.07), rng.uniform(0.015, 0.03)), 0, 1
        )
    density -= 0.035 * _blur(np.minimum(gas, 1.0), 6.0)

    result = ChestImage(image=np.zeros(1), heart_box=heart_box)
    if implant == "pacemaker":
        metal, box = _pacemaker(c, heart_side, rng, heart_c)
        density = np.maximum(density, metal)
        result.implant_boxes.append(("pacemaker", box))
    elif implant == "sternal_wires":
        metal, box = _sternal_wires(c, rng)
        density = np.maximum(density, metal)
        result.implant_boxes.append(("sternal_wires", box))

    # Detector processing: equalisation (unsharp mask), tone curve, noise.
    density = _blur(density, 0.9)  # the detector's slight unsharpness
    shown = density + 0.35 * (density - _blur(density, width * 0.03))
    shown = np.clip(shown, 0, None) ** 1.3 * 1.08
    shown = shown + nrng.normal(0, 0.01, shown.shape).astype(np.float32)
    result.image = np.clip(shown, 0, 1).astype(np.float32)
    return result
