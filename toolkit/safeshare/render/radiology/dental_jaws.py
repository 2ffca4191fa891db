"""The bones and air spaces of a dental panoramic, as a density map (teeth excluded).

A panoramic unrolls the jaws onto a flat film: the mandible becomes a broad
smile with a ramus and condyle at each end; above the teeth lie the maxilla,
the hard palate, the maxillary sinuses, the nasal cavity and the zygomatic
arches. The rotating tube also throws ghosts: the opposite ramus, the
cervical spine, the hyoid. The air between tongue and palate, and the
pharyngeal airway, show as dark bands. Coordinates: u across (-1..1), v down
(0..1); the side of the face is `su` = |u|.
"""

from __future__ import annotations

import random

import numpy as np
from PIL import Image, ImageDraw

from safeshare.render.radiology.filters import blur

__all__ = ["Jaws", "jaws"]

Point = tuple[float, float]

# One half of the mandible outline (su, v), from the chin's lower border round the
# angle, up the ramus to the condyle, over the sigmoid notch and the coronoid,
# down the anterior ramus to the alveolar crest behind the last molar.
_MANDIBLE_HALF: list[Point] = [
    (0.0, 0.94),
    (0.2, 0.925),
    (0.42, 0.885),
    (0.6, 0.83),
    (0.7, 0.8),
    (0.77, 0.77),
    (0.815, 0.71),
    (0.835, 0.6),
    (0.845, 0.47),
    (0.85, 0.4),
    (0.84, 0.34),
    (0.845, 0.29),
    (0.87, 0.265),
    (0.9, 0.275),
    (0.905, 0.305),
    (0.885, 0.335),
    (0.86, 0.355),
    (0.835, 0.38),
    (0.8, 0.39),
    (0.765, 0.37),
    (0.735, 0.33),
    (0.715, 0.345),
    (0.7, 0.42),
    (0.69, 0.52),
    (0.66, 0.59),
    (0.6, 0.612),
    (0.4, 0.628),
    (0.0, 0.645),
]


def _catmull(points: list[Point], per: int = 12) -> list[Point]:
    """An open Catmull-Rom curve through the points."""
    pts = [points[0], *points, points[-1]]
    out: list[Point] = []
    for i in range(1, len(pts) - 2):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        for k in range(per):
            t = k / per
            t2, t3 = t * t, t * t * t
            out.append(
                (
                    0.5
                    * (
                        2 * p1[0]
                        + (p2[0] - p0[0]) * t
                        + (2 * p0[0] - 5 * p1[0] + 4 * p2[0] - p3[0]) * t2
                        + (3 * p1[0] - p0[0] - 3 * p2[0] + p3[0]) * t3
                    ),
                    0.5
                    * (
                        2 * p1[1]
                        + (p2[1] - p0[1]) * t
                        + (2 * p0[1] - 5 * p1[1] + 4 * p2[1] - p3[1]) * t2
                        + (3 * p1[1] - p0[1] - 3 * p2[1] + p3[1]) * t3
                    ),
                )
            )
    out.append(points[-1])
    return out


class Jaws:
    """The density map and the grid it was drawn on."""

    def __init__(self, density: np.ndarray, mandible: np.ndarray) -> None:
        self.density = density
        self.mandible = mandible


def _polygon(w: int, h: int, points: list[Point]) -> np.ndarray:
    im = Image.new("F", (w, h), 0.0)
    ImageDraw.Draw(im).polygon([((u + 1) / 2 * w, v * h) for u, v in points], fill=1.0)
    return np.asarray(im, dtype=np.float32).copy()


