"""Properties of grading on every case of the bank, for several seeds (hypothesis).

Natural marks are credited (a box over the items of a line, a box over part of
a long item, a whole-word part of a key phrase); repeats change nothing;
wrong-category duplicates never take credit away and never raise the score;
the order of the marks never matters; and every shotgun (whole pictures in
every category, grids of boxes, every word, every header row) scores below an
honest answer that finds half the findings, on every case and seed.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safeshare.grade import (
    DEFAULT_RUBRIC,
    Answer,
    AnswerFinding,
    Point,
    Result,
    answer_from_key,
    grade,
)
from safeshare.grade.cover import KeyIndex, content_words
from safeshare.grade.matching import overlaps
from safeshare.model.key import Finding, Key
from safeshare.model.locations import Box, Span
from safeshare.model.view import CaseView
from safeshare.taxonomy import CATEGORIES
from tests.grade.bank_variants import SEEDS, bank_variants
from tests.grade.shotguns import SHOTGUNS, honest_half

pytestmark = pytest.mark.xdist_group("bank")

CATEGORY_IDS = sorted(CATEGORIES)
EXAMPLES = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
Bank = tuple[tuple[CaseView, Key], ...]


@pytest.fixture(scope="module")
def bank() -> Bank:
    return bank_variants()


def _answer(key: Key, marks: list[AnswerFinding] | tuple[AnswerFinding, ...]) -> Answer:
    return Answer(
        case_id=key.case_id,
        seed=key.seed,
        findings=tuple(marks),
        consent_gaps=tuple(dict.fromkeys(key.consent_gaps)),
        decision=key.decision,
    )


def _credited(result: Result) -> set[str]:
    return {f.finding_id for f in (*result.found, *result.partial)}


def _lines(bank: Bank) -> list[tuple[CaseView, Key, tuple[Finding, ...]]]:
    out = []
    for view, key in bank:
        index = KeyIndex(key.findings)
        groups: dict[int, list[Finding]] = defaultdict(list)
        for i, line in index.line_of.items():
            groups[line].append(key.findings[i])
        out += [(view, key, tuple(g)) for g in groups.values() if len(g) > 1]
    return out


def _image(view: CaseView, asset: str) -> tuple[int, int]:
    found = next(a for a in view.assets if a.id == asset)
    return found.width, found.height


@EXAMPLES
@given(data=st.data())
def test_a_box_over_the_items_of_a_line_finds_them_all(bank: Bank, data: st.DataObject) -> None:
    lines = _lines(bank)
    assert lines, "the bank has no line with two key items on it"
    view, key, items = data.draw(st.sampled_from(lines))
    boxes = [f.location for f in items]
    assert all(isinstance(b, Box) for b in boxes)
    x0 = min(b.x for b in boxes if isinstance(b, Box))
    y0 = min(b.y for b in boxes if isinstance(b, Box))
    x1 = max(b.x + b.w for b in boxes if isinstance(b, Box))
    y1 = max(b.y + b.h for b in boxes if isinstance(b, Box))
    pad = data.draw(st.integers(0, 3))
    width, height = _image(view, items[0].location.asset)
    x0, y0 = max(0, x0 - pad), max(0, y0 - pad)
    x1, y1 = min(width, x1 + pad), min(height, y1 + pad)
    category = data.draw(st.sampled_from([f.category for f in items]))
    mark = AnswerFinding(category, Box(items[0].location.asset, x0, y0, x1 - x0, y1 - y0))
    result = grade(key, _answer(key, [mark]), view=view)
    assert {f.id for f in items} <= _credited(result)


def _long_items(bank: Bank) -> list[tuple[CaseView, Key, Finding]]:
    return [
        (view, key, f)
        for view, key in bank
        for f in key.findings
        if isinstance(f.location, Box) and f.location.w >= 3 * f.location.h >= 12
    ]


@EXAMPLES
@given(data=st.data())
def test_a_box_over_part_of_a_long_item_finds_it(bank: Bank, data: st.DataObject) -> None:
    view, key, item = data.draw(st.sampled_from(_long_items(bank)))
    loc = item.location
    assert isinstance(loc, Box)
    share = data.draw(st.floats(0.35, 1.0))
    w = max(1, round(loc.w * share))
    x = loc.x + data.draw(st.integers(0, loc.w - w))
    inset = data.draw(st.integers(0, 1))
    part = Box(loc.asset, x, loc.y + inset, w, loc.h - 2 * inset)
    result = grade(key, _answer(key, [AnswerFinding(item.category, part)]), view=view)
    assert item.id in {f.finding_id for f in result.found}


_TOKEN = re.compile(r"[0-9A-Za-z\u00c0-\u024f]+(?:['\u2019][A-Za-z]+)?")


def _phrases(bank: Bank) -> list[tuple[CaseView, Key, Finding]]:
    return [
        (view, key, f)
        for view, key in bank
        for f in key.findings
        if isinstance(f.location, Span) and content_words(f.evidence, f.location.start)
    ]


@EXAMPLES
@given(data=st.data())
def test_a_whole_word_part_of_a_key_phrase_finds_it(bank: Bank, data: st.DataObject) -> None:
    view, key, item = data.draw(st.sampled_from(_phrases(bank)))
    loc = item.location
    assert isinstance(loc, Span)
    identifying = content_words(item.evidence, loc.start)
    need = min(2, len(identifying))
    first = data.draw(st.integers(0, len(identifying) - need))
    last = data.draw(st.integers(first + need - 1, len(identifying) - 1))
    start, end = identifying[first][0], identifying[last][1]
    part = Span(loc.asset, loc.field, start, end)
    result = grade(key, _answer(key, [AnswerFinding(item.category, part)]), view=view)
    assert item.id in {f.finding_id for f in result.found}, item.evidence[start - loc.start :]


@st.composite
def honest_answers(draw: st.DrawFn, bank: Bank) -> tuple[CaseView, Key, Answer]:
    """A case, and an answer that marks some of its findings (a few a little off, a few in the
    wrong category) and a few spots of its pictures at random."""
    view, key = draw(st.sampled_from(bank))
    marks: list[AnswerFinding] = []
    for f in draw(st.lists(st.sampled_from(key.findings), max_size=8)) if key.findings else []:
        category = f.category if draw(st.booleans()) else draw(st.sampled_from(CATEGORY_IDS))
        loc = f.location
        if isinstance(loc, Box) and draw(st.booleans()):
            loc = replace(
                loc, x=loc.x + draw(st.integers(-2, 2)), y=loc.y + draw(st.integers(-2, 2))
            )
        marks.append(AnswerFinding(category, loc))
    images = [a for a in view.assets if a.markable and a.width > 8 and a.height > 8]
    if images:
        for _ in range(draw(st.integers(0, 4))):
            a = draw(st.sampled_from(images))
            x, y = draw(st.integers(0, a.width - 8)), draw(st.integers(0, a.height - 8))
            size = draw(st.integers(4, 120))
            box = Box(a.id, x, y, min(size, a.width - x), min(size // 3 + 4, a.height - y))
            marks.append(AnswerFinding(draw(st.sampled_from(CATEGORY_IDS)), box))
    return view, key, _answer(key, marks)


def _finds_only(key: Key, mark: AnswerFinding, ids: set[str]) -> bool:
    """Whether everything this mark's location finds is among `ids` (so it can add nothing)."""
    cover = KeyIndex(key.findings).cover(mark.location, DEFAULT_RUBRIC)
    return {key.findings[i].id for i in cover.found} <= ids


