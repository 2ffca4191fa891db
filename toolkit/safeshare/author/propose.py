"""Proposed marks: what the checker finds in the picture, for the educator to decide.

Each text box (with the checker's classification) and each face becomes a
mark with status "proposed", its category's explanation and guidance as a
start. Text the checker classifies as a name, a date of birth, a number, a date
or a place comes with a field kind suggested, so accepting it paints a
fictional value there. Metadata fields are listed on the draft (see open.py).
"""

from __future__ import annotations

from safeshare.author.draft import AuthorDraft, DraftMark
from safeshare.author.guard import overlap
from safeshare.errors import AuthorError, SafeshareError
from safeshare.model.nhs_number import is_valid_nhs_number
from safeshare.taxonomy import CATEGORIES

__all__ = ["SUGGESTED_FILL", "merge_proposals", "propose_marks"]

SUGGESTED_FILL = {
    "patient_name": "name",
    "date_of_birth": "date_of_birth",
    "date_of_care": "date",
    "place": "place",
}
"""The field kind suggested for text of each category (patient numbers: see _fill_for)."""


def _fill_for(category: str, text: str) -> str | None:
    if category == "patient_number":
        return "nhs_number" if is_valid_nhs_number(text.replace("-", " ")) else "hospital_number"
    return SUGGESTED_FILL.get(category)


def propose_marks(draft: AuthorDraft, *, ocr: bool = True, faces: bool = True) -> list[DraftMark]:
    """Marks for every text box and face the checker finds in the draft's picture."""
    from safeshare.checker import check_file
    from safeshare.model.locations import Box

    try:
        checked = check_file(draft.asset, asset="image", ocr=ocr, faces=faces)
    except SafeshareError as exc:
        raise AuthorError(exc.problem, source=draft.asset) from None
    marks: list[DraftMark] = []
    n = 0
    for found in checked.detections:
        loc = found.location
        if not isinstance(loc, Box):
            continue
        n += 1
        category = found.category if found.category in CATEGORIES else ""
        known = CATEGORIES.get(category)
        if found.detector == "face":
            origin, text = "face", ""
        else:
            origin, text = ("checker" if category else "ocr"), found.evidence
        x0, y0 = max(0, loc.x), max(0, loc.y)
        box = (
            x0,
            y0,
            max(1, min(loc.w, draft.width - x0)),
            max(1, min(loc.h, draft.height - y0)),
        )
        marks.append(
            DraftMark(
                id=f"p{n}",
                box=box,
                category=category,
                severity=known.severity.value if known else "",
                explanation=known.description if known else "",
                guidance=list(known.guidance) if known else [],
                origin=origin,
                text=text,
                status="proposed",
                fill=_fill_for(category, text) if origin == "checker" else None,
            )
        )
    return marks


def merge_proposals(draft: AuthorDraft, proposals: list[DraftMark]) -> AuthorDraft:
    """Add to the draft the proposals no existing mark already covers (ids made unique)."""
    for mark in proposals:
        if any(overlap(mark.box, m.box) >= 0.5 for m in draft.marks):
            continue
        mark.id = draft.next_mark_id()
        draft.marks.append(mark)
    return draft
