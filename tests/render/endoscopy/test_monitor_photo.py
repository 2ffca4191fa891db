"""The monitor_photo renderer: a phone photo of a frame, its carried boxes and its EXIF."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from safeshare.errors import SpecError
from safeshare.model.facts import make_facts
from safeshare.model.locations import Box, MetaField
from safeshare.model.spec_reader import FieldReader
from safeshare.render.context import RenderContext, RenderedAsset
from safeshare.render.endoscopy import frame as endoscopy
from safeshare.render.endoscopy import monitor_photo
from safeshare.render.seeds import py_rng

_FRAMES: dict[int, tuple[RenderedAsset, RenderContext]] = {}


def _frame(seed: int, work: Path) -> tuple[RenderedAsset, RenderContext]:
    """The monitor frame for a seed, rendered once for the whole module."""
    if seed not in _FRAMES:
        facts = make_facts(py_rng(seed, "T03", "facts"))
        ctx = RenderContext(case_id="T03", asset_id="frame", seed=seed, facts=facts, work_dir=work)
        options = endoscopy.parse_options(FieldReader({"size": "854x480"}, source="t.yaml"))
        _FRAMES[seed] = (endoscopy.render(ctx, options), ctx)
    return _FRAMES[seed]


def _photo(
    tmp_path: Path,
    options: Mapping[str, Any],
    *,
    seed: int = 1,
    present: Mapping[str, float] | None = None,
) -> tuple[RenderedAsset, RenderContext, RenderContext]:
    work = tmp_path / f"w{len(list(tmp_path.iterdir()))}"
    work.mkdir()
    frame, frame_ctx = _frame(seed, work)
    facts = frame_ctx.facts
    ctx = RenderContext(
        case_id="T03",
        asset_id="photo",
        seed=seed,
        facts=facts,
        work_dir=work,
        present_chances=present or {},
        rendered={"frame": frame},
        source_findings={"frame": list(frame_ctx.findings)},
    )
    parsed = monitor_photo.parse_options(FieldReader(dict(options), source="t.yaml"))
    return monitor_photo.render(ctx, parsed), ctx, frame_ctx


def test_same_seed_same_bytes_and_another_seed_differs(tmp_path: Path) -> None:
    a, ctx_a, _ = _photo(tmp_path, {"source": "frame"})
    b, ctx_b, _ = _photo(tmp_path, {"source": "frame"})
    c, ctx_c, _ = _photo(tmp_path, {"source": "frame"}, seed=2)
    bytes_a = ctx_a.path(a.file).read_bytes()
    assert bytes_a == ctx_b.path(b.file).read_bytes()
    assert bytes_a != ctx_c.path(c.file).read_bytes()


def test_every_boxed_finding_of_the_frame_is_carried_onto_text(tmp_path: Path) -> None:
    asset, ctx, frame_ctx = _photo(tmp_path, {"source": "frame", "glare": "none"})
    source_boxes = [f for f in frame_ctx.findings if isinstance(f.location, Box)]
    carried = [f for f in ctx.findings if isinstance(f.location, Box)]
    assert [f.category for f in carried] == [f.category for f in source_boxes]
    assert asset.image is not None
    grey = np.asarray(asset.image.convert("L"), dtype=np.float32)
    for finding in carried:
        box = finding.location
        assert isinstance(box, Box) and box.asset == "photo"
        assert box.x >= 0 and box.x + box.w <= asset.width
        assert box.y >= 0 and box.y + box.h <= asset.height
        patch = grey[box.y : box.y + box.h, box.x : box.x + box.w]
        # Light text on the dark screen: bright strokes well above the patch's dark floor.
        assert patch.max() - np.percentile(patch, 10) > 60, finding.category


def test_glare_over_the_name_brightens_it_but_keeps_it(tmp_path: Path) -> None:
    plain, _, _ = _photo(tmp_path, {"source": "frame", "glare": "none"})
    glared, ctx_glare, _ = _photo(tmp_path, {"source": "frame", "glare": "name"})
    assert plain.image is not None and glared.image is not None
    (box,) = [f.location for f in ctx_glare.findings if f.category == "patient_name"]
    assert isinstance(box, Box)
    region = (box.x, box.y, box.x + box.w, box.y + box.h)
    before = np.asarray(plain.image.convert("L").crop(region), dtype=np.float32)
    after = np.asarray(glared.image.convert("L").crop(region), dtype=np.float32)
    assert after.mean() > before.mean() + 30
    assert "patient_name" in [f.category for f in ctx_glare.findings]


def test_jpeg_with_exif_findings_gated_by_present(tmp_path: Path) -> None:
    asset, ctx, _ = _photo(tmp_path, {"source": "frame"}, present={"serial": 0.0})
    with Image.open(ctx.path(asset.file)) as im:
        assert im.format == "JPEG" and im.size == (asset.width, asset.height)
        assert im.getexif()
    tags = {f.location.tag for f in ctx.findings if isinstance(f.location, MetaField)}
    assert {"GPSInfo", "DateTimeOriginal"} <= tags
    assert "BodySerialNumber" not in tags
    assert {row.tag for row in asset.metadata} >= tags


def test_stripped_exif_records_no_metadata(tmp_path: Path) -> None:
    asset, ctx, _ = _photo(tmp_path, {"source": "frame", "exif": {"strip": True}})
    assert asset.metadata == ()
    assert not [f for f in ctx.findings if isinstance(f.location, MetaField)]


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({}, "source"),
        ({"source": "frame", "glare": "lots"}, "glare"),
        ({"source": "frame", "exif": {"place": "moon"}}, "exif.place"),
        ({"source": "frame", "blur": 2}, "(top level)"),
    ],
)
def test_option_errors_name_the_field(options: dict[str, Any], field: str) -> None:
    with pytest.raises(SpecError) as info:
        monitor_photo.parse_options(FieldReader(options, source="case.yaml"))
    assert info.value.field == field


def test_homography_maps_corners() -> None:
    src = [(0.0, 0.0), (10.0, 0.0), (10.0, 5.0), (0.0, 5.0)]
    dst = [(1.0, 2.0), (12.0, 1.0), (11.0, 8.0), (2.0, 7.0)]
    h = monitor_photo.homography(src, dst)
    for (x, y), (u, v) in zip(src, dst, strict=True):
        p = h @ np.array([x, y, 1.0])
        assert p[0] / p[2] == pytest.approx(u) and p[1] / p[2] == pytest.approx(v)
