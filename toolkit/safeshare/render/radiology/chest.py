"""A synthetic PA chest radiograph, built as a sum of densities and displayed as a DR image.

The body's soft tissue, the lungs' air (radiology_chest_lungs: soft against the
chest wall, crisp against heart and diaphragm, with a tapering vessel tree), the
bones (radiology_chest_bones: broad ribs with cortical edges, clavicles,
scapulae, humeral heads, a faint spine), the heart, the hila, breasts and the
gastric bubble each add or take away density. The sum goes through the
detector's processing (log response, unsharp-mask equalisation, a film-like
tone curve) and a fine correlated grain. Optional hardware (a pacemaker,
sternal wires) and a mirror-image heart (dextrocardia) make a case distinctive.
Smooth fields are blurred on reduced grids; everything is vectorised numpy.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

import numpy as np

from safeshare.render.radiology.chest_bones import bones
from safeshare.render.radiology.chest_geometry import Canvas, Point, smooth_curve, soften
from safeshare.render.radiology.chest_lungs import lungs, vessel_tree

__all__ = ["ChestImage", "chest_radiograph"]


@dataclass(slots=True)
class ChestImage:
    """The displayed image (0..1) and where its notable parts are, in pixels."""

    image: np.ndarray
    heart_box: tuple[int, int, int, int]
    implant_boxes: list[tuple[str, tuple[int, int, int, int]]] = field(default_factory=list)


def _pacemaker(
    c: Canvas, side: float, r: random.Random, heart_c: Point
) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """A generator below the clavicle and a lead to the right ventricle; returns density and box."""
    gu, gv = side * r.uniform(0.42, 0.52), r.uniform(0.17, 0.2)
    im, d = c.layer()
    x, y = c.px(gu, gv)
    gw, gh = c.w * 0.085, c.h * 0.052
    d.rounded_rectangle(
        (x - gw / 2, y - gh / 2, x + gw / 2, y + gh / 2), radius=gh * 0.45, fill=0.92
    )
    d.rounded_rectangle(
        (x - gw * 0.4, y - gh * 0.32, x + gw * 0.15, y + gh * 0.35), radius=gh * 0.2, fill=1.0
    )
    d.rectangle((x + gw * 0.22, y - gh * 0.45, x + gw * 0.45, y + gh * 0.1), fill=0.72)
    for k in range(3):
        d.ellipse(
            (
                x + gw * 0.26 + k * gw * 0.06,
                y - gh * 0.3,
                x + gw * 0.3 + k * gw * 0.06,
                y - gh * 0.22,
            ),
            fill=1.05,
        )
    # The lead: loops once over the generator, runs medially in the subclavian vein,
    # down the superior vena cava and across the tricuspid valve to the apex.
    hu, _hv = heart_c
    path = [
        (gu + side * 0.04, gv - 0.02),
        (gu + side * 0.09, gv + 0.03),
        (gu + side * 0.02, gv + 0.05),
        (gu - side * 0.08, gv + 0.0),
        (side * 0.2, 0.17),
        (side * 0.05, 0.24),
        (-side * 0.04, 0.36),
        (-side * 0.03, 0.5),
        (hu - side * 0.05, 0.58),
        (hu + side * 0.1, 0.63),
        (hu + side * 0.2, 0.66),
    ]
    curve = smooth_curve(path, 160)
    lead = c.polyline(curve, c.w * 0.0045, 0.95)
    tip = c.polyline(curve[-8:], c.w * 0.009, 1.0)
    density = np.maximum(c.array(im), np.maximum(lead, tip))
    box = (int(x - gw / 2) - 6, int(y - gh / 2) - 6, int(gw) + 12, int(gh) + 12)
    return soften(density, 0.8), box


def _sternal_wires(c: Canvas, r: random.Random) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    im, d = c.layer()
    top = r.uniform(0.2, 0.23)
    xs, ys = [], []
    for k in range(6):
        v = top + k * 0.048
        x, y = c.px(r.uniform(-0.012, 0.012), v)
        w, h = c.w * 0.024, c.h * 0.012
        d.ellipse((x - w, y - h, x + w, y + h), outline=1.0, width=max(2, int(c.w * 0.004)))
        d.line(
            [(x + w * 0.8, y), (x + w * 1.5, y + h * 0.3)], fill=1.0, width=max(2, int(c.w * 0.004))
        )
        xs += [x - w, x + w * 1.5]
        ys += [y - h, y + h]
    box = (
        int(min(xs)) - 6,
        int(min(ys)) - 6,
        int(max(xs) - min(xs)) + 12,
        int(max(ys) - min(ys)) + 12,
    )
    return soften(c.array(im), 0.7), box


def _body(c: Canvas, r: random.Random) -> np.ndarray:
    """Soft tissue of neck, shoulders and chest wall: thick in the middle, thin at the sides."""
    u, v = c.u, c.v
    vs = np.array([-0.12, -0.03, 0.0, 0.015, 0.03, 0.05, 0.08, 0.13, 0.2, 0.5, 0.85, 1.05])
    ws = np.array([0.2, 0.21, 0.3, 0.5, 0.74, 0.9, 1.0, 1.07, 1.1, 1.0, 0.97, 0.96]) * r.uniform(
        0.98, 1.02
    )
    half = np.interp(v, vs, ws).astype(np.float32)
    thick = np.sqrt(np.clip(1 - (u / np.maximum(half, 0.93)) ** 2, 0, 1))
    neck_fade = np.clip((v + 0.14) / 0.04, 0, 1)
    inside = np.clip((half - np.abs(u)) / 0.012, 0, 1)
    density = (0.42 + 0.5 * thick) * inside * neck_fade
    # Subcutaneous fat just inside the skin line is a little darker than muscle.
    fat = np.exp(-((((half - np.abs(u)) - 0.03) / 0.016) ** 2)) * (v > 0.1)
    density -= 0.04 * fat * inside
    # Neck and shoulder muscles overlap the apices.
    density += 0.07 * np.clip((0.17 - v) / 0.12, 0, 1) * np.clip((0.62 - np.abs(u)) / 0.2, 0, 1)
    # Sternocleidomastoids and the supraclavicular soft tissue in the neck.
    for side in (-1.0, 1.0):
        density += 0.06 * np.clip(1 - c.ellipse(side * 0.13, 0.0, 0.07, 0.1), 0, 1) ** 0.5
    # Axillary folds and pectorals thicken the lateral upper chest.
    density += 0.05 * np.clip(1 - c.ellipse(0.95, 0.22, 0.16, 0.22), 0, 1) ** 2
    density += 0.05 * np.clip(1 - c.ellipse(-0.95, 0.22, 0.16, 0.22), 0, 1) ** 2
    out: np.ndarray = density
    return out


def _gastric_bubble(c: Canvas, r: random.Random, side: float, dome: float) -> np.ndarray:
    """Gas in the fundus: a flattened dome under the diaphragm, cut flat by the fluid level."""
    a = c.u * side
    wall = r.uniform(0.02, 0.026)
    level = dome + r.uniform(0.05, 0.065)
    cu, hw = r.uniform(0.5, 0.58), r.uniform(0.1, 0.13)
    top = dome + wall
    hr = 2 * (level - top)
    gas = np.zeros_like(c.u)
    for k in range(3):
        # The fundus is lobulated: a few overlapping caps under the dome.
        lu = cu + hw * (k - 1) * 0.3 + r.uniform(-0.01, 0.01)
        lr = hr * r.uniform(0.8, 1.0)
        cap = ((a - lu) / (hw * 0.85)) ** 2 + ((c.v - (top + lr) - r.uniform(0, 0.006)) / lr) ** 2
        gas = np.maximum(gas, (cap < 1).astype(np.float32))
    soft_top = soften(gas, 4.0)
    level_edge = np.clip((level - c.v) / 0.004, 0, 1)
    # Gas is thicker high in the fundus than at the thin edges of the cap.
    thickness = np.clip((level - c.v) / (level - top), 0, 1) ** 0.3
    out: np.ndarray = np.minimum(soft_top, level_edge) * (0.6 + 0.4 * thickness)
    return out


def chest_radiograph(
    width: int,
    height: int,
    rng: random.Random,
    nrng: np.random.Generator,
    *,
    female: bool,
    dextrocardia: bool = False,
    implant: str = "none",
) -> ChestImage:
    """Draw a PA chest radiograph; `implant` is none | pacemaker | sternal_wires."""
    top = rng.uniform(0.07, 0.09)
    c = Canvas(width, height, top)
    hs = -1.0 if dextrocardia else 1.0
    u, v = c.u, c.v

    density = _body(c, rng)
    in_body = np.clip(density / 0.3, 0, 1)

    # Lungs: air takes density away; the heart is what lies between them.
    dome_r = rng.uniform(0.74, 0.77)
    domes = {-hs: dome_r, hs: dome_r + rng.uniform(0.015, 0.03)}
    lung = lungs(c, rng, hs, domes)
    density -= 0.38 * lung.air

    # Heart: thicker in its middle; the mediastinum above it is narrower and thinner.
    hc_u = hs * 0.12
    heart_r = c.ellipse(hc_u, 0.62, 0.45, 0.2)
    density += 0.07 * lung.heart * np.clip(1 - heart_r, 0, 1) - 0.03 * lung.heart
    hx0, hy0 = c.px(hs * 0.12 - 0.46, 0.4)
    hx1, hy1 = c.px(hs * 0.12 + 0.46, dome_r + 0.06)
    heart_box = (int(min(hx0, hx1)), int(hy0), int(abs(hx1 - hx0)), int(hy1 - hy0))

    # Trachea and main bronchi: an air column just off the midline, away from the arch.
    tu = -hs * 0.012
    im, d = c.layer()
    c.draw_line(
        d, smooth_curve([(0.0, -0.1), (tu * 0.5, 0.1), (tu, 0.25), (tu, 0.33)], 30), c.w * 0.05
    )
    for side, ang in ((-hs, 0.09), (hs, 0.12)):
        c.draw_line(d, [(tu, 0.33), (tu + side * ang, 0.33 + 0.65 * ang)], c.w * 0.03)
    trachea = soften(c.array(im), 4.0)
    density -= 0.1 * trachea

    # Hila: lobulated pulmonary arteries and bronchi, the heart-side one higher.
    hila = np.zeros((height, width), dtype=np.float32)
    for side in (-1.0, 1.0):
        hv = 0.39 if side == hs else 0.415
        for _ in range(4):
            hila += np.clip(
                1
                - c.ellipse(
                    side * rng.uniform(0.17, 0.23),
                    hv + rng.uniform(-0.04, 0.05),
                    rng.uniform(0.03, 0.05),
                    rng.uniform(0.02, 0.035),
                ),
                0,
                1,
            )
    density += 0.06 * soften(np.minimum(hila, 1.2), 4.0)

    # Vessels: a branching tree from each hilum.
    vessels = vessel_tree(c, -1.0, hs, rng, lung) + vessel_tree(c, 1.0, hs, rng, lung)
    in_lung = soften(lung.mask, 2.0)
    lower = 1 + 0.5 * np.clip((v - 0.45) / 0.2, 0, 1)  # blood flow favours the bases
    density += 0.13 * np.minimum(vessels, 1.3) * (0.3 + 0.7 * in_lung) * lower
    # The lung parenchyma is never even: faint mottle and small vessels seen end-on.
    small = nrng.standard_normal((height // 4, width // 4)).astype(np.float32)
    mottle = np.kron(soften(small, 1.2), np.ones((4, 4), dtype=np.float32))
    full = np.zeros((height, width), dtype=np.float32)
    full[: mottle.shape[0], : mottle.shape[1]] = mottle
    density += 0.02 * soften(full, 2.5) * lung.air
    # Small vessels below the resolution of the tree: a faint worm-like lattice,
    # densest near the hila and fading before the outer third.
    n = nrng.standard_normal((height // 2, width // 2)).astype(np.float32)
    band = soften(n, 2.0) - soften(n, 4.0)
    ridges = np.clip(1 - np.abs(band) / (0.35 * float(band.std()) + 1e-6), 0, 1) ** 2
    lattice = np.zeros((height, width), dtype=np.float32)
    big = np.kron(ridges, np.ones((2, 2), dtype=np.float32))
    lattice[: big.shape[0], : big.shape[1]] = big
    central = np.clip(lung.reach / (0.16 * width), 0, 1)
    density += 0.06 * soften(lattice, 1.8) * lung.air * central

    # Bones: seen best through the lungs, faintly through heart and abdomen.
    b = bones(c, rng)
    seen = 0.12 + 0.88 * np.clip(lung.air * 1.6, 0, 1)
    density += (0.075 * b.posterior_ribs + 0.04 * b.anterior_ribs) * seen
    density += 0.15 * b.shoulder * in_body
    spine_seen = 0.13 + 0.06 * np.clip((v - 0.4) / 0.25, 0, 1)
    density += spine_seen * b.spine * np.clip((0.2 - v) / 0.1 + 1, 0, 1)

    # Breast shadows over the lower zones, with a crisp inframammary fold.
    if female:
        for side in (-1.0, 1.0):
            bu = side * rng.uniform(0.52, 0.6)
            breast = c.ellipse(bu, 0.64, 0.38, 0.2)
            fold_v = 0.79 + 0.05 * ((u * side - 0.55) / 0.3) ** 2
            fold = np.clip((fold_v - v) / 0.01, 0, 1) * np.clip((v - 0.4) / 0.25, 0, 1)
            medial = np.clip((u * side - 0.18) / 0.2, 0, 1)
            density += 0.15 * np.clip(1 - breast, 0, 1) ** 0.5 * fold * medial
    else:
        density += (
            0.03
            * np.clip((v - 0.15) / 0.1, 0, 1)
            * np.clip((0.5 - v) / 0.2, 0, 1)
            * (np.clip((np.abs(u) - 0.3) / 0.2, 0, 1) * np.clip((0.85 - np.abs(u)) / 0.1, 0, 1))
        )

    # Descending aorta: a faint line beside the spine behind the heart.
    im, d = c.layer()
    c.draw_line(d, [(hs * 0.1, 0.3), (hs * 0.09, 0.5), (hs * 0.075, 0.74)], c.w * 0.05)
    density += 0.015 * soften(c.array(im), 3.0)

    # Under the diaphragm: the liver is uniform; the fundus holds a gas bubble.
    density -= 0.16 * _gastric_bubble(c, rng, hs, domes[hs])
    im, d = c.layer()
    for _ in range(rng.randrange(1, 3)):
        gu = hs * rng.uniform(0.45, 0.7)
        gv = domes[hs] + rng.uniform(0.13, 0.2)
        pts = [
            (gu + hs * rng.uniform(-0.12, 0.12), gv + rng.uniform(-0.03, 0.03)) for _ in range(4)
        ]
        c.draw_line(d, smooth_curve(pts, 30), c.w * rng.uniform(0.02, 0.035))
    density -= 0.035 * soften(c.array(im), 7.0)
    # Soft tissue is never quite even.
    lumps = soften(nrng.standard_normal((height, width)).astype(np.float32), 30)
    density += 0.05 * lumps * (density > 0.05)

    result = ChestImage(image=np.zeros(1), heart_box=heart_box)
    heart_c = (hs * 0.1, 0.6)
    if implant == "pacemaker":
        metal, box = _pacemaker(c, hs, rng, heart_c)
        density = np.maximum(density, metal * 1.6)
        result.implant_boxes.append(("pacemaker", box))
    elif implant == "sternal_wires":
        metal, box = _sternal_wires(c, rng)
        density = np.maximum(density, metal * 1.6)
        result.implant_boxes.append(("sternal_wires", box))

    result.image = _detector(density, nrng)
    return result


def _detector(density: np.ndarray, nrng: np.random.Generator) -> np.ndarray:
    """DR processing: slight unsharpness, equalisation, a film-like tone curve, grain."""
    h, w = density.shape
    density = soften(density, 1.2)
    shown = density + 0.3 * (density - soften(density, w * 0.025))
    shown -= 0.15 * (soften(density, w * 0.1) - 0.7)
    # Log-exposure to display: an S-curve, direct exposure black, bone near white.
    mid, slope = 0.68, 0.21
    lo = 1 / (1 + math.exp(mid / slope))
    hi = 1 / (1 + math.exp(-(1.4 - mid) / slope))
    tone = (1 / (1 + np.exp(-(shown - mid) / slope)) - lo) / (hi - lo)
    grain = soften(nrng.standard_normal((h, w)).astype(np.float32), 0.8)
    tone = tone + (0.02 + 0.03 * np.clip(tone, 0, 1)) * grain
    out: np.ndarray = np.clip(tone, 0, 1).astype(np.float32)
    return out
