"""Answers that look alike: pairs of learners for the educator to look at, never a verdict.

The rule, per item, among the learners given the same variant (only answers
that were read and graded; a learner's file naming another learner is noted
elsewhere):

1. Two answers' marks are paired one to one when they have the same category
   and the same place: boxes overlapping with IoU >= 0.7, clicks within 12
   pixels, text spans sharing >= 80% of their joint characters, the same
   metadata field. similarity = marks paired / marks in either answer
   (Jaccard).
2. A pair is listed when similarity >= 0.9, both made the same decision, and
   they share at least one *telling* mark, something honest work does not
   make alike:
   - the same mistake: a false alarm (a mark on no key finding and on no
     known look-alike) or a key finding given the wrong category, in the same
     place with the same category, made by few of the learners given that
     variant (at most 2, or 20% of them when that is more);
   - a box identical to the pixel that is not the key's own box (two people
     dragging a box by hand rarely agree on all four numbers), again found
     in few of that variant's answers.

Why: honest answers that find everything are alike by construction (a
perfect answer is the key's findings, and text marks snap to whole words),
so agreeing on what is right proves nothing; mistakes shared with almost no
one else, and hand-drawn boxes that agree to the pixel, are what copying
leaves behind. A look-alike decoy is there to be mistaken, so a shared mark on
one is not telling, nor is a mistake or a box most of the variant share (a
box shown on the projector, a habit taught to all). The converse
holds too: a copied perfect answer cannot be told from two honest ones, and
the report says so. The report shows the figures and what was shared; the
educator judges.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from safeshare.grade.answer import AnswerLocation, Point
from safeshare.model.locations import Box, MetaField, Span
from safeshare.report.model import Cohort, Graded, MarkOutcome
from safeshare.taxonomy import CATEGORIES

__all__ = [
    "BOX_IOU",
    "POINT_PIXELS",
    "RARE_SHARE",
    "SIMILARITY",
    "SPAN_SHARE",
    "AlikePair",
    "Likeness",
    "alike_pairs",
    "closeness",
]

SIMILARITY = 0.9
"""Jaccard of paired marks from which a pair with something telling in common is listed.

A copied file scores 1.0; at 0.8, two honest answers of four or five marks sharing one
unlucky wrong category were listed in a synthetic cohort of 200 (bench_report.py)."""
BOX_IOU = 0.7
POINT_PIXELS = 12.0
SPAN_SHARE = 0.8
RARE_SHARE = 0.2
"""A shared mistake is telling when made by at most this share of the variant (or 2)."""
_RARE_LEAST = 2
_MISTAKES = frozenset({"false_alarm", "partial"})

_Bucket = tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class AlikePair:
    """Two learners whose answers to one variant look alike, and what they share."""

    item: str
    """The column, e.g. 'pixels/q1'."""
    variant: str
    """The variant both were given, e.g. 'pixels/q1 v2'."""
    first: str
    second: str
    similarity: float
    """Marks paired / marks in either answer, in [0, 1]."""
    common: int
    """Marks paired (same category, same place)."""
    marks: tuple[int, int]
    """How many marks each made."""
    decision: str | None
    """The decision both made."""
    same_gaps: bool
    """Both claimed the same consent gaps."""
    telling: tuple[str, ...]
    """The telling marks they share, described for the educator."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Likeness:
    """What the similarity check found across the cohort."""

    pairs: tuple[AlikePair, ...]
    """The pairs to look at, most alike first."""
    alike: int
    """Pairs as alike, with the same decision, but nothing telling shared (e.g. two perfect
    answers): not listed, since honest answers are alike there."""
    compared: int
    """Pairs of learners who were given the same variant and both answered."""


def _bucket(mark: MarkOutcome) -> _Bucket:
    loc = mark.location
    if isinstance(loc, Span):
        return (mark.category, "span", loc.asset, loc.field)
    if isinstance(loc, MetaField):
        return (mark.category, "meta", loc.asset, loc.tag)
    return (mark.category, loc.type, loc.asset)


def closeness(a: AnswerLocation, b: AnswerLocation) -> float:
    """How alike two places are, in (0, 1]; 0 when they are not the same place."""
    if isinstance(a, Box) and isinstance(b, Box):
        iou = a.iou(b) if a.asset == b.asset else 0.0
        return iou if iou >= BOX_IOU else 0.0
    if isinstance(a, Point) and isinstance(b, Point):
        distance = math.hypot(a.x - b.x, a.y - b.y) if a.asset == b.asset else math.inf
        return 1.0 - distance / (2 * POINT_PIXELS) if distance <= POINT_PIXELS else 0.0
    if isinstance(a, Span) and isinstance(b, Span):
        shared = a.overlap(b)
        union = a.length + b.length - shared
        share = shared / union if union else 0.0
        return share if share >= SPAN_SHARE else 0.0
    if isinstance(a, MetaField) and isinstance(b, MetaField):
        return 1.0 if (a.asset, a.tag) == (b.asset, b.tag) else 0.0
    return 0.0


@dataclass(frozen=True, slots=True)
class _Answer:
    graded: Graded
    marks: tuple[MarkOutcome, ...]
    buckets: dict[_Bucket, list[int]]
    counts: Counter[_Bucket]


def _answer(graded: Graded) -> _Answer:
    marks = tuple(dict.fromkeys(graded.outcomes))
    buckets: dict[_Bucket, list[int]] = defaultdict(list)
    for i, mark in enumerate(marks):
        buckets[_bucket(mark)].append(i)
    return _Answer(graded, marks, dict(buckets), Counter({b: len(v) for b, v in buckets.items()}))


