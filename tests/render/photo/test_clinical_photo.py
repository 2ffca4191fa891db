"""The clinical photo renderer: boxes on what it draws, gating, determinism, options."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import ExifTags, Image

from safeshare.errors import SpecError
from safeshare.model.facts import make_facts
from safeshare.model.locations import Box, MetaField
from safeshare.model.spec_reader import FieldReader
from safeshare.render.context import RenderContext, RenderedAsset
from safeshare.render.photo.clinical_photo import PROPS, RENDERER, SUBJECTS, ClinicalPhotoOptions

TEXT_CATEGORIES = {
    "label_or_wristband",
    "institution",
    "clinician_identity",
    "background_information",
    "unique_number",
    "patient_name",
}


def _options(data: dict[str, Any]) -> ClinicalPhotoOptions:
    options: ClinicalPhotoOptions = RENDERER.parse_options(FieldReader(data, source="test"))
    return options


def _render(
    tmp_path: Path, data: dict[str, Any], *, seed: int = 2, present: dict[str, float] | None = None
) -> tuple[RenderContext, RenderedAsset]:
    ctx = RenderContext(
        case_id="P99",
        asset_id="photo",
        seed=seed,
        facts=make_facts(random.Random(seed)),
        work_dir=tmp_path,
        present_chances=present or {},
    )
    return ctx, RENDERER.render(ctx, _options(data))


def _boxes(ctx: RenderContext) -> list[tuple[str, Box]]:
    return [(f.category, f.location) for f in ctx.findings if isinstance(f.location, Box)]


def _inside(box: Box, asset: RenderedAsset) -> bool:
    return (
        box.x >= 0 and box.y >= 0 and box.x + box.w <= asset.width and box.y + box.h <= asset.height
    )


def _has_detail(image: Image.Image, box: Box) -> bool:
    """Pixels in a text box vary (ink on a background), unlike a blank patch."""
    grey = np.asarray(image.convert("L").crop((box.x, box.y, box.x + box.w, box.y + box.h)), float)
    return float(grey.std()) > 12.0


@pytest.fixture(scope="module")
def forearm(tmp_path_factory: pytest.TempPathFactory) -> tuple[RenderContext, RenderedAsset]:
    data = {
        "subject": "forearm_lesion",
        "props": ["tattoo", "wristband", "badge", "logo"],
        "ruler": True,
        "exif": {"place": "ward"},
    }
    return _render(tmp_path_factory.mktemp("forearm"), data)


def test_forearm_records_every_prop_inside_the_image(
    forearm: tuple[RenderContext, RenderedAsset],
) -> None:
    ctx, asset = forearm
    assert asset.file == "photo.jpg" and asset.media_type == "image/jpeg"
    assert (asset.width, asset.height) == (1280, 960)
    assert asset.image is not None
    categories = [c for c, _ in _boxes(ctx)]
    for expected in ("distinctive_mark", "label_or_wristband", "clinician_identity"):
        assert expected in categories
    assert categories.count("institution") >= 1  # badge, and linen if there was room
    for category, box in _boxes(ctx):
        assert _inside(box, asset), (category, box)
        assert box.w > 4 and box.h > 4
        if category in TEXT_CATEGORIES:
            assert _has_detail(asset.image, box), (category, box)
    assert any(isinstance(d.location, Box) for d in ctx.decoys)  # the scale


def test_jpeg_on_disk_matches_the_header_rows(
    forearm: tuple[RenderContext, RenderedAsset],
) -> None:
    ctx, asset = forearm
    rows = {r.tag: r.value for r in asset.metadata}
    with Image.open(ctx.path(asset.file)) as im:
        assert im.size == (asset.width, asset.height)
        exif = im.getexif()
        assert exif[ExifTags.Base.Artist] == rows["Artist"]
    meta = [f.location.tag for f in ctx.findings if isinstance(f.location, MetaField)]
    assert set(meta) <= set(rows)
    assert "GPSInfo" in meta


def test_props_not_present_are_not_drawn_or_recorded(tmp_path: Path) -> None:
    data = {"subject": "forearm_lesion", "props": ["tattoo", "wristband"], "exif": {"strip": True}}
    ctx, asset = _render(tmp_path, data, present={"tattoo": 0.0, "wristband": 0.0})
    assert _boxes(ctx) == []
    assert asset.metadata == ()
    assert ctx.findings == []


def test_props_the_spec_does_not_ask_for_never_appear(tmp_path: Path) -> None:
    ctx, asset = _render(tmp_path, {"subject": "closeup_lesion", "exif": {"strip": True}})
    assert ctx.findings == []
    with Image.open(ctx.path(asset.file)) as im:
        assert len(im.getexif()) == 0


def test_face_is_a_full_face_with_or_without_the_bar_and_is_deterministic(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "c").mkdir()
    data = {"subject": "face", "eye_bar": True, "exif": {"strip": True}}
    ctx_a, asset = _render(tmp_path / "a", data)
    ctx_b, _ = _render(tmp_path / "b", data)
    assert (tmp_path / "a" / "photo.jpg").read_bytes() == (
        tmp_path / "b" / "photo.jpg"
    ).read_bytes()
    assert ctx_a.findings == ctx_b.findings
    ((category, box),) = _boxes(ctx_a)
    assert category == "full_face" and _inside(box, asset)
    ctx_c, _ = _render(tmp_path / "c", {"subject": "face", "exif": {"strip": True}})
    assert [c for c, _ in _boxes(ctx_c)] == ["full_face"]
    # the bar is black pixels across the eyes, inside the face box
    grey = np.asarray(asset.image.convert("L") if asset.image else None, dtype=float)
    band = grey[box.y : box.y + box.h // 2, box.x : box.x + box.w]
    assert (band < 30).mean() > 0.05
    # drawn after the camera: the bar is flat black, with none of the sensor's noise
    assert (band == 8).mean() > 0.05
    # a clinical portrait: the bottom corners are the hospital gown (pale blue), not black
    bottom = np.asarray(asset.image, dtype=float)[-60:, :120] if asset.image else None
    assert (
        bottom is not None and bottom.mean() > 90 and bottom[..., 2].mean() > bottom[..., 0].mean()
    )


def test_signs_take_their_colour_from_the_skin() -> None:
    from safeshare.render.photo.lesions import lesion, sign_paints

    for kind in ("nodule", "plaque"):
        light = lesion(kind, np.random.default_rng(1), (100.0, 100.0), 40.0, "light")
        dark = lesion(kind, np.random.default_rng(1), (100.0, 100.0), 40.0, "dark")
        core = light.alpha > 0.5
        # on dark skin an inflamed sign is dusky (darker, less red), not pink
        assert dark.colour[core].mean() < light.colour[core].mean() - 0.2
    stain, wound = sign_paints("ulcer", np.random.default_rng(1), (200.0, 200.0), 60.0, "light")
    assert stain.tint and not wound.tint and wound.replace == 1.0
    bed = wound.alpha > 0.99
    # a red, wet bed below the skin, with slough in it
    assert wound.colour[bed][:, 0].mean() > wound.colour[bed][:, 2].mean() + 0.2
    assert wound.bump[bed].mean() < -2.0 and wound.wet[bed].max() > 0.6
    yellow = (wound.colour[..., 1] > 0.6) & bed
    assert yellow.any()


def test_histology_label_number_and_surname(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    ctx, asset = _render(tmp_path / "a", {"subject": "histology", "exif": {"strip": True}})
    found = dict(_boxes(ctx))
    assert set(found) == {"unique_number", "patient_name"}
    assert asset.image is not None
    for box in found.values():
        assert _inside(box, asset) and _has_detail(asset.image, box)
    assert ctx.facts["patient.family"].upper() in next(
        f.evidence for f in ctx.findings if f.category == "patient_name"
    )
    ctx2, _ = _render(
        tmp_path / "b",
        {"subject": "histology", "exif": {"strip": True}},
        present={"label_name": 0.0},
    )
    assert [c for c, _ in _boxes(ctx2)] == ["unique_number"]


def test_theatre_shows_the_list_board_and_band(tmp_path: Path) -> None:
    data = {
        "subject": "theatre",
        "props": ["screen", "whiteboard", "wristband"],
        "exif": {"strip": True},
    }
    ctx, asset = _render(tmp_path, data)
    categories = sorted(c for c, _ in _boxes(ctx))
    assert categories == [
        "background_information",
        "clinician_identity",
        "label_or_wristband",
        "patient_name",
    ]
    assert asset.image is not None
    for category, box in _boxes(ctx):
        assert _inside(box, asset) and _has_detail(asset.image, box), category


@pytest.mark.slow
@pytest.mark.parametrize(
    ("subject", "props"),
    [
        ("leg_wound", ["wristband", "tattoo", "logo"]),
        ("hand_ring", ["ring", "whiteboard", "screen", "wristband"]),
        ("child_foot", ["wristband", "logo"]),
    ],
)
def test_other_subjects_record_their_props(tmp_path: Path, subject: str, props: list[str]) -> None:
    ctx, asset = _render(tmp_path, {"subject": subject, "props": props, "exif": {"strip": True}})
    boxes = _boxes(ctx)
    assert boxes
    for _, box in boxes:
        assert _inside(box, asset)
    if "ring" in props:
        assert "distinctive_mark" in {c for c, _ in boxes}
    assert "label_or_wristband" in {c for c, _ in boxes}


def test_option_errors_say_what_is_wrong() -> None:
    with pytest.raises(SpecError, match="cannot show 'ring'"):
        _options({"subject": "forearm_lesion", "props": ["ring"]})
    with pytest.raises(SpecError, match="not one of"):
        _options({"subject": "forearm_lesion", "props": ["hat"]})
    with pytest.raises(SpecError, match="only the face"):
        _options({"subject": "hand_ring", "eye_bar": True})
    with pytest.raises(SpecError, match="only the face subject has a rash"):
        _options({"subject": "forearm_lesion", "rash": False})
    with pytest.raises(SpecError, match="no lesion"):
        _options({"subject": "theatre", "lesion": "nodule"})
    with pytest.raises(SpecError, match="unknown field 'colour'"):
        _options({"subject": "face", "colour": "red"})
    with pytest.raises(SpecError, match="required"):
        _options({})


def test_a_face_takes_its_skin_tone_from_the_seed_unless_the_spec_names_one() -> None:
    assert _options({"subject": "face"}).skin_tone == ""
    assert _options({"subject": "face", "skin_tone": "brown"}).skin_tone == "brown"
    assert _options({"subject": "forearm_lesion"}).skin_tone == "medium"
    assert _options({"subject": "face"}).rash
    assert not _options({"subject": "face", "rash": False}).rash


def test_every_prop_and_exif_part_is_an_optional_part() -> None:
    assert set(PROPS) <= set(RENDERER.optional_parts)
    assert {"gps", "timestamp", "owner", "serial", "description", "label_name"} <= set(
        RENDERER.optional_parts
    )
    for props in SUBJECTS.values():
        assert props <= set(PROPS)
