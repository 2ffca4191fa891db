"""A cross-sectional study as a DICOM file: an MRI slice, or a CT volume rendering of a head.

`abdomen_mr` reuses the pixels of pydicom's bundled abdominal MR sample
(examples_overlay.dcm, MIT licensed; its own header, which carries a
real-looking address, is discarded and replaced by invented facts), upscaled
twice, slightly shifted per variant. Its pixels are clean: whatever identifies
the patient travels in the header (case R4). `ct_volume_render` is a shaded
skin-surface rendering of a head CT as a workstation saves it (secondary
capture): a reconstruction that is a full-face image (case R3). `overlay`
adds the workstation's corner text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pydicom
from PIL import Image, ImageDraw
from pydicom.data import get_testdata_file
from pydicom.uid import MRImageStorage, SecondaryCaptureImageStorage
from scipy import ndimage

from safeshare.model.spec_reader import FieldReader
from safeshare.render.context import RenderContext, RenderedAsset, Renderer
from safeshare.render.fonts import font
from safeshare.render.radiology.annotation import Annotator
from safeshare.render.radiology.dicom_file import MonochromePixels, write_radiology_asset
from safeshare.render.radiology.dicom_header import (
    HEADER_PARTS,
    HeaderOptions,
    ImageInfo,
    parse_header_options,
    station_name,
)
from safeshare.render.radiology.head import head_render

__all__ = ["RENDERER", "MriOptions"]

STUDIES = ("abdomen_mr", "ct_volume_render")
OVERLAYS = ("none", "full")
OPTIONAL_PARTS = ("patient_id", "dob", "institution", *HEADER_PARTS)
_SAMPLE = "examples_overlay.dcm"
_VR_SIZE = 768
_TEXT = (236, 236, 236)


@dataclass(frozen=True, slots=True, kw_only=True)
class MriOptions:
    """Options of an `mri_slice` asset."""

    study: str = "abdomen_mr"
    """abdomen_mr | ct_volume_render."""
    overlay: str = "none"
    """none: clean pixels; full: the workstation's corner text burned in."""
    header: HeaderOptions = field(default_factory=HeaderOptions)


def _parse(reader: FieldReader) -> MriOptions:
    options = MriOptions(
        study=reader.choice("study", STUDIES, "abdomen_mr"),
        overlay=reader.choice("overlay", OVERLAYS, "none"),
        header=parse_header_options(reader),
    )
    reader.finish()
    return options


@lru_cache(maxsize=1)
def _sample_pixels() -> np.ndarray:
    """The bundled abdominal MR slice's pixels (300 x 484, 12-bit), read once."""
    path = get_testdata_file(_SAMPLE)
    if path is None:
        raise ValueError(f"pydicom's bundled sample {_SAMPLE} is missing: reinstall pydicom")
    ds = pydicom.dcmread(path)
    pixels: np.ndarray = ds.pixel_array.astype(np.float32)
    pixels.setflags(write=False)
    return pixels


def _abdomen(ctx: RenderContext) -> tuple[np.ndarray, tuple[float, float]]:
    """Upscaled sample slice with a small per-variant shift; values and window (centre, width)."""
    rng = ctx.rng("mr")
    base = _sample_pixels()
    big = ndimage.zoom(base, 2, order=3, mode="nearest")
    dy, dx = rng.randrange(-10, 11), rng.randrange(-14, 15)
    big = ndimage.shift(big, (dy, dx), order=1, mode="constant", cval=0.0)
    big = np.clip(big, 0, 4095)
    centre = rng.uniform(420, 480)
    width = rng.uniform(760, 840)
    return big, (centre, width)


def _window(values: np.ndarray, window: tuple[float, float]) -> np.ndarray:
    centre, width = window
    shown = np.clip((values - (centre - width / 2)) / width, 0, 1)
    return (shown * 255 + 0.5).astype(np.uint8)


