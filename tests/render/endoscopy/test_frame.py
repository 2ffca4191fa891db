"""The endoscopy_frame renderer: determinism, boxes on drawn text, present() gating, options."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from safeshare.errors import SpecError
from safeshare.model.facts import make_facts
from safeshare.model.locations import Box
from safeshare.model.spec_reader import FieldReader
from safeshare.render.context import RenderContext, RenderedAsset
from safeshare.render.endoscopy.frame import RENDERER, EndoscopyOptions
from safeshare.render.seeds import py_rng

SMALL = "640x360"  # a smaller monitor frame keeps the suite fast


def _render(
    tmp_path: Path,
    options: Mapping[str, Any],
    *,
    seed: int = 1,
    present: Mapping[str, float] | None = None,
    facts: Mapping[str, object] | None = None,
) -> tuple[RenderedAsset, RenderContext]:
    work = tmp_path / f"seed{seed}-{len(list(tmp_path.iterdir()))}"
    work.mkdir()
    ctx = RenderContext(
        case_id="T01",
        asset_id="frame",
        seed=seed,
        facts=make_facts(py_rng(seed, "T01", "facts"), facts),
        work_dir=work,
        present_chances=present or {},
    )
    parsed = RENDERER.parse_options(FieldReader(dict(options), source="test.yaml"))
    return RENDERER.render(ctx, parsed), ctx


def _boxes(ctx: RenderContext) -> list[tuple[str, Box]]:
    return [(f.category, f.location) for f in ctx.findings if isinstance(f.location, Box)]


def test_same_seed_gives_identical_bytes(tmp_path: Path) -> None:
    opts = {"site": "sigmoid", "finding": "polyp", "size": SMALL}
    first, _ = _render(tmp_path, opts)
    second, _ = _render(tmp_path, opts)
    a = (tmp_path / "seed1-0" / first.file).read_bytes()
    b = (tmp_path / "seed1-1" / second.file).read_bytes()
    assert a == b


def test_another_seed_gives_another_frame(tmp_path: Path) -> None:
    opts = {"site": "rectum", "size": SMALL}
    one, _ = _render(tmp_path, opts, seed=1)
    two, _ = _render(tmp_path, opts, seed=2)
    assert one.image is not None and two.image is not None
    assert one.image.tobytes() != two.image.tobytes()


def test_full_overlay_records_every_identifier_on_drawn_text(tmp_path: Path) -> None:
    asset, ctx = _render(tmp_path, {"site": "sigmoid", "finding": "polyp", "size": SMALL})
    assert asset.image is not None
    pixels = np.asarray(asset.image.convert("L"))
    categories = [c for c, _ in _boxes(ctx)]
    for expected in (
        "patient_number",
        "patient_name",
        "age_or_sex",
        "date_of_birth",
        "clinician_identity",
        "institution",
    ):
        assert expected in categories
    assert categories.count("date_of_care") == 2  # the date and the time
    for category, box in _boxes(ctx):
        assert box.x >= 0 and box.y >= 0, category
        assert box.x + box.w <= asset.width and box.y + box.h <= asset.height, category
        patch = pixels[box.y : box.y + box.h, box.x : box.x + box.w]
        assert patch.max() > 120, f"{category} box holds no drawn text"
    assert ctx.decoys, "settings, scope model and timer are recorded as decoys"


def test_initials_and_age_in_the_comment(tmp_path: Path) -> None:
    _, ctx = _render(
        tmp_path,
        {"overlay": "anonymised", "comment": "initials_age", "size": SMALL},
        facts={"patient.age": 94, "patient.given": "John", "patient.family": "Smith"},
    )
    evidence = {f.category: f.evidence for f in ctx.findings}
    assert set(evidence) == {"patient_name", "age_or_sex"}
    assert "JS" in evidence["patient_name"]
    assert "94" in evidence["age_or_sex"] and "HIPAA" in evidence["age_or_sex"]
    assert any("placeholder" in d.explanation for d in ctx.decoys)


@pytest.mark.parametrize("mode", ["anonymised", "settings_only", "none"])
def test_safe_modes_record_no_findings(tmp_path: Path, mode: str) -> None:
    asset, ctx = _render(tmp_path, {"overlay": mode, "comment": "clinical", "size": SMALL})
    assert ctx.findings == []
    if mode == "none":
        assert asset.width == asset.height  # only the image region is left
        assert ctx.decoys == []
    else:
        assert ctx.decoys


def test_date_only_shows_the_date_and_nothing_else(tmp_path: Path) -> None:
    _, ctx = _render(tmp_path, {"overlay": "date_only", "size": SMALL})
    assert [f.category for f in ctx.findings] == ["date_of_care"]


def test_present_gating_removes_the_field_and_its_finding(tmp_path: Path) -> None:
    opts = {"size": SMALL}
    shown, with_ctx = _render(tmp_path, opts)
    hidden, without_ctx = _render(tmp_path, opts, present={"dob": 0.0, "hospital": 0.0})
    with_cats = [f.category for f in with_ctx.findings]
    without_cats = [f.category for f in without_ctx.findings]
    assert "date_of_birth" in with_cats and "date_of_birth" not in without_cats
    assert "institution" in with_cats and "institution" not in without_cats
    assert shown.image is not None and hidden.image is not None
    # The hospital's line is now black where its text was.
    (box,) = [f.location for f in with_ctx.findings if f.category == "institution"]
    assert isinstance(box, Box)
    region = (box.x, box.y, box.x + box.w, box.y + box.h)
    assert np.asarray(hidden.image.crop(region)).max() < 40


def test_foreign_body_is_recorded_as_rarity_on_the_object(tmp_path: Path) -> None:
    asset, ctx = _render(
        tmp_path,
        {"site": "oesophagus", "finding": "foreign_body", "overlay": "none", "size": SMALL},
    )
    (rare,) = [f for f in ctx.findings if f.category == "rarity"]
    box = rare.location
    assert isinstance(box, Box) and box.w > 20 and box.h > 20
    assert box.x + box.w <= asset.width and box.y + box.h <= asset.height


def test_file_is_a_png_of_the_requested_size(tmp_path: Path) -> None:
    asset, ctx = _render(tmp_path, {"size": SMALL})
    with Image.open(ctx.path(asset.file)) as im:
        assert im.format == "PNG" and im.size == (640, 360)


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"site": "jejunum"}, "site"),
        ({"finding": "tumour"}, "finding"),
        ({"overlay": "partial"}, "overlay"),
        ({"comment": "name"}, "comment"),
        ({"size": "big"}, "size"),
        ({"size": "720x1280"}, "size"),
        ({"colour": "red"}, "(top level)"),
    ],
)
def test_option_errors_name_the_field(options: dict[str, Any], field: str) -> None:
    with pytest.raises(SpecError) as info:
        RENDERER.parse_options(FieldReader(options, source="case.yaml"))
    assert info.value.field == field


def test_defaults() -> None:
    parsed = RENDERER.parse_options(FieldReader({}, source="case.yaml"))
    assert parsed == EndoscopyOptions()
    assert set(RENDERER.optional_parts) >= {"id", "name", "dob", "date", "time", "hospital"}
