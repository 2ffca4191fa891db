"""mri_slice: clean MR pixels with a full header, and a volume rendering that is a face."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pydicom
import pytest
from PIL import Image

from safeshare.errors import SpecError
from safeshare.model.locations import Box, MetaField
from safeshare.model.spec_reader import FieldReader
from safeshare.render.context import RenderContext, RenderedAsset
from safeshare.render.radiology.dicom_header import PRIVATE_TAG
from safeshare.render.registry import renderer_for
from tests.render.direct_render import render_direct

RENDERER = renderer_for("mri_slice")


def _render(
    tmp_path: Path,
    options: Mapping[str, Any],
    *,
    seed: int = 1,
    present: Mapping[str, float] | None = None,
) -> tuple[RenderContext, RenderedAsset]:
    return render_direct(
        "mri_slice",
        tmp_path,
        options,
        case_id="T04",
        asset_id="mri",
        seed=seed,
        present=present,
        facts={},
    )


def test_clean_pixels_full_header(tmp_path: Path) -> None:
    ctx, asset = _render(tmp_path, {"study": "abdomen_mr"})
    assert not [f for f in ctx.findings if isinstance(f.location, Box)]
    tags = {f.location.tag for f in ctx.findings if isinstance(f.location, MetaField)}
    assert {
        "PatientName",
        "PatientBirthDate",
        "PatientAddress",
        "InstitutionName",
        PRIVATE_TAG,
    } <= tags
    assert "BurnedInAnnotation" not in tags
    ds = pydicom.dcmread(tmp_path / asset.file)
    assert ds.Modality == "MR" and ds.BurnedInAnnotation == "NO"
    assert ds.pixel_array.shape == (600, 968) == (asset.height, asset.width)
    # The sample's own header (with its real-looking address) is gone.
    assert "Vienna" not in str(ds) and "SIEMENS" not in str(ds).upper()
    assert str(ds.PatientAddress).startswith(ctx.facts["patient.address"])


def test_preview_is_the_windowed_pixels(tmp_path: Path) -> None:
    _, asset = _render(tmp_path, {"study": "abdomen_mr", "header": "basic_profile"})
    ds = pydicom.dcmread(tmp_path / asset.file)
    centre, width = float(ds.WindowCenter), float(ds.WindowWidth)
    expected = np.clip((ds.pixel_array - (centre - width / 2)) / width, 0, 1) * 255 + 0.5
    with Image.open(tmp_path / asset.preview) as im:
        preview = np.asarray(im.convert("L"), dtype=np.int16)
    assert np.abs(expected.astype(np.int16) - preview).max() <= 1


def test_volume_render_is_a_full_face(tmp_path: Path) -> None:
    ctx, asset = _render(tmp_path, {"study": "ct_volume_render"})
    faces = [f for f in ctx.findings if f.category == "full_face"]
    assert len(faces) == 1
    box = faces[0].location
    assert isinstance(box, Box)
    assert box.x >= 0 and box.x + box.w <= asset.width and box.y + box.h <= asset.height
    with Image.open(tmp_path / asset.preview) as im:
        rgb = np.asarray(im.convert("RGB"), dtype=np.int16)
    face = rgb[box.y : box.y + box.h, box.x : box.x + box.w]
    assert face.mean() > 80  # skin, not the black background
    assert rgb[:20, :20].max() < 10  # black around the head
    ds = pydicom.dcmread(tmp_path / asset.file)
    assert ds.RecognizableVisualFeatures == "YES" and ds.SamplesPerPixel == 3


def test_overlay_text_is_recorded_on_bright_pixels(tmp_path: Path) -> None:
    ctx, asset = _render(tmp_path, {"study": "abdomen_mr", "overlay": "full"}, present={"dob": 0.0})
    with Image.open(tmp_path / asset.preview) as im:
        grey = np.asarray(im.convert("L"), dtype=np.int16)
    boxes = [f for f in ctx.findings if isinstance(f.location, Box)]
    assert {f.category for f in boxes} == {
        "patient_name",
        "patient_number",
        "institution",
        "date_of_care",
    }
    for finding in boxes:
        b = finding.location
        assert isinstance(b, Box)
        assert grey[b.y : b.y + b.h, b.x : b.x + b.w].max() > 240
    assert pydicom.dcmread(tmp_path / asset.file).BurnedInAnnotation == "YES"


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _, a = _render(tmp_path / "a", {"study": "ct_volume_render", "overlay": "full"}, seed=5)
    _, b = _render(tmp_path / "b", {"study": "ct_volume_render", "overlay": "full"}, seed=5)
    assert (tmp_path / "a" / a.file).read_bytes() == (tmp_path / "b" / b.file).read_bytes()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"study": "brain_pet"}, "'brain_pet' is not one of"),
        ({"overlay": "half"}, "is not one of"),
        ({"slice": 3}, "unknown field 'slice'"),
    ],
)
def test_option_errors(options: dict[str, Any], message: str) -> None:
    with pytest.raises(SpecError, match=message):
        RENDERER.parse_options(FieldReader(options, source="t.yaml", path="options"))


def test_volume_render_is_turned_and_varies_with_the_seed() -> None:
    import random

    from safeshare.render.radiology.head import head_render

    a = head_render(256, random.Random(3), np.random.default_rng(3))
    b = head_render(256, random.Random(4), np.random.default_rng(4))
    grey = a.image.mean(axis=2)
    # A head turned by a slight yaw is not its own mirror image.
    assert np.abs(grey - grey[:, ::-1]).mean() > 0.02
    assert np.abs(a.image - b.image).mean() > 0.01
    x, y, w, h = a.face_box
    assert x >= 0 and y >= 0 and x + w <= 256 and y + h <= 256
    assert grey[y : y + h, x : x + w].mean() > 0.3
