"""What a room did with one case: detection rate per identifier, false alarms, decisions.

Every answer is graded with the course's own grader (safeshare.grade), against
the key of the variant it answers; a grade is kept until the file changes, so
a refresh with 50 learners grades only what changed since the last one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from safeshare.cases.cache import load_rendered, rendered_case
from safeshare.dashboard.reading import AnswerRecord
from safeshare.errors import AnswerError, SafeshareError
from safeshare.grade import Point, Result, grade
from safeshare.model.key import Key
from safeshare.model.locations import Box
from safeshare.model.view import CaseView
from safeshare.report.model import Mark
from safeshare.taxonomy import CATEGORIES, DECISIONS

__all__ = [
    "AlarmCount",
    "CaseStats",
    "FindingRate",
    "Grader",
    "RenderedCase",
    "case_stats",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class RenderedCase:
    """One variant of a case: its folder, what learners see, and its key."""

    case_id: str
    seed: int
    folder: Path
    view: CaseView
    key: Key


@dataclass(frozen=True, slots=True, kw_only=True)
class FindingRate:
    """One key finding and how many learners found it."""

    finding_id: str
    label: str
    """The category's label, e.g. 'Patient name'."""
    evidence: str
    """What is there, e.g. 'PRICE, Eleanor M'."""
    found: int
    partial: int
    """Marked in the right place under another category."""
    answered: int

    @property
    def rate(self) -> float:
        return self.found / self.answered if self.answered else 0.0

    @property
    def missed(self) -> int:
        return self.answered - self.found - self.partial


@dataclass(frozen=True, slots=True, kw_only=True)
class AlarmCount:
    """A false alarm several learners raised: a look-alike, or a category marked where none is."""

    label: str
    """The category the learners marked, e.g. 'Patient name or initials'."""
    learners: int
    decoy: bool
    """True when they marked a known look-alike (the key says why it is safe)."""
    explanation: str

    @property
    def description(self) -> str:
        where = "on a look-alike" if self.decoy else "where there is none"
        return f"“{self.label}” marked {where}"


@dataclass(frozen=True, slots=True, kw_only=True)
class CaseStats:
    """One case variant, across every learner who saved an answer to it."""

    case: RenderedCase
    answered: int
    mean_score: float
    findings: tuple[FindingRate, ...]
    """In the key's order."""
    alarms: tuple[AlarmCount, ...]
    """Most learners first."""
    decisions: dict[str, int]
    """Decision label -> learners; every decision listed, 0 where nobody chose it."""
    undecided: int
    expected_decision: str
    gaps_missed: dict[str, int]
    """Consent gap label -> learners who missed it."""
    marks: tuple[tuple[Mark, ...], ...]
    """Per learner, their marks on images (for the heatmap)."""
    found_by_id: dict[str, int]
    refused: tuple[tuple[str, str], ...] = ()
    """(learner, why) for answers the grader refused."""

    def most_missed(self, limit: int = 5) -> tuple[FindingRate, ...]:
        """The findings fewest learners found (ties in key order)."""
        ranked = sorted(self.findings, key=lambda f: (f.rate, self.findings.index(f)))
        return tuple(f for f in ranked if f.missed > 0)[:limit]


@dataclass
class Grader:
    """Grades answers, keeping each result until the answers file changes."""

    _results: dict[tuple[Path, tuple[int, int]], Result | str] = field(default_factory=dict)
    _cases: dict[tuple[str, int], RenderedCase | str] = field(default_factory=dict)

    def case(self, case_id: str, seed: int) -> RenderedCase | str:
        """The rendered variant, or why it cannot be had (kept, so it is tried once)."""
        cached = self._cases.get((case_id, seed))
        if cached is not None:
            return cached
        found: RenderedCase | str
        try:
            folder = rendered_case(case_id, seed=seed)
            view, key = load_rendered(folder)
            found = (
                RenderedCase(case_id=case_id, seed=seed, folder=folder, view=view, key=key)
                if key is not None
                else f"case {case_id} seed {seed} has no key in the cache"
            )
        except (SafeshareError, OSError) as exc:
            found = (
                f"case {case_id} (seed {seed}) cannot be loaded: {exc}; prepare the course's "
                "cases once with `safeshare course serve` (or deploy/hub/prepare.sh)"
            )
        self._cases[(case_id, seed)] = found
        return found

    def result(self, record: AnswerRecord, case: RenderedCase) -> Result | str:
        """The graded answer, or why the grader refused it."""
        cache_key = (record.path, record.stamp)
        cached = self._results.get(cache_key)
        if cached is not None:
            return cached
        graded: Result | str
        try:
            graded = grade(case.key, record.answer, view=case.view, source=record.path)
        except AnswerError as exc:
            graded = exc.problem
        self._results[cache_key] = graded
        return graded


def _marks(record: AnswerRecord) -> tuple[Mark, ...]:
    marks = []
    for finding in record.answer.findings:
        loc = finding.location
        if isinstance(loc, Box):
            marks.append(Mark(loc.asset, float(loc.x), float(loc.y), float(loc.w), float(loc.h)))
        elif isinstance(loc, Point):
            marks.append(Mark(loc.asset, float(loc.x), float(loc.y), 0.0, 0.0))
    return tuple(marks)


def _alarms(results: Iterable[Result]) -> tuple[AlarmCount, ...]:
    """False alarms grouped by what was marked: a look-alike, or a category where there is none."""
    learners: dict[tuple[str, bool], set[int]] = defaultdict(set)
    explained: dict[tuple[str, bool], str] = {}
    for n, result in enumerate(results):
        for alarm in result.false_alarms:
            group = (alarm.label, alarm.decoy)
            learners[group].add(n)
            explained.setdefault(group, alarm.explanation)
    counted = [
        AlarmCount(label=label, learners=len(who), decoy=decoy, explanation=explained[label, decoy])
        for (label, decoy), who in learners.items()
    ]
    return tuple(sorted(counted, key=lambda a: (-a.learners, a.label)))


def case_stats(case: RenderedCase, records: Sequence[AnswerRecord], grader: Grader) -> CaseStats:
    """The room's answers to one case variant, graded and counted."""
    results: list[Result] = []
    marks: list[tuple[Mark, ...]] = []
    refused: list[tuple[str, str]] = []
    for record in records:
        graded = grader.result(record, case)
        if isinstance(graded, str):
            refused.append((record.learner, graded))
            continue
        results.append(graded)
        marks.append(_marks(record))
    found = Counter(f.finding_id for r in results for f in r.found)
    partial = Counter(f.finding_id for r in results for f in r.partial)
    findings = tuple(
        FindingRate(
            finding_id=f.id,
            label=CATEGORIES[f.category].label if f.category in CATEGORIES else f.category,
            evidence=f.evidence,
            found=found[f.id],
            partial=partial[f.id],
            answered=len(results),
        )
        for f in case.key.findings
    )
    chosen = Counter(r.decision.answered for r in results)
    decisions = {d.label: chosen.get(d.id, 0) for d in DECISIONS.values()}
    gaps: Counter[str] = Counter(g.label for r in results for g in r.gaps("missed"))
    expected = DECISIONS[case.key.decision].label if case.key.decision in DECISIONS else ""
    return CaseStats(
        case=case,
        answered=len(results),
        mean_score=sum(r.score for r in results) / len(results) if results else 0.0,
        findings=findings,
        alarms=_alarms(results),
        decisions=decisions,
        undecided=chosen.get(None, 0),
        expected_decision=expected,
        gaps_missed=dict(gaps.most_common()),
        marks=tuple(marks),
        found_by_id=dict(found),
        refused=tuple(refused),
    )
