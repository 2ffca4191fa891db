"""Start a graded assignment: assignment.yaml and its notebook, ready for nbgrader.

`safeshare assign new NAME --case E01 --case R01 ...` writes
`source/NAME/assignment.yaml` and `source/NAME/NAME.ipynb`: an introduction,
then per item a heading, a locked `exercise("q1")` cell and a locked
autograder test cell `<item>_graded` worth the item's points, which holds no
grading code (autograde grades the answers file outside any kernel and
writes the points and feedback into it). Every cell is locked (read-only):
the learner answers in the widget, never in code. Edit the wording freely in
JupyterLab; keep the three cells of each item as they are (`safeshare assign check` verifies them).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from safeshare.assignments.definition import (
    ASSIGNMENT_FILE,
    DEFAULT_POOL,
    answers_file,
    parse_definition,
)
from safeshare.atomic import write_text_atomic
from safeshare.errors import UsageError

__all__ = ["NewItem", "grade_cell_source", "notebook_for", "scaffold_assignment"]

_DEFAULT_LEAD = (
    "Each case below is a draft post a colleague wants to share, with its image(s), the words "
    "around them and, where there is one, the consent record."
)


@dataclass(frozen=True, slots=True)
class NewItem:
    """An item to scaffold: its id, the case it uses and its points."""

    id: str
    case: str
    points: float = 4.0


def grade_cell_source(item: str, points: float) -> str:
    """The source of an item's autograder test cell.

    It holds no grading call: autograde grades the answers file in nbgrader's
    own process (safeshare.assignments.autograde) and writes the points and
    feedback into this cell. In the learner's notebook it says whether the
    answer is saved; under `nbgrader validate` it fails while it is not.
    """
    return (
        f"# {float(points):g} points, graded after the deadline from {answers_file(item)}.\n"
        "from safeshare.assignments import answer_status\n"
        "\n"
        f'answer_status("{item}")'
    )


def _lines(text: str) -> list[str]:
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + [parts[-1]]


def _cell(kind: str, source: str, grade_id: str, points: float | None = None) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "grade": points is not None,
        "grade_id": grade_id,
        "locked": True,
        "schema_version": 3,
        "solution": False,
        "task": False,
    }
    if points is not None:
        meta["points"] = points
    cell: dict[str, Any] = {
        "cell_type": kind,
        "id": grade_id.replace("_", "-"),
        "metadata": {"nbgrader": meta},
        "source": _lines(source),
    }
    if kind == "code":
        cell["execution_count"] = None
        cell["outputs"] = []
    return cell


def _intro(title: str, lead: str, items: Sequence[NewItem]) -> str:
    total = sum(i.points for i in items)
    first, second = answers_file(items[0].id), answers_file(items[min(1, len(items) - 1)].id)
    return f"""# {title}

{lead}

For each case:

1. **Mark** everything that could identify the patient: draw a box round it on the image (or \
click it), select the words in the post, or tick the hidden field, and say what kind of \
identifier it is.
2. **Tick** the consent gaps you find in the consent record, if the case has one.
3. **Decide** what should happen to the post.

**Your answers save themselves** as you work, to `{first}`, `{second}`, ... beside this \
notebook. There is nothing to save by hand; close the notebook and come back whenever you like.

**Your cases are chosen for you.** Each case comes in several versions that differ in names, \
numbers, dates, positions and which identifiers appear at all; your login picks yours, so the \
learner beside you most likely has another: talk about your reasoning, not your answers.

**No Check or Reveal here.** This work is graded after the deadline ({len(items)} cases, \
{total:g} points). Most of a case's points are for the identifiers you mark (direct identifiers \
weigh more; each false alarm costs a little), the rest for the consent gaps and the decision. \
Your feedback then shows, for each case, what you found, what you missed (drawn on \
your image, with why it matters and the guidance), your false alarms, the consent gaps and \
the decision.

Before you submit, **Validate** (Assignments tab, or `nbgrader validate`) lists every case \
whose answer is not saved or has no decision yet.

Start with **Run ▸ Run All Cells** to show the cases. When you have finished, **submit** from \
the Assignments tab."""


_OUTRO = """## Before you submit

- Every case has a **decision**.
- You looked at **every image** the post carries, and at the words around it: the post, the \
profile, the replies.
- Where there is a consent record, you read **what it covers and what the patient was told**.

Then submit from the Assignments tab. You can submit again before the deadline: the last \
submission counts."""


def notebook_for(
    title: str, items: Sequence[NewItem], *, lead: str = _DEFAULT_LEAD
) -> dict[str, Any]:
    """The graded notebook (nbformat 4.5 JSON) for these items."""
    cells = [
        _cell("markdown", _intro(title, lead, items), "intro"),
        _cell("code", "from safeshare.assignments import exercise", "setup"),
    ]
    for n, item in enumerate(items, 1):
        cells += [
            _cell(
                "markdown",
                f"## Case {n} of {len(items)} · {item.points:g} points",
                f"{item.id}_heading",
            ),
            _cell("code", f'exercise("{item.id}")', f"{item.id}_exercise"),
            _cell(
                "code",
                grade_cell_source(item.id, item.points),
                f"{item.id}_graded",
                points=float(item.points),
            ),
        ]
    cells.append(_cell("markdown", _OUTRO, "before_submit"))
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {
                "display_name": "Python 3 (ipykernel)",
                "language": "python",
                "name": "python3",
            },
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def scaffold_assignment(
    folder: Path,
    *,
    title: str,
    items: Sequence[NewItem],
    pool: int = DEFAULT_POOL,
    bank: str = "",
    lead: str = _DEFAULT_LEAD,
    force: bool = False,
) -> list[Path]:
    """Write assignment.yaml and <folder name>.ipynb into `folder`; returns both paths."""
    if not items:
        raise UsageError("an assignment needs at least one item (--case E01 ...)")
    definition: dict[str, Any] = {"schema": 1, "title": title, "pool": pool}
    if bank:
        definition["bank"] = bank
    definition["items"] = [{"id": i.id, "case": i.case, "points": float(i.points)} for i in items]
    spec_file = folder / ASSIGNMENT_FILE
    notebook = folder / f"{folder.name}.ipynb"
    parse_definition(definition, assignment=folder.name, source=spec_file)
    for path in (spec_file, notebook):
        if path.exists() and not force:
            raise UsageError(f"{path} exists already (use --force to replace it)")
    folder.mkdir(parents=True, exist_ok=True)
    write_text_atomic(
        spec_file,
        "# Items of this graded assignment: see docs/educator-quickstart.md.\n"
        + yaml.safe_dump(definition, sort_keys=False, allow_unicode=True),
    )
    nb = notebook_for(title, items, lead=lead)
    write_text_atomic(notebook, json.dumps(nb, indent=1, ensure_ascii=False) + "\n")
    return [spec_file, notebook]
