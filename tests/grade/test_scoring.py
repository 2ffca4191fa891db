"""The score: parts, weights, penalties and the edge cases the issue names."""

from __future__ import annotations

from dataclasses import replace

import pytest

from safeshare.grade import DEFAULT_RUBRIC, Answer, AnswerFinding, Point, answer_from_key, grade
from safeshare.grade.scoring import PartScore, combine_parts, consent_score, decision_score
from safeshare.model.key import Key
from safeshare.model.locations import Box, Span
from tests.grade.keys import CONSENT_LED, CONTROL, DICOM, ENDOSCOPY

R = DEFAULT_RUBRIC


def _empty(key: Key) -> Answer:
    return Answer(case_id=key.case_id, seed=key.seed)


@pytest.mark.parametrize(
    ("expected", "claimed", "score"),
    [
        ((), (), 1.0),
        ((), ("verbal_only",), 0.0),
        (("verbal_only",), (), 0.0),
        (("a", "b"), ("a", "b"), 1.0),
        (("a", "b"), ("a",), 2 / 3),
        (("a", "b"), ("a", "b", "c"), 0.8),
        (("a",), ("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), 2 / 11),
    ],
)
def test_consent_is_f1(expected: tuple[str, ...], claimed: tuple[str, ...], score: float) -> None:
    assert consent_score(expected, claimed) == pytest.approx(score)


def test_decision() -> None:
    assert decision_score("do_not_share", "do_not_share") == 1.0
    assert decision_score("do_not_share", "share_as_is") == 0.0
    assert decision_score("do_not_share", None) == 0.0


def test_inactive_parts_only_take_away() -> None:
    parts = [
        PartScore(name="findings", weight=0.6, score=0.5, active=True),
        PartScore(name="consent", weight=0.15, score=0.0, active=False),
        PartScore(name="decision", weight=0.25, score=1.0, active=True),
    ]
    assert combine_parts(parts) == pytest.approx((0.6 * 0.5 + 0.25) / 0.85 * 0.85)
    zero = [PartScore(name="decision", weight=1.0, score=0.0, active=True)]
    assert combine_parts(zero) == 0.0


@pytest.mark.parametrize("key", [ENDOSCOPY, CONTROL, CONSENT_LED, DICOM], ids=lambda k: k.case_id)
def test_model_answer_scores_exactly_one(key: Key) -> None:
    result = grade(key, answer_from_key(key))
    assert result.score == 1.0 and type(result.score) is float
    assert all(type(p.score) is float and type(p.weight) is float for p in result.parts)


@pytest.mark.parametrize("key", [ENDOSCOPY, CONSENT_LED, DICOM], ids=lambda k: k.case_id)
def test_empty_answer_scores_zero(key: Key) -> None:
    assert grade(key, _empty(key)).score == 0.0


def test_control_case() -> None:
    right = Answer(case_id="H02", seed=4, decision="share_as_is")
    assert grade(CONTROL, right).score == 1.0
    assert grade(CONTROL, _empty(CONTROL)).score == 0.0
    alarms = [AnswerFinding("place", Point("frame", 500 + 10 * i, 300)) for i in range(8)]
    one = grade(CONTROL, replace(right, findings=tuple(alarms[:1]))).score
    many = grade(CONTROL, replace(right, findings=tuple(alarms))).score
    assert one == pytest.approx(1 - 0.6 * 0.1)
    assert many == pytest.approx(1 - 0.6 * 0.5)  # the cap
    claims_gap = grade(CONTROL, replace(right, consent_gaps=("verbal_only",))).score
    assert claims_gap == pytest.approx(0.85)


def test_no_gaps_in_the_key_gives_no_free_credit_but_a_wrong_claim_costs() -> None:
    perfect = answer_from_key(DICOM)
    assert grade(DICOM, replace(perfect, consent_gaps=("verbal_only",))).score == pytest.approx(
        0.85
    )
    only_decision = Answer(case_id="H04", seed=9, decision=DICOM.decision)
    assert grade(DICOM, only_decision).score == pytest.approx(0.25 / 0.85)


def test_findings_weighted_by_severity() -> None:
    high = ENDOSCOPY.findings[0]  # patient_name: high, 3
    low = ENDOSCOPY.findings[-1]  # exif_device_serial: low, 1
    base = Answer(case_id="H01", seed=1)
    with_high = grade(
        ENDOSCOPY, replace(base, findings=(AnswerFinding(high.category, high.location),))
    )
    with_low = grade(
        ENDOSCOPY, replace(base, findings=(AnswerFinding(low.category, low.location),))
    )
    assert with_high.tally.possible == 23.0
    assert with_high.part("findings").score == pytest.approx(3 / 23)
    assert with_low.part("findings").score == pytest.approx(1 / 23)
    assert with_high.score == pytest.approx(0.6 * 3 / 23)


def test_wrong_category_earns_the_rubric_share() -> None:
    dob = ENDOSCOPY.findings[2]
    answer = Answer(case_id="H01", seed=1, findings=(AnswerFinding("patient_name", dob.location),))
    assert grade(ENDOSCOPY, answer).tally.credit == 1.5
    stingy = replace(R, wrong_category_credit=0.0)
    assert grade(ENDOSCOPY, answer, rubric=stingy).tally.credit == 0.0


def test_false_alarm_penalty_and_cap_apply_to_the_findings_part() -> None:
    perfect = answer_from_key(ENDOSCOPY)
    alarms = tuple(
        AnswerFinding("place", Box("frame", 400 + 30 * i, 300, 20, 20)) for i in range(9)
    )
    one = grade(ENDOSCOPY, replace(perfect, findings=perfect.findings + alarms[:1]))
    assert one.part("findings").score == pytest.approx(0.9)
    assert one.score == pytest.approx(1 - 0.6 * 0.1)
    nine = grade(ENDOSCOPY, replace(perfect, findings=perfect.findings + alarms))
    assert nine.tally.penalty == 0.5 and nine.score == pytest.approx(1 - 0.6 * 0.5)


def test_part_weights_are_renormalised() -> None:
    rubric = replace(R, findings_weight=6, consent_weight=1.5, decision_weight=2.5)
    half = Answer(case_id="H01", seed=1, decision=ENDOSCOPY.decision)
    assert grade(ENDOSCOPY, half, rubric=rubric).score == pytest.approx(0.25)
    assert grade(ENDOSCOPY, answer_from_key(ENDOSCOPY), rubric=rubric).score == 1.0


def test_a_span_half_covered_counts() -> None:
    care = ENDOSCOPY.findings[6]
    assert isinstance(care.location, Span)
    half = Span("post", "text", care.location.start + 9, care.location.end + 5)
    answer = Answer(case_id="H01", seed=1, findings=(AnswerFinding("date_of_care", half),))
    assert grade(ENDOSCOPY, answer).tally.credit == 2.0


def test_a_mistake_on_an_inactive_part_costs_a_share_of_the_rest_not_everything() -> None:
    weak = Answer(
        case_id="H04",
        seed=9,
        findings=(AnswerFinding(DICOM.findings[0].category, DICOM.findings[0].location),),
        consent_gaps=("verbal_only",),
    )
    without_gap = grade(DICOM, replace(weak, consent_gaps=())).score
    assert without_gap > 0
    assert grade(DICOM, weak).score == pytest.approx(without_gap * 0.85)


def test_the_shotgun_guard_scales_the_findings_part_by_the_hit_rate() -> None:
    # Every finding named rightly and 40 marks on nothing: a hit rate of 10/50, under the
    # rubric's 1/4, so the findings part (after the capped penalty) is scaled by 0.2/0.25.
    model = answer_from_key(ENDOSCOPY)
    alarms = tuple(
        AnswerFinding("place", Box("frame", 300 + 20 * (i % 20), 300 + 30 * (i // 20), 15, 15))
        for i in range(40)
    )
    tally = grade(ENDOSCOPY, replace(model, findings=(*model.findings, *alarms))).tally
    assert tally.hit_rate == pytest.approx(0.2)
    assert tally.shotgun_factor == pytest.approx(0.8)
    assert tally.score == pytest.approx((1 - 0.5) * 0.8)
    few = grade(ENDOSCOPY, replace(model, findings=(*model.findings, *alarms[:5]))).tally
    assert few.hit_rate == pytest.approx(10 / 15) and few.shotgun_factor == 1.0
    off = replace(R, shotgun_hit_rate=0.0)
    answer = replace(model, findings=(*model.findings, *alarms))
    assert grade(ENDOSCOPY, answer, rubric=off).tally.shotgun_factor == 1.0
    # One finding and 5 stray marks: nothing is left after the penalty, so nothing to scale.
    name = ENDOSCOPY.findings[0]
    one = Answer(
        case_id="H01", seed=1, findings=(AnswerFinding(name.category, name.location), *alarms[:5])
    )
    lone = grade(ENDOSCOPY, one).tally
    assert lone.hit_rate == pytest.approx(1 / 6) and lone.shotgun_factor == 1.0
    assert lone.score == 0.0


def test_marks_in_the_wrong_category_count_against_the_hit_rate_but_repeats_do_not() -> None:
    model = answer_from_key(ENDOSCOPY)
    spots = [f.location for f in ENDOSCOPY.findings]
    others = tuple(AnswerFinding(c, loc) for loc in spots for c in ("place", "rarity", "linkage"))
    hedged = grade(ENDOSCOPY, replace(model, findings=(*model.findings, *others))).tally
    assert hedged.credit == hedged.possible  # the right marks keep their credit
    assert hedged.hit_rate == pytest.approx(10 / 40) and hedged.shotgun_factor == 1.0
    more = tuple(AnswerFinding(c, loc) for loc in spots for c in ("age_or_sex", "personal_details"))
    hedged_more = grade(ENDOSCOPY, replace(model, findings=(*model.findings, *others, *more))).tally
    assert hedged_more.shotgun_factor == pytest.approx((10 / 60) / 0.25)
    twice = grade(ENDOSCOPY, replace(model, findings=model.findings * 3)).tally
    assert twice.hit_rate == 1.0 and twice.score == 1.0


def test_a_control_case_has_no_shotgun_guard() -> None:
    alarms = tuple(AnswerFinding("place", Point("frame", 500 + 10 * i, 300)) for i in range(30))
    result = grade(CONTROL, Answer(case_id="H02", seed=4, findings=alarms, decision="share_as_is"))
    assert result.tally.shotgun_factor == 1.0
    assert result.score == pytest.approx(1 - 0.6 * 0.5)
