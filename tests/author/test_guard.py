"""The privacy guard, on a photo carrying a real-looking name in its pixels, GPS EXIF and a face.

A save is refused while any of them is unaccounted for, and nothing is
written; once the name is a field painted with fictional values and the face is
removed, the case saves, and the saved file holds neither the name, the face,
the GPS position nor the camera owner.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from safeshare.author import AuthorDraft, guard_report, open_draft, save_case
from safeshare.author.save import GUARD_FILE
from safeshare.checker import check_file
from safeshare.errors import AuthorError
from safeshare.model.locations import Box
from tests.author.conftest import decide_safely, face_mark_id, name_mark_id
from tests.author.images import NAME


def _saved_folders(bank: Path) -> list[Path]:
    return [p for p in bank.iterdir()] if bank.exists() else []


def test_the_checker_proposes_the_name_the_face_and_lists_gps(draft: AuthorDraft) -> None:
    assert any(NAME in m.text for m in draft.marks)
    assert any(m.origin == "face" for m in draft.marks)
    tags = {f.tag: f for f in draft.metadata_fields}
    assert {"GPSInfo", "Artist"} <= set(tags)
    assert tags["GPSInfo"].category == "exif_gps"


def test_undecided_name_and_face_block_the_save(draft: AuthorDraft, tmp_path: Path) -> None:
    report = guard_report(draft)
    assert not report.ok
    text = "\n".join(report.unaccounted)
    assert NAME in text and "a face at" in text
    bank = tmp_path / "bank"
    with pytest.raises(AuthorError, match="privacy guard"):
        save_case(draft, bank=bank)
    assert _saved_folders(bank) == []


def test_the_original_name_accepted_into_the_key_is_not_enough(draft: AuthorDraft) -> None:
    decide_safely(draft)
    name = draft.mark(name_mark_id(draft))
    name.fill = None  # in the key as drawn: still the real-looking name in the pixels
    report = guard_report(draft)
    assert not report.ok
    assert any(NAME in line and "not a fictional value" in line for line in report.unaccounted)


def test_a_face_left_in_blocks_the_save(draft: AuthorDraft, tmp_path: Path) -> None:
    decide_safely(draft)
    draft.mark(face_mark_id(draft)).status = "accepted"
    report = guard_report(draft)
    assert [line for line in report.unaccounted if line.startswith("a face at")]
    with pytest.raises(AuthorError, match="a face at"):
        save_case(draft, bank=tmp_path / "bank")


def test_gps_kept_on_an_own_photo_blocks_the_save(draft: AuthorDraft) -> None:
    decide_safely(draft)
    next(f for f in draft.metadata_fields if f.tag == "GPSInfo").status = "keep_fictional"
    report = guard_report(draft)
    assert len(report.unaccounted) == 1
    assert "GPSInfo" in report.unaccounted[0] and "strip it" in report.unaccounted[0]


def test_a_region_that_misses_part_of_the_name_blocks_the_save(draft: AuthorDraft) -> None:
    decide_safely(draft)
    name = draft.mark(name_mark_id(draft))
    x, y, w, h = name.box
    name.box = (x, y, w // 3, h)  # covers JANE only: HOLLOWAY stays readable
    report = guard_report(draft)
    assert any("HOLLOWAY" in line for line in report.unaccounted), report.unaccounted


def test_accounted_for_it_saves_and_the_file_holds_none_of_them(saved_bank: Path) -> None:
    (folder,) = _saved_folders(saved_bank)
    asset = next(folder.glob("A01-image.*"))
    with Image.open(asset) as saved:
        exif = saved.getexif()
        assert dict(exif) == {} and not saved.info.get("exif")
    found = check_file(asset)
    assert not [d for d in found.detections if not isinstance(d.location, Box)]
    assert not [d for d in found.detections if d.detector == "face"]
    assert not [d for d in found.detections if "HOLLOWAY" in d.evidence.upper()]
    report = (folder / GUARD_FILE).read_text(encoding="utf-8")
    assert '"ok": true' in report and "GPSInfo is stripped" in report
    reopened = open_draft(folder)
    assert [m.fill for m in reopened.marks if m.fill] == ["name"]


def test_nothing_saved_or_bundled_keeps_the_original_identifiers(
    saved_bank: Path, tmp_path: Path
) -> None:
    from safeshare.author.bundle import export_bundle

    (folder,) = _saved_folders(saved_bank)
    bundle = export_bundle(folder, tmp_path / "A01.zip")
    import zipfile

    with zipfile.ZipFile(bundle) as archive:
        blobs = [archive.read(n) for n in archive.namelist()]
    blobs += [p.read_bytes() for p in folder.rglob("*") if p.is_file()]
    for blob in blobs:
        for secret in (b"HOLLOWAY", b"Holloway", b"Whitfield", b"52.2083", b"ward_photo"):
            assert secret not in blob, secret
