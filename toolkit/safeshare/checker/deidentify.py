"""De-identify a copy: strip metadata, apply the DICOM basic profile, black out text and faces.

The original is never touched: the result is a new file, written atomically.
Images are re-encoded from their pixels alone (no EXIF, XMP, IPTC, ICC or
thumbnail survives). DICOM files get the Basic Application Level
Confidentiality Profile of PS3.15 Table E.1-1 with the Clean Pixel Data, Clean
Recognizable Visual Features and Clean Graphics options, each recorded in the
file. Every box of text the OCR read, recognised or not, and every face box is
blacked out. The output is checked again and whatever is still found, or could
not be checked, is reported.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from safeshare.atomic import atomic_path
from safeshare.checker.check import ALWAYS_UNGUARANTEED, check_file
from safeshare.checker.detection import Detection
from safeshare.checker.dicom_check import dicom_image, is_dicom, read_dicom
from safeshare.checker.dicom_profile import profile_table
from safeshare.checker.limits import open_image, read_input
from safeshare.errors import CheckInputError
from safeshare.model.locations import Box

__all__ = ["PROFILE_OPTIONS", "DeidResult", "deidentify"]

PROFILE_OPTIONS = (
    ("113100", "Basic Application Confidentiality Profile"),
    ("113101", "Clean Pixel Data Option"),
    ("113102", "Clean Recognizable Visual Features Option"),
    ("113103", "Clean Graphics Option"),
)
"""What a de-identified DICOM file records in De-identification Method Code Sequence (CID 7050)."""
_PAD = 4
"""Pixels added round each box blacked out, so no stroke of a letter survives at its edge."""
_DUMMY: dict[str, Any] = {
    "PN": "ANONYMOUS",
    "DA": "19000101",
    "TM": "000000",
    "DT": "19000101000000",
    "AS": "000Y",
    "IS": "0",
    "DS": "0",
    "US": 0,
    "SS": 0,
    "UL": 0,
    "SL": 0,
    "FL": 0.0,
    "FD": 0.0,
}
_DUMMY_TEXT = "REMOVED"


@dataclass(frozen=True, slots=True, kw_only=True)
class DeidResult:
    """What de-identification did and what it could not guarantee."""

    original: str
    output: str
    masked: tuple[Box, ...]
    """Boxes blacked out (text and faces), in the image's pixel grid."""
    profile: tuple[str, ...]
    """DICOM: the profile and options applied, by name; images: the steps taken."""
    remaining: tuple[Detection, ...]
    """What the re-check still found in the output."""
    cannot_guarantee: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "original": self.original,
            "output": self.output,
            "masked": [b.to_dict() for b in self.masked],
            "profile": list(self.profile),
            "remaining": [d.to_dict() for d in self.remaining],
            "cannot_guarantee": list(self.cannot_guarantee),
        }

    def to_text(self) -> str:
        lines = [f"wrote {self.output} (the original {self.original} is unchanged)"]
        lines += [f"  applied: {step}" for step in self.profile]
        lines.append(f"  blacked out {len(self.masked)} boxes of text and faces")
        if self.remaining:
            lines.append(f"  the re-check still finds {len(self.remaining)}:")
            lines += [f"    - {d.category or 'text'}: {d.evidence[:70]!r}" for d in self.remaining]
        else:
            lines.append("  the re-check finds nothing that identifies")
        lines += [f"  cannot guarantee: {note}" for note in self.cannot_guarantee]
        return "\n".join(lines)


MASK_ROUNDS = 3
"""Mask, re-check, mask what surfaced: at most this many times before reporting what remains."""
_PIXEL_DETECTORS = ("ocr", "dicom_pixels", "face")


def _boxes(found: tuple[Detection, ...]) -> list[Box]:
    return [d.location for d in found if isinstance(d.location, Box)]


