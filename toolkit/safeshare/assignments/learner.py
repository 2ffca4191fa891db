"""Who the learner is: the hub user while learning, the nbgrader folder while grading.

While learning, the learner id is the JupyterHub user (JUPYTERHUB_USER), as
nbgrader's own submit uses on a hub; on a machine without a hub it is the
login name. While grading, nbgrader runs the notebook in
`<course>/autograded/<student>/<assignment>/`, and the student folder names
the learner: the id the variant was chosen by is the id nbgrader files the
grade under.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from pathlib import Path

from safeshare.assignments.nbgrader_course import Course, load_course
from safeshare.errors import AssignmentError

__all__ = [
    "LEARNER_ENV",
    "GradingPlace",
    "current_learner",
    "grading_place",
    "is_autograding",
]

LEARNER_ENV = "JUPYTERHUB_USER"


def current_learner() -> str:
    """The learner at this keyboard: the hub user, else the login name."""
    hub_user = os.environ.get(LEARNER_ENV, "").strip()
    if hub_user:
        return hub_user
    return getpass.getuser()


def is_autograding() -> bool:
    """True inside `nbgrader autograde` (it sets NBGRADER_EXECUTION=autograde for the kernel)."""
    return os.environ.get("NBGRADER_EXECUTION") == "autograde"


@dataclass(frozen=True, slots=True, kw_only=True)
class GradingPlace:
    """Where a notebook is being graded: the course, the learner and the assignment."""

    course: Course
    learner: str
    assignment: str
    folder: Path


def grading_place(folder: Path) -> GradingPlace:
    """Read course, learner and assignment from `<course>/autograded/<learner>/<assignment>`.

    The course folder is taken from the path itself, never searched for inside
    the learner's folder, so nothing a learner submits can stand in for it.
    """
    folder = folder.resolve()
    if len(folder.parents) < 3:
        raise AssignmentError(
            "not an nbgrader autograded/<student>/<assignment> folder", source=folder
        )
    course = load_course(folder.parents[2])
    if folder.parent.parent != course.autograded:
        raise AssignmentError(
            f"not inside {course.autograded}: graded notebooks run in "
            "autograded/<student>/<assignment>",
            source=folder,
        )
    return GradingPlace(
        course=course, learner=folder.parent.name, assignment=folder.name, folder=folder
    )
