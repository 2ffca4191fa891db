"""Fixtures: a fixed course secret in a file of its own, outside any course folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from safeshare.assignments.secret import SECRET_ENV, CourseSecret, load_secret
from tests.assignments.nbgrader_course import FIXED_SECRET


@pytest.fixture
def secret_file(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path_factory.mktemp("educator") / "course.secret"
    path.write_text(FIXED_SECRET + "\n", encoding="ascii")
    monkeypatch.setenv(SECRET_ENV, str(path))
    return path


@pytest.fixture
def secret(secret_file: Path) -> CourseSecret:
    return load_secret("safeshare")
