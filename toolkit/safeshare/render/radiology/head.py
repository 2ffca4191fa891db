"""A CT volume rendering of a head, turned a little: a recognisable face.

Workstations render the skin surface of a head CT with a 'skin' preset: a
shaded, waxy surface on black, eyes closed, with faint stair-steps from the
slices. Here the skin is a cylindrical height map: each slice of the head is a
rounded section (cranium, face, jaw, neck) pushed out or in by smooth features
(brow ridges, orbits with closed lids, nose with alae and nostrils, nasolabial
folds, philtrum, lips, chin, cheekbones, ears with a helix). The surface is
turned by a slight yaw, drawn through a depth buffer and lit like a volume
renderer lights it. The proportions vary with the seed, so each variant is a
different face: which is the point, since a reconstruction is a full-face image.
"""

from __future__ import annotations

import math
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


def _g1(t: np.ndarray, c: float, r: float) -> np.ndarray:
    return np.asarray(np.exp(-(((t - c) / r) ** 2)), dtype=np.float32)


class _Skin:
    """Radial displacement over (phi, y), built from separable and curved bumps."""

    def __init__(self, phi: np.ndarray, y: np.ndarray) -> None:
        self.phi, self.y = phi, y
        self.d = np.zeros((y.size, phi.size), dtype=np.float32)
        self.P, self.Y = np.meshgrid(phi, y)

    def blob(self, amp: float, cp: float, cy: float, rp: float, ry: float) -> None:
        """A Gaussian bump (or dent, amp < 0) at azimuth cp, height cy."""
        rows, cols = self.window(cp, cy, 3 * rp, 3 * ry)
        self.d[rows, cols] += amp * np.outer(_g1(self.y[rows], cy, ry), _g1(self.phi[cols], cp, rp))

    def window(self, cp: float, cy: float, hp: float, hy: float) -> tuple[slice, slice]:
        """Rows and columns of a rectangle around (cp, cy), for local curved features."""
        r0, r1 = np.searchsorted(self.y, [cy - hy, cy + hy])
        c0, c1 = np.searchsorted(self.phi, [cp - hp, cp + hp])
        return slice(int(r0), int(r1)), slice(int(c0), int(c1))

    def line(
        self,
        amp: float,
        cp: float,
        cy: float,
        half: float,
        bend: float,
        width: float,
        slope: float = 0.0,
        sharp: float = 6.0,
    ) -> None:
        """A ridge or groove along y = cy + slope*dp + bend*dp^2, fading past |dp| > half."""
        reach = half * 1.3 * 6.0 ** (1 / sharp)
        rows, cols = self.window(
            cp, cy, reach, abs(bend) * reach * reach + abs(slope) * reach + 0.1
        )
        dp = self.P[rows, cols] - cp
        dy = self.Y[rows, cols] - (cy + slope * dp + bend * dp * dp)
        fade = np.exp(-(np.abs(dp / half) ** sharp))
        self.d[rows, cols] += amp * np.exp(-((dy / width) ** 2)) * fade


