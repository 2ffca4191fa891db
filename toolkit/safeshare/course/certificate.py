"""The CPD certificate: a PDF of what the learner did, made offline with fpdf2.

Page one: who, which modules were completed, the scores and the time spent.
Then the learner's reflections, as written, one module after another: that is
what an appraiser reads. The fonts are the DejaVu faces shipped with
matplotlib (render/fonts.py), so names with accents print and nothing is
downloaded. The same progress and issue date give the same PDF.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from functools import lru_cache
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from safeshare import __version__
from safeshare.atomic import write_bytes_atomic
from safeshare.course.learner import data_dir, learner_code
from safeshare.course.modules import MODULES
from safeshare.course.progress import (
    PROGRESS_FILE,
    Progress,
    parse_time,
    read_progress,
)
from safeshare.course.style import minutes_text, percent
from safeshare.errors import ProgressError
from safeshare.render.fonts import FontName, font_path

__all__ = [
    "COURSE_SUBTITLE",
    "COURSE_TITLE",
    "certificate_pdf",
    "find_progress",
    "write_certificate",
]

COURSE_TITLE = "Sharing clinical images safely"
COURSE_SUBTITLE = (
    "Confidentiality and consent when clinicians share clinical images on social media"
)

_INK = (31, 35, 40)
_MUTED = (87, 96, 106)
_ACCENT = (22, 92, 125)
_RULE = (208, 215, 222)


@lru_cache(maxsize=8)
def _codepoints(name: FontName) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    with TTFont(str(font_path(name)), lazy=True) as face:
        return frozenset(face.getBestCmap())


def _printable(text: str, face: FontName = "sans") -> str:
    """Text the font can draw: characters it lacks (emoji...) become '?'."""
    known = _codepoints(face)
    return "".join(ch if ord(ch) in known or ch in "\n\t" else "?" for ch in text)


class _Certificate(FPDF):
    def __init__(self, fingerprint: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.fingerprint = fingerprint
        self.add_font("sans", "", str(font_path("sans")))
        self.add_font("sans", "B", str(font_path("sans-bold")))
        self.add_font("sans", "I", str(font_path("sans-oblique")))
        self.add_font("serif", "", str(font_path("serif")))
        self.add_font("serif", "B", str(font_path("serif-bold")))
        self.set_margins(22, 20, 22)
        self.set_auto_page_break(auto=True, margin=22)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("sans", "", 7.5)
        self.set_text_color(*_MUTED)
        self.cell(
            0,
            4,
            f"safeshare {__version__} · record {self.fingerprint} · page {self.page_no()}",
            align="C",
        )


def _fingerprint(progress: Progress) -> str:
    text = json.dumps(progress.to_dict(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _line(
    pdf: FPDF,
    text: str,
    *,
    size: float,
    style: str = "",
    family: str = "sans",
    colour: tuple[int, int, int] = _INK,
    height: float | None = None,
    align: str = "C",
) -> None:
    face: FontName = "serif" if family == "serif" else "sans"
    pdf.set_font(family, style, size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(
        0,
        height or size * 0.5,
        _printable(text, face),
        align=align,
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )


def _rule(pdf: FPDF, *, gap: float = 4) -> None:
    pdf.ln(gap)
    pdf.set_draw_color(*_RULE)
    pdf.set_line_width(0.3)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(gap)


def _date(text: str) -> str:
    return parse_time(text).strftime("%d %b %Y") if text else "-"


def _front_page(pdf: _Certificate, progress: Progress, issued: dt.date) -> None:
    pdf.add_page()
    pdf.set_fill_color(*_ACCENT)
    pdf.rect(0, 0, pdf.w, 6, style="F")
    pdf.ln(10)
    pdf.set_char_spacing(1.2)
    _line(
        pdf, "CERTIFICATE OF CONTINUING PROFESSIONAL DEVELOPMENT", size=9, style="B", colour=_ACCENT
    )
    pdf.set_char_spacing(0)
    pdf.ln(6)
    _line(pdf, COURSE_TITLE, size=24, style="B", family="serif", height=11)
    _line(pdf, COURSE_SUBTITLE, size=10.5, colour=_MUTED, height=6)
    pdf.ln(10)
    _line(pdf, "This records that", size=10.5, colour=_MUTED)
    pdf.ln(2)
    _line(pdf, progress.learner.name, size=22, style="B", family="serif", height=11)
    pdf.ln(2)
    done = [m for m in MODULES if (r := progress.modules.get(m.id)) and r.completed_at]
    _line(
        pdf,
        f"completed {len(done)} of {len(MODULES)} modules of this self-paced course, "
        f"with {minutes_text(progress.seconds_spent())} of recorded activity.",
        size=10.5,
        colour=_MUTED,
        height=6,
    )
    _rule(pdf, gap=6)
    _module_table(pdf, progress)
    pdf.ln(5)
    _line(
        pdf,
        "Exercises: the best score on each case, averaged over the cases checked. Self-check: "
        "questions right at the first attempt. Time: the gaps between recorded actions, each "
        "counted up to 10 minutes, so an idle page does not inflate it.",
        size=8,
        colour=_MUTED,
        height=4,
        align="L",
    )
    pdf.ln(6)
    _line(pdf, f"Issued {issued:%d %B %Y}", size=10, style="B", align="L")
    _line(
        pdf,
        "The holder may record this as self-directed learning in their CPD portfolio, under "
        "the rules of their own college or regulator. It records activity in a self-paced "
        "course, not an accredited assessment. Every case in the course is fictional.",
        size=8.5,
        colour=_MUTED,
        height=4.5,
        align="L",
    )
    _signature_lines(pdf)


def _signature_lines(pdf: FPDF) -> None:
    """Two lines for a facilitator to sign when the course was taken in a session."""
    y = pdf.h - 48
    if pdf.get_y() > y - 4:
        return
    width = (pdf.w - pdf.l_margin - pdf.r_margin - 12) / 2
    pdf.set_draw_color(*_MUTED)
    pdf.set_line_width(0.25)
    pdf.set_font("sans", "", 8)
    pdf.set_text_color(*_MUTED)
    for i, label in enumerate(("Facilitator (if taken in a session)", "Date")):
        x = pdf.l_margin + i * (width + 12)
        pdf.line(x, y, x + width, y)
        pdf.set_xy(x, y + 1.5)
        pdf.cell(width, 4, label)


def _module_table(pdf: FPDF, progress: Progress) -> None:
    pdf.set_font("sans", "", 9)
    pdf.set_text_color(*_INK)
    pdf.set_draw_color(*_RULE)
    pdf.set_fill_color(255, 255, 255)
    with pdf.table(
        col_widths=(70, 27, 25, 25, 19),
        text_align=("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT"),
        line_height=6.2,
        borders_layout="HORIZONTAL_LINES",
        headings_style=_heading_style(),
    ) as table:
        table.row(["Module", "Completed", "Exercises", "Self-check", "Time"])
        for mod in MODULES:
            record = progress.modules.get(mod.id)
            if record is None or not record.events:
                cells = [f"{mod.id}  {mod.title}", "not started", "-", "-", "-"]
            else:
                cells = [
                    f"{mod.id}  {mod.title}",
                    _date(record.completed_at) if record.completed_at else "in progress",
                    percent(record.exercise_score()) if mod.cases else "n/a",
                    percent(record.quiz_score()),
                    minutes_text(record.seconds_spent()),
                ]
            table.row([_printable(c) for c in cells])


def _heading_style() -> object:
    from fpdf.fonts import FontFace

    return FontFace(family="sans", emphasis="BOLD", color=_ACCENT, fill_color=(240, 244, 247))


def _reflections(pdf: _Certificate, progress: Progress) -> None:
    written = [
        (m, r) for m in MODULES if (r := progress.modules.get(m.id)) and r.reflection.strip()
    ]
    pdf.add_page()
    _line(pdf, "Reflections", size=18, style="B", family="serif", height=9, align="L")
    _line(
        pdf,
        f"In {progress.learner.name}'s own words, as saved in the course.",
        size=9.5,
        colour=_MUTED,
        height=5,
        align="L",
    )
    _rule(pdf)
    if not written:
        _line(pdf, "No reflection was saved.", size=10, style="I", colour=_MUTED, align="L")
        return
    for mod, record in written:
        if pdf.get_y() > pdf.h - 60:
            pdf.add_page()
        _line(
            pdf, f"{mod.id}  {mod.title}", size=11.5, style="B", colour=_ACCENT, height=6, align="L"
        )
        _line(pdf, mod.reflection_prompt, size=9, style="I", colour=_MUTED, height=4.6, align="L")
        pdf.ln(1.5)
        _line(pdf, record.reflection, size=10, height=5.2, align="L")
        _line(
            pdf,
            f"Saved {_date(record.reflection_at)}",
            size=8,
            colour=_MUTED,
            height=4.5,
            align="L",
        )
        pdf.ln(4)


def certificate_pdf(progress: Progress, *, issued: dt.date | None = None) -> bytes:
    """The certificate as PDF bytes. ProgressError when the learner has done nothing yet."""
    if progress.is_empty():
        raise ProgressError(
            f"no progress yet for {progress.learner.name!r}: open the course and give this "
            "name first"
        )
    day = issued or dt.date.today()
    pdf = _Certificate(_fingerprint(progress))
    moment = dt.datetime(day.year, day.month, day.day, 12, 0, tzinfo=dt.UTC)
    pdf.set_creation_date(moment)
    pdf.set_title(f"CPD certificate: {COURSE_TITLE}")
    pdf.set_author(progress.learner.name)
    pdf.set_creator(f"safeshare {__version__}")
    pdf.set_producer(f"safeshare {__version__}")
    pdf.set_lang("en-GB")
    _front_page(pdf, progress, day)
    _reflections(pdf, progress)
    return bytes(pdf.output())


def find_progress(name: str, progress_dir: Path | None = None) -> Progress:
    """The progress of the learner with this name or code.

    `progress_dir` may be the data folder (holding learners/), the learners/
    folder, or the learner's own folder; default: the course's data folder.
    """
    code = learner_code(name)
    root = progress_dir if progress_dir is not None else data_dir()
    candidates = [
        root / PROGRESS_FILE,
        root / code / PROGRESS_FILE,
        root / "learners" / code / PROGRESS_FILE,
    ]
    for path in candidates:
        if path.is_file():
            progress = read_progress(path)
            if progress.learner.code != code:
                continue
            return progress
    raise ProgressError(
        f"no progress yet for {name!r} (looked for learners/{code}/{PROGRESS_FILE}): open the "
        "course, give this name, and work at least one module",
        source=root,
    )


def write_certificate(progress: Progress, out: Path, *, issued: dt.date | None = None) -> Path:
    """Write the certificate PDF to `out` (folders created) and return the path."""
    return write_bytes_atomic(out, certificate_pdf(progress, issued=issued))
