"""Metadata a photo carries without showing it: EXIF, GPS, XMP, IPTC and thumbnails.

Each field that identifies is reported with its value (GPS decoded to degrees);
free-text fields (a comment, the software, maker notes) only when the text
classifier finds a name, number or date in them. A thumbnail embedded in the
file is compared with the picture: one that differs (another crop, an unmasked
version) still shows what was cut out or covered.
"""

from __future__ import annotations

import base64
import io
import re
from typing import Any

import numpy as np
from PIL import ExifTags, Image

from safeshare.checker.detection import Detection
from safeshare.checker.text_classes import classify_text
from safeshare.model.locations import MetaField

__all__ = ["THUMBNAIL_CATEGORY", "embedded_thumbnails", "gps_position", "metadata_detections"]

THUMBNAIL_CATEGORY = "embedded_thumbnail"
"""The checker's own kind for a thumbnail that differs from the picture (see report.py)."""

_ALWAYS: dict[str, str] = {
    "DateTimeOriginal": "exif_timestamp",
    "DateTimeDigitized": "exif_timestamp",
    "DateTime": "exif_timestamp",
    "Artist": "exif_owner",
    "CameraOwnerName": "exif_owner",
    "XPAuthor": "exif_owner",
    "Copyright": "exif_owner",
    "BodySerialNumber": "exif_device_serial",
    "LensSerialNumber": "exif_device_serial",
    "ImageUniqueID": "exif_device_serial",
    "ImageDescription": "exif_description",
    "XPComment": "exif_description",
    "XPTitle": "exif_description",
    "XPSubject": "exif_description",
}
"""Fields that identify (or date) whatever they hold."""
_FREE_TEXT = ("UserComment", "Software", "XPKeywords", "MakerNote", "HostComputer", "DocumentName")
"""Fields reported only when a name, number or date is found in them."""
_XMP_FIELDS: dict[str, str] = {
    "creator": "exif_owner",
    "rights": "exif_owner",
    "description": "exif_description",
    "title": "exif_description",
    "PersonInImage": "exif_description",
    "Location": "exif_gps",
    "City": "exif_gps",
    "GPSLatitude": "exif_gps",
    "DateCreated": "exif_timestamp",
    "DateTimeOriginal": "exif_timestamp",
    "CreateDate": "exif_timestamp",
    "SerialNumber": "exif_device_serial",
    "Owner": "exif_owner",
}
_IPTC_FIELDS: dict[tuple[int, int], tuple[str, str]] = {
    (2, 5): ("IPTC:ObjectName", "exif_description"),
    (2, 25): ("IPTC:Keywords", "exif_description"),
    (2, 55): ("IPTC:DateCreated", "exif_timestamp"),
    (2, 80): ("IPTC:By-line", "exif_owner"),
    (2, 90): ("IPTC:City", "exif_gps"),
    (2, 92): ("IPTC:Sub-location", "exif_gps"),
    (2, 95): ("IPTC:Province-State", "exif_gps"),
    (2, 116): ("IPTC:CopyrightNotice", "exif_owner"),
    (2, 120): ("IPTC:Caption-Abstract", "exif_description"),
    (2, 122): ("IPTC:Writer-Editor", "exif_owner"),
}


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return _bytes_text(value)
    if isinstance(value, tuple):
        return " ".join(_text(v) for v in value)
    return str(value).strip("\x00 ")


def _bytes_text(value: bytes) -> str:
    if value[:8] in (b"ASCII\x00\x00\x00", b"UNICODE\x00", b"\x00" * 8):
        value = value[8:]
    if value[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(value) > 1 and value[1:2] == b"\x00"):
        return value.decode("utf-16-le", "ignore").strip("\x00 ")
    return " ".join(s.decode() for s in re.findall(rb"[\x20-\x7e]{4,}", value))


def _degrees(value: Any, ref: Any) -> float:
    d, m, s = (float(v) for v in value)
    sign = -1.0 if str(ref).strip("\x00").upper() in ("S", "W") else 1.0
    return sign * (d + m / 60 + s / 3600)


def gps_position(gps: dict[int, Any]) -> tuple[float, float] | None:
    """Latitude and longitude in degrees from an EXIF GPS directory, or None if incomplete."""
    try:
        lat = _degrees(gps[ExifTags.GPS.GPSLatitude], gps.get(ExifTags.GPS.GPSLatitudeRef, "N"))
        lon = _degrees(gps[ExifTags.GPS.GPSLongitude], gps.get(ExifTags.GPS.GPSLongitudeRef, "E"))
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None
    return lat, lon


def _meta(asset: str, tag: str, category: str, value: str, reason: str) -> Detection:
    return Detection(
        category=category,
        location=MetaField(asset, tag),
        evidence=f"{tag} = {value}"[:300],
        reason=reason,
        detector="metadata",
    )


