"""The radiograph renderer: 12-bit DICOM, writing in the margin on its boxes, hardware, options."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pydicom
import pytest
from PIL import Image

from safeshare.errors import SpecError
from safeshare.model.locations import Box
from safeshare.model.spec_reader import FieldReader
from safeshare.render.context import RenderContext, RenderedAsset
from safeshare.render.registry import renderer_for
from tests.render.direct_render import render_direct

RENDERER = renderer_for("radiograph")


def _render(
    tmp_path: Path,
    options: Mapping[str, Any],
    *,
    seed: int = 1,
    present: Mapping[str, float] | None = None,
) -> tuple[RenderContext, RenderedAsset]:
    return render_direct(
        "radiograph",
        tmp_path,
        options,
        case_id="T03",
        asset_id="film",
        seed=seed,
        present=present,
        facts={},
    )


@pytest.fixture(scope="module")
def chest(tmp_path_factory: pytest.TempPathFactory) -> tuple[RenderContext, RenderedAsset, Path]:
    folder = tmp_path_factory.mktemp("chest")
    ctx, asset = _render(
        folder, {"study": "chest_pa", "implant": "pacemaker"}, present={"marker_initials": 1.0}
    )
    return ctx, asset, folder


def _boxes(ctx: RenderContext) -> list[Box]:
    return [f.location for f in ctx.findings if isinstance(f.location, Box)]


def test_chest_dicom_is_12_bit_on_the_preview_grid(
    chest: tuple[RenderContext, RenderedAsset, Path],
) -> None:
    _, asset, folder = chest
    ds = pydicom.dcmread(folder / asset.file)
    assert ds.Modality == "DX" and ds.BitsAllocated == 16 and ds.BitsStored == 12
    assert ds.PhotometricInterpretation == "MONOCHROME2"
    pixels = ds.pixel_array
    assert pixels.shape == (asset.height, asset.width) and int(pixels.max()) <= 4095
    with Image.open(folder / asset.preview) as im:
        preview = np.asarray(im.convert("L"), dtype=np.int16)
    as_8bit = (pixels.astype(np.float32) / 4095 * 255 + 0.5).astype(np.int16)
    assert np.array_equal(as_8bit, preview)
    assert ds.BurnedInAnnotation == "YES"


def test_margin_writing_is_recorded_on_bright_text(
    chest: tuple[RenderContext, RenderedAsset, Path],
) -> None:
    ctx, asset, folder = chest
    with Image.open(folder / asset.preview) as im:
        grey = np.asarray(im.convert("L"), dtype=np.int16)
    categories = {f.category for f in ctx.findings if isinstance(f.location, Box)}
    assert {"patient_name", "date_of_care", "clinician_identity", "distinctive_mark"} <= categories
    for finding in ctx.findings:
        b = finding.location
        if not isinstance(b, Box):
            continue
        assert b.x >= 0 and b.y >= 0 and b.x + b.w <= asset.width and b.y + b.h <= asset.height
        if finding.category in {"patient_name", "date_of_birth", "patient_number", "date_of_care"}:
            patch = grey[b.y : b.y + b.h, b.x : b.x + b.w]
            assert patch.max() > 230 and patch.min() < 40, (
                finding
            )  # white writing on its dark label
    name = next(f for f in ctx.findings if f.category == "patient_name")
    assert name.evidence == ctx.facts["patient.overlay_name"]


def test_clean_margin_and_a_rare_anomaly(tmp_path: Path) -> None:
    ctx, asset = _render(
        tmp_path,
        {
            "study": "chest_pa",
            "margin": "none",
            "anomaly": "dextrocardia",
            "header": "basic_profile",
        },
        present={"marker_initials": 0.0},
    )
    assert [f.category for f in ctx.findings] == ["rarity"]
    assert pydicom.dcmread(tmp_path / asset.file).BurnedInAnnotation == "NO"
    assert any("side marker" in d.explanation for d in ctx.decoys)


def test_dental_panoramic_with_name_tag_renders_the_same_twice(tmp_path: Path) -> None:
    results = []
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        results.append(
            _render(
                tmp_path / folder,
                {"study": "dental_panoramic"},
                seed=2,
                present={"hospital_number": 0.0},
            )
        )
    (ctx, asset), (_, again) = results
    assert (tmp_path / "a" / asset.file).read_bytes() == (tmp_path / "b" / again.file).read_bytes()
    ds = pydicom.dcmread(tmp_path / "a" / asset.file)
    assert ds.Modality == "PX" and (asset.width, asset.height) == (1600, 800)
    categories = [f.category for f in ctx.findings if isinstance(f.location, Box)]
    assert "patient_name" in categories and "patient_number" not in categories
    assert categories.count("distinctive_mark") == 1
    for b in _boxes(ctx):
        assert b.x + b.w <= asset.width and b.y + b.h <= asset.height


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"study": "knee"}, "'knee' is not one of"),
        ({"study": "dental_panoramic", "implant": "pacemaker"}, "chest_pa radiographs only"),
        ({"study": "dental_panoramic", "anomaly": "dextrocardia"}, "chest_pa radiographs only"),
        ({"implant": "hip"}, "is not one of"),
        ({"margin": "some"}, "is not one of"),
        ({"shoulders": True}, "unknown field 'shoulders'"),
    ],
)
def test_option_errors(options: dict[str, Any], message: str) -> None:
    with pytest.raises(SpecError, match=message):
        RENDERER.parse_options(FieldReader(options, source="t.yaml", path="options"))


def test_heart_shadow_lies_on_the_side_the_options_say() -> None:
    import random

    from safeshare.render.radiology.chest import chest_radiograph

    def sides(dextro: bool) -> tuple[float, float]:
        img = chest_radiograph(
            288, 352, random.Random(1), np.random.default_rng(1), female=False, dextrocardia=dextro
        ).image
        band = img[int(352 * 0.55) : int(352 * 0.7)]
        # Image right is the patient's left.
        return float(band[:, 90:130].mean()), float(band[:, 158:198].mean())

    right, left = sides(False)
    assert left > right
    right, left = sides(True)
    assert right > left


def test_panoramic_always_has_a_restoration_and_dentition_in_frame() -> None:
    import random

    from safeshare.render.radiology.dental import panoramic

    for seed in (0, 7):
        dental = panoramic(800, 400, random.Random(seed), np.random.default_rng(seed))
        assert dental.restorations >= 1
        x, y, w, h = dental.dentition_box
        assert x >= 0 and y >= 0 and x + w <= 800 and y + h <= 400
        teeth = dental.image[y : y + h, x : x + w].mean()
        assert teeth > dental.image[:, :40].mean()
