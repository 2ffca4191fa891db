"""Anatomy for the ultrasound simulator: tissue maps for each study, and its measurement.

Each study lays tissues over the beam grid in physical centimetres (x across,
z down from the skin) and returns the two caliper points a sonographer would
place, with the measurement's label. The shapes vary a little with the seed.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import ndimage

from safeshare.render.radiology.sonar import Tissue, TissueMaps

__all__ = ["STUDIES", "Measurement", "Scene", "StudySetup"]

FLUID = Tissue(0.0006, 0.08, 1.0)
BILE = Tissue(0.0004, 0.06, 1.0)
SKIN = Tissue(1.8, 1.2, 1.12)
FAT = Tissue(0.30, 0.9, 0.93)
MUSCLE = Tissue(0.45, 1.1, 1.05)
LIVER = Tissue(0.95, 1.0, 1.04)


@dataclass(frozen=True, slots=True)
class Measurement:
    """Two caliper points (cm) and the text the machine prints for them."""

    a: tuple[float, float]
    b: tuple[float, float]
    label: str


@dataclass(frozen=True, slots=True, kw_only=True)
class StudySetup:
    """How the machine is set for a study, and how to draw its anatomy."""

    probe_kind: str
    depth_cm: float
    preset: str
    probe_name: str
    draw: Callable[[Scene], Measurement]
    width_cm: float = 0.0
    radius_cm: float = 0.0
    angle_deg: float = 0.0
    focus_cm: float = 5.0


class Scene:
    """The beam grid with tissue maps, and shape helpers in centimetres."""

    def __init__(
        self, x: np.ndarray, z: np.ndarray, rng: random.Random, nrng: np.random.Generator
    ) -> None:
        self.x, self.z = x, z
        self.rng, self.nrng = rng, nrng
        self.maps = TissueMaps.filled(x.shape, LIVER)

    def ellipse(self, cx: float, cz: float, a: float, b: float, angle: float = 0.0) -> np.ndarray:
        """Normalised radius: below 1 inside the ellipse (angle in degrees, clockwise on screen)."""
        t = math.radians(angle)
        dx, dz = self.x - cx, self.z - cz
        u = dx * math.cos(t) + dz * math.sin(t)
        v = -dx * math.sin(t) + dz * math.cos(t)
        return np.sqrt((u / a) ** 2 + (v / b) ** 2)

    @staticmethod
    def inside(rr: np.ndarray, edge: float = 0.04) -> np.ndarray:
        return np.clip((1.0 - rr) / edge, 0.0, 1.0)

    def noise(self, sigma: tuple[float, float], amount: float = 1.0) -> np.ndarray:
        """Smooth random field with unit spread, times `amount`."""
        field = ndimage.gaussian_filter(
            self.nrng.standard_normal(self.x.shape).astype(np.float32), sigma
        )
        out: np.ndarray = field / (field.std() + 1e-6) * amount
        return out

    def band(
        self, top: np.ndarray | float, bottom: np.ndarray | float, edge: float = 0.05
    ) -> np.ndarray:
        """Mask of depths between two (possibly wavy) boundaries."""
        return np.clip((self.z - top) / edge, 0, 1) * np.clip((bottom - self.z) / edge, 0, 1)

    def paint(self, mask: np.ndarray, tissue: Tissue) -> None:
        self.maps.paint(mask, tissue)

    def texture(self, mask: np.ndarray, sigma: tuple[float, float], amount: float) -> None:
        """Modulate scatter inside `mask` by a coarse texture (organs are not uniform)."""
        self.maps.scatter = self.maps.scatter * (1.0 + mask * self.noise(sigma, amount)).clip(
            0.2, None
        )

    def abdominal_wall(self, fat_cm: float, muscle_cm: float) -> float:
        """Skin, subcutaneous fat with septa, and muscle; returns the depth where it ends."""
        wave = self.noise((12.0, 6.0), 0.08) + self.noise((60.0, 6.0), 0.15)
        fat_bottom = 0.18 + fat_cm + wave
        muscle_bottom = fat_bottom + muscle_cm + self.noise((16.0, 8.0), 0.1)
        self.paint(self.band(-1.0, 0.18, 0.03), SKIN)
        fat = self.band(0.18, fat_bottom, 0.04)
        self.paint(fat, FAT)
        septa = np.clip(self.noise((14.0, 1.0)) - 1.0, 0, None)
        self.maps.scatter = self.maps.scatter + fat * septa * 1.2
        muscle = self.band(fat_bottom, muscle_bottom, 0.05)
        self.paint(muscle, MUSCLE)
        striation = self.noise((22.0, 1.0), 0.35)
        self.maps.scatter = self.maps.scatter * (1 + muscle * striation).clip(0.3, None)
        return float(np.mean(muscle_bottom))


def _point_along(cx: float, cz: float, length: float, angle: float) -> tuple[float, float]:
    t = math.radians(angle)
    return (cx + length * math.cos(t), cz + length * math.sin(t))


def _gestational_age(crl_mm: float) -> str:
    """Robinson's formula: days = 8.052 * sqrt(CRL mm) + 23.73."""
    days = round(8.052 * math.sqrt(crl_mm) + 23.73)
    return f"{days // 7}w{days % 7}d"


