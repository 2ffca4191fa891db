"""A sign painted in a window of the picture: colour, coverage, relief and wetness.

Its own module so that every sign (lesions.py, ulcer.py) and the limb that lays
them depend on it, and not on each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from safeshare.render.photo.noise import FloatArray

__all__ = ["Paint"]


@dataclass(frozen=True, slots=True)
class Paint:
    """A sign in a window of the picture whose top-left corner is (x, y)."""

    x: int
    y: int
    colour: FloatArray
    alpha: FloatArray
    bump: FloatArray
    wet: FloatArray
    replace: float = 0.0
    """How much the sign replaces the skin's own relief (1 for an open wound)."""
    tint: bool = False
    """Colour is a multiplier of the skin's own colour (pigment in the skin), not a colour."""
