"""Photograph a body part lying on a bed: skin, signs, props, shadow, backdrop.

A subject module (photo_subjects) says where the limb is and where a band, a
tattoo or a ring would sit; this module draws it all in the right order:
surface and printed linen, the limb with its signs and tattoo, lighting, then
wristband, ring, scale, and a badge swinging into the frame.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from PIL import ImageFilter

from safeshare.model.facts import Facts
from safeshare.render.drawing import BoxTuple, union
from safeshare.render.photo.backdrop import place_card, ward_backdrop
from safeshare.render.photo.body import Capsule, Shape, body_shape
from safeshare.render.photo.lesions import Paint, lay_paint, sign_paints
from safeshare.render.photo.noise import FloatArray, fbm, soft_blur
from safeshare.render.photo.place import Placement, rect_corners
from safeshare.render.photo.props import (
    badge_card,
    linen_print_card,
    ring_card,
    ruler_card,
    tattoo_card,
    wristband_card,
)
from safeshare.render.photo.scene import Scene, shade_skin
from safeshare.render.photo.skin import SkinSurface, hair_layer, skin_surface
from safeshare.render.photo.surfaces import cast_shadow, surface

__all__ = ["Chosen", "LimbPlan", "Spot", "photograph_limb"]

PyRngFor = Callable[[str], random.Random]
NpRngFor = Callable[[str], np.random.Generator]


@dataclass(frozen=True, slots=True)
class Spot:
    """A place on the limb: centre, the limb's axis direction there (radians), its radius."""

    x: float
    y: float
    angle: float
    radius: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Chosen:
    """Which identifying props this variant draws (options and present() already applied)."""

    tattoo: bool = False
    tattoo_design: str = "heart_name"
    wristband: bool = False
    ring: bool = False
    badge: bool = False
    whiteboard: bool = False
    screen: bool = False
    logo: bool = False
    ruler: bool = False


@dataclass(slots=True, kw_only=True)
class LimbPlan:
    """Where everything is, as a subject module lays it out."""

    capsules: list[Capsule]
    tone: str
    surface: str
    light: tuple[float, float, float]
    focus: tuple[float, float]
    signs: list[tuple[str, tuple[float, float], float]] = field(default_factory=list)
    hair: tuple[float, int] = (0.0, 0)
    """Direction (radians) and number of hairs."""
    band: Spot | None = None
    band_label: str = "wristband"
    tattoo: Spot | None = None
    ring: Spot | None = None
    ruler: Spot | None = None
    horizon: int | None = None
    """Row above which the ward is seen (None: only the surface)."""
    pore_scale: float = 1.0
    undulation: float = 10.0
    decorate: Callable[[FloatArray, FloatArray, FloatArray, Shape], None] | None = None
    """Extra painting on the skin (nails, creases): albedo, relief, wet, shape, in place."""
    extra_paints: list[Paint] = field(default_factory=list)
    clinician_role: str = "Specialty Registrar"


def _ink(albedo: FloatArray, layer_rgb: FloatArray, alpha: FloatArray) -> None:
    """Tattoo ink sits under the skin: it darkens and tints the skin colour (multiply)."""
    a = alpha[..., None]
    albedo[:] = albedo * (1 - a) + albedo * np.clip(layer_rgb * 1.15, 0, 1) * a


def _free_spot(
    pyrng: random.Random, mask: FloatArray, size: tuple[float, float], avoid_top: int
) -> tuple[float, float] | None:
    """A centre where a card of `size` lies clear of the subject (or None)."""
    h, w = mask.shape
    cw, ch = size
    for _ in range(40):
        cx = pyrng.uniform(cw / 2 + 10, w - cw / 2 - 10)
        cy = pyrng.uniform(max(avoid_top, 0) + ch / 2 + 10, h - ch / 2 - 10)
        y0, y1 = int(cy - ch / 2), int(cy + ch / 2)
        x0, x1 = int(cx - cw / 2), int(cx + cw / 2)
        if y0 < 0 or x0 < 0 or y1 > h or x1 > w:
            continue
        if float(mask[y0:y1, x0:x1].mean()) < 0.01:
            return (cx, cy)
    return None


