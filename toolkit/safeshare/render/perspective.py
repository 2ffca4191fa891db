"""Perspective (projective) maps: how a flat rectangle lands in a photo taken at an angle.

Used wherever a renderer photographs something flat (a monitor, a whiteboard,
a wristband) and must carry the boxes of what it drew through the same warp.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

__all__ = ["Points", "apply_homography", "homography"]

Points = Sequence[tuple[float, float]]


def homography(src: Points, dst: Points) -> NDArray[np.float64]:
    """The 3x3 projective map taking the four `src` points to the four `dst` points."""
    rows = []
    rhs = []
    for (x, y), (u, v) in zip(src, dst, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs.extend([u, v])
    h = np.linalg.solve(np.array(rows, dtype=np.float64), np.array(rhs, dtype=np.float64))
    return np.append(h, 1.0).reshape(3, 3)


def apply_homography(h: NDArray[np.float64], points: Points) -> list[tuple[float, float]]:
    """Where each point lands under the map."""
    out = []
    for x, y in points:
        u, v, w = h @ np.array([x, y, 1.0])
        out.append((float(u / w), float(v / w)))
    return out
