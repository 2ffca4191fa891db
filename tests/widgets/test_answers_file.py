"""Where the answers file lives, which names can name one, and which learner ids it records."""

from __future__ import annotations

from pathlib import Path

import pytest

from safeshare.errors import AnswerError
from safeshare.grade import load_answer
from safeshare.widgets import Exercise
from safeshare.widgets.answers_file import (
    RecordedLearner,
    answers_path,
    check_learner_id,
    check_name,
    display_path,
    recorded_learner,
)


def test_default_is_answers_under_the_working_folder(workdir: Path) -> None:
    assert answers_path("E01") == workdir / "answers" / "E01.json"
    assert display_path(answers_path("E01")) == "answers/E01.json"


def test_a_folder_can_be_given(tmp_path: Path) -> None:
    assert answers_path("q1", tmp_path / "out") == tmp_path / "out" / "q1.json"
    assert display_path(tmp_path / "elsewhere.json") == "elsewhere.json"


@pytest.mark.parametrize("name", ["E01", "E01-practice", "week_2.case-3", "R4"])
def test_good_names(name: str) -> None:
    assert check_name(name) == name


@pytest.mark.parametrize("name", ["", "../x", "a/b", ".hidden", "a..b", "x" * 81, "sp ace"])
def test_bad_names_are_refused(name: str) -> None:
    with pytest.raises(ValueError, match="cannot name a file"):
        check_name(name)


@pytest.mark.parametrize(
    ("learner", "problem"),
    [("   ", "only spaces"), ("al\nice", "line break"), ("a" * 201, "201 characters")],
)
def test_a_learner_id_an_answer_cannot_hold_is_named_with_the_fix(
    learner: str, problem: str
) -> None:
    with pytest.raises(AnswerError, match=problem) as caught:
        check_learner_id(learner)
    message = str(caught.value)
    assert "one line of 1 to 200 characters" in message and "JUPYTERHUB_USER" in message
    assert "not a string" not in message
    recorded = recorded_learner({"JUPYTERHUB_USER": learner})
    assert recorded.id is None and recorded.problem == message


def test_a_good_learner_id_is_recorded_and_none_is_none() -> None:
    assert recorded_learner({"JUPYTERHUB_USER": "trainee7"}) == RecordedLearner("trainee7")
    assert recorded_learner({"JUPYTERHUB_USER": "a" * 200}).id == "a" * 200
    assert recorded_learner({}) == RecordedLearner(None)


@pytest.mark.parametrize("learner", ["   ", "al\nice", "x" * 201])
def test_the_widget_saves_the_work_without_a_bad_learner_id_and_says_why(
    learner: str, workdir: Path, case_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", learner)
    ex = Exercise.from_folder(case_folder)
    ex.decide("do_not_share")
    ex.set_consent_gaps(["verbal_only"])
    saved = load_answer(ex.answers_path)
    assert saved.decision == "do_not_share" and saved.consent_gaps == ("verbal_only",)
    assert saved.learner is None
    assert ex.status["kind"] == "error"
    assert ex.status["text"].startswith("Saved ")
    assert "learner id" in ex.status["text"] and "JUPYTERHUB_USER" in ex.status["text"]
    # The page's own changes are saved too, and the work comes back in a new widget.
    ex.decision = "share_as_is"
    assert load_answer(ex.answers_path).decision == "share_as_is"
    assert Exercise.from_folder(case_folder).decision == "share_as_is"


def test_the_widget_records_a_good_learner_id(
    workdir: Path, case_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "trainee7")
    ex = Exercise.from_folder(case_folder)
    ex.decide("do_not_share")
    assert load_answer(ex.answers_path).learner == "trainee7"
    assert ex.status["kind"] == "saved"
