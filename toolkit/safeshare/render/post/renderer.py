"""The post card in the renderer registry: `post_card`, drawn from the case's post.

A case's post is not named under `assets:` in a spec: the case builds it from
the `post:` section (filling in the templates and keying the marked words)
and then asks the registry for `post_card`, as for any other asset, to draw
it beside the images it shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PIL import Image

from safeshare.errors import SpecError
from safeshare.model.spec_reader import FieldReader
from safeshare.model.view import Post
from safeshare.render.context import RenderContext, RenderedAsset, Renderer
from safeshare.render.post.card import render_post_card

__all__ = ["RENDERER", "PostCardOptions"]


@dataclass(frozen=True, slots=True, kw_only=True)
class PostCardOptions:
    """What the card shows."""

    post: Post
    """The post with its templates filled in (its `images` name earlier assets)."""


def _parse(reader: FieldReader) -> Any:
    raise SpecError(
        "post_card is drawn from the case's `post:` section: write the post there, "
        "not under `assets:`",
        source=reader.source,
    )


def _picture(ctx: RenderContext, asset_id: str) -> Image.Image:
    """An earlier asset as a picture: in memory, or read back from its file or preview."""
    asset = ctx.rendered[asset_id]
    if asset.image is not None:
        return asset.image
    with Image.open(ctx.path(asset.preview or asset.file)) as image:
        return image.convert("RGB")


def _render(ctx: RenderContext, options: PostCardOptions) -> RenderedAsset:
    name = f"{ctx.asset_id}.png"
    pictures = [_picture(ctx, image_id) for image_id in options.post.images]
    width, height = render_post_card(options.post, pictures, ctx.path(name))
    return RenderedAsset(
        file=name, media_type="image/png", width=width, height=height, markable=False
    )


RENDERER = Renderer(
    name="post_card",
    parse_options=_parse,
    render=_render,
    description="The social media post as a card: author, text, images, thread and replies.",
    sources=lambda options: tuple(options.post.images),
)
