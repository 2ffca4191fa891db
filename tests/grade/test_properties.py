"""Properties of grade() over random keys and answers (hypothesis).

The score stays in [0, 1]; the order of findings never matters; adding a
false alarm never raises the score; adding a correct finding never lowers it;
the model answer scores 1 and an empty answer 0 when there is something to find.
"""

from __future__ import annotations

import random
from dataclasses import replace

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from safeshare.grade import DEFAULT_RUBRIC, Answer, AnswerFinding, Point, answer_from_key, grade
from safeshare.grade.answer import AnswerLocation
from safeshare.grade.matching import location_match
from safeshare.model.key import Finding, Key
from safeshare.model.locations import Box, Location, MetaField, Span
from safeshare.taxonomy import CATEGORIES, CONSENT_GAPS, DECISIONS
from tests.grade.keys import finding

CATEGORY_IDS = sorted(CATEGORIES)
TAGS = ["GPSInfo", "DateTimeOriginal", "Artist", "PatientName", "PatientID", "StudyDate"]
FAST = settings(max_examples=100, deadline=None, database=None)

boxes = st.builds(
    Box,
    st.sampled_from(["frame", "photo"]),
    st.integers(0, 1200),
    st.integers(0, 700),
    st.integers(1, 220),
    st.integers(1, 40),
)
points = st.builds(
    Point,
    st.sampled_from(["frame", "photo"]),
    st.floats(0, 1280, allow_nan=False),
    st.floats(0, 720, allow_nan=False),
)
spans = st.integers(0, 300).flatmap(
    lambda start: st.builds(
        Span,
        st.just("post"),
        st.sampled_from(["text", "author.bio"]),
        st.just(start),
        st.integers(start + 1, start + 40),
    )
)
metas = st.builds(MetaField, st.sampled_from(["photo", "study"]), st.sampled_from(TAGS))
key_locations: st.SearchStrategy[Location] = st.one_of(boxes, spans, metas)
answer_locations: st.SearchStrategy[AnswerLocation] = st.one_of(boxes, points, spans, metas)
marks = st.builds(AnswerFinding, st.sampled_from(CATEGORY_IDS), answer_locations)


@st.composite
def keys(draw: st.DrawFn) -> Key:
    located = draw(st.lists(st.tuples(st.sampled_from(CATEGORY_IDS), key_locations), max_size=12))
    findings: list[Finding] = [
        finding(cat, loc, f"evidence {i}", n=i + 1) for i, (cat, loc) in enumerate(located)
    ]
    gaps = draw(st.lists(st.sampled_from(sorted(CONSENT_GAPS)), unique=True, max_size=4))
    return Key(
        case_id="P01",
        seed=draw(st.integers(0, 1000)),
        findings=tuple(findings),
        consent_gaps=tuple(gaps),
        decision=draw(st.sampled_from(sorted(DECISIONS))),
        decision_reason="Because.",
    )


@st.composite
def keys_and_answers(draw: st.DrawFn) -> tuple[Key, Answer]:
    key = draw(keys())
    chosen = draw(st.lists(st.sampled_from(key.findings), max_size=12)) if key.findings else []
    found: list[AnswerFinding] = []
    for f in chosen:
        category = f.category if draw(st.booleans()) else draw(st.sampled_from(CATEGORY_IDS))
        location: AnswerLocation = f.location
        if isinstance(location, Box) and draw(st.booleans()):
            location = replace(location, x=location.x + draw(st.integers(-3, 3)))
        found.append(AnswerFinding(category, location))
    found += draw(st.lists(marks, max_size=6))
    gaps = draw(st.lists(st.sampled_from(sorted(CONSENT_GAPS)), unique=True, max_size=4))
    decision = draw(st.one_of(st.none(), st.sampled_from(sorted(DECISIONS))))
    answer = Answer(
        case_id=key.case_id,
        seed=key.seed,
        findings=tuple(found),
        consent_gaps=tuple(gaps),
        decision=decision,
    )
    return key, answer


@FAST
@given(keys_and_answers())
def test_score_is_a_plain_float_in_0_1(pair: tuple[Key, Answer]) -> None:
    result = grade(*pair)
    assert type(result.score) is float and 0.0 <= result.score <= 1.0
    assert all(0.0 <= p.score <= 1.0 for p in result.parts)


@FAST
@given(keys_and_answers(), st.randoms(use_true_random=False))
def test_order_of_findings_never_matters(pair: tuple[Key, Answer], rng: random.Random) -> None:
    key, answer = pair
    shuffled = list(answer.findings)
    rng.shuffle(shuffled)
    gaps = list(answer.consent_gaps)
    rng.shuffle(gaps)
    again = replace(answer, findings=tuple(shuffled), consent_gaps=tuple(gaps))
    assert grade(key, again).to_dict() == grade(key, answer).to_dict()


def _points_at_nothing(key: Key, mark: AnswerFinding) -> bool:
    return all(location_match(mark.location, f.location, DEFAULT_RUBRIC) == 0 for f in key.findings)


@FAST
@given(keys_and_answers(), marks)
def test_adding_a_false_alarm_never_raises_the_score(
    pair: tuple[Key, Answer], alarm: AnswerFinding
) -> None:
    key, answer = pair
    assume(_points_at_nothing(key, alarm) and alarm not in answer.findings)
    more = replace(answer, findings=(*answer.findings, alarm))
    before, after = grade(key, answer), grade(key, more)
    assert after.score <= before.score
    assert len(after.false_alarms) == len(before.false_alarms) + 1


@FAST
@given(keys_and_answers(), st.data())
def test_adding_a_correct_finding_never_lowers_the_score(
    pair: tuple[Key, Answer], data: st.DataObject
) -> None:
    key, answer = pair
    assume(key.findings)
    target = data.draw(st.sampled_from(key.findings))
    more = replace(
        answer, findings=(*answer.findings, AnswerFinding(target.category, target.location))
    )
    assert grade(key, more).score >= grade(key, answer).score


@FAST
@given(keys())
def test_model_answer_is_one_and_empty_is_zero(key: Key) -> None:
    assert grade(key, answer_from_key(key)).score == 1.0
    if not key.is_control:
        assert grade(key, Answer(case_id=key.case_id, seed=key.seed)).score == 0.0
