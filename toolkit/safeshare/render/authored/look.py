"""How a text field looks: its font family, ink height, colour and letter case.

Measured from the original text when the educator marks a field (see
safeshare.author.measure), stored in the spec, and used by the renderer to
paint each variant's fictional value so that it passes for the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from safeshare.render.authored.fields import ALL_FORMS

__all__ = ["CASES", "FAMILIES", "TextLook", "hex_colour", "parse_colour"]

FAMILIES = ("sans", "sans-bold", "serif", "serif-bold", "mono", "mono-bold")
"""Font families the painter can use (the DejaVu faces shipped with matplotlib)."""
CASES = ("as_is", "upper", "title")
"""Letter case of the painted value: as the bank writes it, all capitals, or Title Case."""
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def parse_colour(text: str) -> tuple[int, int, int]:
    """'#rrggbb' as an RGB tuple (ValueError otherwise)."""
    if not _HEX.match(text):
        raise ValueError(f"colour {text!r} must look like #1a2b3c")
    return (int(text[1:3], 16), int(text[3:5], 16), int(text[5:7], 16))


def hex_colour(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


@dataclass(frozen=True, slots=True, kw_only=True)
class TextLook:
    """The look of a line of text in an image."""

    family: str = "sans"
    """One of FAMILIES."""
    ink_px: int = 14
    """Height in pixels of the original's ink, top of the tallest letter to the lowest."""
    colour: str = "#000000"
    """The text's colour, '#rrggbb'."""
    case: str = "as_is"
    """One of CASES: the original was in capitals, Title Case or as written."""
    form: str = ""
    """How the value is written, as the original was (safeshare.render.authored.fields.FORMS:
    e.g. 'family_comma_given', 'yyyymmdd'); '' for the kind's usual form."""

    def __post_init__(self) -> None:
        if self.family not in FAMILIES:
            raise ValueError(f"font family {self.family!r} is not one of: {', '.join(FAMILIES)}")
        if self.case not in CASES:
            raise ValueError(f"letter case {self.case!r} is not one of: {', '.join(CASES)}")
        if not 4 <= self.ink_px <= 400:
            raise ValueError(f"text height {self.ink_px} must be from 4 to 400 pixels")
        parse_colour(self.colour)
        if self.form and self.form not in ALL_FORMS:
            raise ValueError(f"form {self.form!r} is not one of: {', '.join(sorted(ALL_FORMS))}")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "family": self.family,
            "ink_px": self.ink_px,
            "colour": self.colour,
            "case": self.case,
        }
        if self.form:
            out["form"] = self.form
        return out

    @classmethod
    def from_dict(cls, data: Any) -> TextLook:
        """Strict: a mapping with exactly the known fields (ValueError naming the problem)."""
        if not isinstance(data, dict):
            raise ValueError("look must be a mapping")
        unknown = sorted(set(data) - {"family", "ink_px", "colour", "case", "form"})
        if unknown:
            raise ValueError(f"unknown look field {unknown[0]!r}")
        ink = data.get("ink_px", 14)
        if isinstance(ink, bool) or not isinstance(ink, int):
            raise ValueError("look.ink_px must be a whole number")
        return cls(
            family=str(data.get("family", "sans")),
            ink_px=ink,
            colour=str(data.get("colour", "#000000")),
            case=str(data.get("case", "as_is")),
            form=str(data.get("form", "")),
        )