def _profile(y: np.ndarray, r: random.Random) -> tuple[np.ndarray, ...]:
    """Half-width, front and back depth and squareness of each horizontal section."""
    w = r.uniform(0.92, 1.06)
    jaw = r.uniform(0.9, 1.08)
    ys = np.array([-0.93, -0.9, -0.84, -0.7, -0.5, -0.3, -0.12, 0.05, 0.2, 0.32, 0.42, 0.5])
    ys = np.concatenate([ys, [0.56, 0.62, 0.7, 1.2]])
    half = np.array([0.0, 0.2, 0.36, 0.5, 0.57, 0.585, 0.575, 0.55, 0.5, 0.45, 0.36, 0.27])
    half = np.concatenate([half * w, [0.29, 0.3, 0.32, 0.38]])
    half[8:12] *= jaw
    front = np.array([0.0, 0.25, 0.42, 0.56, 0.62, 0.63, 0.62, 0.6, 0.58, 0.56, 0.53, 0.5])
    front = np.concatenate([front, [0.34, 0.28, 0.27, 0.27]])
    back = np.array([0.0, 0.3, 0.55, 0.72, 0.8, 0.78, 0.7, 0.56, 0.42, 0.34, 0.3, 0.3])
    back = np.concatenate([back, [0.28, 0.28, 0.3, 0.3]])
    square = np.array([1, 1, 0.9, 0.82, 0.78, 0.76, 0.8, 0.9, 1.1, 1.25, 1.3, 1.3])
    square = np.concatenate([square, [1.0, 1.0, 1.0, 1.0]])
    sigma = 0.035 / float(y[1] - y[0])
    # The crown is a dome: each section shrinks like an ellipsoid above the forehead.
    cap = np.clip(1 - ((np.minimum(y, -0.55) + 0.55) / 0.4) ** 2, 0, 1) ** 0.5
    out = []
    for k, t in enumerate((half, front, back, square)):
        raw = np.interp(y, ys, t)
        if k < 3:
            raw = np.where(y < -0.55, np.interp(-0.55, ys, t) * cap, raw)
        smooth = ndimage.gaussian_filter1d(raw, sigma, mode="nearest")
        blend = np.clip((y + 0.72) / 0.2, 0, 1)
        smooth = raw * (1 - blend) + smooth * blend
        if k < 3:
            smooth = np.where(raw > 0, smooth, 0.0)
        out.append(smooth.astype(np.float32))
    return tuple(out)


