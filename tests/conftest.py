"""Shared fixtures: an isolated render cache, and one headless Chromium per test worker.

Playwright's sync API cannot start a second instance while one is open in the
same thread ("Sync API inside the asyncio loop"), so every browser test, in
whatever folder, shares this one session-scoped browser.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point the render cache at a folder shared by this run's workers, not the user's cache."""
    root = tmp_path_factory.getbasetemp().parent / "safeshare-cache"
    root.mkdir(parents=True, exist_ok=True)
    old = os.environ.get("SAFESHARE_CACHE")
    os.environ["SAFESHARE_CACHE"] = str(root)
    yield root
    if old is None:
        os.environ.pop("SAFESHARE_CACHE", None)
    else:
        os.environ["SAFESHARE_CACHE"] = old


REPO = Path(__file__).resolve().parents[1]
SCREENSHOTS = REPO / "artifacts" / "screenshots"


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, through playwright: the only one this worker starts."""
    from tests.browser.conftest import require_browser
    from tests.browser.harness import launched_chromium

    require_browser()
    with launched_chromium() as browser:
        yield browser


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    """A fresh page, 1440x1200, and the page errors seen while it was open."""
    context = chromium.new_context(viewport={"width": 1440, "height": 1200})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """artifacts/screenshots/ (git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
