"""Feedback: the sentences a learner reads, and the terminal layout."""

from __future__ import annotations

from safeshare.grade import Answer, AnswerFinding, Point, answer_from_key, format_result_text, grade
from safeshare.grade.feedback import (
    decision_message,
    describe_location,
    false_alarm_explanation,
    gap_message,
)
from safeshare.model.locations import Box, MetaField, Span
from tests.grade.keys import CONTROL, ENDOSCOPY


def test_wrong_category_says_so() -> None:
    dob = ENDOSCOPY.findings[2]
    answer = Answer(case_id="H01", seed=1, findings=(AnswerFinding("patient_name", dob.location),))
    message = grade(ENDOSCOPY, answer).partial[0].message
    assert message.startswith(
        "Right place, but this is “Date of birth”, not “Patient name or initials”"
    )
    assert message.endswith(": 03/11/1948 (on frame); half the credit.")


def test_missed_finding_explains_guides_and_remedies() -> None:
    r = grade(ENDOSCOPY, Answer(case_id="H01", seed=1))
    gps = next(f for f in r.missed if f.category == "exif_gps")
    assert gps.explanation in gps.message and gps.remedy in gps.message
    assert "HIPAA Safe Harbor (B): geographic units smaller than a state" in gps.guidance
    assert "in the GPSInfo field of photo" in gps.message


def test_false_alarm_sentences() -> None:
    decoyed = AnswerFinding("place", Box("frame", 1102, 622, 20, 10))
    assert false_alarm_explanation(decoyed, ENDOSCOPY.decoys) == ("Eh:A5 is a setting.", True)
    text, decoy = false_alarm_explanation(
        AnswerFinding("exif_gps", Point("frame", 700, 400)), ENDOSCOPY.decoys
    )
    assert not decoy and "Nothing at this spot on frame" in text and "metadata" in text
    text, _ = false_alarm_explanation(
        AnswerFinding("place", MetaField("photo", "Make")), ENDOSCOPY.decoys
    )
    assert text.startswith("The Make field of photo does not identify the patient")
    text, _ = false_alarm_explanation(
        AnswerFinding("age_or_sex", Span("post", "replies.0.text", 0, 5)), ()
    )
    assert text.startswith("These words in reply 1 do not identify")
    span_decoy = AnswerFinding("rarity", Span("post", "text", 41, 46))
    assert false_alarm_explanation(span_decoy, ENDOSCOPY.decoys)[1]


def test_a_hedge_on_a_found_spot_is_explained_not_called_empty() -> None:
    name = ENDOSCOPY.findings[0]
    text, decoy = false_alarm_explanation(
        AnswerFinding("date_of_birth", Point("frame", 30, 25)), (), findings=(name,)
    )
    assert not decoy and text.startswith("Right place, but this is “Patient name or initials”")


def test_describe_location() -> None:
    assert describe_location(Span("post", "author.bio", 0, 3)) == "in the author's profile"
    assert describe_location(Span("post", "thread.1.text", 0, 3)) == "in earlier post 2"
    assert describe_location(Span("post", "hashtags", 0, 3)) == "in the post's hashtags"
    assert describe_location(Box("frame", 0, 0, 1, 1)) == "on frame"


def test_gap_and_decision_messages() -> None:
    assert gap_message("verbal_only", status="wrong", expected=("no_consent_recorded",)).endswith(
        "No consent was recorded at all: that is the gap."
    )
    assert gap_message("verbal_only", status="missed", expected=()).startswith(
        "Missed consent gap: Verbal consent only."
    )
    assert decision_message("do_not_share", None, "Withdrawn.").startswith("No decision made.")
    assert decision_message("do_not_share", "share_as_is", "Withdrawn.") == (
        "The decision here is “Do not share”, not “Share as it stands”. Withdrawn."
    )


def test_terminal_text_has_every_section() -> None:
    model = answer_from_key(ENDOSCOPY)
    answer = Answer(
        case_id="H01",
        seed=1,
        findings=(
            model.findings[0],
            model.findings[0],
            AnswerFinding("patient_name", model.findings[2].location),
            AnswerFinding("place", Point("frame", 700, 400)),
        ),
        consent_gaps=("platforms_not_named", "verbal_only"),
        decision="share_as_is",
    )
    text = format_result_text(grade(ENDOSCOPY, answer))
    for heading in ("Found (1):", "Right place, wrong category (1):", "Missed (8):"):
        assert heading in text
    assert "False alarms (1):" in text and "Marked again (1):" in text
    assert "Consent:" in text and "Decision:" in text
    assert all(len(line) <= 92 for line in text.splitlines())
    control = format_result_text(grade(CONTROL, answer_from_key(CONTROL)))
    assert "score 1.00" in control and "nothing to find in this case" in control
