"""Fixtures for the widget model tests: a hand-built case folder and a clean working folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.widgets.case_folder import make_case_folder


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder (the notebook's folder), made the current directory."""
    work = tmp_path / "notebooks"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    return work


@pytest.fixture
def case_folder(tmp_path: Path) -> Path:
    """A rendered case folder with its key (self-paced)."""
    return make_case_folder(tmp_path / "cases")


@pytest.fixture
def graded_folder(tmp_path: Path) -> Path:
    """The same case as a graded release: no key.json."""
    return make_case_folder(tmp_path / "release", with_key=False)
