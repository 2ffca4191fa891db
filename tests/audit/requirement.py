"""Skip without the Debian DICOM tools, unless SAFESHARE_REQUIRE_DICOM_TOOLS=1 (CI): then fail."""

from __future__ import annotations

import os

import pytest


def require_tool(tool: str, available: bool) -> None:
    """Go on when `tool` is installed; otherwise skip with the reason, or fail under CI."""
    if available:
        return
    reason = f"{tool} is not installed (Debian: apt-get install dcmtk dicom3tools)"
    if os.environ.get("SAFESHARE_REQUIRE_DICOM_TOOLS") == "1":
        pytest.fail(reason + " (SAFESHARE_REQUIRE_DICOM_TOOLS=1 makes this a failure)")
    pytest.skip(reason)
