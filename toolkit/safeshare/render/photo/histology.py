"""A glass histology slide photographed on the bench: H&E tissue, and a label.

The label on the frosted end carries the specimen number and the patient's
surname: pathology needs no consent to record, but a label is not anonymous.
"""

from __future__ import annotations

import random

import numpy as np
from PIL import Image, ImageDraw
from scipy import ndimage

from safeshare.model.facts import Facts
from safeshare.render.drawing import draw_text, union
from safeshare.render.fonts import font
from safeshare.render.photo.noise import FloatArray, fbm, smooth_noise, soft_blur
from safeshare.render.photo.place import Placement, rect_corners
from safeshare.render.photo.props import Card
from safeshare.render.photo.scene import Scene
from safeshare.render.photo.surfaces import surface

__all__ = ["SLIDE_SIZE", "slide_scene", "specimen_number"]

SLIDE_SIZE = (1280, 960)
_SLIDE_PX = (1500, 500)  # the slide drawn flat: 75 x 25 mm at 20 px/mm


def specimen_number(facts: Facts, rng: random.Random) -> str:
    """A laboratory specimen number: H, the year, a serial, the block ('H24-08817 A1')."""
    year = facts.procedure_at.year % 100
    return f"H{year:02d}-{rng.randrange(1000, 99999):05d} {rng.choice('ABC')}{rng.randrange(1, 4)}"


def _tissue(rng: np.random.Generator, shape: tuple[int, int]) -> tuple[FloatArray, FloatArray]:
    """An H&E section of a skin ellipse: purple epidermis on top, pink dermis, pale fat below."""
    h, w = shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    cx, cy = w / 2, h / 2
    half_w, half_h = w * 0.40, h * 0.30
    u = (xx - cx) / half_w
    wobble = 0.025 * smooth_noise(rng, shape, 140.0)
    top = cy - half_h * (1 - u**2).clip(0, 1) ** 0.5 * 0.55 + h * wobble
    bottom = cy + half_h * (1 - u**2).clip(0, 1) ** 0.7 + h * wobble
    inside = np.clip(np.minimum(yy - top, bottom - yy) / 2.0, 0, 1) * (np.abs(u) < 1)
    depth = np.clip((yy - top) / np.maximum(bottom - top, 1), 0, 1)
    pink = np.array((0.91, 0.56, 0.71), dtype=np.float32)
    deep_pink = np.array((0.84, 0.42, 0.62), dtype=np.float32)
    purple = np.array((0.38, 0.20, 0.50), dtype=np.float32)
    fibres = ndimage.gaussian_filter(rng.standard_normal(shape).astype(np.float32), (1.0, 4.0))
    fibres /= float(fibres.std()) + 1e-6
    colour = pink + (deep_pink - pink) * np.clip(0.5 + 0.3 * fibres, 0, 1)[..., None]
    nuclei = np.clip(smooth_noise(rng, shape, 1.4) - 1.3, 0, 1) * 2.5
    epidermis = np.clip(1 - (yy - top) / (h * 0.045), 0, 1) * inside
    density = np.clip(nuclei * 0.6 + epidermis * 0.95, 0, 1)
    colour = colour * (1 - density[..., None]) + purple * density[..., None]
    # fat: pale lobules divided by thin pink septa, in the deepest third
    cells = smooth_noise(rng, shape, 14.0)
    septa = np.exp(-((cells / 0.18) ** 2))
    fat = np.clip((depth - 0.62) * 6, 0, 1)
    fat_col = 0.96 * (1 - septa[..., None]) + pink * septa[..., None]
    colour = colour * (1 - fat[..., None]) + fat_col * fat[..., None]
    alpha = inside * (0.9 - 0.55 * fat * (1 - septa))
    return colour.astype(np.float32), np.clip(alpha, 0, 1).astype(np.float32)


