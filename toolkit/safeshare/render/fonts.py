"""Fonts for drawing text into images: the DejaVu faces that ship inside matplotlib.

Shipping fonts in a pinned package keeps rendering byte-identical on every
machine, with nothing to download.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

import matplotlib
from PIL import ImageFont

__all__ = ["FontName", "font", "font_path"]

FontName = Literal["sans", "sans-bold", "sans-oblique", "mono", "mono-bold", "serif", "serif-bold"]

_FILES: dict[str, str] = {
    "sans": "DejaVuSans.ttf",
    "sans-bold": "DejaVuSans-Bold.ttf",
    "sans-oblique": "DejaVuSans-Oblique.ttf",
    "mono": "DejaVuSansMono.ttf",
    "mono-bold": "DejaVuSansMono-Bold.ttf",
    "serif": "DejaVuSerif.ttf",
    "serif-bold": "DejaVuSerif-Bold.ttf",
}


def font_path(name: FontName) -> Path:
    """Path of a bundled TTF file."""
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / _FILES[name]


@lru_cache(maxsize=128)
def font(name: FontName, size: int) -> ImageFont.FreeTypeFont:
    """A FreeType font at a pixel size (cached)."""
    return ImageFont.truetype(str(font_path(name)), size=size, layout_engine=ImageFont.Layout.BASIC)
