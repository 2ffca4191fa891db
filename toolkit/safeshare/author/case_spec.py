"""The spec of an authored case, written from its draft: the bank's YAML, one asset.

The asset is an `authored_image`: its options hold the fields to paint, the
marks accepted into the key and the regions confirmed not identifying, each
with the box the educator drew. The post, the consent record and the decision
are the bank's usual sections, so an authored case validates, renders and
grades like any other.
"""

from __future__ import annotations

import re
from typing import Any

from safeshare.author.draft import MODALITY_KINDS, AuthorDraft, DraftMark
from safeshare.render.authored.fields import FILL_KINDS
from safeshare.taxonomy import CATEGORIES

__all__ = ["ASSET_ID", "case_folder_name", "slug", "spec_of"]

ASSET_ID = "image"


def slug(title: str) -> str:
    words = re.findall(r"[a-z0-9]+", title.lower())
    return "-".join(words)[:48].strip("-") or "authored"


def case_folder_name(draft: AuthorDraft) -> str:
    return f"{draft.case_id}-{slug(draft.title)}"


def _category(mark: DraftMark) -> str:
    return (
        FILL_KINDS[mark.fill].category if mark.fill is not None and mark.painted else mark.category
    )


def _keyed(marks: list[DraftMark]) -> list[DraftMark]:
    """The marks that become key findings: painted fields and accepted findings."""
    return [
        m
        for m in marks
        if (m.fill is not None and m.painted) or (not m.painted and m.status == "accepted")
    ]


def _wording(marks: list[DraftMark]) -> dict[str, dict[str, Any]]:
    """Per category, the explanation, severity and guidance the educator changed.

    The spec holds wording per category (as the bank's `explanations:` does), so the
    first keyed mark of a category that differs from the taxonomy's default sets it.
    """
    explanations: dict[str, str] = {}
    severities: dict[str, str] = {}
    guidance: dict[str, list[str]] = {}
    for mark in _keyed(marks):
        category = _category(mark)
        default = CATEGORIES.get(category)
        if default is None:
            continue
        text = mark.explanation.strip()
        if text and text != default.description:
            explanations.setdefault(category, text)
        if mark.severity and mark.severity != default.severity.value:
            severities.setdefault(category, mark.severity)
        if mark.guidance and tuple(mark.guidance) != default.guidance:
            guidance.setdefault(category, list(mark.guidance))
    wording: dict[str, dict[str, Any]] = {}
    for name, values in (
        ("explanations", explanations),
        ("severities", severities),
        ("guidance", guidance),
    ):
        if values:
            wording[name] = dict(values)
    return wording


def spec_of(
    draft: AuthorDraft,
    marks: list[DraftMark],
    *,
    asset_file: str,
    sha256: str,
    kept_metadata: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The spec as data (for yaml.safe_dump), from the draft and its measured marks."""
    fields = [
        {"kind": m.fill, "box": list(m.box), "look": m.look.to_dict() if m.look else {}}
        for m in marks
        if m.fill is not None and m.painted
    ]
    findings = [
        {
            "category": m.category,
            "box": list(m.box),
            "evidence": m.text or m.explanation or m.category,
        }
        for m in marks
        if not m.painted and m.status == "accepted"
    ]
    benign = [
        {"box": list(m.box), "what": m.explanation or m.text or "confirmed not identifying"}
        for m in marks
        if m.status == "not_identifying"
    ]
    kept = [
        {"tag": f.tag, "category": f.category, "value": f.value}
        for f in draft.metadata_fields
        if f.status == "keep_fictional" and f.tag in kept_metadata and f.category in CATEGORIES
    ]
    options: dict[str, Any] = {"file": asset_file, "sha256": sha256}
    for name, items in (
        ("fields", fields),
        ("findings", findings),
        ("benign", benign),
        ("metadata", kept),
    ):
        if items:
            options[name] = items
    title = draft.title or f"Authored case {draft.case_id}"
    spec: dict[str, Any] = {
        "schema": 1,
        "id": draft.case_id,
        "title": title,
        "kind": MODALITY_KINDS[draft.modality],
        "difficulty": draft.difficulty,
        "objectives": list(draft.objectives)
        or ["Find what in the picture could identify the patient"],
        "brief": draft.brief or f"A colleague wants to share this image: {title}.",
        "tags": ["authored"],
        "assets": [{"id": ASSET_ID, "type": "authored_image", "options": options}],
    }
    if draft.post.strip():
        spec["post"] = {
            "author": {"display_name": draft.post_author, "handle": draft.post_handle},
            "text": draft.post,
            "images": [ASSET_ID],
        }
    if draft.consent:
        spec["consent"] = dict(draft.consent)
    spec["decision"] = draft.decision
    spec["decision_reason"] = draft.decision_reason or "Remove what identifies before sharing."
    spec.update(_wording(marks))
    return spec
