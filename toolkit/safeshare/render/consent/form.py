"""The consent record of a case, drawn as the document a learner would find in the notes.

A written or verbal record becomes a hospital 'Consent for clinical
photography and recordings' form, ticked where the patient agreed; no record
becomes a snippet of the clinical notes saying none was recorded. Which
elements are missing is for the learner to find (the rule is
taxonomy/consent.py gaps_in); the form's wording makes each one visible.

Optional facts (set under a spec's `facts:`) shape the wording:
`consent.recording` describes the recording ("Endoscopy images of a sigmoid
polyp"; default "Clinical images taken during my care"), `consent.episode`
replaces the first entry of the clinical notes shown when no consent was
recorded (default: a procedure note), `clinician.role` is the role written
beside the health professional's name (default "consultant"), and
`consent.signer_given` is the given name of a relative who signed (default
the fact `relative.given`), and `consent.delay_days` dates the form that many
days after the recording when the record gives no date.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from safeshare.model.facts import Facts
from safeshare.render.consent.layout import consent_date, draw_form
from safeshare.render.consent.notes import draw_notes
from safeshare.render.consent.sheet import TickBox
from safeshare.taxonomy.consent import ConsentForm, ConsentRecord

__all__ = ["FormDrawing", "TickBox", "as_drawn", "draw_consent_form", "render_consent_form"]

_SCALE = 2
"""Supersampling: drawn at twice the size, scaled down for smooth ink."""


@dataclass(frozen=True, slots=True)
class FormDrawing:
    """A drawn consent record and where its tick boxes are (empty for clinical notes)."""

    image: Image.Image
    tick_boxes: dict[str, TickBox]


def as_drawn(record: ConsentRecord, facts: Facts) -> ConsentRecord:
    """The record as its picture shows it: a form carries the date written on it.

    A spec rarely gives a date, and the form then dates itself from the
    procedure; the text version of the form must say the same date.
    """
    if record.form is ConsentForm.NONE or record.date:
        return record
    return dataclasses.replace(record, date=consent_date(record, facts))


def draw_consent_form(record: ConsentRecord, facts: Facts, *, rng: random.Random) -> FormDrawing:
    """Draw the record in memory: a form for written or verbal consent, notes for none."""
    if record.form is ConsentForm.NONE:
        return FormDrawing(draw_notes(record, facts, rng, scale=_SCALE), {})
    image, boxes = draw_form(record, facts, rng, scale=_SCALE)
    return FormDrawing(image, boxes)


def render_consent_form(
    record: ConsentRecord, facts: Facts, path: Path, *, rng: random.Random
) -> tuple[int, int]:
    """Write the consent record as a PNG at `path`; return its (width, height)."""
    drawing = draw_consent_form(record, facts, rng=rng)
    drawing.image.save(path, format="PNG")
    return drawing.image.size
