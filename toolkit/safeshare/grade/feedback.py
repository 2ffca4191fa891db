"""What the learner reads: one or two plain sentences per finding, gap and decision.

Messages name what is there and where, say why it matters (the key's
explanation, the guidance, the remedy), and for a false alarm why it is not a
risk here: the key's decoy explanation when the mark lies on a known
look-alike, otherwise a sentence by category and kind of location.
`format_result_text` lays a whole result out for the terminal.
"""

from __future__ import annotations

import re
import textwrap

from safeshare.grade.answer import AnswerFinding, AnswerLocation, Point
from safeshare.grade.matching import location_match, overlaps
from safeshare.grade.result import Result
from safeshare.grade.rubric import DEFAULT_RUBRIC, Rubric
from safeshare.model.key import Decoy, Finding
from safeshare.model.locations import Box, Location, MetaField, Span
from safeshare.taxonomy import CATEGORIES, CONSENT_GAPS, DECISIONS, GUIDANCE, Group

__all__ = [
    "category_label",
    "decision_message",
    "decoy_for",
    "describe_location",
    "false_alarm_explanation",
    "field_name",
    "finding_message",
    "format_result_text",
    "gap_message",
    "guidance_labels",
    "repeat_message",
]

_FIELD_NAMES = {
    "text": "the post's text",
    "alt_text": "the image description (alt text)",
    "location_tag": "the post's location tag",
    "author.display_name": "the author's name",
    "author.handle": "the author's handle",
    "author.bio": "the author's profile",
    "author.location": "the author's location",
    "posted_at": "the post's time",
}
_NUMBERED = re.compile(r"^(replies|thread)\.(\d+)\.(.+)$")


def category_label(category_id: str) -> str:
    """The learner-facing name of a category (the id itself if unknown)."""
    found = CATEGORIES.get(category_id)
    return found.label if found else category_id


def guidance_labels(ids: tuple[str, ...]) -> tuple[str, ...]:
    """Citable labels for guidance ids (an unknown id is shown as it is)."""
    return tuple(GUIDANCE[g].label if g in GUIDANCE else g for g in ids)


def field_name(field: str) -> str:
    """A post field as a learner names it: 'the post's text', 'reply 1', 'earlier post 2 (time)'."""
    if field in _FIELD_NAMES:
        return _FIELD_NAMES[field]
    numbered = _NUMBERED.match(field)
    if numbered:
        kind, index, rest = numbered.groups()
        which = f"reply {int(index) + 1}" if kind == "replies" else f"earlier post {int(index) + 1}"
        extra = {"text": "", "posted_at": " (time)", "author.display_name": " (name)"}
        return which + extra.get(rest, f" ({rest.replace('_', ' ')})")
    return f"the post's {field.replace('_', ' ')}"


def describe_location(location: AnswerLocation | Location) -> str:
    """Where, in words: 'on frame', 'in the author's profile', 'in the GPSInfo field of photo'."""
    if isinstance(location, Box | Point):
        return f"on {location.asset}"
    if isinstance(location, Span):
        return f"in {field_name(location.field)}"
    return f"in the {location.tag} field of {location.asset}"


def _what(finding: Finding) -> str:
    """The finding's evidence and place: a span's evidence is the very words, so quote it."""
    where = describe_location(finding.location)
    if not finding.evidence:
        return where
    if isinstance(finding.location, Span):
        return f"“{finding.evidence}” {where}"
    return f"{finding.evidence} ({where})"


def _credit_words(credit: float) -> str:
    if credit == 0.5:
        return "half the credit"
    if credit == 0:
        return "no credit"
    return f"{credit:.0%} of the credit"


def finding_message(
    finding: Finding, *, status: str, marked_category: str | None = None, credit: float = 1.0
) -> str:
    """The sentence for a key finding that was found, found in the wrong category, or missed."""
    label = category_label(finding.category)
    what = _what(finding)
    if status == "found":
        return f"Found: {label}, {what}."
    if status == "partial":
        given = category_label(marked_category or "")
        return (
            f"Right place, but this is “{label}”, not “{given}”: {what}; {_credit_words(credit)}."
        )
    return f"Missed: {label}, {what}. {finding.explanation} What to do: {finding.remedy}"


def decoy_for(location: AnswerLocation, decoys: tuple[Decoy, ...]) -> Decoy | None:
    """The decoy a mark lies on (the most overlapped; the first on a tie), if any."""
    best: Decoy | None = None
    best_share = 0.0
    for decoy in decoys:
        share = overlaps(location, decoy.location)
        if share > best_share:
            best, best_share = decoy, share
    return best


