"""The text a video processor writes beside the endoscopic image on the monitor.

Patient fields (ID, name, sex and age, date of birth), the date and time, the
physician, a free comment and the hospital are identifiers: each is drawn with
draw_text and recorded with its box. The processor's settings (Eh:A5, CVP,
Zm), the scope model and the recording timer look technical and are safe:
they are recorded as decoys, so a learner who marks them learns why not.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from PIL import ImageDraw, ImageFont

from safeshare.render.context import RenderContext
from safeshare.render.drawing import BoxTuple, draw_text, text_box, union
from safeshare.render.fonts import font

__all__ = ["COMMENTS", "MODES", "OVERLAY_PARTS", "Column", "draw_overlay", "draw_timer"]

MODES = ("full", "date_only", "anonymised", "settings_only", "none")
"""full: every field; date_only: the date and the timer; anonymised: fields blanked
by the processor's anonymise setting; settings_only: patient fields and clock switched
off, only settings, scope model and timer; none: the overlay cropped away."""
COMMENTS = ("clinical", "initials_age", "none")
"""What the comment field holds: a clinical note, the patient's initials and age, nothing."""
OVERLAY_PARTS = ("id", "name", "sex_age", "dob", "date", "time", "physician", "comment", "hospital")

_WHITE = (236, 236, 236)
_GREY = (190, 190, 190)
_DIM = (150, 150, 150)
_GREEN = (120, 215, 120)
_DEVICES = (
    ("MEDIVIEW VX-190", "CF-SIM"),
    ("LUMERA EVP-7", "GX-27"),
    ("ENDORA CV-350", "PCX-12"),
    ("OPTIMA SV-900", "EC-41"),
)
_CLINICAL_LOWER = (
    "SIG 25CM POLYP",
    "BCSP SURV",
    "POLYP REMOVED",
    "SCREENING",
    "FOLLOW UP",
    "2WW IDA",
)
_CLINICAL_UPPER = ("OGD", "2WW DYSPHAGIA", "IDA", "VARICEAL SURV", "MELAENA", "FB ?OESOPH")
_LABELS = (
    {"id": "ID:", "name": "Name:", "sex": "Sex:", "age": "Age:", "dob": "D.O.B:"},
    {"id": "Pt ID", "name": "Pt Name", "sex": "Sex", "age": "Age", "dob": "DOB"},
    {"id": "PATIENT ID", "name": "NAME", "sex": "SEX", "age": "AGE", "dob": "BIRTH"},
)
_DATE_FORMATS = ("%d/%m/%Y", "%Y/%m/%d", "%d-%b-%Y", "%d.%m.%Y")


@dataclass(slots=True)
class Column:
    """Where the overlay text goes: a column beside the image, from the top down."""

    x: int
    y: int
    bottom: int
    scale: float
    rng: random.Random
    date_format: str = ""
    """One processor, one date format (for the date of birth and the date of care)."""

    def __post_init__(self) -> None:
        if not self.date_format:
            self.date_format = self.rng.choice(_DATE_FORMATS)

    def px(self, value: float) -> int:
        return round(value * self.scale)

    def font(self, bold: bool = False, size: float = 22) -> ImageFont.FreeTypeFont:
        return font("mono-bold" if bold else "mono", self.px(size))

    def skip(self, lines: float) -> None:
        self.y += self.px(31 * lines)


def _date(at: dt.datetime | dt.date, fmt: str) -> str:
    text = at.strftime(fmt)
    return text.upper() if "%b" in fmt else text


_LABEL = "A field label the processor prints: it names a field, not a patient."


def _label(
    ctx: RenderContext,
    draw: ImageDraw.ImageDraw,
    xy: tuple[int, int],
    text: str,
    fnt: ImageFont.FreeTypeFont,
) -> BoxTuple:
    """Draw a field label and declare it benign text (an OCR reader will find it)."""
    box = draw_text(draw, xy, text, fnt, _GREY)
    ctx.benign_box(box, _LABEL)
    return box


def _field(
    ctx: RenderContext,
    draw: ImageDraw.ImageDraw,
    col: Column,
    label: str,
    value: str,
    value_x: int,
) -> BoxTuple:
    """Draw `label` then `value` on one line; return the value's box."""
    _label(ctx, draw, (col.x, col.y), label, col.font())
    box = draw_text(draw, (value_x, col.y), value, col.font(bold=True), _WHITE)
    col.skip(1)
    return box


