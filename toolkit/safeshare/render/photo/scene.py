"""A photo being composed: its pixels, its focus, and what identifies in it.

Scene builders (limbs, face, theatre, slide) work on a Scene; props record
their boxes on it as they are placed; the clinical_photo renderer develops the
pixels and copies the marks into the key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from safeshare.render.drawing import BoxTuple
from safeshare.render.photo.body import Shape, lambert_shading
from safeshare.render.photo.camera import specular
from safeshare.render.photo.noise import FloatArray
from safeshare.render.photo.skin import SkinSurface

__all__ = ["Mark", "RngFor", "Scene", "shade_skin"]

RngFor = Callable[[str], np.random.Generator]
"""A random stream per named part of the picture."""


@dataclass(frozen=True, slots=True)
class Mark:
    """An identifier drawn in the scene."""

    category: str
    box: BoxTuple
    evidence: str


@dataclass(slots=True)
class Scene:
    """Pixels in 0..1 (H, W, 3), a defocus map (0 sharp .. 1 most blurred), marks and decoys."""

    rgb: FloatArray
    depth: FloatArray
    marks: list[Mark] = field(default_factory=list)
    decoys: list[tuple[BoxTuple, str]] = field(default_factory=list)
    edits: list[tuple[list[tuple[float, float]], tuple[int, int, int]]] = field(
        default_factory=list
    )
    """Filled polygons painted on the developed photo (an editor's black bar, after the camera)."""

    @property
    def shape(self) -> tuple[int, int]:
        h, w = self.depth.shape
        return (int(h), int(w))

    def mark(self, category: str, box: BoxTuple | None, evidence: str) -> None:
        """Record an identifier (a box that fell outside the picture is not recorded)."""
        if box is not None:
            self.marks.append(Mark(category, box, evidence))

    def decoy(self, box: BoxTuple | None, explanation: str) -> None:
        if box is not None:
            self.decoys.append((box, explanation))


def shade_skin(
    shape: Shape,
    skin: SkinSurface,
    wet: FloatArray,
    *,
    light: tuple[float, float, float],
    hair: FloatArray | None = None,
    hair_colour: tuple[float, float, float] = (0.18, 0.12, 0.08),
    relief_gain: float = 0.6,
) -> FloatArray:
    """Lit skin colour (H, W, 3): wrap-around diffuse, a broad sheen, wet highlights."""
    lit_shape = Shape(shape.height + relief_gain * skin.relief, shape.mask, shape.across)
    normals = lit_shape.normals()
    diffuse = lambert_shading(normals, light, wrap=0.45, ambient=0.22)
    # light scattered under the skin reddens the shadows a little
    rgb = skin.albedo * diffuse[..., None]
    rgb += (1.0 - diffuse)[..., None] * skin.albedo * np.array([0.10, 0.025, 0.0], dtype=np.float32)
    broad = specular(normals, light, power=18.0) * (0.05 + 0.10 * skin.sheen)
    sharp = specular(normals, light, power=90.0) * 0.75 * wet
    rgb += (broad + sharp)[..., None] * np.array([1.0, 0.98, 0.95], dtype=np.float32)
    if hair is not None:
        a = np.clip(hair * 0.8, 0, 1)[..., None]
        hair_rgb = np.array(hair_colour, dtype=np.float32) * (0.6 + 0.6 * diffuse[..., None])
        rgb = rgb * (1 - a) + hair_rgb * a
    out: FloatArray = rgb.astype(np.float32)
    return out
