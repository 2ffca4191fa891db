"""Solid things in the lumen that are not wall: a polyp's head on its stalk, a coin.

Each is intersected exactly (a sphere, a short cylinder), per full-resolution
pixel, so its outline stays sharp however coarse the wall geometry is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageDraw, ImageFilter

__all__ = ["Coin", "Hit", "Lobes", "Sphere", "coin_relief"]

F32 = NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class Hit:
    """Where rays meet an object: distance (inf: missed), unit normal, and local coords."""

    t: F32
    normal: F32
    u: F32
    v: F32


def _vec(values: tuple[float, float, float]) -> F32:
    return np.asarray(values, dtype=np.float32)


@dataclass(frozen=True, slots=True)
class Sphere:
    """A polyp's head: a ball hanging into the lumen."""

    centre: tuple[float, float, float]
    radius: float

    def intersect(self, rays: F32) -> Hit:
        c = _vec(self.centre)
        b = rays @ c
        disc = b * b - (float(c @ c) - self.radius**2)
        ok = disc > 0
        root = np.sqrt(np.where(ok, disc, 0.0))
        t = np.where(ok & (b - root > 0), b - root, np.inf).astype(np.float32)
        finite = np.where(np.isfinite(t), t, 0.0)
        points = finite[:, None] * rays
        normal = (points - c) / self.radius
        return Hit(t, normal.astype(np.float32), normal[:, 0], normal[:, 1])


@dataclass(frozen=True, slots=True)
class Lobes:
    """A polyp's head: a few overlapping balls, so its outline is lobulated, not round."""

    spheres: tuple[Sphere, ...]

    def intersect(self, rays: F32) -> Hit:
        best: Hit | None = None
        for sphere in self.spheres:
            hit = sphere.intersect(rays)
            if best is None:
                best = hit
                continue
            nearer = hit.t < best.t
            best = Hit(
                np.where(nearer, hit.t, best.t),
                np.where(nearer[:, None], hit.normal, best.normal),
                np.where(nearer, hit.u, best.u),
                np.where(nearer, hit.v, best.v),
            )
        assert best is not None
        return best


@dataclass(frozen=True, slots=True)
class Coin:
    """A coin: a short cylinder with two faces and a milled edge."""

    centre: tuple[float, float, float]
    axis: tuple[float, float, float]
    """Unit normal of the face turned towards the scope."""
    radius: float
    thickness: float

    def basis(self) -> tuple[F32, F32, F32]:
        n = _vec(self.axis)
        n = n / np.linalg.norm(n)
        helper = _vec((0.0, 1.0, 0.0)) if abs(n[1]) < 0.9 else _vec((1.0, 0.0, 0.0))
        e1 = np.cross(helper, n)
        e1 = e1 / np.linalg.norm(e1)
        e2 = np.cross(n, e1)
        return n.astype(np.float32), e1.astype(np.float32), e2.astype(np.float32)

    def intersect(self, rays: F32) -> Hit:
        n, e1, e2 = self.basis()
        c = _vec(self.centre)
        half = self.thickness / 2
        dn = rays @ n
        best = np.full(rays.shape[0], np.inf, dtype=np.float32)
        normal = np.zeros_like(rays)
        u = np.zeros(rays.shape[0], dtype=np.float32)
        v = np.zeros(rays.shape[0], dtype=np.float32)
        for sign in (1.0, -1.0):
            cap = c + sign * half * n
            with np.errstate(divide="ignore", invalid="ignore"):
                t = np.where(np.abs(dn) > 1e-6, float(cap @ n) / dn, np.inf)
            p = np.where(np.isfinite(t), t, 0.0)[:, None] * rays - cap
            pu = p @ e1
            pv = p @ e2
            ok = (t > 0) & (pu * pu + pv * pv < self.radius**2) & (t < best)
            best = np.where(ok, t, best).astype(np.float32)
            normal[ok] = sign * n
            u = np.where(ok, pu / self.radius, u)
            v = np.where(ok, pv / self.radius, v)
        # The edge: an infinite cylinder around the axis, cut to the coin's thickness.
        d_perp = rays - dn[:, None] * n
        w = -c
        w_perp = w - float(w @ n) * n
        a = np.einsum("ij,ij->i", d_perp, d_perp)
        b = 2 * (d_perp @ w_perp)
        cc = float(w_perp @ w_perp) - self.radius**2
        disc = b * b - 4 * a * cc
        ok = (disc > 0) & (a > 1e-9)
        root = np.sqrt(np.where(ok, disc, 0.0))
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.where(ok, (-b - root) / (2 * a), np.inf)
        p = np.where(np.isfinite(t), t, 0.0)[:, None] * rays - c
        axial = p @ n
        ok = ok & (t > 0) & (np.abs(axial) <= half) & (t < best)
        radial = p - axial[:, None] * n
        radial /= np.linalg.norm(radial, axis=1, keepdims=True) + 1e-9
        best = np.where(ok, t, best).astype(np.float32)
        normal[ok] = radial[ok]
        edge_angle = np.arctan2(p @ e2, p @ e1)
        u = np.where(ok, 2.0 + edge_angle, u)  # u > 1.5 marks the milled edge
        v = np.where(ok, axial / half, v)
        return Hit(best, normal.astype(np.float32), u.astype(np.float32), v.astype(np.float32))


