"""What a graded item's hidden test cell calls at `nbgrader autograde`.

    ### BEGIN HIDDEN TESTS
    from safeshare.assignments.autograde import grade_item
    grade_item("q1", points=4.0)
    ### END HIDDEN TESTS

nbgrader shows this source to learners in their feedback, so the cell holds
no secret and no key: grade_item reads the course secret from the educator's
own file, rebuilds the key of the learner's variant, and grades the learner's
answers file. It returns the points as the cell's last expression, a plain
float from 0 to `points`, and writes nothing to stdout or stderr (a printed
number would give full marks and any stderr output zero).

A missing, unreadable or forged answers file, or one answering another
variant than the learner's own, earns 0.0. A course that cannot be graded (no
secret, a broken assignment file) raises, so the educator sees why.
"""

from __future__ import annotations

import contextlib
import io
import warnings
from pathlib import Path

from safeshare.assignments.definition import answers_file, load_definition
from safeshare.assignments.learner import grading_place
from safeshare.assignments.pool import learners_variant, variant_key
from safeshare.assignments.secret import load_secret
from safeshare.errors import AnswerError

__all__ = ["grade_item", "item_points"]


def item_points(item: str, *, points: float, folder: Path) -> float:
    """Points earned on an item by the learner whose autograded folder this is."""
    place = grading_place(folder)
    definition = load_definition(place.course.source / place.assignment)
    spec = definition.item(item)
    secret = load_secret(place.course.course_id)
    variant = learners_variant(
        definition, spec, place.learner, secret, course_root=place.course.root
    )
    from safeshare.grade import grade, load_answer

    try:
        answer = load_answer(place.folder / answers_file(item))
    except AnswerError:
        return 0.0
    if answer.case_id != variant.case or answer.seed != variant.index:
        return 0.0
    key = variant_key(variant)
    try:
        result = grade(key, answer)
    except AnswerError:
        return 0.0
    return result.points(float(points))


def grade_item(item: str, *, points: float, folder: Path | None = None) -> float:
    """The points for one item, silently: the hidden test cell's last expression."""
    sink = io.StringIO()
    with (
        contextlib.redirect_stdout(sink),
        contextlib.redirect_stderr(sink),
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore")
        earned = item_points(item, points=points, folder=folder or Path.cwd())
    return float(min(float(points), max(0.0, earned)))
