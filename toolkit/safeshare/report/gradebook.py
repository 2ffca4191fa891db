"""Cross-check with nbgrader: where autograde's points differ from the report's.

nbgrader's autograde and this report grade the same answers files, each on
its own. A difference means an answers file changed after autograde, the
toolkit changed in between, or something interfered with autograde's grading
(where a course still grades inside the learner's kernel, a cell added to the
notebook can): worth a look. An item with no answers file is 0 on both sides,
so a learner who submitted no answers agrees with nbgrader.
"""

from __future__ import annotations

from dataclasses import dataclass

from safeshare.assignments.nbgrader_course import Course
from safeshare.report.grade_all import Cohort

__all__ = ["GRADE_SUFFIX", "Disagreement", "autograde_points", "disagreements"]

GRADE_SUFFIX = "_graded"
"""An item's autograder test cell is named `<item>_graded` (see assignments.scaffold)."""
_TOLERANCE = 0.011


@dataclass(frozen=True, slots=True, kw_only=True)
class Disagreement:
    learner: str
    item: str
    nbgrader: float
    """Points autograde gave the item's test cell."""
    report: float
    """Points the report's own grading gives."""


def autograde_points(course: Course) -> dict[tuple[str, str], float]:
    """Autograde's points per (learner, assignment/item), from the course's gradebook.db."""
    database = course.root / "gradebook.db"
    if not database.is_file():
        return {}
    from nbgrader.api import Gradebook  # type: ignore[import-untyped,unused-ignore]

    points: dict[tuple[str, str], float] = {}
    with Gradebook(f"sqlite:///{database}", course_id=course.course_id) as gradebook:
        for assignment in gradebook.assignments:
            for submission in gradebook.assignment_submissions(assignment.name):
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        name = str(grade.name)
                        if not name.endswith(GRADE_SUFFIX) or grade.auto_score is None:
                            continue
                        item = name[: -len(GRADE_SUFFIX)]
                        key = (str(submission.student.id), f"{assignment.name}/{item}")
                        points[key] = float(grade.auto_score)
    return points


def disagreements(cohort: Cohort) -> list[Disagreement]:
    """Every item whose autograde points differ from the report's (no answers file counts 0)."""
    course = cohort.collected.course
    if course is None:
        return []
    nbgrader = autograde_points(course)
    report = {(g.submission.learner, g.submission.column): g.earned or 0.0 for g in cohort.entries}
    found = []
    for key in sorted(nbgrader):
        if key[1] not in cohort.item_points:
            continue  # an item the report did not grade (another assignment, no files)
        ours = report.get(key, 0.0)
        if abs(nbgrader[key] - ours) > _TOLERANCE:
            found.append(
                Disagreement(learner=key[0], item=key[1], nbgrader=nbgrader[key], report=ours)
            )
    return found
