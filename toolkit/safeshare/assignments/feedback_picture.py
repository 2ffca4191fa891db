"""A learner's marks and the key of their own variant, drawn on the case's image.

The same colours as the widget's Check: green for what the learner found
(their own mark), orange for the right place with the wrong category, red for
what they missed (the key's box, dashed), amber for a false alarm. Each box
carries the number of its line in the written feedback, so the picture and
the words point at each other. The picture is a JPEG small enough to sit in
a feedback page (at most MAX_WIDTH pixels wide).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw

from safeshare.grade.answer import Point
from safeshare.model.locations import Box
from safeshare.render.fonts import font

__all__ = ["COLOURS", "Outline", "draw_outlines"]

MAX_WIDTH = 900
COLOURS: dict[str, tuple[int, int, int]] = {
    "found": (26, 127, 55),
    "partial": (188, 76, 0),
    "missed": (207, 34, 46),
    "false_alarm": (154, 103, 0),
}
"""Status to RGB, chosen to read on light and dark images alike (with a white halo)."""


@dataclass(frozen=True, slots=True)
class Outline:
    """One box (or click) to draw: where, why (its status) and its number in the list."""

    location: Box | Point
    status: str
    number: int


def _dashed_rectangle(
    draw: ImageDraw.ImageDraw, box: tuple[float, float, float, float], *, fill: tuple[int, ...]
) -> None:
    x0, y0, x1, y1 = box
    dash = 8
    for start, end, fixed, horizontal in (
        (x0, x1, y0, True),
        (x0, x1, y1, True),
        (y0, y1, x0, False),
        (y0, y1, x1, False),
    ):
        pos = start
        while pos < end:
            stop = min(pos + dash, end)
            line = (pos, fixed, stop, fixed) if horizontal else (fixed, pos, fixed, stop)
            draw.line(line, fill=fill, width=3)
            pos += 2 * dash


def _label(
    draw: ImageDraw.ImageDraw,
    box: tuple[float, float, float, float],
    text: str,
    colour: tuple[int, ...],
) -> None:
    """The number of a box beside it (left, else right), never over what it outlines."""
    face = font("sans-bold", 15)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=face)
    w, h = right - left + 8, bottom - top + 6
    x = box[0] - w - 3 if box[0] >= w + 3 else box[2] + 3
    y = max(0.0, box[1])
    draw.rectangle((x, y, x + w, y + h), fill=colour)
    draw.text((x + 4 - left, y + 3 - top), text, fill=(255, 255, 255), font=face)


@lru_cache(maxsize=64)
def _base(path: str, mtime_ns: int) -> tuple[Image.Image, float]:
    """The image scaled to at most MAX_WIDTH, and the scale: once per picture per process.

    Autograde grades a whole cohort in one process and a pool of n variants
    means about one learner in n shares each picture, so decoding and scaling
    once per variant (not once per learner) is most of the time saved.
    """
    del mtime_ns  # part of the cache key only: a redrawn picture is read again
    with Image.open(path) as opened:
        original_width = opened.size[0]
        opened.draft("RGB", (MAX_WIDTH, MAX_WIDTH))  # JPEG: decode at a reduced size
        picture = opened.convert("RGB")
    if picture.width > MAX_WIDTH:
        picture.thumbnail((MAX_WIDTH, MAX_WIDTH * 4), Image.Resampling.BICUBIC, reducing_gap=2.0)
    return picture, picture.width / max(original_width, 1)


def draw_outlines(image_path: Path, outlines: Sequence[Outline]) -> bytes:
    """The image with these outlines drawn, scaled to at most MAX_WIDTH, as JPEG bytes."""
    base, scale = _base(str(image_path), image_path.stat().st_mtime_ns)
    picture = base.copy()
    draw = ImageDraw.Draw(picture)
    for outline in outlines:
        colour = COLOURS.get(outline.status, COLOURS["false_alarm"])
        loc = outline.location
        if isinstance(loc, Point):
            cx, cy, r = loc.x * scale, loc.y * scale, 9
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(255, 255, 255), width=5)
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=colour, width=3)
            _label(draw, (cx - r, cy - r, cx + r, cy + r), str(outline.number), colour)
            continue
        rect = (loc.x * scale, loc.y * scale, (loc.x + loc.w) * scale, (loc.y + loc.h) * scale)
        draw.rectangle(rect, outline=(255, 255, 255), width=5)
        if outline.status == "missed":
            _dashed_rectangle(draw, rect, fill=colour)
        else:
            draw.rectangle(rect, outline=colour, width=3)
        _label(draw, rect, str(outline.number), colour)
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=82, optimize=True)
    return out.getvalue()
