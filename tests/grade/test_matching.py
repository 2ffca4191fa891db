"""Matching: location rules per shape, best credit per finding, order-independent."""

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
        (Box("frame", 100, 100, 50, 20), True),  # a word of a long item: 42% of its width
        (Box("frame", 100, 100, 30, 20), False),  # 25% of its width: too little
        (Box("frame", 0, 0, 1280, 720), False),  # the whole picture: far too loose
        (Box("frame", 60, 80, 200, 60), False),  # covers it, but mostly other things
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


def test_thresholds_come_from_the_rubric() -> None:
    from dataclasses import replace

    shifted = Box("frame", 160, 104, 120, 20)  # half off to the right: IoU 0.25
    assert location_match(shifted, KEY_BOX, R) == 0
    assert location_match(shifted, KEY_BOX, replace(R, box_iou=0.2)) == pytest.approx(0.25)
    word = Box("frame", 100, 100, 50, 20)
    assert location_match(word, KEY_BOX, replace(R, box_part_width=0.5)) == 0
    loose = Box("frame", 60, 80, 200, 60)
    assert location_match(loose, KEY_BOX, replace(R, box_tight=0.2)) > 0


@pytest.mark.parametrize(
    ("answer", "matches"),
    [
        (Span("post", "text", 10, 30), True),
        (Span("post", "text", 20, 40), True),  # exactly half of the key span
        (Span("post", "text", 21, 40), False),  # under half
        (Span("post", "text", 5, 35), True),  # a little more than the key span
        (Span("post", "text", 0, 200), False),  # the whole text: mostly other words
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


def test_a_wrong_category_duplicate_never_takes_credit_away() -> None:
    # One spot marked rightly and again in another category: the right mark is credited,
    # whatever the size of the key, and the other is a repeat that costs nothing.
    for key in (ENDOSCOPY, _small_key()):
        name = key.findings[0]
        loc = name.location
        assert isinstance(loc, Box)
        right = AnswerFinding("patient_name", loc)
        hedge = AnswerFinding("date_of_birth", Point(loc.asset, loc.x + 6, loc.y + 5))
        for marks in ([right, hedge], [hedge, right]):
            m = match_findings(key, marks, R)
            assert m.matches[0].answer == right and m.matches[0].right_category
            assert m.repeats == ((hedge, name),) and not m.false_alarms
            assert m.wasted == 1  # it names nothing rightly: the shotgun guard counts it


def test_one_mark_may_find_several_items_and_one_item_many_marks() -> None:
    # Two overlapping key boxes: X covers both and is tight around them, Y covers only A.
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
    x = AnswerFinding("patient_name", Box("f", 0, 0, 120, 20))
    y = AnswerFinding("patient_name", Box("f", 0, 0, 60, 20))
    m = match_findings(key, [x, y], R)
    assert {p.finding.evidence for p in m.matches} == {"A", "B"}
    assert not m.missed and not m.false_alarms
    assert [o.found for o in m.outcomes if o.mark == x] == [(a, b)]


def test_a_box_over_a_line_finds_every_item_on_it() -> None:
    initials = finding("patient_name", Box("frame", 72, 311, 26, 18), "KS")
    age = finding("age_or_sex", Box("frame", 107, 311, 37, 18), "94M")
    key = Key(
        case_id="X",
        seed=1,
        findings=(initials, age),
        consent_gaps=(),
        decision="do_not_share",
        decision_reason="",
    )
    line = Box("frame", 69, 308, 79, 24)
    m = match_findings(key, [AnswerFinding("patient_name", line)], R)
    assert [(x.finding.evidence, x.right_category) for x in m.matches] == [
        ("KS", True),
        ("94M", False),
    ]
    both = [AnswerFinding("patient_name", line), AnswerFinding("age_or_sex", line)]
    m = match_findings(key, both, R)
    assert all(x.right_category for x in m.matches) and len(m.matches) == 2
    assert not m.repeats and not m.false_alarms


def test_a_whole_word_sub_phrase_finds_the_phrase() -> None:
    text = "the commemorative two-tone coin swallowed for a bet at the village fete"
    key_span = Span("post", "text", 4, len(text))
    evidence = text[4:]

    def part(words: str) -> Span:
        start = text.index(words)
        return Span("post", "text", start, start + len(words))

    for words in ("village fete", "swallowed for a bet", "two-tone coin"):
        assert location_match(part(words), key_span, R, evidence=evidence) > 0, words
    for words in ("coin", "at the", "village fe"):
        assert location_match(part(words), key_span, R, evidence=evidence) == 0, words
    # Without the key's words only the share of characters counts.
    assert location_match(part("village fete"), key_span, R) == 0


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


def test_credit_does_not_depend_on_what_else_is_marked() -> None:
    # Two findings share one header field; marks of every category on it. Each finding is
    # credited to its right-category mark, the rest are repeats, whatever else is marked.
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
        assert [x.finding.evidence for x in m.matches if not x.right_category] == ["a"]
        assert marks[1] in [mark for mark, _ in m.repeats]
        assert set(m.false_alarms) <= {extra}
