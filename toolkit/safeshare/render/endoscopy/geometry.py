"""The shape the scope looks into: a bent, folded tube, found by marching rays.

The camera sits at the origin looking along +z through a wide-angle lens. The
lumen is a tube whose axis curves away (so the far lumen turns out of view, as
in a real colon) and whose radius carries the folds of the site and any raised
or hollow lesion. Each ray is marched out until it leaves the lumen; bisection
then finds the wall. Rays that reach nothing see the dark far lumen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from safeshare.render.endoscopy.sites import Site

__all__ = ["Bump", "Tube", "bump_profile", "lens_rays", "march", "tube_for"]

F32 = NDArray[np.float32]
TMIN, TMAX = 0.04, 14.0
HALF_FOV = np.deg2rad(66.0)
"""Half the lens's field of view at the middle of each image edge (wide-angle scope)."""


def lens_rays(n: int, turn: tuple[float, float] = (0.0, 0.0)) -> F32:
    """Unit ray directions (n, n, 3) of an equidistant fisheye lens, x right, y down.

    `turn` (radians about the y then x axis) points the scope off the lumen's axis.
    """
    u = ((np.arange(n, dtype=np.float32) + 0.5) / n) * 2 - 1
    uu, vv = np.meshgrid(u, u)
    theta = np.minimum(np.hypot(uu, vv) * HALF_FOV, np.deg2rad(84.0))
    psi = np.arctan2(vv, uu)
    s = np.sin(theta)
    rays = np.stack([s * np.cos(psi), s * np.sin(psi), np.cos(theta)], axis=-1)
    yaw, pitch = turn
    cy, sy, cp, sp = np.cos(yaw), np.sin(yaw), np.cos(pitch), np.sin(pitch)
    turn_matrix = np.array([[cy, 0, sy], [0, 1, 0], [-sy, 0, cy]]) @ np.array(
        [[1, 0, 0], [0, cp, -sp], [0, sp, cp]]
    )
    return np.asarray(rays @ turn_matrix.T, dtype=np.float32)


@dataclass(frozen=True, slots=True)
class Bump:
    """A raised (height > 0) or hollow (height < 0) patch of wall: a polyp, an ulcer."""

    kind: str
    """'dome' (sessile polyp), 'stalk' (a pedicle), 'crater' (an ulcer), 'cord' (a varix)."""
    phi: float
    """Angle around the lumen axis of the centre."""
    z: float
    """Depth along the lumen of the centre."""
    radius: float
    height: float
    """How far it stands into the lumen (negative: a hollow), in radii of the site."""


