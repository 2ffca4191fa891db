"""Shared fixtures: an isolated render cache and the bank rendered once per run."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point the render cache at a folder shared by this run's workers, not the user's cache."""
    root = tmp_path_factory.getbasetemp().parent / "safeshare-cache"
    root.mkdir(parents=True, exist_ok=True)
    old = os.environ.get("SAFESHARE_CACHE")
    os.environ["SAFESHARE_CACHE"] = str(root)
    yield root
    if old is None:
        os.environ.pop("SAFESHARE_CACHE", None)
    else:
        os.environ["SAFESHARE_CACHE"] = old
