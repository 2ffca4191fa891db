"""Hair on a synthetic head: a style's outline, strands that follow a flow, and a sheen.

Hair in a photograph is a mass with a shape (the style), a grain (thousands of
strands running from the parting or the crown), a soft edge of strays, and a
broad highlight where it faces the light. Strands are traced through a flow
field and drawn one by one; the mass is shaded from its own rounded volume.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw
from scipy import ndimage

from safeshare.render.photo.body import lambert_shading
from safeshare.render.photo.camera import specular
from safeshare.render.photo.face_shape import FaceLayout, half_width
from safeshare.render.photo.noise import FloatArray, smooth_noise

__all__ = ["HAIR_COLOURS", "HAIR_STYLES", "Hair", "HairStyle", "draw_hair"]

HAIR_COLOURS: dict[str, tuple[float, float, float]] = {
    "black": (0.045, 0.035, 0.03),
    "dark brown": (0.11, 0.07, 0.045),
    "brown": (0.22, 0.14, 0.08),
    "auburn": (0.33, 0.14, 0.07),
    "fair": (0.55, 0.42, 0.26),
}

HAIR_STYLES = ("short", "bob", "long", "tied")
"""short (ears showing), bob (to the jaw), long (past the shoulders), tied (pulled back)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class HairStyle:
    """How one person wears their hair."""

    style: str
    colour: tuple[float, float, float]
    grey: float
    """Share of grey strands (0..1)."""
    parting: float
    """Face-unit column of the parting."""
    fringe: bool
    volume: float
    """How far the hair stands off the head (face units)."""
    curl: float
    """0 straight .. 1 wavy."""


@dataclass(frozen=True, slots=True)
class Hair:
    """The lit hair, ready to lay over the face."""

    rgb: FloatArray
    alpha: FloatArray
    shadow: FloatArray
    """(H, W) the shadow the hair casts on the skin below it (0..1)."""
    behind: FloatArray
    """(H, W) coverage of the hair behind the head (seen beside the face as it turns)."""


def _regions(
    rng: np.random.Generator,
    style: HairStyle,
    layout: FaceLayout,
    x: FloatArray,
    y: FloatArray,
    head: FloatArray,
    neck: FloatArray,
) -> tuple[FloatArray, FloatArray]:
    """Coverage of the hair mass (0..1) before strands roughen its edge: all of it, and the
    part in front of the face (the rest is seen only where the face does not cover it)."""
    u = layout.unit
    vol = style.volume
    end = {"short": 0.12, "tied": 0.05, "bob": 1.2, "long": 3.5}[style.style]
    # the skull grown by the hair's thickness (thinner at the sides), cut off at the style's end
    outside = ndimage.distance_transform_edt(head < 0.5).astype(np.float32) / u
    thick = vol * (1 - 0.5 * np.clip((y - (layout.hairline_y - 0.3)) / 0.8, 0, 1))
    mass = np.clip((thick - outside) * u * 0.5 + 0.5, 0, 1) * np.clip(0.3 - y, 0, 1) * 3
    mass *= np.clip((end - y) * u * 0.1 + 0.5, 0, 1)
    mass = np.clip(mass, 0, 1)
    if style.style in ("bob", "long"):
        # below the temples the hair falls, widening a little, over the ears and down
        skull_w = float(half_width(layout, np.array([-0.3], dtype=np.float32))[0]) + vol * 0.7
        drop = np.clip(y + 0.3, 0, None)
        spread = 0.05 if style.style == "bob" else 0.1
        flare = skull_w + spread * np.minimum(drop, 1.8)
        fall = np.clip((flare - np.abs(x)) * u * 0.5 + 0.5, 0, 1) * np.clip((y + 0.3) * 8, 0, 1)
        cut = end - (0.08 * np.abs(x) if style.style == "bob" else 0.05 * np.abs(x) ** 2)
        fall *= np.clip((cut - y) * u * 0.3 + 0.5, 0, 1)
        mass = np.maximum(mass, fall)
    else:
        mass *= np.clip((end - y) * u * 0.08 + 0.5, 0, 1)
    # the face shows below the hairline (or the fringe), between the hair at the sides
    dx = x - style.parting
    line = layout.hairline_y + 0.3 * x**2 - 0.05 * np.exp(-((dx / 0.25) ** 2))
    line += 0.008 * smooth_noise(rng, x.shape, u * 0.12)
    if style.fringe:
        line = np.minimum(layout.brow_y - 0.1 + 0.12 * x**2, line + 0.6)
    if style.style == "tied":
        line = line + 0.03
    face_hw = half_width(layout, y)
    framing = {"short": 0.1, "tied": 0.05, "bob": 0.16, "long": 0.13}[style.style]
    # the hair comes down over the temples to the top of the ear (sideburns)
    sideburn = framing * np.clip((0.1 - y) / 0.25, 0, 1) * np.clip((y - line + 0.6) / 0.3, 0, 1)
    face = np.clip((y - line) * u * 0.5 + 0.5, 0, 1) * np.clip(
        (face_hw - sideburn - np.abs(x)) * u * 0.3 + 0.5, 0, 1
    )
    # below the jaw long hair falls behind the neck
    mass *= 1 - neck * np.clip((y - 1.0) * 3, 0, 1)
    return mass.astype(np.float32), (mass * (1 - face)).astype(np.float32)