def _local(
    s: Scene, ox: float, oz: float, angle: float, flip_u: float, flip_v: float
) -> tuple[np.ndarray, np.ndarray]:
    """Coordinates (u along, v across) in a rotated and possibly mirrored frame at (ox, oz)."""
    t = math.radians(angle)
    dx, dz = s.x - ox, s.z - oz
    u = (dx * math.cos(t) + dz * math.sin(t)) * flip_u
    v = (-dx * math.sin(t) + dz * math.cos(t)) * flip_v
    return u, v


def _to_scene(
    ox: float, oz: float, angle: float, flip_u: float, flip_v: float, u: float, v: float
) -> tuple[float, float]:
    t = math.radians(angle)
    u, v = u * flip_u, v * flip_v
    return (ox + u * math.cos(t) - v * math.sin(t), oz + u * math.sin(t) + v * math.cos(t))


def _fetus(s: Scene, ox: float, oz: float, angle: float) -> Measurement:
    """A 12-week fetus in mid-sagittal section: head, face, body, limbs, spine, nuchal skin."""
    r = s.rng
    fu = -1.0 if r.random() < 0.5 else 1.0
    fv = -1.0 if r.random() < 0.35 else 1.0
    u, v = _local(s, ox, oz, angle, fu, fv)
    grow = r.uniform(1.05, 1.16)  # 12 weeks give or take a few days
    u, v = u / grow, v / grow
    bend = r.uniform(0.05, 0.09)
    straight_v = v
    v = v - bend * (u - 0.2) ** 2

    def ell(
        cu: float, cv: float, au: float, av: float, rot: float = 0.0, rigid: bool = False
    ) -> np.ndarray:
        """An ellipse in the curled body frame (or, rigid, moved with the curl but not bent)."""
        t = math.radians(rot)
        if rigid:
            du, dv = u - cu, straight_v - (cv + bend * (cu - 0.2) ** 2)
        else:
            du, dv = u - cu, v - cv
        a = du * math.cos(t) + dv * math.sin(t)
        b = -du * math.sin(t) + dv * math.cos(t)
        return np.sqrt((a / au) ** 2 + (b / av) ** 2)

    head_r = r.uniform(1.02, 1.12)
    head = ell(-1.85, 0.05, head_r * 1.08, head_r, rigid=True)
    body = ell(0.55, 0.0, 1.65, 0.92, 4)
    neck = ell(-0.75, 0.1, 0.6, 0.68)
    rump = ell(1.75, 0.05, 0.6, 0.75)
    arm = ell(-0.15, 0.95, 0.55, 0.17, 40)
    thigh = ell(1.75, 0.85, 0.62, 0.22, -35)
    shin = ell(1.15, 1.25, 0.5, 0.16, 10)
    soft = np.maximum.reduce(
        [
            s.inside(x, e)
            for x, e in (
                (body, 0.1),
                (neck, 0.15),
                (rump, 0.12),
                (arm, 0.25),
                (thigh, 0.2),
                (shin, 0.25),
            )
        ]
    )
    s.paint(soft, Tissue(0.75, 1.0, 1.06))
    s.texture(soft, (2.0, 1.2), 0.3)
    # The heart in the chest, a shade darker; the bowel a shade brighter.
    s.paint(s.inside(ell(-0.05, 0.15, 0.38, 0.32), 0.4), Tissue(0.4, 1.0, 1.05))
    s.paint(s.inside(ell(1.05, 0.2, 0.45, 0.4), 0.4), Tissue(1.2, 1.0, 1.06))
    # Head: a thin skull, a dark brain with the midbrain a shade brighter, and the face.
    s.paint(s.inside(head, 0.03), Tissue(1.0, 1.6, 1.14))
    s.paint(s.inside(head / 0.88, 0.08), Tissue(0.008, 0.4, 1.02))
    s.paint(s.inside(ell(-1.6, -0.05, 0.55, 0.42, 20, rigid=True), 0.6), Tissue(0.06, 0.6, 1.02))
    s.paint(s.inside(ell(-1.95, 0.35, 0.5, 0.3, -10, rigid=True), 0.6), Tissue(0.05, 0.6, 1.02))
    nasal = ell(-2.25, 0.95, 0.2, 0.055, -55, rigid=True)
    s.paint(s.inside(nasal, 0.3), Tissue(2.6, 1.5, 1.25))
    s.paint(s.inside(ell(-1.55, 0.95, 0.4, 0.2, 30, rigid=True), 0.2), Tissue(1.1, 1.2, 1.12))
    # Spine: ossification centres along the back.
    for i in range(10):
        cu = -0.65 + i * 0.29
        curve = -0.7 - 0.12 * math.sin((i / 9) * math.pi)
        s.paint(s.inside(ell(cu, curve, 0.09, 0.07), 0.35), Tissue(2.8, 3.0, 1.28))
    # Nuchal translucency: the skin of the neck lifted off by a thin layer of fluid.
    nt = ell(-0.85, -0.02, 0.95, 0.84)
    arc = np.exp(-(((nt - 1.0) / 0.035) ** 2)) * (v < -0.45) * (u > -1.6) * (u < -0.1)
    s.paint(arc, Tissue(1.3, 1.0, 1.15))
    crown_u, rump_u = -1.85 - head_r * 1.06, 2.3
    crown = _to_scene(
        ox, oz, angle, fu, fv, crown_u * grow, (0.05 + bend * (-1.85 - 0.2) ** 2) * grow
    )
    rump_pt = _to_scene(
        ox, oz, angle, fu, fv, rump_u * grow, (0.05 + bend * (rump_u - 0.2) ** 2) * grow
    )
    crl_mm = math.dist(crown, rump_pt) * 10
    return Measurement(crown, rump_pt, f"CRL {crl_mm / 10:.2f}cm   {_gestational_age(crl_mm)}")


