"""A face with a rash, from scikit-image's astronaut photograph (NASA, public domain).

The photograph ships inside scikit-image, so nothing is downloaded. A face is a
full-face image whatever is drawn over it: a black bar across the eyes is the
classic false comfort, and the key records the face either way.
"""

from __future__ import annotations

import random

import numpy as np
from PIL import Image

from safeshare.render.photo.lesions import erythema
from safeshare.render.photo.noise import FloatArray, smooth_noise
from safeshare.render.photo.scene import Scene

__all__ = ["FACE_SIZE", "face_scene"]

FACE_SIZE = (960, 1120)
"""(width, height): a portrait crop, as a phone held upright takes it."""

# Where things are in the 512 x 512 source photograph (pixels).
_CROP = (148, 26, 298, 201)  # left, top, right, bottom: hair to the base of the neck
_NECKLINE = 142  # below this row of the source the astronaut's suit begins
_FACE = (168, 56, 284, 192)  # the face: hairline, ears, chin
_EYES = (184, 90, 260, 110)  # both eyes and brows' lower edge
_CHEEKS = ((198, 125), (246, 124))
_NOSE = (222, 116)


def _source() -> np.ndarray:
    from skimage import data

    return np.asarray(data.astronaut(), dtype=np.uint8)  # type: ignore[no-untyped-call]


