"""What is behind the subject on a ward: a wall, a curtain, a whiteboard, a screen.

The backdrop fills the top of a wider shot, out of focus but still legible,
which is exactly how other patients' names end up in a clinical photo.
"""

from __future__ import annotations

import random

import numpy as np

from safeshare.model.facts import Facts
from safeshare.render.photo.boards import screen_card, whiteboard_card
from safeshare.render.photo.noise import FloatArray, smooth_noise
from safeshare.render.photo.place import Placement, rect_corners
from safeshare.render.photo.props import Card
from safeshare.render.photo.scene import Mark

__all__ = ["glare", "place_card", "ward_backdrop"]


def place_card(
    card: Card,
    rgb: FloatArray,
    *,
    centre: tuple[float, float],
    width: float,
    angle: float = 0.0,
    skew: float = 0.0,
    bend: float = 0.0,
    shade: float = 0.0,
    light: float = 1.0,
) -> Placement:
    """Composite a card into `rgb` in place; return its placement (to map its boxes).

    `skew` narrows the right edge (a card seen a little from the side).
    """
    cw, ch = card.size
    height = width * ch / cw
    corners = list(rect_corners(centre[0], centre[1], width, height, angle))
    if skew:
        # pull the right-hand corners towards the card's middle line: perspective
        for i in (1, 2):
            x, y = corners[i]
            corners[i] = (x, centre[1] + (y - centre[1]) * (1 - skew))
    placement = Placement((cw, ch), tuple(corners), bend)
    layer = placement.warp(card.image, rgb.shape[:2])
    r = layer.region
    lit = layer.rgb[r] * light
    a = layer.alpha[r][..., None]
    facing = (1.0 - shade * (1.0 - layer.facing[r]))[..., None]
    rgb[r] = rgb[r] * (1 - a) + lit * facing * a
    return placement


def glare(
    rgb: FloatArray, alpha: FloatArray, rng: random.Random, *, strength: float = 0.14
) -> None:
    """A soft diagonal reflection of the ceiling lights across glossy glass or board (in place)."""
    ys, xs = np.nonzero(alpha > 0.5)
    if len(xs) == 0:
        return
    y0, y1, x0, x1 = int(ys.min()), int(ys.max()) + 1, int(xs.min()), int(xs.max()) + 1
    yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
    u = (xx - x0) / max(1, x1 - x0) + 0.5 * (yy - y0) / max(1, y1 - y0)
    centre = rng.uniform(0.35, 1.1)
    band = np.exp(-(((u - centre) / 0.16) ** 2)) * strength
    band += np.exp(-(((u - centre - 0.22) / 0.05) ** 2)) * strength * 0.5
    a = (alpha[y0:y1, x0:x1] * band)[..., None]
    rgb[y0:y1, x0:x1] = rgb[y0:y1, x0:x1] * (1 - a) + a * np.array(
        (1.0, 1.0, 1.0), dtype=np.float32
    )


def ward_backdrop(
    rng: np.random.Generator,
    pyrng: random.Random,
    shape: tuple[int, int],
    facts: Facts,
    *,
    horizon: int,
    whiteboard: bool,
    screen: bool,
) -> tuple[FloatArray, list[Mark]]:
    """The ward behind the subject (full frame; the caller keeps the part above `horizon`)."""
    h, w = shape
    rgb = np.empty((*shape, 3), dtype=np.float32)
    wall = np.array(pyrng.choice([(0.86, 0.84, 0.76), (0.80, 0.85, 0.84), (0.88, 0.86, 0.82)]))
    rgb[:] = wall
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    rgb *= (0.9 + 0.12 * (1 - yy / max(horizon, 1)) * 0.5 + 0.03 * smooth_noise(rng, shape, 200))[
        ..., None
    ]
    marks: list[Mark] = []
    # a privacy curtain down one side
    side = pyrng.choice([0, 1])
    cw = int(w * pyrng.uniform(0.16, 0.24))
    x0 = 0 if side == 0 else w - cw
    curtain = np.empty((h, cw, 3), dtype=np.float32)
    curtain[:] = pyrng.choice([(0.42, 0.62, 0.66), (0.55, 0.62, 0.78), (0.60, 0.70, 0.52)])
    period = pyrng.uniform(16, 26)
    drift = 0.6 * smooth_noise(rng, (h, cw), 300.0)
    phase = xx[:, :cw] / period + drift + 0.8 * np.sin(xx[:, :cw] / (period * 3.3))
    folds = 0.80 + 0.20 * np.sin(phase) ** 3
    curtain *= (folds * (0.92 + 0.08 * yy[:, :cw] / h))[..., None]
    rgb[:, x0 : x0 + cw] = curtain
    free = (cw, w) if side == 0 else (0, w - cw)
    span = free[1] - free[0]
    if whiteboard:
        card = whiteboard_card(pyrng, facts, bay=f"Bay {pyrng.choice('ABCD')}")
        width = min(span * pyrng.uniform(0.42, 0.52), horizon * 1.45)
        cx = free[0] + span * (0.3 if screen else 0.5) + pyrng.uniform(-40, 40)
        cy = horizon * pyrng.uniform(0.48, 0.54)
        placement = place_card(
            card,
            rgb,
            centre=(cx, cy),
            width=width,
            angle=pyrng.uniform(-0.03, 0.03),
            skew=pyrng.uniform(0.03, 0.09) * pyrng.choice([-1, 1]),
        )
        glare(rgb, placement.warp(card.image, shape).alpha, pyrng, strength=0.12)
        marks.append(
            Mark(
                "background_information",
                _clip(placement.box(card.boxes["names"], shape), horizon),
                f"Ward whiteboard with patients' names by bed: {card.texts['names']}",
            )
        )
    if screen:
        card = screen_card(pyrng, facts, title=f"Ward {pyrng.randrange(3, 30)} - Patient list")
        width = min(span * pyrng.uniform(0.36, 0.42), horizon * 1.3)
        cx = free[0] + span * (0.78 if whiteboard else 0.5) + pyrng.uniform(-30, 30)
        cy = horizon * pyrng.uniform(0.45, 0.55)
        placement = place_card(
            card,
            rgb,
            centre=(cx, cy),
            width=width,
            angle=pyrng.uniform(-0.04, 0.04),
            skew=pyrng.uniform(0.04, 0.12),
            light=1.1,
        )
        glare(rgb, placement.warp(card.image, shape).alpha, pyrng, strength=0.16)
        marks.append(
            Mark(
                "background_information",
                _clip(placement.box(card.boxes["list"], shape), horizon),
                f"Screen showing a patient list: {card.texts['names']}",
            )
        )
    return rgb, [m for m in marks if m.box[2] > 0]


def _clip(box: tuple[int, int, int, int] | None, horizon: int) -> tuple[int, int, int, int]:
    """A box cut at the horizon (below it the foreground hides the wall)."""
    if box is None:
        return (0, 0, 0, 0)
    x, y, w, h = box
    bottom = min(y + h, horizon)
    return (x, y, w, max(0, bottom - y))
