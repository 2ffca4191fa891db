"""Time grade(): the median time to grade one answer (target < 1 ms), and the worst case.

Answers of four kinds per key (the model answer, an empty one, a careless one
with misses, wrong categories and false alarms, and a shuffled noisy one),
against busy synthetic keys (20 findings over pixels, text and metadata) and,
when the bank has cases, every bank case rendered with seed 1 (through the
render cache), graded with the case's view as `safeshare grade` does. Then
answers of 1,000 marks on every bank case (a grid of boxes, every word of the
post in every category, every header row in every category, capped at 1,000):
the most an answer may hold. Prints median, 95th percentile and worst case;
asserts nothing (machines are noisy).
"""

from __future__ import annotations

import random
import re
import statistics
import sys
import time
from dataclasses import replace

from safeshare.grade import Answer, AnswerFinding, Point, answer_from_key, grade
from safeshare.grade.answer import MAX_FINDINGS
from safeshare.model.key import Decoy, Finding, Key
from safeshare.model.locations import Box, Location, MetaField, Span
from safeshare.model.view import CaseView
from safeshare.taxonomy import CATEGORIES, CONSENT_GAPS, category

REPEATS = 200


def _finding(cat: str, location: Location, n: int) -> Finding:
    c = category(cat)
    return Finding(
        id=f"{location.asset}:{cat}:{n}",
        category=cat,
        location=location,
        severity=c.severity.value,
        evidence=f"evidence {n}",
        explanation=c.description,
        guidance=c.guidance,
        remedy=c.remedy,
    )


def synthetic_key(rng: random.Random, n: int) -> Key:
    """A busy case: overlay boxes, post spans, EXIF and DICOM fields, decoys, consent gaps."""
    cats = sorted(CATEGORIES)
    findings = []
    for i in range(n):
        kind = i % 3
        location: Location
        if kind == 0:
            location = Box("frame", rng.randrange(1100), rng.randrange(680), 140, 20)
        elif kind == 1:
            start = rng.randrange(200)
            location = Span("post", rng.choice(["text", "author.bio"]), start, start + 15)
        else:
            location = MetaField(rng.choice(["photo", "study"]), f"Tag{i}")
        findings.append(_finding(rng.choice(cats), location, i + 1))
    decoys = tuple(
        Decoy(
            location=Box("frame", rng.randrange(1100), rng.randrange(680), 80, 18), explanation=""
        )
        for _ in range(5)
    )
    return Key(
        case_id="B01",
        seed=1,
        findings=tuple(findings),
        consent_gaps=tuple(rng.sample(sorted(CONSENT_GAPS), 3)),
        decision="share_after_deidentification",
        decision_reason="Because.",
        decoys=decoys,
    )


def answers_for(
    key: Key, rng: random.Random, *, canvas: tuple[str, int, int] | None = ("frame", 1280, 720)
) -> list[Answer]:
    """Model, empty, careless and shuffled answers to one key (stray boxes on `canvas`)."""
    model = answer_from_key(key)
    cats = sorted(CATEGORIES)
    careless: list[AnswerFinding] = []
    for f in model.findings:
        roll = rng.random()
        if roll < 0.3:
            continue
        if roll < 0.5:
            careless.append(AnswerFinding(rng.choice(cats), f.location))
        elif isinstance(f.location, Box):
            loc = f.location
            careless.append(AnswerFinding(f.category, Point(loc.asset, loc.x + 5, loc.y + 5)))
        else:
            careless.append(f)
    if canvas is not None:
        asset, width, height = canvas
        careless += [
            AnswerFinding(
                rng.choice(cats),
                Box(asset, rng.randrange(width - 60), rng.randrange(height - 20), 60, 20),
            )
            for _ in range(6)
        ]
    shuffled = careless[:]
    rng.shuffle(shuffled)
    return [
        model,
        Answer(case_id=key.case_id, seed=key.seed),
        replace(model, findings=tuple(careless), consent_gaps=model.consent_gaps[:1]),
        replace(model, findings=tuple(shuffled), decision="do_not_share"),
    ]


