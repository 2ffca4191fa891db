"""An operating theatre photo: the draped patient, gloved hands, the list on the wall.

Taken from the foot of the table at the end of a case: the drapes and the
closed wound in front, the team's gowned arms at the edges, and behind, the
theatre wall. The learner should notice the patient's own arm on the arm board
(perhaps with its ID band), the day's theatre list on the screen, and the
whiteboard naming the team and the patient on the table.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter
from scipy import ndimage

from safeshare.model.facts import Facts
from safeshare.render.drawing import union
from safeshare.render.photo.backdrop import glare, place_card
from safeshare.render.photo.boards import screen_card, theatre_board_card
from safeshare.render.photo.body import Capsule, Shape, body_shape, lambert_shading
from safeshare.render.photo.camera import specular
from safeshare.render.photo.limb import Chosen
from safeshare.render.photo.noise import FloatArray, fbm, smooth_noise, soft_blur
from safeshare.render.photo.props import wristband_card
from safeshare.render.photo.scene import Scene, shade_skin
from safeshare.render.photo.skin import SKIN_TONES, SkinSurface, skin_surface
from safeshare.render.photo.theatre_kit import (
    anaesthetic_screen,
    cannula,
    drape_folds,
    instrument_trolley,
)

__all__ = ["THEATRE_SIZE", "theatre_scene"]

THEATRE_SIZE = (1280, 960)
NpRngFor = Callable[[str], np.random.Generator]
PyRngFor = Callable[[str], random.Random]


def _wall(rng: np.random.Generator, shape: tuple[int, int], horizon: int) -> FloatArray:
    """Wipe-clean wall panels with seams, brighter near the lights."""
    h, w = shape
    rgb = np.empty((*shape, 3), dtype=np.float32)
    rgb[:] = (0.64, 0.73, 0.72)
    yy = np.arange(h, dtype=np.float32)[:, None]
    rgb *= (0.86 + 0.16 * np.clip(1 - yy / horizon, 0, 1) + 0.02 * smooth_noise(rng, shape, 150))[
        ..., None
    ]
    for x in range(70, w, 250):
        rgb[:, x : x + 3] *= 0.84
        rgb[:, x + 3 : x + 5] *= 1.06
    return rgb


def _lamp(rgb: FloatArray, cx: float, cy: float, r: float) -> None:
    """An overhead theatre lamp: a grey dish with a honeycomb of LED cells, and its glare."""
    h, w, _ = rgb.shape
    x0, x1 = max(0, int(cx - 1.6 * r)), min(w, int(cx + 1.6 * r))
    y0, y1 = max(0, int(cy - 1.4 * r)), min(h, int(cy + 1.4 * r))
    if x0 >= x1 or y0 >= y1:
        return
    yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
    u, v = xx - cx, (yy - cy) * 1.3
    dist = np.hypot(u, v)
    dish = np.clip(r - dist + 1.5, 0, 1)
    shade = 0.5 + 0.2 * np.clip(v / r, -1, 1)
    win = rgb[y0:y1, x0:x1]
    win[:] = win * (1 - dish[..., None]) + (dish * shade)[..., None] * np.array((0.80, 0.82, 0.84))
    pitch = r * 0.16
    gu = np.mod(u / pitch, 1.0) - 0.5
    gv = np.mod(v / pitch + 0.5 * np.floor(u / pitch), 1.0) - 0.5
    cells = np.clip(1 - np.hypot(gu, gv) / 0.36, 0, 1) ** 0.5 * (dist < r * 0.88)
    cells = ndimage.gaussian_filter(cells, 1.5)
    win[:] = win + cells[..., None] * 1.3
    glow = soft_blur(cells.astype(np.float32), r * 0.12)
    win[:] = win + glow[..., None] * np.array((0.9, 0.92, 1.0)) * 0.9


def _drape(
    rng: np.random.Generator, shape: tuple[int, int], top: int, mound: FloatArray
) -> FloatArray:
    """Drape height: the patient's shape under cloth, soft folds, and the packing creases."""
    h, w = shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    height = soft_blur(mound, 14) + 4.0 * fbm(rng, shape, (160.0, 50.0))
    bend = 30.0 * smooth_noise(rng, shape, 400.0)
    for x0 in np.arange(rng.uniform(60, 200), w, rng.uniform(300, 420)):
        strength = rng.uniform(0.8, 2.5) * np.clip(
            0.6 + 0.5 * smooth_noise(rng, shape, 200.0), 0, 1
        )
        height -= strength * np.exp(-(((xx - x0 - 0.08 * (yy - top) - bend) / 3.0) ** 2))
    height += 9.0 * fbm(rng, shape, (260.0, 90.0))
    return height.astype(np.float32)