def _pairing(a: _Answer, b: _Answer) -> list[tuple[int, int]]:
    """Marks of a and b paired one to one, closest first."""
    candidates = []
    for bucket, mine in a.buckets.items():
        for i in mine:
            for j in b.buckets.get(bucket, ()):
                near = closeness(a.marks[i].location, b.marks[j].location)
                if near > 0:
                    candidates.append((-near, i, j))
    candidates.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j))
    return pairs


def _at_most(a: _Answer, b: _Answer) -> float:
    """An upper bound of the pair's similarity from the marks' categories and kinds alone."""
    common = sum(min(n, b.counts[k]) for k, n in a.counts.items() if k in b.counts)
    either = len(a.marks) + len(b.marks) - common
    return common / either if either else 0.0


def _place(loc: AnswerLocation) -> str:
    if isinstance(loc, Box):
        return f"{loc.asset} at ({loc.x}, {loc.y}), {loc.w}x{loc.h} px"
    if isinstance(loc, Point):
        return f"{loc.asset} at ({loc.x:.0f}, {loc.y:.0f})"
    if isinstance(loc, Span):
        return f"{loc.asset} {loc.field}, characters {loc.start}-{loc.end}"
    return f"{loc.asset} {loc.tag}"


def _label(category: str) -> str:
    return CATEGORIES[category].label if category in CATEGORIES else category


class _Group:
    """The answers to one variant, with how many of them made each mistake (counted once)."""

    def __init__(self, answers: Sequence[_Answer], key_boxes: frozenset[Box]) -> None:
        self.answers = answers
        self.key_boxes = key_boxes
        self.rare = max(_RARE_LEAST, math.floor(RARE_SHARE * len(answers)))
        self._made: dict[tuple[int, int, bool], int] = {}

    def made_by(self, who: int, index: int, *, exact: bool = False) -> int:
        """Learners of the variant (this one included) with a mark in the same place
        (`exact`: at the very same pixels)."""
        if (who, index, exact) not in self._made:
            mark = self.answers[who].marks[index]
            bucket = _bucket(mark)
            self._made[(who, index, exact)] = sum(
                1
                for other in self.answers
                if any(
                    other.marks[j].location == mark.location
                    if exact
                    else closeness(mark.location, other.marks[j].location) > 0
                    for j in other.buckets.get(bucket, ())
                )
            )
        return self._made[(who, index, exact)]

    def telling(self, x: int, y: int, pairs: list[tuple[int, int]]) -> tuple[str, ...]:
        found = []
        a = self.answers[x]
        for i, j in pairs:
            mine, theirs = a.marks[i], self.answers[y].marks[j]
            label = _label(mine.category)
            if (
                mine.outcome in _MISTAKES
                and theirs.outcome in _MISTAKES
                and self.made_by(x, i) <= self.rare
            ):
                kind = "false alarm" if mine.outcome == "false_alarm" else "wrong category"
                found.append(
                    f"the same {kind} ({label}) on {_place(mine.location)}, made by "
                    f"{self.made_by(x, i)} of {len(self.answers)} learner(s) of this variant"
                )
            elif (
                isinstance(mine.location, Box)
                and mine.location == theirs.location
                and mine.location not in self.key_boxes
                and self.made_by(x, i, exact=True) <= self.rare
            ):
                found.append(
                    f"a box identical to the pixel ({label}) on {_place(mine.location)}, drawn "
                    f"by {self.made_by(x, i, exact=True)} of {len(self.answers)} learner(s)"
                )
        return tuple(found)


def alike_pairs(cohort: Cohort, *, threshold: float = SIMILARITY) -> Likeness:
    """Every pair of learners to look at under the rule in this module's docstring."""
    groups: dict[str, list[_Answer]] = defaultdict(list)
    for g in cohort.graded:
        if g.answered and g.ref is not None and g.outcomes:
            groups[g.ref.label].append(_answer(g))
    listed: list[AlikePair] = []
    alike = compared = 0
    for label in sorted(groups):
        answers = groups[label]
        key = cohort.keys.get(label)
        boxes = frozenset(
            f.location for f in (key.findings if key else ()) if isinstance(f.location, Box)
        )
        group = _Group(answers, boxes)
        for x in range(len(answers)):
            for y in range(x + 1, len(answers)):
                a, b = answers[x], answers[y]
                compared += 1
                if a.graded.decision != b.graded.decision or _at_most(a, b) < threshold:
                    continue
                pairs = _pairing(a, b)
                similarity = len(pairs) / (len(a.marks) + len(b.marks) - len(pairs))
                if similarity < threshold:
                    continue
                telling = group.telling(x, y, pairs)
                if not telling:
                    alike += 1
                    continue
                first, second = sorted((a, b), key=lambda ans: ans.graded.submission.learner)
                listed.append(
                    AlikePair(
                        item=a.graded.submission.column,
                        variant=label,
                        first=first.graded.submission.learner,
                        second=second.graded.submission.learner,
                        similarity=similarity,
                        common=len(pairs),
                        marks=(len(first.marks), len(second.marks)),
                        decision=a.graded.decision,
                        same_gaps=set(a.graded.consent_gaps) == set(b.graded.consent_gaps),
                        telling=telling,
                    )
                )
    listed.sort(key=lambda p: (-p.similarity, -len(p.telling), p.item, p.first, p.second))
    return Likeness(pairs=tuple(listed), alike=alike, compared=compared)
