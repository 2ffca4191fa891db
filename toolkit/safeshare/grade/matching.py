"""Matching: which marks find which key findings, the best way for the learner.

Where a mark is, decides what it finds (cover.py: one box may find several
items on a line, a word inside a phrase finds the phrase). Then:

- each key finding earns the best credit any mark gives it: full for a mark of
  the right category, the rubric's part credit for a wrong one. So a second
  mark never takes credit away, and as nothing else depends on which mark is
  credited, this is the pairing that maximises the learner's final score;
- among equally good marks, the closest fit (then a fixed order) is the one
  the feedback names, so the order of the findings cannot change a grade;
- a mark that finds nothing is a false alarm; a mark that finds only what
  other marks found as well or better is a repeat (with the right category,
  or a wrong-category duplicate): it earns and costs nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from safeshare.grade.answer import AnswerFinding, AnswerLocation, Point
from safeshare.grade.cover import KeyIndex
from safeshare.grade.rubric import Rubric
from safeshare.model.key import Finding, Key
from safeshare.model.locations import Box, Location, MetaField, Span

__all__ = [
    "MarkOutcome",
    "Match",
    "Matching",
    "canonical_order",
    "location_match",
    "match_findings",
    "overlaps",
]


@dataclass(frozen=True, slots=True)
class Match:
    """A key finding and the mark credited with it."""

    finding: Finding
    answer: AnswerFinding
    quality: float
    """How closely the mark fits what it finds, in (0, 1]."""

    @property
    def right_category(self) -> bool:
        return self.answer.category == self.finding.category


@dataclass(slots=True)
class MarkOutcome:
    """One mark of the answer and what it did."""

    mark: AnswerFinding
    found: tuple[Finding, ...]
    """Every key finding its location finds (credited to it or not), in the key's order."""
    credited: tuple[Finding, ...]
    """The findings whose credit the feedback gives to this mark."""
    touched: tuple[tuple[Finding, str], ...]
    """Findings it overlaps without finding, with why: 'loose' or 'small'."""

    @property
    def named_rightly(self) -> bool:
        """Whether its category is right for something it finds."""
        return any(f.category == self.mark.category for f in self.found)


@dataclass(frozen=True, slots=True)
class Matching:
    """The outcome of matching an answer's marks to a key's findings."""

    matches: tuple[Match, ...]
    """Findings found (at full or part credit), in the key's order."""
    missed: tuple[Finding, ...]
    """Key findings nobody found, in the key's order."""
    repeats: tuple[tuple[AnswerFinding, Finding], ...]
    """Marks that find only what other marks found as well or better, with one finding they
    repeat (the same category when one matches): they earn and cost nothing."""
    false_alarms: tuple[AnswerFinding, ...]
    """Marks that find nothing."""
    outcomes: tuple[MarkOutcome, ...] = ()
    """Every mark, in canonical order, with what it found and touched."""
    wasted: int = 0
    """What the shotgun guard counts against an answer: its false alarms, and each category
    given wrongly to a key item by a mark that names nothing rightly (once per item and
    category, so a repeat adds nothing)."""


def _location_sort_key(loc: AnswerLocation) -> tuple[object, ...]:
    if isinstance(loc, Box):
        return ("box", loc.asset, "", loc.x, loc.y, loc.w, loc.h)
    if isinstance(loc, Point):
        return ("point", loc.asset, "", loc.x, loc.y, 0, 0)
    if isinstance(loc, Span):
        return ("span", loc.asset, loc.field, loc.start, loc.end, 0, 0)
    return ("meta", loc.asset, loc.tag, 0, 0, 0, 0)


def canonical_order(findings: Iterable[AnswerFinding]) -> tuple[AnswerFinding, ...]:
    """The answer's findings in one fixed order, whatever the input order.

    Findings that sort equal are identical, so the order among them is immaterial.
    """
    return tuple(sorted(findings, key=lambda f: (f.category, _location_sort_key(f.location))))


