"""Matching: location rules per shape, one to one, optimal, order-independent."""

from __future__ import annotations

import random

import pytest

from safeshare.grade import DEFAULT_RUBRIC, AnswerFinding, Point, answer_from_key
from safeshare.grade.matching import canonical_order, location_match, match_findings, overlaps
from safeshare.model.key import Key
from safeshare.model.locations import Box, MetaField, Span
from tests.grade.keys import DICOM, ENDOSCOPY, finding

R = DEFAULT_RUBRIC
KEY_BOX = Box("frame", 100, 100, 120, 20)


@pytest.mark.parametrize(
    ("answer", "matches"),
    [
        (Box("frame", 100, 100, 120, 20), True),
        (Box("frame", 103, 103, 120, 20), True),  # a few pixels off
        (Box("frame", 96, 98, 126, 24), True),  # drawn a little loose
        (Box("frame", 100, 100, 50, 20), False),  # covers under half
        (Box("frame", 400, 100, 120, 20), False),
        (Box("other", 100, 100, 120, 20), False),  # another asset
        (Box("frame", 150, 108, 3, 3), True),  # a click inside
        (Box("frame", 300, 108, 3, 3), False),  # a click outside
        (Box("frame", 150, 108, 4, 3), False),  # too big for a click, too small to overlap
        (Point("frame", 110.5, 119.0), True),
        (Point("frame", 99.0, 110.0), False),
        (Point("other", 110, 110), False),
        (MetaField("frame", "GPSInfo"), False),
    ],
)
def test_box_rules(answer: Box | Point | MetaField, matches: bool) -> None:
    assert (location_match(answer, KEY_BOX, R) > 0) is matches


def test_iou_threshold_comes_from_the_rubric() -> None:
    from dataclasses import replace

    loose = replace(R, box_iou=0.2)
    half = Box("frame", 100, 100, 50, 20)
    assert location_match(half, KEY_BOX, R) == 0
    assert location_match(half, KEY_BOX, loose) == pytest.approx(50 / 120)


@pytest.mark.parametrize(
    ("answer", "matches"),
    [
        (Span("post", "text", 10, 30), True),
        (Span("post", "text", 20, 40), True),  # exactly half of the key span
        (Span("post", "text", 21, 40), False),  # under half
        (Span("post", "text", 0, 200), True),  # the whole text still covers it
        (Span("post", "alt_text", 10, 30), False),  # another field
        (Span("reply", "text", 10, 30), False),  # another asset
        (Box("post", 10, 10, 20, 20), False),
    ],
)
def test_span_rules(answer: Span | Box, matches: bool) -> None:
    assert (location_match(answer, Span("post", "text", 10, 30), R) > 0) is matches


def test_meta_rules() -> None:
    key = MetaField("photo", "GPSInfo")
    assert location_match(MetaField("photo", "GPSInfo"), key, R) == 1.0
    assert location_match(MetaField("photo", "Artist"), key, R) == 0.0
    assert location_match(MetaField("other", "GPSInfo"), key, R) == 0.0


def test_overlaps_for_decoys() -> None:
    assert overlaps(Box("frame", 110, 100, 20, 20), KEY_BOX) == 1.0
    assert overlaps(Box("frame", 210, 100, 20, 20), KEY_BOX) == pytest.approx(0.5)
    assert overlaps(Point("frame", 101, 101), KEY_BOX) == 1.0
    assert overlaps(Span("post", "text", 0, 10), Span("post", "text", 5, 50)) == 0.5
    assert overlaps(MetaField("p", "A"), MetaField("p", "A")) == 1.0
    assert overlaps(Box("x", 110, 100, 20, 20), KEY_BOX) == 0.0


def test_model_answer_matches_everything_with_the_right_category() -> None:
    m = match_findings(ENDOSCOPY, answer_from_key(ENDOSCOPY).findings, R)
    assert [x.finding for x in m.matches] == list(ENDOSCOPY.findings)
    assert all(x.right_category for x in m.matches)
    assert not m.missed and not m.false_alarms and not m.repeats


def test_one_to_one_and_repeats() -> None:
    name = ENDOSCOPY.findings[0]
    marks = [
        AnswerFinding("patient_name", name.location),
        AnswerFinding("patient_name", Point("frame", 30, 25)),  # the same name, clicked
    ]
    m = match_findings(ENDOSCOPY, marks, R)
    assert len(m.matches) == 1 and m.matches[0].right_category
    assert [r[1] for r in m.repeats] == [name] and not m.false_alarms


def _small_key() -> Key:
    return Key(
        case_id="X",
        seed=1,
        findings=(finding("patient_name", Box("f", 0, 0, 100, 20), "A"),),
        consent_gaps=(),
        decision="do_not_share",
        decision_reason="",
    )


