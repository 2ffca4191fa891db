"""The Author widget's kernel side: the calls the page makes, with the real author package.

Each test drives the widget as the page does: it sets the `draft` trait to an
edited copy of the draft (as the page's model.set does) and sends the page's
messages ({"type": "propose"}, {"type": "save"}) through the same handler,
then reads what the page would show (the `guard` and `status` traits) and what
is on disk. The checker (OCR, faces) runs for real on small images.
"""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from safeshare.author.open import DRAFT_FILE
from safeshare.cases.build import render_case
from safeshare.cases.spec import load_spec
from safeshare.errors import AuthorError
from safeshare.render.authored.fields import FILL_KINDS
from safeshare.taxonomy import DECISIONS, ConsentRecord
from safeshare.widgets.author import Author
from safeshare.widgets.author_payload import author_taxonomy
from tests.author.images import NAME, plain_label_image


def page_edit(widget: Author, edit: Any) -> None:
    """What the page does after an edit: set the whole draft trait (a fresh dict)."""
    data = copy.deepcopy(widget.draft)
    edit(data)
    widget.draft = data


def page_message(widget: Author, message: dict[str, Any]) -> None:
    widget._on_page_message(widget, message, [])


def mark_reading(widget: Author, words: str) -> dict[str, Any]:
    marks = [m for m in widget.draft["marks"] if words in m["text"]]
    assert marks, widget.draft["marks"]
    return marks[0]


@pytest.fixture
def card(workdir: Path) -> Author:
    """An Author on a card with a real-looking (invented) name: its text proposed."""
    image = plain_label_image(workdir)
    return Author.open(image, case_id="A01", bank=workdir / "bank")


def test_an_image_opens_with_the_checkers_proposals_and_save_blocked(card: Author) -> None:
    name = mark_reading(card, NAME.split()[0])
    assert name["status"] == "proposed"
    assert card.guard["ok"] is False
    assert any("proposed but not decided" in s for s in card.guard["unaccounted"])
    assert card._image["src"].startswith("data:image/png;base64,")
    assert (card._image["width"], card._image["height"]) == (640, 240)
    kept = json.loads((card.folder / DRAFT_FILE).read_text())
    assert [m["id"] for m in kept["marks"]] == [m["id"] for m in card.draft["marks"]]


def test_filling_the_name_on_the_page_passes_the_guard_and_saves_a_case_that_renders(
    card: Author, workdir: Path
) -> None:
    name = mark_reading(card, NAME.split()[0])

    def fill_it(data: dict[str, Any]) -> None:
        for m in data["marks"]:
            if m["id"] == name["id"]:
                m.update(status="accepted", fill="name", category="patient_name")
        data["title"] = "A ward label"

    page_edit(card, fill_it)
    assert card.guard["ok"] is True, card.guard
    assert json.loads((card.folder / DRAFT_FILE).read_text())["title"] == "A ward label"
    draft_folder, shown = card.folder, card._image["src"]
    page_message(card, {"type": "save"})
    assert card.status["kind"] == "saved", card.status
    folder = workdir / "bank" / "A01-a-ward-label"
    # The draft (the original image, unblanked) is gone; the widget edits the saved case,
    # showing its picture as saved.
    assert not draft_folder.exists()
    assert card.folder == folder
    assert card._image["src"] != shown
    assert card.draft["asset"] == next(folder.glob("A01-image.*")).name
    spec = load_spec(next(folder.glob("*.yaml")))
    painted = []
    for seed in (1, 2, 3):
        key = render_case(spec, seed=seed, work_dir=workdir / f"render{seed}").key
        painted += [f.evidence for f in key.findings if f.category == "patient_name"]
    assert len(painted) == 3 and NAME not in painted, painted
    assert len(set(painted)) > 1, "every variant paints the same name"


def test_save_is_refused_while_the_guard_fails_and_nothing_is_written(
    card: Author, workdir: Path
) -> None:
    page_message(card, {"type": "save"})
    assert card.status["kind"] == "error"
    assert "privacy guard" in card.status["text"]
    assert [p.name for p in (workdir / "bank").iterdir()] == [".drafts"]


def test_a_draft_the_page_sends_that_cannot_be_read_blocks_save_and_is_not_kept(
    card: Author,
) -> None:
    before = (card.folder / DRAFT_FILE).read_bytes()

    def outside(data: dict[str, Any]) -> None:
        data["marks"][0]["box"] = [600, 200, 100, 100]

    page_edit(card, outside)
    assert card.guard["ok"] is False
    assert "outside the image" in card.guard["problems"][0]
    assert card.status["kind"] == "error"
    assert (card.folder / DRAFT_FILE).read_bytes() == before

    def unknown_kind(data: dict[str, Any]) -> None:
        data["marks"][0]["fill"] = "passport_number"

    page_edit(card, unknown_kind)
    assert "unknown field kind" in card.guard["problems"][0]


