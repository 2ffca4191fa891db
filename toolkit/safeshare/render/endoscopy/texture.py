"""What the wall looks like close up: vessels, grain and the wet, uneven surface.

Textures live on the wall itself (around the lumen x along it), so vessels
bend with the folds and shrink with distance like the real thing. Each is a
small stack of channels sampled bilinearly, with a blurred copy for far walls
(where one screen pixel covers many texels).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageDraw, ImageFilter

from safeshare.render.endoscopy.sites import Site

__all__ = ["CHANNELS", "WallTexture", "fractal_noise", "sample", "wall_texture"]

F32 = NDArray[np.float32]
CHANNELS = ("vessels", "deep_vessels", "mottle", "bump_ds", "bump_dz", "grain")
"""Channels of the wall texture, in order."""


def fractal_noise(
    rng: np.random.Generator, shape: tuple[int, int], cells: int, octaves: int, gain: float = 0.5
) -> F32:
    """Smooth noise, roughly in -1..1, that wraps around left to right.

    `cells` is the number of noise cells across the width at the coarsest octave.
    """
    h, w = shape
    total = np.zeros(shape, dtype=np.float32)
    amplitude, norm = 1.0, 0.0
    for octave in range(octaves):
        gw = max(2, cells * 2**octave)
        gh = max(2, math.ceil(gw * h / w))
        grid = rng.standard_normal((gh + 4, gw)).astype(np.float32)
        padded = np.concatenate([grid[:, -3:], grid, grid[:, :3]], axis=1)
        scale_x = w / gw
        scale_y = h / gh
        big_w = round((gw + 6) * scale_x)
        big_h = round((gh + 4) * scale_y)
        big = Image.fromarray(padded, mode="F").resize((big_w, big_h), Image.Resampling.BICUBIC)
        arr = np.asarray(big, dtype=np.float32)
        x0 = round(3 * scale_x)
        total += amplitude * arr[:h, x0 : x0 + w]
        norm += amplitude
        amplitude *= gain
    return (total / norm).astype(np.float32)


def _vessel_layer(
    rng: np.random.Generator,
    size: tuple[int, int],
    *,
    trunks: int,
    width: tuple[float, float],
    step: float,
    curl: float,
    branch: float,
    blur: float,
) -> F32:
    """Branching vessels drawn as random walks that fork and thin out."""
    w, h = size
    image = Image.new("L", size, 0)
    draw = ImageDraw.Draw(image)
    stack: list[tuple[float, float, float, float, int]] = []
    for _ in range(trunks):
        stack.append(
            (
                rng.uniform(0, w),
                rng.uniform(0, h),
                rng.uniform(0, 2 * np.pi),
                rng.uniform(*width),
                0,
            )
        )
    segments = 0
    while stack and segments < 60000:
        x, y, angle, thick, depth = stack.pop()
        points = [(x, y)]
        heading = angle
        length = int(rng.integers(50, 150)) >> depth // 2
        for _ in range(length):
            heading += rng.normal(0.0, curl)
            x += step * math.cos(heading)
            y += step * math.sin(heading)
            points.append((x, y))
            thick *= 0.995
            if depth < 6 and rng.random() < branch and thick > 0.8:
                side = 1 if rng.random() < 0.5 else -1
                child = heading + side * rng.uniform(0.5, 1.1)
                stack.append((x, y, child, thick * rng.uniform(0.55, 0.8), depth + 1))
                thick *= 0.88
        segments += len(points)
        level = int(255 * min(1.0, max(0.4, thick / 1.5)))
        line_w = max(1, round(thick))
        for shift in (-w, 0, w):
            shifted = [(px + shift, py) for px, py in points]
            draw.line(shifted, fill=level, width=line_w, joint="curve")
    if blur > 0:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    return np.asarray(
        np.clip(np.asarray(image, dtype=np.float32) / 140.0, 0.0, 1.0), dtype=np.float32
    )


@dataclass(frozen=True, slots=True)
class WallTexture:
    """Channels (H, W, C) on the wall, a 4x smaller blurred copy, and texels per unit of wall."""

    sharp: F32
    blurred: F32
    per_unit: float

    def at(self, x: F32, y: F32, far: F32) -> F32:
        """Samples (m, C) at texel coordinates, towards the blurred copy by `far` (0..1)."""
        near = sample(self.sharp, x, y)
        blurred = sample(
            self.blurred, (x / 4 - 0.375).astype(np.float32), (y / 4 - 0.375).astype(np.float32)
        )
        return near + (blurred - near) * far[:, None]

    @property
    def height(self) -> int:
        return int(self.sharp.shape[0])


def wall_texture(site: Site, rng: np.random.Generator, width: int = 1024) -> WallTexture:
    """Vessels, mottling, surface bumps and grain for one view of a site.

    `width` texels go round the lumen; vessel widths are in texels, so a smaller
    picture takes a narrower texture and its vessels stay as many pixels wide.
    """
    per_unit = width / (2 * np.pi * site.radius)
    # The texture repeats along the lumen every few radii: by the time it repeats,
    # the wall is too far and too dark for anyone to see it.
    height = 4 * round(4.5 * per_unit / 4)
    size = (width, height)
    area = width * height / 1e6
    vessels = _vessel_layer(
        rng,
        size,
        trunks=max(3, round(14 * area * site.vessels)),
        width=(1.5, 5.0),
        step=4.0,
        curl=0.1,
        branch=0.07,
        blur=0.7,
    )
    deep = _vessel_layer(
        rng,
        size,
        trunks=max(2, round(10 * area * site.vessels)),
        width=(4.0, 7.0),
        step=9.0,
        curl=0.18,
        branch=0.05,
        blur=2.2,
    )
    if site.name == "oesophagus":
        # Palisade vessels: fine, parallel, running along the lower oesophagus.
        palisade = _palisade(rng, size, start=round(2.2 * per_unit))
        vessels = np.maximum(vessels * 0.6, palisade)
    mottle = fractal_noise(rng, (height, width), 6, 4)
    # Vessels show through more in some places than others.
    vessels *= np.clip(0.45 + 0.9 * fractal_noise(rng, (height, width), 4, 2), 0.0, 1.0)
    bump = fractal_noise(rng, (height, width), round(70 * max(1.0, site.radius)), 3, 0.45)
    if site.texture == "areae":
        cells = fractal_noise(rng, (height, width), 90, 2, 0.4)
        bump = np.asarray(0.7 * bump + 0.35 * np.abs(cells), dtype=np.float32)
        grain = np.abs(cells)
    elif site.texture == "villi":
        grain = fractal_noise(rng, (height, width), 260, 1)
        bump = 0.6 * bump + 0.6 * grain
    else:
        grain = fractal_noise(rng, (height, width), 140, 2, 0.6)
    gz, gs = np.gradient(bump)
    stack = np.stack([vessels, deep, mottle, gs * per_unit, gz * per_unit, grain], axis=-1)
    stack = stack.astype(np.float32)
    blurred = stack.reshape(height // 4, 4, width // 4, 4, -1).mean(axis=(1, 3))
    return WallTexture(sharp=stack, blurred=blurred, per_unit=float(per_unit))


def _palisade(rng: np.random.Generator, size: tuple[int, int], *, start: int) -> F32:
    w, h = size
    image = Image.new("L", size, 0)
    draw = ImageDraw.Draw(image)
    for _ in range(70):
        x = rng.uniform(0, w)
        y = start + rng.uniform(0, h * 0.25)
        points = []
        for _ in range(int(rng.integers(20, 60))):
            points.append((x, y))
            x += rng.normal(0, 1.2)
            y += 6.0
        draw.line(points, fill=int(rng.integers(140, 230)), width=2)
    image = image.filter(ImageFilter.GaussianBlur(0.8))
    return np.asarray(image, dtype=np.float32) / 255.0


def sample(texture: F32, x: F32, y: F32) -> F32:
    """Bilinear samples (m, C) at texel coordinates, wrapping around both ways."""
    h, w = texture.shape[:2]
    x0f = np.floor(x)
    y0f = np.floor(y)
    fx = (x - x0f)[:, None]
    fy = (y - y0f)[:, None]
    x0 = x0f.astype(np.int64) % w
    y0 = y0f.astype(np.int64) % h
    x1 = (x0 + 1) % w
    y1 = (y0 + 1) % h
    top = texture[y0, x0] * (1 - fx) + texture[y0, x1] * fx
    bottom = texture[y1, x0] * (1 - fx) + texture[y1, x1] * fx
    return np.asarray(top * (1 - fy) + bottom * fy, dtype=np.float32)