def _patient_block(
    ctx: RenderContext, draw: ImageDraw.ImageDraw, col: Column, anonymised: bool
) -> None:
    labels = col.rng.choice(_LABELS)
    fmt = col.date_format
    width = max(text_box(draw, (0, 0), labels[k], col.font())[2] for k in ("id", "name", "dob"))
    value_x = col.x + width + col.px(10)
    facts = ctx.facts
    dob = dt.datetime.strptime(facts["patient.dob"], "%d/%m/%Y")
    if col.rng.random() < 0.5:
        number = facts["patient.nhs_number"]
        number_kind = "NHS number"
    else:
        number = facts["patient.hospital_number"]
        number_kind = "hospital number"
    rows = ["id", "name", "sex_age", "dob"]
    if col.rng.random() < 0.35:
        rows = ["name", "id", "dob", "sex_age"]
    for row in rows:
        if not ctx.present(row):
            continue
        if row == "id":
            if anonymised:
                box = _field(ctx, draw, col, labels["id"], "----------", value_x)
                ctx.decoy_box(box, "The ID was blanked by the processor's anonymise setting.")
            else:
                box = _field(ctx, draw, col, labels["id"], number, value_x)
                ctx.box("patient_number", box, f"{number_kind} {number} in the overlay")
        elif row == "name":
            if anonymised:
                word = col.rng.choice(["ANON", "ANONYMOUS", "ANON^PATIENT"])
                box = _field(ctx, draw, col, labels["name"], word, value_x)
                ctx.decoy_box(box, f"'{word}' is the processor's placeholder, not a name.")
            else:
                name = facts["patient.overlay_name"]
                box = _field(ctx, draw, col, labels["name"], name, value_x)
                ctx.box("patient_name", box, f"patient's name {name} in the overlay")
        elif row == "dob":
            if anonymised:
                blank = "--/--/----"
                box = _field(ctx, draw, col, labels["dob"], blank, value_x)
                ctx.decoy_box(box, "The date of birth was blanked: dashes identify no one.")
            else:
                text = _date(dob, fmt)
                box = _field(ctx, draw, col, labels["dob"], text, value_x)
                ctx.box("date_of_birth", box, f"date of birth {text} in the overlay")
        elif not anonymised:
            sex, age = facts["patient.sex"], facts["patient.age"]
            _label(ctx, draw, (col.x, col.y), labels["sex"], col.font())
            sex_box = draw_text(draw, (value_x, col.y), sex, col.font(bold=True), _WHITE)
            age_x = value_x + col.px(56)
            age_label = _label(ctx, draw, (age_x, col.y), labels["age"], col.font())
            age_box = draw_text(
                draw,
                (age_label[0] + age_label[2] + col.px(4), col.y),
                age,
                col.font(bold=True),
                _WHITE,
            )
            col.skip(1)
            ctx.box(
                "age_or_sex", union(sex_box, age_box), f"sex {sex} and age {age} in the overlay"
            )


def _date_time(
    ctx: RenderContext, draw: ImageDraw.ImageDraw, col: Column, *, with_time: bool
) -> None:
    at = ctx.facts.procedure_at
    fmt = col.date_format
    if ctx.present("date"):
        text = _date(at, fmt)
        box = draw_text(draw, (col.x, col.y), text, col.font(size=23), _WHITE)
        ctx.box("date_of_care", box, f"procedure date {text} in the overlay")
        col.skip(1)
    if with_time and ctx.present("time"):
        text = f"{at:%H:%M:%S}"
        box = draw_text(draw, (col.x, col.y), text, col.font(size=23), _WHITE)
        ctx.box("date_of_care", box, f"procedure time {text} in the overlay")
        col.skip(1)


def _settings(ctx: RenderContext, draw: ImageDraw.ImageDraw, col: Column) -> None:
    rng = col.rng
    lines = [
        f"Eh:{rng.choice('AB')}{rng.randrange(1, 9)}   Ce:{rng.randrange(0, 3)}",
        f"CVP:{rng.randrange(1, 4)}/{rng.randrange(1, 4)} D.F:{rng.randrange(1, 3)}",
        f"Fr:{rng.choice('NS')}    Zm:x{rng.choice(['1.0', '1.0', '1.2', '1.5'])}",
    ]
    boxes = []
    for line in lines:
        boxes.append(draw_text(draw, (col.x, col.y), line, col.font(size=18), _GREY))
        col.skip(0.82)
    ctx.decoy_box(
        union(*boxes),
        "Processor settings (enhancement, colour, zoom) describe the picture, not the patient.",
    )
    col.skip(0.5)
    mode = rng.choice(["WLI", "WLI", "WL", "LCE"])
    box = draw_text(draw, (col.x, col.y), mode, col.font(bold=True, size=22), _GREEN)
    ctx.decoy_box(box, "The light mode (white light or enhanced) is a setting, not an identifier.")
    col.skip(1.4)


