"""Clinical signs painted onto skin: a pigmented lesion, a pearly nodule, a scaly plaque,
and a leg ulcer (its paints are in ulcer.py).

Each sign is computed in a window around it (colour, coverage, relief, wetness)
and then laid onto the skin before lighting, so it is shaded like the skin
around it.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage

from safeshare.render.photo.noise import FloatArray, blob_mask, fbm, smooth_noise
from safeshare.render.photo.paint import Paint

__all__ = ["LESIONS", "Paint", "dusk", "lay_paint", "lesion", "sign_paints"]

LESIONS = ("pigmented", "nodule", "plaque")


def dusk(tone: str) -> float:
    """0 on light skin .. 1 on the darkest: how far redness turns dusky and violaceous."""
    from safeshare.render.photo.skin import SKIN_TONES

    mean = float(np.mean(SKIN_TONES[tone]))
    return float(np.clip((0.80 - mean) / 0.50, 0.0, 1.0))


def _on_skin(
    colour: tuple[float, float, float], tone: str, violet: tuple[float, float, float]
) -> FloatArray:
    """An inflamed colour as it shows on this skin: pink on pale skin, violaceous-brown on dark.

    On darker skin the blood's red is filtered by melanin, so an inflamed sign
    takes the skin's own colour, darkened and shifted towards violet.
    """
    from safeshare.render.photo.skin import SKIN_TONES

    d = dusk(tone)
    skin = np.array(SKIN_TONES[tone], dtype=np.float32) * np.array(violet, dtype=np.float32)
    out: FloatArray = np.array(colour, dtype=np.float32) * (1 - d) + skin * d
    return out


def _window(centre: tuple[float, float], reach: float) -> tuple[int, int, int]:
    size = int(2 * reach) + 1
    return int(centre[0] - reach), int(centre[1] - reach), size


def _mix(stops: list[tuple[float, tuple[float, float, float]]], t: FloatArray) -> FloatArray:
    """Colour ramp: t in 0..1 through coloured stops."""
    xs = np.array([s[0] for s in stops], dtype=np.float32)
    out = np.empty((*t.shape, 3), dtype=np.float32)
    for c in range(3):
        out[..., c] = np.interp(t, xs, np.array([s[1][c] for s in stops], dtype=np.float32))
    return out


def pigmented(rng: np.random.Generator, centre: tuple[float, float], radius: float) -> Paint:
    """An irregular, unevenly pigmented lesion with a notched, partly blurred border."""
    x, y, n = _window(centre, radius * 1.9)
    shape = (n, n)
    c = (centre[0] - x, centre[1] - y)
    body = blob_mask(
        rng,
        shape,
        c,
        radius,
        irregularity=0.32,
        aspect=1.25,
        angle=rng.uniform(0, np.pi),
        softness=4.5,
    )
    halo = blob_mask(
        rng,
        shape,
        c,
        radius * 1.15,
        irregularity=0.4,
        aspect=1.3,
        angle=rng.uniform(0, np.pi),
        softness=9.0,
    )
    t = np.clip(0.45 + 0.25 * fbm(rng, shape, (radius * 0.7, radius * 0.25, 3.0)), 0, 1)
    t = t * np.clip(0.55 + 0.6 * body, 0, 1)
    colour = _mix(
        [
            (0.0, (0.66, 0.48, 0.36)),
            (0.35, (0.48, 0.30, 0.20)),
            (0.7, (0.28, 0.16, 0.10)),
            (0.92, (0.19, 0.13, 0.11)),
            (1.0, (0.22, 0.19, 0.22)),
        ],
        t,
    )
    dots = (rng.random(shape) < 0.003).astype(np.float32)
    dots = np.clip(ndimage.gaussian_filter(dots, 1.2) * 8, 0, 1) * (halo > 0.2)
    colour = colour * (1 - 0.45 * dots[..., None])
    colour = np.clip(colour / np.array((0.84, 0.66, 0.56), dtype=np.float32), 0, 1)
    alpha = np.clip(np.maximum(body * 0.92, halo * 0.35), 0, 1) * (0.85 + 0.15 * t)
    bump = body * (0.5 + 0.3 * smooth_noise(rng, shape, radius * 0.3))
    wet = body * 0.05
    return Paint(x, y, colour, alpha.astype(np.float32), bump.astype(np.float32), wet, tint=True)


def nodule(
    rng: np.random.Generator, centre: tuple[float, float], radius: float, tone: str = "light"
) -> Paint:
    """A pearly pink dome with a rolled edge, fine surface vessels and a small crust."""
    x, y, n = _window(centre, radius * 1.8)
    shape = (n, n)
    c = (centre[0] - x, centre[1] - y)
    body = blob_mask(
        rng,
        shape,
        c,
        radius,
        irregularity=0.18,
        aspect=1.15,
        angle=rng.uniform(0, np.pi),
        softness=radius * 0.35,
    )
    yy, xx = np.mgrid[0:n, 0:n].astype(np.float32)
    r = np.hypot(xx - c[0], yy - c[1]) / radius
    dome = np.clip(1 - r * r, 0, 1) ** 0.7
    rim = np.exp(-(((r - 0.8) / 0.15) ** 2))
    colour = np.empty((*shape, 3), dtype=np.float32)
    colour[:] = _on_skin((0.88, 0.68, 0.64), tone, (0.86, 0.70, 0.80))
    colour += 0.05 * rim[..., None] * (1 - 0.6 * dusk(tone))
    branches = ndimage.gaussian_filter(rng.standard_normal(shape).astype(np.float32), radius * 0.12)
    vessels = np.exp(-((branches / (float(branches.std()) * 0.10)) ** 2)) * (r < 0.85)
    vessels = ndimage.gaussian_filter(vessels, 0.6)
    red = np.array([0.05, 0.45, 0.45], dtype=np.float32)
    colour = colour * (1 - 0.7 * vessels[..., None] * red)
    crust = blob_mask(
        rng,
        shape,
        (c[0] + radius * 0.15, c[1] - radius * 0.1),
        radius * 0.2,
        irregularity=0.35,
        softness=1.5,
    )
    crust_col = np.array((0.38, 0.14, 0.09), dtype=np.float32) * (1 - 0.55 * dusk(tone))
    colour = colour * (1 - crust[..., None]) + crust[..., None] * crust_col
    bump = dome * radius * 0.30 + rim * 1.0
    alpha = body * (0.45 + 0.4 * dome + 0.15 * dusk(tone))
    return Paint(
        x,
        y,
        colour.astype(np.float32),
        np.clip(alpha, 0, 1).astype(np.float32),
        (bump * body).astype(np.float32),
        (body * 0.22).astype(np.float32),
    )


def plaque(
    rng: np.random.Generator, centre: tuple[float, float], radius: float, tone: str = "light"
) -> Paint:
    """A well-demarcated red plaque with silvery scale (psoriasis-like)."""
    x, y, n = _window(centre, radius * 1.9)
    shape = (n, n)
    c = (centre[0] - x, centre[1] - y)
    body = blob_mask(
        rng,
        shape,
        c,
        radius,
        irregularity=0.28,
        aspect=1.4,
        angle=rng.uniform(0, np.pi),
        softness=radius * 0.12,
    )
    scale_noise = fbm(rng, shape, (radius * 0.25, radius * 0.08, 2.0))
    scale = np.clip((scale_noise - 0.3) * 1.2, 0, 0.75) * np.clip(body * 1.4 - 0.4, 0, 1)
    colour = np.empty((*shape, 3), dtype=np.float32)
    colour[:] = _on_skin((0.72, 0.40, 0.38), tone, (0.74, 0.56, 0.68))
    colour *= (1 + 0.08 * smooth_noise(rng, shape, radius * 0.4))[..., None]
    colour = colour * (1 - scale[..., None]) + scale[..., None] * np.array((0.86, 0.82, 0.78))
    alpha = body * 0.85
    bump = body * 2.5 + scale * 1.0
    return Paint(
        x,
        y,
        colour.astype(np.float32),
        alpha.astype(np.float32),
        bump.astype(np.float32),
        np.zeros(shape, dtype=np.float32),
    )


def lesion(
    kind: str,
    rng: np.random.Generator,
    centre: tuple[float, float],
    radius: float,
    tone: str = "light",
) -> Paint:
    """A named sign (see LESIONS), coloured for the skin it is on."""
    if kind == "pigmented":
        return pigmented(rng, centre, radius)
    if kind == "nodule":
        return nodule(rng, centre, radius, tone)
    if kind == "plaque":
        return plaque(rng, centre, radius, tone)
    raise ValueError(f"unknown lesion {kind!r}; known: {', '.join(LESIONS)}")


def sign_paints(
    kind: str,
    rng: np.random.Generator,
    centre: tuple[float, float],
    radius: float,
    tone: str,
    *,
    light: tuple[float, float, float] = (0.0, 0.0, 1.0),
) -> list[Paint]:
    """The paints of a sign, in the order to lay them (an ulcer has its staining first)."""
    if kind == "ulcer":
        from safeshare.render.photo.ulcer import ulcer_paints

        return ulcer_paints(rng, centre, radius, darkness=dusk(tone), light=light)
    return [lesion(kind, rng, centre, radius, tone)]


def lay_paint(
    paint: Paint,
    albedo: FloatArray,
    relief: FloatArray,
    wet: FloatArray,
    *,
    within: FloatArray | None = None,
) -> None:
    """Lay a sign onto full-size skin arrays in place (clipped to the picture and `within`)."""
    h, w = relief.shape
    ph, pw = paint.alpha.shape
    x0, y0 = max(0, paint.x), max(0, paint.y)
    x1, y1 = min(w, paint.x + pw), min(h, paint.y + ph)
    if x0 >= x1 or y0 >= y1:
        return
    src = (slice(y0 - paint.y, y1 - paint.y), slice(x0 - paint.x, x1 - paint.x))
    dst = (slice(y0, y1), slice(x0, x1))
    a = paint.alpha[src]
    if within is not None:
        a = a * within[dst]
    target = albedo[dst] * paint.colour[src] if paint.tint else paint.colour[src]
    albedo[dst] = albedo[dst] * (1 - a[..., None]) + target * a[..., None]
    keep = 1.0 - paint.replace * np.clip(a * 1.2, 0, 1)
    relief[dst] = relief[dst] * keep + paint.bump[src] * np.clip(a * 1.5, 0, 1)
    wet[dst] = np.maximum(wet[dst], paint.wet[src] * a)
