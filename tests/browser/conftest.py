"""Fixtures for the real-browser tests: a JupyterLab server and Debian's Chromium.

Without /usr/bin/chromium (or the playwright package) the tests skip with the
reason, unless SAFESHARE_REQUIRE_BROWSER=1 (CI sets it): then they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.harness import Lab, browser_problems, launched_chromium, running_lab

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "artifacts" / "screenshots"


def require_browser() -> None:
    """Skip (or, under SAFESHARE_REQUIRE_BROWSER=1, fail) when the browser is missing."""
    problems = browser_problems()
    if not problems:
        return
    reason = "browser test needs " + "; ".join(problems)
    if os.environ.get("SAFESHARE_REQUIRE_BROWSER") == "1":
        pytest.fail(reason + " (SAFESHARE_REQUIRE_BROWSER=1 makes this a failure)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """JupyterLab serving an empty temporary folder (tests copy notebooks into lab.root)."""
    require_browser()
    with running_lab(tmp_path_factory.mktemp("lab")) as server:
        yield server


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, through playwright."""
    require_browser()
    with launched_chromium() as browser:
        yield browser


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    """A fresh page, 1440x1200, and the page errors seen while it was open."""
    context = chromium.new_context(viewport={"width": 1440, "height": 1200})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """artifacts/screenshots/ (git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
