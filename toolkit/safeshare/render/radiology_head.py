"""A CT volume rendering of a head, seen from the front: a recognisable face.

Workstations render the skin surface of a head CT with a 'skin' preset: a
shaded, waxy surface on black, eyes closed, with faint stair-steps from the
slices. Here the surface is a height field (an ellipsoid skull with brow,
eye sockets and closed lids, nose, cheeks, lips, chin, ears and neck), lit
like a volume renderer lights it. The proportions vary with the seed, so each
variant is a different face: which is the point, since a reconstruction is a
full-face image.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np
from scipy import ndimage

__all__ = ["HeadRender", "head_render"]


@dataclass(slots=True)
class HeadRender:
    """The rendered RGB image (0..1) and the box of the face, in pixels."""

    image: np.ndarray
    face_box: tuple[int, int, int, int]


def _g(x: np.ndarray, y: np.ndarray, cx: float, cy: float, rx: float, ry: float) -> np.ndarray:
    return np.asarray(np.exp(-(((x - cx) / rx) ** 2) - ((y - cy) / ry) ** 2), dtype=np.float32)


def head_render(size: int, rng: random.Random, nrng: np.random.Generator) -> HeadRender:
    """Render a frontal skin-surface view of a head CT, `size` pixels square."""
    r = rng
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    x = (xx / size * 2 - 1) * 1.1
    y = (yy / size * 2 - 1) * 1.1 + 0.05
    # Proportions of this face.
    width = r.uniform(0.54, 0.66)
    jaw = r.uniform(0.36, 0.5)
    eye_x, eye_y = r.uniform(0.18, 0.22), r.uniform(-0.1, -0.05)
    nose_len = r.uniform(0.22, 0.3)
    nose_h = r.uniform(0.12, 0.22)
    mouth_y = eye_y + nose_len + r.uniform(0.17, 0.22)
    chin_y = mouth_y + r.uniform(0.22, 0.28)
    lips = r.uniform(0.025, 0.06)

    def ellipsoid(cy: float, a: float, b: float, c: float, cx: float = 0.0) -> np.ndarray:
        inside = 1 - ((x - cx) / a) ** 2 - ((y - cy) / b) ** 2
        return np.where(inside > 0, c * np.sqrt(np.clip(inside, 0, 1)), -1.0).astype(np.float32)

    def smooth_max(p: np.ndarray, q: np.ndarray, k: float = 25.0) -> np.ndarray:
        m = np.maximum(p, q)
        return np.asarray(
            m + np.log(np.exp(k * (p - m)) + np.exp(k * (q - m))) / k, dtype=np.float32
        )

    # Head: a cranium, a lower face and jaw, a chin and the neck, blended smoothly.
    cranium = ellipsoid(-0.22, width, 0.74, 0.6)
    lower = ellipsoid(mouth_y - 0.12, jaw + 0.06, chin_y - mouth_y + 0.35, 0.52)
    chin = ellipsoid(chin_y - 0.12, 0.17, 0.14, 0.5)
    neck_w = jaw * 0.78
    neck = np.where(
        (np.abs(x) < neck_w) & (y > chin_y - 0.3) & (y < 0.99),
        0.3 * np.sqrt(np.clip(1 - (x / neck_w) ** 2, 0, 1)),
        -1.0,
    ).astype(np.float32)
    z = smooth_max(smooth_max(cranium, lower), chin)
    z = np.maximum(z, neck)
    mask = z > 0.0
    z = np.clip(z, 0, None)

    # Features: brow, eyes under closed lids, cheekbones, nose, lips, chin.
    z += 0.05 * _g(x, y, 0, eye_y - 0.11, 0.4, 0.05)  # brow ridge
    z -= 0.02 * _g(x, y, 0, eye_y - 0.06, 0.05, 0.04)  # glabella dip at the bridge
    for s in (-1, 1):
        ex = s * eye_x
        z -= 0.13 * _g(x, y, ex, eye_y, 0.115, 0.075)  # eye socket
        z += 0.075 * _g(x, y, ex, eye_y + 0.012, 0.075, 0.05)  # eyeball under the closed lid
        crease = eye_y + 0.022 + 0.9 * (x - ex) ** 2
        z -= (
            0.012 * np.exp(-(((y - crease) / 0.005) ** 2)) * _g(x, y, ex, eye_y, 0.065, 1.0)
        )  # lid line
        z += 0.04 * _g(x, y, s * (eye_x + 0.1), eye_y + 0.14, 0.12, 0.07)  # cheekbone
        z -= 0.02 * _g(x, y, s * (eye_x + 0.12), eye_y + 0.3, 0.08, 0.1)  # hollow of the cheek
    # Nose: a narrow bridge widening to a rounded tip and two alae.
    tip_y = eye_y + nose_len
    t = np.clip((y - (eye_y - 0.04)) / (nose_len + 0.02), 0, 1)
    ridge_w = 0.03 + 0.035 * t
    bridge = (
        nose_h
        * 0.75
        * t**1.3
        * np.exp(-((x / ridge_w) ** 2))
        * (y < tip_y + 0.01)
        * (y > eye_y - 0.06)
    )
    z += ndimage.gaussian_filter(bridge.astype(np.float32), 2.5)
    z += nose_h * 0.5 * _g(x, y, 0, tip_y - 0.005, 0.06, 0.05)  # tip
    for s in (-1, 1):
        z += nose_h * 0.35 * _g(x, y, s * 0.06, tip_y + 0.01, 0.04, 0.03)  # ala
        z -= 0.03 * _g(x, y, s * 0.035, tip_y + 0.045, 0.018, 0.01)  # nostril
        fold = (s * x - 0.095) - 0.35 * (y - tip_y) + 0.8 * (y - tip_y) ** 2
        span = np.clip((y - tip_y + 0.01) / 0.04, 0, 1) * np.clip((mouth_y + 0.04 - y) / 0.05, 0, 1)
        z -= 0.012 * np.exp(-((fold / 0.028) ** 2)) * span  # nasolabial fold
    # Lips: the upper lip with its bow, the line between the lips, the lower lip.
    lip_curve = mouth_y + 0.025 * (x / 0.12) ** 2
    z += lips * np.exp(-(((y - (lip_curve - 0.028)) / 0.024) ** 2)) * np.exp(-((x / 0.12) ** 4))
    z -= 0.006 * _g(x, y, 0, mouth_y - 0.075, 0.015, 0.03)  # philtrum
    z -= 0.03 * np.exp(-(((y - lip_curve) / 0.007) ** 2)) * np.exp(-((x / 0.125) ** 6))
    z += (
        lips
        * 1.1
        * np.exp(-(((y - (lip_curve + 0.033)) / 0.028) ** 2))
        * np.exp(-((x / 0.11) ** 4))
    )
    z -= 0.025 * _g(x, y, 0, mouth_y + 0.095, 0.09, 0.022)  # mentolabial fold
    z += 0.04 * _g(x, y, 0, chin_y - 0.1, 0.12, 0.07)  # chin
    # Ears stand out beside the head.
    for s in (-1, 1):
        ear = ((x - s * (width + 0.025)) / 0.06) ** 2 + ((y - (eye_y + 0.12)) / 0.16) ** 2 < 1
        ear &= ~mask
        z = np.where(ear, 0.12 + 0.04 * _g(x, y, s * (width + 0.03), eye_y + 0.12, 0.04, 0.1), z)
        mask |= ear

    # CT noise on the surface and the slice stair-steps.
    z = z + 0.0015 * ndimage.gaussian_filter(nrng.standard_normal(z.shape).astype(np.float32), 1.5)
    slice_px = size / 160
    z = z + 0.0005 * np.sin(yy / slice_px * 2 * np.pi)
    z = ndimage.gaussian_filter(np.where(mask, z, 0.0).astype(np.float32), 1.0)

    # Lighting: a head light slightly above and left of the viewer, Blinn-Phong.
    scale = size / 2.2
    gy, gx = np.gradient(z * scale)
    normal = np.stack([-gx, -gy, np.ones_like(z)], axis=-1)
    normal /= np.linalg.norm(normal, axis=-1, keepdims=True)
    light = np.array([r.uniform(-0.6, 0.2), r.uniform(-0.6, -0.3), 1.0], dtype=np.float32)
    light /= np.linalg.norm(light)
    halfway = light + np.array([0, 0, 1.0], dtype=np.float32)
    halfway /= np.linalg.norm(halfway)
    diffuse = np.clip(normal @ light, 0, 1)
    specular = np.clip(normal @ halfway, 0, 1) ** 28
    shade = 0.06 + 0.9 * diffuse
    dark = np.array([0.26, 0.1, 0.06], dtype=np.float32)
    # Presets differ from one workstation to the next: a warmer or a paler skin.
    tint = r.uniform(-0.06, 0.06)
    mid = np.array([0.82, 0.55 + tint, 0.42 + tint * 1.5], dtype=np.float32)
    light_c = np.array([1.0, 0.88, 0.76], dtype=np.float32)
    s3 = shade[..., None]
    colour = np.where(
        s3 < 0.6, dark + (mid - dark) * (s3 / 0.6), mid + (light_c - mid) * ((s3 - 0.6) / 0.4)
    )
    colour = colour + 0.35 * specular[..., None]
    # The cut through the neck shows as a flat, darker face.
    cut = (yy / size * 2 - 1) * 1.1 + 0.05 > 0.99
    colour[cut & mask] *= 0.45
    alpha = ndimage.gaussian_filter(mask.astype(np.float32), 1.0)[..., None]
    image = np.clip(colour * alpha, 0, 1).astype(np.float32)
    # The head is rarely quite straight on the table.
    tilt = r.uniform(-5.0, 5.0)
    image = np.clip(
        ndimage.rotate(image, tilt, axes=(1, 0), reshape=False, order=1, mode="constant"), 0, 1
    )

    def px(u: float, v: float) -> tuple[int, int]:
        return (int((u / 1.1 + 1) / 2 * size), int(((v - 0.05) / 1.1 + 1) / 2 * size))

    # The face's box, turned with the head (scipy's rotate turns the picture anticlockwise).
    c0, r0 = px(-width * 0.95, eye_y - 0.22)
    c1, r1 = px(width * 0.95, chin_y + 0.04)
    t = np.radians(tilt)
    centre = (size - 1) / 2
    xs, ys = [], []
    for cx, cy in ((c0, r0), (c1, r0), (c0, r1), (c1, r1)):
        dx, dy = cx - centre, cy - centre
        xs.append(centre + dx * np.cos(t) + dy * np.sin(t))
        ys.append(centre - dx * np.sin(t) + dy * np.cos(t))
    x0, y0 = max(0, int(min(xs))), max(0, int(min(ys)))
    x1, y1 = min(size, int(max(xs)) + 1), min(size, int(max(ys)) + 1)
    return HeadRender(image.astype(np.float32), (x0, y0, x1 - x0, y1 - y0))
