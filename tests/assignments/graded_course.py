"""A released test course and learners' folders as nbgrader autograde has them."""

from __future__ import annotations

import shutil
from pathlib import Path

from safeshare.assignments.definition import load_definition
from safeshare.assignments.nbgrader_course import Course
from safeshare.assignments.pool import Variant, learners_variant, variant_key
from safeshare.assignments.release import release_pool
from safeshare.assignments.scaffold import NewItem
from safeshare.assignments.secret import CourseSecret
from tests.assignments.learners import answer_item
from tests.assignments.nbgrader_course import make_course

__all__ = ["ITEMS", "answer", "graded_folder", "released_course", "variant_of"]

ITEMS = (NewItem("q1", "X01", 2.0), NewItem("q2", "X03", 4.0))
"""A post-only case and an ultrasound frame (so the feedback has a picture to draw on)."""


def released_course(root: Path, secret: CourseSecret) -> Course:
    """A course with the demo assignment generated into release/ (variants rendered)."""
    course = make_course(root, items=ITEMS)
    definition = load_definition(course.source / "demo")
    release = course.release / "demo"
    shutil.copytree(course.source / "demo", release)
    release_pool(definition, secret=secret, release_dir=release, course_root=course.root, jobs=1)
    return course


def graded_folder(course: Course, learner: str) -> Path:
    """A learner's folder as autograde has it: the release (their answers go in answers/)."""
    folder = course.autograded / learner / "demo"
    shutil.copytree(course.release / "demo", folder)
    return folder


def variant_of(course: Course, learner: str, item: str, secret: CourseSecret) -> Variant:
    definition = load_definition(course.source / "demo")
    return learners_variant(
        definition, definition.item(item), learner, secret, course_root=course.root
    )


def answer(
    course: Course, folder: Path, learner: str, item: str, secret: CourseSecret, share: float
) -> None:
    """Answer `share` of the learner's own variant of `item`, through the widget's code API."""
    answer_item(folder, item, variant_key(variant_of(course, learner, item, secret)), share=share)
