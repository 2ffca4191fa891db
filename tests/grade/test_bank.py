"""The grader on every case it will meet: the bank, rendered samples, hand-made keys.

For each key: the model answer scores 1.0, an empty answer 0 (unless a
control), shuffling changes nothing, boxes a few pixels off or clicks still
match, a false alarm lowers the score, forged answers are refused. The bank
is rendered once per run through the shared cache; a case that does not
build fails here (it would fail in a learner's hands too).
"""

from __future__ import annotations

import json
import random
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from safeshare.cases.bank import BANK_DIR, spec_files
from safeshare.cases.cache import load_rendered, rendered_spec
from safeshare.cases.spec import load_spec
from safeshare.errors import AnswerError
from safeshare.grade import Answer, AnswerFinding, Point, answer_from_key, grade, parse_answer
from safeshare.model.key import Key
from safeshare.model.locations import Box, MetaField
from tests.cases.rendered_bank import rendered_bank
from tests.cases.specs import CONSENT_ONLY, POST_ONLY
from tests.grade.keys import HAND_KEYS

pytestmark = pytest.mark.xdist_group("bank")

ENDOSCOPY_SAMPLE = """\
schema: 1
id: G01
title: A frame with its overlay, a post and a journal consent
kind: endoscopy
difficulty: 1
objectives: [Mark every identifier in the overlay]
brief: A colleague asks you to check a post before it goes out.
assets:
  - id: frame
    type: endoscopy_frame
    options: {site: sigmoid, finding: polyp, overlay: full}
post:
  author:
    display_name: "{clinician.name}"
    handle: "@{clinician.handle}"
    bio: "Consultant at [[{hospital.name}|author_profile]]"
  text: >-
    Textbook find on [[this morning's list|date_of_care]]!
    [[8mm|safe: a size identifies no one]]
  images: [frame]
consent:
  form: written
  purposes: [journal]
decision: share_after_deidentification
decision_reason: Crop the overlay and rewrite the post (GMC recordings paras 10-12).
"""
SAMPLES = {"X01": POST_ONLY, "X02": CONSENT_ONLY, "G01": ENDOSCOPY_SAMPLE}
HAND = {key.case_id: key for key in HAND_KEYS}


def _bank_ids() -> list[str]:
    if not BANK_DIR.is_dir():
        return []
    return [path.stem.split("-")[0] for path in spec_files(BANK_DIR)]


CASES = [f"hand:{i}" for i in HAND] + [f"sample:{i}" for i in SAMPLES]
CASES += [f"bank:{i}" for i in _bank_ids()]


@cache
def _sample_key(case_id: str, folder: Path) -> Key:
    path = folder / f"{case_id}-sample.yaml"
    path.write_text(SAMPLES[case_id], encoding="utf-8")
    _, key = load_rendered(rendered_spec(load_spec(path), seed=1))
    assert key is not None
    return key


@pytest.fixture(scope="module", params=CASES)
def key(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Key:
    source, case_id = str(request.param).split(":")
    if source == "hand":
        return HAND[case_id]
    if source == "sample":
        return _sample_key(case_id, tmp_path_factory.getbasetemp())
    keys = [k for _, _, k in rendered_bank() if k.case_id == case_id]
    assert keys, f"{case_id} is in the bank's list but rendered no key"
    return keys[0]


def _empty(key: Key) -> Answer:
    return Answer(case_id=key.case_id, seed=key.seed)


def test_model_answer_scores_one_and_survives_its_file(key: Key, tmp_path: Path) -> None:
    model = answer_from_key(key)
    assert grade(key, model).score == 1.0
    again = parse_answer(json.loads(json.dumps(model.to_dict())))
    assert grade(key, again).score == 1.0


def test_empty_answer(key: Key) -> None:
    result = grade(key, _empty(key))
    assert result.score == 0.0  # a control too: no decision made
    assert len(result.missed) == len(key.findings)


def test_order_does_not_matter(key: Key) -> None:
    model = answer_from_key(key)
    noisy = (*model.findings, AnswerFinding("place", MetaField("nowhere", "Nothing")))
    first = grade(key, replace(model, findings=noisy)).to_dict()
    rng = random.Random(key.case_id)
    for _ in range(5):
        shuffled = list(noisy)
        rng.shuffle(shuffled)
        assert grade(key, replace(model, findings=tuple(shuffled))).to_dict() == first


def _moved(mark: AnswerFinding, how: str) -> AnswerFinding:
    loc = mark.location
    if not isinstance(loc, Box):
        return mark
    if how == "shift":
        return AnswerFinding(mark.category, replace(loc, x=loc.x + 2, y=loc.y - 1))
    return AnswerFinding(mark.category, Point(loc.asset, loc.x + loc.w / 2, loc.y + loc.h / 2))


@pytest.mark.parametrize("how", ["shift", "click"])
def test_boxes_a_little_off_or_clicked_still_match(key: Key, how: str) -> None:
    model = answer_from_key(key)
    moved = replace(model, findings=tuple(_moved(f, how) for f in model.findings))
    assert grade(key, moved).score == 1.0


def test_a_false_alarm_lowers_the_score(key: Key) -> None:
    model = answer_from_key(key)
    alarm = AnswerFinding("patient_name", MetaField("nowhere", "Nothing"))
    result = grade(key, replace(model, findings=(*model.findings, alarm)))
    assert result.score < 1.0 and len(result.false_alarms) == 1


@pytest.mark.parametrize(
    "forge",
    [
        lambda d: {**d, "score": 1.0},
        lambda d: {**d, "result": {"score": 1.0}},
        lambda d: {**d, "bonus": 3},
        lambda d: {**d, "findings": [{**f, "matched": True} for f in d["findings"]] or [{}]},
        lambda d: {**d, "case_id": "Z99"},
    ],
    ids=["score", "result", "unknown", "finding-field", "other-case"],
)
def test_forged_answers_are_refused(key: Key, forge: object) -> None:
    assert callable(forge)
    data = forge(answer_from_key(key).to_dict())
    with pytest.raises(AnswerError):
        grade(key, parse_answer(data, source="forged.json"))
