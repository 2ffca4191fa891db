"""Check before you post: what in an image, a DICOM file or a post identifies the patient.

`check_files` runs every detector (photo metadata, burned-in text, faces, the
DICOM header against PS3.15 Table E.1-1, the post's text) and ranks what it
finds with the guidance behind each item; `deidentify` writes a cleaned copy and
re-checks it. The OCR engine and OpenCV load only when pixels are read.

Reads JPEG, PNG, HEIC/HEIF (through pillow-heif), TIFF, WebP and DICOM. The names
below are the stable API (the author mode and the course build on them); modules
such as `checker.faces` or `checker.ocr` may change between versions.
"""

from safeshare.checker.check import check_file, check_files
from safeshare.checker.deidentify import DeidResult, deidentify
from safeshare.checker.detection import Detection
from safeshare.checker.post_text import post_detections, read_post
from safeshare.checker.report import CheckReport, FileCheck, ReportItem
from safeshare.checker.text_classes import TextHit, classify_text

__all__ = [
    "CheckReport",
    "DeidResult",
    "Detection",
    "FileCheck",
    "ReportItem",
    "TextHit",
    "check_file",
    "check_files",
    "classify_text",
    "deidentify",
    "post_detections",
    "read_post",
]
