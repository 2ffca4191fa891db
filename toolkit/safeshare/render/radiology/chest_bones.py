"""The bones of the synthetic chest film: ribs, clavicles, scapulae, humeral heads, spine.

Ribs are broad (about 1.2 cm) with bright cortical edges. A posterior rib leaves
its vertebra almost level, runs out and bends down along the chest wall; the
anterior arc comes back down and inwards, fainter, and fades where the costal
cartilage starts. Each bone is drawn as a mask and given a cortical profile.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np

from safeshare.render.radiology.chest_geometry import (
    Canvas,
    Point,
    cortical,
    mirror,
    smooth_curve,
    soften,
)

__all__ = ["Bones", "bones"]


@dataclass(slots=True)
class Bones:
    """Bone density layers (each roughly 0..1) to be weighted by the caller."""

    posterior_ribs: np.ndarray
    anterior_ribs: np.ndarray
    shoulder: np.ndarray
    spine: np.ndarray


def _ribs(side: float, k: int, r: random.Random) -> tuple[list[Point], list[Point]]:
    """Posterior and anterior arcs of rib k (1 at the top), in positive-u units."""
    v0 = 0.035 + k * 0.062 + r.uniform(-0.006, 0.006)
    reach = [0.0, 0.42, 0.62, 0.74, 0.8, 0.84, 0.86, 0.87, 0.87, 0.86, 0.84, 0.8][k]
    reach += r.uniform(-0.015, 0.01)
    drop = (0.06 + 0.018 * k) * r.uniform(0.9, 1.1)
    if k <= 2:
        post = [
            (0.09, v0 + 0.015),
            (0.16, v0 - 0.012),
            (0.25, v0 - 0.025),
            ((0.25 + reach) / 2, v0 - 0.01 + 0.15 * drop),
            (reach, v0 + 0.6 * drop),
        ]
    else:
        post = [
            (0.09, v0 + 0.012),
            (0.15, v0 - 0.008),
            (0.24, v0 - 0.012),
            (0.4, v0 + 0.04 * drop),
            (0.56, v0 + 0.16 * drop),
            (reach - 0.1, v0 + 0.42 * drop),
            (reach - 0.02, v0 + 0.8 * drop),
            (reach, v0 + 1.05 * drop),
        ]
    end_v = post[-1][1]
    ant_len = min(0.55, reach - 0.2)
    ant = [
        (reach + 0.005, end_v + 0.025),
        (reach - 0.06, end_v + 0.06),
        (reach - 0.4 * ant_len, end_v + 0.1 + 0.002 * k),
        (reach - ant_len, end_v + 0.17 + 0.005 * k),
    ]
    return mirror(smooth_curve(post, 60), side), mirror(smooth_curve(ant, 30), side)


def _vertebrae(c: Canvas, r: random.Random) -> np.ndarray:
    """Thoracic vertebral bodies with end plates, pedicles and spinous processes."""
    im, d = c.layer()
    for k in range(16):
        top = -0.06 + k * 0.066
        hw = 0.075 + 0.0025 * k
        x0, y0 = c.px(-hw, top)
        x1, y1 = c.px(hw, top + 0.052)
        d.rounded_rectangle((x0, y0, x1, y1), radius=(x1 - x0) * 0.15, fill=0.55)
        # End plates are denser than the body.
        d.line([(x0 + 3, y0 + 1), (x1 - 3, y0 + 1)], fill=0.85, width=max(2, int(c.h * 0.003)))
        d.line([(x0 + 3, y1 - 1), (x1 - 3, y1 - 1)], fill=0.85, width=max(2, int(c.h * 0.003)))
        for side in (-1.0, 1.0):
            px, py = c.px(side * (hw - 0.02), top + 0.018)
            rx, ry = c.w * 0.011, c.h * 0.012
            d.ellipse(
                (px - rx, py - ry, px + rx, py + ry), outline=0.95, width=max(2, int(c.w * 0.004))
            )
        sx, sy = c.px(r.uniform(-0.004, 0.004), top + 0.045)
        d.ellipse(
            (sx - c.w * 0.007, sy - c.h * 0.016, sx + c.w * 0.007, sy + c.h * 0.016), fill=0.8
        )
    return soften(c.array(im), 2.0)


def bones(c: Canvas, r: random.Random) -> Bones:
    """All the bones of the chest, each layer with its cortical profile."""
    post_mask, pd = c.layer()
    ant_mask, ad = c.layer()
    gain_layer, gd = c.layer()
    scale = c.h / 1408
    for side in (-1.0, 1.0):
        for k in range(1, 12):
            post, ant = _ribs(side, k, r)
            w = (30 + 1.6 * k) * scale * r.uniform(0.9, 1.1)
            n = len(post)
            # Narrow at the neck of the rib, broad along the shaft.
            c.draw_line(pd, post[: n // 4 + 1], w * 0.7)
            c.draw_line(pd, post[n // 4 :], w)
            c.draw_line(ad, ant, w * 0.95)
            # No two ribs are quite alike: each has its own density, varying along it.
            g = r.uniform(0.75, 1.1)
            c.draw_line(gd, post[: n // 2], w * 1.3, g * r.uniform(0.85, 1.1))
            c.draw_line(gd, post[n // 2 - 1 :], w * 1.3, g * r.uniform(0.85, 1.1))
    post_arr, ant_arr = c.array(post_mask), c.array(ant_mask)
    posterior = cortical(post_arr, 3.0 * scale) * soften(c.array(gain_layer), 6.0)
    anterior = cortical(ant_arr, 3.0 * scale)
    # Anterior arcs fade medially toward the costal cartilage.
    anterior *= np.clip((np.abs(c.u) - 0.22) / 0.3, 0, 1) ** 0.8

    # Clavicles (S-curves), scapulae and humeral heads.
    sh, sd = c.layer()
    for side in (-1.0, 1.0):
        clav = [
            (0.07, 0.115),
            (0.16, 0.1),
            (0.3, 0.085),
            (0.46, 0.078),
            (0.6, 0.058),
            (0.72, 0.035),
        ]
        clav = [(u, v + r.uniform(-0.005, 0.005)) for u, v in clav]
        pts = mirror(smooth_curve(clav, 60), side)
        c.draw_line(sd, pts[:20], 46 * scale)
        c.draw_line(sd, pts[18:], 38 * scale)
    clav_arr = cortical(c.array(sh), 4.5 * scale)
    blades = np.zeros((c.h, c.w), dtype=np.float32)
    heads = np.zeros((c.h, c.w), dtype=np.float32)
    for side in (-1.0, 1.0):
        scap = [
            (0.85, 0.075),
            (0.7, 0.055),
            (0.6, 0.07),
            (0.63, 0.22),
            (0.7, 0.4),
            (0.78, 0.3),
            (0.88, 0.14),
        ]
        outline = mirror(smooth_curve(scap, 70), side)
        blade = c.polygon(outline)
        blades += 0.45 * blade + 0.5 * c.polyline(outline[20:], 7 * scale)
        head = c.ellipse(side * 0.97, 0.105, 0.09, 0.055)
        ball = np.clip(1 - head, 0, 1)
        heads += (0.6 + 0.4 * (1 - ball) ** 2) * (head < 1)
        heads += (
            0.8 * c.polyline([(side * 1.0, 0.13), (side * 1.08, 0.5)], c.w * 0.09) * (head >= 1)
        )
        # The glenoid and acromion: a bright rim where the head meets the blade.
        heads += 0.4 * c.polyline(
            mirror(smooth_curve([(0.855, 0.065), (0.845, 0.1), (0.86, 0.145)], 20), side), 9 * scale
        )
        heads += 0.5 * c.polyline(mirror([(0.74, 0.04), (0.9, 0.035)], side), 24 * scale)
    shoulder = clav_arr + soften(blades, 4.0) * 0.5 + cortical(np.minimum(heads, 1.0), 5.0 * scale)
    return Bones(
        posterior_ribs=soften(posterior, 1.0),
        anterior_ribs=soften(anterior, 1.6),
        shoulder=soften(shoulder, 1.0),
        spine=_vertebrae(c, r),
    )