def _obstetric(s: Scene) -> Measurement:
    r = s.rng
    s.paint(np.ones_like(s.x), Tissue(0.4, 1.1, 1.04))
    s.texture(np.ones_like(s.x), (7.0, 3.0), 0.7)
    wall = s.abdominal_wall(fat_cm=r.uniform(0.7, 1.4), muscle_cm=r.uniform(0.5, 0.8))
    # Bowel around and behind the uterus: bright, mottled, with gas and its shadows.
    bowel = np.clip((s.z - (wall + 7.5)) / 0.6, 0, 1)
    s.paint(bowel, Tissue(0.9, 1.2, 1.04))
    s.texture(bowel, (5.0, 2.0), 0.8)
    # Bladder in front of the lower uterus, on the caudal (right) side.
    bx = r.uniform(3.3, 4.6)
    s.paint(s.inside(s.ellipse(bx, wall + 1.7, 2.6, 1.4, -10), 0.05), FLUID)
    # Uterus, placenta, sac.
    ux, uz = r.uniform(-0.8, 0.0), wall + r.uniform(3.8, 4.3)
    tilt = r.uniform(-12, 4)
    uterus = s.ellipse(ux, uz, 5.6, 3.8, tilt)
    s.paint(s.inside(uterus, 0.06), Tissue(0.45, 1.0, 1.08))
    s.texture(s.inside(uterus, 0.04), (3.0, 1.5), 0.2)
    posterior = r.random() < 0.6
    side = np.clip((s.z - uz) / 0.7, 0, 1) if posterior else np.clip((uz - s.z) / 0.7, 0, 1)
    placenta = s.inside(uterus / 0.93, 0.04) * np.clip((uterus - 0.5) / 0.08, 0, 1) * side
    s.paint(placenta, Tissue(1.25, 1.0, 1.08))
    s.texture(placenta, (2.0, 1.0), 0.35)
    sac_c = (ux + 0.1, uz - (0.25 if posterior else -0.25))
    sac = s.ellipse(*sac_c, 4.5, 2.75, tilt) + s.noise((24.0, 10.0), 0.015)
    s.paint(s.inside(sac, 0.03), FLUID)
    # The amnion: a faint membrane arc inside the sac (not yet fused with the chorion).
    amnion = np.exp(-(((sac - 0.72) / 0.008) ** 2)) * np.clip((s.z - uz) / 0.8, 0, 1) * (s.x > ux)
    s.paint(amnion * 0.45, Tissue(0.8, 1.0, 1.05))
    return _fetus(s, ux + 0.1, uz - (0.15 if posterior else -0.35), tilt + r.uniform(-8, 8))


