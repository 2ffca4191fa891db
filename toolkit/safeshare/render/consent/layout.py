"""The written (or verbally given) consent form for clinical photography, section by section.

The printed wording names each element a social-media consent needs (the
uses, the named platforms, public visibility, loss of control, freedom to
refuse, capacity, who signs), and the pen shows which were ticked: a blank
box is a gap the learner can find. The rule for gaps is taxonomy/consent.py.
"""

from __future__ import annotations

import datetime as dt
import random

from PIL import Image

from safeshare.model.facts import Facts
from safeshare.render.consent.ink import INK, signature, stamp
from safeshare.render.consent.sheet import BLUE, MUTED, Sheet, TickBox, spaced_nhs
from safeshare.render.fonts import FontName
from safeshare.taxonomy.consent import Capacity, ConsentForm, ConsentRecord, PatientStatus, Purpose

__all__ = ["WIDTH", "consent_date", "draw_form", "signer_name"]

WIDTH = 900
"""Width of the sheet at 1x, before the desk border."""

_PURPOSES = [
    (
        Purpose.RECORDS,
        "My health records",
        "Seen only by the staff caring for me.",
    ),
    (
        Purpose.TEACHING,
        "Teaching of healthcare professionals and students",
        "In lectures and training sessions; not published, not posted online.",
    ),
    (
        Purpose.JOURNAL,
        "Publication in a medical journal or textbook",
        "Printed and online editions; read mainly by health professionals.",
    ),
    (
        Purpose.SOCIAL_MEDIA,
        "Social media: public posts by the clinical team",
        "Only on the platforms named below.",
    ),
]
_SIGNERS = [
    ("patient", "Patient"),
    ("parent", "Parent / person with parental responsibility"),
    ("guardian", "Legal guardian"),
    ("next of kin", "Next of kin / relative"),
]


def consent_date(record: ConsentRecord, facts: Facts) -> str:
    """The date written on the form: the record's, else the procedure's plus the fact
    `consent.delay_days` (consent taken days after the recording, e.g. after recovery)."""
    if record.date:
        return record.date
    delay = int(facts.get("consent.delay_days") or 0)
    return f"{facts.procedure_at.date() + dt.timedelta(days=delay):%d/%m/%Y}"


def signer_name(record: ConsentRecord, facts: Facts) -> str:
    """Who signed, by name: the patient, or a relative with the patient's family name.

    The relative's given name is the fact `consent.signer_given` if a spec sets it
    (to match 'older sister', say), else `relative.given`.
    """
    if record.consented_by == "patient":
        return facts["patient.full_name"]
    given = facts.get("consent.signer_given") or facts["relative.given"]
    return f"{given} {facts['patient.family']}"


def _header(sheet: Sheet, facts: Facts, *, verbal: bool) -> None:
    u = sheet.u
    sheet.draw.rectangle((0, 0, u(sheet.width), u(74)), fill=BLUE)
    sheet.text(
        (sheet.margin, 14), facts["hospital.name"], face="sans-bold", size=21, fill=(255, 255, 255)
    )
    sheet.text(
        (sheet.margin, 44),
        "Medical Illustration and Clinical Photography",
        size=13,
        fill=(215, 228, 244),
    )
    code = "MI-4V" if verbal else "MI-4"
    sheet.draw.rectangle((u(sheet.right - 150), u(16), u(sheet.right), u(58)), fill=(255, 255, 255))
    sheet.text((sheet.right - 140, 20), f"Form {code}", face="sans-bold", size=14, fill=BLUE)
    sheet.text((sheet.right - 140, 38), "Version 4.2  03/2023", size=11, fill=MUTED)
    sheet.y = 92
    title = (
        "Record of verbal consent for clinical photography and recordings"
        if verbal
        else "Consent for clinical photography and recordings"
    )
    sheet.paragraph(
        sheet.margin, title, width=sheet.right - sheet.margin, face="sans-bold", size=22, line=30
    )
    sheet.paragraph(
        sheet.margin,
        "Go through each section with the person giving consent. Tick only the uses and "
        "statements they agree to; leave a box blank if they do not agree or it was not discussed.",
        width=sheet.right - sheet.margin,
        size=12,
        fill=MUTED,
        line=17,
    )


def _label(sheet: Sheet, facts: Facts, x: float, y: float) -> None:
    """The printed patient label stuck on the form."""
    u = sheet.u
    w, h = 330, 96
    sheet.draw.rectangle((u(x + 2), u(y + 3), u(x + w + 2), u(y + h + 3)), fill=(215, 218, 222))
    sheet.draw.rectangle(
        (u(x), u(y), u(x + w), u(y + h)), fill=(253, 252, 246), outline=(190, 190, 180)
    )
    rows: list[tuple[str, FontName]] = [
        (facts["patient.overlay_name"], "mono-bold"),
        (f"DOB {facts['patient.dob']}   {facts['patient.sex']}", "mono"),
        (f"Hosp No {facts['patient.hospital_number']}", "mono"),
        (f"NHS No  {spaced_nhs(facts['patient.nhs_number'])}", "mono"),
    ]
    for i, (row, face) in enumerate(rows):
        sheet.text((x + 12, y + 10 + i * 20), row, face=face, size=13, fill=(30, 30, 30))


