"""What the learner reads: one or two plain sentences per finding, gap and decision.

Messages name what is there and where, say why it matters (the key's
explanation, the guidance, the remedy), and for a false alarm why it is not a
risk here. A mark that overlaps a key item is never told "nothing here": it
hears what it overlapped and how to make it count (tighten the box, cover a
whole word). A found item's note says what else the same mark found, what
the key has on the same line that the mark left out, and whether the box
also covers a look-alike. `format_result_text` lays a whole result out for
the terminal.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from functools import lru_cache

from safeshare.grade.answer import AnswerFinding, AnswerLocation, Point
from safeshare.grade.cover import KeyIndex, touching
from safeshare.grade.matching import overlaps
from safeshare.grade.result import Result
from safeshare.grade.rubric import DEFAULT_RUBRIC, Rubric
from safeshare.model.key import Decoy, Finding
from safeshare.model.locations import Box, Location, MetaField, Span
from safeshare.taxonomy import CATEGORIES, CONSENT_GAPS, DECISIONS, GUIDANCE, Group

__all__ = [
    "category_label",
    "decision_message",
    "decoy_for",
    "decoys_for",
    "describe_location",
    "false_alarm_explanation",
    "field_name",
    "finding_message",
    "finding_note",
    "format_result_text",
    "gap_message",
    "guidance_labels",
    "mark_explanation",
    "named",
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
        extra = {
            "text": "",
            "posted_at": " (time)",
            "author.display_name": " (name)",
            "author.handle": " (handle)",
        }
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


def decoys_for(
    locations: Sequence[AnswerLocation], decoys: tuple[Decoy, ...]
) -> list[Decoy | None]:
    """decoy_for() for many marks: boxes that touch no decoy box are settled in bulk."""
    out: list[Decoy | None] = [None] * len(locations)
    assets = {d.location.asset for d in decoys}
    boxes: dict[str, list[tuple[int, Box]]] = {}
    by_field: dict[tuple[str, str], tuple[Decoy, ...]] = {}
    for d in decoys:
        if isinstance(d.location, Span):
            key = (d.location.asset, d.location.field)
            by_field[key] = (*by_field.get(key, ()), d)
    for n, loc in enumerate(locations):
        if loc.asset not in assets:
            continue
        if isinstance(loc, Box):
            boxes.setdefault(loc.asset, []).append((n, loc))
        elif isinstance(loc, Span):
            near = by_field.get((loc.asset, loc.field), ())
            out[n] = decoy_for(loc, near) if near else None
        else:
            out[n] = decoy_for(loc, decoys)
    for asset, marks in boxes.items():
        on_asset = tuple(d for d in decoys if d.location.asset == asset)
        shapes = [d.location for d in on_asset if isinstance(d.location, Box)]
        hits = touching([b for _, b in marks], shapes)
        for (n, box), hit in zip(marks, hits, strict=True):
            if hit:
                out[n] = decoy_for(box, on_asset)
    return out


def named(finding: Finding) -> str:
    """A key finding as the learner reads it in a list: its words, or what it is."""
    label = category_label(finding.category)
    if isinstance(finding.location, Span) and finding.evidence:
        return f"“{finding.evidence}” ({label})"
    return f"{finding.evidence} ({label})" if finding.evidence else label


def _and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _some(findings: Sequence[Finding], most: int = 3) -> str:
    """A few findings by name, and how many more."""
    names = [named(f) for f in findings[:most]]
    if len(findings) > most:
        names.append(f"{len(findings) - most} more key items")
    return _and(names)


def _touch_advice(
    mark: AnswerFinding, touched: Sequence[tuple[Finding, str]], rubric: Rubric
) -> str:
    """What a mark that overlaps key items without finding them did, and how to make it count."""
    loose = [f for f, why in touched if why == "loose"]
    small = [f for f, why in touched if why == "small"]
    text = isinstance(mark.location, Span)
    thing = "selection" if text else "box"
    bits: list[str] = []
    if loose:
        items = _some(loose)
        if text:
            bits.append(
                f"This selection includes {items}, but most of it is other words, so it does "
                "not count: select just the words that identify."
            )
        else:
            bits.append(
                f"This box covers {items}, but it is too loose to count: what it covers fills "
                f"less than {rubric.box_tight:.0%} of it. Draw the box tight around "
                f"{'them' if len(loose) > 1 else 'it'}."
            )
    if small:
        items = _some(small)
        if text:
            bits.append(
                f"This selection is part of {items}, but too little of it to count: select "
                f"at least {rubric.span_words} whole identifying words, or most of the phrase."
            )
        else:
            bits.append(
                f"This {thing} touches {items}, but covers too little of "
                f"{'them' if len(small) > 1 else 'it'} to count: cover the whole item, or at "
                "least a whole word of it."
            )
    kinds = {f.category for f, _ in touched}
    if len(kinds) == 1 and mark.category not in kinds:
        bits.append(
            f"(What is there is “{category_label(kinds.pop())}”, not "
            f"“{category_label(mark.category)}”.)"
        )
    return " ".join(bits)


def mark_explanation(
    mark: AnswerFinding,
    decoys: tuple[Decoy, ...],
    *,
    touched: Sequence[tuple[Finding, str]] = (),
    rubric: Rubric = DEFAULT_RUBRIC,
) -> tuple[str, str]:
    """Why a mark found nothing, and its kind: 'loose', 'small', 'decoy' or 'nothing'.

    A mark that overlaps key items (`touched`, with why each did not count) is told what it
    overlapped and how to make it count, never that nothing is there.
    """
    decoy = decoy_for(mark.location, decoys)
    if touched:
        text = _touch_advice(mark, touched, rubric)
        if decoy is not None:
            text += f" It also covers a look-alike: {decoy.explanation}"
        kind = "loose" if any(why == "loose" for _, why in touched) else "small"
        return text, kind
    if decoy is not None:
        return decoy.explanation, "decoy"
    loc = mark.location
    if isinstance(loc, MetaField):
        return _nothing_there(mark.category, "meta", loc.asset, loc.tag), "nothing"
    if isinstance(loc, Span):
        return _nothing_there(mark.category, "span", loc.asset, loc.field), "nothing"
    return _nothing_there(mark.category, "image", loc.asset, ""), "nothing"


@lru_cache(maxsize=4096)
def _nothing_there(category: str, shape: str, asset: str, name: str) -> str:
    """The sentence for a mark on nothing (cached: a shotgun repeats the same few)."""
    label = category_label(category)
    if shape == "meta":
        text = (
            f"The {name} field of {asset} does not identify the patient in this case: "
            f"there is no “{label}” to remove there."
        )
    elif shape == "span":
        text = (
            f"These words in {field_name(name)} do not identify the patient here: "
            f"there is no “{label}” in them."
        )
    else:
        text = (
            f"Nothing at this spot on {asset} identifies the patient: there is no "
            f"“{label}” to remove there."
        )
    group = CATEGORIES[category].group if category in CATEGORIES else None
    if group is Group.HIDDEN and shape != "meta":
        text += f" “{label}” is hidden data: look for it in the file's metadata."
    elif group is not Group.HIDDEN and shape == "meta":
        text += f" “{label}” is something seen or read, not a metadata field."
    return text


def false_alarm_explanation(
    mark: AnswerFinding,
    decoys: tuple[Decoy, ...],
    *,
    findings: tuple[Finding, ...] = (),
    rubric: Rubric = DEFAULT_RUBRIC,
) -> tuple[str, bool]:
    """Why a mark is not a risk here, and whether a decoy of the key explained it.

    With the key's `findings`, a mark that lies on one of them says so: the right place in
    the wrong category, or what it overlapped and how to make it count.
    """
    cover = KeyIndex(findings).cover(mark.location, rubric)
    if cover.found:
        finding = findings[cover.found[0]]
        return (
            f"Right place, but this is “{category_label(finding.category)}”, not "
            f"“{category_label(mark.category)}”, and the spot was already marked with the "
            "right category: give each spot one category.",
            False,
        )
    touched = [(findings[t.index], t.reason) for t in cover.touched]
    text, kind = mark_explanation(mark, decoys, touched=touched, rubric=rubric)
    return text, kind == "decoy"


def repeat_message(mark: AnswerFinding, finding: Finding, *, counted_as: str | None = None) -> str:
    """A further mark of something already found: it earns and costs nothing.

    A mark in another category than the finding's is a wrong-category duplicate: the
    sentence says what the spot is (`counted_as`, when given, is the category of the mark
    that was credited).
    """
    label = category_label(mark.category)
    hedged = counted_as is not None and counted_as != mark.category
    if mark.category != finding.category or hedged:
        right = category_label(counted_as or finding.category)
        return (
            f"Marked again, as “{label}”: {_what(finding)} is "
            f"“{category_label(finding.category)}”, and your mark as “{right}” already found "
            "it, so this one earns nothing. Give each spot one category."
        )
    return (
        f"Marked twice: {label}, {_what(finding)}, was already found; the second mark "
        "neither earns nor costs anything."
    )


def finding_note(
    finding: Finding,
    *,
    together: Sequence[Finding] = (),
    same_line: bool = False,
    left_out: Sequence[Finding] = (),
    decoy: Decoy | None = None,
    other_categories: Sequence[str] = (),
) -> str:
    """More about how a found item was marked, in a sentence or two ('' when nothing to add).

    `together`: other findings the same mark found (`same_line` when all sit on one line of
    text); `left_out`: findings on the same line nobody found; `decoy`: a look-alike the box
    also covers; `other_categories`: categories of further marks of it that are wrong.
    """
    bits: list[str] = []
    if together:
        every = [finding, *together]
        items = _and([named(f) for f in every])
        if same_line:
            both = "both" if len(every) == 2 else f"all {len(every)}"
            bits.append(
                f"This line holds {len(every)} identifiers, {items}: your box found {both}."
            )
        else:
            bits.append(f"One mark found {len(every)} identifiers at once: {items}.")
    if left_out:
        one = len(left_out) == 1
        it = "it" if one else "them"
        bits.append(
            f"The key splits this line into {len(left_out) + 1} items; "
            f"{_and([named(f) for f in left_out])} {'was' if one else 'were'} not found: "
            f"extend the box over {it} or mark {it} too."
        )
    if decoy is not None:
        bits.append(
            "Tighten the box: it also covers something that identifies no one. " + decoy.explanation
        )
    if other_categories:
        labels = _and([f"“{category_label(c)}”" for c in other_categories])
        bits.append(
            f"You also marked it as {labels}: that mark earns nothing. Give each spot one category."
        )
    return " ".join(bits)


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
    sections: list[tuple[str, str, list[tuple[str, str]]]] = [
        ("Found", "+", [(f.message, f.note) for f in result.found]),
        ("Right place, wrong category", "~", [(f.message, f.note) for f in result.partial]),
        ("Missed", "-", []),
        ("False alarms", "!", [(m.message, "") for m in result.false_alarms]),
        ("Marked again", "=", [(m.message, "") for m in result.repeats]),
    ]
    for title, sign, messages in sections:
        if title == "Missed":
            if not result.missed:
                continue
            lines += ["", f"{title} ({len(result.missed)}):"]
            for f in result.missed:
                lines += _wrap(f.message, f"  {sign} ")
                if f.note:
                    lines += _wrap(f.note, "      ")
                if f.guidance:
                    lines += _wrap("Guidance: " + "; ".join(f.guidance), "      ")
            continue
        if messages:
            lines += ["", f"{title} ({len(messages)}):"]
            for message, note in messages:
                lines += _wrap(message, f"  {sign} ")
                if note:
                    lines += _wrap(note, "      ")
    tally = result.tally
    if tally.shotgun_factor < 1:
        lines += [""]
        lines += _wrap(
            f"Marked far more than found: only {tally.hit_rate:.0%} of what you marked named an "
            f"identifier rightly, so the identifiers part was multiplied by "
            f"{tally.shotgun_factor:.2f}. Mark what identifies, not everything.",
            "  ",
        )
    if result.consent:
        lines += ["", "Consent:"]
        marks = {"found": "+", "missed": "-", "wrong": "!"}
        for gap in result.consent:
            lines += _wrap(gap.message, f"  {marks[gap.status]} ")
    lines += ["", "Decision:"]
    lines += _wrap(result.decision.message, "  " + ("+ " if result.decision.correct else "- "))
    return "\n".join(lines)
