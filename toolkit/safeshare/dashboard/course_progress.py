"""How far the room has come through the course: per module, opened and completed.

Read from each learner's progress file (safeshare.course.progress); nothing is
written. A learner counts as in a module once they opened it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from safeshare.course.modules import MODULES
from safeshare.dashboard.reading import LearnerState

__all__ = ["LearnerRow", "ModuleCount", "learner_rows", "module_counts"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ModuleCount:
    """One module: learners who opened it, checked an exercise, and completed it."""

    module: str
    title: str
    opened: int
    checked: int
    completed: int


@dataclass(frozen=True, slots=True, kw_only=True)
class LearnerRow:
    """One learner, as the facilitator's table shows them."""

    label: str
    """A pseudonym, or the name when the facilitator opted in."""
    modules_completed: int
    exercises_checked: int
    minutes: int
    last_module: str


def module_counts(learners: Sequence[LearnerState]) -> list[ModuleCount]:
    counts = []
    for mod in MODULES:
        records = [
            s.progress.modules[mod.id]
            for s in learners
            if s.progress is not None and mod.id in s.progress.modules
        ]
        counts.append(
            ModuleCount(
                module=mod.id,
                title=mod.title,
                opened=sum(1 for r in records if r.events),
                checked=sum(1 for r in records if r.exercises),
                completed=sum(1 for r in records if r.completed_at),
            )
        )
    return counts


def learner_rows(
    learners: Sequence[LearnerState], label: Callable[[LearnerState], str]
) -> list[LearnerRow]:
    rows = []
    for state in learners:
        progress = state.progress
        modules = progress.modules if progress is not None else {}
        last = max(((e.at, m) for m, r in modules.items() for e in r.events), default=("", ""))[1]
        rows.append(
            LearnerRow(
                label=label(state),
                modules_completed=sum(1 for r in modules.values() if r.completed_at),
                exercises_checked=sum(len(r.exercises) for r in modules.values()),
                minutes=(progress.seconds_spent() // 60) if progress is not None else 0,
                last_module=last,
            )
        )
    return sorted(rows, key=lambda r: r.label)
