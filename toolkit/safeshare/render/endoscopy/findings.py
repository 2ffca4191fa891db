"""What the endoscopist found, placed where the scope can see it.

A quick low-resolution look at the empty lumen picks a stretch of wall in
view at a sensible distance; the finding is then built there: a bump for a
sessile polyp, a stalk and a ball for a pedunculated one, a crater for an
ulcer, cords for varices, blood running from a bleeding point, a coin.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from safeshare.render.endoscopy.geometry import TMAX, Bump, Tube, lens_rays, march
from safeshare.render.endoscopy.objects import Coin, Lobes, Sphere, coin_relief

__all__ = ["FINDINGS", "Plan", "WallSpot", "plan_finding", "surface_normals"]

F32 = NDArray[np.float32]

FINDINGS: dict[str, str] = {
    "none": "normal mucosa",
    "polyp": "a sessile polyp",
    "pedunculated_polyp": "a polyp on a stalk",
    "ulcer": "an ulcer with a fibrin base",
    "bleeding": "fresh blood running from a bleeding point into the dependent lumen",
    "varices": "varices (best in the oesophagus)",
    "foreign_body": "a swallowed coin (a rare, distinctive finding)",
}


@dataclass(frozen=True, slots=True)
class WallSpot:
    """A point of wall in view: where a finding goes."""

    phi: float
    z: float
    point: tuple[float, float, float]
    axis_point: tuple[float, float, float]


@dataclass(slots=True)
class Plan:
    """What to draw besides the wall, and what colours the wall takes where."""

    finding: str
    spot: WallSpot | None = None
    head: Lobes | None = None
    coin: Coin | None = None
    coin_maps: tuple[F32, F32] | None = None
    blood: bool = False
    down: float = np.pi / 2
    """Angle around the lumen of the dependent side, where blood collects."""
    lesions: list[Bump] = field(default_factory=list)


def surface_normals(points: F32) -> F32:
    """Unit normals (n, n, 3) of a grid of surface points, facing the camera.

    One-sided differences, whichever side is shorter, so a fold's edge does
    not borrow the slope of the wall far behind it.
    """

    def diff(axis: int) -> F32:
        fwd = np.roll(points, -1, axis) - points
        back = points - np.roll(points, 1, axis)
        use_fwd = np.einsum("...k,...k->...", fwd, fwd) < np.einsum("...k,...k->...", back, back)
        return np.where(use_fwd[..., None], fwd, back)

    normal = np.cross(diff(1), diff(0))
    normal /= np.linalg.norm(normal, axis=-1, keepdims=True) + 1e-9
    facing = np.einsum("...k,...k->...", normal, points) > 0
    normal[facing] *= -1
    return normal.astype(np.float32)


def _spot(tube: Tube, rng: np.random.Generator, near: float, far: float) -> WallSpot:
    """A wall point in view, between `near` and `far` from the lens, not at the rim."""
    n = 72
    rays = lens_rays(n, tube.turn)
    t = march(tube, rays.reshape(-1, 3), ratio=0.1, max_step=0.15, refine=4).reshape(n, n)
    points = t[..., None] * rays
    normals = surface_normals(points)
    facing = -np.einsum("...k,...k->...", normals, rays)
    u = (np.arange(n) + 0.5) / n * 2 - 1
    r = np.hypot(*np.meshgrid(u, u))
    ok = (t < TMAX) & (t > near) & (t < far) & (r > 0.12) & (r < 0.62) & (facing > 0.3)
    candidates = np.flatnonzero(ok)
    if candidates.size == 0:
        candidates = np.array([int(np.argmin(np.abs(t - (near + far) / 2) + 5 * (r > 0.7)))])
    index = int(candidates[int(rng.integers(candidates.size))])
    p = points.reshape(-1, 3)[index]
    ax, ay = tube.axis(np.array([p[2]], dtype=np.float32))
    phi = float(np.arctan2(p[1] - ay[0], p[0] - ax[0]))
    return WallSpot(
        phi=phi,
        z=float(p[2]),
        point=(float(p[0]), float(p[1]), float(p[2])),
        axis_point=(float(ax[0]), float(ay[0]), float(p[2])),
    )


def plan_finding(tube: Tube, finding: str, rng: np.random.Generator) -> Plan:
    """Add the finding to the tube (bumps) and return what else to draw."""
    if finding not in FINDINGS:
        raise ValueError(f"unknown finding {finding!r}; known: {', '.join(FINDINGS)}")
    r0 = tube.site.radius
    plan = Plan(finding=finding)
    if finding == "none":
        return plan
    if finding == "varices":
        base = rng.uniform(0, 2 * np.pi)
        count = int(rng.integers(3, 5))
        for i in range(count):
            plan.lesions.append(
                Bump(
                    "cord",
                    phi=base + i * 2 * np.pi / count + rng.uniform(-0.3, 0.3),
                    z=rng.uniform(0.2, 0.8),
                    radius=rng.uniform(0.2, 0.28) * r0,
                    height=rng.uniform(0.22, 0.32),
                )
            )
        tube.bumps.extend(plan.lesions)
        return plan
    if finding == "foreign_body":
        plan.coin_maps = coin_relief(rng)
        plan.coin = _coin(tube, rng)
        return plan
    near, far = (0.5 * r0 + 0.2, 1.1 * r0 + 0.5)
    if finding == "pedunculated_polyp":
        # The head stands well into the lumen: keep it off the lens.
        near, far = (0.9 * r0 + 0.4, 1.4 * r0 + 0.7)
    spot = _spot(tube, rng, near, far)
    plan.spot = spot
    if finding == "polyp":
        radius = rng.uniform(0.2, 0.3) * max(r0, 0.9)
        plan.lesions.append(
            Bump("dome", spot.phi, spot.z, radius, rng.uniform(0.45, 0.65) * radius / r0)
        )
    elif finding == "pedunculated_polyp":
        stalk = rng.uniform(0.18, 0.28) * max(r0, 0.9)
        head = rng.uniform(0.2, 0.27) * max(r0, 0.9)
        plan.lesions.append(Bump("stalk", spot.phi, spot.z, 0.16 * max(r0, 0.9), stalk / r0))
        px, py, pz = spot.point
        ax, ay, _ = spot.axis_point
        radial = np.array([px - ax, py - ay], dtype=np.float64)
        rho = float(np.linalg.norm(radial))
        radial /= rho + 1e-9
        reach = rho - stalk - 0.5 * head
        # Let the head droop along the lumen, towards the scope or away.
        droop = rng.uniform(-0.5, 0.5) * head
        centre = np.array([ax + radial[0] * reach, ay + radial[1] * reach, pz + droop])
        lobes = [Sphere((float(centre[0]), float(centre[1]), float(centre[2])), head * 0.8)]
        for _ in range(int(rng.integers(3, 6))):
            offset = rng.normal(0, 1, 3)
            offset *= rng.uniform(0.3, 0.45) * head / (np.linalg.norm(offset) + 1e-9)
            c = centre + offset
            lobes.append(
                Sphere((float(c[0]), float(c[1]), float(c[2])), head * rng.uniform(0.5, 0.7))
            )
        plan.head = Lobes(tuple(lobes))
    elif finding in ("ulcer", "bleeding"):
        size = rng.uniform(0.13, 0.22) if finding == "ulcer" else rng.uniform(0.05, 0.08)
        plan.lesions.append(Bump("crater", spot.phi, spot.z, size * max(r0, 0.9), -0.05))
        if finding == "bleeding":
            plan.blood = True
            # Blood runs round the wall to the dependent side, lower on the screen.
            plan.down = np.pi / 2 + rng.uniform(-0.6, 0.6)
    tube.bumps.extend(plan.lesions)
    return plan


def _coin(tube: Tube, rng: np.random.Generator) -> Coin:
    """A coin lodged across a narrow lumen, or lying on the wall of a wide one."""
    r0 = tube.site.radius
    radius, thickness = 0.95, 0.16
    if r0 < 1.3:
        # Wedged across the lumen, its rim pressed into the wall all round.
        radius = 0.8 * r0
        z = rng.uniform(1.7, 2.4)
        ax, ay = tube.axis(np.array([z], dtype=np.float32))
        tilt = rng.uniform(0.2, 0.45)
        turn = rng.uniform(0, 2 * np.pi)
        facing = (
            float(np.sin(tilt) * np.cos(turn)),
            float(np.sin(tilt) * np.sin(turn)),
            float(-np.cos(tilt)),
        )
        shift = rng.uniform(-0.15, 0.15, 2)
        centre = (float(ax[0] + shift[0]), float(ay[0] + shift[1]), z)
        return Coin(centre, facing, radius, thickness)
    spot = _spot(tube, rng, 1.3, 3.0)
    wall = np.array(spot.point, dtype=np.float64)
    inward = np.array(spot.axis_point, dtype=np.float64) - wall
    inward[2] = 0.0
    inward /= np.linalg.norm(inward) + 1e-9
    normal = inward + rng.normal(0, 0.12, 3)
    normal /= np.linalg.norm(normal)
    # Inside a curved wall a flat coin touches at its rim, not its centre.
    sag = radius * radius / (2 * r0)
    middle = wall + inward * (thickness / 2 + 0.7 * sag)
    return Coin(
        (float(middle[0]), float(middle[1]), float(middle[2])),
        (float(normal[0]), float(normal[1]), float(normal[2])),
        radius,
        thickness,
    )