def _slide_card(
    rng: random.Random, np_rng: np.random.Generator, facts: Facts, *, surname: bool
) -> Card:
    """The slide, flat: clear glass (transparent), frosted end, label, tissue under a coverslip."""
    w, h = _SLIDE_PX
    img = Image.new("RGBA", (w, h), (225, 238, 235, 28))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, w - 1, h - 1], outline=(150, 175, 170, 150), width=5)
    frost = int(w * 0.27)
    d.rectangle([4, 4, frost, h - 5], fill=(236, 236, 232, 235))
    d.rectangle([24, 30, frost - 20, h - 30], fill=(250, 250, 246, 255))
    number = specimen_number(facts, rng)
    ink = (25, 25, 30, 255)
    first = draw_text(d, (44, 60), number.split()[0], font("sans-bold", 44), ink)
    block = draw_text(d, (44, 120), number.split()[1], font("sans-bold", 44), ink)
    boxes = {"number": union(first, block)}
    if surname:
        boxes["surname"] = draw_text(
            d,
            (44, 210),
            facts["patient.family"].upper(),
            font("sans-bold", 40 if len(facts["patient.family"]) < 9 else 32),
            ink,
        )
    boxes["stain"] = draw_text(d, (44, 300), "H&E", font("sans", 40), ink)
    level = f"{rng.randrange(1, 4)}/{rng.randrange(3, 6)}"
    boxes["level"] = draw_text(d, (44, 380), level, font("sans", 32), ink)
    # the coverslip and tissue
    cx0, cy0, cx1, cy1 = frost + 80, 40, w - 80, h - 40
    d.rectangle([cx0, cy0, cx1, cy1], outline=(180, 200, 200, 120), width=3)
    tissue, alpha = _tissue(np_rng, (cy1 - cy0 - 40, cx1 - cx0 - 60))
    rgba = np.dstack([tissue * 255, alpha * 220]).astype(np.uint8)
    img.alpha_composite(Image.fromarray(rgba, "RGBA"), (cx0 + 30, cy0 + 20))
    return Card(img, boxes, {"number": number, "surname": facts["patient.family"].upper()})


def slide_scene(
    rng: random.Random, np_rng: np.random.Generator, facts: Facts, *, surname: bool
) -> Scene:
    """The slide lying on the bench, a little askew, lit from a window."""
    w, h = SLIDE_SIZE
    shape = (h, w)
    bench_kind = rng.choice(["paper", "bench"])
    rgb = surface(np_rng, shape, bench_kind)
    card = _slide_card(rng, np_rng, facts, surname=surname)
    sw = w * rng.uniform(0.78, 0.86)
    sh = sw * card.size[1] / card.size[0]
    angle = rng.uniform(-0.18, 0.18)
    cx, cy = w / 2 + rng.uniform(-30, 30), h / 2 + rng.uniform(-40, 40)
    corners = list(rect_corners(cx, cy, sw, sh, angle))
    # a little perspective: the far edge narrower
    for i in (0, 1):
        x, y = corners[i]
        corners[i] = (cx + (x - cx) * 0.96, y + 10)
    placement = Placement(card.size, tuple(corners))
    layer = placement.warp(card.image, shape)
    # the glass casts a soft shadow and its edges catch the light
    shadow = soft_blur(ndimage.shift(layer.alpha, (14, 10), order=1), 9)
    rgb *= (1 - 0.3 * shadow)[..., None]
    a = layer.alpha[..., None]
    rgb[:] = rgb * (1 - a) + layer.rgb * a
    outline = np.clip(
        ndimage.morphological_gradient((layer.alpha > 0.05).astype(np.float32), size=3), 0, 1
    )
    rgb[:] = rgb + outline[..., None] * 0.35
    glare = np.clip(fbm(np_rng, shape, (300.0,)) * 0.5 + 0.3, 0, 1) * (layer.alpha > 0.05)
    rgb[:] = rgb + (glare * 0.08)[..., None]
    scene = Scene(rgb.astype(np.float32), np.zeros(shape, dtype=np.float32))
    number = card.texts["number"]
    scene.mark(
        "unique_number",
        placement.box(card.boxes["number"], shape),
        f"Specimen number on the slide label: {number}",
    )
    if surname:
        scene.mark(
            "patient_name",
            placement.box(card.boxes["surname"], shape),
            f"Patient's surname on the slide label: {card.texts['surname']}",
        )
    scene.decoy(
        placement.box(card.boxes["stain"], shape),
        "The stain (haematoxylin and eosin): it identifies no one.",
    )
    scene.decoy(
        placement.box(card.boxes["level"], shape),
        "The level cut from the block (say, slide 2 of 5): it counts slides, not patients.",
    )
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    scene.depth = np.clip(np.hypot(xx - cx, yy - cy) / (w * 0.9), 0, 0.5).astype(np.float32)
    return scene
