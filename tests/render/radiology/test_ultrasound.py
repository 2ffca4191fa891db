"""Ultrasound: a DICOM that reads back, burned-in text on its boxes, blanking, options."""

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
from safeshare.render.registry import renderer_for
from tests.render.direct_render import render_direct

RENDERER = renderer_for("ultrasound")


def _render(
    tmp_path: Path,
    options: Mapping[str, Any],
    *,
    seed: int = 1,
    present: Mapping[str, float] | None = None,
) -> tuple[RenderContext, RenderedAsset]:
    return render_direct(
        "ultrasound",
        tmp_path,
        options,
        case_id="T02",
        asset_id="scan",
        seed=seed,
        present=present,
        facts={"patient.sex": "F"},
    )


@pytest.fixture(scope="module")
def obstetric(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[RenderContext, RenderedAsset, Path]:
    folder = tmp_path_factory.mktemp("us")
    ctx, asset = _render(folder, {"study": "obstetric_12wk"})
    return ctx, asset, folder


def test_dicom_reads_back_on_the_preview_grid(
    obstetric: tuple[RenderContext, RenderedAsset, Path],
) -> None:
    ctx, asset, folder = obstetric
    ds = pydicom.dcmread(folder / asset.file)
    assert ds.Modality == "US" and ds.SamplesPerPixel == 3 and ds.PhotometricInterpretation == "RGB"
    assert (ds.Rows, ds.Columns) == (asset.height, asset.width) == (768, 1024)
    with Image.open(folder / asset.preview) as im:
        preview = np.asarray(im.convert("RGB"))
    assert np.array_equal(ds.pixel_array, preview)
    assert ds.BurnedInAnnotation == "YES"
    assert str(ds.PatientName) == ctx.facts["patient.dicom_name"]


def test_boxes_lie_on_drawn_text_inside_the_image(
    obstetric: tuple[RenderContext, RenderedAsset, Path],
) -> None:
    ctx, asset, folder = obstetric
    with Image.open(folder / asset.preview) as im:
        grey = np.asarray(im.convert("L"), dtype=np.int16)
    boxes = [f for f in ctx.findings if isinstance(f.location, Box)]
    categories = {f.category for f in boxes}
    assert {"patient_name", "patient_number", "date_of_care", "institution"} <= categories
    for finding in boxes:
        b = finding.location
        assert isinstance(b, Box)
        assert b.x >= 0 and b.y >= 0 and b.x + b.w <= asset.width and b.y + b.h <= asset.height
        patch = grey[b.y : b.y + b.h, b.x : b.x + b.w]
        assert patch.max() - patch.min() > 100, finding  # light text on a dark banner


def test_name_box_holds_the_name(obstetric: tuple[RenderContext, RenderedAsset, Path]) -> None:
    ctx, _, _ = obstetric
    names = [f for f in ctx.findings if f.category == "patient_name"]
    assert len(names) == 1 and names[0].evidence == ctx.facts["patient.overlay_name"]


def test_decoys_for_settings_and_measurement(
    obstetric: tuple[RenderContext, RenderedAsset, Path],
) -> None:
    ctx, _, _ = obstetric
    reasons = " ".join(d.explanation for d in ctx.decoys if isinstance(d.location, Box))
    assert "settings" in reasons and "measurement" in reasons and "brand" in reasons


def test_blanked_frame_has_no_pixel_findings(tmp_path: Path) -> None:
    ctx, asset = _render(
        tmp_path, {"study": "kidney", "burned_in": "blanked", "header": "basic_profile"}
    )
    assert ctx.findings == []
    assert pydicom.dcmread(tmp_path / asset.file).BurnedInAnnotation == "NO"
    assert any("anonymise" in d.explanation for d in ctx.decoys)


def test_present_gates_optional_fields(tmp_path: Path) -> None:
    off = {"patient_id": 0.0, "dob": 0.0, "time": 0.0, "institution": 0.0, "sonographer": 0.0}
    ctx, _ = _render(tmp_path, {"study": "thyroid", "header": "none"}, present=off)
    categories = [f.category for f in ctx.findings]
    assert categories == ["patient_name", "date_of_care"]
    assert not [f for f in ctx.findings if isinstance(f.location, MetaField)]


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _, a = _render(tmp_path / "a", {"study": "gallbladder"}, seed=3)
    _, b = _render(tmp_path / "b", {"study": "gallbladder"}, seed=3)
    assert (tmp_path / "a" / a.file).read_bytes() == (tmp_path / "b" / b.file).read_bytes()
    assert (tmp_path / "a" / a.preview).read_bytes() == (tmp_path / "b" / b.preview).read_bytes()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"study": "heart"}, "'heart' is not one of"),
        ({}, "is required"),
        ({"study": "kidney", "burned_in": "partly"}, "is not one of"),
        ({"study": "kidney", "colour": "sepia"}, "unknown field 'colour'"),
        ({"study": "kidney", "keep": ["dates"]}, "retain options only apply"),
    ],
)
def test_option_errors(options: dict[str, Any], message: str) -> None:
    with pytest.raises(SpecError, match=message):
        RENDERER.parse_options(FieldReader(options, source="t.yaml", path="options"))