def _patient(sheet: Sheet, record: ConsentRecord, facts: Facts) -> None:
    sheet.section("1", "Patient details")
    top = sheet.y
    _label(sheet, facts, sheet.right - 330, top)
    left_w = sheet.right - 330 - sheet.margin - 24
    sheet.entry(sheet.margin + 8, "Patient name", facts["patient.full_name"], width=left_w)
    sheet.y += 30
    sheet.entry(sheet.margin + 8, "Date of birth", facts["patient.dob"], width=left_w)
    sheet.y += 34
    sheet.text((sheet.margin + 8, sheet.y), "Patient is:", size=12, fill=MUTED)
    # a patient who signed in life was an adult when the form was filled in;
    # the death is annotated in red afterwards, as a records officer would
    signed_in_life = (
        record.patient_status is PatientStatus.DECEASED and record.consented_by == "patient"
    )
    status_then = PatientStatus.ADULT if signed_in_life else record.patient_status
    x: float = sheet.margin + 80
    for status, text in [
        (PatientStatus.ADULT, "An adult"),
        (PatientStatus.CHILD, "A child (under 16)"),
        (PatientStatus.DECEASED, "Deceased"),
    ]:
        sheet.tick(f"status.{status.value}", x, sheet.y, ticked=status_then is status)
        x += 24 + sheet.text((x + 22, sheet.y), text, size=12.5) + 14
    if signed_in_life:
        sheet.text(
            (sheet.margin + 8, sheet.y + 26),
            "Patient since deceased: see notes",
            face="sans-oblique",
            size=14,
            fill=(170, 30, 35),
        )
        sheet.y += 24
    sheet.y = max(sheet.y + 28, top + 104)


def _recording(sheet: Sheet, facts: Facts) -> None:
    sheet.section("2", "The recording")
    what = facts.get("consent.recording") or "Clinical images taken during my care"
    width = sheet.right - sheet.margin - 8
    sheet.entry(sheet.margin + 8, "Description", what, width=width * 0.66)
    sheet.entry(
        sheet.margin + 16 + width * 0.66,
        "Date taken",
        facts["procedure.date"],
        width=width * 0.34 - 8,
    )
    sheet.y += 36


def _uses(sheet: Sheet, record: ConsentRecord) -> None:
    sheet.section("3", "I agree that the recording may be used for:")
    for purpose, label, note in _PURPOSES:
        sheet.tick_row(
            f"purpose.{purpose.value}", label, ticked=purpose in record.purposes, note=note
        )
    platforms = ", ".join(record.platforms)
    sheet.entry(
        sheet.margin + 34, "Named platforms", platforms, width=sheet.right - sheet.margin - 34
    )
    sheet.y += 34


def _explained(sheet: Sheet, record: ConsentRecord) -> None:
    sheet.section("4", "I understand that:")
    sheet.tick_row(
        "explained.public_visibility",
        "A post on social media can be seen by anyone, anywhere in the world, "
        "not only by health professionals.",
        ticked=record.public_visibility_explained,
    )
    sheet.tick_row(
        "explained.loss_of_control",
        "Once an image has been shared online it cannot be fully withdrawn or deleted: "
        "others may copy, keep and re-share it.",
        ticked=record.loss_of_control_explained,
    )
    sheet.tick_row(
        "voluntary",
        "My agreement is my own free choice. Saying no, or changing my mind later, "
        "will not affect my care.",
        ticked=record.voluntary,
    )


def _capacity(sheet: Sheet, record: ConsentRecord) -> None:
    sheet.section("5", "Capacity (completed by the health professional)")
    sheet.tick_row(
        "capacity.has",
        "I have assessed the patient's capacity: they understand, retain and weigh this "
        "information and can communicate their decision (Mental Capacity Act 2005).",
        ticked=record.capacity is Capacity.ASSESSED,
    )
    sheet.tick_row(
        "capacity.lacks",
        "The patient lacks capacity to make this decision at this time (record the reason below).",
        ticked=record.capacity is Capacity.LACKING,
    )


