"""A contact sheet of the bank: one thumbnail per case, labelled, for educators."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageDraw

from safeshare.atomic import atomic_path
from safeshare.model.view import CaseView
from safeshare.render.fonts import font

__all__ = ["make_contact_sheet"]

_THUMB_W, _THUMB_H = 320, 200
_LABEL_H = 46
_PAD = 14
_KIND_COLOURS = {
    "endoscopy": (196, 72, 60),
    "radiology": (60, 110, 180),
    "photo": (176, 120, 40),
    "text": (90, 90, 160),
    "consent": (40, 140, 110),
}


def _main_image(folder: Path, view: CaseView) -> Path:
    for asset in view.assets:
        if asset.markable and asset.width:
            return folder / asset.image_file
    for asset in view.assets:
        if asset.width:
            return folder / asset.image_file
    raise ValueError(f"{folder}: the case has no picture")


def _thumbnail(path: Path) -> Image.Image:
    with Image.open(path) as im:
        image = im.convert("RGB")
    image.thumbnail((_THUMB_W, _THUMB_H), Image.Resampling.LANCZOS)
    tile = Image.new("RGB", (_THUMB_W, _THUMB_H), (24, 24, 28))
    tile.paste(image, ((_THUMB_W - image.width) // 2, (_THUMB_H - image.height) // 2))
    return tile


def make_contact_sheet(
    cases: Sequence[tuple[Path, CaseView, bool]], out: Path, *, columns: int = 6
) -> Path:
    """Draw the sheet: (folder, view, is_control) per case; written atomically as PNG."""
    if not cases:
        raise ValueError("no cases to put on the sheet")
    rows = (len(cases) + columns - 1) // columns
    width = columns * (_THUMB_W + _PAD) + _PAD
    height = rows * (_THUMB_H + _LABEL_H + _PAD) + _PAD + 40
    sheet = Image.new("RGB", (width, height), (245, 244, 240))
    draw = ImageDraw.Draw(sheet)
    draw.text(
        (_PAD, 10),
        f"safeshare case bank: {len(cases)} cases",
        font=font("sans-bold", 20),
        fill=(30, 30, 30),
    )
    for i, (folder, view, control) in enumerate(cases):
        col, row = i % columns, i // columns
        x = _PAD + col * (_THUMB_W + _PAD)
        y = 40 + _PAD + row * (_THUMB_H + _LABEL_H + _PAD)
        sheet.paste(_thumbnail(_main_image(folder, view)), (x, y))
        colour = _KIND_COLOURS.get(view.kind, (100, 100, 100))
        draw.rectangle(
            (x, y + _THUMB_H, x + _THUMB_W, y + _THUMB_H + _LABEL_H), fill=(255, 255, 255)
        )
        draw.rectangle((x, y + _THUMB_H, x + 6, y + _THUMB_H + _LABEL_H), fill=colour)
        label = f"{view.case_id}  {view.kind}  ·  level {view.difficulty}" + (
            "  ·  CONTROL" if control else ""
        )
        draw.text((x + 12, y + _THUMB_H + 5), label, font=font("sans-bold", 13), fill=colour)
        title = view.title if len(view.title) <= 44 else view.title[:43] + "…"
        draw.text((x + 12, y + _THUMB_H + 24), title, font=font("sans", 13), fill=(40, 40, 40))
    with atomic_path(out) as temp:
        sheet.save(temp, format="PNG", optimize=True)
    return out
