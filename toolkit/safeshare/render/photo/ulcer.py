"""A venous leg ulcer as a wound-care nurse photographs it.

Real ulcers are not flat blotches: the outline is irregular but smooth, the
bed lies below the skin with a sloping or rolled edge, the base is moist red
granulation (fine cobbled texture that catches the light in wet specks),
yellow slough sits in the base, the margin may be macerated (white, soggy)
and the skin around is dry, scaly and stained brown by haemosiderin. Two
paints come back: the staining (a tint of the patient's own skin colour) and
the wound with its margin (colours of their own).
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage

from safeshare.render.photo.noise import FloatArray, blob_mask, fbm, smooth_noise
from safeshare.render.photo.paint import Paint

__all__ = ["ulcer_paints"]


def _smooth(x: FloatArray) -> FloatArray:
    """Smoothstep of a 0..1 field."""
    t = np.clip(x, 0.0, 1.0)
    out: FloatArray = t * t * (3.0 - 2.0 * t)
    return out


def ulcer_paints(
    rng: np.random.Generator,
    centre: tuple[float, float],
    radius: float,
    *,
    darkness: float,
    light: tuple[float, float, float] = (0.0, 0.0, 1.0),
) -> list[Paint]:
    """The staining tint and the wound itself, as two Paints (see photo_lesions.Paint)."""
    reach = radius * 3.2
    x, y = int(centre[0] - reach), int(centre[1] - reach)
    n = int(2 * reach) + 1
    shape = (n, n)
    c = (centre[0] - x, centre[1] - y)
    angle = float(rng.uniform(-0.5, 0.5))

    # --- the outline and how far each pixel is from it ---
    bed = blob_mask(rng, shape, c, radius, irregularity=0.22, aspect=1.4, angle=angle, softness=1.2)
    inside = bed > 0.5
    d_in = ndimage.distance_transform_edt(inside).astype(np.float32)
    d_out = ndimage.distance_transform_edt(~inside).astype(np.float32)
    d_in = ndimage.gaussian_filter(d_in, 1.5)
    d_out = ndimage.gaussian_filter(d_out, 1.5)
    depth_reach = radius * float(rng.uniform(0.18, 0.28))
    sink = _smooth(d_in / depth_reach)  # 0 at the edge .. 1 on the floor

    # --- granulation: fine cobbles, larger redder and duskier areas ---
    # granulation tissue: small rounded buds packed together, not a grid of noise
    buds = (rng.random(shape, dtype=np.float32) < 0.045).astype(np.float32)
    buds = ndimage.gaussian_filter(buds, 1.7) + 0.6 * ndimage.gaussian_filter(
        (rng.random(shape, dtype=np.float32) < 0.01).astype(np.float32), 3.2
    )
    cells = (buds - float(buds.mean())) / (float(buds.std()) + 1e-6)
    granules = np.clip(cells, -1.2, 2.0)
    tone_var = fbm(rng, shape, (radius * 0.35, radius * 0.12))
    t = np.clip(0.55 + 0.07 * cells + 0.16 * tone_var, 0, 1)
    base: FloatArray = np.empty((*shape, 3), dtype=np.float32)
    dark_red = np.array((0.42, 0.10, 0.09), dtype=np.float32)
    beefy = np.array((0.66, 0.21, 0.17), dtype=np.float32)
    pink = np.array((0.82, 0.42, 0.36), dtype=np.float32)
    lo = np.clip(t * 2, 0, 1)[..., None]
    hi = np.clip(t * 2 - 1, 0, 1)[..., None]
    base[:] = dark_red * (1 - lo) + beefy * lo
    base = base * (1 - hi) + pink * hi
    # the sloping wall: a paler, purplish epithelium creeping in from the edge
    wall_amt = np.clip(0.15 + 0.35 * smooth_noise(rng, shape, radius * 0.25), 0, 0.4)
    wall = ((1 - sink) ** 2 * wall_amt)[..., None]
    wall_col = np.array((0.70, 0.42, 0.40), dtype=np.float32)
    base = base * (1 - wall) + wall_col * wall
    # occlusion: the floor near the wall is in shade
    base *= (0.88 + 0.12 * _smooth(d_in / (depth_reach * 0.6)))[..., None]
    # small dark clots
    clots = np.clip((smooth_noise(rng, shape, 3.0) - 2.6) * 2, 0, 1) * sink
    base = base * (1 - 0.6 * clots[..., None]) + 0.6 * clots[..., None] * np.array(
        (0.25, 0.04, 0.04), dtype=np.float32
    )

    # --- the rim on the light's side shades the floor below it: the clearest cue of depth ---
    lx, ly, lz = light
    reach_px = float(np.hypot(lx, ly)) / max(lz, 0.2) * radius * 0.14
    if reach_px > 0.5:
        norm = float(np.hypot(lx, ly))
        toward = ndimage.shift(
            inside.astype(np.float32), (-ly / norm * reach_px, -lx / norm * reach_px), order=1
        )
        shadow = ndimage.gaussian_filter(np.clip(1.0 - toward, 0, 1) * inside, 2.0)
        base *= (1.0 - 0.45 * shadow)[..., None]

    # --- slough: adherent yellow fibrin lying in the base, matte ---
    sl_field = fbm(rng, shape, (radius * 0.7, radius * 0.25, 4.0), (1.0, 0.35, 0.12))
    slough = _smooth((sl_field - float(rng.uniform(0.5, 0.95))) * 2.4) * _smooth(
        (d_in - 2.0) / (depth_reach * 0.5)
    )
    # ragged where it thins out, solid where it lies thick
    slough *= np.clip(0.9 + 0.25 * smooth_noise(rng, shape, 3.0), 0, 1) ** (1.0 - slough)
    fibrin = 0.6 * smooth_noise(rng, shape, 9.0) + 0.4 * smooth_noise(rng, shape, 2.5)
    sl_t = np.clip(0.5 + 0.3 * fibrin, 0, 1)[..., None]
    sl_col = np.array((0.92, 0.80, 0.58), dtype=np.float32) * (1 - sl_t) + sl_t * np.array(
        (0.80, 0.62, 0.38), dtype=np.float32
    )
    colour = base * (1 - slough[..., None]) + sl_col * slough[..., None]

    # --- the margin: maceration (white, soggy) in places, dry scale beyond ---
    mac_where = _smooth((fbm(rng, shape, (radius * 0.5, radius * 0.2)) - 0.2) * 2.0)
    macer = np.exp(-(((d_out - 0.06 * radius) / (0.07 * radius)) ** 2)) * mac_where * (~inside)
    macer *= np.clip(0.55 + 0.25 * smooth_noise(rng, shape, 7.0), 0, 1)
    mac_col = np.array((0.90, 0.87, 0.82), dtype=np.float32)
    crack = np.abs(ndimage.gaussian_filter(rng.standard_normal(shape).astype(np.float32), 2.5))
    crack /= float(crack.std()) + 1e-6
    flakes = np.clip(1.0 - crack / 0.35, 0, 1)  # thin network: the edges of scales
    scale_zone = np.exp(-d_out / (0.9 * radius)) * (~inside)
    scale_zone *= _smooth((fbm(rng, shape, (radius * 0.6, radius * 0.2)) + 0.3) * 1.5)
    scale = scale_zone * (0.3 + 0.7 * flakes)
    scale_col = np.array((0.80, 0.76, 0.71), dtype=np.float32)
    ash = 0.22 + 0.18 * darkness  # scale shows up ashy, more so on darker skin
    a_scale = scale * ash
    a_mac = np.clip(macer * 0.85, 0, 1)
    a_bed = np.clip(bed, 0, 1)
    a = np.clip(np.maximum(a_bed, np.maximum(a_mac, a_scale)), 0, 1)
    safe = np.maximum(a, 1e-4)
    w_bed = np.clip(a_bed / safe, 0, 1)
    w_mac = np.clip(a_mac / safe, 0, 1) * (1 - w_bed)
    w_scale = np.clip(1 - w_bed - w_mac, 0, 1)
    out = w_bed[..., None] * colour + w_mac[..., None] * mac_col + w_scale[..., None] * scale_col

    # --- relief: a sunken bed with a sloping or rolled edge, cobbled granulation ---
    depth = radius * float(rng.uniform(0.12, 0.17))
    rolled = float(rng.uniform(0.0, 1.0))
    ridge = np.exp(-(((d_out - 0.05 * radius) / (0.08 * radius)) ** 2)) * (~inside)
    bump = -depth * sink + rolled * 3.5 * ridge * _smooth(mac_where + 0.4)
    bump += (0.45 * granules * (1 - slough) + slough * (0.8 + 0.25 * fibrin)) * sink
    bump += 0.6 * scale * (1 - flakes) + macer * 0.8
    sheen_zone = np.clip(0.45 + 0.4 * smooth_noise(rng, shape, radius * 0.3), 0.1, 1.0)
    wet = a_bed * sheen_zone * 0.75 * (1.0 - 0.8 * slough) + macer * 0.3

    # --- haemosiderin staining: mottled brown around, with cayenne-pepper specks ---
    stain_body = blob_mask(
        rng,
        shape,
        (c[0] + rng.uniform(-0.3, 0.3) * radius, c[1] + rng.uniform(-0.3, 0.3) * radius),
        radius * 1.9,
        irregularity=0.35,
        aspect=1.3,
        angle=angle,
        softness=radius * 0.6,
    )
    mottle = np.clip(0.5 + 0.28 * fbm(rng, shape, (radius * 0.6, radius * 0.2, 8.0)), 0, 1)
    specks = np.clip((smooth_noise(rng, shape, 1.6) - 1.8) * 1.2, 0, 1)
    stain = np.clip(stain_body * (0.25 + 0.6 * mottle) + specks * stain_body * 0.35, 0, 1)
    brown = np.array((0.70, 0.50, 0.38), dtype=np.float32)
    brown = brown ** (1.0 - 0.5 * darkness)  # on dark skin it darkens rather than browns
    tint = np.empty((*shape, 3), dtype=np.float32)
    tint[:] = brown
    stain_alpha = (stain * 0.75 * (1 - a_bed)).astype(np.float32)

    return [
        Paint(
            x,
            y,
            tint,
            stain_alpha,
            np.zeros(shape, dtype=np.float32),
            np.zeros(shape, dtype=np.float32),
            tint=True,
        ),
        Paint(
            x,
            y,
            out.astype(np.float32),
            a.astype(np.float32),
            bump.astype(np.float32),
            np.clip(wet, 0, 1).astype(np.float32),
            replace=1.0,
        ),
    ]
