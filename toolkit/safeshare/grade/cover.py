"""What one mark covers: the key findings its location finds, and those it only touches.

This is geometry, not scoring: category and credit are the matcher's business.
The rules follow how people mark (docs/answer-format.md shows each with a
picture; every threshold is the rubric's):

- a click (a point, or a box no bigger than `click_size`) finds every key box
  it falls inside;
- a box finds every key box it covers (`box_contain` of the key box inside it)
  when it is tight around them: the covered items, joined along each line of
  text, fill `box_tight` of the box. So one box over "KS 94M" finds both, and a
  box the size of the picture finds nothing;
- a box that overlaps a key box by intersection over union `box_iou` finds it
  (a box a few pixels off);
- a box inside a long item finds it when it spans `box_part_width` of the
  item's width and most of its height, and `box_part_inside` of the box lies on
  it (the surname of "UNDERHILL, Winston H");
- a span finds a key span of the same field when it covers `span_overlap` of
  its characters, or `span_words` whole identifying words of it ("village
  fete"), and `span_tight` of the selection lies on what it finds;
- a header field finds the key's field of the same asset and tag.

A key finding the mark overlaps without finding is "touched", with the reason
(too loose, or too small a part), so feedback never calls it "nothing here".
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from safeshare.grade.answer import AnswerLocation, Point
from safeshare.grade.rubric import Rubric
from safeshare.model.key import Finding
from safeshare.model.locations import Box, MetaField, Span

__all__ = ["Cover", "KeyIndex", "Touch", "content_words", "key_lines", "touching"]

_WORD = re.compile(r"[0-9A-Za-z\u00c0-\u024f]+(?:['\u2019][A-Za-z]+)?")
_STOP = frozenset(
    {
        *("a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "is", "it", "its"),
        *("of", "on", "or", "our", "the", "their", "this", "to", "was", "were", "with", "who"),
        *("her", "his", "him", "she", "he", "they", "them", "my", "me", "we", "you", "your"),
    }
)


@dataclass(frozen=True, slots=True)
class Touch:
    """A key finding a mark overlaps but does not find, and why not."""

    index: int
    """The finding's index in the key."""
    reason: Literal["loose", "small"]
    """loose: the mark covers it but is much bigger than what it covers; small: it covers
    too little of it."""


@dataclass(frozen=True, slots=True)
class Cover:
    """What one mark's location does to the key."""

    found: tuple[int, ...]
    """Indices (in the key's order) of the findings it finds, whatever its category."""
    quality: float
    """How closely it fits what it finds, in (0, 1] (0 when it finds nothing): ties go to the
    closest mark."""
    touched: tuple[Touch, ...]
    """Findings it overlaps without finding."""


_NOTHING = Cover(found=(), quality=0.0, touched=())


def content_words(evidence: str, start: int) -> tuple[tuple[int, int], ...]:
    """The identifying words of a key span whose text is `evidence`, as absolute offsets.

    Identifying words are words with a digit, or of three letters or more that are not
    small function words ("at", "the", "for").
    """
    words = []
    for m in _WORD.finditer(evidence):
        token = m.group(0)
        if any(ch.isdigit() for ch in token) or (len(token) >= 3 and token.lower() not in _STOP):
            words.append((start + m.start(), start + m.end()))
    return tuple(words)


def _same_line(a: Box, b: Box) -> bool:
    """Two key boxes on one line of text: of a height, sharing most of it, and close."""
    low, high = min(a.h, b.h), max(a.h, b.h)
    if high > 1.6 * low:
        return False
    shared = min(a.y + a.h, b.y + b.h) - max(a.y, b.y)
    if shared < 0.5 * low:
        return False
    gap = max(a.x, b.x) - min(a.x + a.w, b.x + b.w)
    return gap <= 1.5 * high


def touching(marks: Sequence[Box], others: Sequence[Box]) -> list[bool]:
    """For each mark, whether it shares any pixel with any of `others` (all in one go)."""
    if not marks or not others:
        return [False] * len(marks)
    a = np.array([[b.x, b.y, b.x + b.w, b.y + b.h] for b in marks])
    b = np.array([[o.x, o.y, o.x + o.w, o.y + o.h] for o in others])
    ix = np.minimum(a[:, None, 2], b[None, :, 2]) - np.maximum(a[:, None, 0], b[None, :, 0])
    iy = np.minimum(a[:, None, 3], b[None, :, 3]) - np.maximum(a[:, None, 1], b[None, :, 1])
    hits: list[bool] = ((ix > 0) & (iy > 0)).any(axis=1).tolist()
    return hits


