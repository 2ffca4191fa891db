"""The bank read by tools nobody here wrote, so its ground truth cannot regress.

Every case is rendered for AUDIT_SEEDS (two by default; set SAFESHARE_AUDIT_SEEDS,
e.g. "1,2,3,4,5", for a longer run). For each variant:
- RapidOCR reads every markable image: a word outside every finding, decoy and
  declared benign box is a hole in the key;
- exifread reads every JPEG, pydicom and DCMTK's dcmdump every DICOM file: an
  identifying field that is populated and not keyed is a hole;
- dicom3tools' dciodvfy checks every DICOM file against its IOD: no errors;
- a control (decision share_as_is) has no finding, and so nothing of the above.

dcmdump and dciodvfy are Debian packages (dcmtk, dicom3tools) that .ci/run
installs. Without them these checks skip with the reason, unless
SAFESHARE_REQUIRE_DICOM_TOOLS=1 (CI sets it): then they fail.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest

from safeshare.cases.bank import load_bank
from safeshare.cases.cache import load_rendered, rendered_spec
from safeshare.model.key import Key
from safeshare.model.view import CaseView
from tests.audit.headers import (
    dciodvfy_available,
    dciodvfy_errors,
    dcmdump_available,
    header_holes,
)
from tests.audit.pixels import stray_words
from tests.audit.requirement import require_tool

pytestmark = pytest.mark.slow

AUDIT_SEEDS = tuple(
    int(s) for s in os.environ.get("SAFESHARE_AUDIT_SEEDS", "1,2").split(",") if s.strip()
)
CASE_IDS = tuple(spec.id for spec in load_bank())
CONTROL_IDS = tuple(spec.id for spec in load_bank() if spec.decision == "share_as_is")


def _variants(case_ids: tuple[str, ...]) -> list[object]:
    """(case, seed) pairs, each case's checks kept on one worker so it is drawn once."""
    return [
        pytest.param(case_id, seed, id=f"{case_id}-{seed}", marks=pytest.mark.xdist_group(case_id))
        for case_id in case_ids
        for seed in AUDIT_SEEDS
    ]


@cache
def _rendered(case_id: str, seed: int) -> tuple[Path, CaseView, Key]:
    spec = next(s for s in load_bank() if s.id == case_id)
    folder = rendered_spec(spec, seed=seed)
    view, key = load_rendered(folder)
    assert key is not None
    return folder, view, key


def test_two_seeds_at_least() -> None:
    assert len(set(AUDIT_SEEDS)) >= 2, AUDIT_SEEDS


@pytest.mark.parametrize(("case_id", "seed"), _variants(CASE_IDS))
def test_no_text_in_the_pixels_outside_the_key(case_id: str, seed: int) -> None:
    folder, view, key = _rendered(case_id, seed)
    assert stray_words(folder, view, key) == []


@pytest.mark.parametrize(("case_id", "seed"), _variants(CASE_IDS))
def test_no_identifying_header_field_outside_the_key(case_id: str, seed: int) -> None:
    folder, view, key = _rendered(case_id, seed)
    has_dicom = any(a.media_type == "application/dicom" for a in view.assets)
    if has_dicom:
        require_tool("dcmdump", dcmdump_available())
    assert header_holes(folder, view, key, with_dcmdump=has_dicom) == []


@pytest.mark.parametrize(("case_id", "seed"), _variants(CASE_IDS))
def test_dicom_files_are_valid_for_their_iod(case_id: str, seed: int) -> None:
    folder, view, _ = _rendered(case_id, seed)
    files = [folder / a.file for a in view.assets if a.media_type == "application/dicom"]
    if not files:
        return
    require_tool("dciodvfy", dciodvfy_available())
    errors = {path.name: dciodvfy_errors(path) for path in files}
    assert {name: found for name, found in errors.items() if found} == {}


@pytest.mark.parametrize(("case_id", "seed"), _variants(CONTROL_IDS))
def test_controls_are_clean(case_id: str, seed: int) -> None:
    _, _, key = _rendered(case_id, seed)
    assert [f.id for f in key.findings] == []
    assert key.consent_gaps == ()