def theatre_scene(
    facts: Facts, chosen: Chosen, np_rng: NpRngFor, py_rng: PyRngFor, *, tone: str
) -> Scene:
    """The theatre photo, with what identifies recorded."""
    w, h = THEATRE_SIZE
    shape = (h, w)
    rng = py_rng("layout")
    horizon = int(h * rng.uniform(0.40, 0.46))
    rgb = _wall(np_rng("wall"), shape, horizon)
    scene = Scene(rgb, np.zeros(shape, dtype=np.float32))
    theatre = rng.randrange(1, 9)
    # the operating light hangs in front of the wall; drawn first so it never hides the text
    _lamp(rgb, w * rng.uniform(0.44, 0.56), -h * 0.05, w * 0.11)
    occupied = _wall_boards(scene, facts, chosen, rng, py_rng, horizon=horizon, theatre=theatre)
    table = _draped_table(rgb, rng, np_rng, horizon=horizon, occupied=occupied)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    _operative_field(rgb, np_rng, table, xx, yy, tone=tone)
    side = _patient_arm(scene, facts, chosen, rng, np_rng, py_rng, table, xx, yy, tone=tone)
    trolley = instrument_trolley(
        rgb, py_rng("trolley"), left=side > 0, top=int(table.top + (h - table.top) * 0.5)
    )
    depth = np.zeros(shape, dtype=np.float32)
    depth[:horizon] = 0.4
    depth += trolley * 0.3
    depth += np.clip((yy - (h * 0.8)) / h, 0, 1) * 0.8
    scene.depth = np.maximum(scene.depth, depth).astype(np.float32)
    scene.rgb = rgb
    return scene


@dataclass(frozen=True, slots=True)
class _Table:
    """The draped operating table, as the later layers need it."""

    top: int
    """Row of the table top."""
    top_line: FloatArray
    """(W,) row of the drape's upper edge in each column."""
    diffuse: FloatArray
    """(H, W) the light on the drapes."""
    drape: FloatArray
    """(H, W, 3) the lit drape colour."""
    light: tuple[float, float, float]
    window: tuple[float, float]
    """Centre of the window onto the wound."""


def _wall_boards(
    scene: Scene,
    facts: Facts,
    chosen: Chosen,
    rng: random.Random,
    py_rng: PyRngFor,
    *,
    horizon: int,
    theatre: int,
) -> FloatArray:
    """The wall: the day's list on a screen, the theatre whiteboard; returns where they hang."""
    rgb = scene.rgb
    h, w = scene.shape
    shape = (h, w)
    occupied = np.zeros(shape, dtype=np.float32)
    if chosen.screen:
        card = screen_card(py_rng("screen"), facts, title=f"Theatre {theatre} - Elective list")
        placement = place_card(
            card,
            rgb,
            centre=(w * rng.uniform(0.64, 0.72), horizon * 0.45),
            width=w * 0.31,
            angle=rng.uniform(-0.03, 0.03),
            skew=rng.uniform(0.03, 0.1),
            light=1.1,
        )
        shown = placement.warp(card.image, shape).alpha
        occupied = np.maximum(occupied, shown)
        glare(rgb, shown, py_rng("glare"), strength=0.16)
        scene.mark(
            "background_information",
            placement.box(card.boxes["list"], shape),
            f"Screen showing the day's theatre list: {card.texts['names']}",
        )
    if chosen.whiteboard:
        card = theatre_board_card(py_rng("whiteboard"), facts, theatre=theatre)
        placement = place_card(
            card,
            rgb,
            centre=(w * rng.uniform(0.22, 0.26), horizon * 0.52),
            width=w * 0.30,
            angle=rng.uniform(-0.02, 0.02),
            skew=rng.uniform(0.0, 0.05),
        )
        shown = placement.warp(card.image, shape).alpha
        occupied = np.maximum(occupied, shown)
        glare(rgb, shown, py_rng("glare"), strength=0.10)
        scene.mark(
            "clinician_identity",
            placement.box(card.boxes["staff"], shape),
            f"Theatre whiteboard naming the team: {card.texts['staff']}",
        )
        scene.mark(
            "patient_name",
            placement.box(card.boxes["patient"], shape),
            f"Theatre whiteboard naming the patient on the table: {card.texts['patient']}",
        )
        scene.decoy(
            placement.box(card.boxes["title"], shape),
            "The theatre's number: one of many rooms, it names no patient.",
        )
        scene.decoy(
            placement.box(card.boxes["counts"], shape),
            "Swab, needle and blade counts: a safety check, not an identifier.",
        )
    return occupied


