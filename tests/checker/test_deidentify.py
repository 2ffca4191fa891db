"""De-identification: a new file, the original untouched, metadata gone, text and faces
blacked out, the DICOM basic profile applied with its options named, and a re-check."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pydicom
import pytest
from PIL import ExifTags, Image, ImageDraw
from pydicom.data import get_testdata_file

from safeshare.checker.check import check_file
from safeshare.checker.deidentify import deidentify
from safeshare.errors import CheckInputError
from safeshare.render.fonts import font
from tests.checker.bank_renders import asset_file


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def photo_with_text_and_exif(path: Path) -> Path:
    image = Image.new("RGB", (480, 160), (90, 60, 50))
    draw = ImageDraw.Draw(image)
    draw.text((12, 12), "PRICE, Eleanor", fill="white", font=font("sans-bold", 32))
    draw.text((12, 70), "DOB 14/02/1931", fill="white", font=font("sans-bold", 32))
    exif = Image.Exif()
    exif[ExifTags.Base.Artist] = "Anjali Marsh"
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = "2025:03:31 11:25:29"
    image.save(path, "JPEG", quality=95, exif=exif.tobytes())
    return path


def test_a_photo_loses_its_metadata_and_its_text_and_the_recheck_is_clean(
    tmp_path: Path,
) -> None:
    original = photo_with_text_and_exif(tmp_path / "photo.jpg")
    before = digest(original)
    result = deidentify(original, tmp_path / "out" / "clean.jpg", faces=False)
    assert digest(original) == before
    assert len(result.masked) >= 2
    assert result.remaining == ()
    with Image.open(result.output) as cleaned:
        assert not cleaned.getexif() and "exif" not in cleaned.info
    assert check_file(Path(result.output), ocr=False, faces=False).detections == ()
    assert any("face" in note for note in result.cannot_guarantee)


def test_a_bank_dicom_gets_the_basic_profile_and_its_burned_in_text_blacked_out(
    tmp_path: Path,
) -> None:
    source = tmp_path / "film.dcm"
    shutil.copyfile(asset_file("R01", "film"), source)
    before = digest(source)
    result = deidentify(source, tmp_path / "clean.dcm", faces=False)
    assert digest(source) == before
    cleaned = pydicom.dcmread(result.output)
    assert str(cleaned.get("PatientName", "")) in ("", "ANONYMOUS")
    assert "PatientAddress" not in cleaned and not cleaned.get("InstitutionName")
    assert not any(element.tag.is_private for element in cleaned)
    assert cleaned.PatientIdentityRemoved == "YES" and cleaned.BurnedInAnnotation == "NO"
    codes = {item.CodeValue for item in cleaned.DeidentificationMethodCodeSequence}
    assert codes == {"113100", "113101", "113103"}  # no faces searched: not 113102
    assert "Clean Pixel Data Option" in result.profile
    assert [d for d in result.remaining if d.category] == []


def test_a_real_dicom_test_file_is_cleaned_of_header_identifiers(tmp_path: Path) -> None:
    source = Path(str(get_testdata_file("CT_small.dcm", download=False)))
    result = deidentify(source, tmp_path / "ct.dcm", ocr=False, faces=False)
    cleaned = pydicom.dcmread(result.output)
    assert "OtherPatientIDsSequence" not in cleaned
    assert cleaned.SOPInstanceUID != pydicom.dcmread(source).SOPInstanceUID
    assert cleaned.file_meta.MediaStorageSOPInstanceUID == cleaned.SOPInstanceUID
    assert [d for d in result.remaining if d.detector == "dicom_header"] == []


def test_the_original_is_never_the_output(tmp_path: Path) -> None:
    original = photo_with_text_and_exif(tmp_path / "photo.jpg")
    before = digest(original)
    with pytest.raises(CheckInputError, match="never overwritten"):
        deidentify(original, original, ocr=False, faces=False)
    assert digest(original) == before


def test_text_that_surfaces_once_the_rest_is_masked_is_masked_too(tmp_path: Path) -> None:
    # P04 (seed 7): a ward board and a screen list crowd together. Masked once, the reader
    # then saw lines it had merged with their neighbours ('Ward 15', a date, a record
    # number); the de-identifier masks what surfaces and checks again.
    source = asset_file("P04", "photo", seed=7)
    result = deidentify(source, tmp_path / "clean.png")
    classified = [d for d in result.remaining if d.category and d.detector == "ocr"]
    assert classified == []
