"""Burned-in text: the OCR reads the bank's overlay and every keyed item is found.

OCR is slow on a shared machine: one endoscopy frame (module-scoped) and one
small synthetic image, nothing more.
"""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from safeshare.checker.burned_in import classify_lines
from safeshare.checker.check import check_file
from safeshare.checker.ocr import model_files, read_text
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
