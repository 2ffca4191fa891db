"""Where in the gut the scope is: the shape, folds and colour of each site.

Units are tube radii of the sigmoid colon (about 2 cm). Colours are diffuse
reflectances under the processor's white light: mucosa reflects red most, so
the red channel saturates first near the lens, as on a real monitor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["SITES", "FoldKind", "Site", "site"]

FoldKind = Literal["haustral", "rugae", "circular", "valves", "smooth"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Site:
    """The look of one site of the gut."""

    name: str
    radius: float
    """Lumen radius (sigmoid = 1)."""
    folds: FoldKind
    """haustral (colon rings), rugae (gastric, along the axis), circular (duodenal),
    valves (a few large rectal folds), smooth (oesophagus)."""
    fold_spacing: float
    """Distance between folds along the lumen; for rugae and smooth, the number of
    longitudinal folds round the lumen."""
    fold_height: float
    """How far folds stand into the lumen, as a fraction of the radius."""
    fold_width: float
    """Width of a fold's ridge as a fraction of its spacing."""
    bend: tuple[float, float]
    """Range of the lumen's curvature: the far lumen turns out of view."""
    offset: tuple[float, float]
    """Range of the scope's distance from the lumen axis (fraction of the radius)."""
    albedo: tuple[float, float, float]
    """Diffuse reflectance of the mucosa (red, green, blue)."""
    far_albedo: tuple[float, float, float] | None = None
    """A second mucosa further in (the Z-line of the oesophagus), or None."""
    vessels: float
    """How much of the submucosal vessel network shows (0..1)."""
    texture: Literal["fine", "areae", "villi"] = "fine"
    """Surface grain: fine (colon), areae (gastric), villi (duodenal)."""
    gloss: float = 1.0
    """Strength of the wet specular highlights."""
    triangular: float = 0.0
    """How triangular the lumen is (transverse colon)."""
    closes: tuple[float, float, float] = (0.0, 1.0, 0.0)
    """The far lumen closes (a sphincter, the end of a sac): from z, to z, by how much."""


SITES: dict[str, Site] = {
    s.name: s
    for s in (
        Site(
            name="oesophagus",
            radius=0.85,
            folds="smooth",
            fold_spacing=6,
            fold_height=0.06,
            fold_width=0.5,
            bend=(0.0, 0.015),
            offset=(0.0, 0.25),
            albedo=(0.93, 0.62, 0.55),
            far_albedo=(0.92, 0.36, 0.27),
            closes=(2.8, 5.2, 0.92),
            vessels=0.75,
            gloss=0.75,
        ),
        Site(
            name="stomach",
            radius=2.4,
            folds="rugae",
            fold_spacing=8,
            fold_height=0.11,
            fold_width=0.33,
            bend=(0.05, 0.1),
            closes=(1.5, 5.0, 0.6),
            offset=(0.2, 0.55),
            albedo=(0.92, 0.38, 0.26),
            vessels=0.25,
            texture="areae",
            gloss=0.8,
        ),
        Site(
            name="duodenum",
            radius=0.8,
            folds="circular",
            fold_spacing=0.42,
            fold_height=0.15,
            fold_width=0.3,
            bend=(0.12, 0.22),
            offset=(0.1, 0.35),
            albedo=(0.92, 0.47, 0.35),
            vessels=0.1,
            texture="villi",
            gloss=0.8,
        ),
        Site(
            name="colon",
            radius=1.15,
            folds="haustral",
            fold_spacing=0.9,
            fold_height=0.28,
            fold_width=0.2,
            bend=(0.03, 0.07),
            offset=(0.1, 0.4),
            albedo=(0.93, 0.5, 0.37),
            vessels=0.85,
            triangular=0.12,
        ),
        Site(
            name="sigmoid",
            radius=1.0,
            folds="haustral",
            fold_spacing=0.75,
            fold_height=0.32,
            fold_width=0.2,
            bend=(0.16, 0.3),
            offset=(0.15, 0.45),
            albedo=(0.93, 0.42, 0.3),
            vessels=0.9,
        ),
        Site(
            name="rectum",
            radius=1.5,
            folds="valves",
            fold_spacing=2.2,
            fold_height=0.2,
            fold_width=0.16,
            bend=(0.02, 0.05),
            offset=(0.15, 0.5),
            albedo=(0.92, 0.48, 0.38),
            vessels=1.0,
        ),
    )
}


def site(name: str) -> Site:
    """The site called `name` (ValueError lists the known sites)."""
    try:
        return SITES[name]
    except KeyError:
        raise ValueError(f"unknown site {name!r}; known: {', '.join(SITES)}") from None
