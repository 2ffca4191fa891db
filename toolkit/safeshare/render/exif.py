"""Photo metadata: write EXIF into a JPEG and record what in it identifies.

A phone or camera photo carries more than its pixels: where it was taken (GPS),
when (DateTimeOriginal), whose camera it was (Artist, CameraOwnerName), the
body's serial number and sometimes a typed description. Every renderer that
writes a photo-like JPEG (a clinical photo, a phone photo of a monitor) calls
`write_jpeg_with_exif` so the header a learner inspects is the header the file
carries, and each identifying tag is recorded in the key.

Optional parts (list `EXIF_PARTS` in the calling Renderer's optional_parts):
gps, timestamp, owner, serial, description. A part not present is left out of
the file, as a phone with location turned off leaves out GPS.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

from PIL import ExifTags, Image
from PIL.TiffImagePlugin import IFDRational

from safeshare.model.facts import Facts
from safeshare.model.spec_reader import FieldReader
from safeshare.model.view import MetaRow
from safeshare.render.context import RenderContext

__all__ = [
    "CAMERAS",
    "EXIF_PARTS",
    "PLACES",
    "ExifOptions",
    "jpeg_bytes",
    "parse_exif_options",
    "read_exif_options",
    "write_jpeg_with_exif",
]

EXIF_PARTS: tuple[str, ...] = ("gps", "timestamp", "owner", "serial", "description")
"""Optional identifiers in the header, gated by ctx.present(name)."""

CAMERAS: tuple[str, ...] = ("phone", "camera")
"""A clinician's own phone, or a department camera (medical illustration)."""

JPEG_QUALITY = 90

# Any coordinate is a real place somewhere, so every position here lies in open
# water of the Irish Sea between Anglesey and the Isle of Man (about 53.6-54.0 N,
# 4.0-4.6 W), more than 25 km from any coast: it points at no home, hospital or
# person. In the story of a case the position stands for the place named here.
_SEA_BOX = (53.62, 53.95, -4.60, -4.02)
PLACES: dict[str, tuple[float, float, str]] = {
    # place: (latitude, longitude, evidence for the key)
    "ward": (53.71, -4.38, "GPS position of the hospital where the photo was taken"),
    "clinic": (53.84, -4.21, "GPS position of the clinic where the photo was taken"),
    "theatre": (53.68, -4.47, "GPS position of the hospital (operating theatre)"),
    "home": (53.79, -4.12, "GPS position of the patient's home, where the visit took place"),
}

_FACT = re.compile(r"\{([a-z_][a-z0-9_.]*)\}")
DEFAULT_DESCRIPTION = "{patient.family} {patient.hospital_number}"
DEFAULT_OWNER = "{clinician.name}"