def key_lines(boxes: Sequence[Box]) -> tuple[int, ...]:
    """A line number for each box: boxes side by side on one line of text share one."""
    parent = list(range(len(boxes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            if boxes[i].asset == boxes[j].asset and _same_line(boxes[i], boxes[j]):
                parent[root(j)] = root(i)
    roots: dict[int, int] = {}
    return tuple(roots.setdefault(root(i), len(roots)) for i in range(len(boxes)))


def _union_area(rects: list[tuple[int, int, int, int]]) -> int:
    """The area covered by rectangles given as (x0, y0, x1, y1)."""
    if len(rects) == 1:
        x0, y0, x1, y1 = rects[0]
        return (x1 - x0) * (y1 - y0)
    xs = sorted({x for r in rects for x in (r[0], r[2])})
    area = 0
    for left, right in itertools.pairwise(xs):
        spans = sorted((r[1], r[3]) for r in rects if r[0] <= left and r[2] >= right)
        covered, top, bottom = 0, None, None
        for y0, y1 in spans:
            if bottom is None or y0 > bottom:
                if bottom is not None and top is not None:
                    covered += bottom - top
                top, bottom = y0, y1
            else:
                bottom = max(bottom, y1)
        if bottom is not None and top is not None:
            covered += bottom - top
        area += covered * (right - left)
    return area


class KeyIndex:
    """The key's findings arranged for fast look-up by asset (and field), built once a grade."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = tuple(findings)
        self._boxes: dict[str, list[int]] = defaultdict(list)
        self._spans: dict[tuple[str, str], list[int]] = defaultdict(list)
        self._meta: dict[tuple[str, str], list[int]] = defaultdict(list)
        boxes: list[Box] = []
        box_ids: list[int] = []
        self._words: dict[int, tuple[tuple[int, int], ...]] = {}
        for i, f in enumerate(self.findings):
            loc = f.location
            if isinstance(loc, Box):
                self._boxes[loc.asset].append(i)
                boxes.append(loc)
                box_ids.append(i)
            elif isinstance(loc, Span):
                self._spans[(loc.asset, loc.field)].append(i)
                # A key span's evidence is its very words (the renderer records them).
                exact = len(f.evidence) == loc.length
                self._words[i] = content_words(f.evidence, loc.start) if exact else ()
            else:
                self._meta[(loc.asset, loc.tag)].append(i)
        self.line_of: dict[int, int] = dict(zip(box_ids, key_lines(boxes), strict=True))

    def line_mates(self, index: int) -> tuple[int, ...]:
        """The other key boxes on the same line of text as this one."""
        line = self.line_of.get(index)
        if line is None:
            return ()
        return tuple(i for i, n in self.line_of.items() if n == line and i != index)

    def cover(self, location: AnswerLocation, rubric: Rubric) -> Cover:
        """What a mark at this location finds and touches."""
        if isinstance(location, Point):
            return self._click(location.asset, location.x, location.y)
        if isinstance(location, Box):
            if location.w <= rubric.click_size and location.h <= rubric.click_size:
                return self._click(
                    location.asset, location.x + location.w / 2, location.y + location.h / 2
                )
            return self._box(location, rubric)
        if isinstance(location, Span):
            return self._span(location, rubric)
        assert isinstance(location, MetaField)
        found = self._meta.get((location.asset, location.tag), ())
        return Cover(found=tuple(found), quality=1.0, touched=()) if found else _NOTHING

    def cover_all(self, locations: Sequence[AnswerLocation], rubric: Rubric) -> list[Cover]:
        """cover() for many marks at once: boxes that touch no key box are set aside in bulk."""
        out: list[Cover] = [_NOTHING] * len(locations)
        boxes: dict[str, list[tuple[int, Box]]] = defaultdict(list)
        for n, loc in enumerate(locations):
            if isinstance(loc, Box) and (loc.w > rubric.click_size or loc.h > rubric.click_size):
                if loc.asset in self._boxes:
                    boxes[loc.asset].append((n, loc))
            else:
                out[n] = self.cover(loc, rubric)
        for asset, marks in boxes.items():
            keys = [self._key_box(i) for i in self._boxes[asset]]
            hits = touching([b for _, b in marks], keys)
            for (n, box), hit in zip(marks, hits, strict=True):
                if hit:
                    out[n] = self._box(box, rubric)
        return out

    def _key_box(self, i: int) -> Box:
        loc = self.findings[i].location
        assert isinstance(loc, Box)
        return loc

    def _click(self, asset: str, x: float, y: float) -> Cover:
        boxes = self._boxes.get(asset, ())
        found = tuple(i for i in boxes if self._key_box(i).contains_point(x, y))
        return Cover(found=found, quality=1.0, touched=()) if found else _NOTHING

    def _box(self, mark: Box, rubric: Rubric) -> Cover:
        mx0, my0, mx1, my1 = mark.x, mark.y, mark.x + mark.w, mark.y + mark.h
        area = mark.w * mark.h
        inside: list[int] = []
        overlapping: list[tuple[int, int, int, int]] = []  # (index, shared area, shared w, h)
        for i in self._boxes.get(mark.asset, ()):
            k = self._key_box(i)
            iw = min(mx1, k.x + k.w) - max(mx0, k.x)
            ih = min(my1, k.y + k.h) - max(my0, k.y)
            if iw <= 0 or ih <= 0:
                continue
            overlapping.append((i, iw * ih, iw, ih))
            if iw * ih >= rubric.box_contain * k.area:
                inside.append(i)
        if not overlapping:
            return _NOTHING
        found: dict[int, float] = {}
        tight = 0.0
        if inside:
            hulls: dict[int, list[int]] = {}
            for i in inside:
                k = self._key_box(i)
                hull = hulls.setdefault(self.line_of[i], [k.x, k.y, k.x + k.w, k.y + k.h])
                hull[0], hull[1] = min(hull[0], k.x), min(hull[1], k.y)
                hull[2], hull[3] = max(hull[2], k.x + k.w), max(hull[3], k.y + k.h)
            clipped = [
                (max(h[0], mx0), max(h[1], my0), min(h[2], mx1), min(h[3], my1))
                for h in hulls.values()
            ]
            tight = _union_area([r for r in clipped if r[0] < r[2] and r[1] < r[3]]) / area
            if tight >= rubric.box_tight:
                found.update(dict.fromkeys(inside, tight))
        for i, shared, iw, ih in overlapping:
            k = self._key_box(i)
            iou = shared / (area + k.area - shared)
            part = (
                shared >= rubric.box_part_inside * area
                and iw >= rubric.box_part_width * k.w
                and ih >= rubric.box_contain * k.h
            )
            if iou >= rubric.box_iou or part:
                found[i] = max(found.get(i, 0.0), iou, shared / area if part else 0.0)
        touched = tuple(
            Touch(i, "loose" if i in inside else "small") for i, *_ in overlapping if i not in found
        )
        if not found:
            return Cover(found=(), quality=0.0, touched=touched)
        return Cover(found=tuple(sorted(found)), quality=max(found.values()), touched=touched)

    def _span(self, mark: Span, rubric: Rubric) -> Cover:
        candidates: list[int] = []
        touched: list[Touch] = []
        for i in self._spans.get((mark.asset, mark.field), ()):
            k = self.findings[i].location
            assert isinstance(k, Span)
            shared = k.overlap(mark)
            if shared <= 0:
                continue
            words = self._words.get(i, ())
            inside = sum(1 for s, e in words if mark.start <= s and e <= mark.end)
            enough_words = bool(words) and inside >= min(rubric.span_words, len(words))
            if shared >= rubric.span_overlap * k.length or enough_words:
                candidates.append(i)
            else:
                touched.append(Touch(i, "small"))
        if not candidates:
            return Cover(found=(), quality=0.0, touched=tuple(touched))
        on_key = 0
        end = mark.start
        for i in sorted(candidates, key=lambda i: self._span_start(i)):
            k = self.findings[i].location
            assert isinstance(k, Span)
            lo, hi = max(k.start, end), min(k.end, mark.end)
            if hi > lo:
                on_key += hi - lo
                end = hi
        tight = on_key / mark.length
        if tight < rubric.span_tight:
            touched += [Touch(i, "loose") for i in candidates]
            return Cover(found=(), quality=0.0, touched=tuple(sorted(touched, key=_touch_key)))
        return Cover(found=tuple(sorted(candidates)), quality=tight, touched=tuple(touched))

    def _span_start(self, i: int) -> int:
        loc = self.findings[i].location
        assert isinstance(loc, Span)
        return loc.start


def _touch_key(t: Touch) -> int:
    return t.index
