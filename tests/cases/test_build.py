"""Rendering: deterministic, atomic, keys inside their assets and on the drawn text."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from safeshare.cases.bank import load_bank
from safeshare.cases.build import build_case, render_case
from safeshare.errors import RenderError
from safeshare.model.locations import Box, Span
from tests.cases.rendered_bank import rendered_bank

pytestmark = pytest.mark.xdist_group("bank")


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _sample(
    kinds: tuple[str, ...] = ("endoscopy", "radiology", "photo", "text", "consent"),
) -> list:
    """The first spec of each kind: enough to prove the property for every renderer in use."""
    picked = {}
    for spec in load_bank():
        picked.setdefault(spec.kind, spec)
    return [picked[k] for k in kinds if k in picked]


@pytest.mark.parametrize("spec", _sample(), ids=lambda s: s.id)
def test_same_spec_and_seed_give_identical_bytes(tmp_path: Path, spec) -> None:  # type: ignore[no-untyped-def]
    a = build_case(spec, seed=7, out_dir=tmp_path / "a")
    b = build_case(spec, seed=7, out_dir=tmp_path / "b")
    assert a.key == b.key
    assert _digest(tmp_path / "a" / spec.id) == _digest(tmp_path / "b" / spec.id)


@pytest.mark.parametrize("spec", _sample(), ids=lambda s: s.id)
def test_another_seed_changes_the_variant(tmp_path: Path, spec) -> None:  # type: ignore[no-untyped-def]
    a = render_case(spec, seed=1, work_dir=_mk(tmp_path / "a"))
    b = render_case(spec, seed=2, work_dir=_mk(tmp_path / "b"))
    assert _digest(tmp_path / "a") != _digest(tmp_path / "b")
    assert a.view.to_dict() != b.view.to_dict()
    names_a = [f.evidence for f in a.key.findings if f.category == "patient_name"]
    names_b = [f.evidence for f in b.key.findings if f.category == "patient_name"]
    if names_a and names_b:
        assert names_a != names_b


def _mk(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


def test_every_box_lies_on_drawn_pixels() -> None:
    """Inside each key box the pixels vary: something was drawn there, not empty background."""
    for folder, view, key in rendered_bank():
        for finding in key.findings:
            loc = finding.location
            if not isinstance(loc, Box):
                continue
            asset = view.asset(loc.asset)
            with Image.open(folder / asset.image_file) as im:
                pixels = np.asarray(im.convert("L"), dtype=np.float32)
            assert loc.x >= 0 and loc.x + loc.w <= asset.width, finding.id
            assert loc.y >= 0 and loc.y + loc.h <= asset.height, finding.id
            patch = pixels[loc.y : loc.y + loc.h, loc.x : loc.x + loc.w]
            assert patch.std() > 4.0, f"{view.case_id} {finding.id}: nothing drawn in its box"


def test_every_span_lies_on_its_words() -> None:
    for _, view, key in rendered_bank():
        for finding in key.findings:
            loc = finding.location
            if isinstance(loc, Span):
                assert view.post is not None
                text = view.post.text_fields()[loc.field]
                assert text[loc.start : loc.end] == finding.evidence, finding.id


def test_an_interrupted_render_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = _sample()[0]
    build_case(spec, seed=1, out_dir=tmp_path)
    before = _digest(tmp_path / spec.id)

    def explode(*args: object, **kwargs: object) -> None:
        raise RenderError("simulated failure half way")

    monkeypatch.setattr("safeshare.cases.build._assemble_key", explode)
    with pytest.raises(RenderError):
        build_case(spec, seed=2, out_dir=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [spec.id]
    assert _digest(tmp_path / spec.id) == before
