"""Answers that mark everything (shotguns) and an honest answer that finds half, for any case.

A shotgun needs no knowledge of the key: it marks whole pictures in every
category, grids of small boxes cycling through the categories, every word of
the post, every header row. Each must score below the honest half answer.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from itertools import cycle, islice

from safeshare.grade import DEFAULT_RUBRIC, Answer, AnswerFinding
from safeshare.grade.answer import MAX_FINDINGS
from safeshare.model.key import Key
from safeshare.model.locations import Box, MetaField, Span
from safeshare.model.view import AssetView, CaseView
from safeshare.taxonomy import CATEGORIES

CATEGORY_IDS = sorted(CATEGORIES)
_WORD = re.compile(r"\S+")


def _images(view: CaseView) -> list[AssetView]:
    return [a for a in view.assets if a.markable and a.width > 0 and a.height > 0]


def _answer(key: Key, marks: Iterator[AnswerFinding]) -> Answer:
    return Answer(
        case_id=key.case_id,
        seed=key.seed,
        findings=tuple(islice(marks, MAX_FINDINGS)),
        consent_gaps=tuple(dict.fromkeys(key.consent_gaps)),
        decision=key.decision,
    )


def whole_pictures(view: CaseView, key: Key) -> Answer:
    """Every picture boxed whole, once in every category."""
    return _answer(
        key,
        (
            AnswerFinding(c, Box(a.id, 0, 0, a.width, a.height))
            for a in _images(view)
            for c in CATEGORY_IDS
        ),
    )


def grid(w: int, h: int) -> Callable[[CaseView, Key], Answer]:
    """Every picture tiled with w x h boxes, the categories taken in turn."""

    def shotgun(view: CaseView, key: Key) -> Answer:
        cells = (
            Box(a.id, x, y, w, h)
            for a in _images(view)
            for y in range(0, a.height, h)
            for x in range(0, a.width, w)
        )
        marks = (AnswerFinding(c, cell) for c, cell in zip(cycle(CATEGORY_IDS), cells))
        return _answer(key, marks)

    shotgun.__name__ = f"grid_{w}x{h}"
    return shotgun


def _words(view: CaseView) -> list[Span]:
    if view.post is None:
        return []
    asset = view.post_asset or "post"
    return [
        Span(asset, name, m.start(), m.end())
        for name, text in view.post.text_fields().items()
        for m in _WORD.finditer(text)
    ]


def every_word(view: CaseView, key: Key) -> Answer:
    """Every word of the post, the categories taken in turn."""
    words = _words(view)
    return _answer(key, (AnswerFinding(c, w) for c, w in zip(cycle(CATEGORY_IDS), words)))


def every_word_every_category(view: CaseView, key: Key) -> Answer:
    """Every word of the post in every category (as many as an answer may hold)."""
    return _answer(key, (AnswerFinding(c, w) for w in _words(view) for c in CATEGORY_IDS))


def _tags(view: CaseView) -> list[MetaField]:
    return [MetaField(a.id, row.tag) for a in view.assets for row in a.metadata]


def every_tag(view: CaseView, key: Key) -> Answer:
    """Every header row in every category."""
    return _answer(key, (AnswerFinding(c, t) for t in _tags(view) for c in CATEGORY_IDS))


def every_tag_in_turn(view: CaseView, key: Key) -> Answer:
    """Every header row, the categories taken in turn."""
    return _answer(key, (AnswerFinding(c, t) for c, t in zip(cycle(CATEGORY_IDS), _tags(view))))


def everything(view: CaseView, key: Key) -> Answer:
    """Header rows, words and 48 px cells together, the categories taken in turn."""
    places = [*_tags(view), *_words(view)]
    places += [
        Box(a.id, x, y, 48, 48)
        for a in _images(view)
        for y in range(0, a.height, 48)
        for x in range(0, a.width, 48)
    ]
    return _answer(key, (AnswerFinding(c, p) for c, p in zip(cycle(CATEGORY_IDS), places)))


SHOTGUNS: tuple[Callable[[CaseView, Key], Answer], ...] = (
    whole_pictures,
    grid(16, 16),
    grid(32, 32),
    grid(48, 24),
    grid(64, 64),
    grid(96, 24),
    grid(128, 32),
    every_word,
    every_word_every_category,
    every_tag,
    every_tag_in_turn,
    everything,
)


def honest_half(key: Key) -> Answer:
    """The key's findings that weigh least, half of them (rounded up), marked exactly."""
    weight = DEFAULT_RUBRIC.severity_weight
    ranked = sorted(key.findings, key=lambda f: (weight(f.severity), f.id))
    chosen = ranked[: math.ceil(len(ranked) / 2)]
    return _answer(key, (AnswerFinding(f.category, f.location) for f in chosen))
