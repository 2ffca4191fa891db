"""The shape of a synthetic face seen from the front: a height field and its landmarks.

A head photographed straight on is, to the light, a surface: an egg-shaped
outline rounded towards the camera, pushed out or in by the brow ridge, the
orbits and the globes under the lids, the nose (bridge, tip, alae), the
cheekbones, the nasolabial folds, the lips and the chin, in the usual facial
thirds. Every proportion is drawn from the seed, so each variant is another
person; age deepens the folds. Coordinates are in face units (the half-width of
the face at the cheekbones), origin between the eyes, y down.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np
from scipy import ndimage

from safeshare.render.photo.noise import FloatArray

__all__ = ["FaceGeometry", "FaceLayout", "face_geometry", "face_layout", "half_width"]


@dataclass(frozen=True, slots=True, kw_only=True)
class FaceLayout:
    """Where the face sits in the picture and its proportions (face units unless said)."""

    cx: float
    """Pixel column of the point between the eyes."""
    cy: float
    """Pixel row of the eye line."""
    unit: float
    """Pixels per face unit."""
    roll: float
    """Head tilt (radians, clockwise)."""
    female: bool
    age: int
    eye_x: float
    """Distance of each eye's centre from the midline."""
    eye_w: float
    """Half-width of the eye opening."""
    eye_h: float
    """Half-height of the eye opening."""
    iris: float
    """Radius of the iris."""
    gaze: tuple[float, float]
    """Where the irises look, as a shift of their centres."""
    brow_y: float
    brow_arch: float
    nose_y: float
    """Row of the nose tip."""
    nose_w: float
    """Half-width across the alae."""
    mouth_y: float
    mouth_w: float
    """Half-width of the mouth."""
    lip_upper: float
    lip_lower: float
    chin_y: float
    """Lowest point of the chin."""
    hairline_y: float
    jaw: float
    """Half-width of the face at the angle of the jaw."""
    cheek: float
    """Fullness of the cheeks (0 lean .. 1 full)."""
    neck_w: float
    width: float
    """Width of the face against its length (1 average)."""

    def to_pixel(self, x: float, y: float) -> tuple[float, float]:
        """Face units to picture pixels."""
        c, s = np.cos(self.roll), np.sin(self.roll)
        return (
            float(self.cx + (x * c - y * s) * self.unit),
            float(self.cy + (x * s + y * c) * self.unit),
        )

    def grid(self, shape: tuple[int, int]) -> tuple[FloatArray, FloatArray]:
        """Face-unit coordinates (X, Y) of every pixel."""
        h, w = shape
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        dx, dy = (xx - self.cx) / self.unit, (yy - self.cy) / self.unit
        c, s = np.float32(np.cos(self.roll)), np.float32(np.sin(self.roll))
        return (dx * c + dy * s).astype(np.float32), (-dx * s + dy * c).astype(np.float32)

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int]:
        """The pixel box (x, y, w, h) around a face-unit rectangle (corners turned by the roll)."""
        pts = [self.to_pixel(x, y) for x in (x0, x1) for y in (y0, y1)]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        left, top = int(np.floor(min(xs))), int(np.floor(min(ys)))
        return (left, top, int(np.ceil(max(xs))) - left, int(np.ceil(max(ys))) - top)


def face_layout(
    rng: random.Random, shape: tuple[int, int], *, female: bool, age: int
) -> FaceLayout:
    """Proportions and framing for one person, drawn from the seed."""
    h, w = shape
    unit = w * rng.uniform(0.245, 0.265)
    lean = rng.uniform(0.0, 1.0)
    return FaceLayout(
        cx=w / 2 + rng.uniform(-0.03, 0.03) * w,
        cy=h * rng.uniform(0.37, 0.40),
        unit=unit,
        roll=rng.uniform(-0.05, 0.05),
        female=female,
        age=age,
        eye_x=rng.uniform(0.41, 0.45),
        eye_w=rng.uniform(0.175, 0.19),
        eye_h=rng.uniform(0.060, 0.070) * (1.06 if female else 1.0),
        iris=rng.uniform(0.074, 0.080),
        gaze=(rng.uniform(-0.012, 0.012), rng.uniform(-0.006, 0.008)),
        brow_y=rng.uniform(-0.27, -0.22) - (0.02 if female else 0.0),
        brow_arch=rng.uniform(0.03, 0.07) if female else rng.uniform(0.0, 0.03),
        nose_y=rng.uniform(0.60, 0.68),
        nose_w=rng.uniform(0.19, 0.22) * (1.0 if female else 1.08),
        mouth_y=rng.uniform(0.95, 1.0),
        mouth_w=rng.uniform(0.34, 0.39),
        lip_upper=rng.uniform(0.045, 0.06) * (1.1 if female else 0.9),
        lip_lower=rng.uniform(0.065, 0.085) * (1.1 if female else 0.9),
        chin_y=rng.uniform(1.42, 1.62),
        hairline_y=rng.uniform(-1.05, -0.93),
        jaw=rng.uniform(0.70, 0.78) + (0.0 if female else 0.07) + 0.05 * lean,
        cheek=lean,
        neck_w=rng.uniform(0.60, 0.66) + (0.0 if female else 0.08),
        width=rng.uniform(0.9, 1.06),
    )