def _features(s: _Skin, r: random.Random) -> dict[str, float]:
    """Push out and carve the face; returns where the landmarks ended up."""
    eye_x, eye_y = r.uniform(0.33, 0.38), r.uniform(-0.15, -0.11)
    nose_len = r.uniform(0.25, 0.3)
    nose_h = r.uniform(0.12, 0.16)
    tip_y = eye_y + nose_len
    mouth_y = tip_y + r.uniform(0.12, 0.16)
    chin_y = mouth_y + r.uniform(0.16, 0.2)
    lips = r.uniform(0.022, 0.04)
    # Forehead, brow ridges and temples.
    s.blob(0.02, 0.0, eye_y - 0.3, 0.5, 0.18)
    s.blob(0.022, 0.0, eye_y - 0.1, 0.12, 0.05)  # glabella
    for k in (-1, 1):
        s.blob(0.022, k * (eye_x + 0.02), eye_y - 0.1, 0.2, 0.06)  # brow ridge
        s.blob(-0.03, k * 0.82, eye_y - 0.1, 0.16, 0.12)  # temple
        # Orbit, the eyeball under the closed lid, the lid crease and the lash line.
        s.blob(-0.1, k * eye_x, eye_y, 0.22, 0.085)
        s.blob(0.062, k * eye_x, eye_y + 0.01, 0.16, 0.052)
        s.line(-0.007, k * eye_x, eye_y - 0.034, 0.15, 0.9, 0.01, 0.0, 4.0)
        s.line(-0.011, k * eye_x + k * 0.01, eye_y + 0.028, 0.16, -0.7, 0.006, k * 0.05, 4.0)
        s.blob(-0.012, k * (eye_x - 0.13), eye_y + 0.02, 0.04, 0.03)  # inner canthus
        # Cheekbones, the fat pad beside the fold, the hollow below.
        s.blob(0.04, k * (eye_x + 0.2), eye_y + 0.12, 0.2, 0.07)
        s.blob(0.022, k * 0.3, tip_y + 0.02, 0.12, 0.08)
        s.blob(-0.022, k * 0.62, mouth_y - 0.02, 0.16, 0.1)
        # Nasolabial fold from the ala to beside the mouth.
        s.line(-0.014, k * 0.2, tip_y + 0.02, 0.08, 0.0, 0.018, k * 0.0)
        rows, cols = s.window(k * 0.25, (tip_y + mouth_y) / 2 + 0.02, 0.3, 0.16)
        dp, dy = s.P[rows, cols] - k * 0.22, s.Y[rows, cols] - (tip_y - 0.01)
        dist = dp * k - (0.9 * dy + 0.6 * dy * dy)
        span = np.clip(dy / 0.08, 0, 1) ** 1.5 * np.clip(
            (mouth_y + 0.08 - s.Y[rows, cols]) / 0.08, 0, 1
        )
        fold = -0.01 * np.exp(-((dist / 0.05) ** 2)) + 0.008 * np.exp(
            -(((dist - 0.06) / 0.05) ** 2)
        )
        s.d[rows, cols] += fold * span * np.exp(-((dp / 0.16) ** 4))
    # Nose: bridge from the nasion widening to the tip, alae, nostrils.
    rows, cols = s.window(0.0, eye_y + nose_len / 2, 0.55, nose_len / 2 + 0.12)
    P, Y = s.P[rows, cols], s.Y[rows, cols]
    t = np.clip((Y - (eye_y - 0.04)) / (nose_len + 0.04), 0, 1)
    width = 0.05 + 0.1 * t**1.5
    under = np.clip((tip_y + 0.05 - Y) / 0.05, 0, 1)
    under = under * under * (3 - 2 * under)
    top = 0.12 * np.clip((Y - (eye_y - 0.1)) / 0.06, 0, 1)
    s.d[rows, cols] += nose_h * (top + 0.88 * t**1.1) * np.exp(-((P / width) ** 2)) * under
    s.blob(-0.012, 0.0, eye_y - 0.02, 0.06, 0.03)  # nasion
    s.blob(nose_h * 0.25, 0.0, tip_y - 0.005, 0.07, 0.035)  # tip
    for k in (-1, 1):
        s.blob(nose_h * 0.42, k * 0.115, tip_y + 0.012, 0.065, 0.03)  # ala
        s.line(-0.012, k * 0.12, tip_y + 0.002, 0.06, 2.0, 0.008, -k * 0.15)  # alar crease
        s.blob(-0.03, k * 0.05, tip_y + 0.037, 0.025, 0.009)  # nostril
    # Philtrum, lips with a cupid's bow, the line between them, mentolabial fold, chin.
    sub_y = tip_y + 0.05
    for k in (-1, 1):
        s.blob(0.004, k * 0.035, (sub_y + mouth_y) / 2, 0.02, 0.035)
    s.blob(0.012, 0.0, (sub_y + mouth_y) / 2, 0.25, 0.04)
    s.blob(0.035, 0.0, mouth_y - 0.02, 0.38, 0.11)  # the muzzle over the teeth
    s.line(lips, 0.0, mouth_y - 0.016, 0.22, 0.25, 0.014, 0.0, 2.5)
    s.line(lips * 0.4, 0.0, mouth_y - 0.03, 0.17, 0.2, 0.006, 0.0, 2.5)  # vermilion border
    s.blob(-lips * 0.3, 0.0, mouth_y - 0.032, 0.025, 0.008)  # cupid's bow
    s.line(-0.016, 0.0, mouth_y, 0.25, 0.3, 0.005, 0.0, 4.0)
    s.line(lips * 1.15, 0.0, mouth_y + 0.024, 0.19, 0.1, 0.02, 0.0, 2.5)
    s.line(-0.018, 0.0, mouth_y + 0.07, 0.16, -0.5, 0.02)
    s.blob(0.035, 0.0, chin_y - 0.07, 0.17, 0.05)
    for k in (-1, 1):
        s.blob(-0.01, k * 0.29, mouth_y + 0.005, 0.03, 0.015)  # mouth corner
    return {"eye_y": eye_y, "chin_y": chin_y, "tip_y": tip_y}


