"""The score: three parts (findings, consent, decision) combined into one number in [0, 1].

- Findings: the severity-weighted share of the key's findings marked (a wrong
  category earns part of the credit), less a penalty per false alarm, capped;
  then the shotgun guard: when what the answer names rightly is a small share
  of all it marks, the part shrinks in proportion (marking everything cannot
  beat marking what matters).
- Consent: the F1 of the gaps claimed against the key's gaps, so a missed gap
  and a wrongly claimed gap both cost.
- Decision: right or wrong.

A part where the key has nothing to earn (no findings on a control case, no
consent gaps) is inactive: it gives no free credit, but mistakes there (false
alarms, gaps claimed that are not there) still cost up to its share, as a
fraction of the rest. So an empty answer scores 0 and the model answer exactly 1.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from safeshare.grade.answer import Answer
from safeshare.grade.matching import Matching
from safeshare.grade.rubric import Rubric
from safeshare.model.key import Key

__all__ = [
    "FindingsTally",
    "PartScore",
    "Score",
    "combine_parts",
    "consent_score",
    "decision_score",
    "findings_tally",
    "score_answer",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class FindingsTally:
    """The arithmetic of the findings part."""

    credit: float
    """Severity-weighted credit earned (wrong categories at part credit)."""
    possible: float
    """Severity-weighted total of the key's findings."""
    penalty: float
    """Share of the part taken off by false alarms, after the cap."""
    score: float
    """The part's score in [0, 1]."""
    hit_rate: float = 1.0
    """Findings named rightly (a wrong category counts at its part credit) over those plus the
    marks that name nothing rightly; 1 for an answer with no marks."""
    shotgun_factor: float = 1.0
    """What the part was multiplied by: 1 unless hit_rate is under the rubric's
    shotgun_hit_rate and there was something left to multiply (always 1 when the key has
    nothing to find)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PartScore:
    """One part of the score."""

    name: str
    """findings, consent or decision."""
    weight: float
    """Its share of the total, from the rubric (the three shares sum to 1)."""
    score: float
    """How well the answer did on this part, in [0, 1]."""
    active: bool
    """False when the key has nothing to earn here: then only mistakes count."""

    def to_dict(self) -> dict[str, Any]:
        return {"weight": self.weight, "score": self.score, "active": self.active}


@dataclass(frozen=True, slots=True, kw_only=True)
class Score:
    """The total and its parts."""

    total: float
    parts: tuple[PartScore, PartScore, PartScore]
    findings: FindingsTally


def _clamp(value: float) -> float:
    """Into [0, 1], as a plain float, rounded to 12 places (0.1, not 0.09999999999999999)."""
    return round(float(min(1.0, max(0.0, value))), 12)


def findings_tally(key: Key, matching: Matching, rubric: Rubric) -> FindingsTally:
    """Credit for what was found, less the capped false-alarm penalty."""
    possible = math.fsum(rubric.severity_weight(f.severity) for f in key.findings)
    credit = math.fsum(
        rubric.severity_weight(m.finding.severity)
        * (1.0 if m.right_category else rubric.wrong_category_credit)
        for m in matching.matches
    )
    penalty = min(len(matching.false_alarms) * rubric.false_alarm_penalty, rubric.false_alarm_cap)
    found = credit / possible if possible > 0 else 1.0
    named = math.fsum(
        1.0 if m.right_category else rubric.wrong_category_credit for m in matching.matches
    )
    marks = named + matching.wasted
    hit_rate = named / marks if marks > 0 else 1.0
    factor = 1.0
    if key.findings and hit_rate < rubric.shotgun_hit_rate and found > penalty:
        factor = hit_rate / rubric.shotgun_hit_rate
    return FindingsTally(
        credit=credit,
        possible=possible,
        penalty=penalty,
        score=_clamp((found - penalty) * factor),
        hit_rate=_clamp(hit_rate),
        shotgun_factor=_clamp(factor),
    )


def consent_score(expected: Collection[str], claimed: Collection[str]) -> float:
    """F1 of the claimed gaps against the key's: 1 when both are empty."""
    truth, given = set(expected), set(claimed)
    if not truth and not given:
        return 1.0
    return 2 * len(truth & given) / (len(truth) + len(given))


def decision_score(expected: str, answered: str | None) -> float:
    """1 for the key's decision, 0 for any other or none."""
    return 1.0 if answered == expected else 0.0


def combine_parts(parts: Collection[PartScore]) -> float:
    """The total: active parts share the credit; inactive parts can only take some away.

    total = base * (1 - loss), where base = sum(w * s over active) / sum(w over active)
    and loss = sum(w * (1 - s) over inactive), the weights being shares of 1. A
    mistake on an inactive part costs that fraction of whatever the rest earned,
    so the total never goes below 0. With every part perfect it is exactly 1.0.
    """
    active = [p for p in parts if p.active]
    active_weight = math.fsum(p.weight for p in active)
    base = (
        math.fsum(p.weight * p.score for p in active) / active_weight if active_weight > 0 else 1.0
    )
    loss = math.fsum(p.weight * (1.0 - p.score) for p in parts if not p.active)
    return _clamp(base * (1.0 - loss))


def score_answer(key: Key, answer: Answer, matching: Matching, rubric: Rubric) -> Score:
    """Score an answer whose findings were matched against the key."""
    tally = findings_tally(key, matching, rubric)
    weights = (rubric.findings_weight, rubric.consent_weight, rubric.decision_weight)
    whole = math.fsum(weights)
    shares = [w / whole for w in weights]
    parts = (
        PartScore(name="findings", weight=shares[0], score=tally.score, active=bool(key.findings)),
        PartScore(
            name="consent",
            weight=shares[1],
            score=consent_score(key.consent_gaps, answer.consent_gaps),
            active=bool(key.consent_gaps),
        ),
        PartScore(
            name="decision",
            weight=shares[2],
            score=decision_score(key.decision, answer.decision),
            active=True,
        ),
    )
    return Score(total=combine_parts(parts), parts=parts, findings=tally)
