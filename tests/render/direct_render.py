"""Render one asset straight through its renderer, without a spec: for renderer tests."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from safeshare.model.facts import make_facts
from safeshare.model.spec_reader import FieldReader
from safeshare.render.context import RenderContext, RenderedAsset
from safeshare.render.registry import renderer_for
from safeshare.render.seeds import py_rng


def render_direct(
    renderer: str,
    tmp_path: Path,
    options: Mapping[str, Any],
    *,
    case_id: str,
    asset_id: str,
    seed: int = 1,
    present: Mapping[str, float] | None = None,
    facts: Mapping[str, object] | None = None,
) -> tuple[RenderContext, RenderedAsset]:
    """Parse the options as a spec would, render, and return the context (with its findings)."""
    chosen = renderer_for(renderer)
    parsed = chosen.parse_options(FieldReader(dict(options), source="t.yaml", path="options"))
    ctx = RenderContext(
        case_id=case_id,
        asset_id=asset_id,
        seed=seed,
        facts=make_facts(py_rng(seed, case_id, "facts"), facts or {}),
        work_dir=tmp_path,
        present_chances=present or {},
    )
    return ctx, chosen.render(ctx, parsed)
