"""What a learner can mark in one case, and the checks a mark must pass.

The page and the answer-by-code API both send marks here: a box on a markable
image, a span of words in a field of the post, or a header field of a file.
Each comes back normalised (a box clipped to the image, a span widened to
whole words) or refused with a ValueError that says what would work.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from safeshare.grade.answer import AnswerFinding, AnswerLocation, Point
from safeshare.model.locations import Box, Location, MetaField, Span, location_from_dict
from safeshare.model.view import CaseView
from safeshare.taxonomy import CATEGORIES, CONSENT_GAPS, DECISIONS

__all__ = [
    "Targets",
    "check_category",
    "check_consent_gaps",
    "check_decision",
    "finding_of",
    "mark_dict",
    "snap_to_words",
]

_WORD_JOINERS = "'’_-"


def _suggest(given: str, choices: Iterable[str], labels: Mapping[str, str] | None = None) -> str:
    """' Did you mean ...?' for a near miss (by id or by label), else ''."""
    options = list(choices)
    if labels:
        for ident, label in labels.items():
            if given.strip().lower() == label.lower():
                return f" Did you mean {ident!r} ({label})?"
    close = difflib.get_close_matches(given, options, n=3, cutoff=0.5)
    return f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""


def check_category(category: str) -> str:
    """The category id if it is one; ValueError with the near misses otherwise."""
    if category in CATEGORIES:
        return category
    labels = {c.id: c.label for c in CATEGORIES.values()}
    raise ValueError(
        f"unknown category {category!r}.{_suggest(str(category), CATEGORIES, labels)} "
        "The ids are listed in safeshare.taxonomy.CATEGORIES (e.g. 'patient_name', "
        "'date_of_care', 'exif_gps')."
    )


def check_consent_gaps(gaps: Iterable[str]) -> list[str]:
    """Known consent gap ids, each once, in the taxonomy's order; ValueError names a bad one."""
    if isinstance(gaps, str):
        raise ValueError("give a list of consent gap ids, e.g. ['verbal_only'], not one string")
    chosen = set()
    for gap in gaps:
        if gap not in CONSENT_GAPS:
            labels = {g.id: g.label for g in CONSENT_GAPS.values()}
            raise ValueError(
                f"unknown consent gap {gap!r}.{_suggest(str(gap), CONSENT_GAPS, labels)} "
                f"The gaps are: {', '.join(CONSENT_GAPS)}."
            )
        chosen.add(gap)
    return [g for g in CONSENT_GAPS if g in chosen]


