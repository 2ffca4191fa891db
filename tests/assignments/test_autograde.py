"""GradeAnswersFiles: nbgrader's autograde step, grading each item from its file, no kernel.

The step is run here on a real generated notebook with the config nbgrader
would give it, and its outputs are read by nbgrader's own determine_grade,
as SaveAutoGrades reads them.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbgrader.utils import determine_grade
from traitlets.config import Config

from safeshare.assignments.autograde import GradeAnswersFiles, graded_cell_item
from safeshare.assignments.nbgrader_course import Course
from safeshare.assignments.secret import CourseSecret
from safeshare.errors import AssignmentError
from tests.assignments.graded_course import answer, graded_folder, released_course

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def course(tmp_path: Path, secret: CourseSecret) -> Course:
    return released_course(tmp_path / "course", secret)


def _autograde(course: Course, learner: str) -> nbformat.NotebookNode:
    nb = nbformat.read(course.source / "demo" / "demo.ipynb", as_version=4)
    config = Config()
    config.CourseDirectory.root = str(course.root)
    config.CourseDirectory.course_id = course.course_id
    step = GradeAnswersFiles(config=config)
    resources = {"nbgrader": {"student": learner, "assignment": "demo", "notebook": "demo"}}
    graded, _ = step.preprocess(nb, resources)
    return graded


def _scores(nb: nbformat.NotebookNode) -> dict[str, float | None]:
    return {
        str(graded_cell_item(cell)): determine_grade(cell)[0]
        for cell in nb.cells
        if graded_cell_item(cell) is not None
    }


def test_points_and_feedback_are_written_into_the_graded_cells(
    course: Course, secret: CourseSecret, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "alice")
    folder = graded_folder(course, "alice")
    answer(course, folder, "alice", "q1", secret, 1.0)
    answer(course, folder, "alice", "q2", secret, 0.5)
    nb = _autograde(course, "alice")
    scores = _scores(nb)
    assert scores["q1"] == 2.0
    assert 0.0 < (scores["q2"] or 0.0) < 4.0
    for cell in nb.cells:
        if graded_cell_item(cell):
            kinds = [o["output_type"] for o in cell.outputs]
            assert kinds == ["display_data", "execute_result"]
            assert float(cell.outputs[-1]["data"]["text/plain"]) == determine_grade(cell)[0]
            page = cell.outputs[0]["data"]["text/html"]
            assert "Decision" in page
    q2 = next(c for c in nb.cells if graded_cell_item(c) == "q2")
    page = q2.outputs[0]["data"]["text/html"]
    assert "data:image/jpeg;base64," in page  # the marks drawn on the learner's own image
    assert "Found (" in page and "Missed (" in page


def test_a_learner_with_no_answers_gets_zero_and_sees_what_was_there(course: Course) -> None:
    graded_folder(course, "bob")
    nb = _autograde(course, "bob")
    assert _scores(nb) == {"q1": 0.0, "q2": 0.0}
    q2 = next(c for c in nb.cells if graded_cell_item(c) == "q2")
    page = q2.outputs[0]["data"]["text/html"]
    assert "No answer" in page and "What there was to find" in page and "Missed (" in page


def test_a_graded_cell_that_names_no_item_earns_nothing(course: Course) -> None:
    """nbgrader gives full marks to a graded cell with no output: this one gets an error."""
    graded_folder(course, "alice")
    nb = nbformat.read(course.source / "demo" / "demo.ipynb", as_version=4)
    cell = next(c for c in nb.cells if graded_cell_item(c) == "q1")
    cell.metadata.nbgrader["grade_id"] = "extra_test"
    nbformat.write(nb, course.source / "demo" / "demo.ipynb")
    graded = _autograde(course, "alice")
    extra = next(c for c in graded.cells if c.metadata.nbgrader.get("grade_id") == "extra_test")
    assert determine_grade(extra)[0] == 0
    assert "not a safeshare item" in extra.outputs[0]["evalue"]


def test_the_assignment_file_comes_from_source_not_the_learner(
    course: Course, secret: CourseSecret, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "alice")
    folder = graded_folder(course, "alice")
    answer(course, folder, "alice", "q1", secret, 1.0)
    (folder / "assignment.yaml").write_text("schema: 1\ntitle: x\npool: 1\nitems: []\n")
    assert _scores(_autograde(course, "alice"))["q1"] == 2.0


def test_no_secret_is_loud(course: Course, monkeypatch: pytest.MonkeyPatch) -> None:
    graded_folder(course, "alice")
    monkeypatch.setenv("SAFESHARE_SECRET_FILE", str(course.root / "missing"))
    with pytest.raises(AssignmentError, match="init-secret"):
        _autograde(course, "alice")


def test_the_shipped_config_runs_no_learner_code() -> None:
    """Execute is out of the autograde steps; the rest is nbgrader's own default list."""
    from nbgrader.converters.autograde import Autograde
    from nbgrader.preprocessors import Execute
    from traitlets.config.loader import PyFileConfigLoader
    from traitlets.utils.importstring import import_item

    config = PyFileConfigLoader("nbgrader_config.py", path=str(REPO / "assignments")).load_config()
    steps = list(config.Autograde.autograde_preprocessors)
    assert steps[0] == "safeshare.assignments.autograde.GradeAnswersFiles"
    assert not any(step.endswith(".Execute") for step in steps)
    named = [import_item(name) for name in steps[1:]]
    default = Autograde.class_traits()["autograde_preprocessors"].default()
    assert default[0] is Execute
    assert named == default[1:]
    assert config.OverwriteCells.add_missing_cells is True


def test_graded_cells_hold_no_hidden_tests() -> None:
    """Nothing in a shipped graded notebook would run at autograde, or needs hiding."""
    for notebook in (REPO / "assignments" / "source").glob("*/*.ipynb"):
        nb = json.loads(notebook.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            source = "".join(cell["source"])
            assert "HIDDEN TESTS" not in source and "load_secret" not in source, notebook