@EXAMPLES
@given(data=st.data())
def test_repeats_change_nothing(bank: Bank, data: st.DataObject) -> None:
    view, key, answer = data.draw(honest_answers(bank))
    before = grade(key, answer, view=view)
    found = {f.finding_id for f in before.found}
    copies: list[AnswerFinding] = []
    for f in before.found:
        copies.append(AnswerFinding(f.category, f.location))  # the key's own spot, named rightly
        if isinstance(f.location, Box):
            b = f.location
            copies.append(AnswerFinding(f.category, Point(b.asset, b.x + b.w / 2, b.y + b.h / 2)))
    copies = [c for c in copies if _finds_only(key, c, found)]
    credited = [
        AnswerFinding(f.marked_category, f.marked)
        for f in (*before.found, *before.partial)
        if f.marked is not None and f.marked_category is not None
    ]
    if credited:
        copies += data.draw(st.lists(st.sampled_from(credited), max_size=3))
    after = grade(key, replace(answer, findings=(*answer.findings, *copies)), view=view)
    assert after.score == before.score
    assert _credited(after) == _credited(before)
    assert len(after.false_alarms) == len(before.false_alarms)


@EXAMPLES
@given(data=st.data())
def test_wrong_category_duplicates_take_no_credit_and_add_nothing(
    bank: Bank, data: st.DataObject
) -> None:
    view, key, answer = data.draw(honest_answers(bank))
    before = grade(key, answer, view=view)
    found = {f.finding_id for f in before.found}
    others = {f.category: [c for c in CATEGORY_IDS if c != f.category] for f in before.found}
    duplicates = [
        AnswerFinding(data.draw(st.sampled_from(others[f.category])), f.location)
        for f in before.found
    ]
    duplicates = [d for d in duplicates if _finds_only(key, d, found)]
    after = grade(key, replace(answer, findings=(*answer.findings, *duplicates)), view=view)
    assert after.score <= before.score
    assert after.tally.credit == before.tally.credit
    assert {f.finding_id for f in after.found} == found
    assert len(after.false_alarms) == len(before.false_alarms)


