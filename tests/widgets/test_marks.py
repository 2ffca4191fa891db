"""What can be marked in a case, and the clear errors for what cannot."""

from __future__ import annotations

from pathlib import Path

import pytest

from safeshare.cases.cache import load_rendered
from safeshare.model.locations import Box, MetaField, Span
from safeshare.widgets.marks import (
    Targets,
    check_category,
    check_consent_gaps,
    check_decision,
    snap_to_words,
)
from tests.widgets.case_folder import POST_TEXT, REPLY


@pytest.fixture
def targets(case_folder: Path) -> Targets:
    view, _ = load_rendered(case_folder)
    return Targets.from_view(view)


def test_targets_list_markable_images_fields_and_headers(targets: Targets) -> None:
    assert set(targets.images) == {"frame", "photo"}  # not the post card or the consent form
    assert targets.images["frame"] == (640, 360)
    assert targets.fields["text"] == POST_TEXT
    assert targets.fields["replies.0.text"] == REPLY
    assert targets.meta == {"photo": ("Make", "GPSInfo", "DateTimeOriginal")}


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("this morning's list!", 2, 9, "this morning's"),
        ("this morning's list!", 15, 19, "list"),
        ("  spaced words  ", 0, 16, "spaced words"),
        ("a b", 1, 2, ""),
    ],
)
def test_snap_to_words(text: str, start: int, end: int, expected: str) -> None:
    s, e = snap_to_words(text, start, end)
    assert text[s:e] == expected


def test_box_is_clipped_to_the_image(targets: Targets) -> None:
    assert targets.box("frame", -10, -5, 100, 40) == Box("frame", 0, 0, 90, 35)
    assert targets.box("frame", 600.4, 300.6, 100, 100) == Box("frame", 600, 301, 40, 59)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("post", 0, 0, 10, 10), "not an image you can mark"),
        (("nope", 0, 0, 10, 10), "images: 'frame', 'photo'"),
        (("frame", 0, 0, 0, 10), "positive width and height"),
        (("frame", 700, 400, 10, 10), "lies outside 'frame', which is 640x360"),
        (("frame", "1", 0, 10, 10), "x must be a number"),
    ],
)
def test_box_errors_say_what_would_work(targets: Targets, args: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        targets.box(*args)


def test_find_words_ignores_case_and_spacing(targets: Targets) -> None:
    span = targets.find_words("text", "THIS   morning's list", 1)
    assert POST_TEXT[span.start : span.end] == "this morning's list"
    assert span == Span("post", "text", span.start, span.end)


def test_find_words_errors(targets: Targets) -> None:
    with pytest.raises(
        ValueError, match=r"'yesterday' are not in 'text', which reads: .Textbook find"
    ):
        targets.find_words("text", "yesterday", 1)
    with pytest.raises(ValueError, match=r"no field 'txt'\. Did you mean 'text'"):
        targets.find_words("txt", "list", 1)
    with pytest.raises(ValueError, match="appears 1 time"):
        targets.find_words("text", "list", 2)
    with pytest.raises(ValueError, match="occurrence counts from 1"):
        targets.find_words("text", "list", 0)


def test_span_is_widened_to_words_and_checked(targets: Targets) -> None:
    start = POST_TEXT.index("morning")
    span = targets.span("text", start + 2, start + 5)
    assert POST_TEXT[span.start : span.end] == "morning's"
    with pytest.raises(ValueError, match="not inside 'text'"):
        targets.span("text", 0, 10_000)


def test_meta_field_errors_list_the_fields(targets: Targets) -> None:
    assert targets.meta_field("photo", "GPSInfo") == MetaField("photo", "GPSInfo")
    with pytest.raises(ValueError, match=r"no header field 'GPS'.*Its fields: Make, GPSInfo"):
        targets.meta_field("photo", "GPS")
    with pytest.raises(ValueError, match="has no header fields to mark"):
        targets.meta_field("frame", "Make")


def test_category_errors_suggest_the_id() -> None:
    assert check_category("patient_name") == "patient_name"
    with pytest.raises(ValueError, match=r"Did you mean 'patient_name'"):
        check_category("patient_nam")
    with pytest.raises(ValueError, match=r"Did you mean 'date_of_birth' \(Date of birth\)"):
        check_category("Date of birth")


def test_consent_gaps_and_decision_checks() -> None:
    assert check_consent_gaps(["platforms_not_named", "verbal_only", "verbal_only"]) == [
        "verbal_only",
        "platforms_not_named",
    ]
    with pytest.raises(ValueError, match="not one string"):
        check_consent_gaps("verbal_only")
    with pytest.raises(ValueError, match="unknown consent gap 'verbal'"):
        check_consent_gaps(["verbal"])
    with pytest.raises(ValueError, match="The decisions are: share_as_is"):
        check_decision("share")


def test_check_mark_refuses_what_the_page_must_not_send(targets: Targets) -> None:
    good = {
        "id": "m1",
        "category": "exif_gps",
        "location": {"type": "meta", "asset": "photo", "tag": "GPSInfo"},
    }
    assert targets.check_mark(good) == good
    with pytest.raises(ValueError, match="unknown field"):
        targets.check_mark({**good, "score": 1})
    with pytest.raises(ValueError, match="short string id"):
        targets.check_mark({**good, "id": ""})
    with pytest.raises(ValueError, match="unknown category"):
        targets.check_mark({**good, "category": "nonsense"})