def bank_cases() -> list[tuple[CaseView, Key]]:
    """Every bank case at seed 1 with its view, when the bank has cases and builds."""
    try:
        from safeshare.cases.bank import load_bank
        from safeshare.cases.cache import load_rendered
        from safeshare.cases.render_many import render_cases

        cases = []
        for folder in render_cases(load_bank(), seed=1):
            view, key = load_rendered(folder)
            if key is not None:
                cases.append((view, key))
        return cases
    except Exception as exc:  # the bench measures grading; a broken bank is reported elsewhere
        print(f"(bank skipped: {str(exc).splitlines()[0][:120]})", file=sys.stderr)
        return []


def thousand_marks(view: CaseView, key: Key) -> list[Answer]:
    """Answers as big as an answer may be: a grid, every word, every header row."""
    cats = sorted(CATEGORIES)
    grid = [
        Box(a.id, x, y, 24, 24)
        for a in view.assets
        if a.markable and a.width and a.height
        for y in range(0, a.height, 24)
        for x in range(0, a.width, 24)
    ]
    fields = view.post.text_fields() if view.post else {}
    words = [
        Span(view.post_asset or "post", name, m.start(), m.end())
        for name, text in fields.items()
        for m in re.finditer(r"\S+", text)
    ]
    tags = [MetaField(a.id, row.tag) for a in view.assets for row in a.metadata]
    out = []
    for marks in (
        [AnswerFinding(cats[i % len(cats)], box) for i, box in enumerate(grid)],
        [AnswerFinding(c, w) for w in words for c in cats],
        [AnswerFinding(c, t) for t in tags for c in cats],
    ):
        if marks:
            # Fill up to 1,000 with the marks again (repeats cost work too).
            full = (marks * (MAX_FINDINGS // len(marks) + 1))[:MAX_FINDINGS]
            out.append(replace(answer_from_key(key), findings=tuple(full)))
    return out


Pair = tuple[Key, Answer, CaseView | None]


def _canvas(view: CaseView) -> tuple[str, int, int] | None:
    """The first picture of a case a learner draws on, if any."""
    for a in view.assets:
        if a.markable and a.width > 60 and a.height > 20:
            return a.id, a.width, a.height
    return None


def timings_ms(pairs: list[Pair], repeats: int) -> tuple[float, float, float]:
    """Median, 95th percentile and worst of one grade() call, in milliseconds."""
    for key, answer, view in pairs:  # warm up (imports, caches)
        grade(key, answer, view=view)
    times = []
    for _ in range(repeats):
        for key, answer, view in pairs:
            start = time.perf_counter_ns()
            grade(key, answer, view=view)
            times.append(time.perf_counter_ns() - start)
    times.sort()
    return (
        statistics.median(times) / 1e6,
        times[int(len(times) * 0.95)] / 1e6,
        times[-1] / 1e6,
    )


def _line(what: str, figures: tuple[float, float, float]) -> str:
    med, p95, worst = figures
    return f"grade(), {what}: median {med:.3f} ms, p95 {p95:.3f} ms, worst {worst:.3f} ms"


def main() -> None:
    rng = random.Random(2025)
    synthetic = [synthetic_key(rng, n) for n in (5, 10, 20, 20)]
    pairs: list[Pair] = [(k, a, None) for k in synthetic for a in answers_for(k, rng)]
    print(_line("synthetic keys (5-20 findings)", timings_ms(pairs, REPEATS)))
    bank = bank_cases()
    if bank:
        pairs = [(k, a, v) for v, k in bank for a in answers_for(k, rng, canvas=_canvas(v))]
        print(_line(f"{len(bank)} bank cases, {len(pairs)} answers", timings_ms(pairs, REPEATS)))
        big = [(k, a, v) for v, k in bank for a in thousand_marks(v, k)]
        print(_line(f"{len(big)} answers of 1,000 marks", timings_ms(big, 3)))
    print("target: median < 1 ms per bank answer")


if __name__ == "__main__":
    main()
