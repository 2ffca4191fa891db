"""Variant seeds come from the secret; a learner's variant from a public hash of their id."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from safeshare.assignments.secret import CourseSecret
from safeshare.assignments.variants import MAX_POOL, learner_variant, variant_seed, variant_seeds

A = CourseSecret(value=b"a" * 32, path=Path("a"))
B = CourseSecret(value=b"b" * 32, path=Path("b"))


def test_seeds_are_stable_and_depend_on_every_part() -> None:
    base = variant_seed(A, assignment="pixels", item="q1", index=0)
    assert base == variant_seed(A, assignment="pixels", item="q1", index=0)
    others = {
        variant_seed(B, assignment="pixels", item="q1", index=0),
        variant_seed(A, assignment="story", item="q1", index=0),
        variant_seed(A, assignment="pixels", item="q2", index=0),
        variant_seed(A, assignment="pixels", item="q1", index=1),
    }
    assert base not in others and len(others) == 4
    assert 0 <= base < 2**63


def test_pool_seeds_are_distinct() -> None:
    seeds = variant_seeds(A, assignment="pixels", item="q1", pool=MAX_POOL)
    assert len(set(seeds)) == MAX_POOL


def test_learner_choice_is_public_stable_and_even() -> None:
    assert learner_variant("alice", assignment="p", item="q1", pool=3) == learner_variant(
        "alice", assignment="p", item="q1", pool=3
    )
    counts = Counter(
        learner_variant(f"learner{i}", assignment="p", item="q1", pool=3) for i in range(600)
    )
    assert set(counts) == {0, 1, 2}
    assert min(counts.values()) > 150


def test_items_are_chosen_independently() -> None:
    pairs = {
        (
            learner_variant(f"l{i}", assignment="p", item="q1", pool=3),
            learner_variant(f"l{i}", assignment="p", item="q2", pool=3),
        )
        for i in range(200)
    }
    assert len(pairs) == 9


@pytest.mark.parametrize("pool", [0, MAX_POOL + 1])
def test_pool_bounds(pool: int) -> None:
    with pytest.raises(ValueError, match="pool"):
        learner_variant("alice", assignment="p", item="q1", pool=pool)


def test_index_bounds_and_learner_needed() -> None:
    with pytest.raises(ValueError, match="index"):
        variant_seed(A, assignment="p", item="q1", index=MAX_POOL)
    with pytest.raises(ValueError, match="learner"):
        learner_variant("", assignment="p", item="q1", pool=3)


def test_a_pool_of_eight_spreads_a_cohort_evenly() -> None:
    counts = Counter(
        learner_variant(f"learner{i}", assignment="p", item="q1", pool=8) for i in range(800)
    )
    assert set(counts) == set(range(8))
    assert min(counts.values()) > 60 and max(counts.values()) < 140