def false_alarm_explanation(
    mark: AnswerFinding,
    decoys: tuple[Decoy, ...],
    *,
    findings: tuple[Finding, ...] = (),
    rubric: Rubric = DEFAULT_RUBRIC,
) -> tuple[str, bool]:
    """Why a mark is not a risk here, and whether a decoy of the key explained it.

    A mark on a real finding, with the wrong category, whose spot was already
    marked rightly, is a false alarm too: it says so rather than 'nothing here'.
    """
    for finding in findings:
        if location_match(mark.location, finding.location, rubric) > 0:
            return (
                f"Right place, but this is “{category_label(finding.category)}”, not "
                f"“{category_label(mark.category)}”, and the spot was already marked with the "
                "right category: give each spot one category.",
                False,
            )
    decoy = decoy_for(mark.location, decoys)
    if decoy is not None:
        return decoy.explanation, True
    label = category_label(mark.category)
    loc = mark.location
    if isinstance(loc, MetaField):
        text = (
            f"The {loc.tag} field of {loc.asset} does not identify the patient in this case: "
            f"there is no “{label}” to remove there."
        )
    elif isinstance(loc, Span):
        text = (
            f"These words in {field_name(loc.field)} do not identify the patient here: "
            f"there is no “{label}” in them."
        )
    else:
        text = (
            f"Nothing at this spot on {loc.asset} identifies the patient: there is no "
            f"“{label}” to remove there."
        )
    group = CATEGORIES[mark.category].group if mark.category in CATEGORIES else None
    if group is Group.HIDDEN and not isinstance(loc, MetaField):
        text += f" “{label}” is hidden data: look for it in the file's metadata."
    elif group is not Group.HIDDEN and isinstance(loc, MetaField):
        text += f" “{label}” is something seen or read, not a metadata field."
    return text, False


def repeat_message(mark: AnswerFinding, finding: Finding, *, counted_as: str | None = None) -> str:
    """A second mark of something already marked: it earns and costs nothing.

    `counted_as` is the category of the mark that was credited, when it differs
    from this one (the spot was hedged with two categories and scored as the
    wrong one, because that cost less than a false alarm).
    """
    label = category_label(mark.category)
    if counted_as is not None and counted_as != mark.category:
        return (
            f"Marked again, as “{label}”: {_what(finding)} carries two categories in your answer, "
            f"and one spot counts once, so it was scored as “{category_label(counted_as)}” "
            "(that cost you less than a false alarm). Give each spot one category."
        )
    return (
        f"Marked twice: {label}, {_what(finding)}, was already found; the second mark "
        "neither earns nor costs anything."
    )


def gap_message(gap_id: str, *, status: str, expected: tuple[str, ...]) -> str:
    """The sentence for a consent gap found, missed, or claimed where there is none."""
    gap = CONSENT_GAPS.get(gap_id)
    label, description = (gap.label, gap.description) if gap else (gap_id, "")
    if status == "found":
        return f"Consent gap found: {label}. {description}"
    if status == "missed":
        return f"Missed consent gap: {label}. {description}"
    if "no_consent_recorded" in expected:
        why = "No consent was recorded at all: that is the gap."
    elif "consent_withdrawn" in expected:
        why = "The patient withdrew consent: that ends the matter, whatever the form says."
    else:
        why = "Nothing in this case shows it."
    return f"Not a gap in this case: {label}. {why}"


def decision_message(expected: str, answered: str | None, reason: str) -> str:
    """The sentence for the decision, with the key's reason."""
    right = DECISIONS[expected].label if expected in DECISIONS else expected
    if answered == expected:
        return f"Right decision: {right}. {reason}".strip()
    if answered is None:
        return f"No decision made. The decision here is “{right}”. {reason}".strip()
    given = DECISIONS[answered].label if answered in DECISIONS else answered
    return f"The decision here is “{right}”, not “{given}”. {reason}".strip()


# The terminal


def _wrap(text: str, indent: str) -> list[str]:
    hanging = " " * len(indent) + ("" if indent.strip() else "  ")
    return textwrap.wrap(text, width=92, initial_indent=indent, subsequent_indent=hanging)


_PART_NAMES = {"findings": "identifiers", "consent": "consent", "decision": "decision"}


def format_result_text(result: Result) -> str:
    """The whole result as plain text for the terminal (`safeshare grade`)."""
    who = f", learner {result.learner}" if result.learner else ""
    lines = [f"{result.case_id} (seed {result.seed}{who}): score {result.score:.2f}"]
    lines += _wrap(result.summary, "  ")
    parts = []
    for part in result.parts:
        note = "" if part.active else ", nothing to earn: only mistakes cost"
        parts.append(f"{_PART_NAMES[part.name]} {part.score:.2f} (weight {part.weight:.0%}{note})")
    lines += _wrap("; ".join(parts), "  ")
    sections: list[tuple[str, str, list[str]]] = [
        ("Found", "+", [f.message for f in result.found]),
        ("Right place, wrong category", "~", [f.message for f in result.partial]),
        ("Missed", "-", []),
        ("False alarms", "!", [m.message for m in result.false_alarms]),
        ("Marked twice", "=", [m.message for m in result.repeats]),
    ]
    for title, mark, messages in sections:
        if title == "Missed":
            if not result.missed:
                continue
            lines += ["", f"{title} ({len(result.missed)}):"]
            for f in result.missed:
                lines += _wrap(f.message, f"  {mark} ")
                if f.guidance:
                    lines += _wrap("Guidance: " + "; ".join(f.guidance), "      ")
            continue
        if messages:
            lines += ["", f"{title} ({len(messages)}):"]
            for message in messages:
                lines += _wrap(message, f"  {mark} ")
    if result.consent:
        lines += ["", "Consent:"]
        marks = {"found": "+", "missed": "-", "wrong": "!"}
        for gap in result.consent:
            lines += _wrap(gap.message, f"  {marks[gap.status]} ")
    lines += ["", "Decision:"]
    lines += _wrap(result.decision.message, "  " + ("+ " if result.decision.correct else "- "))
    return "\n".join(lines)