def _black_out(pixels: np.ndarray, boxes: list[Box]) -> np.ndarray:
    cleaned = pixels.copy()
    height, width = cleaned.shape[:2]
    for b in boxes:
        x0, y0 = max(0, b.x - _PAD), max(0, b.y - _PAD)
        x1, y1 = min(width, b.x + b.w + _PAD), min(height, b.y + b.h + _PAD)
        cleaned[y0:y1, x0:x1] = cleaned.min() if cleaned.dtype != np.uint8 else 0
    return cleaned


def _save_image(image: Image.Image, out: Path) -> None:
    suffix = out.suffix.lower()
    with atomic_path(out) as temp:
        if suffix in (".jpg", ".jpeg"):
            image.save(temp, "JPEG", quality=92)
        elif suffix == ".png":
            image.save(temp, "PNG")
        else:
            raise CheckInputError(
                "has an extension the de-identifier does not write: use .png or .jpg", source=out
            )


def _deidentify_image(path: Path, out: Path, masked: list[Box]) -> tuple[str, ...]:
    image = open_image(read_input(path), source=path)
    pixels = np.asarray(image.convert("RGB"))
    clean = Image.fromarray(_black_out(pixels, masked), "RGB")
    _save_image(clean, out)
    return (
        "re-encoded from the pixels alone: EXIF, GPS, XMP, IPTC, ICC and thumbnails dropped",
        "every text box and face box blacked out",
    )


def _new_uid(old: str) -> str:
    from pydicom.uid import generate_uid

    return str(generate_uid(entropy_srcs=["safeshare", old]))


def _apply_profile(dataset: Any, replaced: set[str]) -> None:
    """The Basic Profile on one dataset and, recursively, every sequence item in it."""
    table = profile_table()
    for element in list(dataset):
        tag = int(element.tag)
        if element.tag.is_private or (tag >> 16) & 0xFF00 in (0x5000, 0x6000):
            del dataset[element.tag]
            continue
        action = table.action(tag)
        if action is None:
            if element.VR == "SQ":
                for item in element.value:
                    _apply_profile(item, replaced)
            continue
        code = {"Z/D": "D", "X/Z": "Z", "X/D": "D", "X/Z/D": "Z", "X/Z/U*": "X"}.get(action, action)
        if code == "X" or (code == "D" and element.VR == "SQ"):
            del dataset[element.tag]
        elif code == "Z":
            element.value = [] if element.VR == "SQ" else None
        elif code == "U":
            if element.VM > 1:
                element.value = [_new_uid(str(v)) for v in element.value]
            elif element.value:
                element.value = _new_uid(str(element.value))
            replaced.update(str(v) for v in (element.value if element.VM > 1 else [element.value]))
        elif code == "D":
            dummy = _DUMMY.get(element.VR, _DUMMY_TEXT)
            element.value = dummy
            replaced.add(str(dummy))
        else:  # C or K: keep; Table E.1-1's basic profile column uses neither today
            continue


def _method_sequence() -> Any:
    from pydicom.dataset import Dataset

    items = []
    for code, meaning in PROFILE_OPTIONS:
        item = Dataset()
        item.CodeValue = code
        item.CodingSchemeDesignator = "DCM"
        item.CodeMeaning = meaning
        items.append(item)
    return items


