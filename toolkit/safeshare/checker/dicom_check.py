"""DICOM: the header against Table E.1-1, private tags, burned-in flags, overlays, pixels.

Every attribute present with a value that Table E.1-1 lists is reported with its
Basic Profile action; private attributes (the basic profile removes them all)
are reported with their value; BurnedInAnnotation = YES and overlay planes
are flagged; the pixels are decoded (when pydicom can) and read by the OCR.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from safeshare.checker.detection import Detection
from safeshare.checker.dicom_profile import profile_table
from safeshare.errors import CheckInputError
from safeshare.model.locations import MetaField

__all__ = [
    "OVERLAY_CATEGORY",
    "DicomScan",
    "dicom_image",
    "header_detections",
    "is_dicom",
    "private_tag_name",
    "read_dicom",
]

OVERLAY_CATEGORY = "dicom_overlay"
"""The checker's own kind for overlay planes (see report.py): graphics that may carry text."""

_PATIENT = {
    "OtherPatientIDs",
    "OtherPatientIDsSequence",
    "OtherPatientNames",
    "MilitaryRank",
    "BranchOfService",
    "MedicalRecordLocator",
    "EthnicGroup",
    "Occupation",
    "RegionOfResidence",
    "CountryOfResidence",
    "ResponsiblePerson",
    "ResponsibleOrganization",
    "InsurancePlanIdentification",
    "MedicalAlerts",
    "Allergies",
    "PregnancyStatus",
    "SmokingStatus",
    "AdditionalPatientHistory",
    "LastMenstrualDate",
    "SpecialNeeds",
    "IssuerOfPatientID",
    "PersonName",
    "PersonAddress",
    "PersonTelephoneNumbers",
}
_STUDY_NUMBER = {
    "AccessionNumber",
    "StudyID",
    "RequestedProcedureID",
    "ScheduledProcedureStepID",
    "PerformedProcedureStepID",
    "FillerOrderNumberImagingServiceRequest",
    "PlacerOrderNumberImagingServiceRequest",
    "AdmissionID",
    "ServiceEpisodeID",
    "IssuerOfAdmissionIDSequence",
    "ClinicalTrialSubjectID",
    "ConsultingPhysicianIdentificationSequence",
}
_DEVICE = {
    "StationName",
    "DeviceSerialNumber",
    "DetectorID",
    "DeviceUID",
    "GantryID",
    "PlateID",
    "CassetteID",
    "SourceSerialNumber",
    "DeviceLabel",
    "TransducerIdentificationSequence",
    "GeneratorID",
    "XRayDetectorID",
    "XRayDetectorLabel",
    "TreatmentMachineName",
}


@dataclass(frozen=True, slots=True)
class DicomScan:
    """What reading a DICOM file gave: its detections and what could not be checked."""

    detections: tuple[Detection, ...]
    unchecked: tuple[str, ...]
    """Parts the checker could not read (compressed pixels without a decoder, ...)."""
    attributes_in_table: int
    """How many attributes present in the file Table E.1-1 lists."""


def is_dicom(data: bytes) -> bool:
    """A DICOM Part 10 file (the 'DICM' prefix after its 128-byte preamble)."""
    return len(data) > 132 and data[128:132] == b"DICM"


def read_dicom(data: bytes, *, source: Path | str) -> object:
    """Parse a DICOM file, decoding every element now, so a malformed file fails here."""
    import pydicom
    from pydicom.errors import InvalidDicomError

    try:
        dataset = pydicom.dcmread(io.BytesIO(data))
    except (
        InvalidDicomError,
        EOFError,
        OSError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
    ) as exc:
        raise CheckInputError(
            f"is a malformed DICOM file ({type(exc).__name__}: {str(exc)[:120]}): "
            "export it again from the viewer or PACS",
            source=source,
        ) from None
    missing = [k for k in ("SOPClassUID", "SOPInstanceUID") if k not in dataset]
    image_class = "Image Storage" in getattr(dataset.get("SOPClassUID"), "name", "")
    has_pixels = any(k in dataset for k in ("PixelData", "FloatPixelData", "DoubleFloatPixelData"))
    if not has_pixels and (image_class or "Rows" in dataset):
        missing.append("PixelData")
    if missing:
        raise CheckInputError(
            f"is a malformed or truncated DICOM file (no {', '.join(missing)}): "
            "export it again from the viewer or PACS",
            source=source,
        )
    return dataset


_BURNED_IN = 0x00280301


def private_tag_name(tag: int) -> str:
    """How a key names a private attribute: 'Private (0009,1010)'."""
    return f"Private ({tag >> 16:04X},{tag & 0xFFFF:04X})"


def _repeater_keyword(tag: int) -> str:
    """The keyword of a repeating-group attribute such as (6002,3000) OverlayData."""
    from pydicom.datadict import get_entry

    try:
        return str(get_entry(tag)[4])
    except KeyError:
        return f"({tag >> 16:04X},{tag & 0xFFFF:04X})"


def _category(keyword: str, vr: str) -> str:
    if keyword in _STUDY_NUMBER or vr == "UI":
        return "dicom_study_number"
    if keyword in _DEVICE:
        return "dicom_device_serial"
    if keyword in _PATIENT or keyword.startswith("Patient"):
        return "dicom_patient_identity"
    return "dicom_care_context"


