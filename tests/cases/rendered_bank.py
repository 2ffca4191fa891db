"""The whole bank rendered once per test run (through the shared cache)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from safeshare.cases.bank import load_bank
from safeshare.cases.cache import load_rendered
from safeshare.cases.render_many import render_cases
from safeshare.model.key import Key
from safeshare.model.view import CaseView


@lru_cache(maxsize=1)
def rendered_bank() -> tuple[tuple[Path, CaseView, Key], ...]:
    specs = load_bank()
    out = []
    for folder in render_cases(specs, seed=1, jobs=1):
        view, key = load_rendered(folder)
        assert key is not None
        out.append((folder, view, key))
    return tuple(out)
