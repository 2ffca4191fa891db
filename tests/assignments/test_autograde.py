"""grade_item: the points of the learner's own variant, silently, as a plain float."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from safeshare.assignments.autograde import grade_item
from safeshare.assignments.definition import load_definition
from safeshare.assignments.learner import grading_place
from safeshare.assignments.pool import learners_variant, variant_key
from safeshare.assignments.release import release_pool
from safeshare.assignments.secret import CourseSecret
from safeshare.errors import AssignmentError
from tests.assignments.course import make_course
from tests.assignments.learners import answer_item


@pytest.fixture
def course_root(tmp_path: Path, secret: CourseSecret) -> Path:
    course = make_course(tmp_path / "course")
    definition = load_definition(course.source / "demo")
    release = course.release / "demo"
    shutil.copytree(course.source / "demo", release)
    release_pool(definition, secret=secret, release_dir=release, course_root=course.root, jobs=1)
    return course.root


def _graded_folder(root: Path, learner: str) -> Path:
    """A learner's folder as autograde has it: the release, plus their answers."""
    folder = root / "autograded" / learner / "demo"
    shutil.copytree(root / "release" / "demo", folder)
    return folder


def _answer(
    root: Path, folder: Path, learner: str, item: str, secret: CourseSecret, share: float
) -> None:
    definition = load_definition(root / "source" / "demo")
    variant = learners_variant(definition, definition.item(item), learner, secret, course_root=root)
    answer_item(folder, item, variant_key(variant), share=share)


def test_grading_place_comes_from_the_folder(course_root: Path) -> None:
    place = grading_place(course_root / "autograded" / "alice" / "demo")
    assert (place.learner, place.assignment, place.course.root) == ("alice", "demo", course_root)
    with pytest.raises(AssignmentError, match="autograded"):
        grading_place(course_root / "submitted" / "alice" / "demo")


def test_perfect_blank_partial(
    course_root: Path,
    secret: CourseSecret,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    scores = {}
    for learner, share in (("alice", 1.0), ("bob", 0.0), ("carol", 0.5)):
        monkeypatch.setenv("JUPYTERHUB_USER", learner)
        folder = _graded_folder(course_root, learner)
        for item in ("q1", "q2"):
            _answer(course_root, folder, learner, item, secret, share)
        capfd.readouterr()
        scores[learner] = [
            grade_item("q1", points=2.0, folder=folder),
            grade_item("q2", points=4.0, folder=folder),
        ]
        out, err = capfd.readouterr()
        assert (out, err) == ("", "")
    assert scores["alice"] == [2.0, 4.0]
    assert scores["bob"] == [0.0, 0.0]
    assert 0.0 < sum(scores["carol"]) < 6.0
    assert all(type(s) is float for s in scores["carol"])


def test_forged_other_variant_and_unreadable_files_earn_nothing(
    course_root: Path, secret: CourseSecret, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "alice")
    folder = _graded_folder(course_root, "alice")
    _answer(course_root, folder, "alice", "q1", secret, 1.0)
    answers = folder / "answers" / "q1.json"
    perfect = json.loads(answers.read_text())
    assert grade_item("q1", points=2.0, folder=folder) == 2.0

    answers.write_text(json.dumps({**perfect, "score": 1.0}))
    assert grade_item("q1", points=2.0, folder=folder) == 0.0

    other = 1 - perfect["seed"]
    answers.write_text(json.dumps({**perfect, "seed": other}))
    assert grade_item("q1", points=2.0, folder=folder) == 0.0

    answers.write_text("not json")
    assert grade_item("q1", points=2.0, folder=folder) == 0.0


def test_the_assignment_file_comes_from_source_not_the_learner(
    course_root: Path, secret: CourseSecret, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "alice")
    folder = _graded_folder(course_root, "alice")
    _answer(course_root, folder, "alice", "q1", secret, 1.0)
    (folder / "assignment.yaml").write_text("schema: 1\ntitle: x\npool: 1\nitems: []\n")
    assert grade_item("q1", points=2.0, folder=folder) == 2.0


def test_points_never_exceed_the_cell(course_root: Path, secret: CourseSecret) -> None:
    folder = _graded_folder(course_root, "alice")
    _answer(course_root, folder, "alice", "q1", secret, 1.0)
    assert grade_item("q1", points=0.5, folder=folder) == 0.5


def test_no_secret_is_loud(course_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _graded_folder(course_root, "alice")
    monkeypatch.setenv("SAFESHARE_SECRET_FILE", str(course_root / "missing"))
    with pytest.raises(AssignmentError, match="init-secret"):
        grade_item("q1", points=2.0, folder=folder)
