"""The asset as it would be saved: identifiers blanked, fields measured, metadata stripped.

A removed region or a field to fill is blanked: text is painted out from its
surroundings (OpenCV's inpainting over the ink, slightly widened), anything
else (a face, a badge) is covered with the surrounding colour. Each field's
look is measured from the original before it is blanked. The file is written
with no metadata at all, unless fictional fields are kept on purpose.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from PIL import Image

from safeshare.author.draft import AuthorDraft, DraftMark
from safeshare.author.measure import background_colour, ink_mask, measure_look
from safeshare.render.authored.fields import detect_form

__all__ = ["ORIGINAL_FILE", "PreparedAsset", "blank_region", "blanked_marks", "prepare_asset"]

ORIGINAL_FILE = "original.jpg"
"""A fictional draft's rendered JPEG, kept for the metadata a case about metadata keeps."""
_TEXT_ORIGINS = ("checker", "ocr")


@dataclass(frozen=True, slots=True)
class PreparedAsset:
    """The bytes to save, their suffix, and the marks with their looks measured."""

    data: bytes
    suffix: str
    marks: tuple[DraftMark, ...]
    kept_metadata: tuple[str, ...]


def blanked_marks(draft: AuthorDraft) -> list[DraftMark]:
    """Marks whose region the saved asset blanks: removed ones and fields to fill."""
    return [m for m in draft.marks if m.blanked]


def _is_text(mark: DraftMark) -> bool:
    return mark.painted or (bool(mark.text) and mark.origin in _TEXT_ORIGINS)


def blank_region(image: Image.Image, mark: DraftMark) -> Image.Image:
    """The image with the mark's region blanked (text inpainted, anything else covered)."""
    import cv2

    x, y, w, h = mark.box
    if _is_text(mark):
        mask = ink_mask(image, mark.box)
        if mask.any():
            full = np.zeros((image.height, image.width), dtype=np.uint8)
            full[y : y + h, x : x + w] = mask.astype(np.uint8) * 255
            grow = max(2, min(w, h) // 6)
            kernel = np.ones((2 * grow + 1, 2 * grow + 1), dtype=np.uint8)
            full = np.asarray(cv2.dilate(full, kernel), dtype=np.uint8)
            rgb = np.asarray(image.convert("RGB"))
            painted = cv2.inpaint(rgb, full, 3, cv2.INPAINT_TELEA)
            return Image.fromarray(painted, "RGB")
    colour = background_colour(image, mark.box)
    out = image.convert("RGB").copy()
    out.paste(colour, (x, y, x + w, y + h))
    return out


def _kept_exif(draft: AuthorDraft) -> tuple[Image.Exif | None, tuple[str, ...]]:
    """A fictional draft's EXIF reduced to the fields kept on purpose."""
    from PIL import ExifTags

    kept = [f.tag for f in draft.metadata_fields if f.status == "keep_fictional"]
    original = draft.folder / ORIGINAL_FILE
    if not kept or not draft.fictional or not original.is_file():
        return None, ()
    with Image.open(original) as source:
        old = source.getexif()
    new = Image.Exif()
    names = {v: k for k, v in ExifTags.TAGS.items()}
    old_sub = old.get_ifd(ExifTags.IFD.Exif)
    new_sub = new.get_ifd(ExifTags.IFD.Exif)
    done = []
    for tag in kept:
        if tag == "GPSInfo":
            gps = old.get_ifd(ExifTags.IFD.GPSInfo)
            if gps:
                new.get_ifd(ExifTags.IFD.GPSInfo).update(gps)
                done.append(tag)
            continue
        number = names.get(tag)
        if number is None:
            continue
        if number in old:
            new[number] = old[number]
            done.append(tag)
        elif number in old_sub:
            new_sub[number] = old_sub[number]
            done.append(tag)
    return new, tuple(done)


def prepare_asset(draft: AuthorDraft) -> PreparedAsset:
    """Blank, measure and encode the draft's picture as the case would save it."""
    with Image.open(draft.asset) as source:
        original = source.convert("RGB")
    marks: list[DraftMark] = []
    for mark in draft.marks:
        if mark.painted and mark.look is None:
            look = measure_look(original, mark.box, text=mark.text)
            form = detect_form(mark.fill or "", mark.text) if mark.text else ""
            mark = replace(mark, look=replace(look, form=form))
        marks.append(mark)
    image = original
    for mark in marks:
        if mark.blanked:
            image = blank_region(image, mark)
    exif, kept = _kept_exif(draft)
    buffer = io.BytesIO()
    suffix = Path(draft.asset.name).suffix.lower()
    if suffix in (".jpg", ".jpeg") or exif is not None:
        if exif is not None:
            image.save(buffer, "JPEG", quality=92, exif=exif.tobytes())
        else:
            image.save(buffer, "JPEG", quality=92)
        suffix = ".jpg"
    else:
        image.save(buffer, "PNG", compress_level=6)
        suffix = ".png"
    return PreparedAsset(
        data=buffer.getvalue(), suffix=suffix, marks=tuple(marks), kept_metadata=kept
    )
