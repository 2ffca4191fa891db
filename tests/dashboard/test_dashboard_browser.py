"""The dashboard in Voila, in Chromium, with a room of 12 simulated learners.

Served as a facilitator would (the course's Voila command on deploy/dashboard/),
it shows the room without names, counts a learner who saves while the page is
open after Refresh, shows names only when the box is ticked, and says which
file it could not read. Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from safeshare.course.serve import voila_command, voila_env
from tests.browser.conftest import require_browser
from tests.browser.harness import free_port, running_server
from tests.dashboard.room import NAMES, make_room

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK = "facilitator-dashboard.ipynb"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    require_browser()
    data = tmp_path / "data"
    make_room(data, 12)
    port = free_port()
    env = voila_env()
    env["SAFESHARE_DATA"] = str(data)
    command = voila_command(REPO / "deploy" / "dashboard", port=port, cull_after=60)
    url = f"http://127.0.0.1:{port}/voila/render/{NOTEBOOK}"
    with running_server(
        command,
        cwd=tmp_path,
        env=env,
        log=tmp_path / "voila.log",
        ready_url=f"http://127.0.0.1:{port}/voila/tree",
        name="Voila",
    ):
        yield url, data


def test_the_dashboard_in_a_browser(served: tuple[str, Path], page: Any, screenshots: Path) -> None:
    url, data = served
    page.goto(url, timeout=180_000)
    page.get_by_text("12 learner(s)").wait_for(timeout=180_000)
    page.get_by_text("Detection rate of each identifier").wait_for()
    page.locator(".widget-image img, img.widget-image").first.wait_for()
    body = page.inner_text("body")
    assert not any(name in body for name in NAMES)
    assert "Discussion prompts" in body and "Decisions chosen" in body
    page.screenshot(path=str(screenshots / "dashboard-room.png"), full_page=True)
    panel = page.locator(".ssd", has_text="Detection rate of each identifier")
    panel.screenshot(path=str(screenshots / "dashboard-case.png"))

    make_room(data / "late", 1)  # one more learner saves while the page is open
    late = next((data / "late" / "learners").iterdir())
    late.rename(data / "learners" / "late-learner")
    (data / "learners" / "late-learner" / "answers" / "00" / "E01.json").write_text(
        '{"schema": 1, "case_', encoding="utf-8"
    )  # caught half-way through a save by a writer that is not atomic
    page.get_by_role("button", name="Refresh now").click()
    page.get_by_text("13 learner(s)").wait_for(timeout=60_000)
    page.get_by_text("Could not read everything").wait_for()
    assert "answers/00/E01.json" in page.inner_text("body")

    page.get_by_label("Show names (my screen only)").check()
    page.get_by_text("for your eyes only").wait_for(timeout=60_000)
    assert "Dr Ada Quill" in page.inner_text("body")
    page.screenshot(path=str(screenshots / "dashboard-names.png"), full_page=True)
    assert page.errors == []
