"""Fields an educator can mark for filling: each kind, the category it is, and its value.

The values come from the bank's fictional facts (safeshare.model.facts), which
the case's seed chooses: every variant paints another invented patient, and the
same seed always paints the same one.
"""

from __future__ import annotations

from dataclasses import dataclass

from safeshare.model.facts import Facts

__all__ = ["FILL_KINDS", "FillKind", "fill_value", "styled"]


@dataclass(frozen=True, slots=True)
class FillKind:
    category: str
    """The taxonomy category the painted value is recorded under in the key."""
    label: str
    example: str


FILL_KINDS: dict[str, FillKind] = {
    "name": FillKind("patient_name", "the patient's name", "Eleanor Price"),
    "date_of_birth": FillKind("date_of_birth", "a date of birth", "08/12/1954"),
    "hospital_number": FillKind("patient_number", "a hospital number", "RX123456"),
    "nhs_number": FillKind("patient_number", "an NHS number (999 test range)", "999 123 4560"),
    "date": FillKind("date_of_care", "the date of care", "18/10/2024"),
    "place": FillKind("place", "a place (a fictional town)", "Little Hadbury"),
}
"""Kinds of field, by the name a spec and a draft use."""


def fill_value(kind: str, facts: Facts) -> str:
    """The fictional value of this kind in this variant (KeyError for an unknown kind)."""
    if kind == "name":
        return facts["patient.full_name"]
    if kind == "date_of_birth":
        return facts["patient.dob"]
    if kind == "hospital_number":
        return facts["patient.hospital_number"]
    if kind == "nhs_number":
        digits = facts["patient.nhs_number"]
        return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
    if kind == "date":
        return facts["procedure.date"]
    if kind == "place":
        return facts["town"]
    raise KeyError(f"unknown field kind {kind!r}; kinds: {', '.join(FILL_KINDS)}")


def styled(value: str, case: str) -> str:
    """The value in the letter case of the original."""
    if case == "upper":
        return value.upper()
    if case == "title":
        return value.title()
    return value
