"""A face with a rash, from scikit-image's astronaut photograph (NASA, public domain).

The photograph ships inside scikit-image, so nothing is downloaded. A face is a
full-face image whatever is drawn over it: a black bar across the eyes is the
classic false comfort, and the key records the face either way.
"""

from __future__ import annotations

import random

import numpy as np
from PIL import Image, ImageDraw

from safeshare.render.photo_lesions import erythema
from safeshare.render.photo_noise import FloatArray, smooth_noise
from safeshare.render.photo_scene import Scene

__all__ = ["FACE_SIZE", "face_scene"]

FACE_SIZE = (960, 1120)
"""(width, height): a portrait crop, as a phone held upright takes it."""

# Where things are in the 512 x 512 source photograph (pixels).
_CROP = (146, 20, 304, 206)  # left, top, right, bottom: hair to below the chin
_FACE = (168, 56, 284, 192)  # the face: hairline, ears, chin
_EYES = (184, 90, 260, 110)  # both eyes and brows' lower edge
_CHEEKS = ((198, 125), (246, 124))
_NOSE = (222, 116)


def _source() -> np.ndarray:
    from skimage import data

    return np.asarray(data.astronaut(), dtype=np.uint8)  # type: ignore[no-untyped-call]


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
    src = Image.fromarray(_source()).crop((crop[0], crop[1], crop[2], crop[3]))
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
        img = Image.fromarray((scene.rgb * 255).astype(np.uint8))
        d = ImageDraw.Draw(img)
        ex0, ey0 = out(_EYES[0], _EYES[1])
        ex1, ey1 = out(_EYES[2], _EYES[3])
        tilt = pyrng.uniform(-10, 10)
        d.polygon(
            [
                (ex0 - 20, ey0 + tilt),
                (ex1 + 20, ey0 - tilt),
                (ex1 + 20, ey1 - tilt),
                (ex0 - 20, ey1 + tilt),
            ],
            fill=(8, 8, 8),
        )
        scene.rgb = np.asarray(img, dtype=np.float32) / 255.0
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
