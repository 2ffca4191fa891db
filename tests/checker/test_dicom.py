"""DICOM: the header against PS3.15 Table E.1-1, private tags, burned-in flags, overlays."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydicom.data import get_testdata_file

from safeshare.checker.check import check_file
from safeshare.checker.dicom_check import header_detections, read_dicom
from safeshare.checker.dicom_profile import profile_table
from safeshare.errors import CheckInputError
from safeshare.model.locations import MetaField
from tests.checker.bank_renders import asset_file, rendered


def shipped(name: str) -> Path:
    found = get_testdata_file(name, download=False)
    assert found is not None, f"{name} ships in pydicom's wheel"
    return Path(str(found))


def header(path: Path) -> dict[str, str]:
    found, _ = header_detections(read_dicom(path.read_bytes(), source=path), asset="a")
    return {d.location.to_dict()["tag"]: d.category for d in found}


def test_the_table_is_table_e11_as_a_maintained_package_ships_it() -> None:
    table = profile_table()
    assert len(table) > 600
    assert table.action(0x00100010) == "Z"  # PatientName
    assert table.action(0x00100020) == "Z/D"  # PatientID
    assert table.action(0x00080080) == "X/Z/D"  # InstitutionName
    assert table.action(0x60023000) == "X"  # OverlayData in any overlay group
    assert table.action(0x00280010) is None  # Rows: not an identifier


def test_every_header_attribute_the_bank_keys_is_found() -> None:
    for case_id, asset in (("R01", "film"), ("R05", "study")):
        _, _, key = rendered(case_id)
        keyed = {
            f.location.tag: f.category
            for f in key.findings
            if isinstance(f.location, MetaField) and f.location.asset == asset
        }
        found = header(asset_file(case_id, asset))
        assert {t: found.get(t) for t in keyed} == keyed


def test_real_test_files_patient_identity_and_private_tags() -> None:
    found = header(shipped("CT_small.dcm"))
    assert found["PatientName"] == found["PatientID"] == "dicom_patient_identity"
    assert found["InstitutionName"] == "dicom_care_context"
    assert found["Private (0009,1001)"] == "dicom_private_tag"


def test_overlays_are_flagged() -> None:
    assert header(shipped("examples_overlay.dcm"))["OverlayData"] == "dicom_overlay"


def test_compressed_pixels_without_a_decoder_are_said_to_be_unchecked() -> None:
    result = check_file(shipped("JPEG-lossy.dcm"), ocr=False, faces=False)
    assert any(note.startswith("pixels not read") for note in result.unchecked)
    assert any(d.location.to_dict()["tag"] == "PatientName" for d in result.detections)


def test_a_real_file_with_truncated_pixel_data_is_refused() -> None:
    with pytest.raises(CheckInputError, match="malformed DICOM"):
        check_file(shipped("MR_truncated.dcm"), ocr=False, faces=False)


@pytest.mark.parametrize("length", [300, 700, 3000, 20000])
def test_a_file_cut_short_is_refused(tmp_path: Path, length: int) -> None:
    whole = shipped("CT_small.dcm").read_bytes()
    path = tmp_path / "cut.dcm"
    path.write_bytes(whole[:length])
    with pytest.raises(CheckInputError, match="malformed"):
        check_file(path, ocr=False, faces=False)


def test_a_file_without_pixels_gets_its_header_checked() -> None:
    result = check_file(shipped("rtplan.dcm"))
    assert result.unchecked[0] == "no pixel data"
    assert "PatientName" in {d.location.to_dict()["tag"] for d in result.detections}
