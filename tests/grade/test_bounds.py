"""Marks that point at nothing the case has are refused, with the mark and the fix named."""

from __future__ import annotations

from dataclasses import replace

import pytest

from safeshare.errors import AnswerError
from safeshare.grade import Answer, AnswerFinding, AnswerLocation, Point, answer_from_key, grade
from safeshare.model.locations import Box, MetaField, Span
from safeshare.model.view import AssetView, CaseView, MetaRow, Post, Profile
from tests.grade.keys import ENDOSCOPY

TEXT = "Textbook on this morning's list! A polyp of 8mm, out in one piece. #endoscopy"
VIEW = CaseView(
    case_id="H01",
    seed=1,
    title="A frame and a post",
    kind="endoscopy",
    difficulty=1,
    objectives=(),
    brief="",
    assets=(
        AssetView(
            id="frame",
            type="endoscopy_frame",
            file="frame.png",
            media_type="image/png",
            width=1280,
            height=720,
        ),
        AssetView(
            id="photo",
            type="clinical_photo",
            file="photo.jpg",
            media_type="image/jpeg",
            width=800,
            height=600,
            metadata=(
                MetaRow("GPSInfo", "GPS", "53.41 N"),
                MetaRow("BodySerialNumber", "Serial", "4821007"),
                MetaRow("Make", "Make", "Fictional"),
            ),
        ),
        AssetView(
            id="post",
            type="post_card",
            file="post.png",
            media_type="image/png",
            width=800,
            height=820,
            markable=False,
        ),
    ),
    post=Post(
        author=Profile(
            display_name="Dr A Okafor",
            handle="@aokafor",
            bio="Consultant at Northgate General Hospital",
        ),
        text=TEXT,
        posted_at="14 Mar 2025",
    ),
    post_asset="post",
)


def _with(*marks: AnswerFinding) -> Answer:
    return replace(
        answer_from_key(ENDOSCOPY), findings=(*answer_from_key(ENDOSCOPY).findings, *marks)
    )


def test_the_model_answer_and_marks_partly_off_the_edge_are_accepted() -> None:
    assert grade(ENDOSCOPY, answer_from_key(ENDOSCOPY), view=VIEW).score == 1.0
    edge = AnswerFinding("place", Box("frame", 1250, 700, 100, 100))  # partly outside
    assert grade(ENDOSCOPY, _with(edge), view=VIEW).false_alarms


@pytest.mark.parametrize(
    ("mark", "message"),
    [
        (
            Box("frame", 1300, 10, 40, 20),
            r"findings\[10\]: the box at x=1300, y=10 \(40x20\) "
            r"lies wholly outside frame, which is 1280x720 pixels: draw it on the image",
        ),
        (Box("frame", -50, 10, 40, 20), "lies wholly outside frame"),
        (Point("frame", 10, 900), r"the click at \(10, 900\) lies wholly outside frame"),
        (
            Box("scan", 10, 10, 40, 20),
            "there is no asset 'scan' in case H01 "
            r"\(its assets: frame, photo, post\)",
        ),
        (Box("post", 10, 10, 40, 20), "post is not an image you draw on"),
        (Span("post", "hashtags", 0, 4), "the post has no field 'hashtags'"),
        (Span("post", "text", 500, 510), "starts past the end of text, which is 77 characters"),
        (MetaField("photo", "Artist"), "photo has no header field 'Artist'"),
    ],
)
def test_a_mark_on_nothing_the_case_has_is_refused(mark: AnswerLocation, message: str) -> None:
    answer = _with(AnswerFinding("place", mark))
    with pytest.raises(AnswerError, match=message):
        grade(ENDOSCOPY, answer, view=VIEW, source="a.json")


def test_the_view_must_be_the_answers_case() -> None:
    with pytest.raises(AnswerError, match="the case view given is H01 seed 2"):
        grade(ENDOSCOPY, answer_from_key(ENDOSCOPY), view=replace(VIEW, seed=2))


def test_without_a_view_such_marks_are_false_alarms() -> None:
    answer = _with(AnswerFinding("place", Box("frame", 1300, 10, 40, 20)))
    assert len(grade(ENDOSCOPY, answer).false_alarms) == 1
