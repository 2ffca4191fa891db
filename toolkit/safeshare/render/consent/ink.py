"""What a pen adds to a printed form: tick boxes, ticks, a scribbled signature, a stamp.

Strokes wobble a little by a seeded random stream, so two variants differ
but one variant is byte-stable.
"""

from __future__ import annotations

import math
import random

import numpy as np
from PIL import Image, ImageDraw

from safeshare.render.fonts import font

__all__ = ["INK", "checkbox", "signature", "stamp"]

INK = (28, 42, 112)
"""Blue-black ballpoint."""
_BOX_LINE = (70, 78, 90)
Point = tuple[float, float]


def checkbox(
    draw: ImageDraw.ImageDraw,
    box: tuple[float, float, float],
    *,
    ticked: bool,
    rng: random.Random,
    scale: float,
) -> None:
    """A printed square (x, y, size); ticked ones get a hand-drawn tick that overshoots a little."""
    x, y, s = box
    draw.rectangle((x, y, x + s, y + s), outline=_BOX_LINE, width=max(1, round(1.4 * scale)))
    if not ticked:
        return

    def jitter(v: float) -> float:
        return v + rng.uniform(-0.06, 0.06) * s

    points = [
        (jitter(x + s * 0.16), jitter(y + s * 0.52)),
        (jitter(x + s * 0.42), jitter(y + s * 0.86)),
        (jitter(x + s * 1.05), jitter(y - s * 0.22)),
    ]
    draw.line(points, fill=INK, width=max(2, round(2.6 * scale)), joint="curve")


def _bezier(p0: Point, p1: Point, p2: Point, p3: Point, n: int = 20) -> list[Point]:
    t = np.linspace(0.0, 1.0, n)
    xs = (
        (1 - t) ** 3 * p0[0]
        + 3 * (1 - t) ** 2 * t * p1[0]
        + 3 * (1 - t) * t**2 * p2[0]
        + t**3 * p3[0]
    )
    ys = (
        (1 - t) ** 3 * p0[1]
        + 3 * (1 - t) ** 2 * t * p1[1]
        + 3 * (1 - t) * t**2 * p2[1]
        + t**3 * p3[1]
    )
    return [(float(a), float(b)) for a, b in zip(xs, ys, strict=True)]


def _letter(x: float, xh: float, kind: str, rng: random.Random) -> tuple[Point, Point, Point]:
    """Control points and end of one joined letter starting at (x, 0) on the baseline (y up < 0)."""
    w = xh * rng.uniform(0.7, 1.2)
    if kind == "ascender":  # l, h, b: a tall loop
        return (x + w * 1.5, -xh * 3.0), (x - w * 0.7, -xh * 3.1), (x + w * 0.9, 0.0)
    if kind == "descender":  # g, y: a loop below the line
        return (x + w * 1.2, xh * 0.2), (x - w * 0.5, xh * 2.6), (x + w * 0.8, 0.0)
    if kind == "eye":  # e: a small loop
        return (x + w * 1.4, -xh * 1.4), (x - w * 0.4, -xh * 1.3), (x + w * 0.9, 0.0)
    return (x + w * 0.05, -xh * 1.5), (x + w * 0.95, -xh * 1.5), (x + w, 0.0)  # n, m: an arch


def _word(x: float, xh: float, rng: random.Random) -> list[Point]:
    """A capital (a big loop) then a few joined letters, on a baseline at y = 0."""
    cap = xh * rng.uniform(3.2, 4.2)
    points = _bezier(
        (x, 0.0),
        (x + cap * 0.5, -cap * 1.1),
        (x - cap * 0.5, -cap * 0.9),
        (x + cap * 0.3, -xh * 0.3),
    )
    x = points[-1][0]
    for _ in range(rng.randrange(3, 7)):
        kind = rng.choices(["arch", "ascender", "descender", "eye"], weights=[5, 2, 1, 2])[0]
        c1, c2, end = _letter(x, xh, kind, rng)
        points += _bezier(points[-1], c1, c2, end)[1:]
        x = end[0]
    return points


def signature(
    draw: ImageDraw.ImageDraw,
    area: tuple[float, float, float, float],
    *,
    rng: random.Random,
    scale: float,
) -> None:
    """A joined-up scribble filling most of `area` (x, y, w, h): two words and a flourish.

    Letters are chains of cubic Bezier arches and loops, slanted to the right,
    then scaled to the area; a long underline sweeps back beneath them.
    """
    x, y, w, h = area
    xh = 1.0
    words = [_word(0.0, xh, rng)]
    if rng.random() < 0.75:
        words.append(_word(words[0][-1][0] + xh * rng.uniform(1.2, 2.2), xh, rng))
    slant = rng.uniform(0.2, 0.45)
    flat = [(px - py * slant, py) for word in words for px, py in word]
    x0, x1 = min(p[0] for p in flat), max(p[0] for p in flat)
    y0, y1 = min(p[1] for p in flat), max(p[1] for p in flat)
    k = min(w * 0.92 / (x1 - x0), h * 0.95 / (y1 - y0))
    width = max(2, round(1.8 * scale))

    def place(p: Point) -> Point:
        return (x + (p[0] - x0) * k, y + (p[1] - y0) * k)

    for word in words:
        draw.line(
            [place((px - py * slant, py)) for px, py in word], fill=INK, width=width, joint="curve"
        )
    end = place((flat[-1][0], 0.0))
    base = place((0.0, 0.0))[1]
    tail = _bezier(
        end,
        (end[0] + w * 0.06, base + h * 0.18),
        (x + w * rng.uniform(0.3, 0.5), base + h * 0.22),
        (x + w * rng.uniform(0.0, 0.15), base + h * rng.uniform(0.05, 0.18)),
        40,
    )
    draw.line(tail, fill=INK, width=max(1, width - 1), joint="curve")


def stamp(
    image: Image.Image, text: str, centre: tuple[float, float], *, size: int, angle: float
) -> None:
    """A red rubber-stamp word in a frame, rotated and slightly see-through, pasted onto `image`."""
    face = font("sans-bold", size)
    tw = math.ceil(face.getlength(text))
    pad = size // 3
    layer = Image.new("RGBA", (tw + 4 * pad, size + 4 * pad), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    red = (190, 30, 35, 170)
    border = max(3, size // 12)
    draw.rounded_rectangle(
        (border, border, layer.width - border, layer.height - border),
        size // 6,
        outline=red,
        width=border,
    )
    draw.text((layer.width / 2, layer.height / 2), text, font=face, fill=red, anchor="mm")
    rotated = layer.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    at = (round(centre[0] - rotated.width / 2), round(centre[1] - rotated.height / 2))
    image.alpha_composite(rotated, at)
