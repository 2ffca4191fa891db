"""A saved authored case: it validates, renders variants with fictional values, grades, reopens."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image

from safeshare.author import AuthorDraft, load_authored, open_draft, save_case
from safeshare.author.open import start_from_renderer
from safeshare.cases.bank import find_case
from safeshare.cases.cache import load_rendered, rendered_spec
from safeshare.cli.main import main
from safeshare.errors import AuthorError
from safeshare.grade.answer import answer_from_key
from safeshare.grade.grader import grade
from safeshare.model.locations import Box, MetaField
from safeshare.model.nhs_number import is_valid_nhs_number
from tests.author.images import NAME


def _case_folder(bank: Path) -> Path:
    (folder,) = [p for p in bank.iterdir() if p.is_dir() and not p.name.startswith(".")]
    return folder


def test_the_saved_case_validates_from_the_command_line(
    saved_bank: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["cases", "validate", str(saved_bank)]) == 0
    assert main(["cases", "--bank", str(saved_bank), "validate"]) == 0
    assert "1 case specs valid" in capsys.readouterr().out


def test_each_seed_paints_another_fictional_name_in_the_field(saved_bank: Path) -> None:
    spec = find_case("A01", saved_bank)
    field = spec.assets[0].options.fields[0]
    names = []
    for seed in (1, 2, 3):
        view, key = load_rendered(rendered_spec(spec, seed=seed))
        assert key is not None
        (painted,) = [f for f in key.findings if f.category == "patient_name"]
        assert isinstance(painted.location, Box)
        x, y, w, h = field.box
        loc = painted.location
        assert x <= loc.x and loc.x + loc.w <= x + w + 2 and y - 2 <= loc.y <= y + h
        assert painted.evidence == painted.evidence.upper() and NAME not in painted.evidence
        names.append(painted.evidence)
        answer = answer_from_key(key)
        assert grade(key, answer, view=view).score == 1.0
    assert len(set(names)) == 3


def test_the_same_seed_renders_the_same_bytes(saved_bank: Path, tmp_path: Path) -> None:
    from safeshare.cases.build import build_case

    spec = find_case("A01", saved_bank)
    build_case(spec, seed=7, out_dir=tmp_path / "a")
    build_case(spec, seed=7, out_dir=tmp_path / "b")
    for name in ("image.jpg", "key.json", "case.json"):
        assert (tmp_path / "a" / "A01" / name).read_bytes() == (
            tmp_path / "b" / "A01" / name
        ).read_bytes()


def test_it_joins_the_contact_sheet(saved_bank: Path, tmp_path: Path) -> None:
    out = tmp_path / "sheet.png"
    assert main(["cases", "--bank", str(saved_bank), "sheet", "--out", str(out)]) == 0
    with Image.open(out) as sheet:
        assert sheet.width > 100


def test_reopening_brings_everything_back(saved_bank: Path) -> None:
    draft = load_authored(_case_folder(saved_bank))
    name = next(m for m in draft.marks if m.fill == "name")
    assert name.look is not None and name.look.case == "upper"
    assert draft.title == "Ward label" and "[[this morning|date_of_care]]" in draft.post
    assert draft.asset.parent == _case_folder(saved_bank)


def test_a_changed_asset_is_refused_by_validate(
    saved_bank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank = tmp_path / "bank"
    shutil.copytree(saved_bank, bank)
    asset = next(_case_folder(bank).glob("A01-image.*"))
    asset.write_bytes(asset.read_bytes() + b"\0")
    assert main(["cases", "validate", str(bank)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "changed since the case was saved" in err


def test_resaving_under_a_new_title_replaces_the_case(saved_bank: Path, tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    shutil.copytree(saved_bank, bank)
    draft = load_authored(_case_folder(bank))
    draft.title = "The ward label, again"
    folder = save_case(draft, bank=bank)
    assert [p.name for p in bank.iterdir() if not p.name.startswith(".")] == [folder.name]
    assert folder.name == "A01-the-ward-label-again"
    assert main(["cases", "validate", str(bank)]) == 0


def test_a_fictional_start_keeps_chosen_metadata_and_its_key(tmp_path: Path) -> None:
    from safeshare.author import merge_proposals, propose_marks

    draft = start_from_renderer("P03", seed=1, work=tmp_path / "d")
    merge_proposals(draft, propose_marks(draft))
    for mark in draft.marks:
        if mark.status == "proposed":  # what else the checker reads there: none of it identifies
            mark.status = "not_identifying"
    artist = next(f for f in draft.metadata_fields if f.tag == "Artist")
    artist.status = "keep_fictional"
    draft.decision_reason = "A full face: specific written consent first."
    folder = save_case(draft, bank=tmp_path / "bank")
    with Image.open(next(folder.glob("*-image.jpg"))) as saved:
        tags = saved.getexif()
        assert 315 in tags  # Artist
        assert not saved.getexif().get_ifd(0x8825)  # no GPS
    spec = find_case("AP03", tmp_path / "bank")
    _, key = load_rendered(rendered_spec(spec, seed=1))
    assert key is not None
    metas = [f for f in key.findings if isinstance(f.location, MetaField)]
    assert [f.location.tag for f in metas if isinstance(f.location, MetaField)] == ["Artist"]
    assert "full_face" in {f.category for f in key.findings}


def test_a_keep_fictional_field_on_an_own_image_is_refused(
    saved_bank: Path, tmp_path: Path
) -> None:
    bank = tmp_path / "bank"
    shutil.copytree(saved_bank, bank)
    draft = open_draft(_case_folder(bank))
    assert draft.metadata_fields
    draft.metadata_fields[0].status = "keep_fictional"
    with pytest.raises(AuthorError, match="cannot be shown to be fictional"):
        save_case(draft, bank=bank)


def test_an_nhs_number_field_paints_a_valid_test_number(tmp_path: Path) -> None:
    from safeshare.author import start_draft
    from safeshare.author.edit import MarkEdit, edit_mark
    from tests.author.images import plain_label_image

    image = plain_label_image(tmp_path, text="943 476 5919")
    draft = start_draft(image, case_id="A05", work=tmp_path / "d", title="Card")
    edit_mark(draft, None, MarkEdit(box=(30, 80, 420, 70), fill="nhs_number"))
    draft.decision_reason = "Blank the number."
    folder = save_case(draft, bank=tmp_path / "bank")
    spec = find_case("A05", folder.parent)
    for seed in (1, 2):
        _, key = load_rendered(rendered_spec(spec, seed=seed))
        assert key is not None
        (number,) = key.findings
        assert number.category == "patient_number"
        assert number.evidence.startswith("999") and is_valid_nhs_number(number.evidence)


def test_a_dicom_with_burned_in_text_becomes_a_case_without_its_header(tmp_path: Path) -> None:
    import numpy as np
    from PIL import ImageDraw
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, SecondaryCaptureImageStorage, generate_uid

    from safeshare.author import merge_proposals, propose_marks, start_draft
    from safeshare.render.fonts import font

    frame = Image.new("L", (512, 384), 20)
    ImageDraw.Draw(frame).text((24, 20), "HOLLOWAY^JANE", font=font("mono", 26), fill=230)
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = SecondaryCaptureImageStorage
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID = SecondaryCaptureImageStorage
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.PatientName = "HOLLOWAY^JANE"
    ds.PatientID = "RX991234"
    ds.Rows, ds.Columns = 384, 512
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated = ds.BitsStored = 8
    ds.HighBit = 7
    ds.PixelRepresentation = 0
    ds.PixelData = np.asarray(frame, dtype=np.uint8).tobytes()
    source = tmp_path / "scan.dcm"
    ds.save_as(source, enforce_file_format=True)

    draft = start_draft(source, case_id="A08", work=tmp_path / "d", title="A scan")
    assert {"PatientName", "PatientID"} <= {f.tag for f in draft.metadata_fields}
    merge_proposals(draft, propose_marks(draft, faces=False))
    (text,) = [m for m in draft.marks if "HOLLOWAY" in m.text]
    text.status, text.fill = "accepted", "name"
    draft.decision_reason = "Blank the name and drop the header."
    folder = save_case(draft, bank=tmp_path / "bank")
    saved = next(folder.glob("A08-image.png"))
    assert b"DICM" not in saved.read_bytes() and b"HOLLOWAY" not in saved.read_bytes()
    spec = find_case("A08", tmp_path / "bank")
    assert spec.kind == "radiology"
    _, key = load_rendered(rendered_spec(spec, seed=2))
    assert key is not None and [f.category for f in key.findings] == ["patient_name"]
    (painted,) = key.findings
    family, given = painted.evidence.split("^")  # written as the original was: FAMILY^GIVEN
    assert family.isupper() and given.isupper() and "HOLLOWAY" not in painted.evidence


def test_the_educators_wording_reaches_the_key(tmp_path: Path) -> None:
    """Severity, explanation and guidance edited on a mark are what every variant's key says."""
    from safeshare.author import start_draft
    from safeshare.author.edit import MarkEdit, edit_mark
    from tests.author.images import plain_label_image

    image = plain_label_image(tmp_path, text="Ward 7 board")
    draft = start_draft(image, case_id="A06", work=tmp_path / "d", title="Board")
    wording = MarkEdit(
        severity="low",
        explanation="The ward's board names the patient's bed.",
        guidance=("gmc_social_media",),
    )
    field = edit_mark(draft, None, MarkEdit(box=(30, 80, 420, 70), fill="place"))
    edit_mark(draft, field.id, wording)
    clock = edit_mark(draft, None, MarkEdit(box=(10, 10, 60, 40), category="place"))
    edit_mark(draft, clock.id, MarkEdit(status="not_identifying", explanation="the ward's clock"))
    draft.decision_reason = "Blank the board."
    folder = save_case(draft, bank=tmp_path / "bank")
    spec = find_case("A06", folder.parent)
    assert spec.severities == {"place": "low"}
    assert spec.explanations == {"place": "The ward's board names the patient's bed."}
    for seed in (1, 2):
        _, key = load_rendered(rendered_spec(spec, seed=seed))
        assert key is not None
        (board,) = key.findings
        assert (board.category, board.severity) == ("place", "low")
        assert board.explanation == "The ward's board names the patient's bed."
        assert board.guidance == ("gmc_social_media",)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ({"severity": "dire"}, "unknown severity 'dire'"),
        ({"guidance": ("gmc_nothing",)}, "unknown guidance 'gmc_nothing'"),
    ],
)
def test_unknown_wording_is_refused_and_the_mark_kept(
    draft: AuthorDraft, edit: dict[str, object], message: str
) -> None:
    from safeshare.author.edit import MarkEdit, edit_mark

    mark = draft.marks[0]
    before = (mark.severity, list(mark.guidance), mark.status)
    with pytest.raises(AuthorError, match=message):
        edit_mark(draft, mark.id, MarkEdit(status="accepted", **edit))  # type: ignore[arg-type]
    assert (mark.severity, list(mark.guidance), mark.status) == before
