"""Simple vector icons for the post card: badge, actions, location pin, avatar.

Drawn with PIL primitives on a supersampled canvas, so edges come out smooth
after the card is scaled down. No platform's own artwork is copied.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw

from safeshare.render.fonts import font

__all__ = [
    "Colour",
    "avatar",
    "bookmark",
    "heart",
    "initials",
    "more_dots",
    "pin",
    "reply",
    "repost",
    "verified_badge",
    "views",
]

Colour = tuple[int, int, int]

_TITLES = {"dr", "dr.", "prof", "prof.", "professor", "mr", "mrs", "ms", "miss", "mx", "sister"}


def initials(display_name: str) -> str:
    """Up to two initials of a display name, skipping titles such as 'Dr'."""
    words = [w for w in display_name.split() if w.lower() not in _TITLES]
    letters = [next((c for c in w if c.isalnum()), "") for w in words]
    letters = [c.upper() for c in letters if c]
    if not letters:
        return "?"
    return letters[0] + (letters[-1] if len(letters) > 1 else "")


def _hex(colour: str) -> Colour:
    value = colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"avatar colour {colour!r} is not #rrggbb")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def avatar(diameter: int, colour: str, name: str) -> Image.Image:
    """A round avatar: a diagonal gradient of the colour with white initials (RGBA)."""
    base = np.array(_hex(colour), dtype=np.float32)
    light = base + (255 - base) * 0.25
    dark = base * 0.72
    yy, xx = np.mgrid[0:diameter, 0:diameter].astype(np.float32)
    t = ((xx + yy) / max(1, 2 * diameter - 2))[..., None]
    rgb = (light * (1 - t) + dark * t).clip(0, 255).astype(np.uint8)
    image = Image.fromarray(rgb, "RGB").convert("RGBA")
    mask = Image.new("L", (diameter, diameter), 0)
    ImageDraw.Draw(mask).ellipse((0, 0, diameter - 1, diameter - 1), fill=255)
    image.putalpha(mask)
    draw = ImageDraw.Draw(image)
    letters = initials(name)
    face = font("sans-bold", int(diameter * (0.40 if len(letters) > 1 else 0.46)))
    draw.text(
        (diameter / 2, diameter / 2), letters, font=face, fill=(255, 255, 255, 255), anchor="mm"
    )
    return image


def verified_badge(draw: ImageDraw.ImageDraw, centre: tuple[float, float], r: float) -> None:
    """A scalloped blue rosette with a white tick."""
    cx, cy = centre
    blue = (35, 128, 214)
    draw.ellipse((cx - r * 0.82, cy - r * 0.82, cx + r * 0.82, cy + r * 0.82), fill=blue)
    for k in range(8):
        a = 2 * math.pi * k / 8
        px, py = cx + r * 0.58 * math.cos(a), cy + r * 0.58 * math.sin(a)
        q = r * 0.42
        draw.ellipse((px - q, py - q, px + q, py + q), fill=blue)
    w = max(2, round(r * 0.22))
    points = [
        (cx - r * 0.40, cy + r * 0.02),
        (cx - r * 0.10, cy + r * 0.32),
        (cx + r * 0.42, cy - r * 0.30),
    ]
    draw.line(points, fill=(255, 255, 255), width=w, joint="curve")


def reply(draw: ImageDraw.ImageDraw, box: tuple[float, float, float], colour: Colour) -> None:
    """A speech bubble outline; box is (x, y, size)."""
    x, y, s = box
    w = max(2, round(s * 0.09))
    draw.rounded_rectangle(
        (x + s * 0.06, y + s * 0.10, x + s * 0.94, y + s * 0.74),
        radius=s * 0.30,
        outline=colour,
        width=w,
    )
    draw.polygon(
        [(x + s * 0.24, y + s * 0.66), (x + s * 0.44, y + s * 0.70), (x + s * 0.16, y + s * 0.94)],
        fill=colour,
    )


def repost(draw: ImageDraw.ImageDraw, box: tuple[float, float, float], colour: Colour) -> None:
    """Two arrows chasing each other round a rectangle."""
    x, y, s = box
    w = max(2, round(s * 0.09))
    draw.line(
        [(x + s * 0.18, y + s * 0.72), (x + s * 0.18, y + s * 0.25), (x + s * 0.70, y + s * 0.25)],
        fill=colour,
        width=w,
        joint="curve",
    )
    draw.polygon(
        [(x + s * 0.02, y + s * 0.56), (x + s * 0.34, y + s * 0.56), (x + s * 0.18, y + s * 0.78)],
        fill=colour,
    )
    draw.line(
        [(x + s * 0.82, y + s * 0.28), (x + s * 0.82, y + s * 0.75), (x + s * 0.30, y + s * 0.75)],
        fill=colour,
        width=w,
        joint="curve",
    )
    draw.polygon(
        [(x + s * 0.66, y + s * 0.44), (x + s * 0.98, y + s * 0.44), (x + s * 0.82, y + s * 0.22)],
        fill=colour,
    )


def _heart_points(x: float, y: float, s: float) -> list[tuple[float, float]]:
    points = []
    for k in range(72):
        t = 2 * math.pi * k / 72
        hx = 16 * math.sin(t) ** 3
        hy = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
        points.append((x + s * 0.5 + hx * s / 36, y + s * 0.46 - hy * s / 36))
    return points


def heart(
    draw: ImageDraw.ImageDraw, box: tuple[float, float, float], colour: Colour, *, filled: bool
) -> None:
    """A heart, filled or outlined."""
    x, y, s = box
    points = _heart_points(x, y, s)
    if filled:
        draw.polygon(points, fill=colour)
    else:
        draw.line([*points, points[0]], fill=colour, width=max(2, round(s * 0.09)), joint="curve")


def views(draw: ImageDraw.ImageDraw, box: tuple[float, float, float], colour: Colour) -> None:
    """Three bars of rising height."""
    x, y, s = box
    bw = s * 0.16
    for i, h in enumerate((0.40, 0.85, 0.62)):
        left = x + s * 0.12 + i * s * 0.28
        draw.rectangle((left, y + s * (0.92 - h), left + bw, y + s * 0.92), fill=colour)


def bookmark(draw: ImageDraw.ImageDraw, box: tuple[float, float, float], colour: Colour) -> None:
    """A ribbon bookmark outline."""
    x, y, s = box
    points = [
        (x + s * 0.22, y + s * 0.06),
        (x + s * 0.78, y + s * 0.06),
        (x + s * 0.78, y + s * 0.94),
        (x + s * 0.50, y + s * 0.70),
        (x + s * 0.22, y + s * 0.94),
    ]
    draw.line([*points, points[0]], fill=colour, width=max(2, round(s * 0.09)), joint="curve")


def pin(draw: ImageDraw.ImageDraw, box: tuple[float, float, float], colour: Colour) -> None:
    """A map pin: a teardrop with a hole."""
    x, y, s = box
    r = s * 0.32
    cx, cy = x + s * 0.5, y + s * 0.36
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour)
    draw.polygon(
        [(cx - r * 0.86, cy + r * 0.5), (cx + r * 0.86, cy + r * 0.5), (cx, y + s * 0.98)],
        fill=colour,
    )
    h = r * 0.42
    draw.ellipse((cx - h, cy - h, cx + h, cy + h), fill=(255, 255, 255))


def more_dots(
    draw: ImageDraw.ImageDraw, centre: tuple[float, float], r: float, colour: Colour
) -> None:
    """The three-dot menu."""
    cx, cy = centre
    for dx in (-3.2, 0.0, 3.2):
        draw.ellipse((cx + dx * r - r, cy - r, cx + dx * r + r, cy + r), fill=colour)
