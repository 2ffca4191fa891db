"""A phone photo of the endoscopy monitor: bezel, room, tilt, glare, moire, a JPEG with EXIF.

Whatever identified the patient on the monitor still does in the photo, so
each finding of the source frame is re-recorded here, its box carried
through the same perspective warp (the box around the four warped corners,
clipped to the photo). The JPEG's header (GPS, capture time, owner, serial)
comes from render.exif and is recorded there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageDraw, ImageFilter

from safeshare.model.locations import Box, Location
from safeshare.model.spec_reader import FieldReader
from safeshare.render.context import RenderContext, RenderedAsset, Renderer
from safeshare.render.drawing import BoxTuple, draw_text
from safeshare.render.exif import EXIF_PARTS, ExifOptions, read_exif_options, write_jpeg_with_exif
from safeshare.render.fonts import font
from safeshare.render.perspective import Points, apply_homography, homography

__all__ = ["GLARE", "RENDERER", "MonitorPhotoOptions", "parse_options", "render"]

GLARE = ("none", "name", "random")
"""none: no glare; name: a glare patch over the patient's name (half hidden, still
legible); random: a glare patch somewhere on the screen."""
PHOTO_SIZE = (1600, 1200)
_BEZEL = 34


@dataclass(frozen=True, slots=True, kw_only=True)
class MonitorPhotoOptions:
    """Options of a `monitor_photo` asset (YAML `options:`)."""

    source: str
    """Id of the asset shown on the monitor (an endoscopy_frame)."""
    glare: str = "random"
    """none, name or random."""
    exif: ExifOptions = field(default_factory=ExifOptions)
    """The JPEG's header: see render.exif (strip, camera, place, description)."""


def parse_options(reader: FieldReader) -> MonitorPhotoOptions:
    """Read and check the options mapping of a monitor_photo asset."""
    options = MonitorPhotoOptions(
        source=reader.string("source"),
        glare=reader.choice("glare", GLARE, "random"),
        exif=read_exif_options(reader),
    )
    reader.finish()
    return options


def _monitor(ctx: RenderContext, screen: Image.Image) -> tuple[Image.Image, BoxTuple]:
    """The screen inside a plastic bezel with a small maker's badge (and the badge's box)."""
    w, h = screen.size
    monitor = Image.new("RGB", (w + 2 * _BEZEL, h + 2 * _BEZEL + 14), (28, 29, 32))
    draw = ImageDraw.Draw(monitor)
    draw.rectangle((4, 4, monitor.width - 5, monitor.height - 5), outline=(48, 49, 53), width=2)
    monitor.paste(screen, (_BEZEL, _BEZEL))
    badge = ctx.rng("monitor").choice(["MEDIVIEW", "LUMERA", "ENDORA", "OPTIMA"])
    badge_box = draw_text(
        draw,
        (monitor.width // 2 - 30, h + _BEZEL + 12),
        badge,
        font("sans-bold", 13),
        (95, 96, 100),
    )
    led_x = monitor.width - _BEZEL - 20
    draw.ellipse((led_x, h + _BEZEL + 16, led_x + 6, h + _BEZEL + 22), fill=(40, 160, 70))
    return monitor, badge_box


def _screen_effects(screen: Image.Image, rng: np.random.Generator) -> Image.Image:
    """Moire from the camera sampling the pixel grid, and a slightly lifted black."""
    arr = np.asarray(screen, dtype=np.float32)
    h, w = arr.shape[:2]
    yy, xx = (a.astype(np.float32) for a in np.ogrid[0:h, 0:w])
    angle = rng.uniform(0.2, 1.2)
    period = rng.uniform(5.0, 9.0)
    wave = np.sin((xx * np.cos(angle) + yy * np.sin(angle)) * 2 * np.pi / period)
    wave2 = np.sin(
        (xx * np.cos(angle + 0.07) + yy * np.sin(angle + 0.07)) * 2 * np.pi / (period * 1.04)
    )
    moire = 1.0 - 0.07 * (0.5 + 0.25 * (wave + wave2))
    arr = arr * moire[..., None] + np.array([9.0, 10.0, 12.0], dtype=np.float32)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), mode="RGB")