def _gowned(src: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The photograph with the spacesuit collar redressed as a hospital gown.

    Below the neckline, whatever is neither skin nor the plain backdrop is
    clothing: it becomes pale printed gown fabric, shaded only by broad folds
    (so the suit's rings do not show through).
    """
    from scipy import ndimage

    f = src.astype(np.float32) / 255.0
    r, g, b = f[..., 0], f[..., 1], f[..., 2]
    lum = f.mean(axis=-1)
    h, w = lum.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    skin = (r - b > 0.06) & (r > 0.22) & (r >= g) & (np.abs(xx - 222) < 50)
    skin &= (lum > 0.34) | (np.abs(xx - 222) < 30)  # the suit's dark rim is not skin
    skin = ndimage.binary_opening(skin, iterations=2)
    # shoulders: a smooth line falling away from the neck on both sides
    out_x = np.clip(np.abs(xx - 222) - 30, 0, None)
    shoulder = 166 + 0.006 * out_x**2
    cloth = (yy > shoulder) & ~skin
    cloth = ndimage.binary_fill_holes(cloth)
    cloth &= ~skin
    cloth = ndimage.gaussian_filter(cloth.astype(np.float32), 2.0) > 0.5  # a smooth neckline
    # above the shoulders the suit's collar gives way to the plain backdrop
    backdrop = (lum > 0.70) & (f.max(axis=-1) - f.min(axis=-1) < 0.13)
    plain = ndimage.gaussian_filter(np.where(backdrop[..., None], f, 0.0), (12, 12, 0))
    weight = ndimage.gaussian_filter(backdrop.astype(np.float32), 12)[..., None]
    plain = plain / np.maximum(weight, 1e-3)
    beside_face = (np.abs(xx - 222) > 46) | ((np.abs(xx - 222) > 33) & (yy > 147)) | (yy > 186)
    fill = (yy > _NECKLINE) & beside_face & ~cloth & ~skin & ~backdrop
    grown = ndimage.binary_dilation(fill, iterations=2) & beside_face
    fill = ndimage.gaussian_filter(grown.astype(np.float32), 1.0)
    f = f * (1 - fill[..., None] * (1 - skin[..., None])) + plain * fill[..., None] * (
        1 - skin[..., None]
    )
    alpha = ndimage.gaussian_filter(cloth.astype(np.float32), 0.7)[..., None]
    folds = ndimage.gaussian_filter(lum, 6.0)
    shade = np.clip(0.86 + 0.45 * (folds - float(folds[cloth].mean())), 0.6, 1.1)
    hem = ndimage.distance_transform_edt(cloth).astype(np.float32)
    shade *= 1.0 - 0.08 * np.exp(-(((hem - 2.5) / 1.5) ** 2))  # the stitched hem
    shade *= 1.0 - 0.10 * np.exp(-hem / 6.0)  # the collar stands a little off the neck
    gown = np.array((0.62, 0.72, 0.82), dtype=np.float32) * shade[..., None]
    gown *= 1.0 + 0.02 * rng.standard_normal(lum.shape).astype(np.float32)[..., None]
    # the neckline casts a soft shadow on the skin just above it
    above = ndimage.gaussian_filter(cloth.astype(np.float32), 2.5)[..., None]
    f = f * (1 - 0.22 * above * (1 - alpha))
    out = f * (1 - alpha) + gown * alpha
    result: np.ndarray = (np.clip(out, 0, 1) * 255 + 0.5).astype(np.uint8)
    return result


def _to_output(x: float, y: float) -> tuple[float, float]:
    left, top, right, bottom = _CROP
    w, h = FACE_SIZE
    return ((x - left) * w / (right - left), (y - top) * h / (bottom - top))


def face_scene(
    rng: np.random.Generator, pyrng: random.Random, *, eye_bar: bool, rash: bool
) -> Scene:
    """The cropped face at phone resolution, with a butterfly rash and optionally an eye bar."""
    w, h = FACE_SIZE
    left, top, right, bottom = _CROP
    jitter = pyrng.uniform(-6, 6), pyrng.uniform(-4, 4)
    crop = (
        round(left + jitter[0]),
        round(top + jitter[1]),
        round(right + jitter[0]),
        round(bottom + jitter[1]),
    )
    src = Image.fromarray(_gowned(_source(), rng)).crop((crop[0], crop[1], crop[2], crop[3]))
    big = src.resize((w, h), Image.Resampling.BICUBIC)
    rgb: FloatArray = np.asarray(big, dtype=np.float32) / 255.0

    def out(x: float, y: float) -> tuple[float, float]:
        ox, oy = _to_output(x - jitter[0], y - jitter[1])
        return ox, oy

    scale = w / (right - left)
    if rash:
        # a malar rash: both cheeks and the bridge of the nose, sparing the folds
        paints = [
            erythema(rng, out(*_CHEEKS[0]), 11 * scale, aspect=1.3, angle=0.4, strength=0.7),
            erythema(rng, out(*_CHEEKS[1]), 11 * scale, aspect=1.3, angle=-0.4, strength=0.7),
            erythema(rng, out(*_NOSE), 6 * scale, aspect=1.8, angle=0.0, strength=0.55),
        ]
        # only on skin: reddish pixels, not the grey backdrop
        skin = np.clip((rgb[..., 0] - rgb[..., 2] - 0.05) * 10.0, 0, 1)
        for p in paints:
            ph, pw = p.alpha.shape
            x0, y0 = max(0, p.x), max(0, p.y)
            x1, y1 = min(w, p.x + pw), min(h, p.y + ph)
            a = p.alpha[y0 - p.y : y1 - p.y, x0 - p.x : x1 - p.x] * skin[y0:y1, x0:x1]
            a = a[..., None]
            tint = np.array([0.98, 0.70, 0.72], dtype=np.float32)
            region = rgb[y0:y1, x0:x1]
            rgb[y0:y1, x0:x1] = region * (1 - a) + region * tint * a
    # soft fine grain, so the enlarged photograph does not look smeared
    rgb = rgb * (1.0 + 0.015 * smooth_noise(rng, (h, w), 1.5))[..., None]
    scene = Scene(np.clip(rgb, 0, 1).astype(np.float32), np.full((h, w), 0.05, dtype=np.float32))
    if eye_bar:
        # drawn in an editing app afterwards: a flat black shape on top of the finished photo
        ex0, ey0 = out(_EYES[0], _EYES[1])
        ex1, ey1 = out(_EYES[2], _EYES[3])
        tilt = pyrng.uniform(-10, 10)
        scene.edits.append(
            (
                [
                    (ex0 - 20, ey0 + tilt),
                    (ex1 + 20, ey0 - tilt),
                    (ex1 + 20, ey1 - tilt),
                    (ex0 - 20, ey1 + tilt),
                ],
                (8, 8, 8),
            )
        )
    fx0, fy0 = out(_FACE[0], _FACE[1])
    fx1, fy1 = out(_FACE[2], _FACE[3])
    box = (max(0, int(fx0)), max(0, int(fy0)), 0, 0)
    box = (box[0], box[1], int(min(w, fx1)) - box[0], int(min(h, fy1)) - box[1])
    evidence = "Full face" + (
        ": the black bar over the eyes does not stop family and friends recognising her"
        if eye_bar
        else ""
    )
    scene.mark("full_face", box, evidence)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    cx, cy = (fx0 + fx1) / 2, (fy0 + fy1) / 2
    scene.depth = np.clip(np.hypot(xx - cx, yy - cy) / (w * 0.9), 0, 0.6).astype(np.float32)
    return scene