def _draped_table(
    rgb: FloatArray,
    rng: random.Random,
    np_rng: NpRngFor,
    *,
    horizon: int,
    occupied: FloatArray,
) -> _Table:
    """The draped patient on the table, and the anaesthetic screen at the head end (in place)."""
    h, w = rgb.shape[:2]
    shape = (h, w)
    table_top = horizon + int(h * 0.02)
    body_y = table_top + (h - table_top) * 0.30
    mound = body_shape(
        [
            Capsule(-200, body_y + 30, 220, w * 0.5, body_y, 240, flat=0.45),
            Capsule(w * 0.5, body_y, 240, w + 200, body_y - 20, 180, flat=0.45),
        ],
        shape,
        blend=40,
    ).height
    wx, wy = w * rng.uniform(0.42, 0.55), body_y - 30
    drape_h = _drape(np_rng("drape"), shape, table_top, mound)
    drape_h += drape_folds(np_rng("folds"), shape, (wx, wy))
    cols = np.arange(w, dtype=np.float32)
    top_line = (
        table_top
        + 34.0 * ((cols - w / 2) / (w / 2)) ** 2
        + 5.0 * smooth_noise(np_rng("hem"), (1, w), 90.0)[0]
    )
    rows = np.arange(h, dtype=np.float32)[:, None]
    table = np.clip((rows - top_line[None, :]) / 1.5, 0, 1).astype(np.float32)
    light = (0.1, -0.7, 0.8)
    normals = Shape(drape_h, table, mound).normals()
    diffuse = lambert_shading(normals, light, wrap=0.3, ambient=0.35)
    drape_col = np.array(rng.choice([(0.24, 0.46, 0.62), (0.26, 0.50, 0.44)]), dtype=np.float32)
    weave = 1 + 0.03 * smooth_noise(np_rng("weave"), shape, 1.5)
    drape = drape_col * diffuse[..., None] * weave[..., None]
    drape += specular(normals, light, power=12.0)[..., None] * 0.06
    edge = table[..., None]
    # the wall darkens just above the drape's edge (its shadow), the drape's hem is shaded
    wall_shadow = np.exp(-np.clip(top_line[None, :] - rows, 0, None) / 14.0) * (1 - table)
    rgb[:] = rgb * (1 - 0.35 * wall_shadow[..., None])
    rgb[:] = rgb * (1 - edge) + drape * edge
    hem = np.exp(-(((rows - top_line[None, :] - 3.0) / 3.0) ** 2))
    rgb[:] = rgb * (1 - 0.25 * hem[..., None])
    # the anaesthetic screen at the head end, clear of whatever hangs on the wall
    span = (int(w * rng.uniform(0.16, 0.24)), int(w * rng.uniform(0.76, 0.84)))
    card_rows = np.nonzero(occupied[:, span[0] : span[1]].max(axis=1) > 0.05)[0]
    lowest = int(card_rows.max()) + 10 if len(card_rows) else 0
    screen_top = max(lowest, int(horizon - h * rng.uniform(0.07, 0.10)))
    if screen_top < table_top - 20:
        anaesthetic_screen(
            rgb, rng, drape, top_line, span=span, top=screen_top, keep_clear=occupied
        )
    return _Table(table_top, top_line, diffuse, drape, light, (wx, wy))


