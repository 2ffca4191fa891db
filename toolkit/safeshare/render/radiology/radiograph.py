"""A plain radiograph as the department stores it: a chest X-ray or a dental panoramic.

The pixels come from radiology_chest or radiology_dental. With `margin: full`
the writing a PACS or a film-ID camera puts in the margin is burned in: the
patient's name, date of birth, hospital number, the date, the hospital (the
very example of GMC recordings guidance, paras 10-12). Side markers, the
projection and exposure settings are drawn too, as harmless look-alikes. A
chest can carry distinctive hardware (a pacemaker, sternal wires) or a rare
anomaly (dextrocardia); a panoramic's fillings and gaps are a dental record.
Saved as a 12-bit DICOM (Digital X-Ray) with a PNG preview on the same grid.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw
from pydicom.uid import DigitalXRayImageStorageForPresentation

from safeshare.model.spec_reader import FieldReader
from safeshare.render.context import RenderContext, RenderedAsset, Renderer
from safeshare.render.fonts import font
from safeshare.render.radiology.annotation import Annotator
from safeshare.render.radiology.chest import chest_radiograph
from safeshare.render.radiology.dental import panoramic
from safeshare.render.radiology.dicom_file import MonochromePixels, write_radiology_asset
from safeshare.render.radiology.dicom_header import (
    HEADER_PARTS,
    HeaderOptions,
    ImageInfo,
    parse_header_options,
    station_name,
)

__all__ = ["RENDERER", "RadiographOptions"]

STUDIES = ("chest_pa", "dental_panoramic")
IMPLANTS = ("none", "pacemaker", "sternal_wires")
ANOMALIES = ("none", "dextrocardia")
MARGINS = ("full", "none")
OPTIONAL_PARTS = ("dob", "hospital_number", "time", "institution", "marker_initials", *HEADER_PARTS)
_SIZE = {"chest_pa": (1152, 1408), "dental_panoramic": (1600, 800)}
_MAX = 4095
_IMPLANT_EVIDENCE = {
    "pacemaker": "A pacemaker: the generator's shape and radiopaque code name the model, and few "
    "people carry one",
    "sternal_wires": "Sternotomy wires: a distinctive sign of past heart surgery",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class RadiographOptions:
    """Options of a `radiograph` asset."""

    study: str = "chest_pa"
    """chest_pa | dental_panoramic."""
    margin: str = "full"
    """full: name, DOB, number, date and hospital written in the margin; none: a clean margin."""
    implant: str = "none"
    """Chest only: none | pacemaker | sternal_wires."""
    anomaly: str = "none"
    """Chest only: none | dextrocardia."""
    header: HeaderOptions = field(default_factory=HeaderOptions)


def _parse(reader: FieldReader) -> RadiographOptions:
    study = reader.choice("study", STUDIES, "chest_pa")
    options = RadiographOptions(
        study=study,
        margin=reader.choice("margin", MARGINS, "full"),
        implant=reader.choice("implant", IMPLANTS, "none"),
        anomaly=reader.choice("anomaly", ANOMALIES, "none"),
        header=parse_header_options(reader),
    )
    if study != "chest_pa" and options.implant != "none":
        raise reader.error("implant", "implants are drawn on chest_pa radiographs only")
    if study != "chest_pa" and options.anomaly != "none":
        raise reader.error("anomaly", "anomalies are drawn on chest_pa radiographs only")
    reader.finish()
    return options


def _label_backing(
    backing: ImageDraw.ImageDraw, boxes: list[tuple[int, int, int, int]], pad: int
) -> None:
    """A dark ID label behind a block of writing, as a film-ID camera or a PACS prints it."""
    x0 = min(b[0] for b in boxes) - pad
    y0 = min(b[1] for b in boxes) - pad
    x1 = max(b[0] + b[2] for b in boxes) + pad
    y1 = max(b[1] + b[3] for b in boxes) + pad
    backing.rectangle((x0, y0, x1, y1), fill=255)


def _margin_text(
    ann: Annotator,
    backing: ImageDraw.ImageDraw,
    ctx: RenderContext,
    size: tuple[int, int],
    scale: float,
    *,
    number_label: str = "Hosp No",
) -> None:
    """The writing in the margin: what GMC guidance says to remove before any other use."""
    f = ctx.facts
    rng = ctx.rng("margin")
    big, small = font("sans-bold", int(26 * scale)), font("sans", int(23 * scale))
    white = 255
    x, y = int(26 * scale), int(20 * scale)
    step = int(31 * scale)
    left = [
        ann.text(
            (x, y),
            f["patient.overlay_name"].upper(),
            big,
            white,
            category="patient_name",
            evidence=f["patient.overlay_name"],
        )
    ]
    y += step
    if ctx.present("dob"):
        left.append(
            ann.text(
                (x, y),
                f"DOB {f['patient.dob']}",
                small,
                white,
                category="date_of_birth",
                evidence=f["patient.dob"],
            )
        )
        y += step
    if ctx.present("hospital_number"):
        left.append(
            ann.text(
                (x, y),
                f"{number_label} {f['patient.hospital_number']}",
                small,
                white,
                category="patient_number",
                evidence=f["patient.hospital_number"],
            )
        )
        y += step
    when = f["procedure.date"]
    if ctx.present("time"):
        when += f"  {f['procedure.time'][:5]}"
    left.append(ann.text((x, y), when, small, white, category="date_of_care", evidence=when))
    _label_backing(backing, left, int(10 * scale))
    if ctx.present("institution"):
        name = f["hospital.upper"] if rng.random() < 0.5 else f["hospital.name"]
        # Keep clear of the neck in the middle of the top margin: wrap a long name.
        room = size[0] * 0.36
        lines = [name]
        if ann.width(name, small) > room:
            words = name.split()
            cut = max(1, len(words) // 2)
            lines = [" ".join(words[:cut]), " ".join(words[cut:])]
        boxes = [
            ann.text((size[0] - x, int(20 * scale) + i * step), line, small, white, align="right")
            for i, line in enumerate(lines)
        ]
        x0 = min(b[0] for b in boxes)
        y0 = min(b[1] for b in boxes)
        x1 = max(b[0] + b[2] for b in boxes)
        y1 = max(b[1] + b[3] for b in boxes)
        ann.record((x0, y0, x1 - x0, y1 - y0), category="institution", evidence=name)
        _label_backing(backing, boxes, int(10 * scale))


def _chest_labels(ann: Annotator, ctx: RenderContext, size: tuple[int, int], scale: float) -> None:
    """Side marker (with the radiographer's initials, optionally) and the projection."""
    w, h = size
    mfont = font("sans-bold", int(40 * scale))
    x, y = int(w * 0.075), int(h * 0.2)
    box = ann.text(
        (x, y),
        "R",
        mfont,
        255,
        decoy="A side marker: it shows the patient's right, not who the patient is.",
    )
    ann.draw.rectangle(
        (box[0] - 4, box[1] - 4, box[0] + box[2] + 4, box[1] + box[3] + 4), outline=255, width=3
    )
    if ctx.present("marker_initials"):
        f = ctx.facts
        initials = f"{f['clinician.given'][0]}{f['clinician.family'][0]}"
        ann.text(
            (box[0], box[1] + box[3] + 10),
            initials,
            font("sans-bold", int(22 * scale)),
            255,
            category="clinician_identity",
            evidence=f"Radiographer's initials on the marker: {initials}",
        )
    ann.text(
        (w - int(26 * scale), int(h * 0.07)),
        "PA ERECT",
        font("sans", int(22 * scale)),
        230,
        align="right",
        decoy="The projection: how the film was taken, not whose it is.",
    )


def _dental_labels(ann: Annotator, ctx: RenderContext, size: tuple[int, int], scale: float) -> None:
    w, h = size
    side = font("sans-bold", int(30 * scale))
    ann.text(
        (int(w * 0.03), int(h * 0.45)), "R", side, 240, decoy="A side marker, not an identifier."
    )
    ann.text(
        (w - int(w * 0.03), int(h * 0.45)),
        "L",
        side,
        240,
        align="right",
        decoy="A side marker, not an identifier.",
    )
    rng = ctx.rng("exposure")
    ann.text(
        (w - int(20 * scale), h - int(36 * scale)),
        f"Orthora PX-3   {rng.choice([66, 68, 70, 73])} kV  {rng.choice([8, 10, 12])} mA  14.1 s",
        font("sans", int(19 * scale)),
        200,
        align="right",
        decoy="The unit and its exposure settings: a machine, not a patient.",
    )


def _render(ctx: RenderContext, options: RadiographOptions) -> RenderedAsset:
    w, h = _SIZE[options.study]
    rng, nrng = ctx.rng("anatomy"), ctx.np_rng("anatomy")
    if options.study == "chest_pa":
        chest = chest_radiograph(
            w,
            h,
            rng,
            nrng,
            female=ctx.facts["patient.sex"] == "F",
            dextrocardia=options.anomaly == "dextrocardia",
            implant=options.implant,
        )
        grey = chest.image
    else:
        dental = panoramic(w, h, rng, nrng)
        grey = dental.image
    values = np.round(grey * _MAX).astype(np.uint16)
    # Burned-in text is drawn into the pixels themselves, at full brightness.
    layer = Image.new("L", (w, h), 0)
    backing = Image.new("L", (w, h), 0)
    ann = Annotator(ctx, ImageDraw.Draw(layer), (w, h))
    scale = w / 1152 if options.study == "chest_pa" else 0.9
    if options.margin == "full":
        _margin_text(
            ann,
            ImageDraw.Draw(backing),
            ctx,
            (w, h),
            scale,
            number_label="Hosp No" if options.study == "chest_pa" else "Pt ID",
        )
    if options.study == "chest_pa":
        _chest_labels(ann, ctx, (w, h), scale)
        if options.anomaly == "dextrocardia":
            ctx.box(
                "rarity",
                chest.heart_box,
                "The heart lies on the right (dextrocardia): rare, and "
                "memorable to anyone who knows the patient",
            )
        for name, box in chest.implant_boxes:
            ctx.box("distinctive_mark", box, _IMPLANT_EVIDENCE[name])
    else:
        _dental_labels(ann, ctx, (w, h), scale)
        if dental.restorations:
            ctx.box(
                "distinctive_mark",
                dental.dentition_box,
                f"{dental.restorations} fillings or crowns and the gaps between teeth: a dental "
                "record that identifies a person as surely as a fingerprint",
            )
    label = np.asarray(backing) > 0
    values = np.where(label, np.uint16(_MAX * 0.04), values).astype(np.uint16)
    text = np.asarray(layer, dtype=np.float32) / 255.0
    values = np.maximum(values, np.round(text * _MAX * 0.97).astype(np.uint16))
    shown = (values.astype(np.float32) / _MAX * 255 + 0.5).astype(np.uint8)
    preview = Image.fromarray(shown, "L")
    chest_study = options.study == "chest_pa"
    info = ImageInfo(
        modality="DX" if chest_study else "PX",
        sop_class_uid=DigitalXRayImageStorageForPresentation,
        body_part="CHEST" if chest_study else "JAW",
        study_description="XR CHEST PA" if chest_study else "OPG PANORAMIC",
        series_description="PA" if chest_study else "PANORAMIC",
        manufacturer="Halden Imaging" if chest_study else "Orthora Dental",
        model="Halden DR-800" if chest_study else "Orthora PX-3",
        station=station_name("XR" if chest_study else "OPG", ctx),
        rows=h,
        columns=w,
        pixel_spacing=(0.3, 0.3) if chest_study else (0.15, 0.15),
        burned_in=options.margin == "full",
        image_type=("ORIGINAL", "PRIMARY"),
    )
    pixels = MonochromePixels(values, bits_stored=12, window=(2048, 4096))
    return write_radiology_asset(
        ctx, header=options.header, info=info, pixels=pixels, preview=preview
    )


RENDERER = Renderer(
    name="radiograph",
    parse_options=_parse,
    render=_render,
    optional_parts=OPTIONAL_PARTS,
    description="A chest X-ray or dental panoramic with writing in the margin, as a 12-bit DICOM.",
)