def _people(
    ctx: RenderContext,
    draw: ImageDraw.ImageDraw,
    col: Column,
    *,
    comment: str,
    anonymised: bool,
    upper: bool,
) -> None:
    facts = ctx.facts
    label_style = col.rng.random() < 0.5
    if ctx.present("physician"):
        label = "Physician:" if label_style else "Dr:"
        start = _label(ctx, draw, (col.x, col.y), label, col.font(size=19))
        value_x = start[0] + start[2]
        if anonymised:
            col.skip(0.85)
        else:
            name = facts["clinician.overlay"]
            box = draw_text(draw, (value_x, col.y), name, col.font(size=19), _WHITE)
            ctx.box("clinician_identity", box, f"endoscopist {name} in the overlay")
            col.skip(0.85)
    if comment == "none" or not ctx.present("comment"):
        return
    label = "Comment:" if label_style else "Cmt:"
    start = _label(ctx, draw, (col.x, col.y), label, col.font(size=19))
    x = start[0] + start[2]
    if comment == "initials_age":
        initials = facts["patient.initials"]
        box = draw_text(draw, (x, col.y), initials, col.font(size=19), _WHITE)
        ctx.box("patient_name", box, f"initials {initials} in the comment field")
        spacer = text_box(draw, (0, 0), " ", col.font(size=19), pad=0)[2]
        age_sex = facts["patient.age_sex"]
        box = draw_text(draw, (box[0] + box[2] + spacer, col.y), age_sex, col.font(size=19), _WHITE)
        age = int(facts["patient.age"])
        why = "an age over 89 identifies on its own under HIPAA" if age > 89 else "age and sex"
        ctx.box("age_or_sex", box, f"{age_sex} in the comment field: {why}")
    else:
        note = col.rng.choice(_CLINICAL_UPPER if upper else _CLINICAL_LOWER)
        box = draw_text(draw, (x, col.y), note, col.font(size=19), _WHITE)
        ctx.decoy_box(box, "A clinical note (site, indication): it names no one.")
    col.skip(0.85)


def _footer(ctx: RenderContext, draw: ImageDraw.ImageDraw, col: Column, *, hospital: bool) -> None:
    device, scope = col.rng.choice(_DEVICES)
    y = col.bottom - col.px(24)
    box = draw_text(draw, (col.x, y), f"{device}  {scope}", col.font(size=15), _DIM)
    ctx.decoy_box(box, "A processor and scope model is sold by the thousand: it identifies no one.")
    if hospital and ctx.present("hospital"):
        name = ctx.facts["hospital.upper"]
        box = draw_text(draw, (col.x, y - col.px(30)), name, col.font(size=19), _GREY)
        ctx.box("institution", box, f"hospital name {ctx.facts['hospital.name']} in the overlay")


def draw_timer(
    ctx: RenderContext, draw: ImageDraw.ImageDraw, xy: tuple[int, int], scale: float
) -> None:
    """The recording timer with its red dot: elapsed time, not a clock time (a decoy)."""
    rng = ctx.rng("overlay", "timer")
    elapsed = dt.timedelta(seconds=rng.randrange(90, 2400))
    hours, rest = divmod(int(elapsed.total_seconds()), 3600)
    text = f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"
    size = round(19 * scale)
    x, y = xy
    r = max(3, round(6 * scale))
    cy = y + size // 2 + 1
    draw.ellipse((x, cy - r, x + 2 * r, cy + r), fill=(220, 30, 30))
    box = draw_text(draw, (x + 2 * r + round(6 * scale), y), text, font("mono", size), _WHITE)
    ctx.decoy_box(
        union((x, cy - r, 2 * r, 2 * r), box),
        "The recording timer counts time since recording began: not a date or a clock time.",
    )


def draw_overlay(
    ctx: RenderContext,
    draw: ImageDraw.ImageDraw,
    col: Column,
    *,
    mode: str,
    comment: str,
    upper: bool = False,
) -> None:
    """Draw the processor's text in the column and record each field (mode is not 'none').

    `upper` picks clinical notes for an upper GI list rather than a colonoscopy.
    """
    anonymised = mode == "anonymised"
    if mode == "settings_only":
        col.skip(0.3)
        _settings(ctx, draw, col)
        _footer(ctx, draw, col, hospital=False)
        return
    if mode == "date_only":
        col.skip(0.3)
        _date_time(ctx, draw, col, with_time=False)
        col.skip(1.5)
        _settings(ctx, draw, col)
        _footer(ctx, draw, col, hospital=False)
        return
    _patient_block(ctx, draw, col, anonymised)
    col.skip(0.7)
    if not anonymised:
        _date_time(ctx, draw, col, with_time=True)
        col.skip(0.7)
    _settings(ctx, draw, col)
    _people(ctx, draw, col, comment=comment, anonymised=anonymised, upper=upper)
    _footer(ctx, draw, col, hospital=not anonymised)
