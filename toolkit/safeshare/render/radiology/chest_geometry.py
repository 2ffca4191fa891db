"""Drawing space for the synthetic chest film: normalised coordinates, curves, bone profiles.

u runs across the film from -1 (image left) to 1 (image right); v runs down the
patient from 0 (the shoulders) to about 1 (the upper abdomen), below an empty
band at the top of the film. Every part of the chest is placed in these units so
it scales with the image size.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw
from scipy import ndimage

from safeshare.render.radiology.filters import blur

__all__ = ["Canvas", "Point", "cortical", "lowres_distance", "mirror", "smooth_curve", "soften"]

Point = tuple[float, float]


class Canvas:
    """Normalised coordinates (u across -1..1, v down 0..1) over a pixel grid."""

    def __init__(self, width: int, height: int, top: float = 0.0) -> None:
        self.w, self.h = width, height
        self.top = top
        """Fraction of the height left empty above the patient (v = 0 starts below it)."""
        self.yy, self.xx = np.mgrid[0:height, 0:width].astype(np.float32)
        self.u = self.xx / width * 2 - 1
        self.v = (self.yy / height - top) / (1 - top)

    def px(self, u: float, v: float) -> Point:
        return ((u + 1) / 2 * self.w, (self.top + v * (1 - self.top)) * self.h)

    def layer(self) -> tuple[Image.Image, ImageDraw.ImageDraw]:
        im = Image.new("F", (self.w, self.h), 0.0)
        return im, ImageDraw.Draw(im)

    @staticmethod
    def array(im: Image.Image) -> np.ndarray:
        return np.asarray(im, dtype=np.float32).copy()

    def polygon(self, points: list[Point], value: float = 1.0) -> np.ndarray:
        im, d = self.layer()
        d.polygon([self.px(u, v) for u, v in points], fill=value)
        return self.array(im)

    def polyline(self, points: list[Point], width_px: float, value: float = 1.0) -> np.ndarray:
        im, d = self.layer()
        self.draw_line(d, points, width_px, value)
        return self.array(im)

    def draw_line(
        self, d: ImageDraw.ImageDraw, points: list[Point], width_px: float, value: float = 1.0
    ) -> None:
        d.line(
            [self.px(u, v) for u, v in points],
            fill=value,
            width=max(1, round(width_px)),
            joint="curve",
        )
        # Round caps so thick bones do not end square.
        r = width_px / 2
        for u, v in (points[0], points[-1]):
            x, y = self.px(u, v)
            d.ellipse((x - r, y - r, x + r, y + r), fill=value)

    def ellipse(self, u: float, v: float, ru: float, rv: float) -> np.ndarray:
        """Squared normalised radius of an ellipse (ru across, rv down): < 1 inside."""
        cx, cy = self.px(u, v)
        rx, ry = ru * self.w / 2, rv * self.h * (1 - self.top)
        out: np.ndarray = ((self.xx - cx) / rx) ** 2 + ((self.yy - cy) / ry) ** 2
        return out


def soften(a: np.ndarray, sigma: float) -> np.ndarray:
    """Gaussian blur cut at 2.5 sigma: the far tails add nothing visible and cost time."""
    if sigma > 6:
        return blur(a, sigma)
    out: np.ndarray = ndimage.gaussian_filter(
        a.astype(np.float32, copy=False), sigma, truncate=2.5
    ).astype(np.float32, copy=False)
    return out


def smooth_curve(points: list[Point], n: int = 80) -> list[Point]:
    """A Catmull-Rom curve through the points."""
    pts = [points[0], *points, points[-1]]
    out: list[Point] = []
    per = max(2, n // (len(pts) - 3))
    for i in range(1, len(pts) - 2):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        for k in range(per):
            t = k / per
            t2, t3 = t * t, t * t * t
            uv = [
                0.5
                * (
                    (2 * p1[j])
                    + (-p0[j] + p2[j]) * t
                    + (2 * p0[j] - 5 * p1[j] + 4 * p2[j] - p3[j]) * t2
                    + (-p0[j] + 3 * p1[j] - 3 * p2[j] + p3[j]) * t3
                )
                for j in range(2)
            ]
            out.append((uv[0], uv[1]))
    out.append(points[-1])
    return out


def mirror(points: list[Point], side: float) -> list[Point]:
    return [(u * side, v) for u, v in points]


def cortical(mask: np.ndarray, cortex_px: float) -> np.ndarray:
    """A tubular bone seen end-on: bright cortical margins, a paler marrow cavity.

    The beam crosses more cortex at the edges of a tube than through its middle,
    so a rib or clavicle shows two bright lines with a greyer band between them.
    """
    inside = soften(mask, cortex_px)
    depth = np.clip(2 * inside - 1, 0, 1)
    out: np.ndarray = mask * (1 - 0.6 * depth**0.6)
    return out


def lowres_distance(mask: np.ndarray, step: int = 4) -> np.ndarray:
    """Distance (pixels) from inside a mask to its edge, computed on a reduced grid."""
    small = mask[::step, ::step] > 0.5
    d = ndimage.distance_transform_edt(small).astype(np.float32) * step
    h, w = mask.shape
    big = ndimage.zoom(d, (h / d.shape[0], w / d.shape[1]), order=1, grid_mode=True, mode="nearest")
    out = np.zeros((h, w), dtype=np.float32)
    out[: big.shape[0], : big.shape[1]] = big[:h, :w]
    return out
