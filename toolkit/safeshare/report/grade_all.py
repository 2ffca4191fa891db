"""Grade every learner's answers directly: no notebook, no kernel, in parallel.

nbgrader autograde starts a kernel per notebook and runs every cell; the
cohort report needs only the answers files and the keys. Keys are drawn once
per variant (through the case cache, where generate_assignment left them),
then the answers are graded on worker processes with a progress bar.

Graded variants (an nbgrader course) take their keys from the course secret
and must answer the learner's own variant; self-paced answers (a plain folder)
name their case and public seed themselves.

What to grade, and against which key, is planned in report.plan: there the
items come from each assignment's definition, not from the files found.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path

from safeshare.cases.cache import load_rendered
from safeshare.cases.render_many import default_jobs
from safeshare.errors import AnswerError, SafeshareError
from safeshare.grade.answer import AnswerLocation
from safeshare.grade.result import Result
from safeshare.model.key import Key
from safeshare.model.locations import Box
from safeshare.model.view import CaseView
from safeshare.report.collect import Collected
from safeshare.report.model import (
    Cohort,
    Graded,
    KeyRef,
    Mark,
    MarkOutcome,
    Outcome,
)
from safeshare.report.plan import Task, course_plan, plain_plan

__all__ = ["Cohort", "Graded", "KeyRef", "Mark", "MarkOutcome", "grade_all"]

_CHUNK = 64


@lru_cache(maxsize=512)
def _view(folder: Path, seed: int) -> CaseView:
    view, _ = load_rendered(folder)
    return dataclasses.replace(view, seed=seed)


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


def _grade_task(task: Task) -> Graded:
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
        result = grade(
            _key(task.ref.folder, task.ref.seed), answer, view=_view(task.ref.folder, task.ref.seed)
        )
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


def _grade_chunk(tasks: Sequence[Task]) -> list[Graded]:
    return [_grade_task(t) for t in tasks]


def _chunks(tasks: Sequence[Task], size: int) -> Iterable[Sequence[Task]]:
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
        plan = course_plan(collected, workers)
    else:
        plan = plain_plan(collected, workers, bank)
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
