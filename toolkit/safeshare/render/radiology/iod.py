"""The attributes each kind of DICOM object must carry to be valid for its IOD (PS3.3).

A radiologist's viewer or a PACS may refuse or misread an object that lacks
them, so every file the bank ships passes dicom3tools' dciodvfy without error.
None of these attributes identifies anyone: they say how the image was made
(detector, sequence, orientation), never whose it is.
"""

from __future__ import annotations

from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from pydicom.sr.codedict import codes
from pydicom.uid import (
    DigitalXRayImageStorageForPresentation,
    MRImageStorage,
    SecondaryCaptureImageStorage,
)

from safeshare.render.radiology.dicom_header import ImageInfo

__all__ = ["complete_for_iod"]

_REGIONS = {"CHEST": codes.cid4031.Chest, "JAW": codes.cid4031.JawRegion}
"""Body Part Examined to its CID 4031 anatomic region code (from pydicom's code tables)."""
_AXIAL = ["1", "0", "0", "0", "1", "0"]
"""Image rows along the patient's left, columns towards the back: an axial slice."""


def _frame_of_reference(ds: Dataset) -> None:
    """Frame of Reference module: its reference point is unknown for a single image (Type 2)."""
    ds.PositionReferenceIndicator = ""


def _digital_x_ray(ds: Dataset, info: ImageInfo) -> None:
    """DX Series, DX Anatomy Imaged, DX Image and DX Detector modules (For Presentation)."""
    ds.PresentationIntentType = "FOR PRESENTATION"
    ds.ImageLaterality = "U"
    ds.PatientOrientation = ["L", "F"]
    region = Dataset()
    code = _REGIONS[info.body_part]
    region.CodeValue = code.value
    region.CodingSchemeDesignator = code.scheme_designator
    region.CodeMeaning = code.meaning
    ds.AnatomicRegionSequence = Sequence([region])
    ds.AcquisitionContextSequence = Sequence()
    ds.LossyImageCompression = "00"
    ds.PixelIntensityRelationship = "LIN"
    ds.PixelIntensityRelationshipSign = 1
    ds.PresentationLUTShape = "IDENTITY"
    if "RescaleSlope" not in ds:
        ds.RescaleIntercept = "0"
        ds.RescaleSlope = "1"
    ds.RescaleType = "US"
    ds.DetectorType = "DIRECT"
    spacing = info.pixel_spacing or (0.1, 0.1)
    ds.ImagerPixelSpacing = [f"{spacing[0]:.4g}", f"{spacing[1]:.4g}"]
    _frame_of_reference(ds)


def _magnetic_resonance(ds: Dataset, info: ImageInfo) -> None:
    """MR Image and Image Plane modules: a fat-suppressed 3D gradient-echo axial slice."""
    if len(ds.ImageType) < 3:
        ds.ImageType = [*ds.ImageType, "OTHER"]
    ds.ScanningSequence = "GR"
    ds.SequenceVariant = "SP"
    ds.ScanOptions = "FS"
    ds.MRAcquisitionType = "3D"
    ds.RepetitionTime = "4.1"
    ds.EchoTime = "1.9"
    ds.EchoTrainLength = "1"
    ds.PatientPosition = "HFS"
    spacing = info.pixel_spacing or (1.0, 1.0)
    ds.ImageOrientationPatient = _AXIAL
    ds.ImagePositionPatient = [
        f"{-info.columns * spacing[1] / 2:.2f}",
        f"{-info.rows * spacing[0] / 2:.2f}",
        "-40.00",
    ]
    _frame_of_reference(ds)


def _secondary_capture(ds: Dataset) -> None:
    """SC Equipment module: made on a workstation; SC images carry no frame of reference."""
    ds.ConversionType = "WSD"
    ds.PatientOrientation = ""
    if "FrameOfReferenceUID" in ds:
        del ds.FrameOfReferenceUID


def _other(ds: Dataset) -> None:
    """General Image (orientation unknown, Type 2C) and Frame of Reference."""
    ds.PatientOrientation = ""
    _frame_of_reference(ds)


def complete_for_iod(ds: Dataset, info: ImageInfo) -> None:
    """Add the modules the object's SOP class requires (call after the pixels are attached)."""
    if info.sop_class_uid == DigitalXRayImageStorageForPresentation:
        _digital_x_ray(ds, info)
    elif info.sop_class_uid == MRImageStorage:
        _magnetic_resonance(ds, info)
    elif info.sop_class_uid == SecondaryCaptureImageStorage:
        _secondary_capture(ds)
    else:
        _other(ds)
