"""A room of simulated learners, written once per module of tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.dashboard.room import make_room


@pytest.fixture
def room(tmp_path: Path) -> tuple[Path, list[str]]:
    """A data folder with 12 learners who answered E01; (folder, codes)."""
    root = tmp_path / "data"
    return root, make_room(root, 12)