@dataclass(slots=True)
class Tube:
    """The lumen of one view: axis, radius with folds, and bumps."""

    site: Site
    offset: tuple[float, float]
    bend: tuple[float, float]
    wiggle: tuple[float, float, float]
    """Amplitude, frequency and phase of a side-to-side swing of the axis (sigmoid)."""
    fold_phase: NDArray[np.float64]
    fold_gain: NDArray[np.float64]
    wobble: tuple[float, float, float, float]
    bumps: list[Bump] = field(default_factory=list)
    turn: tuple[float, float] = (0.0, 0.0)
    """Where the scope points, off the lumen's axis (yaw, pitch in radians)."""
    warp: tuple[float, float, float] = (0.0, 0.0, 0.0)
    """Uneven fold spacing: amplitude, frequency, phase of a stretch along the lumen."""

    def axis(self, z: F32) -> tuple[F32, F32]:
        amp, freq, phase = self.wiggle
        swing = amp * (np.sin(freq * z + phase) - np.sin(phase))
        ax = self.offset[0] + self.bend[0] * z * z + swing
        ay = self.offset[1] + self.bend[1] * z * z + 0.5 * swing
        return ax.astype(np.float32), ay.astype(np.float32)

    def folds(self, z: F32, phi: F32) -> F32:
        """Fraction of the radius taken up by folds at (z, phi)."""
        s = self.site
        a1, p1, a2, p2 = self.wobble
        wob = a1 * np.sin(2 * phi + p1) + a2 * np.sin(3 * phi + p2)
        count = len(self.fold_phase)
        if s.folds in ("haustral", "circular", "valves"):
            wa, wf, wp = self.warp
            q = (z + wob * s.fold_spacing + wa * np.sin(wf * z + wp)) / s.fold_spacing
            k = np.floor(q)
            ki = np.clip(k.astype(np.int64), 0, count - 1)
            x = (q - k - 0.5) / s.fold_width
            ridge = np.maximum(1.0 - x * x, 0.0) ** 2
            gain = self.fold_gain[ki]
            if s.folds == "circular":
                shape = 0.8 + 0.2 * np.cos(phi - self.fold_phase[ki])
            else:
                crescent = np.maximum(np.cos(phi - self.fold_phase[ki]), 0.0)
                floor = 0.25 if s.folds == "haustral" else 0.0
                shape = floor + (1 - floor) * crescent**0.6
            start = np.clip((z - 0.35 * s.fold_spacing) * 3.0, 0.0, 1.0)
            out = s.fold_height * ridge * gain * shape * start
        else:
            # Longitudinal folds: gastric rugae, or a collapsed oesophagus.
            ridges = max(1, round(s.fold_spacing))  # whole ridges: no seam where phi wraps
            q = phi * ridges / (2 * np.pi) + 0.35 * np.sin(0.9 * z + p1) + wob
            x = (q - np.floor(q) - 0.5) / s.fold_width
            ridge = np.maximum(1.0 - x * x, 0.0) ** 2
            side = 0.35 + 0.65 * np.maximum(np.cos(phi - self.fold_phase[0]), 0.0)
            out = s.fold_height * ridge * side * np.clip(z * 1.5, 0.0, 1.0)
        if s.triangular:
            out = out + s.triangular * (0.5 + 0.5 * np.cos(3 * (phi - self.fold_phase[1])))
        return np.asarray(out, dtype=np.float32)

    def bump_height(self, z: F32, phi: F32) -> F32:
        """Height of all the bumps (positive into the lumen), in radii of the site."""
        total = np.zeros_like(z)
        for b in self.bumps:
            total += bump_profile(b, z, phi, self.site.radius)
        return total

    def radius(self, z: F32, phi: F32) -> F32:
        s = self.site
        shrink = self.folds(z, phi) + self.bump_height(z, phi)
        start, end, amount = s.closes
        if amount:
            x = np.clip((z - start) / (end - start), 0.0, 1.0)
            shrink = shrink + amount * x * x * (3 - 2 * x)
        return (s.radius * (1.0 - shrink)).astype(np.float32)

    def field(self, t: F32, rays: F32) -> tuple[F32, F32, F32]:
        """How far outside the lumen each point is (> 0: inside the wall), and its z, phi."""
        p = t[:, None] * rays
        z = p[:, 2]
        ax, ay = self.axis(z)
        dx = p[:, 0] - ax
        dy = p[:, 1] - ay
        phi = np.arctan2(dy, dx)
        f = np.hypot(dx, dy) - self.radius(z, phi)
        return f.astype(np.float32), z, phi


def bump_profile(b: Bump, z: F32, phi: F32, site_radius: float) -> F32:
    """Height of one bump at wall points (z, phi), in radii of the site."""
    dphi = (phi - b.phi + np.pi) % (2 * np.pi) - np.pi
    ds = dphi * site_radius
    dz = z - b.z
    if b.kind == "cord":
        # A varix: a beaded cord running along the lumen.
        wander = (0.2 * np.sin(2.1 * z + b.phi * 3) + 0.08 * np.sin(5.3 * z + b.phi)) * site_radius
        d = (ds - wander) / b.radius
        beads = 0.6 + 0.4 * np.sin(3.1 * z + b.phi * 7) ** 2
        fade = np.clip((z - b.z) * 1.5, 0.0, 1.0)
        return np.asarray(b.height * np.exp(-d * d) * beads * fade, dtype=np.float32)
    q2 = (ds * ds + dz * dz) / (b.radius * b.radius)
    if b.kind == "dome":
        # A sessile polyp: a lobulated dome whose base blends into the wall.
        angle = np.arctan2(dz, ds)
        lobes = 1.0 + 0.12 * np.sin(3 * angle + b.phi * 5) + 0.08 * np.sin(5 * angle + b.z * 7)
        q2 = q2 / (lobes * lobes)
        out = b.height * np.maximum(1.0 - q2, 0.0) ** 0.75
    elif b.kind == "stalk":
        out = b.height * np.exp(-q2 * 3.0)
    else:  # crater: a hollow with a raised rim
        rim = np.exp(-((np.sqrt(q2) - 1.05) ** 2) / 0.05)
        out = b.height * np.maximum(1.0 - q2, 0.0) ** 0.5 - 0.35 * b.height * rim
    return np.asarray(out, dtype=np.float32)


