"""Cohorts for report tests: answers files written straight from the keys, no widget."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from pathlib import Path

from safeshare.assignments.course import Course
from safeshare.assignments.definition import answers_file, load_definition
from safeshare.assignments.pool import learners_variant, variant_key
from safeshare.assignments.release import release_pool
from safeshare.assignments.scaffold import NewItem
from safeshare.assignments.secret import CourseSecret
from safeshare.cases.key import Key
from safeshare.grade import Answer, answer_from_key, save_answer
from tests.assignments.course import make_course

__all__ = ["partial_answer", "submitted_course"]


def partial_answer(key: Key, share: float, *, learner: str | None = None) -> Answer:
    """The key's first `share` of findings; gaps and decision right only when share is 1."""
    full = answer_from_key(key, learner=learner)
    if share >= 1.0:
        return full
    count = round(len(full.findings) * share)
    return dataclasses.replace(full, findings=full.findings[:count], consent_gaps=(), decision=None)


def submitted_course(
    root: Path,
    secret: CourseSecret,
    shares: Mapping[str, float],
    items: Sequence[NewItem] = (NewItem("q1", "X01", 2.0), NewItem("q2", "X02", 4.0)),
) -> Course:
    """A demo course whose submitted/ holds each learner's answers at the given share."""
    course = make_course(root, items=items)
    definition = load_definition(course.source / "demo")
    release_pool(
        definition,
        secret=secret,
        release_dir=course.release / "demo",
        course_root=course.root,
        jobs=1,
    )
    for learner, share in shares.items():
        folder = course.submitted / learner / "demo"
        for item in definition.items:
            variant = learners_variant(definition, item, learner, secret, course_root=course.root)
            if share > 0:
                answer = partial_answer(variant_key(variant), share, learner=learner)
                save_answer(answer, folder / answers_file(item.id))
        folder.mkdir(parents=True, exist_ok=True)
    return course
