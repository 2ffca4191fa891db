"""What grading a cohort takes: each answers file with the key it is graded against.

In an nbgrader course the items come from each assignment's definition
(assignment.yaml under source/), never from the files found: every learner
who submitted gets every item, an item with no answers file is planned as a
0 with nothing to grade (`missing`), and a file that is no item of its
assignment (a stray answers/q9.json) is set aside with a warning naming it,
so it neither adds a column nor costs anyone marks. Keys come from the course
secret, and each file must answer the learner's own variant.

In a plain folder (self-paced work) each answer names its case and public
seed, and the items are the answers files' names.
"""

from __future__ import annotations

import json
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from safeshare.assignments.definition import (
    CASES_DIR,
    AssignmentDef,
    answers_file,
    load_definition,
)
from safeshare.assignments.pool import (
    Variant,
    learners_variant,
    release_drift,
    render_variants,
    variant_name,
)
from safeshare.assignments.secret import load_secret
from safeshare.cases.bank import find_case
from safeshare.cases.cache import rendered_spec
from safeshare.errors import SafeshareError
from safeshare.report.collect import Collected, Handin, Submission
from safeshare.report.model import Graded, Ignored, KeyRef

__all__ = ["Plan", "Task", "course_plan", "plain_plan"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Task:
    """One answers file to grade, and what it is graded against."""

    submission: Submission
    ref: KeyRef | None
    expected: tuple[str, int] | None
    """(case, seed) the answer must carry: the learner's own variant."""
    points: float | None
    problem: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    """What grading a cohort takes: the files to grade, and what needs no grading."""

    tasks: list[Task]
    missing: list[Graded]
    """Items of a submitted assignment with no answers file: 0, nothing to grade."""
    columns: tuple[str, ...]
    points: dict[str, float]
    drift: list[str]
    ignored: list[Ignored]


def _definitions(
    collected: Collected,
) -> tuple[dict[str, AssignmentDef], list[Ignored]]:
    """The definition of each submitted assignment; a hand-in of any other is set aside."""
    course = collected.course
    assert course is not None
    found: dict[str, AssignmentDef] = {}
    ignored: list[Ignored] = []
    for name in sorted({h.assignment for h in collected.handins}):
        try:
            found[name] = load_definition(course.source / name)
        except SafeshareError as exc:
            ignored.append(
                Ignored(
                    learner="",
                    path=course.source / name,
                    why=(
                        f"assignment {name} is not graded by the report ({exc}); "
                        f"its {sum(1 for h in collected.handins if h.assignment == name)} "
                        "submission(s) are left out"
                    ),
                )
            )
    return found, ignored


def course_plan(collected: Collected, jobs: int) -> Plan:
    """The plan for an nbgrader course: every item of every hand-in, each learner's variant."""
    course = collected.course
    assert course is not None
    secret = load_secret(course.course_id)
    definitions, ignored = _definitions(collected)
    files: dict[tuple[str, str, str], Submission] = {}
    for sub in collected.submissions:
        definition = definitions.get(sub.assignment)
        if definition is None:
            continue  # told once, for the whole assignment
        if all(item.id != sub.item for item in definition.items):
            known = ", ".join(item.id for item in definition.items)
            ignored.append(
                Ignored(
                    learner=sub.learner,
                    path=sub.path,
                    why=f"assignment {sub.assignment} has no item {sub.item} (items: {known})",
                )
            )
            continue
        files[(sub.learner, sub.assignment, sub.item)] = sub
    columns = tuple(
        f"{name}/{item.id}" for name in sorted(definitions) for item in definitions[name].items
    )
    points = {
        f"{name}/{item.id}": item.points for name in definitions for item in definitions[name].items
    }
    planned: list[tuple[Submission, Variant, float]] = []
    missing: list[Graded] = []
    handins: list[Handin] = [h for h in collected.handins if h.assignment in definitions]
    for handin in handins:
        definition = definitions[handin.assignment]
        for item in definition.items:
            answered = files.get((handin.learner, handin.assignment, item.id))
            if answered is None:
                expected = Submission(
                    learner=handin.learner,
                    assignment=handin.assignment,
                    item=item.id,
                    path=handin.folder / answers_file(item.id),
                )
                missing.append(
                    Graded(
                        submission=expected, ref=None, score=0.0, points=item.points, missing=True
                    )
                )
                continue
            variant = learners_variant(
                definition, item, handin.learner, secret, course_root=course.root
            )
            planned.append((answered, variant, item.points))
    variants = sorted(
        {v for _, v, _ in planned},
        key=lambda v: (v.assignment, v.item, v.index),
    )
    folders = dict(zip(variants, render_variants(variants, jobs=jobs), strict=True))
    drift = []
    for variant in variants:
        released = course.release / variant.assignment / CASES_DIR / variant.item
        if released.is_dir():
            problem = release_drift(variant, released / variant_name(variant.index))
            if problem:
                drift.append(f"{problem}: the toolkit changed since the release?")
    tasks = []
    for sub, variant, item_points in planned:
        ref = KeyRef(
            case=variant.case,
            folder=folders[variant],
            seed=variant.index,
            label=f"{variant.assignment}/{variant.item} v{variant.index}",
            item=sub.column,
        )
        tasks.append(
            Task(
                submission=sub,
                ref=ref,
                expected=(variant.case, variant.index),
                points=item_points,
            )
        )
    return Plan(
        tasks=tasks,
        missing=missing,
        columns=columns,
        points=points,
        drift=drift,
        ignored=ignored,
    )


def _peek(path: Path) -> tuple[str, int] | None:
    """An answer's case and seed, read loosely (the full check comes when it is graded)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        case, seed = data["case_id"], data["seed"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if isinstance(case, str) and isinstance(seed, int) and not isinstance(seed, bool):
        return case, seed
    return None


def _render_public(args: tuple[str, int, Path | None]) -> Path | str:
    case, seed, bank = args
    try:
        return rendered_spec(find_case(case, bank), seed=seed)
    except SafeshareError as exc:
        return str(exc)


def plain_plan(collected: Collected, jobs: int, bank: Path | None) -> Plan:
    """The plan for a plain folder: each answer names its case and public seed."""
    peeked = [(sub, _peek(sub.path)) for sub in collected.submissions]
    wanted = sorted({p for _, p in peeked if p is not None})
    work = [(case, seed, bank) for case, seed in wanted]
    if jobs > 1 and len(work) > 1:
        with ProcessPoolExecutor(max_workers=min(jobs, len(work))) as pool:
            rendered = list(pool.map(_render_public, work))
    else:
        rendered = [_render_public(w) for w in work]
    by_pair = dict(zip(wanted, rendered, strict=True))
    tasks = []
    for sub, pair in peeked:
        if pair is None:  # unreadable: grading says exactly why
            tasks.append(Task(submission=sub, ref=None, expected=None, points=None))
            continue
        folder = by_pair[pair]
        if isinstance(folder, str):
            tasks.append(Task(submission=sub, ref=None, expected=None, points=None, problem=folder))
            continue
        case, seed = pair
        ref = KeyRef(
            case=case, folder=folder, seed=seed, label=f"{case} seed {seed}", item=sub.column
        )
        tasks.append(Task(submission=sub, ref=ref, expected=None, points=None))
    return Plan(
        tasks=tasks,
        missing=[],
        columns=tuple(sorted({t.submission.column for t in tasks})),
        points={},
        drift=[],
        ignored=[],
    )
