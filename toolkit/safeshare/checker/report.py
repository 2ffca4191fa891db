"""The report: what would most easily identify the patient, first, with the guidance behind it.

Detections are grouped by category and ranked: direct identifiers before
indirect ones before hidden data, and within each by severity. Each item says
why it matters (the taxonomy's description and guidance, the citations the
course uses) and what to do. Last come the consent elements still needed to
post publicly: required where anything identifies, good practice otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from safeshare.checker.detection import Detection
from safeshare.taxonomy import CATEGORIES, CONSENT_GAPS, guidance

__all__ = ["EXTRA_KINDS", "CheckReport", "FileCheck", "ReportItem", "build_items", "consent_needed"]


@dataclass(frozen=True, slots=True)
class _Kind:
    label: str
    description: str
    severity: str
    group: str
    guidance: tuple[str, ...]
    remedy: str


EXTRA_KINDS: dict[str, _Kind] = {
    "embedded_thumbnail": _Kind(
        "Thumbnail that still shows the original",
        "A small copy stored inside the file, made before it was cropped or masked: anyone can "
        "extract it and see what was cut out.",
        "high",
        "hidden",
        ("sor_cropping", "gmc_recordings_17"),
        "Re-encode the image (safeshare deidentify does) so no thumbnail travels with it.",
    ),
    "dicom_overlay": _Kind(
        "Overlay plane in the DICOM file",
        "Graphics stored beside the pixels and drawn over them by viewers: often annotations, "
        "sometimes names or dates.",
        "medium",
        "hidden",
        ("dicom_ps315_e", "dicom_ps315_pixels"),
        "Remove overlays (the Clean Graphics option), or share an exported image instead.",
    ),
    "": _Kind(
        "Text in the image no rule recognised",
        "Words burned into the pixels that the checker could not classify: read them, since a "
        "search engine will.",
        "low",
        "direct",
        ("gmc_recordings_10_12", "gmc_recordings_17"),
        "Read it; mask it if it says anything about the patient, the place or the time.",
    ),
}
"""Kinds the checker reports that the course's taxonomy does not name."""

_GROUP_ORDER = {"direct": 0, "indirect": 1, "hidden": 2}
_SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


def _kind(category: str) -> _Kind:
    if category in CATEGORIES:
        c = CATEGORIES[category]
        return _Kind(c.label, c.description, c.severity.value, c.group.value, c.guidance, c.remedy)
    return EXTRA_KINDS[category]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportItem:
    """One category of identifier found, with every place it was found."""

    category: str
    label: str
    group: str
    severity: str
    why: str
    guidance: tuple[str, ...]
    """Guidance ids (safeshare.taxonomy)."""
    remedy: str
    detections: tuple[Detection, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "label": self.label,
            "group": self.group,
            "severity": self.severity,
            "why": self.why,
            "guidance": [{"id": g, "label": guidance(g).label} for g in self.guidance],
            "remedy": self.remedy,
            "found": [d.to_dict() for d in self.detections],
        }


def build_items(detections: list[Detection]) -> list[ReportItem]:
    """Detections grouped by category, most identifying first."""
    by_category: dict[str, list[Detection]] = {}
    for d in detections:
        by_category.setdefault(d.category, []).append(d)
    items = []
    for category, found in by_category.items():
        kind = _kind(category)
        items.append(
            ReportItem(
                category=category,
                label=kind.label,
                group=kind.group,
                severity=kind.severity,
                why=kind.description,
                guidance=kind.guidance,
                remedy=kind.remedy,
                detections=tuple(found),
            )
        )
    confirm_only = {i.category for i in items if all(d.confirm for d in i.detections)}
    return sorted(
        items,
        key=lambda i: (
            i.category in confirm_only and i.category != "full_face",
            _SEVERITY_ORDER[i.severity],
            _GROUP_ORDER[i.group],
            -len(i.detections),
        ),
    )


