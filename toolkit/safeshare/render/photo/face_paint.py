"""The colours of a face before it is lit: skin, lips, nostrils, eyes, brows and lashes.

Skin is the limb renderer's skin (blood, melanin, pores) with a face's own
blush: warmer over the cheeks, nose and chin, darker and cooler round the eyes.
An open eye is drawn as it looks in a photograph: an almond between the lids,
the white shaded under the upper lid, a fibrous iris with a dark limbal ring,
the pupil, a pink caruncle at the inner corner, lashes along the upper lid.
Brows and lashes are drawn hair by hair, so they do not read as painted
shapes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw
from scipy import ndimage

from safeshare.render.photo.face_shape import FaceLayout
from safeshare.render.photo.noise import FloatArray, fbm, smooth_noise

__all__ = [
    "IRIS_COLOURS",
    "EyeMasks",
    "blush",
    "brow_hairs",
    "eyes",
    "freckles_and_moles",
    "lips",
    "nostrils",
]

IRIS_COLOURS: dict[str, tuple[float, float, float]] = {
    "dark brown": (0.20, 0.11, 0.06),
    "brown": (0.33, 0.19, 0.09),
    "hazel": (0.42, 0.33, 0.17),
    "green": (0.34, 0.40, 0.26),
    "grey-blue": (0.40, 0.48, 0.55),
    "blue": (0.30, 0.45, 0.62),
}


def _g(x: FloatArray, y: FloatArray, cx: float, cy: float, rx: float, ry: float) -> FloatArray:
    out: FloatArray = np.exp(-(((x - cx) / rx) ** 2) - ((y - cy) / ry) ** 2)
    return out


def _tint(albedo: FloatArray, weight: FloatArray, factor: tuple[float, float, float]) -> None:
    """Multiply the albedo towards `factor` by `weight` (0..1), in place."""
    f = np.array(factor, dtype=np.float32)
    albedo *= 1 + weight[..., None] * (f - 1)


def blush(
    albedo: FloatArray, layout: FaceLayout, x: FloatArray, y: FloatArray, darkness: float
) -> None:
    """The face's own colour map: warm cheeks, nose and chin; shadowed, cooler eye sockets."""
    warm = 0.55 * (1 - 0.6 * darkness)
    flush = np.zeros_like(x)
    for side in (-1.0, 1.0):
        flush += 0.9 * _g(x, y, side * 0.55, 0.42, 0.26, 0.2)
        flush += 0.5 * _g(x, y, side * 1.0, 0.3, 0.12, 0.3)  # ears
        orbit = _g(x, y, side * layout.eye_x, 0.02, 0.2, 0.13)
        _tint(albedo, 0.22 * orbit, (0.86, 0.82, 0.86))
        under = _g(x, y, side * (layout.eye_x + 0.02), layout.eye_h + 0.06, 0.14, 0.035)
        _tint(albedo, 0.25 * under * (0.6 + 0.4 * darkness), (0.85, 0.78, 0.82))
    flush += 0.8 * _g(x, y, 0, layout.nose_y - 0.02, 0.1, 0.08)
    flush += 0.4 * _g(x, y, 0, layout.chin_y - 0.15, 0.2, 0.1)
    flush += 0.3 * _g(x, y, 0, -0.55, 0.5, 0.2)
    _tint(albedo, np.clip(flush, 0, 1) * warm * 0.35, (1.0, 0.80, 0.80))