def tube_for(site: Site, rng: np.random.Generator) -> Tube:
    """A random view of the site: where the scope sits and how the lumen turns."""
    angle = rng.uniform(0, 2 * np.pi)
    off = rng.uniform(*site.offset) * site.radius
    bend_angle = angle + rng.uniform(-1.2, 1.2)
    bend = rng.uniform(*site.bend)
    # Aim a little towards the wall the lumen turns away from, as when steering round a bend.
    aim = bend_angle + np.pi + rng.uniform(-0.9, 0.9)
    tilt = rng.uniform(0.1, 0.45)
    wiggle = (0.0, 0.0, 0.0)
    if site.name == "sigmoid":
        wiggle = (rng.uniform(0.1, 0.25), rng.uniform(0.5, 0.9), rng.uniform(0, 2 * np.pi))
    return Tube(
        site=site,
        offset=(off * float(np.cos(angle)), off * float(np.sin(angle))),
        bend=(bend * float(np.cos(bend_angle)), bend * float(np.sin(bend_angle))),
        wiggle=wiggle,
        fold_phase=rng.uniform(0, 2 * np.pi, 48),
        fold_gain=rng.uniform(0.3, 1.3, 48),
        wobble=(
            rng.uniform(0.06, 0.16),
            rng.uniform(0, 2 * np.pi),
            rng.uniform(0.04, 0.1),
            rng.uniform(0, 2 * np.pi),
        ),
        turn=(float(np.cos(aim) * tilt), float(np.sin(aim) * tilt)),
        warp=(
            rng.uniform(0.1, 0.3) * site.fold_spacing,
            rng.uniform(0.8, 1.6) / site.fold_spacing,
            rng.uniform(0, 2 * np.pi),
        ),
    )


def march(
    tube: Tube, rays: F32, *, ratio: float = 0.08, max_step: float = 0.12, refine: int = 6
) -> F32:
    """Distance along each ray (m, 3) to the wall, TMAX where it reaches nothing.

    A ray steps by half its clearance from the wall, within limits: never more
    than a fraction `ratio` of the distance or `max_step` (a fold is thicker
    than that), so it slows down as it skims a fold's crest and does not jump
    over it. Rays drop out as they hit; bisection refines each hit.
    """
    m = rays.shape[0]
    t_hit = np.full(m, TMAX, dtype=np.float32)
    t_before = np.zeros(m, dtype=np.float32)
    active = np.arange(m)
    live = rays
    t_now = np.full(m, TMIN, dtype=np.float32)
    f_now, _, _ = tube.field(t_now, live)
    while active.size:
        step = np.clip(
            -0.5 * f_now, 0.004 + 0.012 * t_now, np.minimum(ratio * t_now + 0.01, max_step)
        )
        t_next = (t_now + step).astype(np.float32)
        f_next, _, _ = tube.field(t_next, live)
        out = f_next > 0
        t_hit[active[out]] = t_next[out]
        t_before[active[out]] = t_now[out]
        keep = ~out & (t_next < TMAX)
        active = active[keep]
        live = live[keep]
        t_now = t_next[keep]
        f_now = f_next[keep]
    hit = t_hit < TMAX
    hi = t_hit[hit]
    lo = t_before[hit]
    dirs = rays[hit]
    for _ in range(refine):
        mid = (0.5 * (lo + hi)).astype(np.float32)
        f, _, _ = tube.field(mid, dirs)
        out = f > 0
        hi = np.where(out, mid, hi)
        lo = np.where(out, lo, mid)
    t_hit[hit] = hi
    return t_hit
