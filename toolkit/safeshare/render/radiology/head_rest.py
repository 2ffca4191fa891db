"""The CT headrest behind a rendered head: the curved cradle the skin preset also shows.

A head CT is taken lying on a plastic cradle; its density falls in the skin
window, so a volume rendering shows its rims either side of the head unless
the operator cuts it away. Here it is a trough of elliptical section behind the
head, ending below the crown, sampled as points for the renderer's depth buffer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = ["Cradle", "cradle"]


@dataclass(slots=True)
class Cradle:
    """Surface points of the cradle (head coordinates, flattened) and unit normals (3, N)."""

    x: np.ndarray
    y: np.ndarray
    z: np.ndarray
    normal: np.ndarray


def cradle(samples: int, y_top: float, y_bottom: float, half_width: float) -> Cradle:
    """A trough behind the head, `half_width` across, from `y_top` down to `y_bottom`."""
    theta = np.linspace(math.pi - 1.05, math.pi + 1.05, samples // 2, dtype=np.float32)
    ys = np.linspace(y_top, y_bottom, samples, dtype=np.float32)
    t, yy = np.meshgrid(theta, ys)
    ax, az = half_width, half_width * 0.85
    # The upper end is rounded off, as the moulded cradle is.
    lift = np.clip((yy - y_top) / 0.25, 0, 1) ** 0.5
    reach = 1.05 * lift
    keep = np.abs(t - math.pi) <= reach + 1e-6
    x = ax * np.sin(t)
    z = az * np.cos(t) - 0.06
    nx, nz = -np.sin(t) / ax, -np.cos(t) / az
    norm = np.sqrt(nx * nx + nz * nz)
    normal = np.stack([nx / norm, np.zeros_like(nx), nz / norm])
    return Cradle(x[keep], yy[keep], z[keep], normal[:, keep])
