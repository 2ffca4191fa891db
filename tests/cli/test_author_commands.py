"""`safeshare author ...` from files: a case from an image without YAML, and bad input as one line.

Every bad input (an unreadable image, a DICOM without pixels, a region outside
the image, a field of an unknown kind, a bad bundle) exits 2 with one line
naming the file and the problem, and writes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, SecondaryCaptureImageStorage, generate_uid

from safeshare.cli.main import main
from tests.author.images import NAME, plain_label_image


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _one_line(err: str, *needles: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    for needle in needles:
        assert needle in lines[0], (needle, err)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_case_from_an_image_with_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = plain_label_image(tmp_path)
    bank = tmp_path / "bank"
    code, out, _ = _run(capsys, "author", "new", str(image), "--id", "A03", "--bank", str(bank))
    assert code == 0 and NAME in out
    draft = bank / ".drafts" / "A03"
    shown = json.loads(_run(capsys, "author", "show", str(draft), "--json")[1])
    name = next(m["id"] for m in shown["marks"] if NAME in m["text"])

    code, out, _ = _run(capsys, "author", "guard", str(draft))
    assert code == 1 and "BLOCKED" in out and NAME in out
    code, _, err = _run(capsys, "author", "save", str(draft), "--bank", str(bank))
    assert code == 2
    _one_line(err, "privacy guard", NAME)
    assert [p.name for p in bank.iterdir()] == [".drafts"]

    assert _run(capsys, "author", "mark", str(draft), name, "--fill", "name")[0] == 0
    for mark in shown["marks"]:
        if mark["id"] != name:  # anything else read there: looked at, harmless
            args = ("author", "mark", str(draft), mark["id"], "--status", "not_identifying")
            assert _run(capsys, *args)[0] == 0
    assert _run(capsys, "author", "set", str(draft), "--title", "Name card")[0] == 0
    assert _run(capsys, "author", "guard", str(draft))[0] == 0
    code, out, _ = _run(capsys, "author", "save", str(draft), "--bank", str(bank))
    assert code == 0
    folder = Path(out.strip())
    assert folder.name == "A03-name-card"
    assert not draft.exists()  # it held the original image; the saved case is edited instead
    assert _run(capsys, "author", "show", str(folder))[0] == 0
    assert _run(capsys, "cases", "validate", str(bank))[0] == 0
    code, out, _ = _run(capsys, "cases", "--bank", str(bank), "key", "A03", "--seed", "4")
    assert code == 0 and "patient_name" in out and NAME not in out

    zipped = tmp_path / "A03.zip"
    assert _run(capsys, "author", "export", str(folder), "--out", str(zipped))[0] == 0
    other = tmp_path / "colleague"
    assert _run(capsys, "author", "import", str(zipped), "--bank", str(other))[0] == 0
    assert _run(capsys, "cases", "validate", str(other))[0] == 0
    assert "Author.open" in _run(capsys, "author", "open", str(folder))[1]


def test_unreadable_image_is_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "holiday.jpg"
    bad.write_bytes(b"GIF89a but not really")
    bank = tmp_path / "bank"
    code, _, err = _run(capsys, "author", "new", str(bad), "--id", "A04", "--bank", str(bank))
    assert code == 2
    _one_line(err, "holiday.jpg", "cannot be read as an image")
    assert not (bank / ".drafts" / "A04").exists()


def test_a_dicom_without_pixels_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = SecondaryCaptureImageStorage
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID = SecondaryCaptureImageStorage
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.PatientName = "HOLLOWAY^JANE"
    path = tmp_path / "report.dcm"
    ds.save_as(path, enforce_file_format=True)
    work = tmp_path / "d"
    code, _, err = _run(capsys, "author", "new", str(path), "--id", "A04", "--work", str(work))
    assert code == 2
    _one_line(err, "report.dcm", "no pixel data")
    assert not work.exists()


def test_a_region_outside_and_an_unknown_kind_leave_the_draft_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = plain_label_image(tmp_path)
    work = tmp_path / "d"
    args = ("author", "new", str(image), "--id", "A05", "--work", str(work), "--no-propose")
    assert _run(capsys, *args)[0] == 0
    before = _files(work)
    code, _, err = _run(capsys, "author", "mark", str(work), "--box", "600,200,100,80")
    assert code == 2
    _one_line(err, "draft.json", "outside the image (640x240)")
    code, _, err = _run(
        capsys, "author", "mark", str(work), "--box", "10,10,50,20", "--fill", "shoe_size"
    )
    assert code == 2
    _one_line(err, "draft.json", "unknown field kind 'shoe_size'")
    assert _files(work) == before


def test_a_bad_bundle_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "shared.zip"
    path.write_bytes(b"PK\x03\x04 not really")
    bank = tmp_path / "bank"
    code, _, err = _run(capsys, "author", "import", str(path), "--bank", str(bank))
    assert code == 2
    _one_line(err, "shared.zip", "not a readable zip")
    assert not bank.exists() or list(bank.iterdir()) == []


def test_help_lists_the_author_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["author", "--help"])
    out = capsys.readouterr().out
    for command in ("new", "propose", "mark", "guard", "save", "export", "import", "open"):
        assert command in out


def test_a_draft_from_a_shipped_case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    work = tmp_path / "d"
    code, out, _ = _run(capsys, "author", "new", "--from-case", "P03", "--work", str(work))
    assert code == 0 and "draft AP03" in out and "accepted" in out and "full_face" in out
    shown = json.loads(_run(capsys, "author", "show", str(work), "--json")[1])
    assert shown["marks"][0]["origin"] == "renderer"
    for mark in shown["marks"]:
        if mark["status"] == "proposed":  # whatever else the checker saw: the educator decides
            args = ("author", "mark", str(work), mark["id"], "--status", "not_identifying")
            assert _run(capsys, *args)[0] == 0
    assert _run(capsys, "author", "guard", str(work))[0] == 0