def location_match(
    answer: AnswerLocation, key: Location, rubric: Rubric, *, evidence: str = ""
) -> float:
    """How well a mark at `answer` alone finds a key finding at `key`: 0, or in (0, 1].

    `evidence` is the key span's words, when known (a whole-word part of them finds it).
    """
    finding = Finding(
        id="",
        category="",
        location=key,
        severity="low",
        evidence=evidence,
        explanation="",
        guidance=(),
        remedy="",
    )
    cover = KeyIndex((finding,)).cover(answer, rubric)
    return cover.quality if cover.found else 0.0


def overlaps(answer: AnswerLocation, other: Location) -> float:
    """Any overlap at all (for decoys): the share of the answer that lies on `other`, or 0."""
    if answer.asset != other.asset:
        return 0.0
    if isinstance(other, Box):
        if isinstance(answer, Point):
            return 1.0 if other.contains_point(answer.x, answer.y) else 0.0
        if isinstance(answer, Box):
            ix = min(answer.x + answer.w, other.x + other.w) - max(answer.x, other.x)
            iy = min(answer.y + answer.h, other.y + other.h) - max(answer.y, other.y)
            return max(0, ix) * max(0, iy) / answer.area if answer.area else 0.0
        return 0.0
    if isinstance(other, Span) and isinstance(answer, Span):
        return other.overlap(answer) / answer.length if answer.length else 0.0
    if isinstance(other, MetaField) and isinstance(answer, MetaField):
        return 1.0 if other.tag == answer.tag else 0.0
    return 0.0


def match_findings(
    key: Key,
    answers: Sequence[AnswerFinding],
    rubric: Rubric,
    *,
    index: KeyIndex | None = None,
) -> Matching:
    """Find what each mark finds, credit each key finding with its best mark, classify the rest.

    `index` is the key's KeyIndex when the caller has built it already.
    """
    index = index if index is not None else KeyIndex(key.findings)
    findings = index.findings
    given = canonical_order(answers)
    covers = index.cover_all([mark.location for mark in given], rubric)

    # The best mark for each finding: most credit, then the closest fit, then the first.
    best: dict[int, tuple[float, float, int]] = {}
    for a, (mark, cover) in enumerate(zip(given, covers, strict=True)):
        for k in cover.found:
            credit = 1.0 if mark.category == findings[k].category else rubric.wrong_category_credit
            rank = (credit, cover.quality, -a)
            if k not in best or rank > best[k]:
                best[k] = rank
    # A finding worth no credit at all (a rubric with no part credit) is missed.
    finder = {k: -rank[2] for k, rank in best.items() if rank[0] > 0}
    matches = tuple(
        Match(findings[k], given[finder[k]], covers[finder[k]].quality) for k in sorted(finder)
    )
    missed = tuple(f for k, f in enumerate(findings) if k not in finder)

    credited_by: dict[int, list[int]] = {}
    for k, a in finder.items():
        credited_by.setdefault(a, []).append(k)
    outcomes: list[MarkOutcome] = []
    repeats: list[tuple[AnswerFinding, Finding]] = []
    false_alarms: list[AnswerFinding] = []
    for a, (mark, cover) in enumerate(zip(given, covers, strict=True)):
        if not cover.found and not cover.touched:
            outcomes.append(MarkOutcome(mark, (), (), ()))
            false_alarms.append(mark)
            continue
        mine = sorted(credited_by.get(a, ()))
        outcomes.append(
            MarkOutcome(
                mark,
                tuple(findings[k] for k in cover.found),
                tuple(findings[k] for k in mine),
                tuple((findings[t.index], t.reason) for t in cover.touched),
            )
        )
        if mine:
            continue
        if not cover.found:
            false_alarms.append(mark)
            continue
        same = [k for k in cover.found if findings[k].category == mark.category]
        repeats.append((mark, findings[(same or list(cover.found))[0]]))
    return Matching(
        matches=matches,
        missed=missed,
        repeats=tuple(repeats),
        false_alarms=tuple(false_alarms),
        outcomes=tuple(outcomes),
        wasted=len(false_alarms) + len(_wrong_names(outcomes)),
    )


def _wrong_names(outcomes: Sequence[MarkOutcome]) -> set[tuple[str, str]]:
    """(finding id, category) of each wrong category a mark naming nothing rightly gives."""
    return {
        (f.id, o.mark.category)
        for o in outcomes
        if o.found and not o.named_rightly
        for f in o.found
    }