def _within(box: BoxTuple | None, mask: FloatArray) -> BoxTuple | None:
    """Shrink a box to the part of it where the mask is set (a tattoo past the limb's edge)."""
    if box is None:
        return None
    x, y, w, h = box
    sub = mask[y : y + h, x : x + w] > 0.5
    if not sub.any():
        return None
    rows = np.nonzero(sub.any(axis=1))[0]
    cols = np.nonzero(sub.any(axis=0))[0]
    return (
        x + int(cols[0]),
        y + int(rows[0]),
        int(cols[-1] - cols[0] + 1),
        int(rows[-1] - rows[0] + 1),
    )


def photograph_limb(
    plan: LimbPlan,
    chosen: Chosen,
    facts: Facts,
    shape: tuple[int, int],
    np_rng: NpRngFor,
    py_rng: PyRngFor,
) -> Scene:
    """Draw the planned subject and props into a clean scene, recording what identifies."""
    body = body_shape(plan.capsules, shape, blend=28.0)
    if plan.undulation:
        bumps = plan.undulation * fbm(np_rng("undulation"), shape, (260.0, 110.0))
        body = Shape(body.height + bumps * body.mask, body.mask, body.across)
    scene = Scene(np.zeros((*shape, 3), dtype=np.float32), np.zeros(shape, dtype=np.float32))
    bg = _linen(scene, plan, chosen, facts, body.mask, np_rng, py_rng)
    skin_lit = _lit_limb(scene, plan, chosen, facts, body, np_rng, py_rng)
    rgb = _composite(scene, plan, chosen, facts, bg, body.mask, skin_lit, np_rng, py_rng)
    if chosen.wristband and plan.band is not None:
        _band(scene, rgb, plan.band, plan.band_label, facts, py_rng)
    if chosen.ring and plan.ring is not None:
        _ring(scene, rgb, plan.ring, py_rng)
    if chosen.ruler and plan.ruler is not None:
        _ruler(scene, rgb, plan.ruler)
    scene.depth = _focus(plan, body.mask)
    if chosen.badge:
        _badge(scene, rgb, facts, py_rng("badge"), plan.clinician_role)
    scene.rgb = rgb
    return scene


def _linen(
    scene: Scene,
    plan: LimbPlan,
    chosen: Chosen,
    facts: Facts,
    mask: FloatArray,
    np_rng: NpRngFor,
    py_rng: PyRngFor,
) -> FloatArray:
    """What the limb lies on, with the linen's printed stamp (recorded) if it is chosen."""
    shape = scene.shape
    w = shape[1]
    bg = surface(np_rng("surface"), shape, plan.surface)
    if chosen.logo:
        card = linen_print_card(facts)
        width = w * 0.30
        size = (width, width * card.size[1] / card.size[0])
        keep_clear = mask.copy()
        if chosen.ruler and plan.ruler is not None:
            r = plan.ruler
            ys, xs = (
                slice(max(0, int(r.y - 90)), int(r.y + 90)),
                slice(max(0, int(r.x - 260)), int(r.x + 260)),
            )
            keep_clear[ys, xs] = 1.0
        free = _free_spot(
            py_rng("logo"), keep_clear, (size[0] * 1.1, size[1] * 1.6), plan.horizon or 0
        )
        if free is not None:
            angle = py_rng("logo").uniform(-0.5, 0.5)
            placement = Placement(
                card.size, rect_corners(free[0], free[1], size[0], size[1], angle)
            )
            layer = placement.warp(card.image.filter(ImageFilter.GaussianBlur(1.2)), shape)
            wear = np.clip(0.8 + 0.2 * fbm(np_rng("logo"), shape, (30.0, 5.0)), 0.5, 1)
            _ink(bg, layer.rgb, layer.alpha * 0.8 * wear)
            scene.mark(
                "institution",
                placement.box(card.boxes["hospital"], shape),
                f"Hospital name printed on the linen: {card.texts['hospital']}",
            )
    return bg


