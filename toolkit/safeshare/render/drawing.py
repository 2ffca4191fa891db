"""Drawing text into an image and knowing exactly where it landed."""

from __future__ import annotations

from PIL import ImageDraw, ImageFont

__all__ = ["BoxTuple", "draw_text", "text_box", "union"]

BoxTuple = tuple[int, int, int, int]
"""(x, y, w, h) in pixels."""


def text_box(
    draw: ImageDraw.ImageDraw,
    xy: tuple[float, float],
    text: str,
    font: ImageFont.FreeTypeFont,
    *,
    pad: int = 2,
) -> BoxTuple:
    """The tight box (x, y, w, h) the text would cover, padded by `pad` pixels."""
    left, top, right, bottom = draw.textbbox(xy, text, font=font)
    return (
        int(left) - pad,
        int(top) - pad,
        int(right - left) + 2 * pad,
        int(bottom - top) + 2 * pad,
    )


def draw_text(
    draw: ImageDraw.ImageDraw,
    xy: tuple[float, float],
    text: str,
    font: ImageFont.FreeTypeFont,
    fill: tuple[int, ...] | str,
    *,
    pad: int = 2,
) -> BoxTuple:
    """Draw text and return its padded box, for the key."""
    draw.text(xy, text, font=font, fill=fill)
    return text_box(draw, xy, text, font, pad=pad)


def union(*boxes: BoxTuple) -> BoxTuple:
    """The smallest box holding all the given boxes."""
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[0] + b[2] for b in boxes)
    y1 = max(b[1] + b[3] for b in boxes)
    return (x0, y0, x1 - x0, y1 - y0)
