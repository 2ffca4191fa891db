"""A synthetic patient's face, photographed in clinic: nobody real, and still a full face.

The face is rendered, not photographed: a height field (face_shape) lit like
skin, coloured with a face's blush, eyes, lips and brows (face_paint), framed
by hair (face_hair), against a clinic wall, in a hospital gown. Each seed is
another person (skin tone, proportions, hair, eye colour, age cues), so no
variant is anyone. A face is a full-face image whatever is drawn over it: a
black bar across the eyes is the classic false comfort, and the key records
the face either way.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np
from scipy import ndimage

from safeshare.render.photo.body import Shape, lambert_shading
from safeshare.render.photo.camera import specular
from safeshare.render.photo.face_hair import HAIR_COLOURS, HairStyle, draw_hair
from safeshare.render.photo.face_paint import (
    IRIS_COLOURS,
    EyeMasks,
    blush,
    brow_hairs,
    eyes,
    freckles_and_moles,
    lips,
    nostrils,
)
from safeshare.render.photo.face_shape import FaceLayout, face_geometry, face_layout
from safeshare.render.photo.noise import FloatArray, fbm, smooth_noise
from safeshare.render.photo.scene import Scene
from safeshare.render.photo.skin import SKIN_TONES, skin_surface

__all__ = ["FACE_SIZE", "FacePerson", "face_person", "face_scene"]

FACE_SIZE = (960, 1120)
"""(width, height): a portrait crop, as a phone held upright takes it."""

_IRIS_BY_TONE = {
    "light": ("blue", "grey-blue", "green", "hazel", "brown"),
    "medium": ("hazel", "brown", "green", "grey-blue", "brown"),
    "olive": ("brown", "dark brown", "hazel"),
    "brown": ("dark brown", "brown"),
    "dark": ("dark brown",),
}
_HAIR_BY_TONE = {
    "light": ("fair", "brown", "auburn", "dark brown"),
    "medium": ("brown", "dark brown", "auburn", "fair"),
    "olive": ("dark brown", "black", "brown"),
    "brown": ("black", "dark brown"),
    "dark": ("black",),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class FacePerson:
    """Who this variant's patient looks like (all drawn from the seed)."""

    tone: str
    female: bool
    age: int
    iris: str
    hair: HairStyle


def face_person(rng: random.Random, *, tone: str, female: bool, age: int) -> FacePerson:
    """Choose a look for one patient: skin tone (if `tone` is ''), eye colour and hair to
    suit the skin, greying with age."""
    tone = tone or rng.choice(sorted(SKIN_TONES))
    # most women in a clinic photo wear their hair long, in a bob or tied back
    style = rng.choice(("bob", "long", "tied", "bob", "long", "short") if female else ("short",))
    grey = float(np.clip((age - 38) / 40, 0, 0.9)) * rng.uniform(0.6, 1.2)
    return FacePerson(
        tone=tone,
        female=female,
        age=age,
        iris=rng.choice(_IRIS_BY_TONE[tone]),
        hair=HairStyle(
            style=style,
            colour=HAIR_COLOURS[rng.choice(_HAIR_BY_TONE[tone])],
            grey=grey,
            parting=rng.uniform(-0.35, 0.35),
            fringe=female and style == "bob" and rng.random() < 0.4,
            volume={"short": rng.uniform(0.04, 0.07), "tied": 0.03}.get(
                style, rng.uniform(0.07, 0.12)
            ),
            curl=rng.uniform(0.0, 0.5) if tone not in ("brown", "dark") else rng.uniform(0.5, 1.0),
        ),
    )


def _wall(rng: np.random.Generator, pyrng: random.Random, shape: tuple[int, int]) -> FloatArray:
    """A clinic wall behind the patient, lit unevenly, a little out of focus."""
    h, w = shape
    paint = pyrng.choice([(0.80, 0.81, 0.78), (0.74, 0.78, 0.80), (0.82, 0.79, 0.72)])
    rgb = np.empty((*shape, 3), dtype=np.float32)
    rgb[:] = paint
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    side = pyrng.choice([-1.0, 1.0])
    ramp = 1.0 + 0.10 * side * (xx / w - 0.5) - 0.06 * (yy / h)
    rgb *= (ramp + 0.02 * smooth_noise(rng, shape, 160.0))[..., None]
    return rgb


