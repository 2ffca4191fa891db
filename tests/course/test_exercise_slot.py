"""The real Exercise widget inside a module: answers in the learner's folder, score recorded."""

from __future__ import annotations

from pathlib import Path

import pytest

import safeshare.cases.bank
from safeshare.course.exercise_slot import score_of
from safeshare.course.page import open_module
from safeshare.course.progress import read_progress

SPEC = """\
schema: 1
id: {id}
title: A quiet post
kind: text
difficulty: 1
objectives: [Read the words around an image as a stranger would]
brief: A colleague drafts a post with no image.
post:
  author:
    display_name: "{{clinician.name}}"
    handle: "@{{clinician.handle}}"
    bio: "Consultant at [[{{hospital.name}}|author_profile]]"
  text: >-
    [[{{patient.age}}{{patient.sex}}|age_or_sex]] from [[{{town}}|place]]
    seen [[tonight|date_of_care]].
decision: do_not_share
decision_reason: Age, town and time together point at one person (GMC recordings para 17).
"""


@pytest.fixture
def small_bank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A one-case bank standing in for the shipped one, so the test does not depend on it."""
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "E05-quiet-post.yaml").write_text(SPEC.format(id="E05"), encoding="utf-8")
    monkeypatch.setattr(safeshare.cases.bank, "BANK_DIR", bank)
    return bank


def test_score_of_reads_the_feedback() -> None:
    assert score_of({"score": 0.25, "percent": 25}) == 0.25
    assert score_of({}) is None and score_of(None) is None
    assert score_of({"score": 7}) is None


def test_exercise_saves_in_the_learner_folder_and_check_records_the_score(
    small_bank: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    page = open_module("02", root=data, environ={"SAFESHARE_LEARNER": "Anna"}, show=False)
    slot = page.exercise("E05")
    exercise = slot.children[0]
    assert type(exercise).__name__ == "Exercise"
    assert exercise.answers_path == data / "learners" / "anna" / "answers" / "02" / "E05.json"
    exercise.mark_text("text", "tonight", "date_of_care")
    exercise.decide("do_not_share")
    result = exercise.check()
    assert exercise.answers_path.exists()
    record = read_progress(data / "learners" / "anna" / "progress.json").modules["02"]
    assert record.exercises["E05"].latest == pytest.approx(result.score)
    assert 0 < result.score < 1


def test_two_learners_get_separate_answers(small_bank: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    anna = open_module("02", root=data, environ={"SAFESHARE_LEARNER": "Anna"}, show=False)
    ben = open_module("02", root=data, environ={"SAFESHARE_LEARNER": "Ben"}, show=False)
    ex_a = anna.exercise("E05").children[0]
    ex_b = ben.exercise("E05").children[0]
    ex_a.decide("do_not_share")
    assert ex_a.answers_path != ex_b.answers_path
    assert not ex_b.answers_path.exists()
    again = open_module("02", root=data, environ={"SAFESHARE_LEARNER": "Anna"}, show=False)
    assert again.exercise("E05").children[0].decision == "do_not_share"
