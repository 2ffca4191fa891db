"""DICOM PS3.15 Annex E Table E.1-1: every attribute and its Basic Profile action.

The table is not typed here: it is read from the one dicom-anonymizer ships
(`dicomanonymizer.dicom_anonymization_databases`, generated from the standard's
own table and kept up to date with its editions), so the checker follows the
standard as that project tracks it. Repeating groups (curves 50xx, overlays
60xx) come with their masks.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["EDITION", "ProfileTable", "profile_table"]

EDITION = "dicomfields_2026c"
"""The newest edition of Table E.1-1 that dicom-anonymizer 2.1.0 ships."""

_ACTIONS = {
    "D_TAGS": "D",
    "Z_TAGS": "Z",
    "X_TAGS": "X",
    "U_TAGS": "U",
    "Z_D_TAGS": "Z/D",
    "X_Z_TAGS": "X/Z",
    "X_D_TAGS": "X/D",
    "X_Z_D_TAGS": "X/Z/D",
    "X_Z_U_STAR_TAGS": "X/Z/U*",
}
"""dicom-anonymizer's groups and the Table E.1-1a action codes they stand for."""


@dataclass(frozen=True, slots=True)
class ProfileTable:
    """Table E.1-1's Basic Profile column: an action code for each attribute tag."""

    exact: dict[int, str]
    """Tag (as an int, 0xGGGGEEEE) -> action code."""
    masked: tuple[tuple[int, int, str], ...]
    """(value, mask, action) for repeating groups such as (60xx,3000)."""
    edition: str

    def action(self, tag: int) -> str | None:
        """The Basic Profile action for a tag, or None if Table E.1-1 does not list it."""
        found = self.exact.get(tag)
        if found is not None:
            return found
        for value, mask, action in self.masked:
            if tag & mask == value:
                return action
        return None

    def __len__(self) -> int:
        return len(self.exact) + len(self.masked)


@lru_cache(maxsize=1)
def profile_table() -> ProfileTable:
    """Table E.1-1 as dicom-anonymizer ships it."""
    module = importlib.import_module(f"dicomanonymizer.dicom_anonymization_databases.{EDITION}")
    exact: dict[int, str] = {}
    masked: list[tuple[int, int, str]] = []
    for group, action in _ACTIONS.items():
        for entry in getattr(module, group):
            if len(entry) == 2:
                exact[(entry[0] << 16) | entry[1]] = action
            else:
                value = (entry[0] << 16) | entry[1]
                mask = (entry[2] << 16) | entry[3]
                masked.append((value & mask, mask, action))
    return ProfileTable(exact, tuple(masked), EDITION)
