"""Painting a fictional value into a blanked field, in the look of the text it replaces.

The font size is the largest whose ink is no taller than the original's and
whose width fits the field; the ink starts at the field's left edge and sits on
its vertical centre, in the original's colour and family.
"""

from __future__ import annotations

from typing import cast

from PIL import Image, ImageDraw, ImageFont

from safeshare.render.authored.look import TextLook, parse_colour
from safeshare.render.drawing import BoxTuple
from safeshare.render.fonts import FontName, font

__all__ = ["fit_font", "paint_field"]

_PAD = 2


def _ink(text: str, face: ImageFont.FreeTypeFont) -> tuple[int, int, int, int]:
    left, top, right, bottom = face.getbbox(text)
    return int(left), int(top), int(right), int(bottom)


def fit_font(text: str, look: TextLook, max_width: int) -> ImageFont.FreeTypeFont:
    """The largest face of the look's family whose ink is at most the look's height and width."""
    family = cast(FontName, look.family)
    lo, hi = 4, max(4, look.ink_px * 2)
    best = font(family, lo)
    while lo <= hi:
        size = (lo + hi) // 2
        face = font(family, size)
        left, top, right, bottom = _ink(text, face)
        if bottom - top <= look.ink_px and right - left <= max_width:
            best, lo = face, size + 1
        else:
            hi = size - 1
    return best


def paint_field(image: Image.Image, box: BoxTuple, text: str, look: TextLook) -> BoxTuple:
    """Draw `text` into `box` of `image` (in place) and return the padded box of its ink."""
    x, y, w, h = box
    face = fit_font(text, look, max(4, w - 2 * _PAD))
    left, top, right, bottom = _ink(text, face)
    ox = x + _PAD - left
    oy = y + (h - (bottom - top)) / 2 - top
    draw = ImageDraw.Draw(image)
    colour = parse_colour(look.colour)
    fill: tuple[int, ...] = colour if image.mode == "RGB" else (*colour, 255)
    draw.text((ox, oy), text, font=face, fill=fill)
    x0 = max(0, int(ox + left) - _PAD)
    y0 = max(0, int(oy + top) - _PAD)
    x1 = min(image.width, int(ox + right) + _PAD + 1)
    y1 = min(image.height, int(oy + bottom) + _PAD + 1)
    return (x0, y0, x1 - x0, y1 - y0)