def _operative_field(
    rgb: FloatArray,
    np_rng: NpRngFor,
    table: _Table,
    xx: FloatArray,
    yy: FloatArray,
    *,
    tone: str,
) -> None:
    """The window in the drapes onto the prepped skin and the stapled wound (in place)."""
    h, w = rgb.shape[:2]
    shape = (h, w)
    wx, wy = table.window
    diffuse = table.diffuse
    wobble = 1 + 0.04 * smooth_noise(np_rng("window"), shape, 60.0)
    ell = ((xx - wx) / (w * 0.11)) ** 4 + ((yy - wy) / (h * 0.06)) ** 4
    window = np.clip((wobble - ell) * 10, 0, 1)
    # the adhesive edge of the incise drape: a glossy band just outside the window
    band = np.clip((wobble + 0.9 - ell) * 4, 0, 1) * (1 - window)
    rgb[:] = rgb * (1 - 0.25 * band[..., None]) + 0.25 * band[..., None] * np.array(
        (0.80, 0.84, 0.86), dtype=np.float32
    )
    prep = np.empty((*shape, 3), dtype=np.float32)
    px0, px1 = max(0, int(wx - w * 0.13)), min(w, int(wx + w * 0.13))
    py0, py1 = max(0, int(wy - h * 0.08)), min(h, int(wy + h * 0.08))
    patch = skin_surface(np_rng("prep"), (py1 - py0, px1 - px0), tone)
    prep[:] = SKIN_TONES[tone]
    prep[py0:py1, px0:px1] = patch.albedo
    # povidone-iodine painted on in strokes: uneven orange-brown, thinner in places
    paint = np.clip(0.55 + 0.35 * fbm(np_rng("iodine"), shape, (45.0, 14.0, 4.0)), 0, 1)
    thin = np.array((0.92, 0.74, 0.56), dtype=np.float32)
    thick = np.array((0.66, 0.36, 0.16), dtype=np.float32)
    prep *= thin * (1 - paint[..., None]) + thick * paint[..., None]
    wound = np.exp(-(((yy - wy) / 2.0) ** 2)) * (np.abs(xx - wx) < w * 0.06)
    prep = (
        prep * (1 - 0.65 * wound[..., None]) + wound[..., None] * np.array((0.3, 0.06, 0.05)) * 0.65
    )
    # skin staples cross the incision: short steel bars with a bright edge (drawn in a strip)
    sy0, sy1 = max(0, int(wy) - 10), min(h, int(wy) + 11)
    sx0, sx1 = max(0, int(wx - w * 0.07)), min(w, int(wx + w * 0.07))
    sxx, syy = xx[sy0:sy1, sx0:sx1], yy[sy0:sy1, sx0:sx1]
    strip = prep[sy0:sy1, sx0:sx1]
    for k in range(-6, 7):
        sx = wx + k * w * 0.009
        bar = np.clip(1.6 - np.abs(sxx - sx), 0, 1) * np.clip(7.0 - np.abs(syy - wy), 0, 1)
        shine = np.clip(1.0 - np.abs(sxx - sx + 0.5), 0, 1) * (np.abs(syy - wy) < 5)
        steel = np.array((0.50, 0.51, 0.54), dtype=np.float32) + 0.22 * shine[..., None]
        strip[:] = strip * (1 - bar[..., None]) + steel * bar[..., None]
    film = window * 0.04
    smooth_light = soft_blur(diffuse, 16.0)
    rgb[:] = (
        rgb * (1 - window[..., None])
        + (prep * smooth_light[..., None] + film[..., None]) * window[..., None]
    )


