"""What a phone camera does to a scene: uneven light, shallow focus, noise, sharpening.

A scene is drawn clean; this module makes it look photographed. Nothing here
moves pixels, so every box recorded on the clean scene stays on its text.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter
from scipy import ndimage

from safeshare.render.photo.noise import FloatArray, smooth_noise

__all__ = ["Camera", "develop", "light_falloff", "specular"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Camera:
    """How the photo was taken."""

    blur: float = 4.0
    """Gaussian blur (pixels) at depth 1, the farthest part of the scene."""
    noise: float = 0.012
    """Sensor noise at mid-grey (0..1 scale)."""
    white_balance: tuple[float, float, float] = (1.0, 1.0, 1.0)
    """Gain per channel: warm or cool light the camera did not fully correct."""
    vignette: float = 0.25
    exposure: float = 1.0
    sharpen: int = 70
    """Unsharp-mask strength (%): phones sharpen, which halos edges."""


def light_falloff(
    rng: np.random.Generator, shape: tuple[int, int], *, strength: float = 0.35
) -> FloatArray:
    """A light that is brighter on one side of the frame, with soft unevenness."""
    h, w = shape
    angle = rng.uniform(0, 2 * np.pi)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    ramp = ((xx / w - 0.5) * np.cos(angle) + (yy / h - 0.5) * np.sin(angle)) * 2
    field = 1.0 + strength * 0.5 * ramp + 0.05 * smooth_noise(rng, shape, max(h, w) / 3)
    out: FloatArray = np.clip(field, 0.3, 1.6).astype(np.float32)
    return out


def specular(
    normals: FloatArray,
    light: tuple[float, float, float],
    *,
    power: float,
) -> FloatArray:
    """Blinn-Phong highlight for a camera looking straight down."""
    lx, ly, lz = light
    norm = float(np.sqrt(lx * lx + ly * ly + lz * lz))
    hx, hy, hz = lx / norm, ly / norm, lz / norm + 1.0
    hn = float(np.sqrt(hx * hx + hy * hy + hz * hz))
    ndoth = (normals[..., 0] * hx + normals[..., 1] * hy + normals[..., 2] * hz) / hn
    out: FloatArray = np.clip(ndoth, 0, 1) ** power
    return out.astype(np.float32)


def _blur_rgb(rgb: FloatArray, sigma: float) -> FloatArray:
    """Gaussian blur per channel; wide blurs are done at half resolution (same look, faster)."""
    if sigma < 2.0:
        return np.stack([ndimage.gaussian_filter(rgb[..., c], sigma) for c in range(3)], axis=-1)
    h, w, _ = rgb.shape
    small = rgb[: h - h % 2, : w - w % 2].reshape(h // 2, 2, w // 2, 2, 3).mean(axis=(1, 3))
    small = np.stack([ndimage.gaussian_filter(small[..., c], sigma / 2) for c in range(3)], axis=-1)
    up = np.stack(
        [
            np.asarray(
                Image.fromarray(small[..., c].astype(np.float32), mode="F").resize(
                    (w, h), Image.Resampling.BILINEAR
                ),
                dtype=np.float32,
            )
            for c in range(3)
        ],
        axis=-1,
    )
    return up


def _depth_of_field(rgb: FloatArray, depth: FloatArray, blur: float) -> FloatArray:
    """Blend sharp and blurred copies by depth (0 in focus, 1 farthest)."""
    if blur <= 0.3:
        return rgb
    levels = [0.0, blur / 3, 2 * blur / 3, blur]
    copies = [rgb] + [_blur_rgb(rgb, s) for s in levels[1:]]
    d = np.clip(depth, 0, 1) * (len(levels) - 1)
    out = np.zeros_like(rgb)
    for i, copy in enumerate(copies):
        weight = np.clip(1.0 - np.abs(d - i), 0, 1)[..., None]
        out += weight * copy
    return out


def develop(
    rng: np.random.Generator, rgb: FloatArray, depth: FloatArray, camera: Camera
) -> Image.Image:
    """Turn a clean scene (H, W, 3 in 0..1) into a photo-like RGB image."""
    h, w = depth.shape
    img = _depth_of_field(rgb.astype(np.float32), depth, camera.blur)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    r2 = ((xx - w / 2) / (w / 2)) ** 2 + ((yy - h / 2) / (h / 2)) ** 2
    img = img * (1.0 - camera.vignette * 0.5 * r2)[..., None]
    img = img * np.array(camera.white_balance, dtype=np.float32) * camera.exposure
    # sensor noise: brighter pixels noisier in absolute terms; chroma noise is blotchier
    lum_noise = rng.standard_normal((h, w)).astype(np.float32)
    sigma = camera.noise * np.sqrt(np.clip(img.mean(axis=-1), 0.02, 1.0) / 0.5)
    img = img + (lum_noise * sigma)[..., None]
    for c in range(3):
        img[..., c] += (
            camera.noise
            * 0.5
            * ndimage.gaussian_filter(rng.standard_normal((h, w)).astype(np.float32), 1.2)
        )
    # gentle filmic shoulder, so highlights roll off instead of clipping flat
    img = np.clip(img, 0, None)
    knee = 0.82
    img = np.where(img < knee, img, knee + (1 - knee) * (1 - np.exp(-(img - knee) / (1 - knee))))
    out = Image.fromarray((np.clip(img, 0, 1) * 255 + 0.5).astype(np.uint8), "RGB")
    if camera.sharpen > 0:
        out = out.filter(ImageFilter.UnsharpMask(radius=1.6, percent=camera.sharpen, threshold=2))
    return out
