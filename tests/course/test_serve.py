"""Serving the course: the Voila command is local, offline and hides code."""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest

from safeshare.course import serve as serve_module
from safeshare.course.serve import (
    DEFAULT_CULL_AFTER,
    DEFAULT_POOL_SIZE,
    LAB_ONLY_EXTENSIONS,
    course_dir,
    prepare_cases,
    progress_bar,
    serve,
    voila_command,
)
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
    assert command[1:4] == ["-m", "safeshare.course.voila_app", str(COURSE)]
    assert "--no-browser" in command
    assert "--Voila.ip=127.0.0.1" in command and "--Voila.port=8866" in command
    assert "--VoilaConfiguration.strip_sources=True" in command
    assert "--VoilaConfiguration.show_tracebacks=False" in command
    # unset, Voila's page uses the MathJax bundled in its front end; set, MathJax 2 from there
    assert not any(c.startswith("--Voila.mathjax_url=") for c in command)
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
    assert "serving the course at http://localhost:9002/ (opens module 00" in err
    assert str(tmp_path / "learners") in err
    assert f"shut down after {DEFAULT_CULL_AFTER} s idle" in err


def test_prepare_reports_cases_missing_from_the_bank(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(serve_module, "load_bank", lambda: [])
    rendered: list[object] = []
    monkeypatch.setattr(serve_module, "render_cases", lambda specs, **_: rendered.append(specs))
    missing = prepare_cases()
    assert "E01" in missing and rendered == []


def test_voila_culls_idle_kernels_with_no_page_open() -> None:
    command = voila_command(COURSE, cull_after=45)
    assert "--MappingKernelManager.cull_idle_timeout=45" in command
    assert "--MappingKernelManager.cull_connected=False" in command, "an open page keeps its kernel"
    assert "--MappingKernelManager.cull_busy=False" in command
    interval = next(c for c in command if c.startswith("--MappingKernelManager.cull_interval="))
    assert 1 <= int(interval.split("=")[1]) <= 45
    assert f"--MappingKernelManager.cull_idle_timeout={DEFAULT_CULL_AFTER}" in voila_command(COURSE)
    with pytest.raises(UsageError, match="at least 1 second"):
        voila_command(COURSE, cull_after=0)


def test_voila_leaves_out_the_extensions_made_for_jupyterlab_itself() -> None:
    denied = next(c for c in voila_command(COURSE) if "extension_denylist" in c)
    for name in LAB_ONLY_EXTENSIONS:
        assert f'"{name}"' in denied
    assert "@jupyter/nbgrader" in LAB_ONLY_EXTENSIONS
    assert "anywidget" not in denied and "jupyterlab-manager" not in denied


def test_progress_bar_shows_how_far() -> None:
    assert progress_bar(0, 4, width=8) == "[--------] 0/4"
    assert progress_bar(2, 4, width=8) == "[####----] 2/4"
    assert progress_bar(4, 4, width=8) == "[########] 4/4"
    assert progress_bar(3, 12, width=12) == "[###---------]  3/12"


def test_serve_prepares_module_00_first_and_the_rest_in_the_background(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("SAFESHARE_DATA", str(tmp_path))
    calls: list[tuple[str, ...]] = []

    def fake_render(specs: Sequence[object], **options: object) -> list[Path]:
        calls.append(tuple(str(getattr(s, "id", s)) for s in specs))
        on_done = options.get("on_done")
        for spec in specs:
            if callable(on_done):
                on_done(spec)
        return []

    monkeypatch.setattr(serve_module, "render_cases", fake_render)
    started: list[Sequence[str]] = []
    serve(port=9003, run=lambda c: started.append(c) or 0)
    for thread in threading.enumerate():
        if thread.name == "prepare-cases":
            thread.join(timeout=60)
    assert calls[0] == ("E01",), "module 00's case comes first, before Voila starts"
    assert started, "Voila ran"
    later = {case for batch in calls[1:] for case in batch}
    assert {"E05", "P08"} <= later and "E01" not in later
    err = capsys.readouterr().err
    assert "preparing module 00 [" in err and "1/1" in err
    assert err.index("preparing module 00") < err.index("serving the course at")


def test_preheated_kernels_are_off_by_default_and_can_be_turned_on() -> None:
    assert DEFAULT_POOL_SIZE == 0
    assert not any("preheat" in c for c in voila_command(COURSE))
    command = voila_command(COURSE, pool_size=2)
    assert "--VoilaConfiguration.preheat_kernel=True" in command
    assert "--VoilaConfiguration.default_pool_size=2" in command
    pools = next(c for c in command if c.startswith("--VoilaKernelManager.kernel_pools_config="))
    config = json.loads(pools.split("=", 1)[1])
    assert config == {"default": {"pool_size": 0}, "00-start-here.ipynb": {"pool_size": 2}}
    with pytest.raises(UsageError, match="pool_size"):
        voila_command(COURSE, pool_size=-1)
