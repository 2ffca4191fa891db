"""Serve the course with Voila: notebooks run, learners see only text and widgets.

Voila starts a kernel per page, so several learners can share one server;
each says who they are and works in their own folder (learner.py). Nothing
is fetched from the internet: the page uses the `safeshare` template (Voila's
lab template without the Font Awesome stylesheets it would fetch from a CDN;
see jupyter/voila/templates/safeshare/), the widget manager and the anywidget
front end are served from the installed packages, MathJax is pointed at a
local address (the course uses no mathematics), and the exercises carry their
pictures inside the page.

Before Voila starts, the cases the modules use are rendered into the cache
(in parallel), so the first learner to open a module does not wait for them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from safeshare.cases.bank import load_bank
from safeshare.cases.render_many import render_cases
from safeshare.course.learner import data_dir
from safeshare.course.modules import MODULES
from safeshare.course.page import COURSE_SEED
from safeshare.errors import UsageError

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "START_PAGE",
    "TEMPLATE",
    "course_dir",
    "prepare_cases",
    "serve",
    "voila_command",
    "voila_env",
]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8866
START_PAGE = "voila/render/00-start-here.ipynb"
TEMPLATE = "safeshare"
_JUPYTER_DATA = Path(__file__).resolve().parent / "jupyter"
"""Holds voila/templates/safeshare; put on JUPYTER_PATH so Voila finds the template."""
_LOCAL_MATHJAX = "/static/no-mathjax.js"
"""MathJax would come from cdnjs by default; a local address means it is never fetched."""


def course_dir(explicit: Path | None = None) -> Path:
    """The folder of course notebooks: the one given, else course/ beside the package source."""
    default = Path(__file__).resolve().parents[3] / "course"
    folder = explicit if explicit is not None else default
    if not (folder / "00-start-here.ipynb").is_file():
        raise UsageError(
            f"{folder}: no course notebooks here (00-start-here.ipynb); give --course-dir"
        )
    return folder


def voila_command(
    folder: Path, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, token: bool = False
) -> list[str]:
    """The Voila command line that serves the course folder offline."""
    command = [
        sys.executable,
        "-m",
        "voila",
        str(folder),
        "--no-browser",
        f"--Voila.ip={host}",
        f"--Voila.port={port}",
        "--Voila.port_retries=0",
        f"--Voila.mathjax_url={_LOCAL_MATHJAX}",
        f"--VoilaConfiguration.template={TEMPLATE}",
        "--VoilaConfiguration.theme=light",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        "--VoilaConfiguration.file_allowlist=[]",
        "--VoilaExecutor.timeout=300",
    ]
    if token:
        command.append("--Voila.auto_token=True")
    return command


def voila_env(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for Voila: the caller's, with the safeshare template on JUPYTER_PATH."""
    env = dict(os.environ if environ is None else environ)
    paths = [str(_JUPYTER_DATA), *[p for p in env.get("JUPYTER_PATH", "").split(os.pathsep) if p]]
    env["JUPYTER_PATH"] = os.pathsep.join(paths)
    return env


def prepare_cases(
    *, seed: int = COURSE_SEED, on_note: Callable[[str], None] | None = None
) -> list[str]:
    """Render every case the modules use into the cache; returns the ids missing from the bank."""
    wanted = [c for m in MODULES for c in m.cases]
    bank = {spec.id: spec for spec in load_bank()}
    missing = [c for c in wanted if c not in bank]
    specs = [bank[c] for c in dict.fromkeys(wanted) if c in bank]
    if on_note:
        on_note(f"preparing {len(specs)} cases for the course (cached after the first time)...")
    if specs:
        render_cases(specs, seed=seed)
    return missing


def serve(
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    folder: Path | None = None,
    token: bool = False,
    prepare: bool = True,
    run: Callable[[Sequence[str]], int] | None = None,
) -> int:
    """Prepare the cases, then run Voila until it is stopped; returns its exit status."""
    notebooks = course_dir(folder)

    def note(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    if prepare:
        missing = prepare_cases(on_note=note)
        if missing:
            note(f"not in the bank yet (their exercises will say so): {', '.join(missing)}")
    shown = "localhost" if host in ("127.0.0.1", "::1") else host
    note(f"learners' work is kept in {data_dir() / 'learners'}")
    note(f"open http://{shown}:{port}/{START_PAGE} (Ctrl-C stops the server)")
    command = voila_command(notebooks, host=host, port=port, token=token)
    runner = run or _run
    return runner(command)


def _run(command: Sequence[str]) -> int:  # pragma: no cover - starts a server
    try:
        return subprocess.call(list(command), env=voila_env())
    except KeyboardInterrupt:
        return 0
