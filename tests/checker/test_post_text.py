"""The post: text, profile, location tag and replies, against the bank's keyed spans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from safeshare.checker.post_text import post_detections, read_post
from safeshare.errors import CheckInputError
from safeshare.model.locations import Span
from tests.checker.bank_renders import rendered


@pytest.mark.parametrize("case_id", ["T02", "T03", "T06"])
def test_the_keyed_spans_of_a_post_are_found(case_id: str) -> None:
    _, view, key = rendered(case_id)
    assert view.post is not None
    found = post_detections(view.post.text_fields())
    spans = [d.location for d in found if isinstance(d.location, Span)]
    keyed = [f for f in key.findings if isinstance(f.location, Span)]
    assert keyed
    missed = [
        f.evidence
        for f in keyed
        if isinstance(f.location, Span) and not any(f.location.overlap(s) for s in spans)
    ]
    assert len(missed) <= len(keyed) // 4, missed


def test_where_a_hit_sits_changes_what_it_means() -> None:
    found = post_detections(
        {
            "text": "Lovely case",
            "author.bio": "Consultant at Harrowgate Vale Hospital",
            "replies.0.text": "that's my mum!",
            "location_tag": "Endoscopy Unit, Harrowgate Vale",
        }
    )
    assert {(d.location.to_dict()["field"], d.category) for d in found} == {
        ("author.bio", "author_profile"),
        ("replies.0.text", "reply_identifies"),
        ("location_tag", "institution"),
    }


def test_a_post_is_read_from_text_a_text_file_or_a_case_json(tmp_path: Path) -> None:
    assert read_post("aged 93") == {"text": "aged 93"}
    text = tmp_path / "post.txt"
    text.write_text("Yesterday's list", encoding="utf-8")
    assert read_post(str(text)) == {"text": "Yesterday's list"}
    folder, view, _ = rendered("T02")
    fields = read_post(str(folder / "case.json"))
    assert view.post is not None and fields == view.post.text_fields()


def test_a_huge_post_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("word " * 50_000, encoding="utf-8")
    with pytest.raises(CheckInputError, match="characters"):
        read_post(str(path))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"post": {"text": "no author"}}), encoding="utf-8")
    with pytest.raises(CheckInputError, match="not a post"):
        read_post(str(bad))