# Fictional makers: a brand names no one, but a real one is not ours to use.
_PHONES = (
    ("Norda", "Norda X7 Pro", "Norda Camera 4.2.118"),
    ("Kestrel Mobile", "KS-21 Ultra", "KS21U_11.0.4"),
    ("Orbis", "Orbis 14 Lite", "OrbisOS 14.3.1"),
)
_CAMERAS = (
    ("Halden", "Halden D780", "Halden Firmware 1.12"),
    ("Corvid Optics", "Corvid R6 II", "Corvid R6 v1.8.3"),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ExifOptions:
    """What the photo's header says (YAML: the `exif:` mapping of a photo asset)."""

    strip: bool = False
    """Write no metadata at all (what a careful sharer does): no rows, no findings."""
    camera: str = "phone"
    """'phone' (the clinician's own) or 'camera' (a department camera)."""
    place: str = "ward"
    """Where the GPS position puts the photo: ward, clinic, theatre or home."""
    description: str = DEFAULT_DESCRIPTION
    """ImageDescription text; `{fact.name}` is filled in from the case's facts."""
    owner: str = DEFAULT_OWNER
    """Artist and CameraOwnerName: who took the photo (a `{fact.name}` template)."""


def parse_exif_options(reader: FieldReader) -> ExifOptions:
    """Read an `exif:` mapping strictly (calls reader.finish())."""
    options = ExifOptions(
        strip=reader.boolean("strip", False),
        camera=reader.choice("camera", CAMERAS, "phone"),
        place=reader.choice("place", tuple(PLACES), "ward"),
        description=reader.string("description", DEFAULT_DESCRIPTION),
        owner=reader.string("owner", DEFAULT_OWNER),
    )
    for key, text in (("description", options.description), ("owner", options.owner)):
        for name in _FACT.findall(text):
            if "." not in name:
                raise reader.error(key, f"{{{name}}} is not a fact name like {{patient.family}}")
    reader.finish()
    return options


def read_exif_options(reader: FieldReader, key: str = "exif") -> ExifOptions:
    """Read the optional `exif:` sub-mapping of a renderer's options (default options if absent)."""
    return parse_exif_options(reader.child(key, reader.mapping(key)))


def _fill(template: str, facts: Facts) -> str:
    return _FACT.sub(lambda m: facts[m.group(1)], template)


def _dms(value: float) -> tuple[IFDRational, IFDRational, IFDRational]:
    """Degrees, minutes, seconds as EXIF rationals (seconds to 1/100)."""
    value = abs(value)
    degrees = int(value)
    minutes_float = (value - degrees) * 60
    minutes = int(minutes_float)
    hundredths = round((minutes_float - minutes) * 60 * 100)
    if hundredths >= 6000:
        minutes, hundredths = minutes + 1, hundredths - 6000
    return IFDRational(degrees, 1), IFDRational(minutes, 1), IFDRational(hundredths, 100)


def _dms_text(value: float, positive: str, negative: str) -> str:
    d, m, s = _dms(value)
    return f"{int(d)}°{int(m):02d}'{float(s):05.2f}\" {positive if value >= 0 else negative}"


def _gps_position(ctx: RenderContext, place: str) -> tuple[float, float]:
    """The place's position with a little jitter per variant, kept inside the sea box."""
    lat, lon, _ = PLACES[place]
    rng = ctx.rng("exif", "gps")
    lat += rng.uniform(-0.02, 0.02)
    lon += rng.uniform(-0.03, 0.03)
    lat_lo, lat_hi, lon_lo, lon_hi = _SEA_BOX
    return min(max(lat, lat_lo), lat_hi), min(max(lon, lon_lo), lon_hi)


def _serial(ctx: RenderContext, camera: str) -> str:
    rng = ctx.rng("exif", "serial")
    if camera == "phone":
        return f"R{rng.randrange(10, 99)}N{rng.choice('ABCDEFGH')}{rng.randrange(10**7):07d}"
    return f"{rng.randrange(10**9, 10**10)}"


def jpeg_bytes(image: Image.Image, exif: Image.Exif | None = None) -> bytes:
    """Encode a JPEG with fixed settings, so the same pixels give the same bytes."""
    buffer = io.BytesIO()
    rgb = image.convert("RGB")
    if exif is None:
        rgb.save(buffer, "JPEG", quality=JPEG_QUALITY, subsampling=2, optimize=False)
    else:
        rgb.save(
            buffer, "JPEG", quality=JPEG_QUALITY, subsampling=2, optimize=False, exif=exif.tobytes()
        )
    return buffer.getvalue()


def write_jpeg_with_exif(
    ctx: RenderContext,
    image: Image.Image,
    filename: str,
    options: ExifOptions,
    *,
    taken_at: dt.datetime | None = None,
) -> tuple[MetaRow, ...]:
    """Write `image` as ctx.path(filename) with an EXIF header; record its findings.

    Returns the header rows a learner can tick (empty when stripped). `taken_at`
    defaults to a few minutes after the case's procedure time.
    """
    path: Path = ctx.path(filename)
    if options.strip:
        path.write_bytes(jpeg_bytes(image))
        return ()

    rng = ctx.rng("exif", "device")
    make, model, software = rng.choice(_PHONES if options.camera == "phone" else _CAMERAS)
    if taken_at is None:
        taken_at = ctx.facts.procedure_at + dt.timedelta(seconds=rng.randrange(40, 1500))
    if options.camera == "phone":
        exposure = IFDRational(1, rng.choice([30, 50, 60, 100, 120]))
        f_number = IFDRational(rng.choice([16, 18, 22]), 10)
        iso = rng.choice([64, 100, 160, 250, 400])
        focal = IFDRational(rng.choice([47, 54, 69]), 10)
    else:
        exposure = IFDRational(1, rng.choice([125, 160, 200]))
        f_number = IFDRational(rng.choice([80, 110, 160]), 10)
        iso = rng.choice([100, 200])
        focal = IFDRational(rng.choice([60, 100, 105]), 1)

    exif = Image.Exif()
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    rows: list[MetaRow] = []

    def row(tag: str, label: str, value: str) -> None:
        rows.append(MetaRow(tag=tag, label=label, value=value))

    exif[ExifTags.Base.Make] = make
    exif[ExifTags.Base.Model] = model
    exif[ExifTags.Base.Orientation] = 1
    exif[ExifTags.Base.Software] = software
    row("Make", "Camera maker", make)
    row("Model", "Camera model", model)
    row("Orientation", "Orientation", "1 (top-left, upright)")
    row("Software", "Software", software)
    ctx.decoy_meta("Make", "A camera brand identifies no one.")
    ctx.decoy_meta("Model", "A camera model is sold by the thousand: it identifies no one.")

    if ctx.present("timestamp"):
        stamp = f"{taken_at:%Y:%m:%d %H:%M:%S}"
        sub[ExifTags.Base.DateTimeOriginal] = stamp
        row("DateTimeOriginal", "Date and time taken", stamp)
        ctx.meta(
            "exif_timestamp",
            "DateTimeOriginal",
            f"Photo taken {taken_at:%d/%m/%Y %H:%M}: the date of care",
        )

    if ctx.present("owner"):
        owner = _fill(options.owner, ctx.facts)
        exif[ExifTags.Base.Artist] = owner
        sub[ExifTags.Base.CameraOwnerName] = owner
        row("Artist", "Artist", owner)
        row("CameraOwnerName", "Camera owner", owner)
        ctx.meta("exif_owner", "Artist", f"Artist names whoever took it: {owner}")
        ctx.meta("exif_owner", "CameraOwnerName", f"Camera owner: {owner}")

    if ctx.present("description"):
        text = _fill(options.description, ctx.facts)
        exif[ExifTags.Base.ImageDescription] = text
        row("ImageDescription", "Description", text)
        ctx.meta("exif_description", "ImageDescription", f"Description typed into the file: {text}")

    sub[ExifTags.Base.ExposureTime] = exposure
    sub[ExifTags.Base.FNumber] = f_number
    sub[ExifTags.Base.ISOSpeedRatings] = iso
    sub[ExifTags.Base.FocalLength] = focal
    row("ExposureTime", "Exposure time", f"1/{exposure.denominator} s")
    row("FNumber", "F-number", f"f/{float(f_number):.1f}")
    row("ISOSpeedRatings", "ISO", str(iso))
    row("FocalLength", "Focal length", f"{float(focal):.1f} mm")

    comment = rng.choice(["HDR auto", "Edited: crop, exposure +0.3", "Portrait mode off"])
    sub[ExifTags.Base.UserComment] = b"ASCII\x00\x00\x00" + comment.encode("ascii")
    row("UserComment", "User comment", comment)
    ctx.decoy_meta("UserComment", "A camera or editing note: it names no one.")

    if ctx.present("serial"):
        serial = _serial(ctx, options.camera)
        sub[ExifTags.Base.BodySerialNumber] = serial
        row("BodySerialNumber", "Camera serial number", serial)
        ctx.meta("exif_device_serial", "BodySerialNumber", f"Serial number of the camera: {serial}")

    if ctx.present("gps"):
        lat, lon = _gps_position(ctx, options.place)
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
        gps[ExifTags.GPS.GPSVersionID] = b"\x02\x03\x00\x00"
        gps[ExifTags.GPS.GPSLatitudeRef] = "N" if lat >= 0 else "S"
        gps[ExifTags.GPS.GPSLatitude] = _dms(lat)
        gps[ExifTags.GPS.GPSLongitudeRef] = "E" if lon >= 0 else "W"
        gps[ExifTags.GPS.GPSLongitude] = _dms(lon)
        position = f"{_dms_text(lat, 'N', 'S')}, {_dms_text(lon, 'E', 'W')}"
        row("GPSInfo", "GPS position (GPSLatitude, GPSLongitude)", position)
        ctx.meta("exif_gps", "GPSInfo", f"{PLACES[options.place][2]}: {position}")

    path.write_bytes(jpeg_bytes(image, exif))
    return tuple(rows)
