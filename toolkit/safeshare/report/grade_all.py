"""Grade every learner's answers directly: no notebook, no kernel, in parallel.

nbgrader autograde starts a kernel per notebook and runs every cell; the
cohort report needs only the answers files and the keys. Keys are drawn once
per variant (through the case cache, where generate_assignment left them),
then the answers are graded on worker processes with a progress bar.

Graded variants (an nbgrader course) take their keys from the course secret
and must answer the learner's own variant; self-paced answers (a plain folder)
name their case and public seed themselves.

In a course the items come from each assignment's definition (assignment.yaml
under source/), never from the files found: every learner who submitted gets
every item, an item with no answers file scores 0 (marked `missing`), and a
file that is no item of its assignment (a stray answers/q9.json) is set aside
with a warning naming it, so it neither adds a column nor costs anyone marks.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
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
from safeshare.cases.cache import load_rendered, rendered_spec
from safeshare.cases.render_many import default_jobs
from safeshare.errors import AnswerError, SafeshareError
from safeshare.grade.answer import AnswerLocation
from safeshare.grade.result import Result
from safeshare.model.key import Key
from safeshare.model.locations import Box
from safeshare.report.cohort import (
    Cohort,
    Graded,
    Ignored,
    KeyRef,
    Mark,
    MarkOutcome,
    Outcome,
)
from safeshare.report.collect import Collected, Handin, Submission

__all__ = ["Cohort", "Graded", "KeyRef", "Mark", "MarkOutcome", "grade_all"]

_CHUNK = 64


@dataclass(frozen=True, slots=True, kw_only=True)
class _Task:
    submission: Submission
    ref: KeyRef | None
    expected: tuple[str, int] | None
    """(case, seed) the answer must carry: the learner's own variant."""
    points: float | None
    problem: str = ""


@lru_cache(maxsize=512)
def _key(folder: Path, seed: int) -> Key:
    _, key = load_rendered(folder)
    if key is None:
        raise SafeshareError("rendered case has no key.json", source=folder)
    return dataclasses.replace(key, seed=seed)


def _outcomes(result: Result) -> tuple[MarkOutcome, ...]:
    """Each of the learner's marks once, with what grading made of it."""
    outcomes: dict[tuple[str, AnswerLocation], MarkOutcome] = {}
    for fb in (*result.found, *result.partial):
        if fb.marked is not None and fb.marked_category is not None:
            status: Outcome = "found" if fb.status == "found" else "partial"
            outcomes.setdefault(
                (fb.marked_category, fb.marked),
                MarkOutcome(fb.marked_category, fb.marked, status),
            )
    for mark in (*result.false_alarms, *result.repeats):
        kind: Outcome = (
            "repeat" if mark.status == "repeat" else "decoy" if mark.decoy else "false_alarm"
        )
        outcomes.setdefault(
            (mark.category, mark.location), MarkOutcome(mark.category, mark.location, kind)
        )
    return tuple(outcomes.values())


def _grade_task(task: _Task) -> Graded:
    from safeshare.grade import Point, grade, load_answer

    base = Graded(submission=task.submission, ref=task.ref, score=0.0, points=task.points)
    try:
        answer = load_answer(task.submission.path)
    except AnswerError as exc:
        return dataclasses.replace(base, problem=exc.problem)
    if task.problem or task.ref is None:
        return dataclasses.replace(base, problem=task.problem or "no key for this answer")
    if task.expected is not None and (answer.case_id, answer.seed) != task.expected:
        case, seed = task.expected
        return dataclasses.replace(
            base,
            problem=(
                f"answers case {answer.case_id} variant {answer.seed}, but this learner's "
                f"variant is {case} variant {seed}"
            ),
        )
    try:
        result = grade(_key(task.ref.folder, task.ref.seed), answer)
    except AnswerError as exc:
        return dataclasses.replace(base, problem=exc.problem)
    marks = tuple(
        Mark(loc.asset, float(loc.x), float(loc.y), float(loc.w), float(loc.h))
        if isinstance(loc, Box)
        else Mark(loc.asset, float(loc.x), float(loc.y), 0.0, 0.0)
        for loc in (f.location for f in answer.findings)
        if isinstance(loc, Box | Point)
    )
    note = ""
    if answer.learner is not None and answer.learner != task.submission.learner:
        note = f"the file names learner {answer.learner!r}"
    return dataclasses.replace(
        base,
        score=float(result.score),
        found=tuple(f.finding_id for f in result.found),
        partial=tuple(f.finding_id for f in result.partial),
        false_alarms=len(result.false_alarms),
        marks=marks,
        outcomes=_outcomes(result),
        decision=answer.decision,
        consent_gaps=answer.consent_gaps,
        decision_correct=result.decision.correct,
        gaps_found=tuple(g.gap_id for g in result.gaps("found")),
        gaps_missed=tuple(g.gap_id for g in result.gaps("missed")),
        note=note,
    )