def _gallbladder(s: Scene) -> Measurement:
    r = s.rng
    wall = s.abdominal_wall(fat_cm=r.uniform(0.8, 1.6), muscle_cm=r.uniform(0.7, 1.0))
    liver = np.clip((s.z - wall) / 0.15, 0, 1)
    s.texture(liver, (5.0, 2.5), 0.22)
    # Diaphragm and the lung's mirror image beyond it.
    dome = 11.5 + r.uniform(-0.6, 0.6) + 0.045 * (s.x - r.uniform(-2, 2)) ** 2
    s.paint(np.clip((s.z - dome) / 0.08, 0, 1), Tissue(0.55, 1.0, 1.3))
    # Portal vein with bright walls, a hepatic vein without.
    pv = s.ellipse(r.uniform(2.0, 3.5), r.uniform(7.8, 8.8), 2.3, 0.48, r.uniform(-22, -8))
    s.paint(s.inside(pv, 0.08), Tissue(1.9, 1.0, 1.16))
    s.paint(s.inside(pv / 0.8, 0.08), FLUID)
    hv = s.ellipse(r.uniform(-4.5, -3.0), r.uniform(9.0, 10.0), 1.6, 0.42, r.uniform(30, 50))
    s.paint(s.inside(hv, 0.1), FLUID)
    # Gallbladder: a pear with a thin bright wall and stones lying in the fundus.
    gx, gz = r.uniform(-1.2, 0.2), wall + r.uniform(3.0, 3.8)
    tilt = r.uniform(10, 24)
    body = s.ellipse(gx, gz, 3.7, 1.45, tilt)
    neck = s.ellipse(*_point_along(gx, gz, -3.2, tilt), 1.4, 0.75, tilt + 12)
    gb_wall = np.maximum(s.inside(body / 1.1, 0.05), s.inside(neck / 1.12, 0.08))
    s.paint(gb_wall, Tissue(1.7, 1.0, 1.12))
    lumen = np.maximum(s.inside(body, 0.03), s.inside(neck, 0.06))
    s.paint(lumen, BILE)
    count = r.choice([1, 1, 2])
    first: tuple[float, float, float] | None = None
    for i in range(count):
        rad = r.uniform(0.45, 0.7) if i == 0 else r.uniform(0.3, 0.45)
        # Stones lie on the dependent wall: along the axis, then down to the deep wall.
        ax, az = _point_along(gx, gz, 1.0 - i * 0.75, tilt)
        drop = 1.45 * math.sqrt(max(0.0, 1 - ((1.0 - i * 0.75) / 3.7) ** 2)) - rad - 0.25
        t = math.radians(tilt)
        sx, sz = ax - drop * math.sin(t), az + drop * math.cos(t)
        s.paint(s.inside(s.ellipse(sx, sz, rad, rad * 0.9), 0.15), Tissue(4.5, 60.0, 1.9))
        if first is None:
            first = (sx, sz, rad)
    assert first is not None
    sx, sz, rad = first
    return Measurement((sx - rad, sz), (sx + rad, sz), f"Dist {2 * rad:.2f} cm")


