"""grade(): one answer against one key, to a Result. Pure and deterministic.

The answer must be for the key's case and variant; anything else is refused
with an AnswerError that says which, so a learner never gets a grade for the
wrong case.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from safeshare.errors import AnswerError
from safeshare.grade.answer import Answer, AnswerFinding
from safeshare.grade.bounds import check_marks
from safeshare.grade.cover import KeyIndex
from safeshare.grade.feedback_text import (
    category_label,
    decision_message,
    decoys_for,
    finding_message,
    finding_note,
    gap_message,
    guidance_labels,
    mark_explanation,
    repeat_message,
)
from safeshare.grade.matching import MarkOutcome, Match, Matching, match_findings, overlaps
from safeshare.grade.result import (
    DecisionFeedback,
    FindingFeedback,
    GapFeedback,
    MarkFeedback,
    Result,
)
from safeshare.grade.rubric import DEFAULT_RUBRIC, Rubric
from safeshare.grade.scoring import Score, score_answer
from safeshare.model.key import Decoy, Finding, Key
from safeshare.model.locations import Box
from safeshare.model.view import CaseView
from safeshare.taxonomy import CONSENT_GAPS, DECISIONS

__all__ = ["grade"]

_DECOY_SHARE = 0.3
"""A box "also covers" a look-alike when this share of the look-alike lies inside it."""


def grade(
    key: Key,
    answer: Answer,
    *,
    rubric: Rubric = DEFAULT_RUBRIC,
    source: str | Path | None = None,
    view: CaseView | None = None,
) -> Result:
    """Grade an answer against the key of the same case and variant.

    `source` names the answer file in an AnswerError (default: where the answer
    was read from). With the case's `view`, a mark on an asset the case does not
    have, wholly outside its image, or in a field or header row that does not
    exist is refused (AnswerError) rather than counted as a false alarm. The
    score is a plain float in [0, 1]; the model answer (answer_from_key) scores
    exactly 1.0.
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
    if view is not None:
        check_marks(answer, view, source=str(where))
    index = KeyIndex(key.findings)
    matching = match_findings(key, answer.findings, rubric, index=index)
    score = score_answer(key, answer, matching, rubric)
    found, partial, missed = _finding_feedback(key, matching, index, rubric)
    alarms = [o for o in matching.outcomes if not o.found]
    decoys = decoys_for([o.mark.location for o in alarms], key.decoys)
    false_alarms = tuple(
        _false_alarm(outcome, decoy, rubric) for outcome, decoy in zip(alarms, decoys, strict=True)
    )
    repeats = tuple(_repeat(mark, finding) for mark, finding in matching.repeats)
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


def _decoy_covered(match: Match, decoys: tuple[Decoy, ...]) -> Decoy | None:
    """A look-alike a credited box also covers (a good share of it), if any."""
    mark = match.answer.location
    if not isinstance(mark, Box):
        return None
    for decoy in decoys:
        other = decoy.location
        if isinstance(other, Box) and other.asset == mark.asset and other.area:
            share = overlaps(other, mark)
            if share >= _DECOY_SHARE:
                return decoy
    return None


@dataclass(frozen=True, slots=True)
class _Seen:
    """What the whole answer did to each key finding, gathered once for the notes."""

    position: dict[str, int]
    """Finding id to its index in the key."""
    found: set[str]
    """Ids of findings found (at full or part credit)."""
    other_categories: dict[str, set[str]]
    """Finding id to the categories of marks on it that earned nothing (wrong-category
    duplicates)."""
    near: dict[str, list[str]]
    """Finding id to why marks that overlap it did not count ('loose', 'small')."""


def _seen(matching: Matching, index: KeyIndex) -> _Seen:
    other: dict[str, set[str]] = {}
    near: dict[str, list[str]] = {}
    for o in matching.outcomes:
        if o.found and not o.credited:
            for g in o.found:
                if g.category != o.mark.category:
                    other.setdefault(g.id, set()).add(o.mark.category)
        for g, why in o.touched:
            near.setdefault(g.id, []).append(why)
    return _Seen(
        position={g.id: k for k, g in enumerate(index.findings)},
        found={m.finding.id for m in matching.matches},
        other_categories=other,
        near=near,
    )