def _deidentify_dicom(
    path: Path, out: Path, masked: list[Box], *, ocr: bool, faces: bool
) -> tuple[tuple[str, ...], set[str], list[str]]:
    from pydicom.uid import ExplicitVRLittleEndian

    data = read_input(path)
    dataset: Any = read_dicom(data, source=path)
    notes: list[str] = []
    image, note = dicom_image(dataset, source=path)
    options = [PROFILE_OPTIONS[0][1]]
    if image is not None and masked:
        pixels = np.asarray(dataset.pixel_array)
        if int(getattr(dataset, "NumberOfFrames", 1) or 1) > 1:
            pixels = np.stack([_black_out(frame, masked) for frame in pixels])
        else:
            pixels = _black_out(pixels, masked)
        dataset.PixelData = np.ascontiguousarray(pixels).tobytes()
        dataset.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
        if "PhotometricInterpretation" in dataset and dataset.SamplesPerPixel == 3:
            dataset.PhotometricInterpretation = "RGB"
            dataset.PlanarConfiguration = 0
        options += [PROFILE_OPTIONS[1][1]] if ocr else []
        options += [PROFILE_OPTIONS[2][1]] if faces else []
    elif image is None:
        notes.append(f"pixels not cleaned: {note}")
    options.append(PROFILE_OPTIONS[3][1])
    replaced: set[str] = set()
    _apply_profile(dataset, replaced)
    if "SOPInstanceUID" in dataset:
        dataset.file_meta.MediaStorageSOPInstanceUID = dataset.SOPInstanceUID
    dataset.PatientIdentityRemoved = "YES"
    dataset.DeidentificationMethod = "safeshare: PS3.15 Basic Profile and options (see codes)"
    applied = set(options)
    dataset.DeidentificationMethodCodeSequence = [
        item for item in _method_sequence() if item.CodeMeaning in applied
    ]
    if image is not None and ocr:
        dataset.BurnedInAnnotation = "NO"
    buffer = io.BytesIO()
    dataset.save_as(buffer, enforce_file_format=True)
    with atomic_path(out) as temp:
        temp.write_bytes(buffer.getvalue())
    replaced.update({"YES", "NO", dataset.DeidentificationMethod, _DUMMY_TEXT})
    return tuple(options), replaced, notes


def _still_there(found: tuple[Detection, ...], replaced: set[str]) -> list[Detection]:
    remaining = []
    for d in found:
        value = d.evidence.partition(" = ")[2]
        if d.detector == "dicom_header" and (value in replaced or value.startswith("<sequence")):
            continue  # a dummy, a new UID or a sequence the profile emptied
        if d.location.to_dict().get("tag") in ("PatientIdentityRemoved", "DeidentificationMethod"):
            continue
        remaining.append(d)
    return remaining


def deidentify(path: Path, out: Path, *, ocr: bool = True, faces: bool = True) -> DeidResult:
    """Write a de-identified copy of `path` to `out` and re-check it; `path` is never changed."""
    if out.resolve() == path.resolve():
        raise CheckInputError(
            "is the file being de-identified: give --out a new path; the original is never "
            "overwritten",
            source=out,
        )
    before = check_file(path, ocr=ocr, faces=faces)
    masked = _boxes(before.detections)
    dicom = is_dicom(read_input(path))
    if dicom and out.suffix.lower() not in (".dcm", ""):
        raise CheckInputError("must end in .dcm for a DICOM file", source=out)
    for round_ in range(1, MASK_ROUNDS + 1):
        notes: list[str] = []
        replaced: set[str] = set()
        if dicom:
            profile, replaced, notes = _deidentify_dicom(path, out, masked, ocr=ocr, faces=faces)
        else:
            profile = _deidentify_image(path, out, masked)
        after = check_file(out, asset=before.asset, ocr=ocr, faces=faces)
        # Masking changes what the reader sees: a line it merged with its neighbour, or read
        # at another scale, can surface once the rest is black. Mask that too, from the original.
        surfaced = [
            d.location
            for d in after.detections
            if isinstance(d.location, Box) and d.detector in _PIXEL_DETECTORS
        ]
        if not surfaced or round_ == MASK_ROUNDS:
            break
        masked += surfaced
    remaining = _still_there(after.detections, replaced)
    unchecked = [n for n in after.unchecked if n not in ALWAYS_UNGUARANTEED]
    if remaining:
        notes.append("the re-check still finds something: look at the output before sharing")
    if not ocr:
        notes.append("text in the pixels was not read (OCR off): nothing was blacked out for it")
    return DeidResult(
        original=str(path),
        output=str(out),
        masked=tuple(masked),
        profile=profile,
        remaining=tuple(remaining),
        cannot_guarantee=(*notes, *unchecked, *ALWAYS_UNGUARANTEED),
    )