def _shown(value: object) -> str:
    from pydicom.sequence import Sequence

    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    if isinstance(value, Sequence):
        inner = [str(e.value) for item in value for e in item if e.VR not in ("SQ", "OB", "OW")]
        return f"<sequence of {len(value)}: {', '.join(inner)[:100]}>"
    text = str(value)
    return text if len(text) <= 120 else text[:117] + "..."


def header_detections(
    dataset: object, *, asset: str, source: Path | str = ""
) -> tuple[list[Detection], int]:
    """Detections for the header, and how many attributes present Table E.1-1 lists.

    Only attributes the table lists, private ones and BurnedInAnnotation are decoded
    (a header scan is fast); a value that does not decode makes the file malformed.
    """
    try:
        return _header_detections(dataset, asset=asset)
    except (EOFError, OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise CheckInputError(
            f"is a malformed DICOM file ({type(exc).__name__}: {str(exc)[:120]}): "
            "export it again from the viewer or PACS",
            source=source or asset,
        ) from None


def _header_detections(dataset: object, *, asset: str) -> tuple[list[Detection], int]:
    from pydicom.dataset import Dataset
    from pydicom.tag import BaseTag

    assert isinstance(dataset, Dataset)
    table = profile_table()
    found: list[Detection] = []
    listed = 0
    for key in list(dataset.keys()):
        tag = int(key)
        private = BaseTag(tag).is_private
        if not private and tag != _BURNED_IN and table.action(tag) is None:
            continue  # not an identifier: left undecoded
        element = dataset[key]
        if private:
            if element.tag.is_private_creator or element.value in (None, "", b""):
                continue
            name = private_tag_name(tag)
            found.append(
                Detection(
                    category="dicom_private_tag",
                    location=MetaField(asset, name),
                    evidence=f"{name} = {_shown(element.value)}",
                    reason="a private attribute: the basic profile removes every one",
                    detector="dicom_header",
                )
            )
            continue
        action = table.action(tag)
        keyword = element.keyword or _repeater_keyword(tag)
        if keyword == "BurnedInAnnotation" and str(element.value).upper() == "YES":
            found.append(
                Detection(
                    category="dicom_burned_in",
                    location=MetaField(asset, keyword),
                    evidence="BurnedInAnnotation = YES",
                    reason="the file declares identifying text in its pixels",
                    detector="dicom_header",
                )
            )
            continue
        if action is None:
            continue
        listed += 1
        if element.value in (None, "", b"") or (element.VR == "SQ" and len(element.value) == 0):
            continue
        if (tag >> 16) & 0xFF00 == 0x6000:
            if (tag & 0xFFFF) == 0x3000:
                found.append(
                    Detection(
                        category=OVERLAY_CATEGORY,
                        location=MetaField(asset, keyword),
                        evidence=f"overlay plane in group {tag >> 16:04X}",
                        reason="an overlay plane: graphics drawn over the image, often text",
                        detector="dicom_header",
                    )
                )
            continue
        found.append(
            Detection(
                category=_category(keyword, element.VR),
                location=MetaField(asset, keyword),
                evidence=f"{keyword} = {_shown(element.value)}",
                reason=f"PS3.15 Table E.1-1 lists it (Basic Profile action {action})",
                detector="dicom_header",
            )
        )
    return found, listed


def dicom_image(dataset: object, *, source: Path | str = "") -> tuple[Image.Image | None, str]:
    """The first frame as an 8-bit picture for the OCR, or None and why it could not be made.

    Uncompressed pixels that do not decode (too few bytes) make the file malformed;
    compressed pixels without a decoder are only noted as unchecked.
    """
    from pydicom.dataset import Dataset

    assert isinstance(dataset, Dataset)
    if "PixelData" not in dataset:
        return None, "no pixel data"
    try:
        pixels = np.asarray(dataset.pixel_array)
    except Exception as exc:  # pydicom raises many kinds when a decoder is missing
        syntax = getattr(getattr(dataset, "file_meta", None), "TransferSyntaxUID", None)
        if syntax is not None and not syntax.is_compressed:
            raise CheckInputError(
                f"is a malformed DICOM file (its pixel data cannot be read: {str(exc)[:100]}): "
                "export it again from the viewer or PACS",
                source=source,
            ) from None
        name = syntax.name if syntax is not None else "an unknown transfer syntax"
        return None, f"pixels not read ({name}: {str(exc)[:80]}); check them in a viewer"
    frames = int(getattr(dataset, "NumberOfFrames", 1) or 1)
    samples = int(getattr(dataset, "SamplesPerPixel", 1) or 1)
    note = ""
    if frames > 1:
        pixels = pixels[0]
        note = f"only the first of {frames} frames was read"
    if samples == 1 and pixels.ndim == 2:
        low, high = np.percentile(pixels, (0.5, 99.5))
        scaled = np.clip((pixels - low) / max(float(high - low), 1.0), 0, 1) * 255
        grey = scaled.astype(np.uint8)
        if str(getattr(dataset, "PhotometricInterpretation", "")) == "MONOCHROME1":
            grey = 255 - grey
        return Image.fromarray(grey, "L").convert("RGB"), note
    if pixels.ndim == 3 and pixels.shape[-1] == 3:
        if pixels.dtype != np.uint8:
            pixels = (pixels / max(float(pixels.max()), 1.0) * 255).astype(np.uint8)
        return Image.fromarray(np.ascontiguousarray(pixels), "RGB"), note
    return None, f"pixels of shape {pixels.shape} not read; check them in a viewer"
