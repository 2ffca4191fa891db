"""The CLI: `safeshare check` over the library, JSON that round-trips, a help that loads
nothing heavy."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pydicom.data import get_testdata_file

from safeshare.cli.main import main


def test_check_json_ranks_patient_identity_and_names_the_consent_needed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    dicom = str(get_testdata_file("CT_small.dcm", download=False))
    code = main(
        ["check", dicom, "--no-ocr", "--no-faces", "--post", "aged 93, NHS 999 149 4413", "--json"]
    )
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    ranked = [item["category"] for item in report["ranked"]]
    assert ranked[0] == "patient_number"
    assert "dicom_patient_identity" in ranked and "dicom_private_tag" in ranked
    assert all(item["guidance"] for item in report["ranked"])
    assert report["consent"]["required"] is True
    assert {e["gap"] for e in report["consent"]["elements"]} >= {"platforms_not_named"}


def test_the_text_report_gives_the_guidance_behind_each_item(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", "--post", "Yesterday's list at Kingsmere General Hospital"]) == 0
    out = capsys.readouterr().out
    assert "Hospital or unit" in out and "guidance: " in out
    assert "Consent (good practice)" in out  # time and place alone: indirect identifiers
    assert main(["check", "--post", "Mrs Price, aged 93, from yesterday's list"]) == 0
    assert "Consent REQUIRED" in capsys.readouterr().out


def test_help_loads_neither_the_ocr_engine_nor_opencv(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from safeshare.cli.main import build_parser\n"
        "build_parser().format_help()\n"
        "heavy = [m for m in ('rapidocr', 'cv2', 'onnxruntime', 'pydicom', 'safeshare.checker')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert done.stdout.strip() == ""