_CONSENT_ELEMENTS = (
    ("no_consent_recorded", "Written consent, recorded and kept with the image"),
    ("scope_excludes_social_media", "Consent that names social media as the use"),
    ("platforms_not_named", "The platforms named on the form"),
    ("public_visibility_not_explained", "The patient told that anyone, anywhere, can see the post"),
    ("loss_of_control_not_explained", "The patient told the image cannot be recalled once shared"),
    ("capacity_not_established", "Capacity to make this decision, assessed at the time"),
    ("not_voluntary", "Freely given, with no pressure and no effect on care"),
    ("right_person_not_asked", "The right person: a parent for a child who cannot consent"),
)


def consent_needed(items: list[ReportItem]) -> dict[str, Any]:
    """The consent elements a public post needs, and whether they are required here."""
    identifiable = any(i.group == "direct" and i.category for i in items) or any(
        i.severity == "high" and i.category for i in items
    )
    return {
        "required": identifiable,
        "why": (
            "Something in the image, file or post can identify the patient: specific written "
            "consent is needed before posting it publicly."
            if identifiable
            else "Nothing found identifies the patient directly; seeking consent for a public "
            "post is still good practice, and the clinical story can still identify."
        ),
        "guidance": [
            {"id": g, "label": guidance(g).label}
            for g in ("gmc_recordings_36_38", "seed_box1_consent", "montgomery")
        ],
        "elements": [
            {"gap": gap, "needed": text, "label": CONSENT_GAPS[gap].label}
            for gap, text in _CONSENT_ELEMENTS
        ],
    }


@dataclass(frozen=True, slots=True, kw_only=True)
class FileCheck:
    """What the checker found in one file."""

    path: str
    kind: str
    """photo (JPEG, HEIC), image (PNG and others), or dicom."""
    asset: str
    """The asset id its locations use."""
    width: int
    height: int
    detections: tuple[Detection, ...]
    unchecked: tuple[str, ...] = ()
    """What the checker could not check or guarantee in this file."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "kind": self.kind,
            "asset": self.asset,
            "width": self.width,
            "height": self.height,
            "detections": [d.to_dict() for d in self.detections],
            "unchecked": list(self.unchecked),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckReport:
    """A check of some files and a post: ranked items and the consent still needed."""

    files: tuple[FileCheck, ...]
    post: tuple[Detection, ...] = ()
    items: tuple[ReportItem, ...] = field(default=())

    @classmethod
    def of(cls, files: list[FileCheck], post: list[Detection]) -> CheckReport:
        everything = [d for f in files for d in f.detections] + post
        return cls(files=tuple(files), post=tuple(post), items=tuple(build_items(everything)))

    def to_dict(self) -> dict[str, Any]:
        items = list(self.items)
        return {
            "files": [f.to_dict() for f in self.files],
            "post": [d.to_dict() for d in self.post],
            "ranked": [i.to_dict() for i in items],
            "consent": consent_needed(items),
        }

    def to_text(self) -> str:
        """The report for a person: most identifying first, each with its guidance."""
        out: list[str] = []
        for f in self.files:
            out.append(f"{f.path}: {f.kind}, {f.width}x{f.height}, {len(f.detections)} found")
            out += [f"  cannot guarantee: {note}" for note in f.unchecked]
        if not self.items:
            out.append("Nothing found that identifies the patient.")
        for rank, item in enumerate(self.items, 1):
            out.append(f"\n{rank}. {item.label} [{item.severity}] x{len(item.detections)}")
            for d in item.detections[:6]:
                where = d.location.to_dict()
                place = {k: v for k, v in where.items() if k not in ("type",)}
                mark = " (confirm)" if d.confirm else ""
                out.append(f"   - {d.evidence[:80]!r}{mark} at {place}")
            if len(item.detections) > 6:
                out.append(f"   - and {len(item.detections) - 6} more")
            out.append(f"   why: {item.why}")
            out.append(f"   do: {item.remedy}")
            out.append("   guidance: " + "; ".join(guidance(g).label for g in item.guidance))
        consent = consent_needed(list(self.items))
        out.append("\nConsent " + ("REQUIRED" if consent["required"] else "(good practice)"))
        out.append(f"  {consent['why']}")
        out += [f"  - {e['needed']}" for e in consent["elements"]]
        return "\n".join(out)
