"""Faces: the cascades in OpenCV's wheel find the bank's rendered faces, flagged to confirm."""

from __future__ import annotations

import pytest
from PIL import Image

from safeshare.checker.check import check_pixels
from safeshare.checker.faces import cascade_files
from safeshare.model.locations import Box
from tests.checker.bank_renders import asset_file, key_boxes, overlaps, rendered


def test_the_cascades_ship_in_the_opencv_wheel() -> None:
    import cv2

    assert int(cv2.__version__.split(".")[0]) < 5
    assert all(path.is_file() for path in cascade_files())


@pytest.mark.parametrize("seed", [1, 2])
def test_the_face_in_the_rash_photo_is_found_and_left_for_a_person_to_confirm(seed: int) -> None:
    _, _, key = rendered("P03", seed)
    (face,) = [f for f in key_boxes(key, "photo") if f.category == "full_face"]
    with Image.open(asset_file("P03", "photo", seed)) as image:
        found = check_pixels(image, asset="photo", ocr=False)
    faces = [d for d in found if d.category == "full_face"]
    assert isinstance(face.location, Box)
    assert any(overlaps(face.location, d.location) for d in faces if isinstance(d.location, Box))
    assert all(d.confirm for d in faces)


def test_no_face_is_found_in_an_endoscopy_frame() -> None:
    with Image.open(asset_file("E01", "frame")) as image:
        assert check_pixels(image, asset="frame", ocr=False) == []