def coin_relief(rng: np.random.Generator, size: int = 512) -> tuple[F32, F32]:
    """The face of an invented commemorative coin: (height, metal) maps in -1..1 face coords.

    metal is 1 for the gold-coloured outer ring, 0 for the silver centre (a
    two-metal coin, distinctive enough that a reader may remember the news story).
    """
    image = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(image)
    c = size / 2
    r = size / 2

    def circle(
        radius: float, fill: int | None = None, outline: int | None = None, width: int = 1
    ) -> None:
        draw.ellipse(
            (c - radius, c - radius, c + radius, c + radius),
            fill=fill,
            outline=outline,
            width=width,
        )

    circle(r * 0.99, fill=150)
    circle(r * 0.92, fill=90)
    circle(r * 0.99, outline=230, width=max(2, size // 60))
    # Raised "lettering" around the ring: short bars like letters, in words.
    angle = rng.uniform(0, 2 * math.pi)
    while angle < 2 * math.pi * 0.93 + 0.0 and angle < 10:
        for _ in range(int(rng.integers(3, 8))):
            a = angle
            x0 = c + r * 0.76 * math.cos(a)
            y0 = c + r * 0.76 * math.sin(a)
            x1 = c + r * 0.87 * math.cos(a)
            y1 = c + r * 0.87 * math.sin(a)
            draw.line((x0, y0, x1, y1), fill=200, width=max(2, size // 90))
            angle += 0.055
        angle += 0.12
    circle(r * 0.62, fill=70)
    circle(r * 0.62, outline=200, width=max(2, size // 100))
    # A central emblem: a many-pointed star in a wreath of beads.
    points = []
    for k in range(32):
        a = k * math.pi / 16
        rad = r * (0.42 if k % 2 == 0 else 0.2)
        points.append((c + rad * math.cos(a), c + rad * math.sin(a)))
    draw.polygon(points, fill=190)
    for k in range(24):
        a = k * 2 * math.pi / 24
        x = c + r * 0.53 * math.cos(a)
        y = c + r * 0.53 * math.sin(a)
        draw.ellipse((x - size / 110, y - size / 110, x + size / 110, y + size / 110), fill=210)
    circle(r * 0.1, fill=120)
    relief = image.filter(ImageFilter.GaussianBlur(size / 300))
    height = np.asarray(relief, dtype=np.float32) / 255.0
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    rr = np.hypot(xx - c, yy - c) / r
    metal = (rr > 0.62).astype(np.float32)
    return height, metal
