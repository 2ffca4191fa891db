"""Starting a draft: from JPEG, PNG, DICOM or a shipped render; unreadable input writes nothing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, SecondaryCaptureImageStorage, generate_uid

from safeshare.author import draft_from_dict, draft_to_dict, open_draft, start_draft
from safeshare.author.open import start_from_renderer
from safeshare.errors import AuthorError


def _dicom(path: Path, *, pixels: bool) -> Path:
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = SecondaryCaptureImageStorage
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID = SecondaryCaptureImageStorage
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.PatientName = "HOLLOWAY^JANE"
    ds.PatientID = "RX123456"
    ds.Modality = "OT"
    if pixels:
        ramp = np.tile(np.arange(128, dtype=np.uint16) * 16, (96, 1))
        ds.Rows, ds.Columns = ramp.shape
        ds.SamplesPerPixel = 1
        ds.PhotometricInterpretation = "MONOCHROME2"
        ds.BitsAllocated = ds.BitsStored = 16
        ds.HighBit = 15
        ds.PixelRepresentation = 0
        ds.PixelData = ramp.tobytes()
    ds.save_as(path, enforce_file_format=True)
    return path


def test_a_jpeg_draft_lists_its_metadata_and_keeps_none(ward_photo: Path, tmp_path: Path) -> None:
    draft = start_draft(ward_photo, case_id="A01", work=tmp_path / "d")
    assert (draft.width, draft.height) == (960, 1120)
    assert {f.tag for f in draft.metadata_fields} >= {"GPSInfo", "Artist"}
    assert all(f.status == "strip" for f in draft.metadata_fields)
    with Image.open(draft.asset) as copy:
        assert dict(copy.getexif()) == {}
    again = draft_from_dict(draft_to_dict(draft), source=draft.folder / "draft.json")
    assert draft_to_dict(again) == draft_to_dict(draft)
    assert draft_to_dict(open_draft(draft.folder)) == draft_to_dict(draft)


def test_a_dicom_draft_is_its_pixels_with_the_header_listed(tmp_path: Path) -> None:
    source = _dicom(tmp_path / "scan.dcm", pixels=True)
    draft = start_draft(source, case_id="A02", work=tmp_path / "d")
    assert draft.modality == "radiology" and draft.asset.suffix == ".png"
    assert (draft.width, draft.height) == (128, 96)
    assert "PatientName" in {f.tag for f in draft.metadata_fields}


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("notes.jpg", b"this is not a picture at all", "cannot be read as an image"),
        ("empty.png", b"", "is empty"),
    ],
)
def test_an_unreadable_image_writes_nothing(
    tmp_path: Path, name: str, data: bytes, problem: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    work = tmp_path / "drafts" / "A01"
    with pytest.raises(AuthorError, match=problem) as caught:
        start_draft(path, case_id="A01", work=work)
    assert str(path) in str(caught.value)
    assert not work.exists() and list((tmp_path / "drafts").glob("*")) == []


def test_a_truncated_jpeg_writes_nothing(ward_photo: Path, tmp_path: Path) -> None:
    path = tmp_path / "cut.jpg"
    path.write_bytes(ward_photo.read_bytes()[:20_000])
    with pytest.raises(AuthorError, match=r"damaged or truncated|cannot be read"):
        start_draft(path, case_id="A01", work=tmp_path / "d")
    assert not (tmp_path / "d").exists()


def test_a_dicom_without_pixel_data_writes_nothing(tmp_path: Path) -> None:
    source = _dicom(tmp_path / "header-only.dcm", pixels=False)
    with pytest.raises(AuthorError, match="no pixel data") as caught:
        start_draft(source, case_id="A01", work=tmp_path / "d")
    assert "header-only.dcm" in str(caught.value)
    assert not (tmp_path / "d").exists()


def test_a_bad_case_id_and_a_used_folder_are_refused(ward_photo: Path, tmp_path: Path) -> None:
    with pytest.raises(AuthorError, match="must look like A01"):
        start_draft(ward_photo, case_id="a1", work=tmp_path / "d")
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "mine.txt").write_text("keep me")
    with pytest.raises(AuthorError, match="already holds"):
        start_draft(ward_photo, case_id="A01", work=busy)
    assert [p.name for p in busy.iterdir()] == ["mine.txt"]


def test_a_shipped_render_starts_a_fictional_draft_with_its_key(tmp_path: Path) -> None:
    draft = start_from_renderer("P03", seed=1, work=tmp_path / "d")
    assert draft.case_id == "AP03" and draft.fictional
    assert draft.marks and all(m.status == "accepted" for m in draft.marks)
    assert {m.origin for m in draft.marks} == {"renderer"}
    assert "full_face" in {m.category for m in draft.marks}


def test_text_chunks_of_a_png_do_not_reach_the_working_copy(tmp_path: Path) -> None:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Jane Holloway, ward 4")
    info.add_itxt("Description", "Jane Holloway's leg, day 3")
    path = tmp_path / "leg.png"
    Image.new("RGB", (64, 48), (200, 160, 150)).save(path, pnginfo=info)
    draft = start_draft(path, case_id="A06", work=tmp_path / "d")
    assert b"Holloway" not in draft.asset.read_bytes()
