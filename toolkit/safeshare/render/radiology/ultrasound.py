"""An ultrasound frame as the machine saves it: the B-mode image with its burned-in text.

The picture comes from a small simulator (radiology_sonar, radiology_us_anatomy).
Around it the machine writes what real machines write: the hospital, the
patient's name and ID, the date and time, the sonographer, and harmless
settings (probe, preset, MI/TI, gain, depth) and a caliper measurement. With
`burned_in: blanked` the machine's anonymise setting has blanked every
identifying field (the control case). The frame is saved as an RGB DICOM
(Ultrasound Image Storage) with a PNG preview on the same grid.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw
from pydicom.uid import UltrasoundImageStorage

from safeshare.model.spec_reader import FieldReader
from safeshare.render.context import RenderContext, RenderedAsset, Renderer
from safeshare.render.drawing import union
from safeshare.render.fonts import font
from safeshare.render.radiology.annotation import Annotator
from safeshare.render.radiology.dicom_file import write_radiology_asset
from safeshare.render.radiology.dicom_header import (
    HEADER_PARTS,
    HeaderOptions,
    ImageInfo,
    parse_header_options,
    station_name,
)
from safeshare.render.radiology.sonar import Probe, beam_grid, scan_convert, simulate
from safeshare.render.radiology.us_anatomy import STUDIES, Measurement, Scene, StudySetup

__all__ = ["RENDERER", "UltrasoundOptions"]

WIDTH, HEIGHT = 1024, 768
BURNED_IN = ("full", "blanked")
OPTIONAL_PARTS = ("patient_id", "dob", "time", "institution", "sonographer", *HEADER_PARTS)
_BODY_PART = {
    "obstetric_12wk": "PELVIS",
    "gallbladder": "ABDOMEN",
    "kidney": "ABDOMEN",
    "thyroid": "NECK",
}
_DESCRIPTION = {
    "obstetric_12wk": "US OBSTETRIC 1ST TRIMESTER",
    "gallbladder": "US ABDOMEN",
    "kidney": "US RENAL TRACT",
    "thyroid": "US THYROID",
}
_SETTINGS_DECOY = (
    "Machine settings (preset, gain, depth, frame rate): they describe the scan, not the patient."
)
_TEXT = (226, 226, 226)
_DIM = (170, 176, 182)
_CALIPER = (255, 214, 64)


@dataclass(frozen=True, slots=True, kw_only=True)
class UltrasoundOptions:
    """Options of an `ultrasound` asset."""

    study: str
    """obstetric_12wk | gallbladder | kidney | thyroid."""
    burned_in: str = "full"
    """full: identifiers burned into the frame; blanked: the machine blanked them."""
    header: HeaderOptions = field(default_factory=HeaderOptions)


def _parse(reader: FieldReader) -> UltrasoundOptions:
    options = UltrasoundOptions(
        study=reader.choice("study", tuple(STUDIES)),
        burned_in=reader.choice("burned_in", BURNED_IN, "full"),
        header=parse_header_options(reader),
    )
    reader.finish()
    return options


def _probe(setup: StudySetup) -> Probe:
    """Place the field on screen: the sector or rectangle fills most of the height."""
    top, bottom = 92, HEIGHT - 74
    if setup.probe_kind == "linear":
        ppc = (bottom - top) / setup.depth_cm
        return Probe(
            kind="linear",
            depth_cm=setup.depth_cm,
            width_cm=setup.width_cm,
            px_per_cm=ppc,
            centre_x=WIDTH // 2 + 10,
            top_y=top,
            lines=380,
            samples=560,
        )
    # The ends of the probe face sit higher than its centre: leave room above.
    sag = setup.radius_cm * (1 - math.cos(math.radians(setup.angle_deg / 2)))
    ppc = (bottom - 70) / (setup.depth_cm + sag)
    return Probe(
        kind="convex",
        depth_cm=setup.depth_cm,
        radius_cm=setup.radius_cm,
        angle_deg=setup.angle_deg,
        px_per_cm=ppc,
        centre_x=WIDTH // 2 + 10,
        top_y=int(70 + sag * ppc),
    )


def _greyscale(
    ctx: RenderContext, setup: StudySetup, probe: Probe
) -> tuple[np.ndarray, Measurement]:
    x, z = beam_grid(probe)
    scene = Scene(x, z, ctx.rng("anatomy"), ctx.np_rng("anatomy"))
    measurement = setup.draw(scene)
    beam = simulate(scene.maps, probe, ctx.np_rng("speckle"), focus_cm=setup.focus_cm)
    image, _ = scan_convert(beam, probe, (WIDTH, HEIGHT))
    return image, measurement


def _to_screen(probe: Probe, point: tuple[float, float]) -> tuple[float, float]:
    return (probe.centre_x + point[0] * probe.px_per_cm, probe.top_y + point[1] * probe.px_per_cm)


def _calipers(draw: ImageDraw.ImageDraw, probe: Probe, m: Measurement) -> None:
    """Two '+' calipers joined by a dotted line, as the machine draws them."""
    a, b = _to_screen(probe, m.a), _to_screen(probe, m.b)
    steps = max(2, int(math.dist(a, b) / 7))
    for i in range(1, steps):
        t = i / steps
        px, py = a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
        draw.rectangle((px - 1, py - 1, px, py), fill=_CALIPER)
    for px, py in (a, b):
        draw.line((px - 7, py, px + 7, py), fill=_CALIPER, width=2)
        draw.line((px, py - 7, px, py + 7), fill=_CALIPER, width=2)
    draw.text((b[0] + 8, b[1] - 18), "1", font=font("sans-bold", 13), fill=_CALIPER)


def _depth_scale(ann: Annotator, probe: Probe, setup: StudySetup) -> None:
    """Tick marks every centimetre down the right of the field, and the focus marker."""
    draw = ann.draw
    _x0, _, x1, _ = probe.screen_box()
    x = x1 + 14
    for cm in range(int(setup.depth_cm) + 1):
        y = probe.top_y + cm * probe.px_per_cm
        length = 8 if cm % 5 == 0 else 4
        draw.line((x, y, x + length, y), fill=_DIM, width=1)
        if cm % 5 == 0 and cm:
            label = ann.text((x + 12, y - 7), str(cm), font("sans", 12), _DIM)
            ann.record(
                union((int(x), int(y) - 2, length, 4), label),
                benign="The depth scale in centimetres: a ruler, not an identifier.",
            )
    fy = probe.top_y + setup.focus_cm * probe.px_per_cm
    draw.polygon([(x - 2, fy), (x - 9, fy - 5), (x - 9, fy + 5)], fill=_DIM)


def _orientation_mark(draw: ImageDraw.ImageDraw, probe: Probe) -> None:
    """The probe-orientation dot beside the top-left corner of the field."""
    x: float
    y: float
    if probe.kind == "linear":
        x, y = probe.screen_box()[0], probe.top_y
    else:
        half = math.radians(probe.angle_deg / 2)
        x = probe.centre_x - probe.radius_cm * math.sin(half) * probe.px_per_cm
        y = probe.top_y - probe.radius_cm * (1 - math.cos(half)) * probe.px_per_cm
    draw.ellipse((x - 22, y - 4, x - 12, y + 6), fill=(90, 170, 255))


def _grey_bar(image: Image.Image) -> None:
    ramp = np.linspace(255, 0, 180).astype(np.uint8)
    bar = np.repeat(ramp[:, None], 10, axis=1)
    image.paste(Image.fromarray(bar).convert("RGB"), (16, 300))


def _header_text(ann: Annotator, ctx: RenderContext, setup: StudySetup, blanked: bool) -> None:
    """The patient banner along the top: name, ID, hospital, date, time, MI/TI."""
    f = ctx.facts
    rng = ctx.rng("layout")
    big, small, bold = font("sans", 16), font("sans", 14), font("sans-bold", 16)
    banner = rng.random() < 0.5
    if banner:
        ann.draw.rectangle((0, 0, WIDTH, 56), fill=(24, 38, 62))
    ann.text(
        (12, 8),
        "SONAVISTA",
        font("sans-bold", 15),
        (236, 236, 236) if banner else _DIM,
        decoy="The scanner's brand: it names a machine, not a patient.",
    )
    if blanked:
        ann.text(
            (150, 8),
            "ANONYMOUS",
            bold,
            _TEXT,
            decoy="The machine's anonymise setting replaced the name: nothing identifies.",
        )
        ann.text(
            (150, 31),
            "ID: ----------",
            small,
            _TEXT,
            decoy="The ID was blanked by the anonymise setting: dashes identify no one.",
        )
    else:
        ann.text((150, 8), f["patient.overlay_name"], bold, _TEXT, category="patient_name")
        if ctx.present("patient_id"):
            ann.text(
                (150, 31),
                f"ID: {f['patient.hospital_number']}",
                small,
                _TEXT,
                category="patient_number",
                evidence=f["patient.hospital_number"],
            )
        if ctx.present("dob"):
            ann.text(
                (330, 31),
                f"DOB: {f['patient.dob']}",
                small,
                _TEXT,
                category="date_of_birth",
                evidence=f["patient.dob"],
            )
        if ctx.present("institution"):
            ann.text((430, 8), f["hospital.name"], big, _TEXT, category="institution")
    ann.text(
        (560, 31),
        f"MI {rng.uniform(0.6, 1.2):.1f}   TIs {rng.uniform(0.1, 0.4):.1f}",
        small,
        _TEXT,
        decoy="Mechanical and thermal index: safety readings of the beam.",
    )
    if not blanked:
        ann.text(
            (WIDTH - 12, 8), f["procedure.date"], big, _TEXT, category="date_of_care", align="right"
        )
        if ctx.present("time"):
            ann.text(
                (WIDTH - 12, 31),
                f["procedure.time"],
                big,
                _TEXT,
                category="date_of_care",
                align="right",
            )
    if not blanked and ctx.present("sonographer"):
        initials = f"{f['clinician.given'][0]}{f['clinician.family'][0]}"
        ann.text(
            (720, 31),
            f"Sono: {initials}",
            small,
            _TEXT,
            category="clinician_identity",
            evidence=f"Sono: {initials}",
        )


def _settings_text(ann: Annotator, ctx: RenderContext, setup: StudySetup) -> None:
    rng = ctx.rng("settings")
    lines = [
        setup.probe_name,
        setup.preset,
        f"{setup.depth_cm:.0f}cm",
        "",
        "2D",
        f"Gn {rng.randrange(44, 66)}",
        f"DR {rng.choice([60, 66, 72])}",
        f"FR {rng.randrange(18, 42)}Hz",
        f"P {rng.choice(['Pen', 'Gen', 'Res'])}",
        "HAR",
    ]
    y = 78
    boxes = []
    for line in lines:
        if line:
            boxes.append(ann.text((12, y), line, font("sans", 14), _DIM))
        y += 20
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[0] + b[2] for b in boxes)
    y1 = max(b[1] + b[3] for b in boxes)
    ann.record((x0, y0, x1 - x0, y1 - y0), decoy=_SETTINGS_DECOY)


def _render(ctx: RenderContext, options: UltrasoundOptions) -> RenderedAsset:
    setup = STUDIES[options.study]
    probe = _probe(setup)
    grey, measurement = _greyscale(ctx, setup, probe)
    pixels = np.clip(grey * 255 + 0.5, 0, 255).astype(np.uint8)
    image = Image.fromarray(np.stack([pixels] * 3, axis=-1), "RGB")
    draw = ImageDraw.Draw(image)
    ann = Annotator(ctx, draw, (WIDTH, HEIGHT))
    blanked = options.burned_in == "blanked"
    _header_text(ann, ctx, setup, blanked)
    _settings_text(ann, ctx, setup)
    _grey_bar(image)
    _depth_scale(ann, probe, setup)
    _calipers(draw, probe, measurement)
    _orientation_mark(draw, probe)
    ann.text(
        (14, HEIGHT - 60),
        f"1  {measurement.label}",
        font("sans", 16),
        _CALIPER,
        decoy="A measurement the sonographer made: anatomy, not identity.",
    )
    ann.text(
        (WIDTH - 12, HEIGHT - 30),
        f"Frz  {ctx.rng('cine').randrange(60, 240)}/240",
        font("sans", 13),
        _DIM,
        align="right",
        benign="The frozen frame's place in the cine loop: a counter, not an identifier.",
    )
    info = ImageInfo(
        modality="US",
        sop_class_uid=UltrasoundImageStorage,
        body_part=_BODY_PART[options.study],
        study_description=_DESCRIPTION[options.study],
        series_description=setup.preset,
        manufacturer="Sonavista Medical",
        model="Sonavista V8",
        station=station_name("US", ctx),
        rows=HEIGHT,
        columns=WIDTH,
        burned_in=not blanked,
        image_type=(
            "ORIGINAL",
            "PRIMARY",
            "ABDOMINAL" if options.study != "thyroid" else "SMALL PARTS",
        ),
    )
    return write_radiology_asset(
        ctx,
        header=options.header,
        info=info,
        pixels=np.asarray(image, dtype=np.uint8),
        preview=image,
    )


RENDERER = Renderer(
    name="ultrasound",
    parse_options=_parse,
    render=_render,
    optional_parts=OPTIONAL_PARTS,
    description="An ultrasound frame with burned-in text, saved as a DICOM file.",
)
