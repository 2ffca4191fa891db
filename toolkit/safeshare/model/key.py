"""The key: the annotated ground truth of one rendered case.

It is produced by the renderers (whatever they draw they record, with its
location), never typed by hand, and it is what answers are graded against.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from safeshare.model.locations import Location, location_from_dict

__all__ = ["KEY_SCHEMA", "BenignText", "Decoy", "Finding", "Key"]

KEY_SCHEMA = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One identifier or risk in the case, where it is, and what to say about it."""

    id: str
    """Stable within the key, e.g. 'frame:patient_name:1'."""
    category: str
    """A category id from the taxonomy."""
    location: Location
    """Where it is: a box, a span or a metadata field."""
    severity: str
    """high, medium or low: how much it weighs in the score."""
    evidence: str
    """What was drawn or written there, e.g. 'PRICE, Eleanor M'."""
    explanation: str
    """Why it identifies, for the learner."""
    guidance: tuple[str, ...]
    """Guidance ids it rests on."""
    remedy: str
    """What to do about it."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "category": self.category,
            "location": self.location.to_dict(),
            "severity": self.severity,
            "evidence": self.evidence,
            "explanation": self.explanation,
            "guidance": list(self.guidance),
            "remedy": self.remedy,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        return cls(
            id=str(data["id"]),
            category=str(data["category"]),
            location=location_from_dict(data["location"]),
            severity=str(data["severity"]),
            evidence=str(data["evidence"]),
            explanation=str(data["explanation"]),
            guidance=tuple(str(g) for g in data["guidance"]),
            remedy=str(data["remedy"]),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Decoy:
    """Something that looks risky but is not, with the reason: feedback for a false alarm."""

    location: Location
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        return {"location": self.location.to_dict(), "explanation": self.explanation}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Decoy:
        return cls(
            location=location_from_dict(data["location"]),
            explanation=str(data["explanation"]),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class BenignText:
    """Text a renderer drew that identifies no one and asks for no feedback.

    A scope setting, a scale bar, a label such as 'NAME' beside a name: declared
    where it is drawn, so an independent reader (OCR) of the pixels can tell it
    from a leak. Not graded: a mark on it is an ordinary false alarm.
    """

    location: Location
    what: str
    """What the text is, e.g. 'overlay field label'."""

    def to_dict(self) -> dict[str, Any]:
        return {"location": self.location.to_dict(), "what": self.what}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> BenignText:
        return cls(location=location_from_dict(data["location"]), what=str(data["what"]))


@dataclass(frozen=True, slots=True, kw_only=True)
class Key:
    """Ground truth for one case rendered with one seed."""

    case_id: str
    seed: int
    findings: tuple[Finding, ...]
    consent_gaps: tuple[str, ...]
    decision: str
    decision_reason: str
    decoys: tuple[Decoy, ...] = field(default=())
    benign: tuple[BenignText, ...] = field(default=())
    """Text drawn that identifies no one (labels, settings, scales), declared by its renderer."""

    @property
    def is_control(self) -> bool:
        """A control case: nothing to find, no consent gap, safe to share as it stands."""
        return not self.findings and not self.consent_gaps and self.decision == "share_as_is"

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": KEY_SCHEMA,
            "case_id": self.case_id,
            "seed": self.seed,
            "findings": [f.to_dict() for f in self.findings],
            "consent_gaps": list(self.consent_gaps),
            "decision": self.decision,
            "decision_reason": self.decision_reason,
            "decoys": [d.to_dict() for d in self.decoys],
            "benign": [b.to_dict() for b in self.benign],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Key:
        if data.get("schema") != KEY_SCHEMA:
            raise ValueError(f"key schema must be {KEY_SCHEMA} (got {data.get('schema')!r})")
        return cls(
            case_id=str(data["case_id"]),
            seed=int(data["seed"]),
            findings=tuple(Finding.from_dict(f) for f in data["findings"]),
            consent_gaps=tuple(str(g) for g in data["consent_gaps"]),
            decision=str(data["decision"]),
            decision_reason=str(data["decision_reason"]),
            decoys=tuple(Decoy.from_dict(d) for d in data.get("decoys", [])),
            benign=tuple(BenignText.from_dict(b) for b in data.get("benign", [])),
        )
