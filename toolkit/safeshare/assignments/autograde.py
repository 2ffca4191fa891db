"""The autograde step: grade every item from its answers file, in nbgrader's own process.

nbgrader runs a learner's cells and the hidden tests in one kernel, so
anything a test loads there (the course secret, a key) a learner's cell can
print or monkeypatch. safeshare therefore grades nowhere near a kernel:
nbgrader_config.py replaces nbgrader's Execute step with GradeAnswersFiles,

    c.Autograde.autograde_preprocessors = [
        "safeshare.assignments.autograde.GradeAnswersFiles",   # instead of Execute
        "nbgrader.preprocessors.IgnorePattern", ..., "nbgrader.preprocessors.SaveAutoGrades", ...]

which reads each item's answers file from the learner's autograded folder,
rebuilds the key of the learner's variant from the secret here, grades it,
and writes the points as the graded cell's result (a plain float, the last
output, as nbgrader's SaveAutoGrades reads it), after the item's feedback.
No cell of the learner's notebook is executed at autograde: the answer is
the file.

A graded cell that names no item gets an error output (no credit), never an
empty one (nbgrader gives full marks to a graded cell without output). A
course that cannot be graded (no secret, a broken assignment file) raises,
so the educator sees why and no learner is given a grade by default.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nbformat.notebooknode import NotebookNode, from_dict
from nbgrader.preprocessors import NbGraderPreprocessor

from safeshare.assignments.definition import AssignmentDef, load_definition
from safeshare.assignments.item_feedback import item_feedback
from safeshare.assignments.item_grade import ItemGrade, grade_submitted_item
from safeshare.assignments.nbgrader_course import Course
from safeshare.assignments.secret import CourseSecret, load_secret

__all__ = ["GRADED_SUFFIX", "GradeAnswersFiles", "graded_cell_item"]

GRADED_SUFFIX = "_graded"
"""An item's autograder test cell is named `<item>_graded` (see assignments.scaffold)."""


def graded_cell_item(cell: NotebookNode) -> str | None:
    """The item a graded code cell grades, from its nbgrader grade_id (None if not one)."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    grade_id = str(meta.get("grade_id", ""))
    if cell.get("cell_type") != "code" or not meta.get("grade") or meta.get("solution"):
        return None
    return grade_id[: -len(GRADED_SUFFIX)] if grade_id.endswith(GRADED_SUFFIX) else ""


def _node(data: dict[str, Any]) -> NotebookNode:
    node: NotebookNode = from_dict(data)  # type: ignore[no-untyped-call]
    return node


def _result_output(points: float, count: int) -> NotebookNode:
    return _node(
        {
            "output_type": "execute_result",
            "execution_count": count,
            "metadata": {},
            "data": {"text/plain": repr(float(points))},
        }
    )


def _feedback_output(graded: ItemGrade) -> NotebookNode:
    feedback = item_feedback(graded)
    return _node(
        {
            "output_type": "display_data",
            "metadata": {},
            "data": {"text/html": feedback.html, "text/plain": feedback.text},
        }
    )


def _no_item_output(grade_id: str) -> NotebookNode:
    message = (
        f"{grade_id}: not a safeshare item (graded cells are named <item>{GRADED_SUFFIX} after "
        "an item of assignment.yaml), so it earns nothing; `safeshare assign check` finds these."
    )
    return _node(
        {
            "output_type": "error",
            "ename": "NotAnItem",
            "evalue": message,
            "traceback": [message],
        }
    )


def _course_from(config: Any) -> Course:
    """The course as nbgrader itself sees it (its CourseDirectory, with this run's config)."""
    from nbgrader.coursedir import CourseDirectory

    coursedir = CourseDirectory(config=config)
    return Course(
        root=Path(coursedir.root).resolve(),
        course_id=coursedir.course_id,
        source_directory=coursedir.source_directory,
        release_directory=coursedir.release_directory,
        submitted_directory=coursedir.submitted_directory,
        autograded_directory=coursedir.autograded_directory,
    )


class GradeAnswersFiles(NbGraderPreprocessor):  # type: ignore[misc]
    """nbgrader autograde step: each item's points and feedback from its answers file."""

    def preprocess(
        self, nb: NotebookNode, resources: dict[str, Any]
    ) -> tuple[NotebookNode, dict[str, Any]]:
        meta = resources["nbgrader"]
        learner, assignment = str(meta["student"]), str(meta["assignment"])
        course = _course_from(self.config)
        definition = load_definition(course.source / assignment)
        secret = load_secret(course.course_id)
        folder = course.autograded / learner / assignment
        count = 0
        for cell in nb.cells:
            item = graded_cell_item(cell)
            if item is None:
                continue
            count += 1
            cell.execution_count = count
            if item not in {i.id for i in definition.items}:
                cell.outputs = [_no_item_output(str(cell.metadata.nbgrader.get("grade_id")))]
                continue
            graded = self._grade(definition, item, learner, secret, folder, course)
            cell.outputs = [_feedback_output(graded), _result_output(graded.points, count)]
        return nb, resources

    def _grade(
        self,
        definition: AssignmentDef,
        item: str,
        learner: str,
        secret: CourseSecret,
        folder: Path,
        course: Course,
    ) -> ItemGrade:
        graded = grade_submitted_item(
            definition=definition,
            item=definition.item(item),
            learner=learner,
            secret=secret,
            folder=folder,
            course_root=course.root,
        )
        if graded.detail:
            self.log.warning("%s %s/%s: %s", learner, definition.id, item, graded.detail)
        self.log.info(
            "%s %s/%s: %g of %g points",
            learner,
            definition.id,
            item,
            graded.points,
            graded.item.points,
        )
        return graded