def _room(rng: np.random.Generator) -> Image.Image:
    """A dim procedure room: wall, a cart below the monitor, an arm above it."""
    w, h = PHOTO_SIZE
    y = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
    x = np.linspace(0, 1, w, dtype=np.float32)[None, :, None]
    tint = np.array(
        [rng.uniform(70, 95), rng.uniform(75, 98), rng.uniform(82, 108)], dtype=np.float32
    )
    light = 0.55 + 0.45 * np.exp(-((x - rng.uniform(0.2, 0.8)) ** 2) / 0.2) * (1.0 - 0.5 * y)
    wall = tint * light
    arr = np.broadcast_to(wall, (h, w, 3)).copy()
    arr += rng.normal(0, 3.0, (h, w, 1)).astype(np.float32)
    room = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), mode="RGB")
    draw = ImageDraw.Draw(room)
    cart_top = int(h * rng.uniform(0.84, 0.9))
    draw.rectangle((0, cart_top, w, h), fill=(52, 54, 58))
    draw.rectangle((0, cart_top, w, cart_top + 6), fill=(120, 122, 126))
    arm_x = int(w * rng.uniform(0.42, 0.58))
    draw.rectangle((arm_x - 22, 0, arm_x + 22, int(h * 0.2)), fill=(60, 61, 64))
    return room.filter(ImageFilter.GaussianBlur(2.5))


def _glare(
    photo: NDArray[np.float32],
    screen_mask: NDArray[np.float32],
    centre: tuple[float, float],
    radius: tuple[float, float],
    strength: float,
) -> NDArray[np.float32]:
    """A soft bright reflection of a ceiling light on the screen's glass."""
    h, w = photo.shape[:2]
    yy, xx = (a.astype(np.float32) for a in np.ogrid[0:h, 0:w])
    cx, cy = centre
    rx, ry = radius
    d2 = ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2
    blob = np.exp(-d2 * 1.6) * screen_mask
    tint = np.array([1.0, 0.98, 0.93], dtype=np.float32)
    return np.asarray(
        photo + strength * blob[..., None] * tint * (1 - photo / 300), dtype=np.float32
    )


def _carry_findings(
    ctx: RenderContext,
    source: str,
    forward: NDArray[np.float64],
    offset: tuple[int, int],
    badge: BoxTuple,
) -> None:
    """Re-record each boxed finding, decoy and benign text of the source through the warp.

    The monitor's badge (in monitor pixels) is recorded too, as a decoy.
    """
    for finding in ctx.source_findings.get(source, []):
        box = _warped_box(finding.location, forward, offset)
        if box is not None:
            ctx.box(
                finding.category,
                box,
                f"{finding.evidence} (still legible in the photo of the monitor)",
            )
    for decoy in ctx.source_decoys.get(source, []):
        box = _warped_box(decoy.location, forward, offset)
        if box is not None:
            ctx.decoy_box(box, decoy.explanation)
    for benign in ctx.source_benign.get(source, []):
        box = _warped_box(benign.location, forward, offset)
        if box is not None:
            ctx.benign_box(box, benign.what)
    bx, by, bw, bh = badge
    box = _warped_box(Box(ctx.asset_id, bx - offset[0], by - offset[1], bw, bh), forward, offset)
    if box is not None:
        ctx.decoy_box(box, "The monitor maker's badge: a brand, not a patient.")


def _warped_box(
    loc: Location, forward: NDArray[np.float64], offset: tuple[int, int]
) -> tuple[int, int, int, int] | None:
    """The photo's box around a source box after the warp, clipped; None when off the photo."""
    if not isinstance(loc, Box):
        return None
    w, h = PHOTO_SIZE
    ox, oy = offset
    corners = [
        (loc.x + ox, loc.y + oy),
        (loc.x + loc.w + ox, loc.y + oy),
        (loc.x + loc.w + ox, loc.y + loc.h + oy),
        (loc.x + ox, loc.y + loc.h + oy),
    ]
    warped = apply_homography(forward, corners)
    x0 = max(0, int(np.floor(min(p[0] for p in warped))))
    y0 = max(0, int(np.floor(min(p[1] for p in warped))))
    x1 = min(w, int(np.ceil(max(p[0] for p in warped))))
    y1 = min(h, int(np.ceil(max(p[1] for p in warped))))
    if x1 - x0 < 3 or y1 - y0 < 3:
        return None
    return (x0, y0, x1 - x0, y1 - y0)


