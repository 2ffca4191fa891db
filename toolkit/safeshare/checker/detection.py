"""A detection: one thing the checker found that could identify the patient, and where.

Its location has the shape of a key finding's (a pixel box, a span of the post,
a metadata field), so an educator can start a case's key from a check, and the
benchmark can score a check against the bank's keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from safeshare.model.locations import Location

__all__ = ["Detection"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Detection:
    """One identifier (or possible identifier) found in a file or a post."""

    category: str
    """A taxonomy category id; '' for text read in the pixels that no rule recognised."""
    location: Location
    """Where: a Box in an image, a Span of a post field, a MetaField of a header."""
    evidence: str
    """What was found, as read (a tag's value, the words, the face's size)."""
    reason: str
    """Why the checker flagged it, in a few words."""
    detector: str
    """Which detector: metadata, thumbnail, ocr, face, dicom_header, dicom_pixels, post."""
    confirm: bool = False
    """True when a person must confirm it (a face, unclassified text): no rule is sure."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "location": self.location.to_dict(),
            "evidence": self.evidence,
            "reason": self.reason,
            "detector": self.detector,
            "confirm": self.confirm,
        }