def check_decision(decision: str) -> str:
    """The decision id if it is one; ValueError listing the four otherwise."""
    if decision in DECISIONS:
        return decision
    labels = {d.id: d.label for d in DECISIONS.values()}
    raise ValueError(
        f"unknown decision {decision!r}.{_suggest(str(decision), DECISIONS, labels)} "
        f"The decisions are: {', '.join(DECISIONS)}."
    )


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch in _WORD_JOINERS


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim spaces off a selection and widen it to whole words ('is mor' -> 'this morning's')."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return start, end
    while start > 0 and _is_word(text[start - 1]) and _is_word(text[start]):
        start -= 1
    while end < len(text) and _is_word(text[end - 1]) and _is_word(text[end]):
        end += 1
    return start, end


def _shorten(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class Targets:
    """Everything markable in one case: images, the post's text fields, header fields."""

    images: Mapping[str, tuple[int, int]]
    """Markable image assets: id -> (width, height) in pixels."""
    fields: Mapping[str, str]
    """The post's text fields by name (Post.text_fields()), empty without a post."""
    post_asset: str
    """The asset id spans point into."""
    meta: Mapping[str, tuple[str, ...]]
    """Assets with a header table: id -> the tags of its rows."""

    @classmethod
    def from_view(cls, view: CaseView) -> Targets:
        return cls(
            images={
                a.id: (a.width, a.height)
                for a in view.assets
                if a.markable and a.width > 0 and a.height > 0
            },
            fields=view.post.text_fields() if view.post else {},
            post_asset=view.post_asset or "post",
            meta={a.id: tuple(r.tag for r in a.metadata) for a in view.assets if a.metadata},
        )

    # Boxes

    def box(self, asset: str, x: float, y: float, w: float, h: float) -> Box:
        """A box on a markable image, clipped to it; ValueError if it misses the image."""
        if asset not in self.images:
            known = ", ".join(repr(a) for a in self.images) or "none in this case"
            raise ValueError(f"{asset!r} is not an image you can mark (images: {known})")
        for name, value in (("x", x), ("y", y), ("w", w), ("h", h)):
            if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
                raise ValueError(f"{name} must be a number of pixels, not {value!r}")
        if w <= 0 or h <= 0:
            raise ValueError(f"a box needs a positive width and height (got w={w}, h={h})")
        width, height = self.images[asset]
        x0, y0 = max(0, round(x)), max(0, round(y))
        x1, y1 = min(width, round(x + w)), min(height, round(y + h))
        if x1 <= x0 or y1 <= y0:
            raise ValueError(
                f"the box ({x}, {y}, {w}x{h}) lies outside {asset!r}, which is "
                f"{width}x{height} pixels (x, y are the top-left corner)"
            )
        return Box(asset, x0, y0, x1 - x0, y1 - y0)

    # Spans

    def _field(self, field: str) -> str:
        if not self.fields:
            raise ValueError("this case has no post, so there are no words to mark")
        if field not in self.fields:
            filled = [name for name, text in self.fields.items() if text]
            raise ValueError(
                f"the post has no field {field!r}.{_suggest(field, filled)} "
                f"Fields with words in them: {', '.join(filled)}."
            )
        return self.fields[field]

    def span(self, field: str, start: int, end: int) -> Span:
        """A span of a post field, widened to whole words; ValueError if empty or out of range."""
        text = self._field(field)
        for name, value in (("start", start), ("end", end)):
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"{name} must be a whole number of characters, not {value!r}")
        if not 0 <= start < end <= len(text):
            raise ValueError(
                f"characters {start}..{end} are not inside {field!r}, which has {len(text)}"
            )
        s, e = snap_to_words(text, start, end)
        if s == e:
            raise ValueError(f"characters {start}..{end} of {field!r} are only spaces")
        return Span(self.post_asset, field, s, e)

    def find_words(self, field: str, words: str, occurrence: int = 1) -> Span:
        """The span of `words` in a post field (case and spacing ignored), or a ValueError."""
        text = self._field(field)
        if not isinstance(words, str) or not words.strip():
            raise ValueError("give the words to mark, e.g. mark_text('text', 'this morning', ...)")
        if isinstance(occurrence, bool) or not isinstance(occurrence, int) or occurrence < 1:
            raise ValueError(f"occurrence counts from 1 (got {occurrence!r})")
        pattern = r"\s+".join(re.escape(part) for part in words.split())
        hits = list(re.finditer(pattern, text, flags=re.IGNORECASE))
        if not hits:
            raise ValueError(
                f"the words {words!r} are not in {field!r}, which reads: {_shorten(text)!r}"
            )
        if occurrence > len(hits):
            raise ValueError(
                f"{words!r} appears {len(hits)} time(s) in {field!r}, so there is no "
                f"occurrence {occurrence}"
            )
        hit = hits[occurrence - 1]
        return self.span(field, hit.start(), hit.end())

    # Header fields

    def meta_field(self, asset: str, tag: str) -> MetaField:
        """A header field of a file; ValueError lists the fields there are."""
        if asset not in self.meta:
            known = ", ".join(repr(a) for a in self.meta) or "none in this case"
            raise ValueError(f"{asset!r} has no header fields to mark (files with one: {known})")
        tags = self.meta[asset]
        if tag not in tags:
            shown = ", ".join(tags[:30]) + (", …" if len(tags) > 30 else "")
            raise ValueError(
                f"{asset!r} has no header field {tag!r}.{_suggest(tag, tags)} Its fields: {shown}."
            )
        return MetaField(asset, tag)

    # Any location

    def check(self, location: Location) -> Location:
        """The location checked against this case and normalised."""
        if isinstance(location, Box):
            return self.box(location.asset, location.x, location.y, location.w, location.h)
        if isinstance(location, Span):
            if location.asset != self.post_asset:
                raise ValueError(f"words are marked in {self.post_asset!r}, not {location.asset!r}")
            return self.span(location.field, location.start, location.end)
        return self.meta_field(location.asset, location.tag)

    def check_mark(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """A mark from the page ({id, category, location}) checked and normalised."""
        if not isinstance(data, Mapping):
            raise ValueError("a mark is an object with id, category and location")
        unknown = sorted(set(data) - {"id", "category", "location"})
        if unknown:
            raise ValueError(f"unknown field(s) in a mark: {', '.join(unknown)}")
        mark_id = data.get("id")
        if not isinstance(mark_id, str) or not mark_id or len(mark_id) > 64:
            raise ValueError("a mark needs a short string id")
        category = check_category(str(data.get("category", "")))
        location = self.check(location_from_dict(data.get("location", {})))
        return mark_dict(mark_id, category, location)


def mark_dict(mark_id: str, category: str, location: AnswerLocation) -> dict[str, Any]:
    """A mark as the page holds it: the answer finding plus an id for the page."""
    return {"id": mark_id, "category": category, "location": location.to_dict()}


def finding_of(mark: Mapping[str, Any]) -> AnswerFinding:
    """The answer finding of a mark (its id dropped)."""
    loc = mark["location"]
    location: AnswerLocation
    if loc.get("type") == "point":
        location = Point(str(loc["asset"]), float(loc["x"]), float(loc["y"]))
    else:
        location = location_from_dict(loc)
    return AnswerFinding(str(mark["category"]), location)
