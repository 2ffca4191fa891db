"""Gaussian blur for big radiographs: wide kernels run on a reduced grid.

A radiograph is built from many soft shapes; blurring a 1.6-megapixel image
with a 25-pixel kernel at full size costs far more than the look needs.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage

__all__ = ["blur"]


def blur(a: np.ndarray, sigma: float) -> np.ndarray:
    """Gaussian blur (float32); above sigma 6 it works on a grid reduced by about sigma / 3."""
    if sigma <= 6:
        return np.asarray(
            ndimage.gaussian_filter(a.astype(np.float32, copy=False), sigma), dtype=np.float32
        )
    k = int(sigma // 3)
    h, w = a.shape
    small = a[: h - h % k, : w - w % k].reshape(h // k, k, w // k, k).mean(axis=(1, 3))
    small = ndimage.gaussian_filter(small, sigma / k)
    big = ndimage.zoom(
        small, (h / small.shape[0], w / small.shape[1]), order=1, grid_mode=True, mode="nearest"
    )
    out = np.empty((h, w), dtype=np.float32)
    out[: big.shape[0], : big.shape[1]] = big[:h, :w]
    if big.shape[0] < h:
        out[big.shape[0] :, :] = out[big.shape[0] - 1 : big.shape[0], :]
    if big.shape[1] < w:
        out[:, big.shape[1] :] = out[:, big.shape[1] - 1 : big.shape[1]]
    return out
