from __future__ import annotations

import pytest

from safeshare.model.locations import Box, MetaField, Span, location_from_dict


def test_round_trip() -> None:
    for loc in (
        Box("frame", 1, 2, 3, 4),
        Span("post", "text", 0, 5),
        MetaField("study", "PatientName"),
    ):
        assert location_from_dict(loc.to_dict()) == loc


def test_iou_and_click() -> None:
    a = Box("f", 0, 0, 10, 10)
    assert a.iou(a) == 1.0
    assert a.iou(Box("f", 5, 0, 10, 10)) == pytest.approx(50 / 150)
    assert a.iou(Box("f", 20, 20, 5, 5)) == 0.0
    assert a.contains_point(5, 5) and not a.contains_point(11, 5)


def test_span_overlap_only_within_one_field() -> None:
    assert Span("post", "text", 0, 10).overlap(Span("post", "text", 5, 20)) == 5
    assert Span("post", "text", 0, 10).overlap(Span("post", "alt_text", 0, 10)) == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"type": "circle"}, "must be one of"),
        ({"type": "box", "asset": "f", "x": 0, "y": 0, "w": 1}, "missing 'h'"),
        ({"type": "box", "asset": "f", "x": 0, "y": 0, "w": 1, "h": 1, "z": 3}, "unknown field"),
        ({"type": "box", "asset": "f", "x": 0.5, "y": 0, "w": 1, "h": 1}, "whole number"),
        ({"type": "box", "asset": "f", "x": 0, "y": 0, "w": 0, "h": 1}, "positive"),
        ({"type": "span", "asset": "post", "field": "text", "start": 5, "end": 5}, "start < end"),
        ({"type": "meta", "asset": "", "tag": "GPSInfo"}, "non-empty"),
        ("box", "must be an object"),
    ],
)
def test_bad_locations_are_refused(data: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        location_from_dict(data)  # type: ignore[arg-type]
