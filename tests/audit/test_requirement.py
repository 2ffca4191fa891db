"""The DICOM tools skip with a reason on a bare machine and fail in CI."""

from __future__ import annotations

import pytest

from tests.audit.requirement import require_tool


def test_missing_tool_skips_with_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SAFESHARE_REQUIRE_DICOM_TOOLS", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install dcmtk dicom3tools"):
        require_tool("dciodvfy", False)


def test_missing_tool_fails_when_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFESHARE_REQUIRE_DICOM_TOOLS", "1")
    with pytest.raises(pytest.fail.Exception, match="SAFESHARE_REQUIRE_DICOM_TOOLS=1"):
        require_tool("dcmdump", False)


def test_present_tool_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFESHARE_REQUIRE_DICOM_TOOLS", "1")
    assert require_tool("dcmdump", True) is None
