"""grade(): one answer against one key, to a Result. Pure and deterministic.

The answer must be for the key's case and variant; anything else is refused
with an AnswerError that says which, so a learner never gets a grade for the
wrong case.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from safeshare.errors import AnswerError
from safeshare.grade.answer import Answer, AnswerFinding
from safeshare.grade.feedback import (
    category_label,
    decision_message,
    false_alarm_explanation,
    finding_message,
    gap_message,
    guidance_labels,
    repeat_message,
)
from safeshare.grade.matching import Matching, match_findings
from safeshare.grade.result import (
    DecisionFeedback,
    FindingFeedback,
    GapFeedback,
    MarkFeedback,
    Result,
)
from safeshare.grade.rubric import DEFAULT_RUBRIC, Rubric
from safeshare.grade.scoring import Score, score_answer
from safeshare.model.key import Key
from safeshare.taxonomy import CONSENT_GAPS, DECISIONS

__all__ = ["grade"]


def grade(
    key: Key,
    answer: Answer,
    *,
    rubric: Rubric = DEFAULT_RUBRIC,
    source: str | Path | None = None,
) -> Result:
    """Grade an answer against the key of the same case and variant.

    `source` names the answer file in an AnswerError (default: where the answer
    was read from). The score is a plain float in [0, 1]; the model answer
    (answer_from_key) scores exactly 1.0.
    """
    where = source if source is not None else (answer.source or "answer")
    if answer.case_id != key.case_id:
        raise AnswerError(
            f"this answer is for case {answer.case_id}, not {key.case_id}: "
            f"grade it against case {answer.case_id}",
            source=where,
        )
    if answer.seed != key.seed:
        raise AnswerError(
            f"this answer is for variant (seed) {answer.seed} of {key.case_id}, but the key is "
            f"for seed {key.seed}: grade it against seed {answer.seed}",
            source=where,
        )
    matching = match_findings(key, answer.findings, rubric)
    score = score_answer(key, answer, matching, rubric)
    found, partial, missed = _finding_feedback(matching, rubric)
    false_alarms = tuple(_false_alarm(key, mark, rubric) for mark in matching.false_alarms)
    credited = {m.finding.id: m.answer.category for m in matching.matches}
    repeats = tuple(
        MarkFeedback(
            status="repeat",
            category=mark.category,
            label=category_label(mark.category),
            location=mark.location,
            explanation=f"Already found: {finding.id}.",
            decoy=False,
            finding_id=finding.id,
            message=repeat_message(mark, finding, counted_as=credited.get(finding.id)),
        )
        for mark, finding in matching.repeats
    )
    return Result(
        case_id=key.case_id,
        seed=key.seed,
        learner=answer.learner,
        score=score.total,
        parts=score.parts,
        tally=score.findings,
        found=found,
        partial=partial,
        missed=missed,
        false_alarms=false_alarms,
        repeats=repeats,
        consent=_gap_feedback(key, answer),
        decision=_decision_feedback(key, answer),
        summary=_summary(key, answer, score, matching),
    )


def _finding_feedback(
    matching: Matching, rubric: Rubric
) -> tuple[tuple[FindingFeedback, ...], tuple[FindingFeedback, ...], tuple[FindingFeedback, ...]]:
    found: list[FindingFeedback] = []
    partial: list[FindingFeedback] = []
    for match in matching.matches:
        f = match.finding
        status: Literal["found", "partial"] = "found" if match.right_category else "partial"
        credit = 1.0 if match.right_category else rubric.wrong_category_credit
        item = FindingFeedback(
            status=status,
            finding_id=f.id,
            category=f.category,
            label=category_label(f.category),
            severity=f.severity,
            evidence=f.evidence,
            location=f.location,
            marked=match.answer.location,
            marked_category=match.answer.category,
            credit=credit,
            explanation=f.explanation,
            guidance=guidance_labels(f.guidance),
            remedy=f.remedy,
            message=finding_message(
                f, status=status, marked_category=match.answer.category, credit=credit
            ),
        )
        (found if match.right_category else partial).append(item)
    missed = tuple(
        FindingFeedback(
            status="missed",
            finding_id=f.id,
            category=f.category,
            label=category_label(f.category),
            severity=f.severity,
            evidence=f.evidence,
            location=f.location,
            marked=None,
            marked_category=None,
            credit=0.0,
            explanation=f.explanation,
            guidance=guidance_labels(f.guidance),
            remedy=f.remedy,
            message=finding_message(f, status="missed"),
        )
        for f in matching.missed
    )
    return tuple(found), tuple(partial), missed


def _false_alarm(key: Key, mark: AnswerFinding, rubric: Rubric) -> MarkFeedback:
    explanation, decoy = false_alarm_explanation(
        mark, key.decoys, findings=key.findings, rubric=rubric
    )
    label = category_label(mark.category)
    return MarkFeedback(
        status="false_alarm",
        category=mark.category,
        label=label,
        location=mark.location,
        explanation=explanation,
        decoy=decoy,
        finding_id=None,
        message=f"Not a risk here ({label}): {explanation}",
    )


def _gap_feedback(key: Key, answer: Answer) -> tuple[GapFeedback, ...]:
    expected = tuple(dict.fromkeys(key.consent_gaps))
    claimed = set(answer.consent_gaps)
    items: list[tuple[str, Literal["found", "missed", "wrong"]]] = [
        (g, "found" if g in claimed else "missed") for g in expected
    ]
    items += [(g, "wrong") for g in CONSENT_GAPS if g in claimed and g not in expected]
    result = []
    for gap_id, status in items:
        gap = CONSENT_GAPS.get(gap_id)
        result.append(
            GapFeedback(
                status=status,
                gap_id=gap_id,
                label=gap.label if gap else gap_id,
                description=gap.description if gap else "",
                guidance=guidance_labels(gap.guidance) if gap else (),
                message=gap_message(gap_id, status=status, expected=expected),
            )
        )
    return tuple(result)


def _decision_feedback(key: Key, answer: Answer) -> DecisionFeedback:
    def label(decision_id: str | None) -> str | None:
        if decision_id is None:
            return None
        return DECISIONS[decision_id].label if decision_id in DECISIONS else decision_id

    return DecisionFeedback(
        expected=key.decision,
        expected_label=label(key.decision) or key.decision,
        answered=answer.decision,
        answered_label=label(answer.decision),
        correct=answer.decision == key.decision,
        reason=key.decision_reason,
        message=decision_message(key.decision, answer.decision, key.decision_reason),
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _summary(key: Key, answer: Answer, score: Score, matching: Matching) -> str:
    bits: list[str] = []
    if key.findings:
        marked = len(matching.matches)
        partial = sum(not m.right_category for m in matching.matches)
        text = f"found {marked} of {len(key.findings)} identifiers"
        if partial:
            text += f" ({partial} in the wrong category)"
        bits.append(text)
    else:
        bits.append("nothing to find in this case")
    bits.append(_plural(len(matching.false_alarms), "false alarm"))
    hit = len(set(key.consent_gaps) & set(answer.consent_gaps))
    wrong = len(set(answer.consent_gaps) - set(key.consent_gaps))
    if key.consent_gaps:
        text = f"consent gaps {hit} of {len(set(key.consent_gaps))}"
        if wrong:
            text += f", {wrong} claimed that {'is' if wrong == 1 else 'are'} not there"
        bits.append(text)
    elif wrong:
        bits.append(f"no consent gap here, but {wrong} claimed")
    if answer.decision is None:
        bits.append("no decision")
    else:
        bits.append("decision right" if answer.decision == key.decision else "decision wrong")
    return f"Score {score.total:.0%}: " + "; ".join(bits) + "."