def _lit_limb(
    scene: Scene,
    plan: LimbPlan,
    chosen: Chosen,
    facts: Facts,
    body: Shape,
    np_rng: NpRngFor,
    py_rng: PyRngFor,
) -> FloatArray:
    """The limb: skin, signs, tattoo, hair, lit."""
    shape = scene.shape
    light = plan.light
    mask = body.mask
    skin = skin_surface(np_rng("skin"), shape, plan.tone, pore_scale=plan.pore_scale)
    albedo, relief = skin.albedo.copy(), skin.relief.copy()
    wet = np.zeros(shape, dtype=np.float32)
    bare = np.zeros(shape, dtype=np.float32)  # open wound: no hair grows there
    for i, (kind, centre, radius) in enumerate(plan.signs):
        paints = sign_paints(kind, np_rng(f"sign{i}"), centre, radius, plan.tone, light=light)
        for paint in paints:
            lay_paint(paint, albedo, relief, wet, within=mask)
            if paint.replace > 0:
                _mark_bare(bare, paint)
    for paint in plan.extra_paints:
        lay_paint(paint, albedo, relief, wet, within=mask)
    if plan.decorate is not None:
        plan.decorate(albedo, relief, wet, body)
    if chosen.tattoo and plan.tattoo is not None:
        _tattoo(scene, albedo, plan.tattoo, chosen, facts, mask, np_rng, py_rng)
    hair = None
    if plan.hair[1] > 0:
        hair = hair_layer(np_rng("hair"), shape, mask, direction=plan.hair[0], count=plan.hair[1])
        hair *= mask * (1 - bare)
    skin_lit = shade_skin(
        body,
        SkinSurface(albedo, relief, skin.sheen),
        wet,
        light=light,
        hair=hair,
        hair_colour=_hair_colour(plan.tone),
    )
    return skin_lit


def _tattoo(
    scene: Scene,
    albedo: FloatArray,
    spot: Spot,
    chosen: Chosen,
    facts: Facts,
    mask: FloatArray,
    np_rng: NpRngFor,
    py_rng: PyRngFor,
) -> None:
    """A tattoo inked into the skin's colour (in place), recorded with its design."""
    shape = scene.shape
    rng = py_rng("tattoo")
    card = tattoo_card(rng, facts, chosen.tattoo_design)
    width = spot.radius * rng.uniform(1.0, 1.3) * (1.0 if card.size[0] < 500 else 1.5)
    height = width * card.size[1] / card.size[0]
    angle = _upright(spot.angle + np.pi / 2 + rng.uniform(-0.25, 0.25))
    placement = Placement(card.size, rect_corners(spot.x, spot.y, width, height, angle), 0.5)
    faded = card.image.filter(ImageFilter.GaussianBlur(2.2))
    layer = placement.warp(faded, shape)
    wear = np.clip(0.85 + 0.15 * fbm(np_rng("tattoo"), shape, (40.0, 8.0)), 0, 1)
    _ink(albedo, layer.rgb, layer.alpha * mask * wear * rng.uniform(0.62, 0.78))
    what = {
        "heart_name": f"a heart with the name '{card.texts.get('text', '')}'",
        "rose": "a rose",
        "date": f"a date in Roman numerals ({card.texts.get('text', '')})",
    }
    scene.mark(
        "distinctive_mark",
        _within(placement.box(card.boxes["design"], shape), mask),
        f"Tattoo: {what[chosen.tattoo_design]}",
    )


