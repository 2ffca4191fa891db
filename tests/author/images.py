"""Images an educator might bring, made here: a photo with a name in the pixels, GPS and a face.

The face is the bank's synthetic patient (P03's render), the name is invented
(drawn as a ward label would show it), and the GPS position is a made-up point.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import ExifTags, Image, ImageDraw
from PIL.TiffImagePlugin import IFDRational

from safeshare.cases.cache import rendered_case
from safeshare.render.fonts import font

__all__ = ["NAME", "NAME_BOX", "plain_label_image", "ward_label_photo"]

NAME = "JANE HOLLOWAY"
"""A real-looking, invented name."""
NAME_BOX = (40, 880, 460, 60)
"""Where the name is drawn (x, y, w, h): a label at the foot of the photo."""


def _gps() -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Artist] = "Dr Sam Whitfield"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (IFDRational(52, 1), IFDRational(12, 1), IFDRational(30, 1))
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (IFDRational(1, 1), IFDRational(30, 1), IFDRational(0, 1))
    return exif


def ward_label_photo(folder: Path) -> Path:
    """A JPEG: a synthetic face, the name on a white label, GPS and Artist in its EXIF."""
    with Image.open(rendered_case("P03", seed=1) / "photo.jpg") as rendered:
        photo = rendered.convert("RGB")
    draw = ImageDraw.Draw(photo)
    x, y, w, h = NAME_BOX
    draw.rectangle((x, y, x + w, y + h), fill=(250, 250, 246))
    draw.text((x + 14, y + 12), NAME, font=font("sans-bold", 34), fill=(20, 30, 90))
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=92, exif=_gps().tobytes())
    path = folder / "ward_photo.jpg"
    path.write_bytes(buffer.getvalue())
    return path


def plain_label_image(folder: Path, *, text: str = NAME) -> Path:
    """A small PNG: a grey card with a name on it, nothing else (fast to check)."""
    card = Image.new("RGB", (640, 240), (228, 232, 236))
    draw = ImageDraw.Draw(card)
    draw.text((40, 90), text, font=font("sans", 40), fill=(10, 10, 10))
    path = folder / "card.png"
    card.save(path)
    return path
