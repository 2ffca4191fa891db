"""Serving the course: the Voila command is local, offline and hides code."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from safeshare.course import serve as serve_module
from safeshare.course.serve import course_dir, serve, voila_command
from safeshare.errors import UsageError

COURSE = Path(__file__).resolve().parents[2] / "course"


def test_course_dir_finds_the_notebooks() -> None:
    assert course_dir() == COURSE
    assert course_dir(COURSE) == COURSE


def test_course_dir_refuses_a_folder_without_notebooks(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no course notebooks"):
        course_dir(tmp_path)


def test_voila_command_is_local_and_offline() -> None:
    command = voila_command(COURSE)
    assert command[1:4] == ["-m", "voila", str(COURSE)]
    assert "--no-browser" in command
    assert "--Voila.ip=127.0.0.1" in command and "--Voila.port=8866" in command
    assert "--VoilaConfiguration.strip_sources=True" in command
    assert "--VoilaConfiguration.show_tracebacks=False" in command
    mathjax = next(c for c in command if c.startswith("--Voila.mathjax_url="))
    assert "://" not in mathjax, "MathJax must not come from a CDN"
    assert not any("http" in part for part in command)
    assert "--Voila.auto_token=True" not in command
    assert "--Voila.auto_token=True" in voila_command(COURSE, token=True)


def test_voila_command_takes_host_and_port() -> None:
    command = voila_command(COURSE, host="0.0.0.0", port=9001)
    assert "--Voila.ip=0.0.0.0" in command and "--Voila.port=9001" in command


def test_serve_runs_voila_and_says_where(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("SAFESHARE_DATA", str(tmp_path))
    ran: list[Sequence[str]] = []
    code = serve(port=9002, prepare=False, run=lambda c: ran.append(c) or 0)
    assert code == 0 and "--Voila.port=9002" in ran[0]
    err = capsys.readouterr().err
    assert "http://localhost:9002/voila/render/00-start-here.ipynb" in err
    assert str(tmp_path / "learners") in err


def test_prepare_reports_cases_missing_from_the_bank(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(serve_module, "load_bank", lambda: [])
    rendered: list[object] = []
    monkeypatch.setattr(serve_module, "render_cases", lambda specs, seed: rendered.append(specs))
    missing = serve_module.prepare_cases()
    assert "E01" in missing and rendered == []
