"""When no consent was recorded: a snippet of the electronic clinical notes that says so.

The learner looks for a consent form and finds the record of care, the
images filed, and a consent panel that reads 'none recorded'.
"""

from __future__ import annotations

import datetime as dt
import random

from PIL import Image

from safeshare.model.facts import Facts
from safeshare.render.consent.sheet import MUTED, PRINT, Sheet, spaced_nhs
from safeshare.taxonomy.consent import ConsentRecord

__all__ = ["draw_notes"]

_BAR = (52, 73, 94)
_BANNER = (235, 240, 246)
_ALERT = (176, 36, 36)
_WIDTH = 900


def _entry(sheet: Sheet, when: str, who: str, text: str) -> None:
    """One dated entry of the notes: time and author on the left, text on the right."""
    top = sheet.y
    sheet.text((sheet.margin + 8, top), when, face="sans-bold", size=12)
    sheet.text((sheet.margin + 8, top + 17), who, size=11.5, fill=MUTED)
    sheet.y = top
    sheet.paragraph(
        sheet.margin + 200, text, width=sheet.right - sheet.margin - 208, size=13, line=19
    )
    sheet.y = max(sheet.y, top + 36) + 10
    sheet.rule()
    sheet.y += 10


def draw_notes(
    record: ConsentRecord, facts: Facts, rng: random.Random, *, scale: int
) -> Image.Image:
    """Draw the clinical-notes snippet with its 'no consent recorded' panel."""
    sheet = Sheet(_WIDTH, 1800, scale, rng, margin=28)
    u = sheet.u
    sheet.draw.rectangle((0, 0, u(_WIDTH), u(44)), fill=_BAR)
    sheet.text(
        (sheet.margin, 12),
        f"{facts['hospital.name']}  ·  Electronic Patient Record",
        face="sans-bold",
        size=15,
        fill=(255, 255, 255),
    )
    sheet.text((sheet.right - 128, 14), "Clinical notes", size=13, fill=(200, 212, 224))
    sheet.draw.rectangle((0, u(44), u(_WIDTH), u(100)), fill=_BANNER)
    sheet.text((sheet.margin, 54), facts["patient.overlay_name"], face="sans-bold", size=16)
    details = (
        f"DOB {facts['patient.dob']}   ·   Hosp No {facts['patient.hospital_number']}   ·   "
        f"NHS No {spaced_nhs(facts['patient.nhs_number'])}"
    )
    sheet.text((sheet.margin, 76), details, size=12.5, fill=MUTED)
    sheet.y = 116

    sheet.text(
        (sheet.margin, sheet.y), "Consent and preferences", face="sans-bold", size=14, fill=PRINT
    )
    sheet.y += 26
    top = sheet.y
    sheet.draw.rectangle(
        (u(sheet.margin), u(top), u(sheet.right), u(top + 62)),
        fill=(253, 240, 240),
        outline=_ALERT,
        width=u(1),
    )
    sheet.text(
        (sheet.margin + 14, top + 10),
        "Clinical photography / recordings:  NONE RECORDED",
        face="sans-bold",
        size=14,
        fill=_ALERT,
    )
    sheet.text(
        (sheet.margin + 14, top + 34),
        "No consent form on file for any use of images beyond the health record.",
        size=12.5,
        fill=_ALERT,
    )
    sheet.y = top + 80

    sheet.text((sheet.margin, sheet.y), "Notes", face="sans-bold", size=14)
    sheet.y += 26
    sheet.rule()
    sheet.y += 10
    at = dt.datetime.fromisoformat(facts["procedure.iso"])
    what = facts.get("consent.recording") or "Clinical images"
    episode = facts.get("consent.episode") or (
        f"Procedure completed; consent for the procedure on the standard form. {what} captured "
        "and filed to the record."
    )
    _entry(
        sheet,
        f"{at:%d/%m/%Y %H:%M}",
        facts["clinician.name"],
        f"{episode} Photography or publication for any other purpose not discussed.",
    )
    later = at + dt.timedelta(hours=rng.randrange(2, 7), minutes=rng.randrange(60))
    _entry(
        sheet,
        f"{later:%d/%m/%Y %H:%M}",
        "Staff nurse",
        "Observations within normal limits. Plan discussed with the patient; leaflet given.",
    )
    if record.notes:
        note_at = later + dt.timedelta(days=rng.randrange(0, 3), minutes=rng.randrange(30, 300))
        _entry(sheet, f"{note_at:%d/%m/%Y %H:%M}", facts["clinician.name"], record.notes)
    sheet.y += 4
    return sheet.finish()