@dataclass(frozen=True, slots=True)
class FaceGeometry:
    """The head as the light sees it."""

    height: FloatArray
    """(H, W) height towards the camera, in pixels."""
    head: FloatArray
    """(H, W) coverage of the head and face (0..1, anti-aliased)."""
    neck: FloatArray
    """(H, W) coverage of the neck (behind the jaw)."""
    ears: FloatArray
    """(H, W) coverage of the ears."""
    crease: FloatArray
    """(H, W) 0..1 how deep in a fold each point lies (for occlusion)."""


def _g(x: FloatArray, y: FloatArray, cx: float, cy: float, rx: float, ry: float) -> FloatArray:
    out: FloatArray = np.exp(-(((x - cx) / rx) ** 2) - ((y - cy) / ry) ** 2)
    return out


def _groove(
    x: FloatArray,
    y: FloatArray,
    p0: tuple[float, float],
    p1: tuple[float, float],
    width: float,
) -> FloatArray:
    """A soft line from p0 to p1 (1 on the line), fading at its ends."""
    bx, by = p1[0] - p0[0], p1[1] - p0[1]
    l2 = bx * bx + by * by
    t = ((x - p0[0]) * bx + (y - p0[1]) * by) / l2
    px, py = x - (p0[0] + bx * t), y - (p0[1] + by * t)
    d2 = px * px + py * py
    fade = np.clip(np.minimum(t, 1 - t) * 5, 0, 1)
    out: FloatArray = np.exp(-d2 / width**2) * fade
    return out


def half_width(layout: FaceLayout, y: FloatArray) -> FloatArray:
    """Half-width of the face outline at each face-unit row (0 outside the head).

    An egg: above the cheekbones an ellipse to the crown (the temples a little
    narrower), below them a superellipse to the chin whose power sets how square
    the jaw is. Both are smooth, so the outline has no corners.
    """
    widest, top = 0.15, layout.hairline_y - 0.55
    cheek = layout.width * (1.0 + 0.03 * layout.cheek)
    up = np.clip((widest - y) / (widest - top), 0, 1)
    upper = cheek * np.clip(1 - up**2, 0, 1) ** 0.5 * (1 - 0.05 * np.exp(-(((y + 0.5) / 0.3) ** 2)))
    down = np.clip((y - widest) / (layout.chin_y - widest), 0, 1)
    power = 2.0 + 4.0 * (layout.jaw - 0.7)  # 2.0 a tapering jaw .. 2.9 a square one
    lower = cheek * np.clip(1 - down**power, 0, 1) ** 0.5 * (1 - 0.1 * down)
    out: FloatArray = np.where(y < widest, upper, lower) * (y > top) * (y < layout.chin_y)
    return out.astype(np.float32)


