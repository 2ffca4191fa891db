"""A graded item's feedback as the learner reads it after autograde: words and pictures.

For the learner's own variant only: what they found, what they missed (with
why it identifies, the guidance and the remedy, drawn on their image), their
false alarms with why they are not a risk here, the consent gaps and the
decision, as the widget's Check shows them. An item with no usable answer is
shown as a blank answer would be graded, so the learner still sees what was
there to find. Every string is escaped; pictures are embedded (no file, no
network), drawn from the educator's own render of the variant, never from a
file the learner submitted.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from safeshare.assignments.feedback_picture import Outline, draw_outlines
from safeshare.assignments.item_grade import ItemGrade
from safeshare.assignments.pool import render_variants
from safeshare.cases.cache import load_rendered
from safeshare.grade import Answer, Point, Result, grade, parse_answer
from safeshare.grade.feedback_text import format_result_text
from safeshare.model.locations import Box
from safeshare.model.view import CaseView

__all__ = ["ItemFeedback", "item_feedback"]

_STYLE = (
    "<style>.ssfb{font-family:system-ui,sans-serif;line-height:1.45;max-width:60rem}"
    ".ssfb h3{margin:.2rem 0}.ssfb h4{margin:.8rem 0 .2rem}"
    ".ssfb .score{font-weight:700}.ssfb .problem{background:#fff8c5;padding:.4rem .6rem;"
    "border-left:4px solid #9a6700}.ssfb figure{margin:.5rem 0}"
    ".ssfb img{max-width:100%;border:1px solid #d0d7de}.ssfb .found{color:#1a7f37}"
    ".ssfb .partial{color:#bc4c00}.ssfb .missed{color:#cf222e}.ssfb .false_alarm{color:#9a6700}"
    ".ssfb .guidance{color:#57606a;font-size:.9em}.ssfb li{margin:.2rem 0}</style>"
)
_SECTIONS = (
    ("found", "Found"),
    ("partial", "Right place, wrong category"),
    ("missed", "Missed"),
    ("false_alarm", "False alarms"),
    ("repeat", "Marked twice"),
)


@dataclass(frozen=True, slots=True)
class ItemFeedback:
    """The feedback of one item: HTML for the feedback page, plain text for the log."""

    html: str
    text: str


@dataclass(frozen=True, slots=True)
class _Line:
    status: str
    number: int
    message: str
    guidance: tuple[str, ...]
    location: object


def _blank(result_of: ItemGrade) -> Answer:
    return parse_answer(
        {
            "schema": 1,
            "case_id": result_of.variant.case,
            "seed": result_of.variant.index,
            "findings": [],
            "consent_gaps": [],
            "decision": None,
        },
        source="blank answer",
    )


def _result(graded: ItemGrade) -> Result | None:
    if graded.result is not None:
        return graded.result
    if graded.key is None:
        return None
    return grade(graded.key, _blank(graded))


def _lines(result: Result) -> list[_Line]:
    lines: list[_Line] = []
    for f in (*result.found, *result.partial, *result.missed):
        where = f.marked if f.status != "missed" and f.marked is not None else f.location
        lines.append(_Line(f.status, len(lines) + 1, f.message, f.guidance, where))
    for m in (*result.false_alarms, *result.repeats):
        lines.append(_Line(m.status, len(lines) + 1, m.message, (), m.location))
    return lines


def _pictures(view: CaseView, folder: Path, lines: Iterable[_Line]) -> list[str]:
    figures: list[str] = []
    drawn = [line for line in lines if isinstance(line.location, Box | Point)]
    for asset in view.assets:
        if not asset.markable or not asset.image_file:
            continue
        outlines = [
            Outline(line.location, line.status, line.number)  # type: ignore[arg-type]
            for line in drawn
            if getattr(line.location, "asset", None) == asset.id
        ]
        image = folder / asset.image_file
        if not outlines or not image.is_file():
            continue
        data = base64.b64encode(draw_outlines(image, outlines)).decode("ascii")
        caption = asset.caption or asset.type.replace("_", " ")
        figures.append(
            f'<figure><img alt="{html.escape(caption)} with your marks and the key" '
            f'src="data:image/jpeg;base64,{data}"><figcaption>{html.escape(caption)}: '
            "green found, orange right place but wrong category, red dashed missed, "
            "amber false alarm</figcaption></figure>"
        )
    return figures


def _list_html(lines: list[_Line]) -> list[str]:
    parts: list[str] = []
    for status, title in _SECTIONS:
        chosen = [line for line in lines if line.status == status]
        if not chosen:
            continue
        parts.append(f"<h4>{html.escape(title)} ({len(chosen)})</h4><ul>")
        for line in chosen:
            guidance = (
                f'<br><span class="guidance">Guidance: {html.escape("; ".join(line.guidance))}'
                "</span>"
                if line.guidance
                else ""
            )
            parts.append(
                f'<li class="{status}"><b>{line.number}.</b> {html.escape(line.message)}'
                f"{guidance}</li>"
            )
        parts.append("</ul>")
    return parts


def _consent_and_decision(result: Result) -> list[str]:
    parts: list[str] = []
    if result.consent:
        style = {"found": "found", "missed": "missed", "wrong": "false_alarm"}
        parts.append("<h4>Consent</h4><ul>")
        parts += [
            f'<li class="{style[g.status]}">{html.escape(g.message)}</li>' for g in result.consent
        ]
        parts.append("</ul>")
    css = "found" if result.decision.correct else "missed"
    parts.append(f'<h4>Decision</h4><p class="{css}">{html.escape(result.decision.message)}</p>')
    return parts


def item_feedback(graded: ItemGrade) -> ItemFeedback:
    """The learner's feedback on one item of their own variant."""
    item, variant = graded.item, graded.variant
    heading = (
        f"{item.id} · case {variant.case}, your variant {variant.index} · "
        f"{round(graded.points, 2):g} of {item.points:g} points"
    )
    parts = [_STYLE, '<section class="ssfb">', f"<h3>{html.escape(heading)}</h3>"]
    text = [heading]
    if graded.problem:
        parts.append(f'<p class="problem">{html.escape(graded.problem)}</p>')
        text.append(graded.problem)
    result = _result(graded)
    if result is not None:
        folder = render_variants([variant])[0]
        view, _ = load_rendered(folder)
        lines = _lines(result)
        if graded.result is not None:
            parts.append(f'<p class="score">{html.escape(result.summary)}</p>')
        else:
            parts.append("<p>What there was to find in your case:</p>")
        parts += _pictures(view, folder, lines)
        parts += _list_html(lines)
        parts += _consent_and_decision(result)
        text.append(format_result_text(result))
    parts.append("</section>")
    return ItemFeedback(html="".join(parts), text="\n".join(text))
