"""Viewer screenshot: overlay from the source header, hidden fields, worklist, carried findings."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from safeshare.errors import SpecError
from safeshare.model.facts import Facts, make_facts
from safeshare.model.locations import Box
from safeshare.model.spec_reader import FieldReader
from safeshare.render.context import DrawnFinding, RenderContext, RenderedAsset
from safeshare.render.registry import renderer_for
from safeshare.render.seeds import py_rng

VIEWER = renderer_for("viewer_screenshot")


def _ctx(
    tmp_path: Path,
    asset_id: str,
    facts: Facts,
    *,
    present: Mapping[str, float] | None = None,
    rendered: Mapping[str, RenderedAsset] | None = None,
    source_findings: Mapping[str, list[DrawnFinding]] | None = None,
) -> RenderContext:
    return RenderContext(
        case_id="T05",
        asset_id=asset_id,
        seed=1,
        facts=facts,
        work_dir=tmp_path,
        present_chances=present or {},
        rendered=rendered or {},
        source_findings=source_findings or {},
    )


def _source(
    tmp_path: Path, kind: str, options: Mapping[str, Any]
) -> tuple[RenderContext, RenderedAsset]:
    facts = make_facts(py_rng(1, "T05", "facts"), {})
    renderer = renderer_for(kind)
    ctx = _ctx(tmp_path, "scan", facts)
    return ctx, renderer.render(
        ctx, renderer.parse_options(FieldReader(dict(options), source="t", path="o"))
    )


def _shot(
    tmp_path: Path,
    source: tuple[RenderContext, RenderedAsset],
    options: Mapping[str, Any],
    present: Mapping[str, float] | None = None,
) -> tuple[RenderContext, RenderedAsset]:
    src_ctx, src = source
    ctx = _ctx(
        tmp_path,
        "shot",
        src_ctx.facts,
        present=present,
        rendered={"scan": src},
        source_findings={"scan": list(src_ctx.findings)},
    )
    parsed = VIEWER.parse_options(FieldReader({"source": "scan", **options}, source="t", path="o"))
    return ctx, VIEWER.render(ctx, parsed)


@pytest.fixture(scope="module")
def ultrasound(tmp_path_factory: pytest.TempPathFactory) -> tuple[RenderContext, RenderedAsset]:
    return _source(tmp_path_factory.mktemp("src"), "ultrasound", {"study": "kidney"})


def test_overlay_and_worklist_are_recorded(
    tmp_path: Path, ultrasound: tuple[RenderContext, RenderedAsset]
) -> None:
    ctx, asset = _shot(tmp_path, ultrasound, {}, present={"title_name": 1.0})
    f = ctx.facts
    evidence = {(x.category, x.evidence) for x in ctx.findings}
    assert ("unique_number", f"Acc: {f['accession']}") in evidence
    assert ("patient_number", f["patient.hospital_number"]) in evidence
    assert ("institution", f["hospital.name"]) in evidence
    names = [x for x in ctx.findings if x.category == "patient_name"]
    assert len(names) >= 4  # burned into the frame, the overlay, the worklist row, the window title
    others = [x for x in ctx.findings if x.category == "background_information"]
    assert 1 <= len(others) <= 2 and all("Other patients" in x.evidence for x in others)
    with Image.open(tmp_path / asset.file) as im:
        grey = np.asarray(im.convert("L"), dtype=np.int16)
    assert grey.shape == (asset.height, asset.width)
    for finding in ctx.findings:
        b = finding.location
        assert isinstance(b, Box)
        assert b.x >= 0 and b.y >= 0 and b.x + b.w <= asset.width and b.y + b.h <= asset.height
        patch = grey[b.y : b.y + b.h, b.x : b.x + b.w]
        assert patch.max() - patch.min() > 60, finding


def test_source_findings_are_carried_into_the_viewport(
    tmp_path: Path, ultrasound: tuple[RenderContext, RenderedAsset]
) -> None:
    src_ctx, _src = ultrasound
    ctx, _ = _shot(tmp_path, ultrasound, {"worklist": False})
    src_boxes = [x for x in src_ctx.findings if isinstance(x.location, Box)]
    carried = [x for x in ctx.findings if x.evidence in {s.evidence for s in src_boxes}]
    assert len(carried) >= len(src_boxes)
    # Each carried box is the source box scaled into the viewport, keeping its shape.
    name_src = next(x.location for x in src_boxes if x.category == "patient_name")
    name_shot = [x.location for x in carried if x.category == "patient_name"]
    assert isinstance(name_src, Box)
    ratios = [b.w / name_src.w for b in name_shot if isinstance(b, Box)]
    assert any(0.5 < r < 1.2 for r in ratios)
    assert not [x for x in ctx.findings if x.category == "background_information"]


def test_hidden_fields_are_greyed_and_the_rest_stays(
    tmp_path: Path, ultrasound: tuple[RenderContext, RenderedAsset]
) -> None:
    ctx, _ = _shot(
        tmp_path,
        ultrasound,
        {"worklist": False, "hide": ["patient_name", "patient_id", "dob"]},
        present={"title_name": 0.0},
    )
    src_ctx, _ = ultrasound
    carried = len([x for x in src_ctx.findings if isinstance(x.location, Box)])
    own = ctx.findings[carried:]  # the source's boxes come first, then the viewer's own text
    categories = {x.category for x in own}
    assert "patient_name" not in categories and "patient_number" not in categories
    assert {"unique_number", "date_of_care", "institution"} <= categories
    assert sum("anonymise mode" in d.explanation for d in ctx.decoys) >= 2


def test_deidentified_source_draws_no_identity(tmp_path: Path) -> None:
    source = _source(tmp_path, "mri_slice", {"study": "abdomen_mr", "header": "basic_profile"})
    ctx, _ = _shot(tmp_path, source, {"worklist": False})
    assert ctx.findings == []
    assert any("de-identified" in d.explanation for d in ctx.decoys)


def test_same_inputs_same_bytes(
    tmp_path: Path, ultrasound: tuple[RenderContext, RenderedAsset]
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _, a = _shot(tmp_path / "a", ultrasound, {})
    _, b = _shot(tmp_path / "b", ultrasound, {})
    assert (tmp_path / "a" / a.file).read_bytes() == (tmp_path / "b" / b.file).read_bytes()


def test_missing_source_is_a_clear_error(tmp_path: Path) -> None:
    facts = make_facts(py_rng(1, "T05", "facts"), {})
    parsed = VIEWER.parse_options(FieldReader({"source": "scan"}, source="t", path="o"))
    with pytest.raises(ValueError, match="has not been rendered"):
        VIEWER.render(_ctx(tmp_path, "shot", facts), parsed)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({}, "is required"),
        ({"source": "scan", "hide": ["shoe_size"]}, "'shoe_size' is not one of"),
        ({"source": "scan", "worklist": "yes"}, "must be true or false"),
        ({"source": "scan", "theme": "light"}, "unknown field 'theme'"),
    ],
)
def test_option_errors(options: dict[str, Any], message: str) -> None:
    with pytest.raises(SpecError, match=message):
        VIEWER.parse_options(FieldReader(options, source="t.yaml", path="options"))