def _gown(
    rng: np.random.Generator, layout: FaceLayout, x: FloatArray, y: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """A hospital gown over the shoulders: pale printed cotton with soft folds; (rgb, alpha)."""
    u = layout.unit
    ax = np.abs(x)
    shoulder = 1.72 + 0.3 * np.clip(ax - layout.neck_w, 0, None) ** 1.3
    neckline = 1.78 + 0.22 * np.clip(1 - (x / 0.62) ** 2, 0, 1) ** 0.7
    body = np.clip((y - shoulder) * u * 0.5 + 0.5, 0, 1)
    neck_gap = np.clip((neckline - y) * u * 0.5 + 0.5, 0, 1) * (ax < 0.62)
    alpha = body * (1 - neck_gap * np.clip((0.62 - ax) * u * 0.3, 0, 1))
    base = np.array((0.62, 0.72, 0.80), dtype=np.float32)
    xs, ys = x * 28, y * 28
    print_ = (np.abs(np.sin(xs + ys) * np.sin(xs - ys)) > 0.9).astype(np.float32)
    print_ = ndimage.gaussian_filter(print_, 1.0)
    rgb = base * (1 - 0.10 * print_)[..., None]
    folds = fbm(rng, x.shape, (u * 0.5, u * 0.15))
    creases = np.sin(x * 5 + 0.6 * fbm(rng, x.shape, (u * 0.8,)) + 0.3 * y) ** 2
    shade = 0.9 + 0.06 * folds - 0.08 * creases - 0.10 * np.clip(ax - 1.2, 0, None)
    hem = np.exp(-(((y - neckline) * u / 4.0) ** 2)) * (ax < 0.62)
    shade *= 1 - 0.12 * hem
    rgb = rgb * shade[..., None]
    return rgb.astype(np.float32), alpha.astype(np.float32)


def _age_lines(layout: FaceLayout, x: FloatArray, y: FloatArray) -> FloatArray:
    """Fine relief of age: forehead lines and crow's feet (in pixels of height)."""
    years = max(0, layout.age - 36)
    if years == 0:
        return np.zeros_like(x)
    depth = min(1.0, years / 35)
    fore = np.sin((y + 0.5) * 70) ** 8 * np.exp(-(((y + 0.55) / 0.14) ** 2))
    fore *= np.exp(-((x / 0.55) ** 2))
    crow = np.zeros_like(x)
    for side in (-1.0, 1.0):
        dx, dy = x - side * (layout.eye_x + layout.eye_w + 0.04), y
        ang = np.arctan2(dy, side * dx)
        r = np.hypot(dx, dy)
        crow += np.sin(ang * 9) ** 10 * np.exp(-(((r - 0.06) / 0.04) ** 2)) * (side * dx > -0.01)
    out: FloatArray = -(1.0 * fore + 1.0 * crow) * depth
    return out.astype(np.float32)


def _rash(
    rng: np.random.Generator,
    layout: FaceLayout,
    x: FloatArray,
    y: FloatArray,
    albedo: FloatArray,
    relief: FloatArray,
    within: FloatArray,
    darkness: float,
) -> None:
    """A malar (butterfly) rash: both cheeks joined over the bridge of the nose, confluent,
    slightly raised, sparing the nasolabial folds; dusky violet rather than red on dark skin."""
    u = layout.unit
    wobble = 0.16 * fbm(rng, x.shape, (u * 0.16, u * 0.06, u * 0.02))
    field = np.full_like(x, -10.0)
    for side in (-1.0, 1.0):
        # each wing: overlapping patches from beside the nose out over the cheekbone
        for px, py, rx, ry, ang in (
            (0.2, 0.27, 0.12, 0.08, 0.3),
            (0.36, 0.33, 0.17, 0.12, 0.4),
            (0.52, 0.36, 0.17, 0.14, 0.6),
            (0.62, 0.3, 0.1, 0.1, 0.9),
        ):
            dx, dy = x - side * px, y - py
            a = dx * np.cos(side * ang) + dy * np.sin(side * ang)
            b = -dx * np.sin(side * ang) + dy * np.cos(side * ang)
            field = np.maximum(field, 1 - np.hypot(a / rx, b / ry))
    bridge = 1 - np.hypot(x / 0.16, (y - 0.25) / 0.06)
    field = np.maximum(field, bridge)
    body = np.clip((field + wobble) * 4, 0, 1)
    body = ndimage.gaussian_filter(body, u * 0.008)
    for side in (-1.0, 1.0):
        fold_x = side * (layout.nose_w + 0.03 + 0.15 * np.clip(y - layout.nose_y + 0.1, 0, 1))
        body *= 1 - 0.85 * np.exp(-(((x - fold_x) / 0.05) ** 2)) * (y > layout.nose_y - 0.12)
    body *= np.clip((y - layout.eye_h - 0.05) * u * 0.05, 0, 1)  # spares the lower lids
    papules = np.clip(0.9 + 0.12 * smooth_noise(rng, x.shape, 3.0), 0, 1.1)
    blotch = np.clip(0.72 + 0.3 * fbm(rng, x.shape, (u * 0.1, u * 0.03)), 0.3, 1)
    alpha = body * papules * blotch * within * (0.8 + 0.15 * darkness)
    red = np.array((1.0, 0.60, 0.62), dtype=np.float32)
    dusky = np.array((0.72, 0.50, 0.58), dtype=np.float32)
    tint = red * (1 - darkness) + dusky * darkness
    albedo *= 1 + alpha[..., None] * (tint - 1)
    scale = np.clip(smooth_noise(rng, x.shape, 1.5) - 1.3, 0, 1) * body * 0.25
    albedo += scale[..., None] * np.array((0.12, 0.10, 0.09), dtype=np.float32)
    relief += body * 0.8 + 0.5 * body * papules


def _even(albedo: FloatArray, tone: str) -> FloatArray:
    """Facial skin kept even: the limb skin's large red blotches, which a rash would
    be confused with, are mostly taken out; pores and fine grain stay."""
    base = np.array(SKIN_TONES[tone], dtype=np.float32)
    low = np.stack([ndimage.gaussian_filter(albedo[..., c], 14.0) for c in range(3)], axis=-1)
    out: FloatArray = albedo - 0.7 * (low - base)
    return out


def _lit_skin(
    albedo: FloatArray,
    height: FloatArray,
    mask: FloatArray,
    crease: FloatArray,
    sheen: FloatArray,
    wet: FloatArray,
    light: tuple[float, float, float],
) -> FloatArray:
    """Skin lit by a soft key light: wrapped diffuse, light bleeding through shadows (reddish),
    occlusion in the folds, a broad sheen and sharp wet highlights."""
    normals = Shape(ndimage.gaussian_filter(height, 1.5), mask, mask).normals()
    key = lambert_shading(normals, light, wrap=0.45, ambient=0.0)
    fill = lambert_shading(normals, (-light[0] * 0.6, 0.1, 1.0), wrap=0.6, ambient=0.0)
    diffuse = 0.14 + 0.74 * key + 0.18 * fill
    scale = float(mask.shape[1]) * 0.28
    hollow = np.clip(
        (ndimage.gaussian_filter(height, scale * 0.08) - height) / (scale * 0.03), 0, 1
    )
    diffuse *= (1 - 0.45 * crease) * (1 - 0.35 * hollow)
    # subsurface scattering, cheaply: red light spreads further under the skin than blue
    spread = [ndimage.gaussian_filter(diffuse, s) for s in (3.5, 1.8, 1.2)]
    rgb = albedo * np.stack(spread, axis=-1)
    grey = rgb.mean(axis=-1, keepdims=True)
    rgb = rgb * 0.88 + grey * 0.12  # a phone's colour is never as rich as a render's
    # light bounced off the wall behind rims the edges that turn away from the camera
    rim = np.clip(1 - normals[..., 2], 0, 1) ** 2 * 0.18
    rgb += rim[..., None] * albedo * 0.8
    broad = specular(normals, light, power=14.0) * (0.04 + 0.12 * sheen)
    sharp = specular(normals, light, power=120.0) * 0.8 * wet
    rgb += (broad + sharp)[..., None] * np.array((1.0, 0.97, 0.94), dtype=np.float32)
    out: FloatArray = rgb.astype(np.float32)
    return out


@dataclass(frozen=True, slots=True)
class _Pose:
    """How the patient sits to the camera: the key light's side and the head's turn."""

    side: float
    """-1: light from the left of the picture, 1: from the right."""
    light: tuple[float, float, float]
    yaw: float
    """Turn of the head (radians; positive turns the face towards the picture's right)."""


def _skin_colour(
    rng: np.random.Generator,
    layout: FaceLayout,
    person: FacePerson,
    x: FloatArray,
    y: FloatArray,
    head: FloatArray,
    *,
    rash: bool,
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Albedo, relief, wetness and sheen of the skin, with blush, naevi, nostrils, lips,
    the rash (if asked) and the lines of age."""
    shape = x.shape
    darkness = 1.0 - float(np.mean(SKIN_TONES[person.tone]))
    skin = skin_surface(rng, shape, person.tone, pore_scale=0.55)
    albedo, relief = _even(skin.albedo, person.tone), skin.relief * 0.5
    wet = np.zeros(shape, dtype=np.float32)
    blush(albedo, layout, x, y, darkness)
    freckles_and_moles(rng, albedo, x, y, head)
    nostrils(albedo, layout, x, y)
    lips(rng, albedo, relief, wet, layout, x, y, darkness)
    if rash:
        _rash(rng, layout, x, y, albedo, relief, head, darkness)
    relief += _age_lines(layout, x, y)
    return albedo, relief, wet, skin.sheen


def _hairs_and_lights(
    lit: FloatArray,
    pyrng: random.Random,
    layout: FaceLayout,
    person: FacePerson,
    masks: EyeMasks,
    pose: _Pose,
    x: FloatArray,
    y: FloatArray,
) -> None:
    """Brows and lashes over the lit skin, and the catchlights in both corneas (in place)."""
    hair_dark = np.array(person.hair.colour, dtype=np.float32) * 0.6
    brows = brow_hairs(pyrng, layout, x.shape, density=1.0 if person.female else 1.3)
    lashes = np.clip(masks.lids * 0.9 + brows, 0, 1)
    lit[:] = lit * (1 - lashes[..., None]) + hair_dark * lashes[..., None]
    for eye_side in (-1.0, 1.0):
        ix = eye_side * layout.eye_x + layout.gaze[0] - pose.side * 0.3 * layout.iris
        iy = layout.gaze[1] - 0.12 * layout.eye_h - 0.35 * layout.iris
        spot = np.exp(-(((x - ix) ** 2 + (y - iy) ** 2) / (0.14 * layout.iris) ** 2))
        lit += (spot * masks.opening * 0.9)[..., None]


def _turned(
    layers: list[tuple[FloatArray, FloatArray]], shift: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Stack (rgb, alpha) layers bottom-up and turn the result: each point moves sideways
    by `shift` pixels (the nose more than the cheeks, the ears not at all)."""
    colour = np.zeros((*shift.shape, 3), dtype=np.float32)
    alpha = np.zeros(shift.shape, dtype=np.float32)
    for rgb, a in layers:
        colour = colour * (1 - a[..., None]) + rgb * a[..., None]
        alpha = alpha * (1 - a) + a
    h, w = shift.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    coords = [yy, xx - shift]
    moved = [ndimage.map_coordinates(colour[..., c], coords, order=1) for c in range(3)]
    return np.stack(moved, axis=-1), ndimage.map_coordinates(alpha, coords, order=1)


def face_scene(
    rng: np.random.Generator,
    pyrng: random.Random,
    *,
    eye_bar: bool,
    rash: bool,
    tone: str = "",
    female: bool = True,
    age: int = 40,
) -> Scene:
    """A patient's face at phone resolution, with a butterfly rash and optionally an eye bar.

    `tone` '' lets the seed choose the skin tone.
    """
    w, h = FACE_SIZE
    shape = (h, w)
    person = face_person(pyrng, tone=tone, female=female, age=age)
    layout = face_layout(pyrng, shape, female=female, age=age)
    side = pyrng.choice([-1.0, 1.0])
    pose = _Pose(side, (side * pyrng.uniform(0.5, 0.7), -0.5, 0.65), pyrng.uniform(-0.14, 0.14))
    geo = face_geometry(layout, shape)
    x, y = layout.grid(shape)
    skin_mask = np.clip(geo.head + geo.neck + geo.ears, 0, 1)
    albedo, relief, wet, sheen = _skin_colour(rng, layout, person, x, y, geo.head, rash=rash)
    darkness = 1.0 - float(np.mean(SKIN_TONES[person.tone]))
    masks = eyes(rng, albedo, wet, layout, x, y, IRIS_COLOURS[person.iris], darkness)
    lit = _lit_skin(
        albedo, geo.height + relief * 0.6, skin_mask, geo.crease, sheen, wet, pose.light
    )
    # the jaw's shadow on the neck
    jaw = ndimage.gaussian_filter(geo.head, layout.unit * 0.07)
    jaw = ndimage.shift(jaw, (layout.unit * 0.14, -pose.light[0] * layout.unit * 0.1), order=1)
    lit *= (1 - 0.6 * np.clip(jaw * 1.5, 0, 1) * geo.neck)[..., None]
    _hairs_and_lights(lit, pyrng, layout, person, masks, pose, x, y)
    gown_rgb, gown_alpha = _gown(rng, layout, x, y)
    hair = draw_hair(rng, pyrng, person.hair, layout, x, y, geo.head, geo.neck, pose.light)
    lit *= (1 - 0.25 * np.clip(hair.shadow - hair.alpha, 0, 1))[..., None]
    shift = pose.yaw * ndimage.gaussian_filter(geo.height, 6.0)
    subject, alpha = _turned(
        [
            (hair.rgb * 0.8, hair.behind),
            (lit, skin_mask),
            (gown_rgb, gown_alpha),
            (hair.rgb, hair.alpha),
        ],
        shift,
    )
    rgb = _wall(rng, pyrng, shape)
    # the patient's shadow on the wall, thrown away from the light
    cast = ndimage.gaussian_filter(alpha, layout.unit * 0.12)
    cast = ndimage.shift(cast, (layout.unit * 0.05, -side * layout.unit * 0.18), order=1)
    rgb *= (1 - 0.28 * cast)[..., None]
    rgb = rgb * (1 - alpha[..., None]) + subject
    scene = Scene(np.clip(rgb, 0, 1).astype(np.float32), np.zeros(shape, dtype=np.float32))
    _mark(scene, layout, pyrng, shift, eye_bar=eye_bar, female=female)
    depth = np.clip(1 - alpha, 0, 1) * 0.35 + 0.05 * np.clip(np.abs(y) - 1.5, 0, 1)
    scene.depth = depth.astype(np.float32)
    return scene


def _mark(
    scene: Scene,
    layout: FaceLayout,
    pyrng: random.Random,
    shift: FloatArray,
    *,
    eye_bar: bool,
    female: bool,
) -> None:
    """Record the face in the key, and lay the editor's black bar over the eyes if asked.

    Points of the face moved sideways by `shift` when the head turned; the bar
    follows the eyes where they ended up.
    """
    h, w = scene.shape
    if eye_bar:
        # drawn in an editing app afterwards: a flat black shape on top of the finished photo
        reach = layout.eye_x + layout.eye_w + 0.12
        top, bottom = layout.brow_y + 0.02, layout.eye_h + 0.09
        tilt = pyrng.uniform(-0.03, 0.03)
        corners = [(-reach, top + tilt), (reach, top - tilt), (reach, bottom - tilt)]
        corners.append((-reach, bottom + tilt))
        eyes_at = [layout.to_pixel(s * layout.eye_x, 0.0) for s in (-1.0, 1.0)]
        moved = float(np.mean([shift[int(py), int(px)] for px, py in eyes_at]))
        points = [layout.to_pixel(cx, cy) for cx, cy in corners]
        scene.edits.append(([(px + moved, py) for px, py in points], (8, 8, 8)))
    x0, y0, bw, bh = layout.box(-1.12, layout.hairline_y - 0.1, 1.12, layout.chin_y + 0.02)
    box = (max(0, x0), max(0, y0), 0, 0)
    box = (box[0], box[1], min(w, x0 + bw) - box[0], min(h, y0 + bh) - box[1])
    who = "her" if female else "him"
    evidence = "Full face" + (
        f": the black bar over the eyes does not stop family and friends recognising {who}"
        if eye_bar
        else ""
    )
    scene.mark("full_face", box, evidence)