def jaws(width: int, height: int, rng: random.Random, nrng: np.random.Generator) -> Jaws:
    """Bone, soft tissue and air of an adult panoramic, without the teeth."""
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    u = xx / width * 2 - 1
    v = yy / height
    su = np.abs(u)

    def noise(s: float) -> np.ndarray:
        n = blur(nrng.standard_normal((height, width)).astype(np.float32), s)
        return np.asarray(n / (n.std() + 1e-6), dtype=np.float32)

    layers: dict[float, np.ndarray] = {}

    def soft(sigma: float, a: np.ndarray) -> None:
        """Collect a sharp shape to blur: shapes sharing a blur are blurred together."""
        if sigma in layers:
            layers[sigma] += a
        else:
            layers[sigma] = a.astype(np.float32)

    def band(centre: np.ndarray | float, half: float) -> np.ndarray:
        return np.asarray(np.exp(-(((v - centre) / half) ** 2)), dtype=np.float32)

    def span(lo: float, hi: float, soft: float) -> np.ndarray:
        return np.asarray(
            np.clip((su - lo) / soft, 0, 1) * np.clip((hi - su) / soft, 0, 1), dtype=np.float32
        )

    # Soft tissue of the face, cheeks and tongue; thicker toward the bottom.
    density = 0.26 + 0.025 * noise(40) + 0.05 * np.clip((v - 0.55) / 0.4, 0, 1)

    # Mandible: one outline, a thick cortex along the lower border, trabecular bone inside.
    jitter = rng.uniform(-0.012, 0.012)
    half = [(a, b + jitter * (b > 0.7)) for a, b in _MANDIBLE_HALF]
    right = _catmull(half)
    outline = [(-a, b) for a, b in right] + [(a, b) for a, b in right[::-1]]
    mandible = blur(_polygon(width, height, outline), 1.5)
    # The alveolar crest is no cortical line: bone thins out between the tooth necks.
    crest_v = 0.6 + 0.035 * np.clip(1 - (u / 0.62) ** 2, 0, 1)
    fade = np.clip((v - crest_v) / 0.05, 0, 1) ** 1.5
    body = np.clip((0.74 - su) / 0.1, 0, 1)
    mandible *= fade * body + (1 - body)
    inner = blur(mandible, 10)
    cortex = np.clip(mandible - inner, 0, None) * (v > crest_v + 0.04)
    lower = np.clip((v - 0.72) / 0.1, 0, 1) + 0.5 * np.clip((su - 0.78) / 0.06, 0, 1) * (v > 0.3)
    trabecular = 0.5 * noise(1.2) + 0.5 * noise(3.0)
    density += mandible * (0.12 + 0.016 * trabecular) + cortex * (0.04 + 0.6 * np.minimum(lower, 1))
    # Mandibular canal from the foramen in the ramus to the mental foramen below the premolars.
    canal = _catmull([(0.8, 0.5), (0.74, 0.66), (0.6, 0.76), (0.42, 0.79), (0.3, 0.78)], 20)
    im = Image.new("F", (width, height), 0.0)
    for side in (-1.0, 1.0):
        pts = [((side * a + 1) / 2 * width, b * height) for a, b in canal]
        ImageDraw.Draw(im).line(pts, fill=1.0, width=int(width * 0.012), joint="curve")
    tube = blur(np.asarray(im, dtype=np.float32), 2.0)
    walls = np.clip(blur(tube, 3.0) - tube, 0, None)
    density += (-0.045 * tube + 0.06 * walls) * mandible

    # Ghost of the opposite ramus, higher and wider, and of the hyoid below the jaw.
    ghost = blur(_polygon(width, height, [(a * 1.02, b * 0.9 - 0.03) for a, b in outline]), 14)
    density += 0.05 * ghost * np.clip((su - 0.6) / 0.1, 0, 1) * (1 - mandible * 0.5)
    hyoid = band(0.955 - 0.04 * su, 0.018) * span(0.12, 0.55, 0.08)
    soft(4, 0.06 * hyoid)
    # Cervical spine: a broad ghost over the front teeth and the real vertebrae at the edges.
    density += 0.075 * np.exp(-((u / 0.13) ** 2)) * np.clip((v - 0.38) / 0.3, 0, 1)
    edge_spine = np.exp(-(((su - 0.985) / 0.045) ** 2)) * np.clip((v - 0.25) / 0.2, 0, 1)
    soft(6, 0.12 * edge_spine * (0.8 + 0.2 * np.sin(v * 40)))

    # Maxilla: alveolar bone round the upper roots, hard palate, zygomatic buttress and arch.
    crest = 0.49 + 0.03 * np.clip(1 - (u / 0.62) ** 2, 0, 1)
    maxilla = blur(((v > 0.3) & (v < crest)).astype(np.float32), 12) * np.clip(
        (0.7 - su) / 0.12, 0, 1
    )
    density += maxilla * (0.1 + 0.012 * trabecular)
    palate = 0.33 + 0.06 * su**2
    density += 0.17 * band(palate, 0.012) * np.clip((0.62 - su) / 0.1, 0, 1)
    # Air between the tongue and the palate, and the soft palate behind.
    tongue_top = palate + 0.03 + 0.05 * np.clip((su - 0.2) / 0.4, 0, 1)
    air = np.clip((v - palate - 0.012) / 0.01, 0, 1) * np.clip((tongue_top - v) / 0.015, 0, 1)
    soft(3, -0.09 * air * np.clip((0.68 - su) / 0.1, 0, 1))
    soft_palate = band(palate + 0.02 + 0.8 * np.clip(su - 0.6, 0, None), 0.02)
    density += 0.04 * soft_palate * span(0.58, 0.75, 0.04)
    # Pharyngeal airway: a dark band crossing each ramus.
    airway_u = 0.64 + 0.12 * np.clip((v - 0.4) / 0.5, 0, 1)
    airway = np.exp(-(((su - airway_u) / 0.03) ** 2)) * np.clip((v - 0.42) / 0.06, 0, 1)
    soft(4, -0.07 * airway * np.clip((0.86 - v) / 0.08, 0, 1))
    wobble = noise(30)
    for side in (-1.0, 1.0):
        s_u = u * side
        # Maxillary sinus: a lobulated dark space with a thin bright wall, its floor dipping.
        wob = 0.01 * wobble
        sinus = ((s_u - 0.42) / 0.22) ** 2 + ((v - 0.255 + wob) / 0.095) ** 2
        soft(3, -0.045 * (sinus < 1))
        soft(1.2, 0.05 * (np.abs(sinus - 1) < 0.06) * (v > 0.16))
        # Zygomatic buttress (an inverted U above the first molar) and the arch.
        but = np.exp(
            -(((np.sqrt(((s_u - 0.5) / 0.06) ** 2 + ((v - 0.34) / 0.1) ** 2) - 1) / 0.18) ** 2)
        )
        soft(2, 0.07 * but * (v < 0.36))
        arch = band(0.235 + 0.08 * (s_u - 0.72) ** 2, 0.018) * np.clip(
            (0.14 - np.abs(s_u - 0.72)) / 0.05, 0, 1
        )
        soft(2, 0.11 * arch)
        eminence = ((s_u - 0.81) / 0.035) ** 2 + ((v - 0.275) / 0.03) ** 2
        soft(3, 0.06 * (eminence < 1))
        # Pterygomaxillary fissure: an inverted teardrop behind the maxilla.
        tear = ((s_u - 0.655) / (0.012 + 0.05 * np.clip((0.36 - v) / 0.2, 0, 1))) ** 2 + (
            (v - 0.27) / 0.08
        ) ** 2
        soft(2, -0.05 * (tear < 1))
        # Infraorbital margins and the inferior turbinates.
        orbit = band(0.06 + 0.35 * (s_u - 0.32) ** 2, 0.01) * np.clip(
            (0.2 - np.abs(s_u - 0.32)) / 0.08, 0, 1
        )
        soft(2, 0.05 * orbit)
        turbinate = ((s_u - 0.075) / 0.06) ** 2 + ((v - 0.27) / 0.035) ** 2
        soft(4, 0.05 * (turbinate < 1))
        # The ear lobe's soft tissue over the condyle.
        lobe = ((s_u - 0.93) / 0.05) ** 2 + ((v - 0.36) / 0.09) ** 2
        soft(8, 0.03 * (lobe < 1))
    nasal = (u / 0.17) ** 2 + ((v - 0.2) / 0.13) ** 2
    soft(8, -0.05 * (nasal < 1))
    density += 0.06 * np.exp(-((u / 0.006) ** 2)) * (v < 0.33) * (v > 0.08)
    for sigma in sorted(layers):
        density += blur(layers[sigma], sigma)
    return Jaws(density.astype(np.float32), mandible)