@EXAMPLES
@given(data=st.data(), rng=st.randoms(use_true_random=False))
def test_the_order_of_the_marks_never_matters(
    bank: Bank, data: st.DataObject, rng: random.Random
) -> None:
    view, key, answer = data.draw(honest_answers(bank))
    shuffled = list(answer.findings)
    rng.shuffle(shuffled)
    again = grade(key, replace(answer, findings=tuple(shuffled)), view=view)
    assert again.to_dict() == grade(key, answer, view=view).to_dict()


def test_the_model_answer_scores_one_on_every_variant(bank: Bank) -> None:
    for view, key in bank:
        assert grade(key, answer_from_key(key), view=view).score == 1.0, key.case_id


def test_every_shotgun_scores_below_an_honest_half_answer(bank: Bank) -> None:
    assert {key.seed for _, key in bank} == set(SEEDS)
    failures = []
    for view, key in bank:
        honest = grade(key, honest_half(key), view=view).score
        for shotgun in SHOTGUNS:
            answer = shotgun(view, key)
            if not answer.findings:
                continue  # nothing of this kind to mark in this case
            score = grade(key, answer, view=view).score
            if score >= honest:
                failures.append(f"{key.case_id} seed {key.seed} {shotgun.__name__}: {score:.3f}")
    assert not failures, f"shotguns at or above the honest half answer: {failures}"


@EXAMPLES
@given(data=st.data())
def test_a_mark_over_a_key_item_is_never_told_nothing_is_there(
    bank: Bank, data: st.DataObject
) -> None:
    view, key, answer = data.draw(honest_answers(bank))
    result = grade(key, answer, view=view)
    for alarm in result.false_alarms:
        on = [f.id for f in key.findings if overlaps(alarm.location, f.location) > 0]
        if on:
            assert alarm.kind in ("loose", "small") and set(alarm.overlaps) == set(on)
            assert "Nothing at this spot" not in alarm.message
            assert "do not identify" not in alarm.message
