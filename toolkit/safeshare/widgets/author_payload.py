"""What the author page needs besides the draft: the picture, the taxonomy's wording, the forms.

Like the exercise's payload, everything travels inside it (the picture as a data
URL): nothing is fetched from a server or a CDN, and nothing leaves the machine.
The choices (categories with their default wording, guidance, severities,
decisions, field kinds to fill, the consent record's fields) come from the
taxonomy and the author package, so the page cannot drift from what the draft
reader accepts.
"""

from __future__ import annotations

from typing import Any

from safeshare.author.draft import METADATA_STATUSES, MODALITIES, AuthorDraft
from safeshare.author.guard import GuardReport
from safeshare.render.authored.fields import FILL_KINDS
from safeshare.taxonomy import (
    CATEGORIES,
    DECISIONS,
    GUIDANCE,
    Capacity,
    ConsentForm,
    ConsentRecord,
    PatientStatus,
    Purpose,
    Severity,
)
from safeshare.widgets.payload import GROUP_LABELS, data_url

__all__ = ["author_taxonomy", "guard_payload", "image_payload"]

_MODALITY_LABELS = {
    "photo": "Clinical photo",
    "endoscopy": "Endoscopy frame",
    "radiology": "Radiology image",
    "screenshot": "Screenshot (a slide, a viewer, a processor screen)",
}
_METADATA_LABELS = {
    "strip": "Strip it",
    "keep_fictional": "Keep it (its value is fictional)",
    "not_identifying": "Not identifying (stripped all the same)",
}
_FILL_LABELS = {"nhs_number": "NHS number"}
_CONSENT_FORMS = {
    ConsentForm.NONE: "None recorded",
    ConsentForm.VERBAL: "Verbal",
    ConsentForm.WRITTEN: "Written",
}
_PURPOSES = {
    Purpose.RECORDS: "The clinical record",
    Purpose.TEACHING: "Teaching",
    Purpose.JOURNAL: "A journal article",
    Purpose.SOCIAL_MEDIA: "Social media",
}
_CAPACITY = {
    Capacity.ASSESSED: "Assessed: the patient could decide",
    Capacity.NOT_ASSESSED: "Not assessed",
    Capacity.LACKING: "Lacking (e.g. under sedation)",
}
_PATIENT = {
    PatientStatus.ADULT: "An adult",
    PatientStatus.CHILD: "A child",
    PatientStatus.DECEASED: "Has died",
}


def _options(labels: dict[Any, str]) -> list[dict[str, str]]:
    return [{"id": str(getattr(k, "value", k)), "label": v} for k, v in labels.items()]


def _plain(value: Any) -> Any:
    """An enum as its value, a tuple as a list: the record's default as JSON."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return getattr(value, "value", value)


def _consent_fields() -> list[dict[str, Any]]:
    """The consent record's fields (taxonomy.ConsentRecord) as form controls, in its order,
    each with the record's default (what a field left out of the draft's record means)."""
    blank = ConsentRecord()
    fields: list[dict[str, Any]] = [
        {
            "id": "form",
            "label": "Form of consent",
            "kind": "choice",
            "options": _options(_CONSENT_FORMS),
        },
        {
            "id": "purposes",
            "label": "Uses the patient agreed to",
            "kind": "choices",
            "options": _options(_PURPOSES),
        },
        {"id": "platforms", "label": "Platforms named", "kind": "lines", "hint": "one a line"},
        {
            "id": "public_visibility_explained",
            "label": "Told that the post is visible to anyone",
            "kind": "flag",
        },
        {
            "id": "loss_of_control_explained",
            "label": "Told that a shared image cannot be recalled",
            "kind": "flag",
        },
        {"id": "capacity", "label": "Capacity", "kind": "choice", "options": _options(_CAPACITY)},
        {"id": "voluntary", "label": "Given freely, without pressure", "kind": "flag"},
        {"id": "withdrawn", "label": "Withdrawn later", "kind": "flag"},
        {
            "id": "patient_status",
            "label": "The patient",
            "kind": "choice",
            "options": _options(_PATIENT),
        },
        {
            "id": "consented_by",
            "label": "Consent given by",
            "kind": "text",
            "hint": "patient, parent, next of kin",
        },
        {
            "id": "date",
            "label": "Date recorded",
            "kind": "text",
            "hint": "fictional, e.g. 03/02/2025",
        },
        {"id": "notes", "label": "Notes on the record", "kind": "text"},
    ]
    return [{**f, "default": _plain(getattr(blank, f["id"]))} for f in fields]


def author_taxonomy() -> dict[str, Any]:
    """Categories (with their default wording), guidance, and every choice the page offers."""
    groups = []
    for group, (heading, hint) in GROUP_LABELS.items():
        items = [
            {
                "id": c.id,
                "label": c.label,
                "description": c.description,
                "severity": c.severity.value,
                "guidance": list(c.guidance),
                "remedy": c.remedy,
            }
            for c in CATEGORIES.values()
            if c.group is group
        ]
        groups.append({"id": group.value, "label": heading, "hint": hint, "items": items})
    return {
        "category_groups": groups,
        "guidance": [
            {"id": g.id, "label": g.label, "summary": g.summary} for g in GUIDANCE.values()
        ],
        "severities": [{"id": s.value, "label": s.value.capitalize()} for s in Severity],
        "decisions": [
            {"id": d.id, "label": d.label, "description": d.description} for d in DECISIONS.values()
        ],
        "modalities": [{"id": m, "label": _MODALITY_LABELS.get(m, m)} for m in MODALITIES],
        "fill_kinds": [
            {
                "id": kind,
                "label": _FILL_LABELS.get(kind, kind.replace("_", " ")),
                "category": info.category,
                "example": info.example,
            }
            for kind, info in FILL_KINDS.items()
        ],
        "metadata_statuses": [
            {"id": s, "label": _METADATA_LABELS.get(s, s)} for s in METADATA_STATUSES
        ],
        "consent_fields": _consent_fields(),
    }


def image_payload(draft: AuthorDraft) -> dict[str, Any]:
    """The draft's picture as the browser shows it (its preview: the asset, or a DICOM's pixels)."""
    shown = draft.preview or draft.asset
    label = draft.source_name or draft.asset.name
    return {
        "src": data_url(shown),
        "width": draft.width,
        "height": draft.height,
        "label": f"{label} ({draft.width} by {draft.height} pixels)",
    }


def guard_payload(report: GuardReport, *, n: int) -> dict[str, Any]:
    """The guard's report for the page; `n` numbers the reports so each one reaches the page."""
    return {**report.to_dict(), "n": n}
