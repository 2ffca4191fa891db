"""The facilitator's board: read every learner, grade, count and draw, in one refresh.

Kept free of widgets so it can be tested, timed (benchmarks/bench_hub_load.py)
and shown by any front end; safeshare.dashboard.view shows it in Voila.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from safeshare.course.modules import COURSE_SEED, MODULES
from safeshare.dashboard.case_stats import CaseStats, Grader, case_stats
from safeshare.dashboard.course_progress import (
    LearnerRow,
    ModuleCount,
    learner_rows,
    module_counts,
)
from safeshare.dashboard.heatmaps import HeatmapPainter
from safeshare.dashboard.prompts import discussion_prompts
from safeshare.dashboard.pseudonyms import Pseudonyms
from safeshare.dashboard.reading import AnswerRecord, FolderReader, LearnerState, Problem

__all__ = ["Board", "BoardState", "CasePanel"]


@dataclass(frozen=True, slots=True, kw_only=True)
class CasePanel:
    """One case variant on the board: its numbers, pictures and prompts."""

    stats: CaseStats
    heatmaps: tuple[Path, ...]
    prompts: tuple[str, ...]

    @property
    def title(self) -> str:
        case = self.stats.case
        suffix = "" if case.seed == COURSE_SEED else f" (variant {case.seed})"
        return f"{case.case_id}: {case.view.title}{suffix}"


@dataclass(frozen=True, slots=True, kw_only=True)
class BoardState:
    """Everything one refresh found."""

    learners: int
    cases: tuple[CasePanel, ...]
    modules: tuple[ModuleCount, ...]
    rows: tuple[LearnerRow, ...]
    problems: tuple[Problem, ...]
    names_shown: bool
    seconds: float
    """How long the refresh took (reading, grading, drawing)."""


def _course_order() -> dict[str, int]:
    order: dict[str, int] = {}
    for mod in MODULES:
        for case in mod.cases:
            order.setdefault(case, len(order))
    return order


@dataclass
class Board:
    """Reads the data folder and turns it into a BoardState, caching what did not change."""

    root: Path
    """The course's data folder (the one holding learners/)."""
    out_dir: Path
    """Where heatmaps are drawn (the facilitator's own folder, not the learners')."""
    show_names: bool = False
    reader: FolderReader = field(init=False)
    grader: Grader = field(default_factory=Grader)
    pseudonyms: Pseudonyms = field(default_factory=Pseudonyms)
    painter: HeatmapPainter = field(init=False)

    def __post_init__(self) -> None:
        self.reader = FolderReader(self.root)
        self.painter = HeatmapPainter(self.out_dir)

    def label(self, state: LearnerState) -> str:
        """The name when the facilitator opted in, else the learner's pseudonym."""
        return state.name if self.show_names else self.pseudonyms(state.code)

    def _shown(self, problem: Problem, label: dict[str, str]) -> Problem:
        """A problem as the board shows it: the learner's label, the path inside their folder."""
        if not problem.learner:
            return problem
        base = self.reader.root / "learners" / problem.learner
        try:
            inside = problem.path.relative_to(base)
        except ValueError:
            inside = Path(problem.path.name)
        who = label.get(problem.learner) or (
            problem.learner if self.show_names else self.pseudonyms(problem.learner)
        )
        return Problem(learner=who, path=inside, message=problem.message)

    def refresh(self) -> BoardState:
        started = time.perf_counter()
        snapshot = self.reader.read()
        label = {s.code: self.label(s) for s in snapshot.learners}
        problems = [self._shown(p, label) for p in snapshot.problems]
        by_case: dict[tuple[str, int], list[AnswerRecord]] = defaultdict(list)
        for state in snapshot.learners:
            for record in state.answers:
                by_case[(record.answer.case_id, record.answer.seed)].append(record)
        order = _course_order()
        panels = []
        for case_id, seed in sorted(by_case, key=lambda k: (order.get(k[0], len(order)), k)):
            records = by_case[(case_id, seed)]
            case = self.grader.case(case_id, seed)
            if isinstance(case, str):
                problems.append(Problem(learner="", path=records[0].path, message=case))
                continue
            stats = case_stats(case, records, self.grader)
            problems += [
                Problem(
                    learner=label.get(who) or self.pseudonyms(who),
                    path=Path(case_id),
                    message=f"answer to {case_id} not counted: {why}",
                )
                for who, why in stats.refused
            ]
            panels.append(
                CasePanel(
                    stats=stats,
                    heatmaps=tuple(self.painter.paint(stats)),
                    prompts=tuple(discussion_prompts(stats)),
                )
            )
        return BoardState(
            learners=len(snapshot.learners),
            cases=tuple(panels),
            modules=tuple(module_counts(snapshot.learners)),
            rows=tuple(learner_rows(snapshot.learners, self.label)),
            problems=tuple(problems),
            names_shown=self.show_names,
            seconds=time.perf_counter() - started,
        )