def _kidney(s: Scene) -> Measurement:
    r = s.rng
    wall = s.abdominal_wall(fat_cm=r.uniform(0.8, 1.5), muscle_cm=r.uniform(0.7, 1.0))
    liver = np.clip((s.z - wall) / 0.15, 0, 1)
    s.texture(liver, (5.0, 2.5), 0.2)
    kx, kz = r.uniform(-0.2, 1.2), r.uniform(7.8, 8.8)
    tilt = r.uniform(-18, -6)
    a, b = r.uniform(4.9, 5.5), r.uniform(2.2, 2.5)
    # Deep muscles below the kidney.
    s.paint(np.clip((s.z - (kz + b + 1.0)) / 0.3, 0, 1), Tissue(0.4, 1.1, 1.05))
    outer = s.ellipse(kx, kz, a * 1.16, b * 1.3, tilt) + s.noise((6.0, 3.0), 0.04)
    s.paint(s.inside(outer, 0.08), Tissue(2.6, 1.0, 0.95))
    s.texture(s.inside(outer, 0.08), (3.0, 1.5), 0.4)
    # A bean: an ellipse with the hilum pressed in on its deep side.
    kidney = s.ellipse(kx, kz, a, b, tilt)
    hx, hz = _point_along(kx, kz, 0.3, tilt)
    hilum = s.ellipse(hx - 0.4 * math.sin(math.radians(tilt)), hz + b * 1.05, 1.5, 0.7, tilt)
    kidney = np.maximum(kidney, 2.0 - hilum)
    s.paint(s.inside(kidney, 0.025), Tissue(0.55, 1.0, 1.08))
    # Medullary pyramids around the sinus.
    for i in range(8):
        t = -2.6 + i * (5.2 / 7)
        ang = math.radians(tilt)
        u, v = (
            a * 0.62 * math.cos(t / 1.9),
            b * 0.62 * math.sin(t / 1.9 + (0 if i % 2 else math.pi)),
        )
        px = kx + u * math.cos(ang) - v * math.sin(ang)
        pz = kz + u * math.sin(ang) + v * math.cos(ang)
        s.paint(
            s.inside(s.ellipse(px, pz, 0.5, 0.36, tilt + math.degrees(t) * 0.3), 0.25),
            Tissue(0.09, 0.9, 1.03),
        )
    sinus = s.ellipse(kx + 0.2, kz + 0.05, a * 0.55, b * 0.38, tilt) + s.noise((4.0, 2.0), 0.08)
    s.paint(s.inside(sinus, 0.12), Tissue(6.5, 1.1, 0.95))
    s.texture(s.inside(sinus, 0.12), (1.5, 1.0), 0.5)
    p1 = _point_along(kx, kz, -a, tilt)
    p2 = _point_along(kx, kz, a, tilt)
    return Measurement(p1, p2, f"L {math.dist(p1, p2):.2f} cm")