def _composite(
    scene: Scene,
    plan: LimbPlan,
    chosen: Chosen,
    facts: Facts,
    bg: FloatArray,
    mask: FloatArray,
    skin_lit: FloatArray,
    np_rng: NpRngFor,
    py_rng: PyRngFor,
) -> FloatArray:
    """The ward behind (its boards recorded), the limb's shadow, and the limb over them."""
    shape = scene.shape
    h = shape[0]
    light = plan.light
    rgb = bg
    if plan.horizon is not None:
        ward, marks = ward_backdrop(
            np_rng("ward"),
            py_rng("ward"),
            shape,
            facts,
            horizon=plan.horizon,
            whiteboard=chosen.whiteboard,
            screen=chosen.screen,
        )
        yy = np.arange(h, dtype=np.float32)[:, None]
        edge = np.clip((yy - plan.horizon) / 3.0 + 0.5, 0, 1)
        rim = np.exp(-(((yy - plan.horizon - 6) / 5.0) ** 2)) * 0.25
        rgb = (ward * (1 - edge[..., None]) + bg * edge[..., None]) * (1 - rim[..., None])
        for m in marks:
            scene.mark(m.category, m.box, m.evidence)
    shadow = cast_shadow(mask, offset=(-light[0] * 40, -light[1] * 40), softness=20, strength=0.5)
    if plan.horizon is not None:
        shadow[: plan.horizon] = 0
    rgb = rgb * (1 - shadow)[..., None]
    out: FloatArray = rgb * (1 - mask[..., None]) + skin_lit * mask[..., None]
    return out


def _band(
    scene: Scene, rgb: FloatArray, spot: Spot, label: str, facts: Facts, py_rng: PyRngFor
) -> None:
    """A patient ID band round the limb, recorded as one box over its printed parts."""
    shape = scene.shape
    card = wristband_card(py_rng("wristband"), facts)

    width = spot.radius * 2 * 1.06
    height = width * card.size[1] / card.size[0] * 1.6
    angle = spot.angle + np.pi / 2
    placement = place_card(
        card,
        rgb,
        centre=(spot.x, spot.y),
        width=width,
        angle=angle,
        bend=1.2,
        shade=0.75,
        light=0.95,
    )
    parts = [placement.box(card.boxes[k], shape) for k in ("name", "dob", "nhs", "hosp", "barcode")]
    found = [b for b in parts if b is not None]
    del height
    if found:
        t = card.texts
        scene.mark(
            "label_or_wristband",
            union(*found),
            f"Patient ID {label}: {t['name']}, DOB {t['dob']}, NHS {t['nhs']}, "
            f"MRN {t['hosp']}, barcode",
        )


def _ring(scene: Scene, rgb: FloatArray, spot: Spot, py_rng: PyRngFor) -> None:
    """A distinctive ring on the finger, recorded."""
    shape = scene.shape
    card = ring_card(py_rng("ring"))

    placement = place_card(
        card,
        rgb,
        centre=(spot.x, spot.y),
        width=spot.radius * 2.7,
        angle=spot.angle + np.pi / 2,
        bend=1.1,
        shade=0.7,
    )
    scene.mark(
        "distinctive_mark",
        placement.box(card.boxes["ring"], shape),
        "A distinctive ring: a gold band with a large stone between small diamonds",
    )


def _ruler(scene: Scene, rgb: FloatArray, spot: Spot) -> None:
    """A photographic scale beside the sign, with its shadow: a decoy."""
    shape = scene.shape
    w = shape[1]
    card = ruler_card()

    width = w * 0.36
    hh = width * card.size[1] / card.size[0]
    upright = _upright(spot.angle)
    corners = rect_corners(spot.x + 14, spot.y + 18, width, hh, upright)
    sh_layer = Placement(card.size, corners).warp(card.image, shape)
    rgb *= (1 - 0.35 * _soft(sh_layer.alpha))[..., None]
    placement = place_card(card, rgb, centre=(spot.x, spot.y), width=width, angle=upright)
    scene.decoy(
        placement.box(card.boxes["ruler"], shape),
        "A measuring scale: it helps the reader judge size and identifies no one.",
    )