def _grade_chunk(tasks: Sequence[_Task]) -> list[Graded]:
    return [_grade_task(t) for t in tasks]


@dataclass(frozen=True, slots=True, kw_only=True)
class _Plan:
    """What grading a course's hand-ins takes: the files to grade and what needs no grading."""

    tasks: list[_Task]
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


def _graded_tasks(collected: Collected, jobs: int) -> _Plan:
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
            _Task(
                submission=sub,
                ref=ref,
                expected=(variant.case, variant.index),
                points=item_points,
            )
        )
    return _Plan(
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


def _plain_tasks(collected: Collected, jobs: int, bank: Path | None) -> list[_Task]:
    """Tasks for a plain folder: each answer names its case and public seed."""
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
            tasks.append(_Task(submission=sub, ref=None, expected=None, points=None))
            continue
        folder = by_pair[pair]
        if isinstance(folder, str):
            tasks.append(
                _Task(submission=sub, ref=None, expected=None, points=None, problem=folder)
            )
            continue
        case, seed = pair
        ref = KeyRef(
            case=case, folder=folder, seed=seed, label=f"{case} seed {seed}", item=sub.column
        )
        tasks.append(_Task(submission=sub, ref=ref, expected=None, points=None))
    return tasks


def _chunks(tasks: Sequence[_Task], size: int) -> Iterable[Sequence[_Task]]:
    for start in range(0, len(tasks), size):
        yield tasks[start : start + size]


def grade_all(
    collected: Collected,
    *,
    jobs: int | None = None,
    bank: Path | None = None,
    progress: bool | None = None,
    on_chunk: Callable[[int], None] | None = None,
) -> Cohort:
    """Grade every answers file found; `progress` shows a tqdm bar (default: on a terminal)."""
    workers = jobs or default_jobs()
    if collected.course is not None:
        plan = _graded_tasks(collected, workers)
    else:
        tasks = _plain_tasks(collected, workers, bank)
        plan = _Plan(
            tasks=tasks,
            missing=[],
            columns=tuple(sorted({t.submission.column for t in tasks})),
            points={},
            drift=[],
            ignored=[],
        )
    tasks = plan.tasks
    show = sys.stderr.isatty() if progress is None else progress
    from tqdm import tqdm

    bar = tqdm(total=len(tasks), unit="answer", desc="grading", disable=not show, file=sys.stderr)
    graded: list[Graded] = []
    chunks = list(_chunks(tasks, _CHUNK))
    try:
        if workers > 1 and len(chunks) > 1:
            with ProcessPoolExecutor(max_workers=min(workers, len(chunks))) as pool:
                for batch in pool.map(_grade_chunk, chunks):
                    graded.extend(batch)
                    bar.update(len(batch))
                    if on_chunk:
                        on_chunk(len(batch))
        else:
            for chunk in chunks:
                batch = _grade_chunk(chunk)
                graded.extend(batch)
                bar.update(len(batch))
                if on_chunk:
                    on_chunk(len(batch))
    finally:
        bar.close()
    keys: dict[str, Key] = {}
    refs: dict[str, KeyRef] = {}
    for g in graded:
        if g.ref is not None and g.ref.label not in keys:
            keys[g.ref.label] = _key(g.ref.folder, g.ref.seed)
            refs[g.ref.label] = g.ref
    return Cohort(
        collected=collected,
        graded=tuple(graded),
        missing=tuple(plan.missing),
        columns=plan.columns,
        keys=keys,
        refs=refs,
        item_points=plan.points,
        drift=tuple(plan.drift),
        ignored=tuple(plan.ignored),
    )
