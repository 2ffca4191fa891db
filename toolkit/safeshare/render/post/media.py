"""The images embedded in a post: scaled to fit without cropping, rounded, with an ALT badge.

One image fills the width (or as much as its aspect allows); two upright
images sit side by side, and a pair with a wide one stacks (so a wide
endoscopy frame stays legible). Nothing is cropped: what identifies a patient must stay visible.
"""

from __future__ import annotations

from PIL import Image, ImageDraw

from safeshare.render.fonts import font

__all__ = ["media_block"]

_BORDER = (207, 217, 222)
_LETTERBOX = (20, 23, 26)


def _fit(image: Image.Image, width: int, height: int) -> Image.Image:
    """Scale an image to fit inside width x height, keeping its aspect."""
    scale = min(width / image.width, height / image.height)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.convert("RGB").resize(size, Image.Resampling.LANCZOS)


def _rounded(tile: Image.Image, radius: int, border: int) -> Image.Image:
    """The tile with rounded corners and a hairline border, on white (RGBA)."""
    mask = Image.new("L", tile.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle(
        (0, 0, tile.width - 1, tile.height - 1), radius, fill=255
    )
    out = tile.convert("RGBA")
    ImageDraw.Draw(out).rounded_rectangle(
        (0, 0, tile.width - 1, tile.height - 1), radius, outline=_BORDER, width=border
    )
    out.putalpha(mask)
    return out


def _cell(image: Image.Image, width: int, height: int) -> Image.Image:
    """An image centred in a dark cell of fixed size (for side-by-side pairs)."""
    fitted = _fit(image, width, height)
    cell = Image.new("RGB", (width, height), _LETTERBOX)
    cell.paste(fitted, ((width - fitted.width) // 2, (height - fitted.height) // 2))
    return cell


def _alt_badge(tile: Image.Image, scale: float) -> None:
    """Draw a small 'ALT' badge in the tile's lower-left corner."""
    draw = ImageDraw.Draw(tile, "RGBA")
    face = font("sans-bold", round(12 * scale))
    pad_x, pad_y = round(6 * scale), round(3 * scale)
    w = face.getlength("ALT")
    x0 = round(10 * scale)
    y1 = tile.height - round(10 * scale)
    h = round(12 * scale) + 2 * pad_y
    box = (x0, y1 - h, x0 + w + 2 * pad_x, y1)
    draw.rounded_rectangle(box, radius=round(4 * scale), fill=(0, 0, 0, 215))
    draw.text((x0 + pad_x, y1 - h / 2), "ALT", font=face, fill=(255, 255, 255, 255), anchor="lm")


def media_block(
    images: list[Image.Image], width: int, max_height: int, *, scale: float, alt: bool
) -> Image.Image:
    """The images laid out in a block `width` wide (RGBA, transparent where empty)."""
    if not images:
        raise ValueError("media_block needs at least one image")
    if len(images) > 2:
        raise ValueError(f"a post card shows 1 or 2 images, not {len(images)}")
    radius, border, gap = round(16 * scale), max(1, round(scale)), round(4 * scale)
    tiles: list[tuple[Image.Image, tuple[int, int]]] = []
    if len(images) == 1:
        tile = _fit(images[0], width, max_height)
        tiles.append((tile, (0, 0)))
        size = (width, tile.height)
    elif any(im.width >= 1.2 * im.height for im in images):
        y = 0
        for image in images:
            tile = _fit(image, width, max_height * 3 // 4)
            tiles.append((tile, (0, y)))
            y += tile.height + gap
        size = (width, y - gap)
    else:
        half = (width - gap) // 2
        height = min(max_height, max(_fit(im, half, max_height).height for im in images))
        tiles = [(_cell(im, half, height), (i * (half + gap), 0)) for i, im in enumerate(images)]
        size = (width, height)
    block = Image.new("RGBA", size, (0, 0, 0, 0))
    for i, (tile, at) in enumerate(tiles):
        rounded = _rounded(tile, radius, border)
        if alt and i == 0:
            _alt_badge(rounded, scale)
        block.alpha_composite(rounded, at)
    return block
