"""Driving JupyterLab in Debian's Chromium: start a server, open a notebook, use the widget.

Shared by the browser tests (through conftest fixtures) and by
benchmarks/bench_check_latency.py. JupyterLab runs on 127.0.0.1 on a free
port, in a temporary folder, with no token, no browser of its own, no news or
update checks, and its settings, workspaces and runtime files kept in the
temporary folder too. Chromium is /usr/bin/chromium driven by playwright's
sync API; `playwright install` is never needed or run.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
LAB_START_TIMEOUT = 90.0
WIDGET = ".ss-exercise"


def browser_problems() -> list[str]:
    """Why a browser test cannot run here (empty when it can)."""
    problems = []
    if not CHROMIUM.exists():
        problems.append(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problems.append("the playwright package is not installed (pip install -e '.[dev]')")
    return problems


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Lab:
    """A running JupyterLab: its URL, the folder it serves and its log."""

    url: str
    root: Path
    log: Path

    def notebook_url(self, name: str) -> str:
        return f"{self.url}/lab/tree/{name}?reset"  # a fresh workspace: only this notebook


def _quiet_settings(folder: Path) -> None:
    """User settings that keep Lab quiet and offline: no news, no update checks."""
    notify = folder / "@jupyterlab" / "apputils-extension"
    notify.mkdir(parents=True, exist_ok=True)
    (notify / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8"
    )


@contextmanager
def running_server(
    command: list[str],
    *,
    cwd: Path,
    env: dict[str, str],
    log: Path,
    ready_url: str,
    name: str,
    timeout: float = LAB_START_TIMEOUT,
) -> Iterator[subprocess.Popen[bytes]]:
    """Start a local server, wait until `ready_url` answers 200, and always stop it after."""
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited early:\n{log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(ready_url, timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not start in time:\n{log.read_text()[-3000:]}")
            time.sleep(0.3)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def running_lab(base: Path) -> Iterator[Lab]:
    """Start JupyterLab serving base/work; stop it (and only it) on exit."""
    root = base / "work"
    root.mkdir(parents=True, exist_ok=True)
    _quiet_settings(base / "settings")
    port = free_port()
    env = {
        **os.environ,
        "JUPYTERLAB_SETTINGS_DIR": str(base / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(base / "workspaces"),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        "PYTHONUNBUFFERED": "1",
    }
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--port-retries=0",
        "--no-browser",
        "--ServerApp.open_browser=False",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        f"--ServerApp.root_dir={root}",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = base / "lab.log"
    url = f"http://127.0.0.1:{port}"
    with running_server(
        command, cwd=root, env=env, log=log, ready_url=f"{url}/api/status", name="JupyterLab"
    ):
        yield Lab(url=url, root=root, log=log)


@contextmanager
def launched_chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, through playwright's sync API."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


# Using a notebook


def open_notebook(page: Any, lab: Lab, name: str) -> None:
    """Open a notebook in Lab and wait until its kernel is idle."""
    page.goto(lab.notebook_url(name))
    page.wait_for_selector(".jp-Notebook .jp-Cell", state="attached", timeout=60_000)
    page.wait_for_function(
        """() => {
          const app = window.jupyterapp;
          const panel = app && app.shell.currentWidget;
          const kernel = panel && panel.sessionContext && panel.sessionContext.session
            && panel.sessionContext.session.kernel;
          return Boolean(kernel && kernel.status === "idle");
        }""",
        timeout=90_000,
    )


def run_all(page: Any, *, timeout: float = 120_000) -> Any:
    """Run every cell (Lab's own command) and wait for the exercise widget to be drawn."""
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    widget = page.wait_for_selector(f"{WIDGET} .ss-actions", timeout=timeout)
    page.wait_for_function(
        """() => {
          const img = document.querySelector('.ss-exercise .ss-img');
          return !img || (img.complete && img.naturalWidth > 0);
        }"""
    )
    return widget


def image_to_page(page: Any, x: float, y: float) -> tuple[float, float]:
    """Page coordinates of a pixel of the image shown on the stage."""
    rect = page.evaluate(
        """() => {
          const img = document.querySelector('.ss-exercise .ss-img');
          const r = img.getBoundingClientRect();
          return {left: r.left, top: r.top, width: r.width, height: r.height,
                  nw: img.naturalWidth, nh: img.naturalHeight};
        }"""
    )
    return (
        rect["left"] + x * rect["width"] / rect["nw"],
        rect["top"] + y * rect["height"] / rect["nh"],
    )


def draw_box(page: Any, x: float, y: float, w: float, h: float) -> None:
    """Drag the mouse over the stage from (x, y) to (x + w, y + h), in image pixels."""
    page.locator(f"{WIDGET} .ss-stage").scroll_into_view_if_needed()
    x0, y0 = image_to_page(page, x, y)
    x1, y1 = image_to_page(page, x + w, y + h)
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, steps=4)
    page.mouse.move(x1, y1, steps=4)
    page.mouse.up()


