"""A real nbgrader gradebook.db for report tests, holding the points autograde gives.

Built with nbgrader's own API (the tables autograde fills): the assignment, a
graded cell `<item>_graded` per item worth the item's points, a submission for
each learner, and each cell's auto_score.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from safeshare.assignments.definition import AssignmentDef, answers_file
from safeshare.assignments.nbgrader_course import Course
from safeshare.assignments.secret import CourseSecret
from safeshare.grade import grade, load_answer
from safeshare.report.gradebook import GRADE_SUFFIX
from tests.report.cohort import learners_key

__all__ = ["autograde_points", "gradebook_mean", "write_gradebook"]


def autograde_points(
    course: Course, definition: AssignmentDef, learner: str, secret: CourseSecret
) -> dict[str, float]:
    """The points autograde gives each item: the answers file graded, 0 with no file."""
    folder = course.submitted / learner / definition.id
    points = {}
    for item in definition.items:
        path = folder / answers_file(item.id)
        if not path.is_file():
            points[item.id] = 0.0
            continue
        key = learners_key(course, definition, learner, item.id, secret)
        points[item.id] = grade(key, load_answer(path)).points(item.points)
    return points


@contextmanager
def _alembic_on_path() -> Iterator[None]:
    """nbgrader creates a gradebook by running `alembic`, found on PATH beside this Python.

    nbgrader's add_submission also trips SQLAlchemy's autoflush warning (its own code,
    as in every autograde): silenced here only.
    """
    from sqlalchemy.exc import SAWarning

    before = os.environ.get("PATH", "")
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{before}"
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", category=SAWarning)
            yield
    finally:
        os.environ["PATH"] = before


def write_gradebook(
    course: Course, definition: AssignmentDef, points: Mapping[str, Mapping[str, float]]
) -> Path:
    """gradebook.db in the course folder: every learner's submission with these points."""
    from nbgrader.api import Gradebook

    database = course.root / "gradebook.db"
    name = definition.id
    with (
        _alembic_on_path(),
        Gradebook(f"sqlite:///{database}", course_id=course.course_id) as gradebook,
    ):
        gradebook.update_or_create_assignment(name)
        gradebook.add_notebook(name, name)
        for item in definition.items:
            gradebook.add_grade_cell(
                f"{item.id}{GRADE_SUFFIX}", name, name, max_score=item.points, cell_type="code"
            )
        for learner, mine in points.items():
            gradebook.add_student(learner)
            gradebook.add_submission(name, learner)
            for item in definition.items:
                found = gradebook.find_grade(f"{item.id}{GRADE_SUFFIX}", name, name, learner)
                found.auto_score = mine[item.id]
        gradebook.db.commit()
    return database


def gradebook_mean(course: Course, definition: AssignmentDef) -> float:
    """The cohort's mean score in percent, as nbgrader's gradebook computes it."""
    from nbgrader.api import Gradebook

    database = course.root / "gradebook.db"
    with Gradebook(f"sqlite:///{database}", course_id=course.course_id) as gradebook:
        average = float(gradebook.average_assignment_score(definition.id))
    return 100.0 * average / definition.total_points