def face_geometry(layout: FaceLayout, shape: tuple[int, int]) -> FaceGeometry:
    """Build the height field of head, face, ears and neck."""
    x, y = layout.grid(shape)
    u = layout.unit
    hw = half_width(layout, y)
    ax = np.abs(x)
    inside = np.clip((hw - ax) * u + 0.5, 0, 1) * (hw > 0)
    t = np.clip(1 - (ax / np.maximum(hw, 1e-3)) ** 2, 0, 1)
    depth = 0.85 + 0.08 * np.clip(-y, 0, 1)
    z = depth * t**0.5
    # brow ridge and forehead, the eyes set back in their orbits under it
    z += 0.05 * _g(x, y, 0, layout.brow_y + 0.05, 0.75, 0.09)
    z += 0.03 * _g(x, y, 0, -0.5, 0.6, 0.3)
    for side in (-1.0, 1.0):
        ex = side * layout.eye_x
        z -= 0.08 * _g(x, y, ex + side * 0.03, -0.01, 0.24, 0.13)
        globe = np.clip(1 - ((x - ex) / 0.24) ** 2 - ((y - 0.005) / 0.15) ** 2, 0, 1)
        z += 0.06 * globe**1.5
        # lid crease over the globe, bags under it with age
        crease_y = -layout.eye_h - 0.035
        z -= 0.012 * _groove(x, y, (ex - 0.13, crease_y + 0.02), (ex + 0.15, crease_y + 0.01), 0.02)
        bag = 0.003 + 0.0003 * max(0, layout.age - 30)
        z += bag * _g(x, y, ex + side * 0.02, layout.eye_h + 0.07, 0.13, 0.035)
        z -= bag * 0.8 * _groove(x, y, (ex - 0.12, 0.14), (ex + side * 0.14, 0.11), 0.02)
        # cheekbone and the fullness of the cheek below it
        z += 0.06 * _g(x, y, side * 0.58, 0.28, 0.26, 0.16)
        z += 0.03 * layout.cheek * _g(x, y, side * 0.55, 0.75, 0.25, 0.22)
        z -= 0.025 * (1 - layout.cheek) * _g(x, y, side * 0.72, 0.72, 0.18, 0.2)
        # nasolabial fold, deeper with age
        fold = 0.006 + 0.0005 * max(0, layout.age - 25)
        z -= fold * _groove(
            x,
            y,
            (side * (layout.nose_w + 0.02), layout.nose_y - 0.02),
            (side * (layout.mouth_w + 0.12), layout.mouth_y + 0.02),
            0.06,
        )
        z += (
            fold
            * 0.3
            * _groove(
                x,
                y,
                (side * (layout.nose_w + 0.08), layout.nose_y + 0.02),
                (side * (layout.mouth_w + 0.14), layout.mouth_y + 0.08),
                0.06,
            )
        )
        # alae of the nose and the soft crease around them
        z += 0.05 * _g(x, y, side * layout.nose_w * 0.72, layout.nose_y + 0.01, 0.065, 0.06)
        z -= 0.008 * _groove(
            x,
            y,
            (side * layout.nose_w * 0.98, layout.nose_y - 0.07),
            (side * layout.nose_w * 0.85, layout.nose_y + 0.07),
            0.02,
        )
        # corners of the mouth
        z -= 0.015 * _g(x, y, side * layout.mouth_w, layout.mouth_y, 0.03, 0.03)
    # the nose: a narrow bridge rising to a rounded tip, a soft shadowed underside
    along = np.clip((y + 0.12) / (layout.nose_y + 0.12), 0, 1)
    bridge_w = 0.09 + 0.05 * along**1.5
    nose = (0.03 + 0.13 * along**1.6) * np.exp(-((x / bridge_w) ** 2))
    nose *= 1 / (1 + np.exp(np.clip((y - layout.nose_y - 0.02) / 0.025, -30, 30)))
    nose *= np.clip((y + 0.22) / 0.14, 0, 1)
    z += nose
    z += 0.07 * _g(x, y, 0, layout.nose_y - 0.025, 0.075, 0.065)
    # the muzzle: the teeth and jaws round the mouth forward
    z += 0.05 * _g(x, y, 0, layout.mouth_y - 0.02, 0.36, 0.22)
    # philtrum, lips, mouth line, the fold under the lip, chin
    z -= 0.012 * _g(x, y, 0, (layout.nose_y + layout.mouth_y) / 2 + 0.02, 0.03, 0.06)
    z += 0.04 * _g(x, y, 0, layout.mouth_y - layout.lip_upper * 0.5, layout.mouth_w * 0.85, 0.05)
    z += 0.05 * _g(x, y, 0, layout.mouth_y + layout.lip_lower * 0.55, layout.mouth_w * 0.8, 0.06)
    z -= 0.02 * _g(x, y, 0, layout.mouth_y, layout.mouth_w * 0.7, 0.008)
    z -= 0.025 * _g(x, y, 0, layout.mouth_y + layout.lip_lower + 0.07, 0.16, 0.04)
    z += 0.05 * _g(x, y, 0, layout.chin_y - 0.17, 0.2, 0.11)
    head = inside
    # neck: a cylinder behind the jaw, its top hidden by the face
    nw = layout.neck_w + 0.5 * np.clip(y - 1.6, 0, None) ** 1.6
    neck_cov = np.clip((nw - ax) * u + 0.5, 0, 1) * np.clip((y - 0.6) * u * 0.2, 0, 1)
    neck_z = 0.45 * np.clip(1 - (ax / nw) ** 2, 0, 1) ** 0.5 * (1 - 0.1 * np.exp(-((x / 0.2) ** 2)))
    # ears: flat shells beside the head, between brow and nose tip
    ears = np.zeros_like(x)
    ear_z = np.zeros_like(x)
    for side in (-1.0, 1.0):
        ecx, ecy = side * (float(half_width(layout, np.array([0.28]))[0]) + 0.02), 0.28
        ex_, ey_ = (x - ecx) / 0.13, (y - ecy) / 0.3
        r = np.sqrt(ex_**2 + ey_**2 + 1e-6)
        shell = np.clip((1 - r) * 0.13 * u + 0.5, 0, 1) * (side * (x - ecx) > -0.1)
        rim = np.exp(-(((r - 0.82) / 0.1) ** 2))
        bowl = -0.6 * np.exp(-((r / 0.45) ** 2)) * (side * ex_ < 0.2)
        ears = np.maximum(ears, shell)
        ear_z += shell * (0.22 + 0.05 * rim + 0.04 * bowl)
    height = z * u
    height = np.where(head > 0, height, 0.0)
    height = np.maximum(height, neck_z * u * neck_cov * (1 - head))
    height = np.where((head < 0.5) & (ears > 0), np.maximum(height, ear_z * u), height)
    small = ndimage.gaussian_filter(height, u * 0.03)
    crease = np.clip((small - height) / (u * 0.012), 0, 1)
    return FaceGeometry(
        height=height.astype(np.float32),
        head=head.astype(np.float32),
        neck=(neck_cov * (1 - head)).astype(np.float32),
        ears=(ears * (1 - head)).astype(np.float32),
        crease=crease.astype(np.float32),
    )
