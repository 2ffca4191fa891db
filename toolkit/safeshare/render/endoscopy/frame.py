"""An endoscopy frame as the processor's monitor shows it: image on one side, text on the other.

The picture is rendered by endoscopy_scene (a lit, bent, folded lumen with
any finding); the text by processor_overlay, which records every identifier
it draws. With `overlay: none` only the endoscopic image region is kept, as
when a frame is exported or cropped before sharing.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageDraw

from safeshare.model.spec_reader import FieldReader
from safeshare.render.context import RenderContext, RenderedAsset, Renderer
from safeshare.render.endoscopy.findings import FINDINGS
from safeshare.render.endoscopy.overlay import (
    COMMENTS,
    MODES,
    OVERLAY_PARTS,
    Column,
    draw_overlay,
    draw_timer,
)
from safeshare.render.endoscopy.scene import render_scene
from safeshare.render.endoscopy.sites import SITES, site

__all__ = ["RENDERER", "EndoscopyOptions", "parse_options", "render"]


@dataclass(frozen=True, slots=True, kw_only=True)
class EndoscopyOptions:
    """Options of an `endoscopy_frame` asset (YAML `options:`)."""

    site: str = "sigmoid"
    """oesophagus, stomach, duodenum, colon, sigmoid or rectum."""
    finding: str = "none"
    """none, polyp, pedunculated_polyp, ulcer, bleeding, varices or foreign_body."""
    overlay: str = "full"
    """full, date_only, anonymised, settings_only or none (the overlay cropped away)."""
    comment: str = "clinical"
    """What the comment field holds: clinical (a safe note), initials_age, or none."""
    size: tuple[int, int] = (1280, 720)
    """Width and height of the monitor frame in pixels."""


def _size(reader: FieldReader) -> tuple[int, int]:
    text = reader.string("size", "1280x720")
    try:
        w_text, h_text = text.lower().split("x")
        width, height = int(w_text), int(h_text)
    except ValueError:
        raise reader.error("size", f"{text!r} must look like 1280x720 (width x height)") from None
    if not (640 <= width <= 1920 and 360 <= height <= 1080):
        raise reader.error("size", f"{text!r}: width must be 640..1920 and height 360..1080")
    if width < height * 1.4:
        raise reader.error(
            "size", f"{text!r}: a monitor frame is wide; width must be >= 1.4 x height"
        )
    return width, height


def parse_options(reader: FieldReader) -> EndoscopyOptions:
    """Read and check the options mapping of an endoscopy_frame asset."""
    options = EndoscopyOptions(
        site=reader.choice("site", tuple(SITES), "sigmoid"),
        finding=reader.choice("finding", tuple(FINDINGS), "none"),
        overlay=reader.choice("overlay", MODES, "full"),
        comment=reader.choice("comment", COMMENTS, "clinical"),
        size=_size(reader),
    )
    reader.finish()
    return options


def _mask(size: int, shape: str) -> Image.Image:
    """The image's outline on the monitor, anti-aliased: octagon, rounded square or circle."""
    big = size * 4
    mask = Image.new("L", (big, big), 0)
    draw = ImageDraw.Draw(mask)
    if shape == "octagon":
        c = round(big * 0.155)
        draw.polygon(
            [
                (c, 0),
                (big - c, 0),
                (big, c),
                (big, big - c),
                (big - c, big),
                (c, big),
                (0, big - c),
                (0, c),
            ],
            fill=255,
        )
    elif shape == "rounded":
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=round(big * 0.2), fill=255)
    else:
        pad = round(big * 0.04)
        draw.ellipse((-pad, -pad, big + pad, big + pad), fill=255)
    return mask.resize((size, size), Image.Resampling.BOX)


def render(ctx: RenderContext, options: EndoscopyOptions) -> RenderedAsset:
    """Render the frame, record what identifies, and write it as PNG."""
    width, height = options.size
    scale = height / 720
    margin = round(20 * scale)
    side = height - 2 * margin
    layout = ctx.rng("layout")
    image_left = layout.random() < 0.25
    shape = layout.choice(["octagon", "octagon", "octagon", "rounded", "circle"])

    scene = render_scene(
        site=site(options.site),
        finding=options.finding,
        size=side,
        streams=lambda part: ctx.np_rng("scene", part),
    )
    picture = Image.fromarray(scene.image, mode="RGB")
    if options.overlay == "none":
        # Only the endoscopic image region: the overlay was cropped away.
        width = side + 2 * margin
        image_x = margin
    else:
        image_x = margin + round(10 * scale) if image_left else width - side - round(30 * scale)
    frame = Image.new("RGB", (width, height), (0, 0, 0))
    frame.paste(picture, (image_x, margin), _mask(side, shape))
    if scene.object_box is not None:
        x, y, w, h = scene.object_box
        ctx.box(
            "rarity",
            (x + image_x, y + margin, w, h),
            "a distinctive swallowed object: a rare find that readers of the local news may recall",
        )
    if options.overlay != "none":
        draw = ImageDraw.Draw(frame)
        text_x = image_x + side + round(40 * scale) if image_left else round(28 * scale)
        column = Column(
            x=text_x,
            y=round(34 * scale),
            bottom=height - margin,
            scale=scale,
            rng=ctx.rng("overlay"),
        )
        upper = options.site in ("oesophagus", "stomach", "duodenum")
        draw_overlay(ctx, draw, column, mode=options.overlay, comment=options.comment, upper=upper)
        # The timer sits in the black corner the octagon leaves, bottom right of the image.
        timer = (image_x + side - round(104 * scale), height - margin - round(22 * scale))
        draw_timer(ctx, draw, timer, scale)

    name = f"{ctx.asset_id}.png"
    frame.save(ctx.path(name), format="PNG", optimize=False, compress_level=3)
    return RenderedAsset(
        file=name,
        media_type="image/png",
        width=frame.width,
        height=frame.height,
        image=frame,
    )


RENDERER = Renderer(
    name="endoscopy_frame",
    parse_options=parse_options,
    render=render,
    optional_parts=OVERLAY_PARTS,
    description=(
        "A frame from an endoscopy processor's monitor: the endoscopic image (site, finding) "
        "and the overlay text beside it (patient fields, date, time, physician, hospital)."
    ),
)