def test_hedging_a_spot_with_two_categories_costs_the_cheaper_of_two_readings() -> None:
    # One spot marked both rightly and wrongly counts once. The grader takes the
    # reading best for the learner: the wrong category (part credit, no false
    # alarm) when one finding weighs little against a false alarm (a big key),
    # the right category plus a false alarm when it weighs a lot (a small key).
    name = ENDOSCOPY.findings[0]
    right = AnswerFinding("patient_name", name.location)
    hedge = AnswerFinding("date_of_birth", Point("frame", 40, 26))
    m = match_findings(ENDOSCOPY, [right, hedge], R)
    assert m.matches[0].answer == hedge and m.repeats == ((right, name),)
    assert not m.false_alarms

    small = _small_key()
    right = AnswerFinding("patient_name", Box("f", 0, 0, 100, 20))
    hedge = AnswerFinding("date_of_birth", Point("f", 5, 5))
    m = match_findings(small, [hedge, right], R)
    assert m.matches[0].answer == right and m.false_alarms == (hedge,)


def test_optimal_assignment_beats_greedy() -> None:
    # Two overlapping key boxes. Mark X overlaps A best (IoU 0.90) and B well
    # (0.74); mark Y overlaps only A (0.60). Greedy by best overlap pairs X with
    # A and leaves B unfound; the optimal pairing finds both.
    a = finding("patient_name", Box("f", 0, 0, 100, 20), "A")
    b = finding("patient_name", Box("f", 20, 0, 100, 20), "B", 2)
    key = Key(
        case_id="X",
        seed=1,
        findings=(a, b),
        consent_gaps=(),
        decision="do_not_share",
        decision_reason="",
    )
    x = AnswerFinding("patient_name", Box("f", 5, 0, 100, 20))
    y = AnswerFinding("patient_name", Box("f", 0, 0, 60, 20))
    assert location_match(y.location, b.location, R) == 0
    assert location_match(x.location, a.location, R) > location_match(x.location, b.location, R)
    m = match_findings(key, [x, y], R)
    assert {(p.answer, p.finding.evidence) for p in m.matches} == {(x, "B"), (y, "A")}
    assert not m.missed and not m.false_alarms


def test_wrong_category_is_partial() -> None:
    dob = ENDOSCOPY.findings[2]
    wrong = AnswerFinding("patient_name", dob.location)
    m = match_findings(ENDOSCOPY, [wrong], R)
    assert not m.matches[0].right_category and not m.false_alarms
    assert m.matches[0].finding == dob


def test_order_never_changes_the_matching() -> None:
    rng = random.Random(7)
    base = [AnswerFinding(f.category, f.location) for f in DICOM.findings]
    base += [
        AnswerFinding("dicom_care_context", MetaField("study", "PatientName")),
        AnswerFinding("place", Box("image", 12, 12, 100, 12)),
        AnswerFinding("patient_name", Point("image", 15, 15)),
    ]
    first = match_findings(DICOM, base, R)
    for _ in range(30):
        shuffled = base[:]
        rng.shuffle(shuffled)
        assert match_findings(DICOM, shuffled, R) == first


def test_canonical_order_ignores_input_order_and_keeps_duplicates() -> None:
    a = AnswerFinding("place", Point("f", 1, 2))
    b = AnswerFinding("age_or_sex", Span("post", "text", 0, 3))
    assert canonical_order([a, b, a]) == canonical_order([b, a, a]) == (b, a, a)


def test_an_exact_duplicate_mark_is_a_repeat() -> None:
    mark = AnswerFinding("patient_name", ENDOSCOPY.findings[0].location)
    m = match_findings(ENDOSCOPY, [mark, mark], R)
    assert len(m.matches) == 1 and len(m.repeats) == 1 and not m.false_alarms


def test_equal_readings_are_broken_towards_more_credit_whatever_else_is_marked() -> None:
    # Two readings score the same before the cap: both findings on GPSInfo found
    # with one false alarm, or one found, one in the wrong category and none. The
    # grader must always pick the same one (more credit: the cap makes it no
    # worse), so an unrelated extra mark cannot flip it. (Found by hypothesis.)
    meta = MetaField("photo", "GPSInfo")
    key = Key(
        case_id="X",
        seed=1,
        findings=(
            finding("age_or_sex", Span("post", "text", 0, 1), "a"),
            finding("age_or_sex", meta, "b", 2),
            finding("background_information", meta, "c", 3),
            finding("address_or_contact", Box("frame", 0, 1, 1, 1), "d", 4),
        ),
        consent_gaps=(),
        decision="do_not_share",
        decision_reason="",
    )
    marks = [
        AnswerFinding("address_or_contact", Span("post", "text", 0, 1)),
        AnswerFinding("address_or_contact", meta),
        AnswerFinding("age_or_sex", meta),
        AnswerFinding("background_information", meta),
    ]
    extra = AnswerFinding("address_or_contact", Box("frame", 0, 0, 1, 1))
    for answer in (marks, marks[::-1], [*marks, extra], [extra, *marks[1:], marks[0]]):
        m = match_findings(key, answer, R)
        assert [x.finding.evidence for x in m.matches if x.right_category] == ["b", "c"]
        assert marks[1] in m.false_alarms
