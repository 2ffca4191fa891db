"""Where a finding is: a pixel box, a span of text, or a metadata field.

A key finding and a learner's answer finding share these shapes, so a perfect
answer is the key's own findings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["Box", "Location", "MetaField", "Span", "location_from_dict"]


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle of pixels in a named image asset (x, y of the top-left corner)."""

    asset: str
    x: int
    y: int
    w: int
    h: int
    type: Literal["box"] = "box"

    @property
    def area(self) -> int:
        return max(self.w, 0) * max(self.h, 0)

    def iou(self, other: Box) -> float:
        """Intersection over union with another box (0 when they do not overlap)."""
        ix = max(0, min(self.x + self.w, other.x + other.w) - max(self.x, other.x))
        iy = max(0, min(self.y + self.h, other.y + other.h) - max(self.y, other.y))
        inter = ix * iy
        union = self.area + other.area - inter
        return inter / union if union > 0 else 0.0

    def contains_point(self, px: float, py: float) -> bool:
        return self.x <= px <= self.x + self.w and self.y <= py <= self.y + self.h

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": "box",
            "asset": self.asset,
            "x": self.x,
            "y": self.y,
            "w": self.w,
            "h": self.h,
        }


@dataclass(frozen=True, slots=True)
class Span:
    """Characters [start, end) of a named text field of a text asset (the post)."""

    asset: str
    field: str
    start: int
    end: int
    type: Literal["span"] = "span"

    @property
    def length(self) -> int:
        return max(self.end - self.start, 0)

    def overlap(self, other: Span) -> int:
        """Characters shared with another span of the same field."""
        if (self.asset, self.field) != (other.asset, other.field):
            return 0
        return max(0, min(self.end, other.end) - max(self.start, other.start))

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": "span",
            "asset": self.asset,
            "field": self.field,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class MetaField:
    """A metadata field of a named asset: an EXIF tag name or a DICOM keyword."""

    asset: str
    tag: str
    type: Literal["meta"] = "meta"

    def to_dict(self) -> dict[str, Any]:
        return {"type": "meta", "asset": self.asset, "tag": self.tag}


Location = Box | Span | MetaField

_FIELDS: dict[str, tuple[tuple[str, type], ...]] = {
    "box": (("asset", str), ("x", int), ("y", int), ("w", int), ("h", int)),
    "span": (("asset", str), ("field", str), ("start", int), ("end", int)),
    "meta": (("asset", str), ("tag", str)),
}


def location_from_dict(data: Mapping[str, Any]) -> Location:
    """Build a location from its JSON form; ValueError says what is wrong.

    Unknown or missing fields and wrong types are refused, never ignored.
    """
    if not isinstance(data, Mapping):
        raise ValueError(f"a location must be an object, not {type(data).__name__}")
    kind = data.get("type")
    if kind not in _FIELDS:
        raise ValueError(f"location type must be one of box, span, meta (got {kind!r})")
    expected = _FIELDS[kind]
    names = {name for name, _ in expected} | {"type"}
    unknown = sorted(set(data) - names)
    if unknown:
        raise ValueError(f"unknown field(s) in {kind} location: {', '.join(unknown)}")
    values: dict[str, Any] = {}
    for name, typ in expected:
        if name not in data:
            raise ValueError(f"{kind} location is missing {name!r}")
        value = data[name]
        if typ is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValueError(f"{kind} location field {name!r} must be a whole number")
        if typ is str and (not isinstance(value, str) or not value):
            raise ValueError(f"{kind} location field {name!r} must be a non-empty string")
        values[name] = value
    if kind == "box":
        if values["w"] <= 0 or values["h"] <= 0:
            raise ValueError("box width and height must be positive")
        return Box(**values)
    if kind == "span":
        if values["start"] < 0 or values["end"] <= values["start"]:
            raise ValueError("span must have 0 <= start < end")
        return Span(**values)
    return MetaField(**values)