def test_the_post_consent_and_decision_edited_on_the_page_come_back_on_reopening(
    card: Author, workdir: Path
) -> None:
    name = mark_reading(card, NAME.split()[0])

    def everything(data: dict[str, Any]) -> None:
        for m in data["marks"]:
            if m["id"] == name["id"]:
                m.update(status="removed")
        data["title"] = "Card"
        data["post"] = "Seen on [[Monday|date_of_care]] at the clinic."
        data["consent"] = {"form": "written", "purposes": ["teaching"], "platforms": ["X"]}
        data["decision"] = "obtain_consent_first"
        data["decision_reason"] = "The form names teaching only."

    page_edit(card, everything)
    page_message(card, {"type": "save"})
    assert card.status["kind"] == "saved", card.status
    saved = workdir / "bank" / "A01-card"
    again = Author.open(saved, bank=workdir / "bank")
    assert again.draft["post"] == "Seen on [[Monday|date_of_care]] at the clinic."
    assert again.draft["consent"]["platforms"] == ["X"]
    assert again.draft["decision"] == "obtain_consent_first"
    assert [m["status"] for m in again.draft["marks"] if m["id"] == name["id"]] == ["removed"]
    draft_file = (saved / DRAFT_FILE).read_bytes()
    page_edit(again, lambda data: data.update(title="Card, edited"))
    assert again.current.title == "Card, edited"
    assert (saved / DRAFT_FILE).read_bytes() == draft_file, "a saved case changes only on Save"


def test_running_the_cell_again_reopens_the_draft_and_refuses_another_image(
    card: Author, workdir: Path
) -> None:
    card.edit(card.draft["marks"][0]["id"], status="not_identifying")
    again = Author.open(workdir / "card.png", case_id="A01", bank=workdir / "bank")
    assert again.draft["marks"][0]["status"] == "not_identifying"
    (workdir / "other").mkdir()
    renamed = plain_label_image(workdir / "other", text="OTHER").rename(workdir / "elsewhere.png")
    with pytest.raises(AuthorError, match=r"already holds the draft of card\.png"):
        Author.open(renamed, case_id="A01", bank=workdir / "bank")
    with pytest.raises(AuthorError, match="give the new case an id"):
        Author.open(renamed, bank=workdir / "bank")


def test_the_page_is_offered_exactly_what_the_draft_reader_accepts() -> None:
    tax = author_taxonomy()
    assert [k["id"] for k in tax["fill_kinds"]] == list(FILL_KINDS)
    assert [d["id"] for d in tax["decisions"]] == list(DECISIONS)
    consent_fields = [f["id"] for f in tax["consent_fields"]]
    assert consent_fields == [f.name for f in dataclasses.fields(ConsentRecord)]
    for field in tax["consent_fields"]:
        default = getattr(ConsentRecord(), field["id"])
        if field["kind"] == "choice":
            assert default.value in [o["id"] for o in field["options"]], field["id"]
            assert field["default"] == default.value
    voluntary = next(f for f in tax["consent_fields"] if f["id"] == "voluntary")
    assert voluntary["default"] is True, "a record that leaves it out means freely given"


def test_instances_still_open_their_comm_and_the_class_opens_drafts(card: Author) -> None:
    assert card.comm is not None  # ipywidgets' own open() ran at construction
    with pytest.raises(AuthorError, match=r"no draft\.json"):
        Author.open(card.folder.parent, bank="bank")


def test_a_dicom_opens_with_its_pixels_shown_and_its_header_listed(workdir: Path) -> None:
    import pydicom

    ct = Path(pydicom.__file__).parent / "data" / "test_files" / "CT_small.dcm"
    author = Author.open(ct, case_id="A02", bank=workdir / "bank")
    assert author._image["src"].startswith("data:image/png;base64,")
    assert (author._image["width"], author._image["height"]) == (128, 128)
    assert author.draft["modality"] == "radiology"
    tags = {f["tag"] for f in author.draft["metadata_fields"]}
    assert "PatientName" in tags, tags
    assert all(f["status"] == "strip" for f in author.draft["metadata_fields"])


def test_a_shipped_case_is_a_start_with_its_key_accepted(workdir: Path) -> None:
    author = Author.from_case("P05", bank=workdir / "bank")
    assert author.draft["case_id"] == "AP05"
    assert author.draft["fictional"] is True
    assert author.draft["marks"] or author.draft["metadata_fields"]
    assert {m["origin"] for m in author.draft["marks"]} <= {"renderer", "checker", "ocr", "face"}
    from_key = [m for m in author.draft["marks"] if m["origin"] == "renderer"]
    assert all(m["status"] == "accepted" for m in from_key)
    assert author.folder == workdir / "bank" / ".drafts" / "AP05"
