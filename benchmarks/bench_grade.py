"""Time grade(): the median time to grade one answer (target < 1 ms).

Answers of four kinds per key (the model answer, an empty one, a careless one
with misses, wrong categories and false alarms, and a shuffled noisy one),
against busy synthetic keys (20 findings over pixels, text and metadata) and,
when the bank has cases, every bank case rendered with seed 1 (through the
render cache). Prints the figures; asserts nothing (machines are noisy).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from dataclasses import replace

from safeshare.grade import Answer, AnswerFinding, Point, answer_from_key, grade
from safeshare.model.key import Decoy, Finding, Key
from safeshare.model.locations import Box, Location, MetaField, Span
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


def answers_for(key: Key, rng: random.Random) -> list[Answer]:
    """Model, empty, careless and shuffled answers to one key."""
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
    careless += [
        AnswerFinding(
            rng.choice(cats), Box("frame", rng.randrange(1200), rng.randrange(700), 60, 20)
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


def bank_keys() -> list[Key]:
    """Every bank case at seed 1, when the bank has cases and builds."""
    try:
        from safeshare.cases.bank import load_bank
        from safeshare.cases.cache import load_rendered
        from safeshare.cases.render_many import render_cases

        keys = []
        for folder in render_cases(load_bank(), seed=1):
            _, key = load_rendered(folder)
            if key is not None:
                keys.append(key)
        return keys
    except Exception as exc:  # the bench measures grading; a broken bank is reported elsewhere
        print(f"(bank skipped: {str(exc).splitlines()[0][:120]})", file=sys.stderr)
        return []


def median_ms(pairs: list[tuple[Key, Answer]]) -> tuple[float, float]:
    """Median and 95th percentile of one grade() call, in milliseconds."""
    for key, answer in pairs:  # warm up (imports, caches)
        grade(key, answer)
    times = []
    for _ in range(REPEATS):
        for key, answer in pairs:
            start = time.perf_counter_ns()
            grade(key, answer)
            times.append(time.perf_counter_ns() - start)
    times.sort()
    return statistics.median(times) / 1e6, times[int(len(times) * 0.95)] / 1e6


def main() -> None:
    rng = random.Random(2025)
    synthetic = [synthetic_key(rng, n) for n in (5, 10, 20, 20)]
    pairs = [(key, answer) for key in synthetic for answer in answers_for(key, rng)]
    med, p95 = median_ms(pairs)
    print(f"grade(), synthetic keys (5-20 findings): median {med:.3f} ms, p95 {p95:.3f} ms")
    bank = bank_keys()
    if bank:
        pairs = [(key, answer) for key in bank for answer in answers_for(key, rng)]
        med, p95 = median_ms(pairs)
        print(f"grade(), {len(bank)} bank cases: median {med:.3f} ms, p95 {p95:.3f} ms")
    print("target: median < 1 ms per answer")


if __name__ == "__main__":
    main()