def select_words(page: Any, field: str, start: int, end: int) -> None:
    """Select characters [start, end) of a post field by dragging the mouse over them."""
    field_el = page.locator(f'{WIDGET} [data-field="{field}"]')
    field_el.scroll_into_view_if_needed()
    ends = page.evaluate(
        """([field, start, end]) => {
          const el = document.querySelector(`.ss-exercise [data-field="${field}"]`);
          const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
          const at = (offset) => {
            let node, seen = 0;
            while ((node = walker.nextNode())) {
              if (seen + node.length >= offset) return [node, offset - seen];
              seen += node.length;
            }
            return null;
          };
          const [sn, so] = at(start);
          walker.currentNode = el;
          const [en, eo] = at(end);
          const r1 = document.createRange();
          r1.setStart(sn, so);
          r1.setEnd(sn, Math.min(so + 1, sn.length));
          const r2 = document.createRange();
          r2.setStart(en, Math.max(eo - 1, 0));
          r2.setEnd(en, eo);
          const a = r1.getClientRects()[0];
          const b = r2.getClientRects()[0];
          return {x0: a.left + 1, y0: a.top + a.height / 2,
                  x1: b.right - 1, y1: b.top + b.height / 2};
        }""",
        [field, start, end],
    )
    page.mouse.move(ends["x0"], ends["y0"])
    page.mouse.down()
    page.mouse.move(ends["x1"], ends["y1"], steps=6)
    page.mouse.up()


def choose_category(page: Any, editor: str, category: str) -> None:
    """In the open "what is it?" bar, choose a category and add the mark."""
    bar = page.locator(f"{WIDGET} {editor}")
    bar.locator("select").select_option(category)
    bar.get_by_role("button", name="Add mark").click()


def timed_check(page: Any) -> float:
    """Click Check and return the milliseconds until the score is on screen (performance.now)."""
    return float(
        page.evaluate(
            """() => new Promise((resolve, reject) => {
              const root = document.querySelector('.ss-exercise');
              const panel = root.querySelector('.ss-feedback');
              const shown = () => !panel.hidden && panel.querySelector('.ss-score');
              const t0 = performance.now();
              const observer = new MutationObserver(() => {
                if (shown()) {
                  observer.disconnect();
                  requestAnimationFrame(() => resolve(performance.now() - t0));
                }
              });
              observer.observe(panel, {childList: true, subtree: true, attributes: true});
              setTimeout(() => {
                observer.disconnect();
                reject(new Error('no feedback in 20 s'));
              }, 20000);
              root.querySelector('.ss-check-btn').click();
            })"""
        )
    )


def clear_feedback(page: Any) -> None:
    """Make a change and undo it, so the feedback panel empties (the next Check redraws it)."""
    box = page.locator(f"{WIDGET} .ss-gaps input[type=checkbox]").first
    box.click()
    page.wait_for_selector(f"{WIDGET} .ss-feedback[hidden]", state="attached")
    box.click()
    page.wait_for_function(
        "() => document.querySelector('.ss-exercise .ss-status').textContent.startsWith('Saved')"
    )


def write_notebook(path: Path, *sources: str) -> str:
    """A notebook of code cells (the python3 kernel); returns its file name."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [new_code_cell(source) for source in sources]
    nbformat.write(nb, str(path))
    return path.name


def saved_answer(path: Path, *, findings: int, timeout: float = 15.0) -> Any:
    """The answers file once it holds this many findings (the kernel saves just after the page)."""
    from safeshare.grade import load_answer

    deadline = time.monotonic() + timeout
    while True:
        if path.exists():
            answer = load_answer(path)
            if len(answer.findings) == findings or time.monotonic() > deadline:
                return answer
        elif time.monotonic() > deadline:
            raise AssertionError(f"no answers file at {path} after {timeout:.0f} s")
        time.sleep(0.1)
