"""Smooth random fields for photo-like textures: skin, fabric, paper, light.

Noise at one scale is white noise on a coarse grid, resized bicubically to the
full picture: fast, smooth, and deterministic for a given random stream.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

__all__ = ["FloatArray", "blob_mask", "fbm", "smooth_noise", "soft_blur"]

FloatArray = np.ndarray
"""A float32 numpy array (H, W) or (H, W, 3)."""


def soft_blur(a: FloatArray, sigma: float) -> FloatArray:
    """A wide Gaussian blur of a 2-D field, done at reduced resolution (fast for large sigma)."""
    from scipy import ndimage

    if sigma < 4.0:
        out: FloatArray = ndimage.gaussian_filter(a, sigma)
        return out
    h, w = a.shape
    factor = max(2, int(sigma / 2.0))
    sw, sh = max(2, w // factor), max(2, h // factor)
    small = np.asarray(
        Image.fromarray(a.astype(np.float32), mode="F").resize((sw, sh), Image.Resampling.BOX),
        dtype=np.float32,
    )
    small = ndimage.gaussian_filter(small, sigma / factor)
    big = Image.fromarray(small, mode="F").resize((w, h), Image.Resampling.BILINEAR)
    out = np.asarray(big, dtype=np.float32)
    return out


def smooth_noise(rng: np.random.Generator, shape: tuple[int, int], scale: float) -> FloatArray:
    """Noise with features about `scale` pixels across, mean 0 and standard deviation about 1."""
    h, w = shape
    gh = max(2, int(np.ceil(h / scale)) + 2)
    gw = max(2, int(np.ceil(w / scale)) + 2)
    grid = rng.standard_normal((gh, gw)).astype(np.float32)
    if scale <= 1.0:
        return grid[:h, :w]
    big = Image.fromarray(grid, mode="F").resize(
        (round(gw * scale), round(gh * scale)), Image.Resampling.BICUBIC
    )
    out = np.asarray(big, dtype=np.float32)[:h, :w]
    std = float(out.std())
    return (out - float(out.mean())) / (std if std > 1e-6 else 1.0)


def fbm(
    rng: np.random.Generator,
    shape: tuple[int, int],
    scales: tuple[float, ...],
    gains: tuple[float, ...] | None = None,
) -> FloatArray:
    """A sum of smooth noises (fractal): coarse blotches plus finer grain, std about 1."""
    gains = gains or tuple(0.55**i for i in range(len(scales)))
    total = np.zeros(shape, dtype=np.float32)
    for scale, gain in zip(scales, gains, strict=True):
        total += gain * smooth_noise(rng, shape, scale)
    std = float(total.std())
    return total / (std if std > 1e-6 else 1.0)


def blob_mask(
    rng: np.random.Generator,
    shape: tuple[int, int],
    centre: tuple[float, float],
    radius: float,
    *,
    irregularity: float = 0.25,
    aspect: float = 1.0,
    angle: float = 0.0,
    softness: float = 1.5,
) -> FloatArray:
    """A soft irregular blob (0..1): a circle whose radius wobbles with angle."""
    h, w = shape
    out = np.zeros(shape, dtype=np.float32)
    reach = radius * (1.0 + 2 * irregularity) * max(aspect, 1.0) + softness + 2
    x0, x1 = max(0, int(centre[0] - reach)), min(w, int(centre[0] + reach) + 1)
    y0, y1 = max(0, int(centre[1] - reach)), min(h, int(centre[1] + reach) + 1)
    if x0 >= x1 or y0 >= y1:
        return out
    yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
    dx, dy = xx - centre[0], yy - centre[1]
    ca, sa = np.cos(angle), np.sin(angle)
    u = (dx * ca + dy * sa) / aspect
    v = -dx * sa + dy * ca
    theta = np.arctan2(v, u)
    r = np.hypot(u, v)
    wobble = np.zeros_like(theta)
    for k in range(2, 9):
        amp = irregularity / k**0.9 * rng.uniform(0.4, 1.0)
        wobble += amp * np.cos(k * theta + rng.uniform(0, 2 * np.pi))
    edge = radius * (1.0 + wobble)
    out[y0:y1, x0:x1] = np.clip((edge - r) / max(softness, 1e-3) + 0.5, 0.0, 1.0)
    return out