def render(ctx: RenderContext, options: MonitorPhotoOptions) -> RenderedAsset:
    """Photograph the source frame on its monitor and write the JPEG with its EXIF header."""
    if options.source not in ctx.rendered:
        raise ValueError(f"source {options.source!r} has not been rendered before this photo")
    shown = ctx.rendered[options.source].image
    if shown is None:
        raise ValueError(f"source {options.source!r} has no picture to photograph")
    rng = ctx.np_rng("photo")
    screen = _screen_effects(shown.convert("RGB"), ctx.np_rng("moire"))
    monitor, badge = _monitor(ctx, screen)
    mw, mh = monitor.size
    pw, ph = PHOTO_SIZE

    # Where the monitor's corners land: a centred rectangle, tilted, keystoned, turned.
    fill = rng.uniform(0.82, 0.92)
    qw = pw * fill
    qh = qw * mh / mw
    cx = pw / 2 + rng.uniform(-40, 40)
    cy = ph * 0.46 + rng.uniform(-30, 30)
    key_x = rng.uniform(-0.07, 0.07)
    key_y = rng.uniform(-0.05, 0.05)
    angle = np.deg2rad(rng.uniform(-4.0, 4.0))
    base = [(-qw / 2, -qh / 2), (qw / 2, -qh / 2), (qw / 2, qh / 2), (-qw / 2, qh / 2)]
    quad = []
    for bx, by in base:
        sx = bx * (1 + key_y * np.sign(by))
        sy = by * (1 + key_x * np.sign(bx))
        rx = sx * np.cos(angle) - sy * np.sin(angle)
        ry = sx * np.sin(angle) + sy * np.cos(angle)
        quad.append((float(cx + rx), float(cy + ry)))
    corners = [(0.0, 0.0), (float(mw), 0.0), (float(mw), float(mh)), (0.0, float(mh))]
    forward = homography(corners, quad)
    inverse = homography(quad, corners)
    coeffs = tuple(float(c) for c in (inverse.reshape(-1) / inverse[2, 2])[:8])

    warped = monitor.transform(
        PHOTO_SIZE, Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC
    )
    mask = Image.new("L", monitor.size, 255).transform(
        PHOTO_SIZE, Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR
    )
    photo = _room(ctx.np_rng("room"))
    photo.paste(warped, (0, 0), mask)

    screen_quad = apply_homography(
        forward,
        [
            (_BEZEL, _BEZEL),
            (_BEZEL + shown.width, _BEZEL),
            (_BEZEL + shown.width, _BEZEL + shown.height),
            (_BEZEL, _BEZEL + shown.height),
        ],
    )
    screen_mask_img = Image.new("L", PHOTO_SIZE, 0)
    ImageDraw.Draw(screen_mask_img).polygon(screen_quad, fill=255)
    screen_mask = np.asarray(screen_mask_img, dtype=np.float32) / 255.0

    arr = np.asarray(photo, dtype=np.float32)
    glare_at = _glare_centre(ctx, options, forward, screen_quad, rng)
    if glare_at is not None:
        centre, strength = glare_at
        radius = (rng.uniform(120, 190), rng.uniform(55, 85))
        arr = _glare(arr, screen_mask, centre, radius, strength)

    # The phone: a colour cast, softness, noise, darker corners.
    cast = np.array([rng.uniform(0.97, 1.06), 1.0, rng.uniform(0.88, 1.02)], dtype=np.float32)
    arr = arr * cast
    yy, xx = (a.astype(np.float32) for a in np.ogrid[0:ph, 0:pw])
    r2 = ((xx - pw / 2) / (pw / 2)) ** 2 + ((yy - ph / 2) / (ph / 2)) ** 2
    arr *= (1.0 - 0.22 * r2)[..., None]
    image = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), mode="RGB")
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.1)))
    noisy = np.asarray(image, dtype=np.float32) + ctx.np_rng("noise").normal(0, 2.2, (ph, pw, 1))
    image = Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8), mode="RGB")

    _carry_findings(ctx, options.source, forward, (_BEZEL, _BEZEL), badge)
    name = f"{ctx.asset_id}.jpg"
    rows = write_jpeg_with_exif(ctx, image, name, options.exif)
    return RenderedAsset(
        file=name,
        media_type="image/jpeg",
        width=pw,
        height=ph,
        image=image,
        metadata=rows,
    )


def _glare_centre(
    ctx: RenderContext,
    options: MonitorPhotoOptions,
    forward: NDArray[np.float64],
    screen_quad: Points,
    rng: np.random.Generator,
) -> tuple[tuple[float, float], float] | None:
    """Where the glare falls and how strong it is, or None for no glare."""
    if options.glare == "none":
        return None
    if options.glare == "name":
        for finding in ctx.source_findings.get(options.source, []):
            loc = finding.location
            if isinstance(loc, Box) and finding.category == "patient_name":
                # Off-centre, so part of the name sits in the brightest glare and part does not.
                cx = loc.x + _BEZEL + loc.w * rng.uniform(0.55, 0.8)
                cy = loc.y + _BEZEL + loc.h * 0.5
                ((px, py),) = apply_homography(forward, [(cx, cy)])
                return (px, py), float(rng.uniform(150, 175))
    xs = [p[0] for p in screen_quad]
    ys = [p[1] for p in screen_quad]
    return (
        (
            float(rng.uniform(min(xs) + 150, max(xs) - 150)),
            float(rng.uniform(min(ys) + 80, max(ys) - 80)),
        ),
        float(rng.uniform(90, 140)),
    )


RENDERER = Renderer(
    name="monitor_photo",
    parse_options=parse_options,
    render=render,
    optional_parts=EXIF_PARTS,
    description=(
        "A phone photo of the processor monitor showing another asset: bezel, room, "
        "perspective, glare, moire, JPEG with an EXIF header."
    ),
    sources=lambda options: (options.source,),
)
