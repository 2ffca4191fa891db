"""grade_submitted_item: the learner's own variant, graded from the file, read safely."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from safeshare.assignments.definition import load_definition
from safeshare.assignments.item_grade import (
    ItemGrade,
    grade_submitted_item,
    read_submitted_answer,
)
from safeshare.assignments.nbgrader_course import Course
from safeshare.assignments.secret import CourseSecret
from safeshare.errors import AnswerError
from tests.assignments.graded_course import answer, graded_folder, released_course


@pytest.fixture
def course(tmp_path: Path, secret: CourseSecret) -> Course:
    return released_course(tmp_path / "course", secret)


def _grade(
    course: Course, folder: Path, learner: str, item: str, secret: CourseSecret
) -> ItemGrade:
    definition = load_definition(course.source / "demo")
    return grade_submitted_item(
        definition=definition,
        item=definition.item(item),
        learner=learner,
        secret=secret,
        folder=folder,
        course_root=course.root,
    )


def test_perfect_partial_and_blank(
    course: Course, secret: CourseSecret, monkeypatch: pytest.MonkeyPatch
) -> None:
    points = {}
    for learner, share in (("alice", 1.0), ("bob", 0.0), ("carol", 0.5)):
        monkeypatch.setenv("JUPYTERHUB_USER", learner)
        folder = graded_folder(course, learner)
        answer(course, folder, learner, "q2", secret, share)
        graded = _grade(course, folder, learner, "q2", secret)
        assert type(graded.points) is float
        points[learner] = graded.points
        if share == 0.0:
            assert graded.result is None and graded.problem.startswith("No answer")
        else:
            assert graded.result is not None and graded.problem == ""
        assert graded.key is not None and graded.key.seed == graded.variant.index
    assert points["alice"] == 4.0
    assert points["bob"] == 0.0
    assert 0.0 < points["carol"] < 4.0


def test_forged_other_variant_and_unreadable_files_earn_nothing(
    course: Course, secret: CourseSecret, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "alice")
    folder = graded_folder(course, "alice")
    answer(course, folder, "alice", "q2", secret, 1.0)
    path = folder / "answers" / "q2.json"
    perfect = json.loads(path.read_text())
    assert _grade(course, folder, "alice", "q2", secret).points == 4.0

    path.write_text(json.dumps({**perfect, "score": 1.0}))
    forged = _grade(course, folder, "alice", "q2", secret)
    assert forged.points == 0.0 and "could not be read" in forged.problem
    assert "score" in forged.detail  # the reason is kept for the educator's log

    path.write_text(json.dumps({**perfect, "seed": 1 - perfect["seed"]}))
    other = _grade(course, folder, "alice", "q2", secret)
    assert other.points == 0.0 and "your case is" in other.problem

    path.write_text("not json")
    assert _grade(course, folder, "alice", "q2", secret).points == 0.0


def test_the_reason_a_file_is_unreadable_never_reaches_the_learner(
    course: Course, secret: CourseSecret, secret_file: Path
) -> None:
    """A file the learner did not write (say, collected through a link) is never quoted."""
    folder = graded_folder(course, "mallory")
    (folder / "answers").mkdir()
    private = {"schema": 1, "case_id": "X03", "seed": 0, "findings": [], "token": "s3cr3t-value"}
    (folder / "answers" / "q2.json").write_text(json.dumps(private))
    graded = _grade(course, folder, "mallory", "q2", secret)
    assert graded.points == 0.0
    assert "token" in graded.detail
    assert "token" not in graded.problem and "s3cr3t" not in graded.problem
    (folder / "answers" / "q2.json").write_bytes(secret_file.read_bytes())
    graded = _grade(course, folder, "mallory", "q2", secret)
    assert secret.value.decode() not in graded.problem + graded.detail


def test_links_are_never_followed(
    course: Course, secret: CourseSecret, secret_file: Path, tmp_path: Path
) -> None:
    folder = graded_folder(course, "mallory")
    (folder / "answers").mkdir()
    link = folder / "answers" / "q2.json"
    link.symlink_to(secret_file)
    with pytest.raises(AnswerError, match="link is never followed"):
        read_submitted_answer(link)
    assert _grade(course, folder, "mallory", "q2", secret).points == 0.0

    # A folder that is a link out of the submission is refused too.
    link.unlink()
    (folder / "answers").rmdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "q2.json").write_text("{}")
    os.symlink(elsewhere, folder / "answers")
    graded = _grade(course, folder, "mallory", "q2", secret)
    assert graded.points == 0.0 and "link" in graded.detail


def test_folders_devices_and_huge_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "dir.json").mkdir()
    with pytest.raises(AnswerError, match=r"plain file|cannot open"):
        read_submitted_answer(tmp_path / "dir.json")
    huge = tmp_path / "huge.json"
    huge.write_bytes(b" " * 2_000_001)
    with pytest.raises(AnswerError, match="too big"):
        read_submitted_answer(huge)
    with pytest.raises(AnswerError, match="no such file"):
        read_submitted_answer(tmp_path / "missing.json")
    if Path("/dev/zero").exists():
        with pytest.raises(AnswerError, match="plain file"):
            read_submitted_answer(Path("/dev/zero"))