def _ear(s: _Skin, k: int, cy: float, r: random.Random) -> None:
    """An ear on side k: a raised shell with the helix rim, scapha, concha, tragus and lobe."""
    cp, hp, hy = k * (math.pi / 2 + 0.04), r.uniform(0.17, 0.21), r.uniform(0.15, 0.18)
    rows, cols = s.window(cp, cy, hp * 1.5, hy * 1.5)
    dp = (s.P[rows, cols] - cp) * k  # positive toward the back of the head
    dy = s.Y[rows, cols] - cy
    # The outline: wider at the top, narrowing to the lobe.
    rad = np.sqrt((dp / (hp * (1 - 0.25 * np.clip(dy / hy, 0, 1)))) ** 2 + (dy / hy) ** 2)
    shell = np.clip((1 - rad) / 0.25, 0, 1) ** 0.6
    rim = np.exp(-(((rad - 0.86) / 0.07) ** 2)) * (dp > -0.3 * hp)
    scapha = np.exp(-(((rad - 0.68) / 0.08) ** 2)) * (dp > -0.2 * hp)
    concha = np.exp(-(((dp + 0.05 * hp) / (0.32 * hp)) ** 2) - ((dy - 0.05 * hy) / (0.3 * hy)) ** 2)
    tragus = np.exp(-(((dp + 0.55 * hp) / (0.12 * hp)) ** 2) - ((dy - 0.1 * hy) / (0.12 * hy)) ** 2)
    lobe = np.exp(-((dp / (0.4 * hp)) ** 2) - ((dy - 0.8 * hy) / (0.2 * hy)) ** 2)
    ear = shell * (0.07 + 0.03 * rim - 0.025 * scapha - 0.05 * concha) + 0.03 * tragus
    s.d[rows, cols] += ndimage.gaussian_filter((ear + 0.01 * lobe).astype(np.float32), 2.0)


