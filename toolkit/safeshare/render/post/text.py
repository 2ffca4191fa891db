"""Wrapping text into lines that fit a width, with #hashtags, @mentions and links marked.

Used by the post card (coloured links) and the consent form (plain text). Words
longer than a line are broken between characters, so nothing overflows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PIL import ImageDraw, ImageFont

__all__ = ["Line", "Piece", "draw_lines", "wrap_plain", "wrap_rich"]

_LINK = re.compile(r"(?<!\w)[#@]\w+|https?://\S+")


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text on one line, at an x offset from the line's start."""

    x: float
    text: str
    link: bool


Line = tuple[Piece, ...]
"""One wrapped line: its pieces, left to right."""


def _char_flags(word: str, links: bool) -> list[bool]:
    """For each character of a word, whether it belongs to a hashtag, mention or link."""
    flags = [False] * len(word)
    if links:
        for match in _LINK.finditer(word):
            for i in range(match.start(), match.end()):
                flags[i] = True
    return flags


class _LineBuilder:
    """Collects pieces into lines, merging neighbours of the same kind."""

    def __init__(self, font: ImageFont.FreeTypeFont) -> None:
        self.font = font
        self.lines: list[Line] = []
        self.pieces: list[Piece] = []
        self.x = 0.0

    def add(self, text: str, link: bool) -> None:
        if not text:
            return
        if self.pieces and self.pieces[-1].link == link:
            last = self.pieces[-1]
            self.pieces[-1] = Piece(last.x, last.text + text, link)
        else:
            self.pieces.append(Piece(self.x, text, link))
        self.x += self.font.getlength(text)

    def add_word(self, word: str, flags: list[bool]) -> None:
        start = 0
        for i in range(1, len(word) + 1):
            if i == len(word) or flags[i] != flags[start]:
                self.add(word[start:i], flags[start])
                start = i

    def flush(self) -> None:
        self.lines.append(tuple(self.pieces))
        self.pieces = []
        self.x = 0.0


def wrap_rich(
    text: str, font: ImageFont.FreeTypeFont, width: float, *, links: bool = True
) -> list[Line]:
    """Wrap `text` to `width` pixels; newlines start new lines, blank lines are kept."""
    builder = _LineBuilder(font)
    space = font.getlength(" ")
    for paragraph in text.split("\n"):
        for word in paragraph.split():
            flags = _char_flags(word, links)
            w = font.getlength(word)
            gap = space if builder.pieces else 0.0
            if builder.pieces and builder.x + gap + w > width:
                builder.flush()
                gap = 0.0
            if w <= width:
                if gap:
                    builder.add(" ", False)
                builder.add_word(word, flags)
                continue
            if builder.pieces:
                builder.flush()
            _break_long_word(builder, word, flags, width)
        builder.flush()
    return builder.lines


def _break_long_word(builder: _LineBuilder, word: str, flags: list[bool], width: float) -> None:
    """Place a word wider than a line, a chunk of characters per line."""
    start = 0
    while start < len(word):
        end = start + 1
        while end < len(word) and builder.font.getlength(word[start : end + 1]) <= width:
            end += 1
        builder.add_word(word[start:end], flags[start:end])
        start = end
        if start < len(word):
            builder.flush()


def wrap_plain(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Wrap text with no link colouring; each line as a plain string."""
    return ["".join(p.text for p in line) for line in wrap_rich(text, font, width, links=False)]


def draw_lines(
    draw: ImageDraw.ImageDraw,
    lines: list[Line],
    origin: tuple[float, float],
    *,
    font: ImageFont.FreeTypeFont,
    line_height: float,
    fill: tuple[int, int, int],
    link_fill: tuple[int, int, int] | None = None,
) -> float:
    """Draw wrapped lines from `origin`; returns the y just below the last line."""
    x0, y = origin
    for line in lines:
        for piece in line:
            colour = link_fill if (piece.link and link_fill is not None) else fill
            draw.text((x0 + piece.x, y), piece.text, font=font, fill=colour)
        y += line_height
    return y
