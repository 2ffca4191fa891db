"""Text templates for the words around an image, with identifiers marked in place.

    "Textbook find on [[this morning's list|date_of_care]] at [[{hospital.short}|institution|0.5]]"

- `{name}` is replaced by a fact (see facts.py).
- `[[words|category]]` marks the words as a finding of that category; the
  renderer records the character span, so no one counts characters by hand.
- `[[words|category|0.5]]` is present with that chance (per variant), else dropped;
  `[[words|category|0.5|other words]]` puts other words in its place instead.
- `[[words||0.5]]` is optional words that identify nothing.
- `[[words|safe: reason]]` marks words that look risky but are not (a decoy).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from safeshare.errors import TemplateError
from safeshare.model.facts import Facts

__all__ = ["MarkedSpan", "RenderedText", "marker_labels", "render_text"]

_MARKER = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)
_VARIABLE = re.compile(r"\{([a-z_][a-z0-9_.]*)\}")


@dataclass(frozen=True, slots=True)
class MarkedSpan:
    """A marked stretch of the rendered text."""

    start: int
    end: int
    category: str
    """A category id, or '' for a decoy."""
    evidence: str
    safe_reason: str = ""
    """For a decoy, why it is not a risk."""


@dataclass(frozen=True, slots=True)
class RenderedText:
    text: str
    spans: tuple[MarkedSpan, ...]


def marker_labels(template: str) -> tuple[tuple[str, str], ...]:
    """Each [[...]] marker of a template: its text, and its label ('' when it has none).

    The label is a category, or 'safe:<why>' for a decoy; a spec checks them
    when it is loaded, before anything is rendered.
    """
    labels = []
    for match in _MARKER.finditer(template):
        parts = match.group(1).split("|")
        labels.append((match.group(1), parts[1].strip() if len(parts) > 1 else ""))
    return tuple(labels)


def _substitute(fragment: str, facts: Facts) -> str:
    def lookup(match: re.Match[str]) -> str:
        try:
            return facts[match.group(1)]
        except KeyError as exc:
            raise TemplateError(str(exc.args[0])) from None

    return _VARIABLE.sub(lookup, fragment)


def _close_gap(out: list[str], following: str) -> int:
    """Drop the space before words that were left out, so no double space or ' ,' remains.

    Trims only the literal just emitted (never a marked span); returns how many
    characters were removed.
    """
    if not out or not out[-1] or out[-1][-1] != " ":
        return 0
    if following and following not in " .,;:!?)":
        return 0
    out[-1] = out[-1][:-1]
    return 1


def render_text(template: str, facts: Facts, rng: random.Random) -> RenderedText:
    """Fill in facts, decide optional parts, and record where each marked identifier lands."""
    out: list[str] = []
    spans: list[MarkedSpan] = []
    length = 0
    position = 0
    at_start = False  # words left out at the very start: the next literal loses its lead space
    for match in _MARKER.finditer(template):
        literal = _substitute(template[position : match.start()], facts)
        if at_start:
            literal, at_start = literal.lstrip(" "), False
        out.append(literal)
        length += len(literal)
        position = match.end()
        parts = match.group(1).split("|")
        if len(parts) > 4 or not parts[0]:
            raise TemplateError(
                f"malformed marker [[{match.group(1)}]]: write [[words|category]], "
                "e.g. [[{patient.name}|name]]"
            )
        words = _substitute(parts[0], facts)
        label = parts[1].strip() if len(parts) > 1 else ""
        if len(parts) > 2 and parts[2].strip():
            try:
                chance = float(parts[2])
            except ValueError:
                raise TemplateError(
                    f"marker [[{match.group(1)}]]: chance {parts[2]!r} is not a number; "
                    "write one from 0 to 1, e.g. [[words|category|0.5]]"
                ) from None
            if not 0.0 <= chance <= 1.0:
                raise TemplateError(
                    f"marker [[{match.group(1)}]]: the chance must be a number from 0 to 1, "
                    "e.g. [[words|category|0.5]]"
                )
            if rng.random() >= chance:
                fallback = _substitute(parts[3], facts) if len(parts) > 3 else ""
                if not fallback:
                    length -= _close_gap(out, template[position : position + 1])
                    at_start = length == 0
                out.append(fallback)
                length += len(fallback)
                continue
        out.append(words)
        if label.startswith("safe:"):
            spans.append(MarkedSpan(length, length + len(words), "", words, label[5:].strip()))
        elif label:
            spans.append(MarkedSpan(length, length + len(words), label, words))
        length += len(words)
    tail = _substitute(template[position:], facts)
    if at_start:
        tail = tail.lstrip(" ")
    if "[[" in tail or "]]" in tail:
        raise TemplateError("unbalanced [[ ]] marker in template: close every [[ with ]]")
    out.append(tail)
    return _tidy("".join(out), spans)


_PUNCTUATION = ",.;:!?)"


def _tidy(text: str, spans: list[MarkedSpan]) -> RenderedText:
    """Close the gaps optional words leave: no double, leading or trailing space, none before
    punctuation. Spans move with their words; their evidence is what they cover afterwards.
    """
    keep = [True] * len(text)
    started = False
    for i, ch in enumerate(text):
        if ch != " ":
            started = True
            continue
        after = text[i + 1] if i + 1 < len(text) else ""
        if not started or after in ("", " ") or after in _PUNCTUATION:
            keep[i] = False
    moved = [0] * (len(text) + 1)
    for i, kept in enumerate(keep):
        moved[i + 1] = moved[i] + kept
    tidy = "".join(ch for ch, kept in zip(text, keep, strict=True) if kept)
    placed = []
    for span in spans:
        start, end = moved[span.start], moved[span.end]
        while start < end and tidy[start] == " ":
            start += 1
        while end > start and tidy[end - 1] == " ":
            end -= 1
        if end > start:
            evidence = tidy[start:end] if span.evidence.strip() else span.evidence
            placed.append(MarkedSpan(start, end, span.category, evidence, span.safe_reason))
    return RenderedText(tidy, tuple(placed))
