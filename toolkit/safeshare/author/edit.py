"""Editing a draft from the command line (the widget edits its dict form instead).

Each edit is checked before anything is written: a region outside the image,
a field of an unknown kind, an unknown category or status is an AuthorError
naming the draft file, and the draft is left as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from safeshare.author.draft import (
    FILL_KIND_NAMES,
    MARK_STATUSES,
    METADATA_STATUSES,
    MODALITIES,
    AuthorDraft,
    DraftMark,
    check_box,
)
from safeshare.author.open import DRAFT_FILE
from safeshare.errors import AuthorError
from safeshare.render.authored.fields import FILL_KINDS
from safeshare.taxonomy import CATEGORIES, DECISIONS, GUIDANCE, Severity

__all__ = ["MarkEdit", "edit_mark", "parse_box", "set_details", "set_metadata_status"]


@dataclass(frozen=True, slots=True, kw_only=True)
class MarkEdit:
    """What to change in a mark (None: leave as it is)."""

    status: str | None = None
    category: str | None = None
    fill: str | None = None
    """A field kind, or 'none' to stop filling."""
    explanation: str | None = None
    severity: str | None = None
    """'high', 'medium' or 'low': how much the finding weighs in the key."""
    guidance: tuple[str, ...] | None = None
    """Guidance ids the finding rests on (`safeshare taxonomy`), replacing the mark's."""
    box: tuple[int, int, int, int] | None = None


def parse_box(text: str, *, source: Any = None) -> tuple[int, int, int, int]:
    """'x,y,w,h' as four whole numbers."""
    parts = [p.strip() for p in text.split(",")]
    try:
        x, y, w, h = (int(p) for p in parts)
    except ValueError:
        raise AuthorError(f"box {text!r} must be x,y,w,h in whole pixels", source=source) from None
    return (x, y, w, h)


def _source(draft: AuthorDraft) -> Any:
    return draft.folder / DRAFT_FILE


def edit_mark(draft: AuthorDraft, mark_id: str | None, change: MarkEdit) -> DraftMark:
    """Change a mark (or add a new educator's mark when mark_id is None) in the draft."""
    source = _source(draft)
    if change.status is not None and change.status not in MARK_STATUSES:
        raise AuthorError(
            f"unknown status {change.status!r}: use one of {', '.join(MARK_STATUSES)}",
            source=source,
        )
    if change.category is not None and change.category and change.category not in CATEGORIES:
        raise AuthorError(
            f"unknown category {change.category!r} (see `safeshare taxonomy`)", source=source
        )
    if change.fill is not None and change.fill != "none" and change.fill not in FILL_KIND_NAMES:
        raise AuthorError(
            f"unknown field kind {change.fill!r}: use one of {', '.join(FILL_KIND_NAMES)}",
            source=source,
        )
    _check_wording(change, source)
    box = (
        check_box(change.box, draft.width, draft.height, where="--box", source=source)
        if change.box is not None
        else None
    )
    if mark_id is None:
        if box is None:
            raise AuthorError("a new mark needs a region: give --box x,y,w,h", source=source)
        mark = DraftMark(id=draft.next_mark_id(), box=box, origin="educator", status="accepted")
        draft.marks.append(mark)
    else:
        try:
            mark = draft.mark(mark_id)
        except AuthorError:
            known = ", ".join(m.id for m in draft.marks) or "none"
            raise AuthorError(f"no mark {mark_id!r} (marks: {known})", source=source) from None
        if box is not None:
            mark.box = box
            mark.look = None
    if change.status is not None:
        mark.status = change.status
    if change.category is not None:
        mark.category = change.category
        known_category = CATEGORIES.get(change.category)
        if known_category is not None and change.explanation is None:
            mark.explanation = known_category.description
            mark.guidance = list(known_category.guidance)
            mark.severity = known_category.severity.value
    if change.fill is not None:
        mark.fill = None if change.fill == "none" else change.fill
        if mark.fill is not None and change.status is None:
            mark.status = "accepted"
        if mark.fill is not None:
            kind = CATEGORIES[FILL_KINDS[mark.fill].category]
            mark.category = kind.id
            if change.explanation is None and not mark.explanation:
                mark.explanation = kind.description
            mark.guidance = mark.guidance or list(kind.guidance)
            mark.severity = kind.severity.value
    if change.explanation is not None:
        mark.explanation = change.explanation
    if change.severity is not None:
        mark.severity = change.severity
    if change.guidance is not None:
        mark.guidance = list(change.guidance)
    return mark


def _check_wording(change: MarkEdit, source: Any) -> None:
    """Refuse a severity or guidance id the taxonomy does not know, before any change."""
    severities = tuple(s.value for s in Severity)
    if change.severity is not None and change.severity not in severities:
        raise AuthorError(
            f"unknown severity {change.severity!r}: use one of {', '.join(severities)}",
            source=source,
        )
    unknown = [g for g in change.guidance or () if g not in GUIDANCE]
    if unknown:
        raise AuthorError(
            f"unknown guidance {unknown[0]!r} (see `safeshare taxonomy` for the ids)",
            source=source,
        )


def set_metadata_status(draft: AuthorDraft, tag: str, status: str) -> None:
    source = _source(draft)
    if status not in METADATA_STATUSES:
        raise AuthorError(
            f"unknown metadata status {status!r}: use one of {', '.join(METADATA_STATUSES)}",
            source=source,
        )
    for field in draft.metadata_fields:
        if field.tag == tag:
            field.status = status
            return
    known = ", ".join(f.tag for f in draft.metadata_fields) or "none"
    raise AuthorError(f"no metadata field {tag!r} (fields: {known})", source=source)


def set_details(draft: AuthorDraft, **details: Any) -> None:
    """Set the case's words: title, brief, post, decision, decision_reason, modality,
    difficulty, objectives (a list), consent (a mapping). None leaves a detail as it is."""
    source = _source(draft)
    for name, value in details.items():
        if value is None:
            continue
        if name == "decision" and value not in DECISIONS:
            raise AuthorError(
                f"unknown decision {value!r}: use one of {', '.join(DECISIONS)}", source=source
            )
        if name == "modality" and value not in MODALITIES:
            raise AuthorError(
                f"unknown modality {value!r}: use one of {', '.join(MODALITIES)}", source=source
            )
        if name == "difficulty" and value not in (1, 2, 3):
            raise AuthorError("difficulty must be 1, 2 or 3", source=source)
        if name == "consent" and not isinstance(value, dict):
            raise AuthorError("the consent record must be a mapping of its fields", source=source)
        if not hasattr(draft, name) or name in ("asset", "preview", "marks", "case_id"):
            raise AuthorError(f"cannot set {name!r} this way", source=source)
        setattr(draft, name, value)
