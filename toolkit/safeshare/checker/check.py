"""Checking files: dispatch by what the bytes are, run every detector that applies.

A DICOM file gets the header scan, then its pixels are read like any image; a
photo or image gets its metadata read, its text read and its faces looked for.
Nothing is written: a check only reads.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from safeshare.checker.burned_in import classify_lines
from safeshare.checker.detection import Detection
from safeshare.checker.dicom_check import dicom_image, header_detections, is_dicom, read_dicom
from safeshare.checker.limits import open_image, read_input
from safeshare.checker.photo_metadata import metadata_detections
from safeshare.checker.post_text import post_detections
from safeshare.checker.report import CheckReport, FileCheck
from safeshare.model.locations import Box

__all__ = ["ALWAYS_UNGUARANTEED", "check_file", "check_files", "check_pixels"]

ALWAYS_UNGUARANTEED = (
    "faces: the cascades find faces seen from the front, and a face behind an eye bar is found "
    "from the bar; a face in profile, turned, partly covered, small or reflected, and any other "
    "feature a person would know, can be missed",
    "text: words smaller than about 8 pixels high, faint, rotated or handwritten can be "
    "missed; tattoos, jewellery and the clinical story are not checked",
)


def check_pixels(
    image: Image.Image, *, asset: str, ocr: bool = True, faces: bool = True, detector: str = "ocr"
) -> list[Detection]:
    """Text (classified or not) and faces in the pixels."""
    found: list[Detection] = []
    if ocr:
        from safeshare.checker.ocr import read_text

        found += classify_lines(read_text(image), asset=asset, detector=detector)
    if faces:
        from safeshare.checker.faces import detect_faces

        for face in detect_faces(image):
            x, y, w, h = face.box
            bar = face.how == "eye_bar"
            found.append(
                Detection(
                    category="full_face",
                    location=Box(asset, x, y, w, h),
                    evidence=(
                        f"a face with a black bar over its eyes, {w}x{h} pixels"
                        if bar
                        else f"a face-like region {w}x{h} pixels"
                    ),
                    reason=(
                        "a bar over the eyes leaves a face recognisable: confirm, then crop "
                        "or cover the whole face"
                        if bar
                        else "three face detectors agree here: confirm whether it is a face"
                    ),
                    detector="face",
                    confirm=True,
                )
            )
    return found


def check_file(
    path: Path, *, asset: str | None = None, ocr: bool = True, faces: bool = True
) -> FileCheck:
    """Everything the checker finds in one image or DICOM file."""
    asset_id = asset or path.stem
    data = read_input(path)
    if is_dicom(data):
        dataset = read_dicom(data, source=path)
        found, _ = header_detections(dataset, asset=asset_id, source=path)
        image, note = dicom_image(dataset, source=path)
        unchecked = [note] if note else []
        if image is not None:
            found += check_pixels(
                image, asset=asset_id, ocr=ocr, faces=faces, detector="dicom_pixels"
            )
        width, height = image.size if image is not None else (0, 0)
        return FileCheck(
            path=str(path),
            kind="dicom",
            asset=asset_id,
            width=width,
            height=height,
            detections=tuple(found),
            unchecked=(*unchecked, *ALWAYS_UNGUARANTEED),
        )
    image = open_image(data, source=path)
    kind = "photo" if image.format in ("JPEG", "MPO", "HEIF", "TIFF", "WEBP") else "image"
    found = metadata_detections(image, asset=asset_id)
    found += check_pixels(image, asset=asset_id, ocr=ocr, faces=faces)
    return FileCheck(
        path=str(path),
        kind=kind,
        asset=asset_id,
        width=image.width,
        height=image.height,
        detections=tuple(found),
        unchecked=ALWAYS_UNGUARANTEED,
    )


def check_files(
    paths: list[Path],
    *,
    post: dict[str, str] | None = None,
    ocr: bool = True,
    faces: bool = True,
) -> CheckReport:
    """Check every file and the post; the report ranks what was found across all of them."""
    files = [check_file(p, ocr=ocr, faces=faces) for p in paths]
    found_in_post = post_detections(post) if post else []
    return CheckReport.of(files, found_in_post)
