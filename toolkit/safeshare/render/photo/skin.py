"""Skin that looks like skin: colour variation under the surface, texture at several scales.

Skin is not one colour: blood gives blotchy redness, melanin uneven brown,
pores and fine crease lines a grain, and hair a direction. Each is a noise
layer at its own scale; together they make the albedo a light then shades.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw
from scipy import ndimage

from safeshare.render.photo.noise import FloatArray, fbm, smooth_noise

__all__ = ["SKIN_TONES", "SkinSurface", "hair_layer", "skin_surface"]

SKIN_TONES: dict[str, tuple[float, float, float]] = {
    # albedo in sRGB 0..1, roughly Fitzpatrick I-II, III, IV, V, VI
    "light": (0.92, 0.77, 0.70),
    "medium": (0.84, 0.66, 0.56),
    "olive": (0.74, 0.57, 0.44),
    "brown": (0.55, 0.39, 0.30),
    "dark": (0.36, 0.25, 0.20),
}


@dataclass(frozen=True, slots=True)
class SkinSurface:
    """Skin colour and the small relief that catches the light."""

    albedo: FloatArray
    """(H, W, 3) surface colour before lighting."""
    relief: FloatArray
    """(H, W) fine height in pixels: pores, creases, grain."""
    sheen: FloatArray
    """(H, W) 0..1 how oily/shiny each area is."""


def _creases(rng: np.random.Generator, shape: tuple[int, int]) -> FloatArray:
    """Fine criss-cross lines of the skin surface (0 flat, 1 in a crease)."""
    total = np.zeros(shape, dtype=np.float32)
    for sigma in ((0.7, 5.0), (5.0, 0.7)):
        n = ndimage.gaussian_filter(rng.standard_normal(shape).astype(np.float32), sigma)
        n /= float(n.std()) + 1e-6
        total = np.maximum(total, np.exp(-((n / 0.22) ** 2)))
    modulate = np.clip(0.6 + 0.5 * smooth_noise(rng, shape, 40.0), 0, 1)
    out: FloatArray = total * modulate
    return out


def skin_surface(
    rng: np.random.Generator, shape: tuple[int, int], tone: str, *, pore_scale: float = 1.0
) -> SkinSurface:
    """Albedo, relief and sheen for a patch of skin of a given tone."""
    base = np.array(SKIN_TONES[tone], dtype=np.float32)
    darkness = 1.0 - float(base.mean())
    redness = fbm(rng, shape, (160.0, 55.0, 18.0))
    melanin = fbm(rng, shape, (220.0, 70.0, 20.0, 6.0))
    grain = smooth_noise(rng, shape, 1.2)
    albedo = np.empty((*shape, 3), dtype=np.float32)
    albedo[:] = base
    # blood under the skin: blotchy redness, less visible on darker skin
    red = np.clip(0.45 + 0.3 * redness, 0.0, 1.0)[..., None]
    red_amount = 0.16 * (1.0 - 0.7 * darkness)
    flushed = base * np.array([1.0, 0.78, 0.80], dtype=np.float32)
    albedo = (albedo * (1 - red_amount * red) + flushed * red_amount * red).astype(np.float32)
    # uneven melanin: multiplicative, strongest in blue
    albedo *= 1.0 - 0.035 * melanin[..., None] * np.array([0.7, 1.0, 1.25], dtype=np.float32)
    albedo *= 1.0 + 0.012 * grain[..., None]

    # pores: small dark pits, clustered unevenly
    density = 0.0035 / pore_scale**2 * np.clip(1.0 + 0.6 * smooth_noise(rng, shape, 80.0), 0.2, 2)
    pits = (rng.random(shape, dtype=np.float32) < density).astype(np.float32)
    # each pore its own depth: some barely visible, a few open and dark
    pits *= rng.random(shape, dtype=np.float32) ** 1.5
    pits = ndimage.gaussian_filter(pits, 0.8 * pore_scale) * (4.0 * pore_scale**2)
    pits = np.clip(pits, 0, 1)
    creases = _creases(rng, shape)
    albedo *= (1.0 - 0.10 * pits - 0.05 * creases)[..., None]
    # fine venules and uneven blood under the surface, and on paler skin a few freckles
    veins = np.clip(smooth_noise(rng, shape, 9.0), 0, None) * 0.025 * (1.0 - darkness)
    albedo *= 1.0 - veins[..., None] * np.array([0.2, 1.0, 0.6], dtype=np.float32)
    spots = (rng.random(shape, dtype=np.float32) < 0.00012 * (1.0 - darkness)).astype(np.float32)
    spots = np.clip(ndimage.gaussian_filter(spots, 2.2) * 40.0, 0, 1)
    spots *= rng.uniform(0.10, 0.22)
    albedo *= 1.0 - spots[..., None] * np.array([0.5, 0.75, 0.9], dtype=np.float32)

    relief = 0.5 * grain * 0.3 - 1.2 * pits - 0.6 * creases
    sheen = np.clip(0.45 + 0.35 * smooth_noise(rng, shape, 90.0), 0.0, 1.0)
    return SkinSurface(np.clip(albedo, 0, 1), relief.astype(np.float32), sheen.astype(np.float32))


def hair_layer(
    rng: np.random.Generator,
    shape: tuple[int, int],
    where: FloatArray,
    *,
    direction: float,
    count: int,
    length: tuple[float, float] = (10.0, 26.0),
    spread: float = 0.35,
) -> FloatArray:
    """Coverage (0..1) of fine body hair lying roughly along `direction` (radians)."""
    h, w = shape
    scale = 2
    img = Image.new("L", (w * scale, h * scale), 0)
    draw = ImageDraw.Draw(img)
    ys, xs = np.nonzero(where > 0.5)
    if len(xs) == 0 or count <= 0:
        return np.zeros(shape, dtype=np.float32)
    picks = rng.integers(0, len(xs), size=count)
    for i in picks:
        x, y = float(xs[i]), float(ys[i])
        angle = direction + rng.normal(0.0, spread)
        n = float(rng.uniform(*length))
        curve = rng.normal(0.0, 0.25)
        pts = []
        for k in range(5):
            t = k / 4
            a = angle + curve * t
            pts.append(((x + np.cos(a) * n * t) * scale, (y + np.sin(a) * n * t) * scale))
        shade = int(rng.uniform(50, 150))
        draw.line(pts, fill=shade, width=1 if rng.random() < 0.7 else 2)
    small = img.resize((w, h), Image.Resampling.BOX)
    return np.asarray(small, dtype=np.float32) / 255.0
