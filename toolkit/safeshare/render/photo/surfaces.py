"""What a body part lies on or stands in front of: sheets, pads, drapes, card, walls.

Each surface is colour with its own relief (folds, quilting, weave), lit from
the same side as the subject, so the picture hangs together.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage

from safeshare.render.photo.noise import FloatArray, fbm, smooth_noise, soft_blur

__all__ = ["SURFACES", "cast_shadow", "fold_shading", "surface"]

SURFACES: dict[str, tuple[float, float, float]] = {
    "sheet": (0.90, 0.91, 0.92),
    "pad": (0.62, 0.76, 0.90),
    "drape": (0.26, 0.50, 0.62),
    "drape_green": (0.30, 0.52, 0.44),
    "card": (0.45, 0.52, 0.60),
    "paper": (0.93, 0.93, 0.90),
    "bench": (0.30, 0.31, 0.33),
    "blanket": (0.86, 0.80, 0.88),
}


def fold_shading(
    rng: np.random.Generator, shape: tuple[int, int], *, scale: float, depth: float
) -> FloatArray:
    """Light and shade of soft folds (1 flat, below 1 in shadow, above 1 facing the light).

    Fabric lying on a bed is mostly flat, with a few long soft creases running
    one way and gentle undulation elsewhere.
    """
    h, w = shape
    angle = rng.uniform(0, np.pi)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    u = xx * np.cos(angle) + yy * np.sin(angle)
    v = -xx * np.sin(angle) + yy * np.cos(angle)
    warp = fbm(rng, shape, (scale * 3, scale))
    height = 0.35 * fbm(rng, shape, (scale * 2.5, scale * 0.8))
    for _ in range(3):
        centre = rng.uniform(-0.5, 0.5) * max(h, w) + (w * np.cos(angle) + h * np.sin(angle)) / 2
        width = scale * rng.uniform(0.35, 0.8)
        crease = np.exp(-(((u - centre + scale * 0.3 * warp) / width) ** 2))
        fade = np.clip(0.5 + 0.6 * smooth_noise(rng, shape, scale * 3), 0, 1)
        height += rng.uniform(0.6, 1.2) * crease * fade
    del v
    height *= depth
    gy, gx = np.gradient(height)
    light = -(gx * 0.6 + gy * 0.8)
    out: FloatArray = np.clip(1.0 + light, 0.6, 1.3).astype(np.float32)
    return out


def _weave(rng: np.random.Generator, shape: tuple[int, int], period: float) -> FloatArray:
    h, w = shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    pattern = np.sin(xx * 2 * np.pi / period) * np.sin(yy * 2 * np.pi / period)
    out: FloatArray = 0.5 * pattern + 0.5 * smooth_noise(rng, shape, 1.0)
    return out


def _quilting(shape: tuple[int, int], pitch: float, angle: float) -> FloatArray:
    """Diamond quilting of an absorbent pad: 1 in the puffy middle, low along the seams."""
    h, w = shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    u = (xx * np.cos(angle) + yy * np.sin(angle)) / pitch
    v = (-xx * np.sin(angle) + yy * np.cos(angle)) / pitch
    a = np.abs(np.sin(np.pi * (u + v) / 2))
    b = np.abs(np.sin(np.pi * (u - v) / 2))
    out: FloatArray = np.minimum(a, b) ** 0.35
    return out


def surface(rng: np.random.Generator, shape: tuple[int, int], kind: str) -> FloatArray:
    """An (H, W, 3) surface of the given kind, unlit by the scene's overall light."""
    if kind not in SURFACES:
        raise ValueError(f"unknown surface {kind!r}; known: {', '.join(SURFACES)}")
    _h, _w = shape
    colour = np.array(SURFACES[kind], dtype=np.float32)
    rgb = np.empty((*shape, 3), dtype=np.float32)
    rgb[:] = colour
    tint = fbm(rng, shape, (300.0, 80.0))
    rgb *= (1.0 + 0.02 * tint)[..., None]
    if kind in ("sheet", "blanket", "drape", "drape_green"):
        scale = {"sheet": 120.0, "blanket": 150.0, "drape": 160.0, "drape_green": 160.0}[kind]
        rgb *= fold_shading(rng, shape, scale=scale, depth=9.0 if kind == "sheet" else 7.0)[
            ..., None
        ]
        period = 3.2 if kind == "sheet" else 4.5
        rgb *= (1.0 + 0.025 * _weave(rng, shape, period))[..., None]
        if kind == "blanket":
            # cellular hospital blanket: open weave holes
            holes = _quilting(shape, 9.0, 0.0)
            rgb *= (0.82 + 0.18 * holes)[..., None]
    elif kind == "pad":
        q = _quilting(shape, rng.uniform(34, 46), rng.uniform(-0.2, 0.2))
        gy, gx = np.gradient(ndimage.gaussian_filter(q * 6.0, 1.5))
        rgb *= (0.88 + 0.12 * q - 0.25 * (gx * 0.6 + gy * 0.8))[..., None]
        rgb *= fold_shading(rng, shape, scale=200.0, depth=10.0)[..., None]
        rgb *= (1.0 + 0.04 * smooth_noise(rng, shape, 1.5))[..., None]
    elif kind in ("card", "paper"):
        rgb *= (1.0 + 0.015 * smooth_noise(rng, shape, 1.2))[..., None]
    elif kind == "bench":
        speck = np.clip(smooth_noise(rng, shape, 1.5) - 1.8, 0, 1)
        rgb *= (1.0 + 0.05 * smooth_noise(rng, shape, 2.0) + 0.5 * speck)[..., None]
    return np.clip(rgb, 0, 1.2)


def cast_shadow(
    mask: FloatArray, *, offset: tuple[float, float], softness: float, strength: float
) -> FloatArray:
    """How much a subject shades the surface under it (multiply the surface by 1 - this)."""
    shifted = ndimage.shift(mask, (offset[1], offset[0]), order=1, mode="constant", cval=0.0)
    soft = soft_blur(shifted, softness)
    contact = soft_blur(mask, softness * 0.25)
    out: FloatArray = np.clip(strength * soft + 0.25 * contact, 0, 0.85).astype(np.float32)
    return out