def _patient_arm(
    scene: Scene,
    facts: Facts,
    chosen: Chosen,
    rng: random.Random,
    np_rng: NpRngFor,
    py_rng: PyRngFor,
    table: _Table,
    xx: FloatArray,
    yy: FloatArray,
    *,
    tone: str,
) -> int:
    """The patient's arm on the arm board: cuff, cannula, perhaps an ID band; returns its side."""
    rgb = scene.rgb
    h, w = scene.shape
    shape = (h, w)
    table_top, diffuse, light = table.top, table.diffuse, table.light
    side = rng.choice([-1, 1])
    ax = w * (0.14 if side < 0 else 0.86)
    board = Image.new("L", (w, h), 0)
    ImageDraw.Draw(board).polygon(
        [(ax - 120, table_top + 150), (ax + 120, table_top + 150), (ax + 190, h), (ax - 190, h)],
        fill=255,
    )
    b = np.asarray(board.filter(ImageFilter.GaussianBlur(2)), dtype=np.float32)[..., None] / 255.0
    rgb[:] = rgb * (1 - b) + b * np.array((0.22, 0.23, 0.26)) * (0.85 + 0.3 * diffuse[..., None])
    arm = body_shape(
        [Capsule(ax + side * 10, table_top + 120, 78, ax - side * 25, h + 150, 70, flat=0.6)],
        shape,
        blend=0,
    )
    ax0, ax1 = max(0, int(ax - 130)), min(w, int(ax + 130))
    albedo = np.empty((*shape, 3), dtype=np.float32)
    albedo[:] = SKIN_TONES[tone]
    relief = np.zeros(shape, dtype=np.float32)
    patch = skin_surface(np_rng("arm"), (h - table_top, ax1 - ax0), tone)
    albedo[table_top:, ax0:ax1] = patch.albedo
    relief[table_top:, ax0:ax1] = patch.relief
    sheen = np.full(shape, 0.5, dtype=np.float32)
    lit_arm = shade_skin(
        arm, SkinSurface(albedo, relief, sheen), np.zeros(shape, dtype=np.float32), light=light
    )
    rgb[:] = rgb * (1 - arm.mask[..., None]) + lit_arm * arm.mask[..., None]
    _cuff(rgb, table, arm.mask, lit_arm, xx, yy, ax=ax, tone=tone)
    tape_y = table_top + (h - table_top) * 0.58
    cannula(
        rgb,
        py_rng("cannula"),
        at=(ax - side * 5, tape_y),
        up_to=table_top + 190,
        mask=arm.mask,
    )
    if chosen.wristband:
        _arm_band(scene, facts, py_rng, ax=ax, side=side, table_top=table_top)
    return side


def _cuff(
    rgb: FloatArray,
    table: _Table,
    arm: FloatArray,
    lit_arm: FloatArray,
    xx: FloatArray,
    yy: FloatArray,
    *,
    ax: float,
    tone: str,
) -> None:
    """A blood-pressure cuff round the upper arm, just below the drape, shaded like the arm."""
    table_top, top_line, drape = table.top, table.top_line, table.drape
    cuff_y0 = table_top + 200 + 8 * np.sin(xx / 25)
    cuff = np.clip((yy - cuff_y0) / 1.5, 0, 1) * np.clip((table_top + 262 - yy) / 1.5, 0, 1)
    cuff *= np.clip(arm * 1.15, 0, 1) * (np.abs(xx - ax) < 160)
    form = soft_blur(lit_arm.mean(axis=-1), 3.0) / max(float(np.mean(SKIN_TONES[tone])), 0.1)
    weave = 1 + 0.04 * np.sin(yy * 1.3) * np.sin(xx * 0.9)
    cuff_rgb = np.array((0.13, 0.18, 0.34), dtype=np.float32) * (form * weave)[..., None]
    rgb[:] = rgb * (1 - cuff[..., None]) + cuff_rgb * cuff[..., None]
    flap = np.clip((table_top + 205 - yy + 8 * np.sin(xx / 25)) / 2.0, 0, 1) * (yy > table_top)
    flap *= (np.abs(xx - ax) < 160) * np.clip((yy - top_line[None, :] - 8.0) / 3.0, 0, 1)
    rgb[:] = rgb * (1 - flap[..., None]) + drape * flap[..., None]


def _arm_band(
    scene: Scene, facts: Facts, py_rng: PyRngFor, *, ax: float, side: int, table_top: int
) -> None:
    """The patient's ID band round the wrist on the arm board, recorded in the key."""
    rgb = scene.rgb
    h, w = scene.shape
    shape = (h, w)
    card = wristband_card(py_rng("wristband"), facts)
    band_y = table_top + (h - table_top) * 0.80
    band_x = ax + side * 10 + (-side * 35) * ((band_y - table_top - 120) / (h + 30 - table_top))
    placement = place_card(
        card,
        rgb,
        centre=(band_x, band_y),
        width=165,
        angle=0.0,
        bend=1.2,
        shade=0.7,
        light=0.95,
    )
    parts = [placement.box(card.boxes[k], shape) for k in ("name", "dob", "nhs", "hosp", "barcode")]
    found = [p for p in parts if p is not None]
    if found:
        t = card.texts
        scene.mark(
            "label_or_wristband",
            union(*found),
            f"Patient ID wristband: {t['name']}, DOB {t['dob']}, NHS {t['nhs']}, MRN {t['hosp']}",
        )