def _exif_detections(image: Image.Image, asset: str) -> list[Detection]:
    exif = image.getexif()
    found: list[Detection] = []
    fields: dict[str, Any] = {}
    for directory in (dict(exif), dict(exif.get_ifd(ExifTags.IFD.Exif))):
        for tag_id, value in directory.items():
            name = ExifTags.TAGS.get(tag_id, "")
            if name and name not in ("ExifOffset", "GPSInfo"):
                fields[name] = value
    for name, value in fields.items():
        text = _text(value)
        if not text:
            continue
        if name in _ALWAYS:
            found.append(
                _meta(asset, name, _ALWAYS[name], text, f"EXIF {name} travels with the file")
            )
        elif name in _FREE_TEXT:
            hits = classify_text(text)
            if hits:
                what = ", ".join(sorted({h.label for h in hits}))
                found.append(
                    _meta(asset, name, "exif_description", text, f"EXIF {name} holds {what}")
                )
    gps = dict(exif.get_ifd(ExifTags.IFD.GPSInfo))
    if gps:
        position = gps_position(gps)
        shown = f"{position[0]:.5f}, {position[1]:.5f}" if position else "partial GPS data"
        found.append(
            _meta(asset, "GPSInfo", "exif_gps", shown, "EXIF GPS gives where the photo was taken")
        )
    return found


def _xmp_detections(image: Image.Image, asset: str) -> list[Detection]:
    raw = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""
    xmp = raw.decode("utf-8", "ignore") if isinstance(raw, bytes) else str(raw)
    found: list[Detection] = []
    for field, category in _XMP_FIELDS.items():
        pattern = rf"<[\w]+:{field}\b[^>]*>(.*?)</[\w]+:{field}>|\b[\w]+:{field}=\"([^\"]*)\""
        for m in re.finditer(pattern, xmp, re.DOTALL):
            value = re.sub(r"<[^>]+>", " ", m.group(1) or m.group(2) or "")
            value = " ".join(value.split())
            if value:
                found.append(
                    _meta(
                        asset, f"XMP:{field}", category, value, f"XMP {field} travels with the file"
                    )
                )
                break
    return found


def _iptc_detections(image: Image.Image, asset: str) -> list[Detection]:
    from PIL import ImageFile, IptcImagePlugin

    if not isinstance(image, ImageFile.ImageFile):
        return []
    try:
        info = IptcImagePlugin.getiptcinfo(image) or {}
    except (OSError, SyntaxError, ValueError, IndexError):
        return []
    found = []
    for key, (tag, category) in _IPTC_FIELDS.items():
        value = info.get(key)
        if value:
            text = _text(value if isinstance(value, bytes) else b" ".join(value))
            if text:
                found.append(_meta(asset, tag, category, text, f"{tag} travels with the file"))
    return found


def embedded_thumbnails(image: Image.Image) -> list[Image.Image]:
    """Pictures stored inside the file besides the image itself (EXIF and XMP thumbnails)."""
    blobs: list[bytes] = []
    exif_raw = image.info.get("exif", b"")
    if isinstance(exif_raw, bytes):
        start = exif_raw.find(b"\xff\xd8\xff", 8)
        if start >= 0:
            blobs.append(exif_raw[start:])
    xmp = image.info.get("xmp", b"")
    if isinstance(xmp, bytes):
        for m in re.finditer(rb"<xmpGImg:image>([A-Za-z0-9+/=\s&#;x]+)</xmpGImg:image>", xmp):
            encoded = re.sub(rb"&#xA;|\s", b"", m.group(1))
            try:
                blobs.append(base64.b64decode(encoded))
            except ValueError:
                continue
    thumbs = []
    for blob in blobs:
        try:
            with Image.open(io.BytesIO(blob)) as thumb:
                if thumb.width * thumb.height <= 4_000_000:
                    thumb.load()
                    thumbs.append(thumb.convert("RGB"))
        except (OSError, SyntaxError, ValueError):
            continue
    return thumbs


def _differs(thumb: Image.Image, image: Image.Image) -> str:
    """Why the thumbnail is not just a small copy of the picture ('' when it is)."""
    ratio_t = thumb.width / thumb.height
    ratio_i = image.width / image.height
    if abs(np.log(ratio_t / ratio_i)) > 0.04:
        return f"its shape ({thumb.width}x{thumb.height}) differs from the picture's: another crop"
    small = image.convert("L").resize(thumb.size, Image.Resampling.BILINEAR)
    diff = np.abs(
        np.asarray(small, dtype=np.int16) - np.asarray(thumb.convert("L"), dtype=np.int16)
    )
    if float(np.percentile(diff, 99)) > 60:
        return "parts of it differ from the picture: something was edited out after it was made"
    return ""


def metadata_detections(image: Image.Image, *, asset: str) -> list[Detection]:
    """Every identifying EXIF, GPS, XMP and IPTC field, and thumbnails that differ."""
    found = _exif_detections(image, asset) + _xmp_detections(image, asset)
    found += _iptc_detections(image, asset)
    for i, thumb in enumerate(embedded_thumbnails(image)):
        why = _differs(thumb, image)
        if why:
            found.append(
                Detection(
                    category=THUMBNAIL_CATEGORY,
                    location=MetaField(asset, f"Thumbnail{i}"),
                    evidence=f"embedded thumbnail {thumb.width}x{thumb.height}",
                    reason=f"a thumbnail inside the file still shows the original: {why}",
                    detector="thumbnail",
                )
            )
    return found
