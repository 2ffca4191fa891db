"""A CT volume rendering of a head, turned a little: a recognisable face.

Workstations render the skin surface of a head CT with a 'skin' preset: a
shaded, waxy surface on black, eyes closed, with faint stair-steps from the
slices. Here the skin is a cylindrical height map: each slice of the head is a
rounded section (cranium, face, jaw, neck) pushed out or in by smooth features
(brow ridges; orbits with a rounded globe under closed lids, a lid fold and a
lash line; a nose with nasal bones, alae, alar creases and nostrils; nasolabial
folds, philtrum, lips with a vermilion border, chin, jawline over the
submandibular hollow, sternocleidomastoids; ears with a helix), set out in the
usual facial thirds. The surface is turned about 20 degrees and seen from a
little below, drawn through a depth buffer with the CT headrest behind it, and
lit like a volume renderer lights it: head light, soft specular, occlusion in
the creases, faint surface noise and slice stair-steps. The proportions vary
with the seed, so each variant is a different face: which is the point, since a
reconstruction is a full-face image.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import numpy as np
from scipy import ndimage

from safeshare.render.radiology.head_rest import cradle

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
    half = np.concatenate([half * w, [0.34, 0.355, 0.38, 0.46]])
    half[8:12] *= jaw
    front = np.array([0.0, 0.25, 0.42, 0.56, 0.62, 0.63, 0.62, 0.6, 0.58, 0.56, 0.53, 0.5])
    front = np.concatenate([front, [0.38, 0.33, 0.32, 0.33]])
    back = np.array([0.0, 0.3, 0.55, 0.72, 0.8, 0.78, 0.7, 0.56, 0.42, 0.34, 0.3, 0.3])
    back = np.concatenate([back, [0.28, 0.28, 0.3, 0.3]])
    square = np.array([1, 1, 0.9, 0.82, 0.78, 0.76, 0.8, 0.9, 0.98, 1.02, 1.05, 1.05])
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


def _dome(s: _Skin, amp: float, cp: float, cy: float, rp: float, ry: float) -> None:
    """A rounded cap (an eyeball under its lid): flatter on top than a Gaussian."""
    rows, cols = s.window(cp, cy, rp * 1.2, ry * 1.2)
    rad2 = ((s.P[rows, cols] - cp) / rp) ** 2 + ((s.Y[rows, cols] - cy) / ry) ** 2
    s.d[rows, cols] += amp * np.clip(1 - rad2, 0, 1) ** 1.8


def _eye(s: _Skin, k: int, ex: float, ey: float, size: float) -> None:
    """A closed eye: orbit, eyeball under the lid, lid fold, lash line, lower lid, tear trough."""
    cp = k * ex
    s.blob(-0.07, cp, ey - 0.01, 0.28 * size, 0.11 * size)  # orbit
    s.blob(-0.03, cp - k * 0.06, ey - 0.045, 0.1, 0.04)  # deep under the brow, medially
    _dome(s, 0.075, cp, ey + 0.004, 0.24 * size, 0.1 * size)  # eyeball under the lids
    # Upper lid fold: a crease arching over the globe, with the lid bulging just below it.
    s.line(-0.011, cp + k * 0.01, ey - 0.04 * size, 0.15 * size, 1.1, 0.009, k * 0.04, 4.0)
    s.line(0.005, cp, ey - 0.012 * size, 0.14 * size, 0.6, 0.012, 0.0, 4.0)
    # The lash line where the lids meet, tilted up a little at the outer corner.
    s.line(-0.014, cp, ey + 0.016 * size, 0.16 * size, -0.55, 0.0055, -k * 0.06, 5.0)
    s.line(0.004, cp, ey + 0.008 * size, 0.14 * size, -0.5, 0.006, -k * 0.06, 5.0)
    s.line(0.004, cp, ey + 0.036 * size, 0.14 * size, -0.5, 0.012, -k * 0.04, 4.0)  # lower lid
    s.line(-0.008, cp, ey + 0.075 * size, 0.16, -0.3, 0.02, k * 0.15, 3.0)  # tear trough
    s.blob(-0.01, k * (ex - 0.16 * size), ey + 0.018, 0.025, 0.02)  # inner canthus
    s.blob(-0.006, k * (ex + 0.17 * size), ey + 0.01, 0.02, 0.02)  # outer canthus


def _features(s: _Skin, r: random.Random) -> dict[str, float]:
    """Push out and carve the face; returns where the landmarks ended up."""
    eye_x, eye_y = r.uniform(0.36, 0.4), r.uniform(-0.235, -0.2)
    eye_size = r.uniform(1.05, 1.15)
    nose_len = r.uniform(0.26, 0.3)
    nose_h = r.uniform(0.13, 0.16)
    tip_y = eye_y + nose_len
    sub_y = tip_y + 0.045
    mouth_y = sub_y + r.uniform(0.1, 0.12)
    chin_y = mouth_y + r.uniform(0.21, 0.24)
    lips = r.uniform(0.028, 0.038)
    # Forehead, brow ridges and temples.
    s.blob(0.02, 0.0, eye_y - 0.32, 0.5, 0.18)
    s.blob(0.018, 0.0, eye_y - 0.1, 0.12, 0.05)  # glabella
    s.line(-0.004, 0.0, eye_y - 0.36, 0.35, 0.0, 0.02, 0.0, 3.0)  # a faint forehead line
    for k in (-1, 1):
        s.blob(0.02, k * (eye_x + 0.02), eye_y - 0.1, 0.2, 0.05)  # brow ridge
        s.blob(-0.03, k * 0.82, eye_y - 0.12, 0.16, 0.12)  # temple
        _eye(s, k, eye_x, eye_y, eye_size)
        # Cheekbones, the hollow below them.
        s.blob(0.035, k * (eye_x + 0.22), eye_y + 0.12, 0.18, 0.06)
        s.blob(0.008, k * 0.3, tip_y + 0.0, 0.12, 0.08)
        s.blob(-0.03, k * 0.62, mouth_y - 0.04, 0.16, 0.12)
        # Nasolabial fold from the ala to beside the mouth.
        rows, cols = s.window(k * 0.25, (tip_y + mouth_y) / 2 + 0.03, 0.3, 0.2)
        dp, dy = s.P[rows, cols] - k * 0.21, s.Y[rows, cols] - (tip_y - 0.01)
        dist = dp * k - (1.0 * dy + 1.2 * dy * dy)
        span = np.clip(dy / 0.06, 0, 1) ** 1.2 * np.clip(
            (mouth_y + 0.1 - s.Y[rows, cols]) / 0.1, 0, 1
        )
        fold = -0.007 * np.exp(-((dist / 0.04) ** 2)) + 0.01 * np.exp(
            -(((dist - 0.05) / 0.05) ** 2)
        )
        s.d[rows, cols] += fold * span * np.exp(-((dp / 0.2) ** 4))
    # Nose: bridge from the nasion over the nasal bones to the tip, alae, nostrils.
    rows, cols = s.window(0.0, eye_y + nose_len / 2, 0.55, nose_len / 2 + 0.14)
    P, Y = s.P[rows, cols], s.Y[rows, cols]
    t = np.clip((Y - (eye_y - 0.06)) / (nose_len + 0.06), 0, 1)
    width = 0.055 + 0.085 * t**1.6
    under = np.clip((tip_y + 0.065 - Y) / 0.07, 0, 1)
    under = under * under * (3 - 2 * under)
    top = 0.1 * np.clip((Y - (eye_y - 0.12)) / 0.06, 0, 1)
    hump = 0.05 * np.exp(-(((t - 0.35) / 0.12) ** 2))  # the nasal bones
    prof = nose_h * (top + 0.85 * t**1.05 + hump)
    s.d[rows, cols] += prof * np.exp(-(np.abs(P / width) ** 1.7)) * under
    s.d[rows, cols] += 0.004 * np.exp(-((P / 0.018) ** 2)) * (t > 0.2) * (t < 0.85)  # dorsum
    s.blob(-0.014, 0.0, eye_y - 0.04, 0.06, 0.03)  # nasion
    s.blob(nose_h * 0.28, 0.0, tip_y - 0.005, 0.075, 0.035)  # tip
    for k in (-1, 1):
        s.blob(nose_h * 0.3, k * 0.12, tip_y + 0.018, 0.06, 0.028)  # ala
        s.line(-0.016, k * 0.15, tip_y + 0.01, 0.05, 3.0, 0.008, -k * 0.4, 3.0)  # alar crease
        s.line(-0.01, k * 0.165, tip_y + 0.03, 0.03, 0.0, 0.01, 0.0, 3.0)  # alar base
        s.blob(-0.035, k * 0.055, tip_y + 0.052, 0.03, 0.01)  # nostril
        s.blob(0.006, k * 0.03, tip_y - 0.03, 0.02, 0.03)  # tip domes
    # Philtrum, lips with a cupid's bow, the line between them, mentolabial fold, chin.
    for k in (-1, 1):
        s.line(0.005, k * 0.04, (sub_y + mouth_y) / 2, 0.05, 0.0, 0.012, 0.0, 2.0)  # columns
    s.line(-0.003, 0.0, (sub_y + mouth_y) / 2, 0.05, 0.0, 0.012, 0.0, 2.0)  # philtral groove
    s.blob(0.018, 0.0, mouth_y - 0.01, 0.5, 0.14)  # the muzzle over the teeth
    s.line(lips, 0.0, mouth_y - 0.016, 0.24, 0.3, 0.013, 0.0, 4.0)  # upper vermilion
    s.line(0.006, 0.0, mouth_y - 0.033, 0.22, 0.25, 0.004, 0.0, 4.0)  # white roll
    s.blob(-0.006, 0.0, mouth_y - 0.034, 0.02, 0.008)  # cupid's bow
    s.line(-0.02, 0.0, mouth_y, 0.28, 0.3, 0.0045, 0.0, 5.0)  # stomion
    s.line(lips * 1.25, 0.0, mouth_y + 0.026, 0.2, 0.2, 0.02, 0.0, 4.0)  # lower lip
    s.line(-0.02, 0.0, mouth_y + 0.078, 0.14, -0.6, 0.02)  # mentolabial fold
    s.blob(0.04, 0.0, chin_y - 0.075, 0.16, 0.05)  # chin
    for k in (-1, 1):
        s.blob(-0.006, k * 0.31, mouth_y + 0.004, 0.04, 0.014)  # mouth corner
        s.blob(0.005, k * 0.39, mouth_y + 0.005, 0.05, 0.04)  # modiolus
    _jaw_and_neck(s, chin_y, eye_y)
    return {"eye_y": eye_y, "chin_y": chin_y, "tip_y": tip_y}


def _jaw_and_neck(s: _Skin, chin_y: float, eye_y: float) -> None:
    """The mandible's lower border over the submandibular hollow, and the neck's muscles."""
    P, Y = s.P, s.Y
    aP = np.abs(P)
    jaw_line = chin_y - 0.26 * np.clip(aP / 1.35, 0, 1) ** 1.6
    below = np.clip((Y - jaw_line + 0.02) / 0.1, 0, 1)
    below = below * below * (3 - 2 * below)
    fade = np.clip((chin_y + 0.22 - Y) / 0.12, 0, 1) * np.exp(-((aP / 1.5) ** 6))
    s.d += -0.035 * below * fade
    # Sternocleidomastoids: from behind the ear down and forward to the sternum.
    for k in (-1, 1):
        t = np.clip((Y - (eye_y + 0.35)) / 0.75, 0, 1)
        path = k * (1.45 - 1.3 * t)
        band = np.exp(-(((P - path) / 0.22) ** 2)) * np.clip(np.sin(math.pi * t), 0, 1) ** 0.7
        s.d += 0.016 * band
        s.d += -0.006 * np.exp(-(((P - path + k * 0.25) / 0.12) ** 2)) * t * (1 - t) * 3
    s.d += 0.014 * np.exp(-((P / 0.1) ** 2) - ((Y - (chin_y + 0.2)) / 0.05) ** 2)  # larynx
    s.d += -0.012 * np.exp(-((P / 0.12) ** 2) - ((Y - 0.95) / 0.06) ** 2)  # sternal notch


def _ear(s: _Skin, k: int, cy: float, r: random.Random) -> None:
    """An ear on side k: a raised shell with the helix rim, scapha, concha, tragus and lobe."""
    cp, hp, hy = k * (math.pi / 2 + 0.04), r.uniform(0.17, 0.21), r.uniform(0.15, 0.18)
    rows, cols = s.window(cp, cy, hp * 1.5, hy * 1.5)
    dp = (s.P[rows, cols] - cp) * k  # positive toward the back of the head
    dy = s.Y[rows, cols] - cy
    # The outline: wider at the top, narrowing to the lobe.
    rad = np.sqrt((dp / (hp * (1 - 0.25 * np.clip(dy / hy, 0, 1)))) ** 2 + (dy / hy) ** 2)
    shell = np.clip((1 - rad) / 0.3, 0, 1) ** 0.8
    rim = np.exp(-(((rad - 0.86) / 0.07) ** 2)) * (dp > -0.3 * hp)
    scapha = np.exp(-(((rad - 0.68) / 0.08) ** 2)) * (dp > -0.2 * hp)
    concha = np.exp(-(((dp + 0.05 * hp) / (0.32 * hp)) ** 2) - ((dy - 0.05 * hy) / (0.3 * hy)) ** 2)
    tragus = np.exp(-(((dp + 0.55 * hp) / (0.12 * hp)) ** 2) - ((dy - 0.1 * hy) / (0.12 * hy)) ** 2)
    lobe = np.exp(-((dp / (0.4 * hp)) ** 2) - ((dy - 0.8 * hy) / (0.2 * hy)) ** 2)
    ear = shell * (0.07 + 0.03 * rim - 0.025 * scapha - 0.05 * concha) + 0.03 * tragus
    s.d[rows, cols] += ndimage.gaussian_filter((ear + 0.01 * lobe).astype(np.float32), 2.0)


@dataclass(frozen=True, slots=True)
class _View:
    """The head's turn on the table (yaw) and the camera a little below it (pitch)."""

    yaw: float
    pitch: float

    def turn(
        self, x: np.ndarray, y: np.ndarray, z: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Rotate points (or normals) into the view: x right, y down, z toward the viewer."""
        cy, sy = math.cos(self.yaw), math.sin(self.yaw)
        cp, sp = math.cos(self.pitch), math.sin(self.pitch)
        xr = x * cy + z * sy
        zy = -x * sy + z * cy
        return xr, y * cp - zy * sp, y * sp + zy * cp


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
    skin.d += 0.0003 * steps[:, None]
    noise = nrng.standard_normal((size, phi.size)).astype(np.float32)
    skin.d += 0.0008 * ndimage.gaussian_filter(noise, (1.4, 2.6))
    skin.d += 0.003 * ndimage.gaussian_filter(noise, (6.0, 12.0), mode="wrap") * 3
    # Creases and hollows catch less light: a cavity term from the height map.
    cavity = ndimage.gaussian_filter(skin.d, (6.0, 12.0)) - skin.d
    occl = np.clip(1 - 9.0 * cavity, 0.45, 1.0).astype(np.float32)

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
    view = _View(
        math.radians(r.choice([-1, 1]) * r.uniform(16, 23)), math.radians(r.uniform(6, 10))
    )
    Xr, Yr, Zr = view.turn(X, Yg, Z)
    nr = np.stack(view.turn(n[..., 0], n[..., 1], n[..., 2]))
    rest = cradle(size, -0.2, 0.9, r.uniform(0.6, 0.64))
    rest_xyz = view.turn(rest.x, rest.y, rest.z)
    rest_n = np.stack(view.turn(rest.normal[0], rest.normal[1], rest.normal[2]))

    # Lighting: a head light slightly above and beside the viewer, Blinn-Phong.
    light = np.array([r.uniform(-0.4, 0.3), r.uniform(-0.45, -0.25), 1.0], dtype=np.float32)
    light /= np.linalg.norm(light)
    halfway = light + np.array([0, 0, 1.0], dtype=np.float32)
    halfway /= np.linalg.norm(halfway)
    diffuse = np.clip(np.tensordot(light, nr, axes=1), 0, 1)
    # A weak fill from below the camera keeps the underside of the nose and chin readable.
    fill = np.array([0.0, 0.6, 0.8], dtype=np.float32)
    diffuse = diffuse + 0.15 * np.clip(np.tensordot(fill, nr, axes=1), 0, 1)
    specular = np.clip(np.tensordot(halfway, nr, axes=1), 0, 1) ** 18 * occl
    # Light falls off with depth, as in a volume renderer's depth cueing.
    cue = 0.78 + 0.22 * np.clip((Zr + 0.7) / 1.4, 0, 1)
    shade = (0.08 + 0.8 * diffuse) * cue * occl
    rest_cue = 0.78 + 0.22 * np.clip((rest_xyz[2] + 0.7) / 1.4, 0, 1)
    rest_shade = (0.05 + 0.42 * np.abs(np.tensordot(light, rest_n, axes=1))) * rest_cue

    # Depth buffer: the nearest sample wins each pixel.
    face_pts = (np.abs(skin.P) < 1.05) & (Yg > marks["eye_y"] - 0.2) & (Yg < marks["chin_y"] + 0.03)
    head_ok = (inside & (Yg < 0.92) & (nr[2] > 0.02)).ravel()
    n_rest = rest.x.size
    px = np.concatenate([Xr.ravel(), rest_xyz[0]])
    py = np.concatenate([Yr.ravel(), rest_xyz[1]])
    pz = np.concatenate([Zr.ravel(), rest_xyz[2]])
    shade = np.concatenate([shade.ravel(), rest_shade])
    specular = np.concatenate([specular.ravel(), np.zeros(n_rest, np.float32)])
    face_pts = np.concatenate([face_pts.ravel(), np.zeros(n_rest, bool)])
    col = np.round((px / span + 1) / 2 * size - 0.5).astype(np.int64)
    row = np.round((py - float(y[0])) / dy + 3).astype(np.int64)
    ok = np.concatenate([head_ok, np.ones(n_rest, bool)])
    ok &= (col >= 0) & (col < size) & (row >= 0) & (row < size)
    idx = (row * size + col)[ok]
    order = np.argsort(pz[ok], kind="stable")
    shade_img = np.zeros(size * size, dtype=np.float32)
    spec_img = np.zeros(size * size, dtype=np.float32)
    face_img = np.zeros(size * size, dtype=np.float32)
    hit = np.zeros(size * size, dtype=np.float32)
    shade_img[idx[order]] = shade[ok][order]
    spec_img[idx[order]] = (specular * 0.6)[ok][order]
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
    # Folds of the ear can leave a few stray dark samples: replace them by their neighbourhood.
    med = ndimage.median_filter(shade_2d, 5)
    speck = (shade_2d < med - 0.12) & (face_img.reshape(shape) == 0)
    shade_2d = np.where(speck, med, shade_2d)
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
