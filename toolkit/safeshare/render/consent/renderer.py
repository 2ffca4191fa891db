"""The consent form in the renderer registry: `consent_form`, drawn from the consent record.

A case's consent record is not named under `assets:` in a spec: the case
reads it from the `consent:` section and asks the registry for
`consent_form`, as for any other asset.
"""

from __future__ import annotations

from typing import Any

from safeshare.errors import SpecError
from safeshare.model.spec_reader import FieldReader
from safeshare.render.consent.form import render_consent_form
from safeshare.render.context import RenderContext, RenderedAsset, Renderer
from safeshare.render.seeds import py_rng
from safeshare.taxonomy.consent import ConsentRecord

__all__ = ["RENDERER"]


def _parse(reader: FieldReader) -> Any:
    raise SpecError(
        "consent_form is drawn from the case's `consent:` section: write the record there, "
        "not under `assets:`",
        source=reader.source,
    )


def _render(ctx: RenderContext, record: ConsentRecord) -> RenderedAsset:
    name = f"{ctx.asset_id}.png"
    # The case's own stream (not the asset's), so a form keeps the look it always had.
    rng = py_rng(ctx.seed, ctx.case_id, "consent")
    width, height = render_consent_form(record, ctx.facts, ctx.path(name), rng=rng)
    return RenderedAsset(
        file=name, media_type="image/png", width=width, height=height, markable=False
    )


RENDERER = Renderer(
    name="consent_form",
    parse_options=_parse,
    render=_render,
    description="The consent record as the document in the notes: a form, or a notes entry.",
)