def _flow(
    style: HairStyle, layout: FaceLayout, x: FloatArray, y: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Direction strands run at (x, y): from the parting, over the head and down."""
    crown_y = layout.hairline_y - 0.45
    if style.style == "tied":
        up = y > crown_y
        dx = np.where(up, -0.35 * x, -x)
        dy = np.where(up, crown_y - 0.2 - y, -0.5)
    else:
        d = x - style.parting
        top = (y < layout.hairline_y + 0.1) & (np.abs(x) < 0.9)
        if style.fringe:
            tx, ty = d * 0.6, np.ones_like(y)
        else:
            tx, ty = np.sign(d) + d * 0.3, 0.45 + np.clip(y - crown_y, 0, None) * 0.8
        dx = np.where(top, tx, np.sign(x) * 0.25)
        dy = np.where(top, ty, 1.0)
    n = np.maximum(np.hypot(dx, dy), 1e-6)
    return dx / n, dy / n


def _strands(
    rng: np.random.Generator,
    style: HairStyle,
    layout: FaceLayout,
    mass: FloatArray,
    *,
    scale: int = 2,
) -> tuple[FloatArray, FloatArray]:
    """Trace strands through the flow: (brightness 0..1 where drawn, coverage 0..1).

    All strands step together (numpy); each stops at its length, or where it
    leaves the hair (most do: a few strays run on past the outline).
    """
    h, w = mass.shape
    ys, xs = np.nonzero(mass > 0.3)
    if len(xs) == 0:
        return np.zeros_like(mass), np.zeros_like(mass)
    count = len(xs) // 40 + 600
    steps = 110
    pick = rng.integers(0, len(xs), size=count)
    c, s = np.cos(layout.roll), np.sin(layout.roll)
    dx0, dy0 = (xs[pick] - layout.cx) / layout.unit, (ys[pick] - layout.cy) / layout.unit
    fx, fy = dx0 * c + dy0 * s, -dx0 * s + dy0 * c
    wave = rng.uniform(0, 6.3, size=count)
    length = rng.integers(30, steps, size=count)
    alive = np.ones(count, dtype=bool)
    ends = np.full(count, steps, dtype=np.int64)
    path = np.zeros((count, steps, 2), dtype=np.float32)
    for k in range(steps):
        path[:, k, 0] = layout.cx + (fx * c - fy * s) * layout.unit
        path[:, k, 1] = layout.cy + (fx * s + fy * c) * layout.unit
        ux, uy = _flow(style, layout, fx, fy)
        bend = style.curl * 0.6 * np.sin(k * 0.35 + wave)
        ux, uy = ux - uy * bend, uy + ux * bend
        fx, fy = fx + ux * 0.012, fy + uy * 0.012
        qx = np.clip((layout.cx + (fx * c - fy * s) * layout.unit).astype(np.int64), 0, w - 1)
        qy = np.clip((layout.cy + (fx * s + fy * c) * layout.unit).astype(np.int64), 0, h - 1)
        left = (mass[qy, qx] < 0.05) & (rng.random(count) < 0.98)
        stop = alive & (left | (k + 1 >= length))
        ends[stop] = k + 1
        alive &= ~stop
    shades = np.clip(rng.normal(150, 45, size=count), 40, 255).astype(np.int64)
    light = Image.new("L", (w * scale, h * scale), 0)
    draw = ImageDraw.Draw(light)
    scaled = path * scale
    for i in range(count):
        if ends[i] >= 2:
            draw.line([tuple(p) for p in scaled[i, : ends[i]].tolist()], fill=int(shades[i]))
    big = np.asarray(light, dtype=np.float32) / 255.0
    lum = big.reshape(h, scale, w, scale).mean(axis=(1, 3))
    cov = ndimage.maximum_filter(big > 0, size=2).reshape(h, scale, w, scale).mean(axis=(1, 3))
    # where no strand passed, take the brightness of the strands around (no dark holes)
    drawn = (lum > 0.02).astype(np.float32)
    near = ndimage.gaussian_filter(lum, 3.0) / np.maximum(ndimage.gaussian_filter(drawn, 3.0), 0.05)
    lum = np.where(drawn > 0, lum, np.clip(near, 0, 1))
    lum = ndimage.gaussian_filter(lum, 0.5)
    return lum.astype(np.float32), cov.astype(np.float32)


def draw_hair(
    rng: np.random.Generator,
    pyrng: random.Random,
    style: HairStyle,
    layout: FaceLayout,
    x: FloatArray,
    y: FloatArray,
    head: FloatArray,
    neck: FloatArray,
    light: tuple[float, float, float],
) -> Hair:
    """The hair of one person, lit, with its alpha and the shadow it casts."""
    shape = x.shape
    whole, mass = _regions(rng, style, layout, x, y, head, neck)
    lum, cov = _strands(rng, style, layout, mass)
    # volume: rounded towards the middle of the mass, so the sides turn away from the light
    dist = ndimage.distance_transform_edt(mass > 0.5).astype(np.float32)
    bulge = np.sqrt(np.clip(dist / (layout.unit * 0.25), 0, 1)) * layout.unit * 0.25
    bulge = ndimage.gaussian_filter(bulge, layout.unit * 0.03)
    gy, gx = np.gradient(bulge)
    n = np.stack([-gx, -gy, np.ones_like(gx)], axis=-1)
    n /= np.linalg.norm(n, axis=-1, keepdims=True)
    diffuse = lambert_shading(n, light, wrap=0.3, ambient=0.35)
    clumps = 1 + 0.08 * smooth_noise(rng, shape, layout.unit * 0.1)
    colour = np.array(style.colour, dtype=np.float32)
    strand = 0.55 + 0.75 * lum
    rgb = colour * (strand * clumps * diffuse)[..., None]
    if style.grey > 0:
        greys = np.clip((lum - (1.0 - 0.8 * style.grey)) * 4, 0, 1)
        grey_rgb = np.array((0.62, 0.6, 0.58), dtype=np.float32) * diffuse[..., None]
        rgb = rgb * (1 - greys[..., None]) + grey_rgb * greys[..., None]
    shine = specular(n, light, power=6.0) * (0.35 + 0.65 * lum)
    sheen = 0.22 + 0.25 * float(colour.mean())
    rgb += (shine * sheen)[..., None] * np.array((1.0, 0.95, 0.88), dtype=np.float32)
    # a dense core, a stringy edge: the strands decide coverage near the outline
    core = np.clip((dist - 3) / (layout.unit * 0.05), 0, 1)
    alpha = np.clip(np.maximum(core * mass, cov * 0.95), 0, 1)
    alpha = np.maximum(alpha, ndimage.gaussian_filter(mass, 1.5) * 0.55)
    alpha = np.clip(np.minimum(alpha, ndimage.gaussian_filter(mass, 2.0) * 1.4), 0, 1)
    shadow = ndimage.shift(ndimage.gaussian_filter(alpha, layout.unit * 0.025), (6, 3), order=1)
    behind = np.clip(ndimage.gaussian_filter(whole, 1.0) - alpha, 0, 1)
    return Hair(
        rgb.astype(np.float32),
        alpha.astype(np.float32),
        shadow.astype(np.float32),
        behind.astype(np.float32),
    )
