"""Burned-in annotation text on a radiology image, each identifier recorded as it is drawn.

Scanners and viewers write text into the pixels: the patient's name, numbers,
dates, the hospital, and harmless settings. An Annotator draws each line and
records it in the key (a finding, a decoy, or nothing), with the box the text
really covers, clipped to the image.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import ImageDraw, ImageFont

from safeshare.render.context import RenderContext
from safeshare.render.drawing import BoxTuple, draw_text, text_box

__all__ = ["Annotator", "clip_box"]


def clip_box(box: BoxTuple, size: tuple[int, int]) -> BoxTuple | None:
    """The part of `box` inside an image of `size` (w, h); None when nothing is left."""
    x, y, w, h = box
    x0, y0 = max(0, x), max(0, y)
    x1, y1 = min(size[0], x + w), min(size[1], y + h)
    if x1 - x0 < 2 or y1 - y0 < 2:
        return None
    return (x0, y0, x1 - x0, y1 - y0)


@dataclass(slots=True)
class Annotator:
    """Draws text into one image and records what it drew in the context."""

    ctx: RenderContext
    draw: ImageDraw.ImageDraw
    size: tuple[int, int]
    """(width, height) of the image, for clipping boxes."""
    offset: tuple[int, int] = (0, 0)
    """Where this drawing surface sits in the recorded image (for sub-canvases)."""

    def width(self, text: str, font: ImageFont.FreeTypeFont) -> int:
        return int(self.draw.textlength(text, font=font))

    def text(
        self,
        xy: tuple[float, float],
        text: str,
        font: ImageFont.FreeTypeFont,
        fill: tuple[int, ...] | int | str,
        *,
        category: str = "",
        evidence: str = "",
        decoy: str = "",
        benign: str = "",
        align: str = "left",
    ) -> BoxTuple:
        """Draw `text` at `xy` (align 'left' or 'right' of x) and record it.

        `category` records a finding (evidence defaults to the text), `decoy`
        records a look-alike with the reason it is safe, `benign` declares plain
        text that identifies no one (a menu, a label, a scale). Returns the drawn box.
        """
        x, y = xy
        if align == "right":
            x -= self.width(text, font)
        elif align != "left":
            raise ValueError(f"align must be 'left' or 'right', not {align!r}")
        box = draw_text(self.draw, (x, y), text, font, fill)  # type: ignore[arg-type]
        self.record(box, category=category, evidence=evidence or text, decoy=decoy, benign=benign)
        return box

    def measure(self, xy: tuple[float, float], text: str, font: ImageFont.FreeTypeFont) -> BoxTuple:
        """The box `text` would cover at `xy`, without drawing it."""
        return text_box(self.draw, xy, text, font)

    def record(
        self,
        box: BoxTuple,
        *,
        category: str = "",
        evidence: str = "",
        decoy: str = "",
        benign: str = "",
    ) -> None:
        """Record a box already drawn: a finding, a decoy, or benign text (what it is)."""
        if not category and not decoy and not benign:
            return
        shifted = (box[0] + self.offset[0], box[1] + self.offset[1], box[2], box[3])
        clipped = clip_box(shifted, self.size)
        if clipped is None:
            return
        if category:
            self.ctx.box(category, clipped, evidence)
        elif decoy:
            self.ctx.decoy_box(clipped, decoy)
        else:
            self.ctx.benign_box(clipped, benign)
