"""The learner's side of a graded item: the exercise widget for their own variant.

A graded notebook's item cell is one locked line, `exercise("q1")`. It reads
assignment.yaml beside the notebook, picks the learner's variant by the public
hash of their id, and shows the Exercise widget on `cases/q1/v<i>/`, which
saves to `answers/q1.json` beside the notebook on every change. No secret and
no key is involved: the release holds neither.

When nbgrader runs the notebook (validate) no widget is built: a short note
says which variant is graded and from which file. Each item's graded cell
calls `answer_status`, which tells the learner whether their answer is saved
and, under `nbgrader validate`, fails for an item with no usable answer, so
validate lists what is still to do. Grading itself never runs here: it
happens in nbgrader's own process after the deadline
(safeshare.assignments.autograde).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from safeshare.assignments.definition import (
    CASES_DIR,
    answers_file,
    load_definition,
)
from safeshare.assignments.learner import current_learner, grading_place, is_autograding
from safeshare.assignments.variants import learner_variant
from safeshare.errors import AnswerError, AssignmentError

__all__ = ["ItemPlace", "answer_problem", "answer_status", "exercise", "item_place"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemPlace:
    """Where a learner's variant of an item is, and where its answers go."""

    assignment: str
    item: str
    case: str
    learner: str
    index: int
    case_folder: Path
    """cases/<item>/v<index>/ beside the notebook (assets and case.json, no key)."""
    answers: Path
    """answers/<item>.json beside the notebook."""


def item_place(item: str, *, folder: Path | None = None, learner: str | None = None) -> ItemPlace:
    """Find the learner's variant of `item` in the assignment folder (default: here)."""
    # pool renders cases (numpy, Pillow): loaded here, not when the package is imported
    from safeshare.assignments.pool import variant_name

    folder = (folder or Path.cwd()).resolve()
    definition = load_definition(folder)
    spec = definition.item(item)
    who = learner or (grading_place(folder).learner if is_autograding() else current_learner())
    index = learner_variant(who, assignment=definition.id, item=spec.id, pool=definition.pool)
    return ItemPlace(
        assignment=definition.id,
        item=spec.id,
        case=spec.case,
        learner=who,
        index=index,
        case_folder=folder / CASES_DIR / spec.id / variant_name(index),
        answers=folder / answers_file(spec.id),
    )


def _note(text: str) -> Any:
    from IPython.display import Markdown

    return Markdown(text)  # type: ignore[no-untyped-call]


def exercise(item: str, *, folder: Path | None = None, learner: str | None = None) -> Any:
    """The Exercise widget for this learner's variant of `item` (a note under nbgrader)."""
    place = item_place(item, folder=folder, learner=learner)
    if os.environ.get("NBGRADER_EXECUTION"):
        return _note(
            f"**{place.item}** ({place.case}, variant {place.index}) is graded from "
            f"`{answers_file(place.item)}`."
        )
    if not (place.case_folder / "case.json").is_file():
        if not (place.case_folder.parent.parent).is_dir():
            return _note(
                f"**{place.item}** ({place.case}): the cases are rendered into the release "
                "by `nbgrader generate_assignment`; open the released notebook to try it."
            )
        raise AssignmentError(
            f"your variant of {place.item} is missing from this folder: fetch the "
            "assignment again (your answers in answers/ are kept)",
            source=place.case_folder,
        )
    from safeshare.widgets import Exercise

    return Exercise.from_folder(
        place.case_folder, name=place.item, answers_dir=place.answers.parent
    )


def answer_problem(place: ItemPlace) -> str:
    """What stops the saved answer of this item from being graded ('' when it can be)."""
    from safeshare.grade import load_answer

    name = answers_file(place.item)
    try:
        answer = load_answer(place.answers)
    except AnswerError as exc:
        if not place.answers.exists():
            return f"{place.item}: no answer saved yet ({name}): mark the case above"
        return f"{place.item}: {exc}"
    if answer.case_id != place.case or answer.seed != place.index:
        return (
            f"{place.item}: {name} answers {answer.case_id} variant {answer.seed}, not your "
            f"variant ({place.case} variant {place.index}): mark the case shown above again"
        )
    if answer.decision is None:
        return f"{place.item}: no decision yet: choose what should happen to the post"
    return ""


def answer_status(item: str, *, folder: Path | None = None, learner: str | None = None) -> None:
    """Whether this item's answer is saved and gradable: a note shown, or an error under validate.

    The note is displayed, not returned: a graded cell's returned value is what
    nbgrader reads as its points, and a note there would only draw its warning.

    Run by nbgrader autograde it raises: the course's autograde must grade the
    file in nbgrader's own process (GradeAnswersFiles), and a cell that ran in a
    kernel instead must earn nothing rather than the full marks nbgrader gives a
    graded cell whose output it cannot read.
    """
    if is_autograding():
        raise AssignmentError(
            f"{item} is graded from {answers_file(item)} by safeshare's autograde step, not in "
            "a kernel: put safeshare.assignments.autograde.GradeAnswersFiles in place of Execute "
            "in c.Autograde.autograde_preprocessors (see the shipped nbgrader_config.py)"
        )
    place = item_place(item, folder=folder, learner=learner)
    problem = answer_problem(place)
    if problem and os.environ.get("NBGRADER_EXECUTION") == "validate":
        raise AssignmentError(problem)
    from IPython.display import display

    if problem:
        note = f"**Not ready:** {problem}."
    else:
        note = (
            f"**{place.item}**: your answer is saved in `{answers_file(place.item)}`; it is "
            "graded after the deadline."
        )
    display({"text/markdown": note, "text/plain": note}, raw=True)  # type: ignore[no-untyped-call]
    return None