def lips(
    rng: np.random.Generator,
    albedo: FloatArray,
    relief: FloatArray,
    wet: FloatArray,
    layout: FaceLayout,
    x: FloatArray,
    y: FloatArray,
    darkness: float,
) -> FloatArray:
    """Paint the vermilion of both lips and the line between them; returns the lips' mask."""
    u = layout.unit
    m = layout.mouth_w
    t = np.clip(np.abs(x) / m, 0, 1.2)
    smile = layout.mouth_y - 0.012 * t**2
    # the upper lip's border: a cupid's bow with a dip in the middle
    bow = 1 - 0.22 * np.exp(-((x / 0.035) ** 2)) + 0.1 * np.exp(-(((np.abs(x) - 0.07) / 0.04) ** 2))
    top = smile - layout.lip_upper * bow * np.clip(1 - t**2, 0, 1) ** 0.55
    bottom = smile + layout.lip_lower * np.clip(1 - (t / 0.97) ** 2, 0, 1) ** 0.65
    upper = np.clip((y - top) * u + 0.5, 0, 1) * np.clip((smile - y) * u + 0.5, 0, 1)
    lower = np.clip((bottom - y) * u + 0.5, 0, 1) * np.clip((y - smile) * u + 0.5, 0, 1)
    mask = ndimage.gaussian_filter(np.clip(upper + lower, 0, 1) * (t < 1.0), 1.2)
    colour = np.array((0.74, 0.42, 0.42), dtype=np.float32) * (1 - 0.5 * darkness)
    colour = colour * (1 - darkness) + np.array((0.30, 0.17, 0.18), dtype=np.float32) * darkness
    grain = 1 + 0.06 * smooth_noise(rng, x.shape, 3.0)[..., None]
    lines = 1 - 0.08 * np.clip(np.sin(x * 180 + 2 * smooth_noise(rng, x.shape, 20.0)), 0, 1) ** 4
    lip_rgb = np.clip(albedo * 0.35 + colour * 0.75, 0, 1) * grain * lines[..., None]
    lip_rgb *= 1 - 0.12 * np.clip(upper, 0, 1)[..., None]  # the upper lip faces down: darker
    albedo[:] = albedo * (1 - mask[..., None]) + lip_rgb * mask[..., None]
    # the line where the lips meet, darkest at the corners
    seam = np.exp(-(((y - smile) * u / 1.6) ** 2)) * np.clip(1.15 - t, 0, 1)
    corner = np.exp(-(((y - smile) * u / 3.0) ** 2)) * np.exp(-(((t - 1.0) / 0.1) ** 2))
    _tint(albedo, np.clip(0.75 * seam + 0.5 * corner, 0, 1), (0.25, 0.15, 0.15))
    # the border of the vermilion catches a little light
    rim = np.exp(-(((y - top) * u / 1.5) ** 2)) * (t < 0.95)
    _tint(albedo, 0.25 * rim, (1.12, 1.06, 1.04))
    relief += 1.2 * lower * (1 - lower) * 4 - 0.6 * seam
    wet[:] = np.maximum(wet, lower * 0.45 + upper * 0.2)
    out: FloatArray = mask.astype(np.float32)
    return out


def nostrils(albedo: FloatArray, layout: FaceLayout, x: FloatArray, y: FloatArray) -> None:
    """Two dark openings under the tip, seen a little from below, and the shadow between."""
    for side in (-1.0, 1.0):
        cx, cy = side * layout.nose_w * 0.45, layout.nose_y + 0.055
        ang = side * 0.35
        dx, dy = x - cx, y - cy
        u = dx * np.cos(ang) + dy * np.sin(ang)
        v = -dx * np.sin(ang) + dy * np.cos(ang)
        d = (u / 0.048) ** 2 + (v / 0.02) ** 2
        hole = np.clip((1 - d) * 3, 0, 1)
        _tint(albedo, ndimage.gaussian_filter(hole, 1.5) * 0.85, (0.22, 0.14, 0.13))
    under = _g(x, y, 0, layout.nose_y + 0.07, layout.nose_w * 0.7, 0.03)
    _tint(albedo, 0.25 * under, (0.75, 0.62, 0.6))


@dataclass(frozen=True, slots=True)
class EyeMasks:
    """Where the eyes are open (the wet, white part) and where the lashes lie."""

    opening: FloatArray
    iris: FloatArray
    lids: FloatArray
    """(H, W) the upper lid margin and lashes, dark."""


def _eye_local(
    layout: FaceLayout, x: FloatArray, y: FloatArray, side: float
) -> tuple[FloatArray, FloatArray]:
    """Coordinates across the eye (-1 inner corner .. 1 outer corner) and height in eye-h."""
    t = side * (x - side * layout.eye_x) / layout.eye_w
    lift = 0.02 * t  # the outer corner sits a little higher
    return t, (y + lift) / layout.eye_h


