"""The Check overlay's payload: what the page reads for each mark and key item."""

from __future__ import annotations

from typing import Any

from safeshare.grade import Answer, AnswerFinding, grade
from safeshare.model.key import Key
from safeshare.model.locations import Box
from safeshare.model.view import AssetView, CaseView
from safeshare.widgets.feedback_overlay import feedback_state
from tests.grade.keys import finding

KEY = Key(
    case_id="H05",
    seed=1,
    findings=(
        finding("patient_name", Box("frame", 72, 311, 26, 18), "initials KS"),
        finding("age_or_sex", Box("frame", 107, 311, 37, 18), "94M"),
    ),
    consent_gaps=(),
    decision="share_after_deidentification",
    decision_reason="Crop the comment.",
)
VIEW = CaseView(
    case_id="H05",
    seed=1,
    title="A comment line",
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
    ),
)
LINE = Box("frame", 69, 308, 79, 24)


def _state(*marks: tuple[str, str, Box]) -> dict[str, Any]:
    answer = Answer(
        case_id="H05",
        seed=1,
        findings=tuple(AnswerFinding(cat, box) for _, cat, box in marks),
        decision="share_after_deidentification",
    )
    sent = [{"id": i, "category": cat, "location": box.to_dict()} for i, cat, box in marks]
    return feedback_state(grade(KEY, answer, view=VIEW), sent, VIEW)


def test_one_box_over_a_line_colours_both_items_and_says_so() -> None:
    state = _state(("m1", "patient_name", LINE), ("m2", "age_or_sex", LINE))
    found = [i for i in state["items"] if i["status"] == "found"]
    assert [i["finding_id"] for i in found] == ["frame:patient_name:1", "frame:age_or_sex:1"]
    assert found[0]["mark_ids"] == ["m1"] and found[1]["mark_ids"] == ["m2"]
    assert "This line holds 2 identifiers" in found[0]["note"]
    assert state["counts"] == {"found": 2, "partial": 0, "missed": 0, "false_alarm": 0, "repeat": 0}
    assert state["hit_rate"] == 1.0 and state["shotgun_factor"] == 1.0


def test_a_wrong_category_copy_and_a_loose_box_are_explained() -> None:
    initials = KEY.findings[0].location
    assert isinstance(initials, Box)
    state = _state(
        ("m1", "patient_name", initials),
        ("m2", "date_of_birth", initials),
        ("m3", "age_or_sex", Box("frame", 20, 250, 300, 200)),
    )
    by_mark = {i["mark_id"]: i for i in state["items"] if i["mark_id"]}
    assert by_mark["m1"]["status"] == "found"
    assert by_mark["m2"]["status"] == "repeat" and by_mark["m2"]["kind"] == "wrong_category"
    assert by_mark["m2"]["note"].startswith("Marked again in another category")
    loose = by_mark["m3"]
    assert loose["status"] == "false_alarm" and loose["kind"] == "loose"
    assert loose["overlaps"] == ["frame:patient_name:1", "frame:age_or_sex:1"]
    assert "too loose to count" in loose["explanation"]
    missed = next(i for i in state["items"] if i["status"] == "missed")
    assert missed["note"].startswith("One of your marks overlaps it")
