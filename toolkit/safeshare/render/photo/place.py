"""Put a flat prop (a wristband label, a badge, a tattoo) into a photo, in perspective.

A prop is drawn flat, with its text boxes known exactly; a Placement maps it
into the scene (four corners, so perspective, and an optional bend around a
cylinder such as a wrist). The same mapping moves the text boxes, so the key's
boxes follow the text wherever the prop lands.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image
from scipy import ndimage

from safeshare.render.drawing import BoxTuple
from safeshare.render.perspective import homography
from safeshare.render.photo.noise import FloatArray

__all__ = ["Placement", "Point", "WarpedLayer", "rect_corners"]

Point = tuple[float, float]


def rect_corners(cx: float, cy: float, w: float, h: float, angle: float) -> tuple[Point, ...]:
    """Corners (top-left, top-right, bottom-right, bottom-left) of a rotated rectangle."""
    ca, sa = np.cos(angle), np.sin(angle)
    out = []
    for dx, dy in ((-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)):
        out.append((float(cx + dx * ca - dy * sa), float(cy + dx * sa + dy * ca)))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class WarpedLayer:
    """A prop mapped into scene pixels: colour, coverage and how squarely it faces the camera."""

    rgb: FloatArray
    """(H, W, 3) colour in 0..1 (meaningless where alpha is 0)."""
    alpha: FloatArray
    """(H, W) coverage 0..1."""
    facing: FloatArray
    """(H, W) 1 where the prop faces the camera, lower where it bends away."""
    region: tuple[slice, slice] = (slice(0, 0), slice(0, 0))
    """Rows and columns outside which alpha is 0 (so compositing can skip the rest)."""

    def over(self, base: FloatArray, *, shade: float = 0.0) -> FloatArray:
        """Composite over a scene array, darkening by `shade` where the prop turns away."""
        out: FloatArray = base.copy()
        r = self.region
        rgb = self.rgb[r] * (1.0 - shade * (1.0 - self.facing[r]))[..., None]
        a = self.alpha[r][..., None]
        out[r] = base[r] * (1.0 - a) + rgb * a
        return out


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a flat prop of `size` (w, h) lands: its corners in the scene, and a bend.

    `bend` (radians) wraps the prop's width around a cylinder whose axis runs
    along the prop's height: the middle faces the camera, the ends turn away
    and look compressed, as a wristband does around a wrist.
    """

    size: tuple[int, int]
    corners: tuple[Point, ...]
    bend: float = 0.0

    def _h(self) -> np.ndarray:
        w, h = self.size
        return homography([(0, 0), (w, 0), (w, h), (0, h)], list(self.corners))

    def _bend_x(self, x: np.ndarray) -> np.ndarray:
        if self.bend <= 1e-4:
            return x
        w = self.size[0]
        u = x / w * 2 - 1
        return np.asarray(w / 2 * (1 + np.sin(u * self.bend) / np.sin(self.bend)))

    def _unbend_x(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        w = self.size[0]
        if self.bend <= 1e-4:
            return x, np.ones_like(x)
        s = np.clip((x / (w / 2) - 1) * np.sin(self.bend), -1.0, 1.0)
        u = np.arcsin(s) / self.bend
        return (u + 1) * w / 2, np.cos(u * self.bend)

    def points(self, xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Scene positions of prop points."""
        bx = self._bend_x(np.asarray(xs, dtype=np.float64))
        m = self._h()
        d = m[2, 0] * bx + m[2, 1] * ys + m[2, 2]
        return (m[0, 0] * bx + m[0, 1] * ys + m[0, 2]) / d, (
            m[1, 0] * bx + m[1, 1] * ys + m[1, 2]
        ) / d

    def box(self, box: BoxTuple, scene: tuple[int, int]) -> BoxTuple | None:
        """The scene box holding a prop box after mapping, clipped (None if outside)."""
        x, y, w, h = box
        t = np.linspace(0.0, 1.0, 9)
        xs = np.concatenate([x + w * t, x + w * t, np.full(9, x), np.full(9, x + w)])
        ys = np.concatenate([np.full(9, y), np.full(9, y + h), y + h * t, y + h * t])
        px, py = self.points(xs, ys)
        sh, sw = scene
        x0 = max(0, int(np.floor(px.min())))
        y0 = max(0, int(np.floor(py.min())))
        x1 = min(sw, int(np.ceil(px.max())))
        y1 = min(sh, int(np.ceil(py.max())))
        if x1 - x0 < 2 or y1 - y0 < 2:
            return None
        return (x0, y0, x1 - x0, y1 - y0)

    def warp(self, prop: Image.Image, scene: tuple[int, int]) -> WarpedLayer:
        """Map an RGBA prop into an (H, W) scene."""
        sh, sw = scene
        rgba = prop.convert("RGBA")
        pw, ph = self.size
        if rgba.size != (pw, ph):
            raise ValueError(f"prop is {rgba.size}, placement expects {self.size}")
        # Shrink a large prop to about its projected size first, so thin strokes don't alias.
        cx = [c[0] for c in self.corners]
        cy = [c[1] for c in self.corners]
        span = max(np.hypot(cx[1] - cx[0], cy[1] - cy[0]), np.hypot(cx[2] - cx[3], cy[2] - cy[3]))
        factor = min(1.0, 1.25 * span / pw) if pw else 1.0
        if factor < 0.8:
            rgba = rgba.resize(
                (max(2, int(pw * factor)), max(2, int(ph * factor))), Image.Resampling.LANCZOS
            )
        data = np.asarray(rgba, dtype=np.float32) / 255.0
        sx, sy = data.shape[1] / pw, data.shape[0] / ph
        premult = data[..., :3] * data[..., 3:4]

        rgb = np.zeros((sh, sw, 3), dtype=np.float32)
        alpha = np.zeros((sh, sw), dtype=np.float32)
        facing = np.ones((sh, sw), dtype=np.float32)
        x0 = max(0, int(np.floor(min(cx))) - 2)
        x1 = min(sw, int(np.ceil(max(cx))) + 2)
        y0 = max(0, int(np.floor(min(cy))) - 2)
        y1 = min(sh, int(np.ceil(max(cy))) + 2)
        if x0 >= x1 or y0 >= y1:
            return WarpedLayer(rgb, alpha, facing)
        yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float64)
        inv = np.linalg.inv(self._h())
        X, Y = xx + 0.5, yy + 0.5
        d = inv[2, 0] * X + inv[2, 1] * Y + inv[2, 2]
        bx = (inv[0, 0] * X + inv[0, 1] * Y + inv[0, 2]) / d
        py = (inv[1, 0] * X + inv[1, 1] * Y + inv[1, 2]) / d
        px, face = self._unbend_x(bx)
        coords = [py * sy - 0.5, px * sx - 0.5]
        a = ndimage.map_coordinates(data[..., 3], coords, order=1, mode="constant", cval=0.0)
        inside = (bx >= -1) & (bx <= pw + 1)
        a = np.where(inside, a, 0.0)
        alpha[y0:y1, x0:x1] = a
        for c in range(3):
            pc = ndimage.map_coordinates(
                premult[..., c], coords, order=1, mode="constant", cval=0.0
            )
            rgb[y0:y1, x0:x1, c] = np.where(a > 1e-4, pc / np.maximum(a, 1e-4), 0.0)
        facing[y0:y1, x0:x1] = face
        region = (slice(y0, y1), slice(x0, x1))
        return WarpedLayer(np.clip(rgb, 0, 1), np.clip(alpha, 0, 1), facing, region)
