"""Cohorts for report tests: answers files written straight from the keys, no widget.

A hand-in is what nbgrader's collect leaves: submitted/<learner>/<assignment>/
with the notebook and a timestamp, and answers/<item>.json only for the items
the learner answered.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from safeshare.assignments.definition import AssignmentDef, answers_file, load_definition
from safeshare.assignments.nbgrader_course import Course
from safeshare.assignments.pool import learners_variant, variant_key
from safeshare.assignments.release import release_pool
from safeshare.assignments.scaffold import NewItem
from safeshare.assignments.secret import CourseSecret
from safeshare.grade import Answer, answer_from_key, save_answer
from safeshare.model.key import Key
from tests.assignments.nbgrader_course import make_course

__all__ = [
    "hand_in",
    "learners_key",
    "partial_answer",
    "released_course",
    "submitted_course",
]

_NOTEBOOK = {
    "cells": [{"cell_type": "markdown", "id": "intro", "metadata": {}, "source": "# Demo"}],
    "metadata": {},
    "nbformat": 4,
    "nbformat_minor": 5,
}


def partial_answer(key: Key, share: float, *, learner: str | None = None) -> Answer:
    """The key's first `share` of findings; gaps and decision right only when share is 1."""
    full = answer_from_key(key, learner=learner)
    if share >= 1.0:
        return full
    count = round(len(full.findings) * share)
    return dataclasses.replace(full, findings=full.findings[:count], consent_gaps=(), decision=None)


def hand_in(course: Course, learner: str, assignment: str = "demo") -> Path:
    """A learner's submitted folder as nbgrader collects it (notebook, timestamp), no answers."""
    folder = course.submitted / learner / assignment
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{assignment}.ipynb").write_text(json.dumps(_NOTEBOOK), encoding="utf-8")
    (folder / "timestamp.txt").write_text("2026-03-02 09:00:00.000000 UTC\n", encoding="utf-8")
    return folder


def released_course(
    root: Path,
    secret: CourseSecret,
    items: Sequence[NewItem] = (NewItem("q1", "X01", 2.0), NewItem("q2", "X02", 4.0)),
) -> tuple[Course, AssignmentDef]:
    """A demo course whose variants are released, and its assignment definition."""
    course = make_course(root, items=items)
    definition = load_definition(course.source / "demo")
    release_pool(
        definition,
        secret=secret,
        release_dir=course.release / "demo",
        course_root=course.root,
        jobs=1,
    )
    return course, definition


def learners_key(
    course: Course, definition: AssignmentDef, learner: str, item: str, secret: CourseSecret
) -> Key:
    """The key of the variant of `item` this learner was given (the educator can look)."""
    variant = learners_variant(
        definition, definition.item(item), learner, secret, course_root=course.root
    )
    return variant_key(variant)


def submitted_course(
    root: Path,
    secret: CourseSecret,
    shares: Mapping[str, float],
    items: Sequence[NewItem] = (NewItem("q1", "X01", 2.0), NewItem("q2", "X02", 4.0)),
) -> Course:
    """A demo course where every learner handed in, with answers at the given share (0: none)."""
    course, definition = released_course(root, secret, items)
    for learner, share in shares.items():
        folder = hand_in(course, learner)
        for item in definition.items:
            if share > 0:
                key = learners_key(course, definition, learner, item.id, secret)
                answer = partial_answer(key, share, learner=learner)
                save_answer(answer, folder / answers_file(item.id))
    return course
