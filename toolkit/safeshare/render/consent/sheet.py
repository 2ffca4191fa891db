"""A sheet of paper to print a form on, top to bottom, with a cursor.

Lengths are given at 1x and drawn supersampled; the sheet remembers where
each tick box landed (at 1x) so tests and tools can find them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from safeshare.render.consent.ink import INK, checkbox
from safeshare.render.drawing import BoxTuple
from safeshare.render.fonts import FontName, font
from safeshare.render.post.text import wrap_plain

__all__ = ["BLUE", "MUTED", "PRINT", "Sheet", "TickBox", "spaced_nhs"]

PRINT = (26, 32, 44)
MUTED = (90, 100, 112)
BLUE = (30, 86, 150)
_BAND = (226, 236, 247)
_RULE = (170, 178, 188)


def spaced_nhs(number: str) -> str:
    """An NHS number printed 3-3-4, as on labels and record banners."""
    digits = number.replace(" ", "")
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}" if len(digits) == 10 else number


@dataclass(frozen=True, slots=True)
class TickBox:
    """Where a tick box was printed (1x pixels of the output) and whether it is ticked."""

    box: BoxTuple
    ticked: bool


@dataclass(slots=True)
class Sheet:
    """A white sheet `width` wide (1x), drawn at `scale` times, with a writing cursor `y`."""

    width: int
    height: int
    scale: int
    rng: random.Random
    margin: int = 40
    y: float = 0.0
    boxes: dict[str, TickBox] = field(default_factory=dict)
    image: Image.Image = field(init=False)
    draw: ImageDraw.ImageDraw = field(init=False)

    def __post_init__(self) -> None:
        self.image = Image.new(
            "RGBA", (self.u(self.width), self.u(self.height)), (255, 255, 255, 255)
        )
        self.draw = ImageDraw.Draw(self.image)

    def u(self, value: float) -> int:
        return round(value * self.scale)

    def face(self, name: FontName, size: float) -> ImageFont.FreeTypeFont:
        return font(name, self.u(size))

    @property
    def right(self) -> int:
        return self.width - self.margin

    def text(
        self,
        xy: tuple[float, float],
        text: str,
        *,
        face: FontName = "sans",
        size: float = 13,
        fill: tuple[int, int, int] = PRINT,
    ) -> float:
        """Print one line at 1x `xy`; returns its width at 1x."""
        f = self.face(face, size)
        self.draw.text((self.u(xy[0]), self.u(xy[1])), text, font=f, fill=fill)
        return f.getlength(text) / self.scale

    def paragraph(
        self,
        x: float,
        text: str,
        *,
        width: float,
        face: FontName = "sans",
        size: float = 13,
        fill: tuple[int, int, int] = PRINT,
        line: float = 18,
    ) -> None:
        """Print wrapped text from the cursor and move the cursor below it."""
        f = self.face(face, size)
        for row in wrap_plain(text, f, self.u(width)):
            self.draw.text((self.u(x), self.u(self.y)), row, font=f, fill=fill)
            self.y += line

    def section(self, number: str, title: str) -> None:
        """A numbered section heading on a pale blue band."""
        self.y += 10
        self.draw.rectangle(
            (self.u(self.margin), self.u(self.y), self.u(self.right), self.u(self.y + 26)),
            fill=_BAND,
        )
        self.draw.rectangle(
            (self.u(self.margin), self.u(self.y), self.u(self.margin + 4), self.u(self.y + 26)),
            fill=BLUE,
        )
        self.text(
            (self.margin + 12, self.y + 5),
            f"{number}   {title}",
            face="sans-bold",
            size=14,
            fill=BLUE,
        )
        self.y += 36

    def tick(self, key: str, x: float, y: float, *, ticked: bool, size: float = 15) -> None:
        """A tick box at 1x (x, y), remembered under `key`."""
        checkbox(
            self.draw,
            (self.u(x), self.u(y), self.u(size)),
            ticked=ticked,
            rng=self.rng,
            scale=self.scale,
        )
        self.boxes[key] = TickBox((round(x), round(y), round(size), round(size)), ticked)

    def tick_row(
        self, key: str, label: str, *, ticked: bool, note: str = "", indent: float = 0
    ) -> None:
        """A tick box with a label (and an optional grey note), wrapped; moves the cursor down."""
        x = self.margin + 8 + indent
        self.tick(key, x, self.y + 1, ticked=ticked)
        self.paragraph(x + 26, label, width=self.right - x - 26, size=13.5)
        if note:
            self.paragraph(x + 26, note, width=self.right - x - 26, size=11.5, fill=MUTED, line=16)
        self.y += 6

    def entry(
        self, x: float, label: str, value: str, *, width: float, y: float | None = None
    ) -> None:
        """A printed label, then a dotted line with the value handwritten on it."""
        top = self.y if y is None else y
        lw = self.text((x, top + 4), label, size=12, fill=MUTED)
        line_y = top + 22
        start = x + lw + 6
        for dot in range(int(start), int(x + width), 4):
            self.draw.point((self.u(dot), self.u(line_y)), fill=_RULE)
            self.draw.point((self.u(dot) + 1, self.u(line_y)), fill=_RULE)
        if value:
            f = self.face("sans-oblique", 15)
            shown = value
            while shown and f.getlength(shown) > self.u(x + width - start - 6):
                shown = shown[:-1]
            self.draw.text((self.u(start + 4), self.u(top + 2)), shown, font=f, fill=INK)

    def rule(self) -> None:
        self.draw.line(
            (self.u(self.margin), self.u(self.y), self.u(self.right), self.u(self.y)),
            fill=_RULE,
            width=self.u(1),
        )

    def finish(self, *, page: tuple[int, int, int] = (228, 231, 235)) -> Image.Image:
        """Crop to the cursor, lay the sheet on a grey desk with a shadow, scale to 1x (RGB)."""
        height = self.u(self.y + 30)
        sheet = self.image.crop((0, 0, self.image.width, height)).convert("RGB")
        border = self.u(16)
        desk = Image.new("RGB", (sheet.width + 2 * border, sheet.height + 2 * border), page)
        shadow = Image.new("L", desk.size, 0)
        ImageDraw.Draw(shadow).rectangle(
            (
                border + self.u(2),
                border + self.u(4),
                border + sheet.width,
                border + sheet.height + self.u(2),
            ),
            fill=90,
        )
        desk.paste((110, 116, 124), (0, 0), shadow.filter(ImageFilter.GaussianBlur(self.u(6))))
        desk.paste(sheet, (border, border))
        size = (round(desk.width / self.scale), round(desk.height / self.scale))
        return desk.resize(size, Image.Resampling.LANCZOS)

    def offset_boxes(self) -> dict[str, TickBox]:
        """Tick boxes in the coordinates of the finished image (after the desk border)."""
        return {
            k: TickBox((b.box[0] + 16, b.box[1] + 16, b.box[2], b.box[3]), b.ticked)
            for k, b in self.boxes.items()
        }
