"""Without Chromium the browser tests skip with the reason, or fail when CI requires them."""

from __future__ import annotations

import pytest

from tests.browser import conftest


def test_missing_browser_skips_with_a_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(conftest, "browser_problems", lambda: ["no Chromium at /usr/bin/chromium"])
    monkeypatch.delenv("SAFESHARE_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no Chromium at /usr/bin/chromium"):
        conftest.require_browser()


def test_missing_browser_fails_when_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(conftest, "browser_problems", lambda: ["no Chromium at /usr/bin/chromium"])
    monkeypatch.setenv("SAFESHARE_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="SAFESHARE_REQUIRE_BROWSER=1"):
        conftest.require_browser()


def test_present_browser_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(conftest, "browser_problems", lambda: [])
    conftest.require_browser()
