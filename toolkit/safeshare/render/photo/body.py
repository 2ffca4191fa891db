"""Body parts as a height field: limbs, fingers and toes built from tapered capsules.

A forearm is a long capsule, a hand a palm and five fingers, a foot a sole and
toes. Each capsule gives a rounded height above the surface it lies on; the
scene's shape is the (smooth) maximum of them. Height gives the silhouette, the
shading and the cast shadow, so all three agree.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from safeshare.render.photo.noise import FloatArray

__all__ = ["Capsule", "Shape", "body_shape", "lambert_shading"]


@dataclass(frozen=True, slots=True)
class Capsule:
    """A tapered cylinder with round ends: from (x0, y0) radius r0 to (x1, y1) radius r1."""

    x0: float
    y0: float
    r0: float
    x1: float
    y1: float
    r1: float
    flat: float = 0.75
    """Height over half-width: below 1 a flattened limb, 1 a round finger."""


@dataclass(frozen=True, slots=True)
class Shape:
    """The body part in the picture."""

    height: FloatArray
    """(H, W) height above the surface, in pixels."""
    mask: FloatArray
    """(H, W) coverage 0..1 with anti-aliased edges."""
    across: FloatArray
    """(H, W) -1..1 position across the nearest capsule (for wrapping textures)."""

    def normals(self) -> FloatArray:
        """(H, W, 3) unit normals from the height field."""
        gy, gx = np.gradient(self.height)
        gx = np.clip(gx, -6, 6)
        gy = np.clip(gy, -6, 6)
        n = np.stack([-gx, -gy, np.ones_like(gx)], axis=-1)
        out: FloatArray = n / np.linalg.norm(n, axis=-1, keepdims=True)
        return out.astype(np.float32)


def _smax(a: FloatArray, b: FloatArray, k: float) -> FloatArray:
    """Smooth maximum: webs between fingers instead of a crease."""
    h = np.clip(k - np.abs(a - b), 0.0, None) / k
    # blend only where both shapes are present: elsewhere plain max (no halo around a shape)
    both = np.clip(np.minimum(a, b) / k, 0.0, 1.0)
    out: FloatArray = np.maximum(a, b) + h * h * k * 0.25 * both
    return out


def body_shape(capsules: list[Capsule], shape: tuple[int, int], *, blend: float = 8.0) -> Shape:
    """The height field, coverage and across-coordinate of a set of capsules."""
    h, w = shape
    height = np.zeros(shape, dtype=np.float32)
    mask = np.zeros(shape, dtype=np.float32)
    across = np.zeros(shape, dtype=np.float32)
    best = np.zeros(shape, dtype=np.float32)
    for c in capsules:
        reach = max(c.r0, c.r1) + 3
        x0 = max(0, int(min(c.x0, c.x1) - reach))
        x1 = min(w, int(max(c.x0, c.x1) + reach) + 1)
        y0 = max(0, int(min(c.y0, c.y1) - reach))
        y1 = min(h, int(max(c.y0, c.y1) + reach) + 1)
        if x0 >= x1 or y0 >= y1:
            continue
        yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
        bx, by = c.x1 - c.x0, c.y1 - c.y0
        l2 = max(bx * bx + by * by, 1e-6)
        t = np.clip(((xx - c.x0) * bx + (yy - c.y0) * by) / l2, 0.0, 1.0)
        px = xx - (c.x0 + bx * t)
        py = yy - (c.y0 + by * t)
        d = np.hypot(px, py)
        r = c.r0 + (c.r1 - c.r0) * t
        hh = np.sqrt(np.clip(r * r - d * d, 0.0, None)) * c.flat
        cov = np.clip(r - d + 0.5, 0.0, 1.0)
        side = np.sign(px * -by + py * bx)
        acr = side * np.clip(d / np.maximum(r, 1e-3), 0, 1)
        win = (slice(y0, y1), slice(x0, x1))
        take = hh > best[win]
        across[win] = np.where(take, acr, across[win])
        best[win] = np.maximum(best[win], hh)
        height[win] = _smax(height[win], hh, blend) if blend > 0 else np.maximum(height[win], hh)
        mask[win] = np.maximum(mask[win], cov)
    height *= mask > 0
    return Shape(height=height, mask=mask, across=across)


def lambert_shading(
    normals: FloatArray,
    light: tuple[float, float, float],
    *,
    wrap: float = 0.35,
    ambient: float = 0.25,
) -> FloatArray:
    """Diffuse light with wrap-around (light scattered under the skin softens the terminator)."""
    lx, ly, lz = light
    norm = float(np.sqrt(lx * lx + ly * ly + lz * lz))
    ndotl = (normals[..., 0] * lx + normals[..., 1] * ly + normals[..., 2] * lz) / norm
    diffuse = np.clip((ndotl + wrap) / (1.0 + wrap), 0.0, 1.0)
    out: FloatArray = (ambient + (1.0 - ambient) * diffuse).astype(np.float32)
    return out
