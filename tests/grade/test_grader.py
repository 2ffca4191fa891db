"""grade(): the contract end to end on hand-made keys."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from safeshare.errors import AnswerError
from safeshare.grade import Answer, AnswerFinding, answer_from_key, grade, parse_answer
from safeshare.model.locations import Box
from tests.grade.keys import CONTROL, ENDOSCOPY


def test_an_answer_for_another_case_or_variant_is_refused() -> None:
    other_case = replace(answer_from_key(ENDOSCOPY), case_id="E99")
    with pytest.raises(AnswerError, match=r"^a\.json: this answer is for case E99, not H01"):
        grade(ENDOSCOPY, other_case, source="a.json")
    other_seed = parse_answer({**answer_from_key(ENDOSCOPY).to_dict(), "seed": 7}, source="b.json")
    with pytest.raises(
        AnswerError, match=r"^b\.json: .*seed\) 7 of H01, but the key is for seed 1"
    ):
        grade(ENDOSCOPY, other_seed)


def test_order_of_findings_and_gaps_does_not_matter() -> None:
    rng = random.Random(3)
    model = answer_from_key(ENDOSCOPY)
    noisy = (
        *model.findings[:6],
        AnswerFinding("place", Box("frame", 600, 300, 40, 20)),
        AnswerFinding("patient_name", ENDOSCOPY.findings[2].location),
        AnswerFinding("institution", Box("frame", 1100, 620, 60, 16)),
    )
    first = grade(ENDOSCOPY, replace(model, findings=noisy, consent_gaps=("verbal_only",)))
    for _ in range(20):
        findings = list(noisy)
        rng.shuffle(findings)
        again = grade(
            ENDOSCOPY, replace(model, findings=tuple(findings), consent_gaps=("verbal_only",))
        )
        assert again.to_dict() == first.to_dict()


@pytest.mark.parametrize(("dx", "dy"), [(3, 0), (-3, 2), (0, 4), (4, -2), (-2, -4)])
def test_a_box_a_few_pixels_off_still_matches(dx: int, dy: int) -> None:
    model = answer_from_key(ENDOSCOPY)
    shifted = tuple(
        AnswerFinding(
            f.category,
            replace(f.location, x=f.location.x + dx, y=f.location.y + dy)
            if isinstance(f.location, Box)
            else f.location,
        )
        for f in model.findings
    )
    assert grade(ENDOSCOPY, replace(model, findings=shifted)).score == 1.0


def test_a_false_alarm_lowers_the_score() -> None:
    model = answer_from_key(ENDOSCOPY)
    alarm = AnswerFinding("patient_name", Box("frame", 640, 360, 80, 18))
    result = grade(ENDOSCOPY, replace(model, findings=(*model.findings, alarm)))
    assert result.score < 1.0
    assert [m.location for m in result.false_alarms] == [alarm.location]


def test_result_lists_what_happened() -> None:
    key = ENDOSCOPY
    name, number, dob = key.findings[:3]
    answer = Answer(
        case_id="H01",
        seed=1,
        learner="amy",
        findings=(
            AnswerFinding("patient_name", name.location),
            AnswerFinding("patient_name", dob.location),  # right place, wrong category
            AnswerFinding("date_of_care", Box("frame", 1101, 621, 58, 14)),  # on the decoy
        ),
        consent_gaps=("platforms_not_named", "verbal_only"),
        decision="do_not_share",
    )
    r = grade(key, answer)
    assert [f.finding_id for f in r.found] == [name.id]
    assert [f.finding_id for f in r.partial] == [dob.id] and r.partial[0].credit == 0.5
    assert number.id in [f.finding_id for f in r.missed] and len(r.missed) == 8
    assert r.false_alarms[0].decoy and r.false_alarms[0].explanation == "Eh:A5 is a setting."
    assert [g.gap_id for g in r.gaps("found")] == ["platforms_not_named"]
    assert [g.gap_id for g in r.gaps("missed")] == ["scope_excludes_social_media"]
    assert [g.gap_id for g in r.gaps("wrong")] == ["verbal_only"]
    assert not r.decision.correct and r.decision.reason == key.decision_reason
    assert r.learner == "amy" and 0 < r.score < 0.2


def test_control_case_false_alarm_on_a_decoy_is_explained() -> None:
    answer = Answer(
        case_id="H02",
        seed=4,
        findings=(AnswerFinding("patient_name", Box("frame", 32, 22, 50, 12)),),
        decision="share_as_is",
    )
    r = grade(CONTROL, answer)
    assert r.false_alarms[0].explanation == "ANON is the anonymised label."
    assert r.score == pytest.approx(0.94)