def _note(match: Match, key: Key, seen: _Seen, index: KeyIndex, outcome: MarkOutcome) -> str:
    f = match.finding
    together = [g for g in outcome.found if g.id != f.id]
    me = seen.position[f.id]
    mates = set(index.line_mates(me))
    same_line = bool(together) and all(seen.position[g.id] in mates for g in together)
    left_out = [index.findings[k] for k in sorted(mates) if index.findings[k].id not in seen.found]
    wrong = sorted(seen.other_categories.get(f.id, ()))
    # A note on the first finding of a shared mark is enough: the others point to it.
    if together and min(seen.position[g.id] for g in outcome.found) != me:
        together = []
    note = finding_note(
        f,
        together=together,
        same_line=same_line,
        left_out=left_out,
        decoy=_decoy_covered(match, key.decoys),
        other_categories=wrong if match.right_category else [],
    )
    if not match.right_category and len(outcome.found) > 1:
        label = category_label(f.category)
        note = (
            f"{note} A mark has one category, and yours found more than this: mark it again "
            f"as “{label}” for full credit."
        ).strip()
    return note


def _finding_feedback(
    key: Key, matching: Matching, index: KeyIndex, rubric: Rubric
) -> tuple[tuple[FindingFeedback, ...], tuple[FindingFeedback, ...], tuple[FindingFeedback, ...]]:
    found: list[FindingFeedback] = []
    partial: list[FindingFeedback] = []
    by_finding = {f.id: o for o in matching.outcomes for f in o.credited}
    seen = _seen(matching, index)
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
            note=_note(match, key, seen, index, by_finding[f.id]),
        )
        (found if match.right_category else partial).append(item)
    missed = tuple(_missed(f, seen.near.get(f.id, [])) for f in matching.missed)
    return tuple(found), tuple(partial), missed


def _missed(f: Finding, near: list[str]) -> FindingFeedback:
    note = ""
    if near:
        note = "One of your marks overlaps it but does not count: " + (
            "it is too loose." if "loose" in near else "it covers too little of it."
        )
    return FindingFeedback(
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
        note=note,
    )


def _false_alarm(outcome: MarkOutcome, decoy: Decoy | None, rubric: Rubric) -> MarkFeedback:
    mark = outcome.mark
    explanation, kind = mark_explanation(
        mark, (decoy,) if decoy is not None else (), touched=outcome.touched, rubric=rubric
    )
    label = category_label(mark.category)
    lead = "Does not count" if outcome.touched else "Not a risk here"
    return MarkFeedback(
        status="false_alarm",
        category=mark.category,
        label=label,
        location=mark.location,
        explanation=explanation,
        decoy=kind == "decoy",
        finding_id=None,
        message=f"{lead} ({label}): {explanation}",
        kind=kind,
        overlaps=tuple(dict.fromkeys(f.id for f, _ in outcome.touched)) if outcome.touched else (),
    )


def _repeat(mark: AnswerFinding, finding: Finding) -> MarkFeedback:
    same = mark.category == finding.category
    return MarkFeedback(
        status="repeat",
        category=mark.category,
        label=category_label(mark.category),
        location=mark.location,
        explanation=f"Already found: {finding.id}."
        if same
        else f"Already found as “{category_label(finding.category)}”: {finding.id}.",
        decoy=False,
        finding_id=finding.id,
        message=repeat_message(mark, finding),
        kind="repeat" if same else "wrong_category",
        overlaps=(finding.id,),
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
    others = sum(1 for mark, f in matching.repeats if mark.category != f.category)
    if others:
        bits.append(f"{others} marked again in another category")
    if score.findings.shotgun_factor < 1:
        bits.append(
            f"marked far more than found (identifiers part x{score.findings.shotgun_factor:.2f})"
        )
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
