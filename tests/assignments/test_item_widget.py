"""The learner's exercise: their own variant, no key, answers beside the notebook."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from safeshare.assignments.definition import load_definition
from safeshare.assignments.item_widget import exercise, item_place
from safeshare.assignments.release import release_pool
from safeshare.assignments.secret import CourseSecret
from safeshare.assignments.variants import learner_variant
from safeshare.errors import AssignmentError
from tests.assignments.nbgrader_course import make_course


@pytest.fixture
def fetched(tmp_path: Path, secret: CourseSecret) -> Path:
    """A learner's fetched copy of the demo assignment (the release, as fetch copies it)."""
    course = make_course(tmp_path / "course")
    release = course.release / "demo"
    shutil.copytree(course.source / "demo", release)
    definition = load_definition(course.source / "demo")
    release_pool(definition, secret=secret, release_dir=release, course_root=course.root, jobs=1)
    mine = tmp_path / "home" / "demo"
    shutil.copytree(release, mine)
    return mine


def test_the_hub_user_picks_the_variant(fetched: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    for learner in ("alice", "bob", "carol", "dan"):
        monkeypatch.setenv("JUPYTERHUB_USER", learner)
        place = item_place("q1", folder=fetched)
        index = learner_variant(learner, assignment="demo", item="q1", pool=2)
        assert place.index == index
        assert place.case_folder == fetched / "cases" / "q1" / f"v{index}"
        assert place.answers == fetched / "answers" / "q1.json"


def test_widget_is_graded_and_saves_beside_the_notebook(
    fetched: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.setenv("JUPYTERHUB_USER", "alice")
    ex = exercise("q2", folder=fetched)
    assert ex.graded
    assert not (fetched / "answers").exists()  # showing writes nothing
    ex.decide("do_not_share")
    saved = json.loads((fetched / "answers" / "q2.json").read_text())
    index = learner_variant("alice", assignment="demo", item="q2", pool=2)
    assert (saved["case_id"], saved["seed"], saved["learner"]) == ("X02", index, "alice")


def test_under_nbgrader_a_note_replaces_the_widget(
    fetched: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    monkeypatch.setenv("JUPYTERHUB_USER", "alice")
    note = exercise("q1", folder=fetched)
    assert "graded from `answers/q1.json`" in note.data


def test_source_folder_shows_a_note_and_a_lost_variant_says_fetch_again(
    fetched: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.setenv("JUPYTERHUB_USER", "alice")
    source = fetched.parents[1] / "course" / "source" / "demo"
    assert "generate_assignment" in exercise("q1", folder=source).data
    shutil.rmtree(item_place("q1", folder=fetched).case_folder)
    with pytest.raises(AssignmentError, match="fetch the assignment again"):
        exercise("q1", folder=fetched)


def test_answer_status_tells_the_learner_and_fails_validate_until_ready(
    fetched: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from safeshare.assignments.item_widget import answer_status

    monkeypatch.setenv("JUPYTERHUB_USER", "alice")
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    assert answer_status("q1", folder=fetched) is None  # shown, never a graded cell's value
    shown = capsys.readouterr().out
    assert "Not ready" in shown and "no answer saved yet" in shown
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    with pytest.raises(AssignmentError, match="q1: no answer saved yet"):
        answer_status("q1", folder=fetched)

    monkeypatch.delenv("NBGRADER_EXECUTION")
    widget = exercise("q1", folder=fetched)
    widget.decide("do_not_share")
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    answer_status("q1", folder=fetched)
    assert "your answer is saved" in capsys.readouterr().out

    answers = fetched / "answers" / "q1.json"
    data = json.loads(answers.read_text())
    answers.write_text(json.dumps({**data, "seed": data["seed"] + 1}))
    with pytest.raises(AssignmentError, match="not your variant"):
        answer_status("q1", folder=fetched)


def test_answer_status_never_grades_in_a_kernel(
    fetched: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A course whose autograde still executes notebooks gets errors (0), not full marks."""
    from safeshare.assignments.item_widget import answer_status

    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with pytest.raises(AssignmentError, match="GradeAnswersFiles"):
        answer_status("q1", folder=fetched)
