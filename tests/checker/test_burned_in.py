"""Burned-in text: the OCR reads the bank's overlay and every keyed item is found.

OCR is slow on a shared machine: one endoscopy frame (module-scoped) and one
small synthetic image, nothing more.
"""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from safeshare.checker.burned_in import classify_lines
from safeshare.checker.check import check_file
from safeshare.checker.ocr import OcrLine, OcrWord, model_files, read_text
from safeshare.checker.report import FileCheck
from safeshare.model.locations import Box
from safeshare.render.fonts import font
from tests.checker.bank_renders import asset_file, key_boxes, overlaps, rendered


@pytest.fixture(scope="module")
def e01_frame() -> FileCheck:
    return check_file(asset_file("E01", "frame"), asset="frame", faces=False)


def test_the_models_ship_in_the_rapidocr_wheel() -> None:
    for model in model_files():
        assert model.is_file() and "site-packages" in model.parts


def test_every_identifier_in_the_overlay_is_found_and_classified(e01_frame: FileCheck) -> None:
    _, _, key = rendered("E01")
    boxes = [d for d in e01_frame.detections if isinstance(d.location, Box)]
    for finding in key_boxes(key, "frame"):
        assert isinstance(finding.location, Box)
        hits = [d for d in boxes if overlaps(finding.location, d.location)]  # type: ignore[arg-type]
        assert hits, f"missed {finding.category}: {finding.evidence}"
        assert finding.category in {d.category for d in hits}, finding.evidence


def test_every_text_box_is_reported_recognised_or_not(e01_frame: FileCheck) -> None:
    unrecognised = [d for d in e01_frame.detections if d.category == ""]
    assert unrecognised and all(d.confirm for d in unrecognised)
    assert "Comment: FOLLOW UP" in {d.evidence for d in unrecognised}


def test_a_label_before_a_value_gives_it_its_meaning() -> None:
    image = Image.new("RGB", (460, 90), "black")
    draw = ImageDraw.Draw(image)
    draw.text((10, 10), "DOB 14/02/1931", fill="white", font=font("sans-bold", 30))
    draw.text((10, 50), "NHS 999 149 4413", fill="white", font=font("sans-bold", 30))
    found = classify_lines(read_text(image), asset="a")
    assert {(d.category, d.evidence) for d in found} >= {
        ("date_of_birth", "14/02/1931"),
        ("patient_number", "999 149 4413"),
    }


def test_the_engine_loads_with_the_network_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    from safeshare.checker import ocr

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("no network in this test: the models must come from the wheel")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    ocr._engine.cache_clear()
    assert read_text(Image.new("RGB", (120, 40), "black")) == []


def line(text: str, x: int, y: int, w: int, h: int) -> OcrLine:
    """An OCR line laid out by hand: its words share the width by their length."""
    words, left, per_char = [], x, w / max(1, len(text))
    for word in text.split():
        width = round(len(word) * per_char)
        words.append(OcrWord(word, 1.0, left, y, width, h))
        left += width + round(per_char)
    return OcrLine(tuple(words))


def test_two_panels_at_one_height_are_read_as_two_rows() -> None:
    # A PACS screen: the worklist's header on the left, the viewer's overlay on the right,
    # a little higher. Read as one row, 'DOB' and the name ran into the worklist's words.
    lines = [  # as the reader read R01's screen (seed 1)
        line("Patient name", 10, 132, 82, 14),
        line("Patient ID", 173, 130, 59, 17),
        line("Study date", 264, 129, 67, 20),
        line("Mod", 394, 130, 27, 18),
        line("Description", 431, 126, 70, 22),
        line("RW566415", 540, 125, 84, 20),
        line("DOB", 768, 131, 25, 20),
        line("YARDLEY, COLIN T", 770, 117, 144, 20),
        line("26/09/1964", 798, 131, 71, 20),
        line("RAVENSHOLT GENERAL HOSPITAL", 1142, 117, 213, 17),
        line("29/07/2024", 1412, 125, 89, 20),
    ]
    found = {(d.category, d.evidence) for d in classify_lines(lines, asset="a")}
    assert ("patient_name", "YARDLEY, COLIN T") in found
    assert ("date_of_birth", "26/09/1964") in found


def test_a_lone_word_in_capitals_on_a_specimen_label_is_taken_for_a_surname() -> None:
    label = [
        line("H24-59788", 174, 315, 182, 48),
        line("B2", 170, 355, 41, 41),
        line("FAIRWEATHER", 161, 414, 178, 43),
        line("H&E", 153, 476, 61, 43),
    ]
    (surname,) = [d for d in classify_lines(label, asset="a") if d.evidence == "FAIRWEATHER"]
    assert surname.category == "patient_name" and surname.confirm
    # Without the specimen number beside it, the word is only text to read.
    (alone,) = classify_lines(label[2:3], asset="a")
    assert alone.category == "" and alone.confirm
