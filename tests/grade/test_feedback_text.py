"""Feedback: the sentences a learner reads, and the terminal layout."""

from __future__ import annotations

from dataclasses import replace

from safeshare.grade import (
    Answer,
    AnswerFinding,
    Point,
    Result,
    answer_from_key,
    format_result_text,
    grade,
)
from safeshare.grade.feedback_text import (
    decision_message,
    describe_location,
    false_alarm_explanation,
    gap_message,
)
from safeshare.model.key import Decoy, Key
from safeshare.model.locations import Box, MetaField, Span
from tests.grade.keys import CONTROL, ENDOSCOPY, finding


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


def _line_key() -> Key:
    return Key(
        case_id="H05",
        seed=1,
        findings=(
            finding("patient_name", Box("frame", 72, 311, 26, 18), "initials KS"),
            finding("age_or_sex", Box("frame", 107, 311, 37, 18), "94M"),
            finding("rarity", Span("post", "text", 4, 71), RARE),
        ),
        consent_gaps=(),
        decision="share_after_deidentification",
        decision_reason="Crop the comment.",
        decoys=(Decoy(location=Box("frame", 26, 340, 150, 60), explanation="Settings."),),
    )


RARE = "commemorative two-tone coin swallowed for a bet at the village fete"


def _one(key: Key, *marks: AnswerFinding) -> Result:
    return grade(key, Answer(case_id=key.case_id, seed=key.seed, findings=marks))


def test_one_box_over_a_line_is_told_it_found_both_and_how_to_earn_the_rest() -> None:
    key = _line_key()
    r = _one(key, AnswerFinding("patient_name", Box("frame", 69, 308, 79, 24)))
    assert [f.finding_id for f in r.found] == ["frame:patient_name:1"]
    assert r.found[0].note.startswith("This line holds 2 identifiers, initials KS (Patient")
    assert r.found[0].note.endswith("your box found both.")
    assert [f.finding_id for f in r.partial] == ["frame:age_or_sex:1"]
    assert "mark it again as “Age or sex” for full credit" in r.partial[0].note
    assert not r.false_alarms


def test_a_box_that_leaves_out_part_of_a_line_is_told_so() -> None:
    r = _one(_line_key(), AnswerFinding("patient_name", Box("frame", 70, 309, 30, 22)))
    assert "The key splits this line into 2 items; 94M (Age or sex) was not found" in (
        r.found[0].note
    )


def test_a_loose_or_small_mark_on_a_key_item_is_never_told_nothing_is_there() -> None:
    key = _line_key()
    loose = AnswerFinding("patient_name", Box("frame", 20, 280, 200, 140))
    small = AnswerFinding("age_or_sex", Box("frame", 107, 311, 8, 18))
    word = AnswerFinding("rarity", Span("post", "text", 32, 36))  # "coin": one word
    sentence = AnswerFinding("rarity", Span("post", "text", 0, 200))
    r = _one(key, loose, small, word, sentence)
    by_kind = {m.location: m for m in r.false_alarms}
    assert len(by_kind) == 4
    for mark in r.false_alarms:
        assert "Nothing at this spot" not in mark.message and "do not identify" not in mark.message
        assert mark.overlaps and mark.message.startswith("Does not count")
    assert by_kind[loose.location].kind == "loose"
    assert "too loose to count" in by_kind[loose.location].explanation
    assert "It also covers a look-alike: Settings." in by_kind[loose.location].explanation
    assert by_kind[small.location].kind == "small"
    assert "covers too little of it" in by_kind[small.location].explanation
    assert "select at least 2 whole identifying words" in by_kind[word.location].explanation
    assert "most of it is other words" in by_kind[sentence.location].explanation
    missed = {f.finding_id: f.note for f in r.missed}
    assert missed["frame:patient_name:1"].startswith("One of your marks overlaps it")


def test_a_found_box_that_also_covers_a_look_alike_is_told_to_tighten() -> None:
    key = _line_key()
    r = _one(key, AnswerFinding("age_or_sex", Box("frame", 100, 309, 50, 40)))
    assert not r.found  # too loose with the settings in it
    dash = Decoy(location=Box("frame", 140, 311, 10, 18), explanation="A dash.")
    tight = _one(
        replace(key, decoys=(dash,)), AnswerFinding("age_or_sex", Box("frame", 105, 310, 46, 20))
    )
    assert tight.found[0].note.endswith(
        "Tighten the box: it also covers something that identifies no one. A dash."
    )


def test_a_wrong_category_copy_is_a_repeat_that_names_the_right_category() -> None:
    name = ENDOSCOPY.findings[0]
    r = grade(
        ENDOSCOPY,
        Answer(
            case_id="H01",
            seed=1,
            findings=(
                AnswerFinding("patient_name", name.location),
                AnswerFinding("date_of_birth", name.location),
            ),
        ),
    )
    assert [f.finding_id for f in r.found] == [name.id] and not r.false_alarms
    assert r.found[0].note == (
        "You also marked it as “Date of birth”: that mark earns nothing. Give each spot one "
        "category."
    )
    (copy,) = r.repeats
    assert copy.kind == "wrong_category" and copy.finding_id == name.id
    assert copy.message.startswith("Marked again, as “Date of birth”: PRICE, Eleanor M (on frame)")
