"""Grade every learner's answers directly: no notebook, no kernel, in parallel.

nbgrader autograde starts a kernel per notebook and runs every cell; the
cohort report needs only the answers files and the keys. Keys are drawn once
per variant (through the case cache, where generate_assignment left them),
then the answers are graded on worker processes with a progress bar.

Graded variants (an nbgrader course) take their keys from the course secret
and must answer the learner's own variant; self-paced answers (a plain folder)
name their case and public seed themselves.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from safeshare.assignments.definition import CASES_DIR, AssignmentDef, load_definition
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
from safeshare.cases.key import Key
from safeshare.cases.locations import Box
from safeshare.cases.render_many import default_jobs
from safeshare.errors import AnswerError, SafeshareError
from safeshare.report.collect import Collected, Submission

__all__ = ["Cohort", "Graded", "KeyRef", "Mark", "grade_all"]

_CHUNK = 64


@dataclass(frozen=True, slots=True, kw_only=True)
class KeyRef:
    """One variant's key: where it is rendered, and its number as answers give it."""

    case: str
    folder: Path
    """The rendered case folder (assets, case.json, key.json) in the cache."""
    seed: int
    """The seed answers carry: the pool index of a graded variant, else the render seed."""
    label: str
    """How the report names it, e.g. 'pixels/q1 v2' or 'E01 seed 1'."""
    item: str
    """The column it belongs to (assignment/item, or the answers file's name)."""


@dataclass(frozen=True, slots=True)
class Mark:
    """A learner's mark on an image: a box, or a click (w = h = 0)."""

    asset: str
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Graded:
    """One answers file, graded."""

    submission: Submission
    ref: KeyRef | None
    """The key it was graded against (None when no key could be found)."""
    score: float
    """In [0, 1]; 0 when the file earned no credit."""
    points: float | None = None
    """What the item is worth in nbgrader (None outside a course)."""
    problem: str = ""
    """Why the file earned no credit (unreadable, forged, another variant); empty if graded."""
    found: tuple[str, ...] = ()
    partial: tuple[str, ...] = ()
    """Key findings marked in the right place with the wrong category."""
    false_alarms: int = 0
    marks: tuple[Mark, ...] = ()
    decision: str | None = None
    decision_correct: bool = False
    gaps_found: tuple[str, ...] = ()
    gaps_missed: tuple[str, ...] = ()
    note: str = ""
    """Worth a look without costing credit, e.g. the file names another learner."""

    @property
    def earned(self) -> float | None:
        return None if self.points is None else round(self.score * self.points, 4)


@dataclass(frozen=True, slots=True, kw_only=True)
class Cohort:
    """Every answers file graded, and the keys they were graded against."""

    collected: Collected
    graded: tuple[Graded, ...]
    keys: dict[str, Key] = field(default_factory=dict)
    """By KeyRef.label, numbered as the answers are."""
    refs: dict[str, KeyRef] = field(default_factory=dict)
    """By KeyRef.label."""
    item_points: dict[str, float] = field(default_factory=dict)
    """Points of each column (nbgrader items only)."""
    warnings: tuple[str, ...] = ()
    """Problems with the course rather than a learner, e.g. a release drawn by other code."""

    @property
    def learners(self) -> tuple[str, ...]:
        return self.collected.learners

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(sorted({g.submission.column for g in self.graded}, key=_column_order))


def _column_order(column: str) -> tuple[str, ...]:
    return tuple(column.split("/"))


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
        decision=answer.decision,
        decision_correct=result.decision.correct,
        gaps_found=tuple(g.gap_id for g in result.gaps("found")),
        gaps_missed=tuple(g.gap_id for g in result.gaps("missed")),
        note=note,
    )


def _grade_chunk(tasks: Sequence[_Task]) -> list[Graded]:
    return [_grade_task(t) for t in tasks]


def _graded_tasks(
    collected: Collected, jobs: int
) -> tuple[list[_Task], dict[str, float], list[str]]:
    """Tasks for an nbgrader course: each learner's own variant, rendered from the secret."""
    course = collected.course
    assert course is not None
    secret = load_secret(course.course_id)
    definitions: dict[str, AssignmentDef | str] = {}
    planned: list[tuple[Submission, Variant | None, float | None, str]] = []
    points: dict[str, float] = {}
    for sub in collected.submissions:
        if sub.assignment not in definitions:
            try:
                definitions[sub.assignment] = load_definition(course.source / sub.assignment)
            except SafeshareError as exc:
                definitions[sub.assignment] = str(exc)
        definition = definitions[sub.assignment]
        if isinstance(definition, str):
            planned.append((sub, None, None, f"assignment not gradable: {definition}"))
            continue
        try:
            item = definition.item(sub.item)
        except KeyError:
            planned.append((sub, None, None, f"assignment {sub.assignment} has no item {sub.item}"))
            continue
        variant = learners_variant(definition, item, sub.learner, secret, course_root=course.root)
        points[sub.column] = item.points
        planned.append((sub, variant, item.points, ""))
    variants = sorted(
        {v for _, v, _, _ in planned if v is not None},
        key=lambda v: (v.assignment, v.item, v.index),
    )
    folders = dict(zip(variants, render_variants(variants, jobs=jobs), strict=True))
    warnings = []
    for variant in variants:
        released = course.release / variant.assignment / CASES_DIR / variant.item
        if released.is_dir():
            drift = release_drift(variant, released / variant_name(variant.index))
            if drift:
                warnings.append(f"{drift}: the toolkit changed since the release?")
    tasks = []
    for sub, chosen, item_points, problem in planned:
        if chosen is None:
            tasks.append(
                _Task(submission=sub, ref=None, expected=None, points=None, problem=problem)
            )
            continue
        variant = chosen
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
    return tasks, points, warnings


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
    warnings: list[str] = []
    if collected.course is not None:
        tasks, points, warnings = _graded_tasks(collected, workers)
    else:
        tasks, points = _plain_tasks(collected, workers, bank), {}
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
        keys=keys,
        refs=refs,
        item_points=points,
        warnings=tuple(warnings),
    )
