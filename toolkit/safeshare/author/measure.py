"""Measuring the look of text in a region: its background, ink mask, height, colour and weight.

The background is the median colour of a thin frame around the region; ink is
what differs from it clearly. The painted fictional value then takes the ink's
height, colour and font family (the shipped family whose drawing of the text
read there overlaps the ink best), so it passes for the original.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from safeshare.render.authored.look import TextLook, hex_colour

__all__ = ["background_colour", "guess_family", "ink_mask", "letter_case", "measure_look"]

_FRAME = 3
_BOLD_DENSITY = 0.36
"""Share of the ink box that is ink: above it the text is taken for bold."""

Box = tuple[int, int, int, int]


def _pixels(image: Image.Image) -> NDArray[np.int16]:
    return np.asarray(image.convert("RGB"), dtype=np.int16)


def background_colour(image: Image.Image, box: Box) -> tuple[int, int, int]:
    """The median colour of a frame just around (and on the edge of) the box."""
    arr = _pixels(image)
    x, y, w, h = box
    x0, y0 = max(0, x - _FRAME), max(0, y - _FRAME)
    x1, y1 = min(arr.shape[1], x + w + _FRAME), min(arr.shape[0], y + h + _FRAME)
    strips = [
        arr[y0 : y + 1, x0:x1],
        arr[y + h - 1 : y1, x0:x1],
        arr[y0:y1, x0 : x + 1],
        arr[y0:y1, x + w - 1 : x1],
    ]
    ring = np.concatenate([s.reshape(-1, 3) for s in strips])
    med = np.median(ring, axis=0)
    return (int(med[0]), int(med[1]), int(med[2]))


def ink_mask(image: Image.Image, box: Box) -> NDArray[np.bool_]:
    """Pixels of the box that differ clearly from the background (the text's ink)."""
    arr = _pixels(image)
    x, y, w, h = box
    region = arr[y : y + h, x : x + w]
    background = np.array(background_colour(image, box), dtype=np.int16)
    diff = np.abs(region - background).max(axis=2)
    peak = int(diff.max()) if diff.size else 0
    if peak < 30:
        return np.zeros(diff.shape, dtype=bool)
    mask: NDArray[np.bool_] = diff >= max(30, int(0.4 * peak))
    return mask


def letter_case(text: str) -> str:
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return "upper"
    if letters and text.istitle():
        return "title"
    return "as_is"


def measure_look(image: Image.Image, box: Box, *, text: str = "") -> TextLook:
    """The look of the text in `box`: ink height, colour, weight, and the case of `text`."""
    mask = ink_mask(image, box)
    background = background_colour(image, box)
    x, y, w, h = box
    case = letter_case(text)
    if not mask.any():
        contrast = "#000000" if sum(background) > 382 else "#ffffff"
        return TextLook(
            family="sans", ink_px=max(4, min(400, round(h * 0.7))), colour=contrast, case=case
        )
    rows = np.flatnonzero(mask.any(axis=1))
    cols = np.flatnonzero(mask.any(axis=0))
    ink_h = int(rows[-1] - rows[0] + 1)
    ink_w = int(cols[-1] - cols[0] + 1)
    density = float(mask.sum()) / max(1, ink_h * ink_w)
    region = _pixels(image)[y : y + h, x : x + w]
    diff = np.abs(region - np.array(background, dtype=np.int16)).max(axis=2)
    strong = mask & (diff >= np.percentile(diff[mask], 60))
    colour = np.median(region[strong], axis=0)
    rgb = (int(colour[0]), int(colour[1]), int(colour[2]))
    guessed = guess_family(image, box, text) if text else None
    return TextLook(
        family=guessed or ("sans-bold" if density > _BOLD_DENSITY else "sans"),
        ink_px=max(4, min(400, ink_h)),
        colour=hex_colour(rgb),
        case=case,
    )


def _rendered_ink(text: str, family: str, height: int) -> NDArray[np.bool_]:
    from typing import cast

    from PIL import ImageDraw

    from safeshare.render.fonts import FontName, font

    name = cast(FontName, family)
    probe = font(name, 100)
    left, top, right, bottom = probe.getbbox(text)
    size = max(4, round(100 * height / max(1, bottom - top)))
    face = font(name, size)
    left, top, right, bottom = face.getbbox(text)
    canvas = Image.new("L", (int(right - left) + 4, int(bottom - top) + 4), 0)
    ImageDraw.Draw(canvas).text((2 - left, 2 - top), text, font=face, fill=255)
    ink: NDArray[np.bool_] = np.asarray(canvas) > 110
    return ink


def _crop(mask: NDArray[np.bool_]) -> NDArray[np.bool_]:
    rows = np.flatnonzero(mask.any(axis=1))
    cols = np.flatnonzero(mask.any(axis=0))
    return mask[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


def _likeness(original: NDArray[np.bool_], candidate: NDArray[np.bool_]) -> float:
    """Overlap of two ink masks scaled to the same box, less a cost for another width."""
    h, w = original.shape
    scaled = Image.fromarray(candidate.astype(np.uint8) * 255).resize(
        (w, h), Image.Resampling.BILINEAR
    )
    other = np.asarray(scaled) > 110
    union = float((original | other).sum()) or 1.0
    overlap = float((original & other).sum()) / union
    ratio = (candidate.shape[1] / candidate.shape[0]) / (w / h)
    return overlap * float(np.exp(-2.0 * abs(np.log(ratio))))


def guess_family(image: Image.Image, box: Box, text: str) -> str | None:
    """The font family whose rendering of `text` looks most like the ink in `box` (None: unsure).

    Each family draws the text at the ink's height; the one whose ink overlaps the
    original's most, at the most similar width, wins.
    """
    from safeshare.render.authored.look import FAMILIES

    mask = ink_mask(image, box)
    if not mask.any() or len(text.strip()) < 3:
        return None
    original = _crop(mask)
    if original.shape[0] < 6:
        return None
    scores = {
        family: _likeness(original, _crop(_rendered_ink(text.strip(), family, original.shape[0])))
        for family in FAMILIES
    }
    return max(scores, key=lambda f: scores[f])
