"""Fixtures for the real-browser tests: a JupyterLab server (Chromium is in tests/conftest.py).

Without /usr/bin/chromium (or the playwright package) the tests skip with the
reason, unless SAFESHARE_REQUIRE_BROWSER=1 (CI sets it): then they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.browser.harness import Lab, browser_problems, running_lab


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
