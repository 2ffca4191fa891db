"""The lungs of the synthetic chest film: outlines, air, and the pulmonary vessel tree.

Each lung is an outline of its chest-wall, diaphragm and mediastinal borders.
The heart-side lung carries the aortic knuckle, the pulmonary trunk and the
rounded left ventricle; the other the superior vena cava and right atrium, so
the cardiac silhouette is whatever the lungs leave. Air is thicker in the middle
of a lung than at its edge; the edge is soft against the chest wall (the pleura
curves away from the beam) but crisp against the heart and the diaphragm.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import numpy as np
from PIL import ImageDraw

from safeshare.render.radiology.chest_geometry import (
    Canvas,
    Point,
    lowres_distance,
    mirror,
    smooth_curve,
    soften,
)

__all__ = ["Lungs", "diaphragm_v", "lungs", "vessel_tree"]


@dataclass(slots=True)
class Lungs:
    """Air in the lungs (0..1), the lung masks, and distance into them in pixels."""

    air: np.ndarray
    mask: np.ndarray
    depth: np.ndarray
    reach: np.ndarray
    """Distance (pixels) to the chest wall, apex or diaphragm, ignoring the mediastinum."""
    heart: np.ndarray
    """Mask of the cardiac silhouette (between the lungs, above the diaphragm)."""


def diaphragm_v(a: float, dome: float, peak: float, medial_end: float, lateral: float) -> float:
    """Height of a hemidiaphragm at distance `a` from the midline: a dome highest at `peak`."""
    if a >= peak:
        return dome + 0.08 * ((a - peak) / (lateral - peak)) ** 2
    return dome + 0.025 * ((peak - a) / max(peak - medial_end, 1e-3)) ** 2


def _outline(side: float, heart_side: float, dome: float, r: random.Random) -> list[Point]:
    """Outline of the lung on image side `side` (+-1)."""
    lat = r.uniform(0.84, 0.88)
    apex = (r.uniform(0.24, 0.3), r.uniform(0.02, 0.04))
    lateral = smooth_curve(
        [
            apex,
            (0.42, 0.055),
            (0.6, 0.15),
            (lat - 0.08, 0.3),
            (lat - 0.02, 0.48),
            (lat, 0.64),
            (lat + 0.005, dome + 0.08),
        ],
        90,
    )
    if side == heart_side:
        apex_x = r.uniform(0.47, 0.53)
        knuckle = r.uniform(0.24, 0.27)
        medial = smooth_curve(
            [
                (apex_x, dome + 0.025),
                (apex_x + 0.025, dome - 0.06),
                (apex_x + 0.005, 0.6),
                (apex_x - 0.07, 0.535),
                (0.36, 0.495),
                (0.28, 0.465),
                (0.235, 0.435),
                (0.23, 0.395),
                (0.21, 0.36),
                (knuckle, 0.325),
                (knuckle - 0.01, 0.28),
                (0.17, 0.25),
                (0.12, 0.2),
                (0.1, 0.12),
                (0.14, 0.05),
                apex,
            ],
            120,
        )
        medial_end = apex_x
    else:
        ra = r.uniform(0.24, 0.28)
        medial = smooth_curve(
            [
                (ra - 0.04, dome + 0.025),
                (ra - 0.005, dome - 0.07),
                (ra + 0.008, 0.62),
                (ra - 0.012, 0.56),
                (ra - 0.05, 0.505),
                (0.195, 0.475),
                (0.175, 0.44),
                (0.17, 0.37),
                (0.155, 0.27),
                (0.12, 0.18),
                (0.1, 0.12),
                (0.14, 0.05),
                apex,
            ],
            100,
        )
        medial_end = ra - 0.03
    peak = r.uniform(0.42, 0.5) if side != heart_side else r.uniform(0.58, 0.64)
    top_lat = lateral[-1][0]
    steps = 30
    dia = []
    for k in range(1, steps):
        a = top_lat + (medial_end - top_lat) * k / steps
        dia.append((a, diaphragm_v(a, dome, peak, medial_end, top_lat)))
    return mirror(lateral + dia + medial, side)


def lungs(c: Canvas, r: random.Random, heart_side: float, domes: dict[float, float]) -> Lungs:
    """Both lungs: masks, air thickness, and the cardiac silhouette between them."""
    mask = np.zeros((c.h, c.w), dtype=np.float32)
    for side in (-1.0, 1.0):
        mask = np.maximum(mask, c.polygon(_outline(side, heart_side, domes[side], r)))
    depth = lowres_distance(mask)
    # Air thickness grows like a chord of a cylinder with distance from the edge.
    thick = np.sqrt(np.clip(depth / (0.1 * c.w), 0, 1))
    # Soft against the chest wall and at the apices, crisp against heart and diaphragm.
    u, v = np.abs(c.u), c.v
    dome_lo = min(domes.values())
    wall = np.clip((u - 0.55) / 0.12, 0, 1) * np.clip((dome_lo - 0.02 - v) / 0.06, 0, 1)
    wall = np.maximum(wall, np.clip((0.2 - v) / 0.08, 0, 1))
    sharp = soften(mask, 1.0)
    soft = soften(mask, 0.01 * c.w)
    edge = sharp * (1 - wall) + soft * wall
    air = edge * (0.4 + 0.6 * soften(thick, 3.0))
    # Posterior costophrenic recesses: lung still lies behind the upper abdomen.
    recess = np.zeros_like(mask)
    for side in (-1.0, 1.0):
        su = c.u * side
        dv = c.v - (domes[side] + 0.02)
        recess += (
            np.clip(dv / 0.02, 0, 1)
            * np.clip(1 - dv / (0.06 + 0.1 * np.clip((su - 0.3) / 0.5, 0, 1)), 0, 1)
            * np.clip((su - 0.2) / 0.2, 0, 1)
            * np.clip((0.86 - su) / 0.08, 0, 1)
        )
    air += 0.22 * soften(recess, 8.0) * (1 - mask)
    # The cardiac silhouette: between the lungs, above the diaphragm, below the hila.
    hs = heart_side
    heart = (1 - mask) * np.clip((c.v - 0.43) / 0.02, 0, 1)
    heart *= np.clip((c.u * hs + 0.3) / 0.02, 0, 1) * np.clip((0.56 - c.u * hs) / 0.02, 0, 1)
    heart *= np.clip((max(domes.values()) + 0.03 - c.v) / 0.05, 0, 1)
    # Retrocardiac lung: the lower lobes behind the heart keep it from being white.
    air += 0.2 * soften(heart * np.clip((c.v - 0.5) / 0.15, 0, 1), 6.0)
    middle = (np.abs(c.u) < 0.3) * (c.v > 0.0) * (c.v < max(domes.values()))
    reach = lowres_distance(np.maximum(np.maximum(mask, heart), middle.astype(np.float32)))
    return Lungs(air=air.astype(np.float32), mask=mask, depth=depth, reach=reach, heart=heart)


def vessel_tree(
    c: Canvas, side: float, heart_side: float, r: random.Random, lung: Lungs
) -> np.ndarray:
    """Pulmonary vessels branching from one hilum, thick there and tapering outward.

    A vessel's shadow is as dense as it is wide, so trunks at the hilum are bright
    and the twigs fade out before the outer third of the lung.
    """
    im, d = c.layer()
    hx, hy = c.px(
        side * (0.22 if side == heart_side else 0.18), 0.39 if side == heart_side else 0.41
    )
    scale = c.w / 1152
    stop_px = 0.06 * c.w
    stack: list[tuple[float, float, float, float, int]] = []
    trunks = [
        (-115, 14),
        (-90, 15),
        (-62, 12),
        (-30, 10),
        (0, 12),
        (14, 10),
        (22, 14),
        (34, 12),
        (42, 18),
        (52, 13),
        (62, 18),
        (72, 12),
        (80, 14),
    ]
    for angle, w0 in trunks:
        if side == heart_side and angle > 0:
            angle = int(angle * 0.75)  # the heart pushes the lower-lobe arteries out
        a = math.radians(angle + r.uniform(-8, 8))
        # The hilum is a tall arc of arteries, not a point: upper-lobe branches
        # leave from its top, lower-lobe ones from its descending limb.
        x0 = hx + side * (r.uniform(0, 18) + 14 * (1 - abs(angle) / 115)) * scale
        y0 = hy + (angle / 115 * 0.065 * c.h + r.uniform(-12, 12) * scale)
        stack.append(
            (
                x0,
                y0,
                math.atan2(math.sin(a), math.cos(a) * side),
                w0 * scale * r.uniform(0.85, 1.15) * (0.9 if side == heart_side else 1.0),
                0,
            )
        )
    draw: ImageDraw.ImageDraw = d
    # The hilar arteries: one curved trunk the lobar branches leave from.
    roots = sorted((y0, x0, w) for x0, y0, _, w, _ in stack)
    trunk = [(x0, y0) for y0, x0, _ in roots]
    draw.line(trunk, fill=0.9, width=max(1, round(13 * scale)), joint="curve")
    for (x0, y0), (_, _, w) in zip(trunk, roots, strict=True):
        draw.ellipse((x0 - w / 2, y0 - w / 2, x0 + w / 2, y0 + w / 2), fill=0.9)
    while stack:
        x, y, ang, w, depth = stack.pop()
        length = (10 + 3.2 * w / scale) * scale * r.uniform(0.6, 1.3) * (0.55 if depth == 0 else 1)
        ang += math.radians(r.uniform(-9, 9))  # vessels wander a little
        nx, ny = x + math.cos(ang) * length, y + math.sin(ang) * length
        ix, iy = int(nx), int(ny)
        inside = 0 <= ix < c.w and 0 <= iy < c.h
        if not inside:
            continue
        if lung.reach[iy, ix] < stop_px * r.uniform(0.6, 1.4):
            continue
        value = min(1.0, 0.08 + 0.92 * w / (16 * scale))
        draw.line([(x, y), (nx, ny)], fill=value, width=max(1, round(w)))
        if w > 3 * scale:
            rr = w / 2
            draw.ellipse((nx - rr, ny - rr, nx + rr, ny + rr), fill=value)
        if w < 0.9 * scale or depth > 22:
            continue
        # The main stem carries on; a side branch leaves at a wider angle.
        turn = r.choice((-1, 1))
        stack.append(
            (
                nx,
                ny,
                ang + turn * math.radians(r.uniform(3, 12)),
                w * r.uniform(0.82, 0.92),
                depth + 1,
            )
        )
        if r.random() < 0.85:
            stack.append(
                (
                    nx,
                    ny,
                    ang - turn * math.radians(r.uniform(25, 50)),
                    w * r.uniform(0.45, 0.65),
                    depth + 1,
                )
            )
    return soften(c.array(im), 1.6)
