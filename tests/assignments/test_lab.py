"""`make lab`, run for real: the exchange is made, the Formgrader lists the assignments, no news.

The Makefile and the course folder are copied into a temporary folder (with the
project's virtualenv linked in), so the exchange and the gradebook that the
Formgrader creates land there, not in the checkout. `make` runs the real `lab`
target (setup is taken as done) on a free port of 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.assignments.nbgrader_course import REPO
from tests.browser.harness import free_port

pytestmark = pytest.mark.slow

TOKEN = "lab-test-token"
WORKING_FOLDERS = (
    *("exchange", "cache", "release", "submitted", "autograded", "feedback"),
    *("gradebook.db*", "report", ".ipynb_checkpoints"),
)
"""What nbgrader writes into the checkout's course folder: not copied, the copy starts clean."""
START_TIMEOUT = 120.0


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"{url}?token={TOKEN}", timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, Path]]:
    """The base URL of `make lab`, the project copy it runs in, and its log."""
    if shutil.which("make") is None:
        pytest.fail("`make lab` needs make (apt-get install make)")
    project = tmp_path_factory.mktemp("project")
    shutil.copy(REPO / "Makefile", project / "Makefile")
    shutil.copytree(
        REPO / "assignments",
        project / "assignments",
        ignore=shutil.ignore_patterns(*WORKING_FOLDERS),
    )
    (project / "course").mkdir()
    (project / ".venv").symlink_to(REPO / ".venv")
    home = tmp_path_factory.mktemp("home")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SAFESHARE_", "JUPYTER"))},
        "JUPYTER_TOKEN": TOKEN,
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "SAFESHARE_SECRET_FILE": str(home / "none.secret"),
    }
    port = free_port()
    log = home / "lab.log"
    stamp = ".venv/.safeshare-installed"  # the virtualenv is ready: never reinstall it here
    with log.open("w") as out:
        process = subprocess.Popen(
            ["make", "-o", stamp, "lab", f"LAB_PORT={port}"],
            cwd=project,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # make, its shell and jupyter: one group, stopped together
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"make lab exited early:\n{log.read_text()[-3000:]}")
            try:
                if _get(f"{url}/api/status")[0] == 200:
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"make lab did not start in time:\n{log.read_text()[-3000:]}")
            time.sleep(0.5)
        yield url, project, log
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def test_make_lab_creates_the_exchange_the_formgrader_needs(lab: tuple[str, Path, Path]) -> None:
    url, project, log = lab
    exchange = project / "assignments" / "exchange"
    assert exchange.is_dir()
    assert exchange.stat().st_mode & 0o777 == 0o777
    assert "created the nbgrader exchange" in log.read_text()
    status, page = _get(f"{url}/formgrader/manage_assignments")
    assert status == 200
    assert 'id="warning-exchange"' not in page and 'id="warning-course-id"' not in page
    # What replaces "Loading, please wait...": the gradebook answers (it runs alembic).
    status, body = _get(f"{url}/formgrader/api/assignments")
    assert status == 200, body[-2000:]
    names = {a["name"] for a in json.loads(body)}
    assert names == {"pixels", "hidden-and-story", "consent-and-decision"}


def test_make_lab_shows_no_jupyter_news_pop_up(lab: tuple[str, Path, Path]) -> None:
    url, _, _ = lab
    status, page = _get(f"{url}/lab")
    assert status == 200
    found = re.search(
        r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S
    )
    assert found is not None
    config = json.loads(found.group(1))
    assert "@jupyterlab/apputils-extension:announcements" in config["disabledExtensions"]
    assert config["news"] == {"disabled": True}
    assert json.loads(_get(f"{url}/lab/api/news")[1]) == {"news": []}
    assert json.loads(_get(f"{url}/lab/api/update")[1]) == {"notification": None}