def _focus(plan: LimbPlan, mask: FloatArray) -> FloatArray:
    """Focus: sharp at the sign, softer with distance (a defocus map)."""
    h, w = mask.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    dist = np.hypot(xx - plan.focus[0], yy - plan.focus[1]) / np.hypot(h, w)
    depth = np.clip(dist * 1.3, 0, 0.7) + (1 - mask) * 0.12
    if plan.horizon is not None:
        depth[: plan.horizon] = 0.42
    out: FloatArray = depth.astype(np.float32)
    return out


def _mark_bare(bare: FloatArray, paint: Paint) -> None:
    """Record where a sign replaces the skin (in place), clipped to the picture."""
    h, w = bare.shape
    ph, pw = paint.alpha.shape
    x0, y0 = max(0, paint.x), max(0, paint.y)
    x1, y1 = min(w, paint.x + pw), min(h, paint.y + ph)
    if x0 < x1 and y0 < y1:
        a = paint.alpha[y0 - paint.y : y1 - paint.y, x0 - paint.x : x1 - paint.x]
        bare[y0:y1, x0:x1] = np.maximum(bare[y0:y1, x0:x1], np.clip(a * 1.5, 0, 1))


def _upright(angle: float) -> float:
    """The same line turned so that text along it does not read upside down."""
    a = (angle + np.pi) % (2 * np.pi) - np.pi
    if a > np.pi / 2:
        a -= np.pi
    elif a < -np.pi / 2:
        a += np.pi
    return float(a)


def _soft(a: FloatArray) -> FloatArray:
    return soft_blur(a, 6.0)


def _hair_colour(tone: str) -> tuple[float, float, float]:
    return {
        "light": (0.36, 0.26, 0.18),
        "medium": (0.20, 0.14, 0.10),
        "olive": (0.12, 0.09, 0.07),
        "brown": (0.08, 0.06, 0.05),
        "dark": (0.06, 0.05, 0.04),
    }[tone]


def _badge(scene: Scene, rgb: FloatArray, facts: Facts, rng: random.Random, role: str) -> None:
    """A staff badge on a lanyard swinging into the top of the frame, close to the lens."""
    h, w = scene.shape
    card = badge_card(rng, facts, role=role)
    width = w * rng.uniform(0.17, 0.21)
    height = width * card.size[1] / card.size[0]
    left = rng.random() < 0.5
    cx = w * (rng.uniform(0.10, 0.24) if left else rng.uniform(0.76, 0.90))
    cy = height * 0.5 + h * rng.uniform(0.04, 0.16)
    angle = rng.uniform(-0.22, 0.22)
    # lanyard strap from the clip to the top edge
    from PIL import Image, ImageDraw

    strap = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(strap)
    top = (cx - np.sin(angle) * height / 2, cy - np.cos(angle) * height / 2)
    d.line([top, (top[0] - 40, -5)], fill=255, width=int(width * 0.09))
    d.line([top, (top[0] + 40, -5)], fill=255, width=int(width * 0.09))
    a = np.asarray(strap, dtype=np.float32)[..., None] / 255.0
    rgb[:] = rgb * (1 - a) + a * np.array((0.10, 0.20, 0.45), dtype=np.float32)
    shadow = np.zeros(scene.shape, dtype=np.float32)
    corners = rect_corners(cx + 30, cy + 40, width, height, angle)
    shadow += Placement(card.size, corners).warp(card.image, scene.shape).alpha
    rgb *= (1 - 0.3 * _soft(shadow))[..., None]
    placement = place_card(
        card,
        rgb,
        centre=(cx, cy),
        width=width,
        angle=angle,
        skew=rng.uniform(0.0, 0.08),
        light=1.02,
    )
    scene.mark(
        "clinician_identity",
        placement.box(card.boxes["name"], scene.shape),
        f"Staff badge of the clinician: {card.texts['name']}",
    )
    scene.mark(
        "institution",
        placement.box(card.boxes["hospital"], scene.shape),
        f"Hospital name on the badge: {card.texts['hospital']}",
    )
    layer = placement.warp(card.image, scene.shape)
    scene.depth = np.maximum(scene.depth, layer.alpha * 0.55).astype(np.float32)