def _corner_text(
    ann: Annotator,
    ctx: RenderContext,
    size: tuple[int, int],
    *,
    volume: bool,
    fill: tuple[int, ...] | int,
) -> None:
    """A workstation's four-corner annotation."""
    f = ctx.facts
    w, h = size
    small = font("sans", 15)
    bold = font("sans-bold", 16)
    ann.text((10, 8), f["patient.overlay_name"], bold, fill, category="patient_name")
    y = 30
    if ctx.present("patient_id"):
        ann.text((10, y), f["patient.hospital_number"], small, fill, category="patient_number")
        y += 20
    if ctx.present("dob"):
        ann.text(
            (10, y),
            f"{f['patient.dob']}  {f['patient.sex']}",
            small,
            fill,
            category="date_of_birth",
            evidence=f["patient.dob"],
        )
    if ctx.present("institution"):
        ann.text(
            (w - 10, 8), f["hospital.name"], small, fill, category="institution", align="right"
        )
    ann.text(
        (w - 10, 30),
        f"{f['procedure.date']} {f['procedure.time'][:5]}",
        small,
        fill,
        category="date_of_care",
        evidence=f"{f['procedure.date']} {f['procedure.time'][:5]}",
        align="right",
    )
    if volume:
        ann.text(
            (10, h - 48),
            "VR  Skin (soft)",
            small,
            fill,
            decoy="The rendering preset: software settings.",
        )
        ann.text(
            (10, h - 26),
            "WL: 40  WW: 400   Zoom 1.10",
            small,
            fill,
            decoy="Window and zoom: display settings, not identifiers.",
        )
        ann.text((8, h // 2 - 10), "R", bold, fill, decoy="An orientation label.")
        ann.text(
            (w - 8, h // 2 - 10), "L", bold, fill, align="right", decoy="An orientation label."
        )
    else:
        ann.text(
            (10, h - 26),
            "AX T1 FS POST   TE 2.4  TR 4.9",
            small,
            fill,
            decoy="The sequence and its timings: scanner settings.",
        )


def _render(ctx: RenderContext, options: MriOptions) -> RenderedAsset:
    volume = options.study == "ct_volume_render"
    if volume:
        head = head_render(_VR_SIZE, ctx.rng("head"), ctx.np_rng("head"))
        rgb = Image.fromarray((head.image * 255 + 0.5).astype(np.uint8), "RGB")
        ctx.box(
            "full_face",
            head.face_box,
            "A 3D reconstruction of the head shows the face: it is a "
            "full-face image, recognisable to anyone who knows the patient",
        )
        image = rgb
    else:
        values, window = _abdomen(ctx)
        image = Image.fromarray(_window(values, window), "L").convert("RGB")
    size = image.size
    burned_in = options.overlay == "full"
    if burned_in and volume:
        _corner_text(
            Annotator(ctx, ImageDraw.Draw(image), size), ctx, size, volume=True, fill=_TEXT
        )
    elif burned_in:
        # Text burned into a greyscale series is stored in the pixel values themselves.
        layer = Image.new("L", size, 0)
        _corner_text(Annotator(ctx, ImageDraw.Draw(layer), size), ctx, size, volume=False, fill=255)
        text = np.asarray(layer, dtype=np.float32) / 255.0
        top = window[0] + window[1] / 2
        values = np.maximum(values, text * top)
        image = Image.fromarray(_window(values, window), "L").convert("RGB")
    if volume:
        info = ImageInfo(
            modality="CT",
            sop_class_uid=SecondaryCaptureImageStorage,
            body_part="HEAD",
            study_description="CT HEAD / FACIAL BONES",
            series_description="VR SKIN 3D",
            manufacturer="Meridian Medical",
            model="Meridian Vista 3D",
            station=station_name("WS3D", ctx),
            rows=size[1],
            columns=size[0],
            burned_in=burned_in,
            recognizable_face=True,
            image_type=("DERIVED", "SECONDARY", "VOLUME RENDER"),
        )
        pixels: np.ndarray | MonochromePixels = np.asarray(image, dtype=np.uint8)
    else:
        info = ImageInfo(
            modality="MR",
            sop_class_uid=MRImageStorage,
            body_part="ABDOMEN",
            study_description="MR LIVER",
            series_description="AX T1 FS POST",
            manufacturer="Meridian Medical",
            model="Meridian Solace 1.5T",
            station=station_name("MR", ctx),
            rows=size[1],
            columns=size[0],
            pixel_spacing=(0.3616, 0.3616),
            slice_thickness=4.0,
            burned_in=burned_in,
        )
        pixels = MonochromePixels(np.round(values).astype(np.uint16), bits_stored=12, window=window)
    return write_radiology_asset(
        ctx, header=options.header, info=info, pixels=pixels, preview=image
    )


RENDERER = Renderer(
    name="mri_slice",
    parse_options=_parse,
    render=_render,
    optional_parts=OPTIONAL_PARTS,
    description="An abdominal MRI slice (clean pixels, full header) or a CT head volume rendering.",
)
