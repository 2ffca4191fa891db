"""Matching: which answer finding marks which key finding, one to one.

Locations match by shape: boxes by overlap (intersection over union), a click
(a tiny box or a point) inside a key box, text spans that cover enough of the
key span in the same field, metadata fields by tag. Among all one-to-one
pairings the grader takes the one that is best for the learner (an optimal
assignment, the Hungarian method), so the order of findings cannot change a
grade: both sides are put in a canonical order before the assignment.

An answer finding left over is either a repeat (it marks, with the right
category, something already found: harmless) or a false alarm.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from safeshare.grade.answer import AnswerFinding, AnswerLocation, Point
from safeshare.grade.rubric import Rubric
from safeshare.model.key import Finding, Key
from safeshare.model.locations import Box, Location, MetaField, Span

__all__ = [
    "Match",
    "Matching",
    "canonical_order",
    "location_match",
    "match_findings",
    "overlaps",
]


@dataclass(frozen=True, slots=True)
class Match:
    """A key finding and the answer finding that marks it."""

    finding: Finding
    answer: AnswerFinding
    quality: float
    """How well the locations agree, in (0, 1] (IoU for boxes, 1 for a click or a tag)."""

    @property
    def right_category(self) -> bool:
        return self.answer.category == self.finding.category


@dataclass(frozen=True, slots=True)
class Matching:
    """The outcome of matching an answer's findings to a key's."""

    matches: tuple[Match, ...]
    """In the key's order."""
    missed: tuple[Finding, ...]
    """Key findings nobody marked, in the key's order."""
    repeats: tuple[tuple[AnswerFinding, Finding], ...]
    """Extra marks, with the right category, of a key finding already found."""
    false_alarms: tuple[AnswerFinding, ...]
    """Marks that match nothing in the key (or only in the wrong category, already taken)."""


def _is_click(box: Box, rubric: Rubric) -> bool:
    return box.w <= rubric.click_size and box.h <= rubric.click_size


def location_match(answer: AnswerLocation, key: Location, rubric: Rubric) -> float:
    """How well an answer location marks a key location: 0 for no match, else in (0, 1]."""
    if answer.asset != key.asset:
        return 0.0
    if isinstance(key, Box):
        if isinstance(answer, Point):
            return 1.0 if key.contains_point(answer.x, answer.y) else 0.0
        if isinstance(answer, Box):
            iou = key.iou(answer)
            if iou >= rubric.box_iou:
                return iou
            if _is_click(answer, rubric):
                cx, cy = answer.x + answer.w / 2, answer.y + answer.h / 2
                return 1.0 if key.contains_point(cx, cy) else 0.0
        return 0.0
    if isinstance(key, Span):
        if not isinstance(answer, Span) or answer.field != key.field:
            return 0.0
        shared = key.overlap(answer)
        if shared <= 0 or shared < rubric.span_overlap * key.length:
            return 0.0
        return shared / (key.length + answer.length - shared)
    if isinstance(key, MetaField) and isinstance(answer, MetaField):
        return 1.0 if answer.tag == key.tag else 0.0
    return 0.0


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


def _bucket(loc: AnswerLocation | Location) -> tuple[str, str]:
    """Where a location can match at all: its asset, and for spans the field."""
    if isinstance(loc, Span):
        return (loc.asset, loc.field)
    return (loc.asset, "")


def match_findings(key: Key, answers: Sequence[AnswerFinding], rubric: Rubric) -> Matching:
    """Pair answer findings with key findings one to one, the best way for the learner.

    The pairing maximises the findings part before its cap: the credit of each
    pair (severity weight, reduced for a wrong category) plus the false-alarm
    penalty each pairing avoids. Among equal pairings it prefers more credit
    (which the cap on penalties makes at least as good for the learner), then
    closer locations. Both sides are sorted first, so input order never matters.
    """
    # Key findings by id (unique in a checked key; the original index breaks ties).
    order = sorted(range(len(key.findings)), key=lambda i: (key.findings[i].id, i))
    keyed = [key.findings[i] for i in order]
    given = canonical_order(answers)
    weights = [rubric.severity_weight(f.severity) for f in keyed]
    penalty = rubric.false_alarm_penalty * sum(weights)
    prefer_credit = 1e-7
    prefer_close = 1e-10 * (min(weights) if weights else 1.0)

    by_bucket: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, finding in enumerate(keyed):
        by_bucket[_bucket(finding.location)].append(k)

    edges: dict[tuple[int, int], float] = {}  # (answer, key) -> quality of the location match
    correct_for: list[list[int]] = [[] for _ in given]  # key findings each mark names rightly
    for a, mark in enumerate(given):
        for k in by_bucket.get(_bucket(mark.location), ()):
            quality = location_match(mark.location, keyed[k].location, rubric)
            if quality > 0:
                edges[(a, k)] = quality
                if mark.category == keyed[k].category:
                    correct_for[a].append(k)
    pairs: dict[int, tuple[int, float]] = {}  # key index -> (answer index, quality)
    if edges:
        matrix = np.zeros((len(given), len(keyed)))
        for (a, k), quality in edges.items():
            credit = weights[k] * (
                1.0 if given[a].category == keyed[k].category else rubric.wrong_category_credit
            )
            avoided = 0.0 if correct_for[a] else penalty
            matrix[a, k] = (
                credit + avoided + prefer_credit * credit + prefer_close * (1.0 + quality)
            )
        rows, cols = linear_sum_assignment(matrix, maximize=True)
        for a, k in zip(rows.tolist(), cols.tolist(), strict=True):
            if (a, k) in edges:
                pairs[k] = (a, edges[(a, k)])

    used = {a for a, _ in pairs.values()}
    matches = [
        Match(keyed[k], given[pairs[k][0]], pairs[k][1])
        for k in sorted(pairs, key=lambda k: order[k])
    ]
    repeats: list[tuple[AnswerFinding, Finding]] = []
    false_alarms: list[AnswerFinding] = []
    for a, mark in enumerate(given):
        if a in used:
            continue
        if correct_for[a]:
            # An optimal pairing leaves no rightly named finding unfound: it repeats one found.
            target = next((k for k in correct_for[a] if k in pairs), correct_for[a][0])
            repeats.append((mark, keyed[target]))
        else:
            false_alarms.append(mark)
    missed = [keyed[k] for k in sorted(range(len(keyed)), key=lambda k: order[k]) if k not in pairs]
    return Matching(
        matches=tuple(matches),
        missed=tuple(missed),
        repeats=tuple(repeats),
        false_alarms=tuple(false_alarms),
    )
