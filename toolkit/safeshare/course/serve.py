"""Serve the course with Voila: notebooks run, learners see only text and widgets.

Voila starts a kernel per page, so several learners can share one server;
each says who they are and works in their own folder (learner.py). Nothing
is fetched from the internet: the page uses the `safeshare` template (Voila's
lab template without the Font Awesome stylesheets it would fetch from a CDN;
see jupyter/voila/templates/safeshare/), the widget manager and the anywidget
front end are served from the installed packages (JupyterLab extensions made
for JupyterLab itself, nbgrader's and the notebook's, are not loaded: they fail
in a Voila page), MathJax is the copy bundled in Voila's own front end (Voila's
mathjax_url is left unset: set, it loads MathJax 2 from that address), and the
exercises carry their pictures inside the page.

Kernels go away on their own: a kernel with no page connected to it is shut
down after `cull_after` seconds idle (Jupyter Server's culling), so a page
fetched and never opened, a closed tab or a reload costs nothing for long, and
the kernels alive stay near the number of pages open. A page left open keeps
its kernel however long the learner reads.

Start-up serves as soon as module 00 can: its cases are rendered first (with a
progress bar), Voila starts, and the other modules' cases are rendered in the
background into the same cache, module by module (a learner who is quicker
renders the case in their own kernel, once). What is ready is listed in an
index the kernels read (prepared.py), so a page opens a prepared case from its
files without parsing its spec or loading the renderers, and shows the study
charts from PNGs drawn once here.

Kernels start forked (kernel_forker.py): one process imports ipykernel, the widgets
and the course once, and each page's kernel is a fork of it, through the course's
kernelspec (jupyter/kernels/python3). That removes most of a kernel's start-up
CPU, the cost a room arriving together waits behind; `fork_kernels=False`
(`--no-fork`) starts kernels the ordinary way.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from safeshare.cases.bank import load_bank
from safeshare.cases.render_many import render_cases
from safeshare.course.kernel_forker import FORKER_ENV, start_forker
from safeshare.course.learner import data_dir
from safeshare.course.modules import COURSE_SEED, MODULES
from safeshare.course.prepared import (
    PICTURES_PATH,
    PREPARED_ENV,
    PREPARED_URL_ENV,
    PreparedIndex,
)
from safeshare.errors import UsageError

__all__ = [
    "DEFAULT_CULL_AFTER",
    "DEFAULT_HOST",
    "DEFAULT_POOL_SIZE",
    "DEFAULT_PORT",
    "LAB_ONLY_EXTENSIONS",
    "TEMPLATE",
    "course_dir",
    "prepare_cases",
    "prepare_charts",
    "progress_bar",
    "serve",
    "voila_command",
    "voila_env",
]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8866
DEFAULT_CULL_AFTER = 120
"""Seconds a kernel with no page connected may sit idle before it is shut down."""
DEFAULT_POOL_SIZE = 0
"""Preheated kernels kept ready for module 00 (each costs about 150 MiB while it waits).
Off by default (see docs in voila_command and the load benchmark's figures); `--pool-size 2`
turns it on. Under load, Voila's own wait for the request gave up after one 5 s try and
some preheated pages never showed their exercises: learner.when_requested asks again."""
TEMPLATE = "safeshare"
LAB_ONLY_EXTENSIONS = (
    "@jupyter/nbgrader",
    "@jupyter-notebook/lab-extension",
    "@voila-dashboards/jupyterlab-preview",
)
"""JupyterLab extensions installed beside the course that need JupyterLab's own shell;
in a Voila page they fail to activate (console errors), so the page does not load them."""
_JUPYTER_DATA = Path(__file__).resolve().parent / "jupyter"
"""Holds voila/templates/safeshare; put on JUPYTER_PATH so Voila finds the template."""


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
    folder: Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    token: bool = False,
    cull_after: int = DEFAULT_CULL_AFTER,
    pool_size: int = DEFAULT_POOL_SIZE,
) -> list[str]:
    """The Voila command line that serves the course folder offline, culling idle kernels.

    With `pool_size` above 0, Voila keeps that many kernels for module 00 with its
    notebook already run (preheated), so the first page opens without waiting for it;
    the kernel learns the learner from the page address when a request takes it
    (learner.when_requested). Pool kernels are never culled; 0 turns the pool off.
    """
    if cull_after < 1:
        raise UsageError(f"cull_after must be at least 1 second, not {cull_after}")
    if pool_size < 0:
        raise UsageError(f"pool_size must be 0 (no preheated kernels) or more, not {pool_size}")
    denied = ",".join(f'"{name}"' for name in LAB_ONLY_EXTENSIONS)
    command = [
        sys.executable,
        "-m",
        "safeshare.course.voila_app",
        str(folder),
        "--no-browser",
        f"--Voila.ip={host}",
        f"--Voila.port={port}",
        "--Voila.port_retries=0",
        f"--VoilaConfiguration.template={TEMPLATE}",
        "--VoilaConfiguration.theme=light",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        "--VoilaConfiguration.file_allowlist=[]",
        f"--VoilaConfiguration.extension_denylist=[{denied}]",
        "--VoilaExecutor.timeout=300",
        # a busy machine can deliver a cell's output seconds after the cell finished; the
        # default 4 s wait drops it (the page then lacks a widget), so wait longer when late
        "--VoilaExecutor.iopub_timeout=60",
        f"--MappingKernelManager.cull_idle_timeout={cull_after}",
        f"--MappingKernelManager.cull_interval={max(1, min(30, cull_after // 4))}",
        "--MappingKernelManager.cull_connected=False",
        "--MappingKernelManager.cull_busy=False",
    ]
    if pool_size:
        # Module 00 only: every learner opens it first, and a pool per module would keep
        # 9 x pool_size kernels (about 150 MiB each) waiting, never culled.
        pools = {"default": {"pool_size": 0}, MODULES[0].notebook: {"pool_size": pool_size}}
        command += [
            "--VoilaConfiguration.preheat_kernel=True",
            f"--VoilaConfiguration.default_pool_size={pool_size}",
            f"--VoilaKernelManager.kernel_pools_config={json.dumps(pools)}",
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


def progress_bar(done: int, total: int, *, width: int = 24) -> str:
    """'[#########---------------]  9/24': how far a job has come, in one line."""
    filled = width * done // total if total else width
    digits = len(str(total))
    return f"[{'#' * filled}{'-' * (width - filled)}] {done:>{digits}}/{total}"


def _cases(module_ids: Sequence[str] | None = None) -> list[str]:
    """The bank case ids the modules use, in module order, each once."""
    wanted = [c for m in MODULES if module_ids is None or m.id in module_ids for c in m.cases]
    return list(dict.fromkeys(wanted))


def prepare_cases(
    *,
    seed: int = COURSE_SEED,
    modules: Sequence[str] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    jobs: int | None = None,
    index: PreparedIndex | None = None,
) -> list[str]:
    """Render the cases of these modules (all when None) into the cache.

    Returns the ids missing from the bank. `on_progress(done, total)` is called
    after each case, so a first start (nothing cached) can show how far it is.
    Each folder rendered is noted in `index`, when given, for the kernels.
    """
    wanted = _cases(modules)
    bank = {spec.id: spec for spec in load_bank()}
    missing = [c for c in wanted if c not in bank]
    specs = [bank[c] for c in wanted if c in bank]
    if not specs:
        return missing
    done = 0

    def one_done(_: object) -> None:
        nonlocal done
        done += 1
        if on_progress:
            on_progress(done, len(specs))

    folders = render_cases(specs, seed=seed, jobs=jobs, on_done=one_done)
    if index is not None:
        for spec, folder in zip(specs, folders or [], strict=False):
            index.add_case(spec.id, seed=seed, folder=folder)
    return missing


def prepare_charts(index: PreparedIndex) -> None:
    """Draw the study charts to PNG once, so no learner's kernel loads matplotlib."""
    from safeshare.course.study_charts import CHARTS

    for name, draw in CHARTS.items():
        index.add_chart(name, draw())


def _prepare_in_background(
    note: Callable[[str], None], index: PreparedIndex | None = None
) -> threading.Thread:
    """Draw the charts, then render the other modules' cases, module by module, on one worker
    while Voila serves module 00; each module's cases are in the index once all are drawn."""
    rest = [m.id for m in MODULES if m.id != "00"]
    total = len(_cases(rest))
    done_before = 0

    def report(done: int, _: int) -> None:
        now = done_before + done
        if now in {total // 2, total}:  # two lines: Voila's log shares the terminal
            note(f"other modules' cases {progress_bar(now, total)}")

    def work() -> None:
        nonlocal done_before
        try:
            if index is not None:
                prepare_charts(index)
            seen: set[str] = set(_cases(["00"]))
            for module_id in rest:
                fresh = [c for c in _cases([module_id]) if c not in seen]
                prepare_cases(modules=[module_id], on_progress=report, jobs=1, index=index)
                seen.update(fresh)
                done_before += len(fresh)
        except Exception as exc:  # a background job reports; it never stops the server
            note(f"could not prepare every case ahead ({exc}); each renders when first opened")

    thread = threading.Thread(target=work, name="prepare-cases", daemon=True)
    thread.start()
    return thread


def serve(
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    folder: Path | None = None,
    token: bool = False,
    prepare: bool = True,
    cull_after: int = DEFAULT_CULL_AFTER,
    pool_size: int = DEFAULT_POOL_SIZE,
    fork_kernels: bool = True,
    run: Callable[[Sequence[str]], int] | None = None,
) -> int:
    """Prepare module 00, run Voila (the rest prepared meanwhile) until stopped; its exit status."""
    notebooks = course_dir(folder)
    command = voila_command(
        notebooks, host=host, port=port, token=token, cull_after=cull_after, pool_size=pool_size
    )
    live = sys.stderr.isatty()

    def note(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    def bar(done: int, total: int) -> None:
        if live:  # one line redrawn in a terminal; only the last state in a log
            end = "\n" if done == total else ""
            print(f"\rpreparing module 00 {progress_bar(done, total)}", end=end, file=sys.stderr)
        elif done == total:
            note(f"preparing module 00 {progress_bar(done, total)}")

    env = voila_env()
    index: PreparedIndex | None = None
    if prepare:
        index = PreparedIndex(data_dir() / "prepared" / "index.json")
        env[PREPARED_ENV] = str(index.path)
        env[PREPARED_URL_ENV] = f"/{PICTURES_PATH}"  # the course's Voila serves them there
        note("preparing module 00's cases (cached after the first time)")
        missing = prepare_cases(modules=["00"], on_progress=bar, index=index)
        bank = {spec.id for spec in load_bank()}
        missing += [c for c in _cases() if c not in bank and c not in missing]
        if missing:
            note(f"not in the bank yet (their exercises will say so): {', '.join(missing)}")
        note("preparing the other modules' cases in the background")
        _prepare_in_background(note, index)
    shown = "localhost" if host in ("127.0.0.1", "::1") else host
    note(f"learners' work is kept in {data_dir() / 'learners'}")
    note(f"kernels with no page open are shut down after {cull_after} s idle")
    note(f"serving the course at http://{shown}:{port}/ (opens module 00; Ctrl-C stops it)")
    runner = run or (lambda c: _run(c, env))
    folder = Path(tempfile.mkdtemp(prefix="safeshare-kernels-"))  # owner-only, and short:
    forker = _forker(folder, env, note) if fork_kernels else None  # socket paths are limited
    try:
        return runner(command)
    finally:
        if forker is not None:
            _stop(forker)
        shutil.rmtree(folder, ignore_errors=True)


def _forker(
    folder: Path, env: dict[str, str], note: Callable[[str], None]
) -> subprocess.Popen[bytes] | None:
    """Start the kernel forker with its socket in `folder`, and point Voila's kernels at it."""
    try:
        process = start_forker(folder / "forker.sock", env)
    except (OSError, RuntimeError) as exc:
        note(f"kernels start the ordinary way ({exc})")
        return None
    env[FORKER_ENV] = str(folder / "forker.sock")
    note("kernels start forked from one process that has loaded the course")
    return process


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the forker (it stops the kernels it forked) and wait for it."""
    with contextlib.suppress(ProcessLookupError):
        process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _run(command: Sequence[str], env: Mapping[str, str]) -> int:  # pragma: no cover - a server
    """Run Voila until it stops; a SIGTERM to this process stops Voila (and its kernels) too,
    where a plain subprocess.call would leave Voila running on its own."""
    process = subprocess.Popen(list(command), env=dict(env))

    def stop(signum: int, _frame: object) -> None:
        process.send_signal(signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        while True:
            try:
                return process.wait()
            except KeyboardInterrupt:  # Ctrl-C reaches Voila too; let it shut its kernels
                process.send_signal(signal.SIGINT)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.terminate()
                    process.wait()
                return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
