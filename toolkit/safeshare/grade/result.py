"""The result of grading one answer: the score and everything behind it, JSON-ready.

What was found, found in the wrong category (partial), missed (with why it
identifies, the guidance and the remedy), each false alarm with why it is not a
risk here, the consent gaps found, missed and wrongly claimed, and the decision
with the key's reason. The widget's feedback overlay and the cohort report read
`Result.to_dict()`; the terminal reads `format_result_text`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from safeshare.grade.answer import AnswerLocation
from safeshare.grade.scoring import FindingsTally, PartScore
from safeshare.model.locations import Location

__all__ = [
    "RESULT_SCHEMA",
    "DecisionFeedback",
    "FindingFeedback",
    "GapFeedback",
    "MarkFeedback",
    "Result",
]

RESULT_SCHEMA = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class FindingFeedback:
    """A key finding and what became of it."""

    status: Literal["found", "partial", "missed"]
    """found (right place, right category), partial (right place, wrong category) or missed."""
    finding_id: str
    category: str
    label: str
    """The category's learner-facing name."""
    severity: str
    evidence: str
    """What is there, e.g. 'PRICE, Eleanor M'."""
    location: Location
    """Where the key has it."""
    marked: AnswerLocation | None
    """Where the learner marked it (None when missed)."""
    marked_category: str | None
    """The category the learner gave it (None when missed)."""
    credit: float
    """Share of this finding's weight earned: 1, the wrong-category credit, or 0."""
    explanation: str
    """Why it identifies."""
    guidance: tuple[str, ...]
    """Labels of the guidance it rests on."""
    remedy: str
    """What to do about it."""
    message: str
    """One learner-facing sentence or two."""
    note: str = ""
    """More about how it was marked: other items the same mark found, items on the same line
    the mark left out, a box to tighten, a second mark with another category ('' if none)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "finding_id": self.finding_id,
            "category": self.category,
            "label": self.label,
            "severity": self.severity,
            "evidence": self.evidence,
            "location": self.location.to_dict(),
            "marked": self.marked.to_dict() if self.marked is not None else None,
            "marked_category": self.marked_category,
            "credit": self.credit,
            "explanation": self.explanation,
            "guidance": list(self.guidance),
            "remedy": self.remedy,
            "message": self.message,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class MarkFeedback:
    """A mark of the learner's that matched nothing new: a false alarm or a repeat."""

    status: Literal["false_alarm", "repeat"]
    category: str
    label: str
    location: AnswerLocation
    """Where the learner marked."""
    explanation: str
    """Why it is not a risk here (false alarm) or what it repeats."""
    decoy: bool
    """True when the mark lies on a known look-alike (the key's decoy explained it)."""
    finding_id: str | None
    """For a repeat, the key finding already found."""
    message: str
    kind: str = ""
    """Why it found nothing new: for a false alarm 'nothing' (no key item there), 'decoy'
    (a known look-alike), 'loose' (it covers key items but is far bigger than them) or 'small'
    (it covers too little of one); for a repeat 'repeat' (the same category) or
    'wrong_category' (a second mark, in another category, of something already found)."""
    overlaps: tuple[str, ...] = ()
    """Ids of the key findings it overlaps (so it is never 'nothing here')."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "category": self.category,
            "label": self.label,
            "location": self.location.to_dict(),
            "explanation": self.explanation,
            "decoy": self.decoy,
            "finding_id": self.finding_id,
            "message": self.message,
            "kind": self.kind,
            "overlaps": list(self.overlaps),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class GapFeedback:
    """A consent gap: found, missed, or claimed where there is none."""

    status: Literal["found", "missed", "wrong"]
    gap_id: str
    label: str
    description: str
    guidance: tuple[str, ...]
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "gap_id": self.gap_id,
            "label": self.label,
            "description": self.description,
            "guidance": list(self.guidance),
            "message": self.message,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class DecisionFeedback:
    """The decision: the key's, the learner's, and why."""

    expected: str
    expected_label: str
    answered: str | None
    answered_label: str | None
    correct: bool
    reason: str
    """The key's reason for the decision."""
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "expected": self.expected,
            "expected_label": self.expected_label,
            "answered": self.answered,
            "answered_label": self.answered_label,
            "correct": self.correct,
            "reason": self.reason,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    """The graded answer."""

    case_id: str
    seed: int
    learner: str | None
    score: float
    """In [0, 1], a plain float."""
    parts: tuple[PartScore, ...]
    """findings, consent, decision: weight, score, and whether active."""
    tally: FindingsTally
    """The findings part's arithmetic."""
    found: tuple[FindingFeedback, ...]
    partial: tuple[FindingFeedback, ...]
    missed: tuple[FindingFeedback, ...]
    false_alarms: tuple[MarkFeedback, ...]
    repeats: tuple[MarkFeedback, ...]
    consent: tuple[GapFeedback, ...]
    """Every gap found, missed or wrongly claimed."""
    decision: DecisionFeedback
    summary: str
    """One line: the score and the counts."""

    @property
    def is_perfect(self) -> bool:
        return self.score == 1.0

    def part(self, name: str) -> PartScore:
        """The part with this name (findings, consent or decision)."""
        for part in self.parts:
            if part.name == name:
                return part
        raise KeyError(f"no part {name!r} (findings, consent, decision)")

    def gaps(self, status: str) -> tuple[GapFeedback, ...]:
        """Consent gaps with this status: found, missed or wrong."""
        return tuple(g for g in self.consent if g.status == status)

    def points(self, out_of: float) -> float:
        """The score as points out of `out_of`, a plain float never above it (for nbgrader)."""
        return float(min(out_of, max(0.0, round(self.score * out_of, 4))))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: only dicts, lists, strings, numbers, booleans and None."""
        return {
            "schema": RESULT_SCHEMA,
            "case_id": self.case_id,
            "seed": self.seed,
            "learner": self.learner,
            "score": self.score,
            "summary": self.summary,
            "parts": {p.name: p.to_dict() for p in self.parts},
            "findings": {
                "credit": self.tally.credit,
                "possible": self.tally.possible,
                "false_alarm_penalty": self.tally.penalty,
                "hit_rate": self.tally.hit_rate,
                "shotgun_factor": self.tally.shotgun_factor,
            },
            "found": [f.to_dict() for f in self.found],
            "partial": [f.to_dict() for f in self.partial],
            "missed": [f.to_dict() for f in self.missed],
            "false_alarms": [m.to_dict() for m in self.false_alarms],
            "repeats": [m.to_dict() for m in self.repeats],
            "consent_gaps": {
                status: [g.to_dict() for g in self.gaps(status)]
                for status in ("found", "missed", "wrong")
            },
            "decision": self.decision.to_dict(),
        }
