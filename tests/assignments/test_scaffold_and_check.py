"""Scaffolded and shipped notebooks pass the check; a broken one is caught."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from safeshare.assignments.check import check_assignment
from safeshare.assignments.nbgrader_course import load_course
from safeshare.assignments.scaffold import NewItem, scaffold_assignment
from safeshare.errors import UsageError
from tests.assignments.nbgrader_course import REPO, make_course

SHIPPED = ("pixels", "hidden-and-story", "consent-and-decision")


def test_scaffolded_assignment_is_valid_and_checks_clean(tmp_path: Path) -> None:
    course = make_course(tmp_path / "course")
    notebook = course.source / "demo" / "demo.ipynb"
    nbformat.validate(nbformat.read(notebook, as_version=4))
    assert check_assignment(course, "demo") == []


def test_scaffold_refuses_to_overwrite(tmp_path: Path) -> None:
    course = make_course(tmp_path / "course")
    with pytest.raises(UsageError, match="exists already"):
        scaffold_assignment(course.source / "demo", title="x", items=[NewItem("q1", "X01")])


def test_check_catches_points_and_lock_mistakes(tmp_path: Path) -> None:
    course = make_course(tmp_path / "course")
    path = course.source / "demo" / "demo.ipynb"
    nb = json.loads(path.read_text())
    for cell in nb["cells"]:
        meta = cell["metadata"]["nbgrader"]
        if meta["grade_id"] == "q1_graded":
            meta["points"] = 3.0
        if meta["grade_id"] == "q2_exercise":
            meta["locked"] = False
    path.write_text(json.dumps(nb))
    problems = check_assignment(course, "demo")
    assert any("points disagree" in p for p in problems)
    assert any("not locked" in p for p in problems)


def test_check_catches_a_key_in_the_release(tmp_path: Path) -> None:
    course = make_course(tmp_path / "course")
    (course.release / "demo" / "cases").mkdir(parents=True)
    (course.release / "demo" / "cases" / "key.json").write_text("{}")
    assert any("a key in the release" in p for p in check_assignment(course, "demo"))


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_notebooks_agree_with_their_assignment_files(name: str) -> None:
    course = load_course(REPO / "assignments")
    problems = [
        p
        for p in check_assignment(course, name)
        if "no case" not in p  # the bank may still be growing; test_shipped_cases_exist covers it
    ]
    assert problems == []
    nb = nbformat.read(course.source / name / f"{name}.ipynb", as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        assert cell.metadata.nbgrader["locked"], cell.metadata.nbgrader["grade_id"]
        assert not cell.metadata.nbgrader["solution"]
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_shipped_config_protects_every_answers_file() -> None:
    from safeshare.assignments.check import _exclude_overwriting

    protected = _exclude_overwriting(load_course(REPO / "assignments"))
    assert sorted(protected) == sorted(SHIPPED)
    for name in SHIPPED:
        assert protected[name] == [f"answers/q{i}.json" for i in range(1, 6)]


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_cases_exist(name: str) -> None:
    course = load_course(REPO / "assignments")
    assert [p for p in check_assignment(course, name) if "no case" in p] == []


def test_shipped_config_keeps_nbgrader_steps_and_adds_the_pool() -> None:
    from nbgrader.converters import GenerateAssignment
    from traitlets.config.loader import PyFileConfigLoader
    from traitlets.utils.importstring import import_item

    config = PyFileConfigLoader("nbgrader_config.py", path=str(REPO / "assignments")).load_config()
    named = [import_item(name) for name in config.GenerateAssignment.preprocessors]
    default = GenerateAssignment.class_traits()["preprocessors"].default()
    assert named[:-1] == default
    assert named[-1].__name__ == "RenderPool"
    assert "*.py" in config.CourseDirectory.ignore and "safeshare" in config.CourseDirectory.ignore


WRITTEN_BY_NBGRADER_AND_SAFESHARE = (
    "report/index.html",
    "report/scores.csv",
    "grades.csv",
    "gradebook.db",
    "gradebook.db-journal",
    "autograded/alice/pixels/pixels.ipynb",
    "autograded/alice/pixels/answers/q1.json",
    "feedback/alice/pixels/pixels.html",
    "submitted/alice/pixels/answers/q1.json",
    "downloaded/pixels/archive/alice_pixels.zip",
    "exchange/safeshare/inbound/alice+pixels+2026/pixels.ipynb",
    "cache/safeshare/alice+pixels+2026/pixels.ipynb",
    "release/pixels/cases/q1/v0/case.json",
    ".nbgrader.log",
    "source/pixels/answers/q1.json",
    "source/pixels/cases/q1/v0/frame.jpg",
    "source/pixels/.ipynb_checkpoints/pixels-checkpoint.ipynb",
)
COMMITTED = (
    ".gitignore",
    "README.md",
    "nbgrader_config.py",
    "jupyter/labconfig/page_config.json",
    "source/pixels/assignment.yaml",
    "source/pixels/pixels.ipynb",
)


def test_the_course_folder_never_commits_keys_grades_or_learners_work(tmp_path: Path) -> None:
    """git check-ignore, in a repository of its own, on real files at every such place."""
    course = tmp_path / "repo" / "assignments"
    course.mkdir(parents=True)
    shutil.copy(REPO / "assignments" / ".gitignore", course / ".gitignore")
    for name in (*WRITTEN_BY_NBGRADER_AND_SAFESHARE, *COMMITTED[1:]):
        (course / name).parent.mkdir(parents=True, exist_ok=True)
        (course / name).write_text("{}")
    git = ["git", "-C", str(tmp_path / "repo")]
    subprocess.run([*git, "init", "-q"], check=True)

    def ignored(names: tuple[str, ...]) -> set[str]:
        found = subprocess.run(
            [*git, "check-ignore", "--stdin"],
            input="\n".join(f"assignments/{n}" for n in names),
            capture_output=True,
            text=True,
            check=False,
        )
        assert found.returncode in (0, 1), found.stderr
        return {line.removeprefix("assignments/") for line in found.stdout.splitlines()}

    assert ignored(WRITTEN_BY_NBGRADER_AND_SAFESHARE) == set(WRITTEN_BY_NBGRADER_AND_SAFESHARE)
    assert ignored(COMMITTED) == set()