def head_render(size: int, rng: random.Random, nrng: np.random.Generator) -> HeadRender:
    """Render a skin-surface view of a head CT, turned slightly, `size` pixels square."""
    r = rng
    span = 1.1
    y = ((np.arange(size, dtype=np.float32) + 0.5) / size * 2 - 1) * span + 0.02
    phi = np.linspace(-2.1, 2.1, size * 2, dtype=np.float32)
    half, front, back, square = _profile(y, r)
    skin = _Skin(phi, y)
    marks = _features(skin, r)
    for k in (-1, 1):
        _ear(skin, k, marks["eye_y"] + 0.13, r)
    # CT noise on the surface and the slice stair-steps.
    slice_y = 2 * span / r.uniform(130, 170)
    steps = (np.mod(y, slice_y) / slice_y - 0.5).astype(np.float32)
    skin.d += 0.0005 * steps[:, None]
    noise = nrng.standard_normal((size, phi.size)).astype(np.float32)
    skin.d += 0.0012 * ndimage.gaussian_filter(noise, (1.2, 3.0))

    # The section of each slice (a superellipse) pushed along its outward normal.
    S, C = np.sin(phi)[None, :], np.cos(phi)[None, :]
    p = square[:, None]
    depth = np.where(C > 0, front[:, None], back[:, None])
    bx = half[:, None] * S * (S * S + 0.02) ** ((p - 1) / 2)
    bz = depth * C * (C * C + 0.02) ** ((p - 1) / 2)
    nx, nz = S / np.maximum(half[:, None], 0.05), C / np.maximum(depth, 0.05)
    nn = np.sqrt(nx * nx + nz * nz)
    inside = half[:, None] > 0.01
    X = bx + skin.d * nx / nn
    Z = bz + skin.d * nz / nn
    Yg = np.broadcast_to(y[:, None], X.shape)

    # Surface normals from the parametrisation, then the yaw of the head.
    dXp, dXy = np.gradient(X, axis=1), np.gradient(X, axis=0)
    dZp, dZy = np.gradient(Z, axis=1), np.gradient(Z, axis=0)
    dy = float(y[1] - y[0])
    # n = dP/dphi x dP/dy, with dP/dy = (dXy, dy, dZy) and dP/dphi = (dXp, 0, dZp).
    n = -np.stack([dy * dZp, dZy * dXp - dXy * dZp, -dy * dXp], axis=-1)
    n /= np.linalg.norm(n, axis=-1, keepdims=True) + 1e-9
    yaw = math.radians(r.choice([-1, 1]) * r.uniform(16, 28))
    cy_, sy_ = math.cos(yaw), math.sin(yaw)
    Xr = X * cy_ + Z * sy_
    Zr = -X * sy_ + Z * cy_
    nr = np.stack(
        [n[..., 0] * cy_ + n[..., 2] * sy_, n[..., 1], -n[..., 0] * sy_ + n[..., 2] * cy_]
    )

    # Lighting: a head light slightly above and beside the viewer, Blinn-Phong.
    light = np.array([r.uniform(-0.5, 0.3), r.uniform(-0.6, -0.3), 1.0], dtype=np.float32)
    light /= np.linalg.norm(light)
    halfway = light + np.array([0, 0, 1.0], dtype=np.float32)
    halfway /= np.linalg.norm(halfway)
    diffuse = np.clip(np.tensordot(light, nr, axes=1), 0, 1)
    specular = np.clip(np.tensordot(halfway, nr, axes=1), 0, 1) ** 24
    # Light falls off with depth, as in a volume renderer's depth cueing.
    cue = 0.78 + 0.22 * np.clip((Zr + 0.7) / 1.4, 0, 1)
    shade = (0.07 + 0.9 * diffuse) * cue

    # Depth buffer: the nearest sample wins each pixel.
    col = np.round((Xr / span + 1) / 2 * size - 0.5).astype(np.int64)
    row = np.broadcast_to(np.arange(size)[:, None], X.shape)
    ok = inside & (col >= 0) & (col < size) & (Yg < 0.92) & (nr[2] > -0.1)
    idx = (row * size + col)[ok]
    order = np.argsort(Zr[ok], kind="stable")
    shade_img = np.zeros(size * size, dtype=np.float32)
    spec_img = np.zeros(size * size, dtype=np.float32)
    face_img = np.zeros(size * size, dtype=np.float32)
    hit = np.zeros(size * size, dtype=np.float32)
    face_pts = (np.abs(skin.P) < 1.05) & (Yg > marks["eye_y"] - 0.2) & (Yg < marks["chin_y"] + 0.03)
    shade_img[idx[order]] = shade[ok][order]
    spec_img[idx[order]] = specular[ok][order]
    face_img[idx[order]] = face_pts[ok][order]
    hit[idx] = 1.0
    shape = (size, size)
    shade_2d, spec_2d, hit_2d = (
        shade_img.reshape(shape),
        spec_img.reshape(shape),
        hit.reshape(shape),
    )
    # Fill the odd pixel the samples missed.
    holes = (hit_2d == 0) & ndimage.binary_closing(hit_2d > 0, np.ones((5, 5), bool))
    shade_2d = np.where(holes, ndimage.maximum_filter(shade_2d, 5), shade_2d)
    spec_2d = np.where(holes, ndimage.maximum_filter(spec_2d, 5), spec_2d)
    mask = np.maximum(hit_2d, holes.astype(np.float32))

    dark = np.array([0.22, 0.08, 0.05], dtype=np.float32)
    tint = r.uniform(-0.05, 0.05)
    mid = np.array([0.84, 0.56 + tint, 0.4 + tint * 1.5], dtype=np.float32)
    light_c = np.array([1.0, 0.88, 0.74], dtype=np.float32)
    s3 = ndimage.gaussian_filter(ndimage.median_filter(shade_2d, 3), 0.6)[..., None]
    colour = np.where(
        s3 < 0.6, dark + (mid - dark) * (s3 / 0.6), mid + (light_c - mid) * ((s3 - 0.6) / 0.4)
    )
    colour = colour + 0.28 * ndimage.gaussian_filter(spec_2d, 0.6)[..., None]
    # The cut through the neck shows as a flat, darker face.
    last = np.nonzero(mask.any(axis=1))[0]
    if last.size:
        cut_row = int(last.max())
        colour[max(0, cut_row - 3) : cut_row + 1] *= 0.5
    alpha = ndimage.gaussian_filter(mask, 0.7)[..., None]
    image = np.clip(colour * alpha, 0, 1).astype(np.float32)
    # The head is rarely quite straight on the table.
    tilt = r.uniform(-4.0, 4.0)
    image = np.clip(
        ndimage.rotate(image, tilt, axes=(1, 0), reshape=False, order=1, mode="constant"), 0, 1
    )
    face = ndimage.rotate(face_img.reshape(shape), tilt, axes=(1, 0), reshape=False, order=0)
    rows_, cols_ = np.nonzero(face > 0.5)
    x0, y0 = int(cols_.min()), int(rows_.min())
    x1, y1 = min(size, int(cols_.max()) + 1), min(size, int(rows_.max()) + 1)
    return HeadRender(image.astype(np.float32), (x0, y0, x1 - x0, y1 - y0))
