"""EXIF written into photo JPEGs: what goes in comes back out, and the key matches the header."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PIL import ExifTags, Image

from safeshare.errors import SpecError
from safeshare.model.facts import make_facts
from safeshare.model.locations import MetaField
from safeshare.model.spec_reader import FieldReader
from safeshare.render.context import RenderContext
from safeshare.render.exif import (
    EXIF_PARTS,
    PLACES,
    ExifOptions,
    parse_exif_options,
    read_exif_options,
    write_jpeg_with_exif,
)


def _ctx(tmp_path: Path, present: dict[str, float] | None = None, seed: int = 3) -> RenderContext:
    return RenderContext(
        case_id="P99",
        asset_id="photo",
        seed=seed,
        facts=make_facts(random.Random(seed)),
        work_dir=tmp_path,
        present_chances=present or {},
    )


def _image() -> Image.Image:
    return Image.new("RGB", (96, 64), (190, 140, 120))


def _dms(value: tuple[float, float, float]) -> float:
    d, m, s = value
    return float(d) + float(m) / 60 + float(s) / 3600


def test_round_trip_gives_back_what_was_written(tmp_path: Path) -> None:
    ctx = _ctx(tmp_path)
    rows = write_jpeg_with_exif(ctx, _image(), "photo.jpg", ExifOptions(place="home"))
    values = {r.tag: r.value for r in rows}
    with Image.open(tmp_path / "photo.jpg") as im:
        exif = im.getexif()
        sub = exif.get_ifd(ExifTags.IFD.Exif)
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    assert exif[ExifTags.Base.Make] == values["Make"]
    assert exif[ExifTags.Base.Model] == values["Model"]
    assert exif[ExifTags.Base.Software] == values["Software"]
    assert exif[ExifTags.Base.Orientation] == 1
    assert exif[ExifTags.Base.Artist] == ctx.facts["clinician.name"] == values["Artist"]
    assert exif[ExifTags.Base.ImageDescription] == values["ImageDescription"]
    assert ctx.facts["patient.family"] in values["ImageDescription"]
    assert sub[ExifTags.Base.DateTimeOriginal] == values["DateTimeOriginal"]
    assert values["DateTimeOriginal"].startswith(ctx.facts.procedure_at.strftime("%Y:%m:%d"))
    assert sub[ExifTags.Base.CameraOwnerName] == values["CameraOwnerName"]
    assert sub[ExifTags.Base.BodySerialNumber] == values["BodySerialNumber"]
    assert values["ExposureTime"] == f"1/{round(1 / float(sub[ExifTags.Base.ExposureTime]))} s"
    assert float(sub[ExifTags.Base.FNumber]) > 1.0
    assert str(sub[ExifTags.Base.ISOSpeedRatings]) == values["ISOSpeedRatings"]
    assert sub[ExifTags.Base.UserComment].endswith(values["UserComment"].encode("ascii"))
    # GPS: rationals with refs, near the place asked for, in open sea
    assert gps[ExifTags.GPS.GPSLatitudeRef] == "N"
    assert gps[ExifTags.GPS.GPSLongitudeRef] == "W"
    lat, lon = _dms(gps[ExifTags.GPS.GPSLatitude]), -_dms(gps[ExifTags.GPS.GPSLongitude])
    want_lat, want_lon, _ = PLACES["home"]
    assert abs(lat - want_lat) < 0.03 and abs(lon - want_lon) < 0.04
    assert 53.6 < lat < 54.0 and -4.6 < lon < -4.0
    assert f"{int(lat)}°" in values["GPSInfo"]


def test_every_finding_names_a_row_and_each_part_is_recorded(tmp_path: Path) -> None:
    ctx = _ctx(tmp_path)
    rows = write_jpeg_with_exif(ctx, _image(), "photo.jpg", ExifOptions())
    tags = {r.tag for r in rows}
    found = {f.category: f.location for f in ctx.findings}
    assert set(found) == {
        "exif_gps",
        "exif_timestamp",
        "exif_owner",
        "exif_device_serial",
        "exif_description",
    }
    for finding in ctx.findings:
        assert isinstance(finding.location, MetaField)
        assert finding.location.tag in tags
        assert finding.location.asset == "photo"
    assert found["exif_gps"] == MetaField("photo", "GPSInfo")
    # harmless tags are rows but never findings; brands are decoys
    harmless = {"ExposureTime", "FNumber", "ISOSpeedRatings", "Orientation"}
    assert harmless <= tags
    assert not harmless & {
        f.location.tag for f in ctx.findings if isinstance(f.location, MetaField)
    }
    assert {d.location.tag for d in ctx.decoys if isinstance(d.location, MetaField)} >= {"Make"}


def test_parts_not_present_are_left_out_of_the_file(tmp_path: Path) -> None:
    ctx = _ctx(tmp_path, {part: 0.0 for part in EXIF_PARTS})
    rows = write_jpeg_with_exif(ctx, _image(), "photo.jpg", ExifOptions())
    assert ctx.findings == []
    tags = {r.tag for r in rows}
    assert not tags & {
        "GPSInfo",
        "DateTimeOriginal",
        "Artist",
        "CameraOwnerName",
        "BodySerialNumber",
        "ImageDescription",
    }
    with Image.open(tmp_path / "photo.jpg") as im:
        exif = im.getexif()
        assert ExifTags.Base.Artist not in exif
        assert ExifTags.Base.ImageDescription not in exif
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
        sub = exif.get_ifd(ExifTags.IFD.Exif)
        assert ExifTags.Base.DateTimeOriginal not in sub
        assert ExifTags.Base.BodySerialNumber not in sub


@pytest.mark.parametrize("part", EXIF_PARTS)
def test_each_part_alone_can_be_switched_off(tmp_path: Path, part: str) -> None:
    ctx = _ctx(tmp_path, {part: 0.0})
    write_jpeg_with_exif(ctx, _image(), "photo.jpg", ExifOptions())
    categories = {f.category for f in ctx.findings}
    expected = {
        "gps": "exif_gps",
        "timestamp": "exif_timestamp",
        "owner": "exif_owner",
        "serial": "exif_device_serial",
        "description": "exif_description",
    }
    assert expected[part] not in categories
    assert len(categories) == 4


def test_strip_writes_no_metadata_at_all(tmp_path: Path) -> None:
    ctx = _ctx(tmp_path)
    rows = write_jpeg_with_exif(ctx, _image(), "photo.jpg", ExifOptions(strip=True))
    assert rows == ()
    assert ctx.findings == [] and ctx.decoys == []
    data = (tmp_path / "photo.jpg").read_bytes()
    assert b"Exif\x00\x00" not in data
    with Image.open(tmp_path / "photo.jpg") as im:
        assert len(im.getexif()) == 0
        assert "exif" not in im.info


def test_same_seed_same_bytes_other_seed_other_header(tmp_path: Path) -> None:
    first, second, other = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for folder in (first, second, other):
        folder.mkdir()
    write_jpeg_with_exif(_ctx(first), _image(), "photo.jpg", ExifOptions())
    write_jpeg_with_exif(_ctx(second), _image(), "photo.jpg", ExifOptions())
    write_jpeg_with_exif(_ctx(other, seed=4), _image(), "photo.jpg", ExifOptions())
    assert (first / "photo.jpg").read_bytes() == (second / "photo.jpg").read_bytes()
    assert (first / "photo.jpg").read_bytes() != (other / "photo.jpg").read_bytes()


def test_templates_fill_facts(tmp_path: Path) -> None:
    ctx = _ctx(tmp_path)
    options = ExifOptions(description="Bed 4 {patient.given}", owner="{clinician.given}")
    rows = {r.tag: r.value for r in write_jpeg_with_exif(ctx, _image(), "p.jpg", options)}
    assert rows["ImageDescription"] == f"Bed 4 {ctx.facts['patient.given']}"
    assert rows["Artist"] == rows["CameraOwnerName"] == ctx.facts["clinician.given"]


def test_options_are_read_strictly() -> None:
    reader = FieldReader(
        {"exif": {"place": "home", "camera": "camera", "strip": False}}, source="t"
    )
    options = read_exif_options(reader)
    assert options == ExifOptions(place="home", camera="camera")
    assert read_exif_options(FieldReader({}, source="t")) == ExifOptions()
    with pytest.raises(SpecError, match="unknown field 'gps'"):
        parse_exif_options(FieldReader({"gps": True}, source="t"))
    with pytest.raises(SpecError, match="not one of"):
        parse_exif_options(FieldReader({"place": "moon"}, source="t"))
    with pytest.raises(SpecError, match="not a fact name"):
        parse_exif_options(FieldReader({"description": "{surname}"}, source="t"))
