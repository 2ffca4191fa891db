"""The whole bank rendered with several seeds (through the shared cache), with each case's view."""

from __future__ import annotations

from functools import cache

from safeshare.cases.bank import load_bank
from safeshare.cases.cache import load_rendered
from safeshare.cases.render_many import render_cases
from safeshare.model.key import Key
from safeshare.model.view import CaseView
from tests.cases.rendered_bank import rendered_bank

SEEDS = (1, 2, 3)
"""Variants differ in values, positions and which identifiers are present at all."""


@cache
def bank_variant(seed: int) -> tuple[tuple[CaseView, Key], ...]:
    """Every bank case rendered with this seed: (view, key) pairs, in bank order."""
    if seed == 1:
        return tuple((view, key) for _, view, key in rendered_bank())
    out = []
    for folder in render_cases(load_bank(), seed=seed, jobs=1):
        view, key = load_rendered(folder)
        assert key is not None
        out.append((view, key))
    return tuple(out)


def bank_variants() -> tuple[tuple[CaseView, Key], ...]:
    """Every bank case with every seed of SEEDS."""
    return tuple(pair for seed in SEEDS for pair in bank_variant(seed))