def _lid_curves(t: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Upper and lower lid edges (eye-h units): the upper peaks towards the nose."""
    s = np.clip(1 - ((t + 0.12) / 1.12) ** 2, 0, 1)
    upper = -1.0 * s**0.7
    s2 = np.clip(1 - ((t - 0.15) / 1.15) ** 2, 0, 1)
    lower = 0.72 * s2**0.9
    return upper.astype(np.float32), lower.astype(np.float32)


def eyes(
    rng: np.random.Generator,
    albedo: FloatArray,
    wet: FloatArray,
    layout: FaceLayout,
    x: FloatArray,
    y: FloatArray,
    iris_colour: tuple[float, float, float],
    darkness: float = 0.0,
) -> EyeMasks:
    """Paint both open eyes into the albedo; return their masks for lighting and lashes."""
    px = layout.unit * layout.eye_h  # pixels per eye-h unit
    opening = np.zeros_like(x)
    iris_all = np.zeros_like(x)
    lids = np.zeros_like(x)
    base = np.array(iris_colour, dtype=np.float32)
    fibres = smooth_noise(rng, (64, 720), 1.5)  # one iris pattern: both eyes match
    for side in (-1.0, 1.0):
        t, v = _eye_local(layout, x, y, side)
        near = (np.abs(t) < 1.6) & (np.abs(v) < 3.0)
        if not near.any():
            continue
        upper, lower = _lid_curves(t)
        inside = np.clip((v - upper) * px + 0.5, 0, 1) * np.clip((lower - v) * px + 0.5, 0, 1)
        inside *= np.abs(t) < 1.0
        # the white: off-white, pinker towards the corners, shadowed under the upper lid
        sclera = np.empty((*x.shape, 3), dtype=np.float32)
        sclera[:] = np.array((0.74, 0.70, 0.67), dtype=np.float32) * (1 - 0.25 * darkness)
        corner = np.clip(np.abs(t) - 0.45, 0, 1) / 0.55
        _tint(sclera, 0.25 * corner, (0.95, 0.85, 0.83))
        depth = np.clip((v - upper) / np.maximum(lower - upper, 1e-3), 0, 1)
        _tint(sclera, 0.6 * np.clip(1 - depth * 1.6, 0, 1), (0.5, 0.47, 0.47))
        _tint(sclera, 0.3 * np.clip(np.abs(t) - 0.3, 0, 1), (0.75, 0.7, 0.7))
        veins = np.clip(smooth_noise(rng, x.shape, 2.0) - 1.6, 0, 1) * corner
        _tint(sclera, veins, (0.9, 0.55, 0.55))
        # the iris and pupil, partly under the upper lid
        icx = side * layout.eye_x + layout.gaze[0]
        icy = layout.gaze[1] - 0.12 * layout.eye_h
        dx, dy = x - icx, y - icy
        r = np.hypot(dx, dy) / layout.iris
        theta = np.arctan2(dy, dx)
        iris = np.clip((1 - r) * layout.iris * layout.unit + 0.5, 0, 1)
        fi = ((theta + np.pi) / (2 * np.pi) * 719).astype(np.int32) % 720
        ri = np.clip(r * 63, 0, 63).astype(np.int32)
        streak = fibres[ri, fi]
        colour = base[None, None, :] * (0.8 + 0.22 * streak[..., None])
        colour *= (0.75 + 0.5 * np.exp(-(((r - 0.5) / 0.18) ** 2)))[..., None]  # collarette
        limbal = np.clip((r - 0.78) / 0.22, 0, 1) ** 1.5
        colour *= (1 - 0.65 * limbal)[..., None]
        pupil = np.clip((0.36 - r) * layout.iris * layout.unit + 0.5, 0, 1)
        colour = colour * (1 - pupil[..., None]) + np.float32(0.025) * pupil[..., None]
        colour *= (0.6 + 0.4 * depth)[..., None]  # the lid's shadow falls on the iris too
        eye_rgb = sclera * (1 - iris[..., None]) + colour * iris[..., None]
        # caruncle: the pink fold at the inner corner
        car = _g(t, v, -0.93, 0.15, 0.1, 0.5) * inside
        _tint(eye_rgb, np.clip(car * 1.2, 0, 1), (0.85, 0.6, 0.6))
        soft = ndimage.gaussian_filter(inside, 0.7)
        albedo[:] = albedo * (1 - soft[..., None]) + eye_rgb * soft[..., None]
        wet[:] = np.maximum(wet, soft)
        opening = np.maximum(opening, soft)
        iris_all = np.maximum(iris_all, iris * soft)
        # the upper lid margin (lash line) and the faint lower one
        margin = np.exp(-(((v - upper) * px / (2.2 + 1.4 * np.clip(t, 0, 1))) ** 2))
        margin *= np.clip(1.05 - np.abs(t), 0, 1) ** 0.5
        low = np.exp(-(((v - lower) * px / 1.2) ** 2)) * np.clip(1 - np.abs(t), 0, 1) * 0.2
        lids = np.maximum(lids, np.clip(margin + low, 0, 1))
        # the lid's skin: a crease above, a little darker and pinker near the lashes
        crease = np.exp(-(((v - (upper - 0.85 - 0.25 * (1 - t**2))) * px / 2.5) ** 2))
        crease *= np.clip(1.1 - np.abs(t), 0, 1)
        _tint(albedo, 0.3 * crease, (0.72, 0.62, 0.62))
        lid = np.clip((upper - v) * px / 6, 0, 1) * np.clip(1 - (upper - v) / 1.2, 0, 1)
        _tint(albedo, 0.3 * lid * np.clip(1.1 - np.abs(t), 0, 1), (0.9, 0.8, 0.82))
    return EyeMasks(opening.astype(np.float32), iris_all.astype(np.float32), lids)


def _hair_strokes(
    size: tuple[int, int],
    strokes: list[tuple[list[tuple[float, float]], int, int]],
    *,
    scale: int = 2,
) -> FloatArray:
    """Draw (points, shade 0..255, width) strokes supersampled; coverage 0..1 at full size."""
    w, h = size
    img = Image.new("L", (w * scale, h * scale), 0)
    draw = ImageDraw.Draw(img)
    for pts, shade, width in strokes:
        draw.line([(px * scale, py * scale) for px, py in pts], fill=shade, width=width)
    small = img.resize((w, h), Image.Resampling.BOX)
    return np.asarray(small, dtype=np.float32) / 255.0


def brow_hairs(
    rng: random.Random, layout: FaceLayout, shape: tuple[int, int], *, density: float
) -> FloatArray:
    """Brows and upper lashes, hair by hair: coverage 0..1."""
    h, w = shape
    strokes: list[tuple[list[tuple[float, float]], int, int]] = []
    u = layout.unit
    for side in (-1.0, 1.0):
        inner = (side * 0.13, layout.brow_y + 0.035)
        peak = (side * 0.5, layout.brow_y - layout.brow_arch)
        tail = (side * 0.74, layout.brow_y + 0.02 - layout.brow_arch * 0.3)
        for _ in range(int(520 * density)):
            s = rng.random()
            if s < 0.6:
                a, b, f = inner, peak, s / 0.6
            else:
                a, b, f = peak, tail, (s - 0.6) / 0.4
            bx = a[0] + (b[0] - a[0]) * f
            by = a[1] + (b[1] - a[1]) * f
            thick = (0.06 if layout.female else 0.075) * (1 - 0.6 * s) + 0.014
            by += rng.uniform(-0.5, 0.5) * thick
            # hairs at the head of the brow slant upwards, the rest lie along it, outwards
            ang = -0.9 * (1 - min(1.0, s * 2.5)) - 0.25 + rng.gauss(0, 0.2)
            direction = (np.cos(ang) * side, np.sin(ang))
            length = rng.uniform(0.035, 0.06) * (1.2 if not layout.female else 1.0)
            p0 = layout.to_pixel(bx, by)
            p1 = layout.to_pixel(bx + direction[0] * length * 0.5, by + direction[1] * length * 0.5)
            p2 = layout.to_pixel(
                bx + direction[0] * length, by + direction[1] * length + 0.006 * (s - 0.5)
            )
            strokes.append(([p0, p1, p2], rng.randrange(110, 210), 2 if u > 200 else 1))
        # upper lashes: curving out and up from the lid margin, longer towards the outer corner
        for _ in range(int(70 * density) + 40):
            t = rng.uniform(-0.9, 1.0)
            s = np.clip(1 - ((t + 0.12) / 1.12) ** 2, 0, 1)
            v = -(s**0.75) - 0.05
            lx = side * (layout.eye_x + t * layout.eye_w)
            ly = v * layout.eye_h - 0.02 * t
            length = (0.025 + 0.02 * max(0.0, t)) * (1.15 if layout.female else 0.85)
            ang = -np.pi / 2 + side * (0.5 * t + 0.15) + rng.gauss(0, 0.12)
            pts = []
            for k in range(4):
                f = k / 3
                bend = ang + side * 0.5 * f
                pts.append(
                    layout.to_pixel(
                        lx + np.cos(bend) * length * f, ly + np.sin(bend) * length * f * 0.8
                    )
                )
            strokes.append((pts, rng.randrange(160, 250), 1))
    del h
    return _hair_strokes((w, shape[0]), strokes)


def freckles_and_moles(
    rng: np.random.Generator, albedo: FloatArray, x: FloatArray, y: FloatArray, head: FloatArray
) -> None:
    """A few small naevi on the face (nobody's face is clean of them)."""
    count = int(rng.integers(2, 7))
    yy_, xx_ = x.shape
    for _ in range(count):
        mx, my = float(rng.uniform(-0.8, 0.8)), float(rng.uniform(-0.6, 1.3))
        r = float(rng.uniform(0.006, 0.014))
        d = ((x - mx) ** 2 + (y - my) ** 2) / r**2
        spot = np.clip(1.2 - d, 0, 1) * head
        _tint(albedo, spot * 0.55, (0.55, 0.42, 0.38))
    del yy_, xx_
    texture = np.clip(fbm(rng, x.shape, (12.0, 4.0)) - 1.8, 0, 1) * head
    _tint(albedo, texture * 0.3, (0.85, 0.75, 0.7))
