"""Write a radiology asset: a real DICOM file with its pixels, and a PNG preview.

The file is explicit VR little endian with valid file meta, so pydicom (and any
viewer) reads it back. The preview PNG is on the same pixel grid as the DICOM
pixels, so boxes on burned-in text hold for both. With header profile `none`
only the PNG is written: an export that carries no header.
"""

from __future__ import annotations

import numpy as np
from PIL import Image
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import UID, ExplicitVRLittleEndian

from safeshare.render.context import RenderContext, RenderedAsset
from safeshare.render.radiology.dicom_header import HeaderOptions, ImageInfo, build_header
from safeshare.render.radiology.iod import complete_for_iod

__all__ = ["IMPLEMENTATION_UID", "MonochromePixels", "write_radiology_asset"]

IMPLEMENTATION_UID = UID("1.2.826.0.1.3680043.8.498.77301")
"""Fixed, so the file meta does not change with the pydicom version."""
_IMPLEMENTATION_NAME = "SAFESHARE_1"


class MonochromePixels:
    """Greyscale pixel data stored as unsigned 16-bit with `bits_stored` bits, plus a window."""

    def __init__(
        self,
        values: np.ndarray,
        *,
        bits_stored: int,
        window: tuple[float, float],
        rescale: tuple[float, float] = (1.0, 0.0),
        signed: bool = False,
    ) -> None:
        if values.ndim != 2:
            raise ValueError("monochrome pixels must be a 2-D array")
        self.values = values
        self.bits_stored = bits_stored
        self.window = window
        """(centre, width) for display."""
        self.rescale = rescale
        """(slope, intercept), e.g. to Hounsfield units for CT."""
        self.signed = signed


def _attach_pixels(ds: Dataset, pixels: np.ndarray | MonochromePixels) -> None:
    if isinstance(pixels, MonochromePixels):
        data = pixels.values
        ds.SamplesPerPixel = 1
        ds.PhotometricInterpretation = "MONOCHROME2"
        ds.BitsAllocated = 16
        ds.BitsStored = pixels.bits_stored
        ds.HighBit = pixels.bits_stored - 1
        ds.PixelRepresentation = 1 if pixels.signed else 0
        ds.WindowCenter = f"{pixels.window[0]:.0f}"
        ds.WindowWidth = f"{pixels.window[1]:.0f}"
        if pixels.rescale != (1.0, 0.0):
            ds.RescaleSlope = f"{pixels.rescale[0]:g}"
            ds.RescaleIntercept = f"{pixels.rescale[1]:g}"
            ds.RescaleType = "HU"
        dtype = "<i2" if pixels.signed else "<u2"
        ds.PixelData = np.ascontiguousarray(data.astype(dtype)).tobytes()
        ds.Rows, ds.Columns = data.shape
    else:
        if pixels.ndim != 3 or pixels.shape[2] != 3 or pixels.dtype != np.uint8:
            raise ValueError("colour pixels must be an (h, w, 3) uint8 array")
        ds.SamplesPerPixel = 3
        ds.PhotometricInterpretation = "RGB"
        ds.PlanarConfiguration = 0
        ds.BitsAllocated = 8
        ds.BitsStored = 8
        ds.HighBit = 7
        ds.PixelRepresentation = 0
        ds.PixelData = np.ascontiguousarray(pixels).tobytes()
        ds.Rows, ds.Columns = pixels.shape[:2]


def write_radiology_asset(
    ctx: RenderContext,
    *,
    header: HeaderOptions,
    info: ImageInfo,
    pixels: np.ndarray | MonochromePixels,
    preview: Image.Image,
) -> RenderedAsset:
    """Write `<asset>.dcm` (unless the profile is `none`) and `<asset>.png`; return the asset.

    `preview` is what a viewer shows: the same size as the pixels.
    """
    shape = pixels.values.shape if isinstance(pixels, MonochromePixels) else pixels.shape[:2]
    if (preview.height, preview.width) != tuple(shape):
        raise ValueError(f"preview {preview.size} is not on the pixel grid {shape[::-1]}")
    preview = preview.convert("RGB")
    png = f"{ctx.asset_id}.png"
    preview.save(ctx.path(png), format="PNG", optimize=False, compress_level=6)
    if header.profile == "none":
        return RenderedAsset(
            file=png,
            media_type="image/png",
            width=preview.width,
            height=preview.height,
            image=preview,
        )
    built = build_header(ctx, header, info)
    ds = built.dataset
    _attach_pixels(ds, pixels)
    complete_for_iod(ds, info)
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = ds.SOPClassUID
    meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationClassUID = IMPLEMENTATION_UID
    meta.ImplementationVersionName = _IMPLEMENTATION_NAME
    ds.file_meta = meta
    name = f"{ctx.asset_id}.dcm"
    ds.save_as(ctx.path(name), enforce_file_format=True)
    return RenderedAsset(
        file=name,
        media_type="application/dicom",
        width=preview.width,
        height=preview.height,
        image=preview,
        preview=png,
        metadata=built.rows,
    )