def _thyroid(s: Scene) -> Measurement:
    r = s.rng
    s.paint(np.ones_like(s.x), Tissue(0.5, 1.0, 1.04))
    s.paint(s.band(-1.0, 0.12, 0.02), SKIN)
    fat_bottom = 0.45 + s.noise((30.0, 5.0), 0.05)
    s.paint(s.band(0.12, fat_bottom, 0.03), Tissue(0.35, 0.9, 0.94))
    # Strap muscles and sternocleidomastoid: hypoechoic, striated.
    strap = s.band(fat_bottom, 0.85 + s.noise((30.0, 5.0), 0.05), 0.03)
    s.paint(strap, Tissue(0.32, 1.1, 1.05))
    scm = s.ellipse(1.2, 0.85, 1.25, 0.38, -10)
    s.paint(s.inside(scm, 0.06), Tissue(0.3, 1.1, 1.05))
    s.maps.scatter = s.maps.scatter * (
        1 + (strap + s.inside(scm)) * s.noise((18.0, 1.0), 0.4)
    ).clip(0.3, None)
    # Thyroid lobe and isthmus: bright, fine and even.
    lobe = s.ellipse(r.uniform(-0.5, -0.1), 1.75, 1.6, 0.85, r.uniform(-8, 4))
    isthmus = s.ellipse(-1.9, 1.05, 0.9, 0.22, -12)
    thyroid = np.maximum(s.inside(lobe, 0.05), s.inside(isthmus, 0.1))
    s.paint(thyroid, Tissue(1.35, 1.0, 1.06))
    s.texture(thyroid, (1.5, 1.0), 0.15)
    # Trachea at the medial edge: bright air ring, reverberation, shadow.
    trachea = s.ellipse(-2.35, 1.9, 0.9, 0.75)
    s.paint(s.inside(trachea, 0.04), Tissue(3.0, 90.0, 1.8))
    for k in range(1, 4):
        ring = np.exp(-(((trachea - (1.0 - 0.16 * k)) / 0.02) ** 2)) * (s.z > 1.2)
        s.paint(ring * (0.5 / k), Tissue(2.5 / k, 1.0, 1.0))
    # Carotid (round, bright walls) and jugular vein (oval, thin walls).
    cx, cz = r.uniform(1.15, 1.45), r.uniform(1.9, 2.15)
    s.paint(s.inside(s.ellipse(cx, cz, 0.35, 0.35), 0.06), Tissue(1.2, 1.0, 1.12))
    s.paint(s.inside(s.ellipse(cx, cz, 0.32, 0.32), 0.06), FLUID)
    s.paint(s.inside(s.ellipse(cx + 0.7, cz - 0.6, 0.42, 0.2, 15), 0.1), FLUID)
    # Longus colli and the vertebral body shadow.
    s.paint(s.inside(s.ellipse(0.0, 3.05, 1.0, 0.35), 0.1), Tissue(0.35, 1.1, 1.05))
    s.paint(np.clip((s.z - 3.3) / 0.3, 0, 1), Tissue(0.3, 1.3, 1.05))
    # A nodule: hypoechoic with a thin halo.
    nx, nz = r.uniform(-0.7, 0.0), r.uniform(1.6, 1.9)
    na, nb = r.uniform(0.42, 0.6), r.uniform(0.3, 0.42)
    s.paint(s.inside(s.ellipse(nx, nz, na * 1.1, nb * 1.12), 0.06), Tissue(0.25, 1.0, 1.02))
    s.paint(s.inside(s.ellipse(nx, nz, na, nb), 0.1), Tissue(0.55, 1.0, 1.04))
    return Measurement((nx - na, nz), (nx + na, nz), f"Dist {2 * na:.2f} cm")


STUDIES: dict[str, StudySetup] = {
    "obstetric_12wk": StudySetup(
        probe_kind="convex",
        depth_cm=11.0,
        radius_cm=5.0,
        angle_deg=66.0,
        preset="OB 1st Trim",
        probe_name="C5-1",
        focus_cm=6.0,
        draw=_obstetric,
    ),
    "gallbladder": StudySetup(
        probe_kind="convex",
        depth_cm=15.0,
        radius_cm=5.0,
        angle_deg=70.0,
        preset="Abdomen Gen",
        probe_name="C5-1",
        focus_cm=6.0,
        draw=_gallbladder,
    ),
    "kidney": StudySetup(
        probe_kind="convex",
        depth_cm=15.0,
        radius_cm=5.0,
        angle_deg=70.0,
        preset="Renal",
        probe_name="C5-1",
        focus_cm=8.0,
        draw=_kidney,
    ),
    "thyroid": StudySetup(
        probe_kind="linear",
        depth_cm=4.0,
        width_cm=4.0,
        preset="Thyroid",
        probe_name="L12-5",
        focus_cm=1.8,
        draw=_thyroid,
    ),
}
"""Study name (spec option `study`) -> machine setup and anatomy."""
