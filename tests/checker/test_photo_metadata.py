"""Photo metadata: EXIF fields, GPS decoded, XMP, and a thumbnail that shows what was cropped."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import ExifTags, Image
from PIL.TiffImagePlugin import IFDRational

from safeshare.checker.check import check_file
from safeshare.checker.photo_metadata import gps_position, metadata_detections
from safeshare.model.locations import MetaField
from tests.checker.bank_renders import asset_file, rendered


def test_every_exif_field_the_bank_keys_is_found_in_its_photo() -> None:
    for case_id in ("P05", "P03", "P04"):
        _, _, key = rendered(case_id)
        keyed = {
            f.location.tag
            for f in key.findings
            if isinstance(f.location, MetaField) and f.location.asset == "photo"
        }
        assert keyed, case_id
        found = check_file(asset_file(case_id, "photo"), asset="photo", ocr=False, faces=False)
        tags = {d.location.tag for d in found.detections if isinstance(d.location, MetaField)}
        assert keyed <= tags, (case_id, keyed - tags)


def test_gps_is_decoded_to_degrees_with_its_hemisphere() -> None:
    gps = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (IFDRational(53), IFDRational(46), IFDRational(3919, 100)),
        ExifTags.GPS.GPSLongitudeRef: "W",
        ExifTags.GPS.GPSLongitude: (IFDRational(4), IFDRational(5), IFDRational(4979, 100)),
    }
    lat, lon = gps_position(gps) or (0.0, 0.0)
    assert round(lat, 4) == 53.7776 and round(lon, 4) == -4.0972


def _jpeg(image: Image.Image, exif: bytes = b"", **extra: bytes) -> Image.Image:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, **extra)
    buffer.seek(0)
    return Image.open(buffer)


def test_free_text_fields_are_reported_only_when_they_hold_an_identifier() -> None:
    exif = Image.Exif()
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    sub[ExifTags.Base.UserComment] = b"ASCII\x00\x00\x00Bed 4, PRICE, Eleanor"
    exif[ExifTags.Base.Software] = "Norda Camera 4.2.118"
    found = metadata_detections(_jpeg(Image.new("RGB", (64, 48)), exif.tobytes()), asset="p")
    assert [(d.location.to_dict()["tag"], d.category) for d in found] == [
        ("UserComment", "exif_description")
    ]


def test_xmp_creator_and_person_in_image_are_reported() -> None:
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description '
        b'dc:creator="Anjali Marsh" Iptc4xmpExt:PersonInImage="Eleanor Price"/>'
        b"</rdf:RDF></x:xmpmeta>"
    )
    found = metadata_detections(_jpeg(Image.new("RGB", (64, 48)), xmp=xmp), asset="p")
    assert {d.location.to_dict()["tag"] for d in found} == {"XMP:creator", "XMP:PersonInImage"}


def test_a_thumbnail_of_the_uncropped_picture_is_reported(tmp_path: Path) -> None:
    full = Image.new("RGB", (400, 200), "white")
    full.paste((200, 30, 30), (300, 0, 400, 200))  # what the crop removes
    thumb = io.BytesIO()
    full.resize((160, 80)).save(thumb, "JPEG")
    cropped = full.crop((0, 0, 300, 200))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Norda"
    photo = _jpeg(cropped, exif.tobytes() + thumb.getvalue())
    (found,) = metadata_detections(photo, asset="p")
    assert found.category == "embedded_thumbnail" and "another crop" in found.reason
    same = io.BytesIO()
    cropped.resize((150, 100)).save(same, "JPEG")
    assert metadata_detections(_jpeg(cropped, exif.tobytes() + same.getvalue()), asset="p") == []


def test_a_heic_photo_from_a_phone_is_read_with_its_exif(tmp_path: Path) -> None:
    import pillow_heif

    pillow_heif.register_heif_opener()  # to write one here; the checker registers it itself
    exif = Image.Exif()
    exif[ExifTags.Base.Artist] = "Anjali Marsh"
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = "2025:03:31 11:25:29"
    path = tmp_path / "IMG_0042.HEIC"
    Image.new("RGB", (320, 240), (180, 120, 100)).save(path, format="HEIF", exif=exif.tobytes())
    found = check_file(path, asset="photo", ocr=False, faces=False)
    assert found.kind == "photo"
    tags = {d.location.tag for d in found.detections if isinstance(d.location, MetaField)}
    assert {"Artist", "DateTimeOriginal"} <= tags


def test_a_truncated_heic_is_refused_in_one_line(tmp_path: Path) -> None:
    import pillow_heif
    import pytest

    from safeshare.errors import CheckInputError

    pillow_heif.register_heif_opener()
    whole = io.BytesIO()
    Image.new("RGB", (320, 240), (180, 120, 100)).save(whole, format="HEIF")
    path = tmp_path / "cut.heic"
    path.write_bytes(whole.getvalue()[: len(whole.getvalue()) // 2])
    with pytest.raises(CheckInputError) as refused:
        check_file(path, asset="photo", ocr=False, faces=False)
    assert "\n" not in str(refused.value) and "cut.heic" in str(refused.value)