def _signatures(sheet: Sheet, record: ConsentRecord, facts: Facts, *, verbal: bool) -> None:
    sheet.section("6", "Verbal consent given by" if verbal else "Signature")
    sheet.text((sheet.margin + 8, sheet.y), "Consent given by:", size=12, fill=MUTED)
    x: float = sheet.margin + 132
    known = {key for key, _ in _SIGNERS}
    for key, text in _SIGNERS:
        sheet.tick(f"signer.{key}", x, sheet.y, ticked=record.consented_by == key)
        x += 24 + sheet.text((x + 22, sheet.y), text, size=12) + 14
        if x > sheet.right - 140:
            x = sheet.margin + 132
            sheet.y += 24
    other = "" if record.consented_by in known else record.consented_by
    sheet.tick("signer.other", x, sheet.y, ticked=bool(other))
    sheet.entry(x + 22, "Other:", other, width=sheet.right - x - 22, y=sheet.y - 4)
    sheet.y += 34
    half = (sheet.right - sheet.margin - 24) / 2
    left, right = sheet.margin + 8, sheet.margin + 24 + half
    top = sheet.y
    if verbal:
        _verbal_box(sheet, facts, left, top, half)
    else:
        sheet.text((left, top), "Signature", size=12, fill=MUTED)
        signature(
            sheet.draw,
            (sheet.u(left + 70), sheet.u(top - 12), sheet.u(half - 90), sheet.u(44)),
            rng=sheet.rng,
            scale=sheet.scale,
        )
        sheet.draw.line(
            (sheet.u(left + 66), sheet.u(top + 26), sheet.u(left + half), sheet.u(top + 26)),
            fill=(170, 178, 188),
        )
    sheet.y = top + 40
    sheet.entry(left, "Print name", "" if verbal else signer_name(record, facts), width=half)
    sheet.entry(right, "Date", consent_date(record, facts), width=half, y=top + 40)
    sheet.y += 36
    sheet.text((left, sheet.y), "Health professional", size=12, fill=MUTED)
    signature(
        sheet.draw,
        (sheet.u(left + 130), sheet.u(sheet.y - 12), sheet.u(half - 150), sheet.u(40)),
        rng=sheet.rng,
        scale=sheet.scale,
    )
    sheet.entry(
        right,
        "Name and role",
        f"{facts['clinician.name']}, {facts.get('clinician.role') or 'consultant'}",
        width=half,
    )
    sheet.y += 40


def _verbal_box(sheet: Sheet, facts: Facts, x: float, y: float, width: float) -> None:
    u = sheet.u
    sheet.draw.rectangle(
        (u(x), u(y - 6), u(x + width), u(y + 30)), fill=(255, 246, 214), outline=(200, 160, 60)
    )
    sheet.text((x + 10, y - 1), "VERBAL CONSENT ONLY", face="sans-bold", size=13, fill=(140, 90, 0))
    sheet.text((x + 10, y + 14), "Not signed by the patient", size=11, fill=(140, 90, 0))


def _notes(sheet: Sheet, record: ConsentRecord, facts: Facts, withdrawn_on: str) -> None:
    sheet.section("7", "Notes")
    u = sheet.u
    top = sheet.y
    text = record.notes or ""
    if record.withdrawn:
        head = (
            f"{withdrawn_on}: CONSENT WITHDRAWN by the {record.consented_by}. "
            "Do not use the recording for any purpose beyond the health record. "
        )
        text = head + text
    sheet.y += 10
    sheet.paragraph(
        sheet.margin + 14,
        text,
        width=sheet.right - sheet.margin - 28,
        face="sans-oblique",
        size=14,
        fill=(170, 30, 35) if record.withdrawn else INK,
        line=21,
    )
    sheet.y = max(sheet.y + 8, top + 70)
    sheet.draw.rectangle(
        (u(sheet.margin), u(top), u(sheet.right), u(sheet.y)), outline=(150, 158, 168), width=u(1)
    )
    sheet.y += 14
    sheet.text(
        (sheet.margin, sheet.y),
        "Keep this form in the patient's record. Consent may be withdrawn at any time.",
        size=11,
        fill=MUTED,
    )
    sheet.y += 14


def _withdrawal_date(facts: Facts, rng: random.Random) -> str:
    """A withdrawal comes after the post went up: within a few days of it."""
    return f"{facts.posted_at.date() + dt.timedelta(days=rng.randrange(0, 4)):%d/%m/%Y}"


def draw_form(
    record: ConsentRecord, facts: Facts, rng: random.Random, *, scale: int
) -> tuple[Image.Image, dict[str, TickBox]]:
    """Draw the form for a written or verbal record; returns the image and its tick boxes."""
    if record.form is ConsentForm.NONE:
        raise ValueError("draw_form needs a written or verbal record")
    verbal = record.form is ConsentForm.VERBAL
    sheet = Sheet(WIDTH, 2600, scale, rng)
    _header(sheet, facts, verbal=verbal)
    _patient(sheet, record, facts)
    _recording(sheet, facts)
    uses_top = sheet.y
    _uses(sheet, record)
    _explained(sheet, record)
    _capacity(sheet, record)
    _signatures(sheet, record, facts, verbal=verbal)
    withdrawn_on = _withdrawal_date(facts, rng)
    _notes(sheet, record, facts, withdrawn_on)
    if record.withdrawn:
        centre = (sheet.u(WIDTH / 2), sheet.u((uses_top + sheet.y) / 2))
        stamp(sheet.image, "WITHDRAWN", centre, size=sheet.u(70), angle=rng.uniform(12, 20))
    return sheet.finish(), sheet.offset_boxes()
