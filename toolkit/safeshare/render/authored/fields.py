"""Fields an educator can mark for filling: each kind, the category it is, and its value.

The values come from the bank's fictional facts (safeshare.model.facts), which
the case's seed chooses: every variant paints another invented patient, and the
same seed always paints the same one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from safeshare.model.facts import Facts

__all__ = ["ALL_FORMS", "FILL_KINDS", "FORMS", "FillKind", "detect_form", "fill_value", "styled"]


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


FORMS: dict[str, tuple[str, ...]] = {
    "name": ("given_family", "family_comma_given", "family_caret_given"),
    "date_of_birth": ("dd/mm/yyyy", "yyyymmdd", "yyyy-mm-dd", "dd.mm.yyyy", "dd-mm-yyyy"),
    "date": ("dd/mm/yyyy", "yyyymmdd", "yyyy-mm-dd", "dd.mm.yyyy", "dd-mm-yyyy"),
    "nhs_number": ("spaced", "plain"),
}
"""How a value of each kind can be written (the first is the default): as the original was."""
ALL_FORMS = frozenset(form for forms in FORMS.values() for form in forms)


def detect_form(kind: str, text: str) -> str:
    """The form the original text was written in ('' when the kind has one form)."""
    text = text.strip()
    if kind == "name":
        if "^" in text:
            return "family_caret_given"
        return "family_comma_given" if "," in text else "given_family"
    if kind in ("date", "date_of_birth"):
        if re.search(r"\b\d{4}-\d{2}-\d{2}\b", text):
            return "yyyy-mm-dd"
        if re.search(r"\b\d{8}\b", text):
            return "yyyymmdd"
        if re.search(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b", text):
            return "dd.mm.yyyy"
        if re.search(r"\b\d{1,2}-\d{1,2}-\d{4}\b", text):
            return "dd-mm-yyyy"
        return "dd/mm/yyyy"
    if kind == "nhs_number":
        return "plain" if re.search(r"\b\d{10}\b", text) else "spaced"
    return ""


def _date(day: dt.date, form: str) -> str:
    formats = {
        "yyyymmdd": "%Y%m%d",
        "yyyy-mm-dd": "%Y-%m-%d",
        "dd.mm.yyyy": "%d.%m.%Y",
        "dd-mm-yyyy": "%d-%m-%Y",
    }
    return day.strftime(formats.get(form, "%d/%m/%Y"))


def fill_value(kind: str, facts: Facts, form: str = "") -> str:
    """The fictional value of this kind in this variant, written in `form` (KeyError: no kind)."""
    if kind == "name":
        given, family = facts["patient.given"], facts["patient.family"]
        if form == "family_comma_given":
            return f"{family}, {given}"
        if form == "family_caret_given":
            return f"{family}^{given}"
        return f"{given} {family}"
    if kind == "date_of_birth":
        return _date(dt.datetime.strptime(facts["patient.dob"], "%d/%m/%Y").date(), form)
    if kind == "hospital_number":
        return facts["patient.hospital_number"]
    if kind == "nhs_number":
        digits = facts["patient.nhs_number"]
        return digits if form == "plain" else f"{digits[:3]} {digits[3:6]} {digits[6:]}"
    if kind == "date":
        return _date(facts.procedure_at.date(), form)
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
