"""What the page draws after Check and Reveal, built from a grade Result or the key.

The page needs, for each of the learner's marks, whether it was found, partly
right or a false alarm (to colour it), and for each key finding missed, where
it is (to draw it in red), each with the explanation, remedy and guidance to
show beside. All text stays plain: the page puts it in with textContent.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from safeshare.grade.answer import AnswerLocation, Point
from safeshare.grade.feedback_text import category_label, field_name, guidance_labels
from safeshare.grade.result import FindingFeedback, MarkFeedback, Result
from safeshare.model.key import Key
from safeshare.model.locations import Box, Location, MetaField, Span
from safeshare.model.view import CaseView
from safeshare.taxonomy import CONSENT_GAPS, DECISIONS

__all__ = ["feedback_state", "revealed_state", "where"]

_PART_LABELS = {"findings": "Identifiers", "consent": "Consent gaps", "decision": "Decision"}


def _asset_name(view: CaseView, asset_id: str) -> str:
    for asset in view.assets:
        if asset.id == asset_id:
            return asset.type.replace("_", " ")
    return asset_id


def where(view: CaseView, location: AnswerLocation | Location) -> str:
    """Where something is, in words a learner reads: quoting the words of a span."""
    if isinstance(location, Box | Point):
        return f"on the {_asset_name(view, location.asset)}"
    if isinstance(location, Span):
        fields = view.post.text_fields() if view.post else {}
        words = fields.get(location.field, "")[location.start : location.end]
        place = field_name(location.field)
        return f"“{words}” in {place}" if words else f"in {place}"
    assert isinstance(location, MetaField)
    return f"header field {location.tag} of the {_asset_name(view, location.asset)}"


def _key(category: str, location: Mapping[str, Any]) -> str:
    return json.dumps([category, location], sort_keys=True)


def _ids_by_finding(marks: Sequence[Mapping[str, Any]]) -> dict[str, list[str]]:
    ids: dict[str, list[str]] = {}
    for mark in marks:
        ids.setdefault(_key(mark["category"], mark["location"]), []).append(str(mark["id"]))
    return ids


def _finding_item(view: CaseView, f: FindingFeedback, mark_ids: list[str]) -> dict[str, Any]:
    note = ""
    if f.status == "partial" and f.marked_category:
        note = (
            f"Right place, but this is “{f.label}”, not “{category_label(f.marked_category)}” "
            f"({f.credit:.0%} of the credit)."
        )
    note = f"{note} {f.note}".strip()
    return {
        "finding_id": f.finding_id,
        "status": f.status,
        "mark_ids": mark_ids,
        "location": f.location.to_dict(),
        "category": f.category,
        "label": f.label,
        "where": where(view, f.location),
        "evidence": f.evidence,
        "note": note,
        "explanation": f.explanation,
        "remedy": f.remedy,
        "guidance": list(f.guidance),
    }


def _mark_note(m: MarkFeedback) -> str:
    if m.status != "repeat":
        return ""
    if m.kind == "wrong_category":
        return (
            "Marked again in another category: this mark earns nothing. "
            "Give each spot one category."
        )
    return "Marked twice: the second mark neither earns nor costs anything."


def _mark_item(view: CaseView, m: MarkFeedback, mark_ids: list[str]) -> dict[str, Any]:
    return {
        "finding_id": m.finding_id or "",
        "kind": m.kind,
        "overlaps": list(m.overlaps),
        "status": m.status,
        "mark_ids": mark_ids,
        "location": m.location.to_dict(),
        "category": m.category,
        "label": m.label,
        "where": where(view, m.location),
        "evidence": "",
        "note": _mark_note(m),
        "explanation": m.message if m.kind == "wrong_category" else m.explanation,
        "remedy": "",
        "guidance": [],
    }


def _headline(result: Result) -> str:
    total = len(result.found) + len(result.partial) + len(result.missed)
    bits = []
    if total:
        bits.append(f"You found {len(result.found) + len(result.partial)} of {total} identifiers")
    else:
        bits.append("Nothing in this case identifies the patient")
    if result.false_alarms:
        n = len(result.false_alarms)
        bits.append(f"{n} false alarm{'s' if n != 1 else ''}")
    bits.append("decision right" if result.decision.correct else "decision not right")
    headline = ", ".join(bits) + "."
    if result.tally.shotgun_factor < 1:
        headline += (
            f" You marked far more than you found: the identifiers part was multiplied by "
            f"{result.tally.shotgun_factor:.2f}."
        )
    return headline


def feedback_state(
    result: Result, marks: Sequence[Mapping[str, Any]], view: CaseView
) -> dict[str, Any]:
    """The Check overlay: every key finding and every mark with its status and explanation."""
    ids = _ids_by_finding(marks)

    def mark_ids(category: str | None, location: AnswerLocation | None) -> list[str]:
        if category is None or location is None:
            return []
        return ids.get(_key(category, location.to_dict()), [])

    items: list[dict[str, Any]] = []
    for f in (*result.found, *result.partial, *result.missed):
        items.append(_finding_item(view, f, mark_ids(f.marked_category, f.marked)))
    for m in (*result.false_alarms, *result.repeats):
        items.append(_mark_item(view, m, mark_ids(m.category, m.location)))
    # The page colours a mark by the first item naming it; give each item one mark id too.
    for item in items:
        item["mark_id"] = item["mark_ids"][0] if item["mark_ids"] else ""
    counts = {s: sum(1 for i in items if i["status"] == s) for s in ("found", "partial", "missed")}
    counts["false_alarm"] = len(result.false_alarms)
    counts["repeat"] = len(result.repeats)
    consent_items = [
        {
            "id": g.gap_id,
            "status": "false_alarm" if g.status == "wrong" else g.status,
            "label": g.label,
            "explanation": g.message if g.status == "wrong" else g.description,
        }
        for g in result.consent
    ]
    consent_summary = ""
    if not result.consent:
        consent_summary = "No consent gap in this case, and you claimed none."
    d = result.decision
    return {
        "score": result.score,
        "percent": round(result.score * 100),
        "headline": _headline(result),
        "summary": result.summary,
        "counts": counts,
        "hit_rate": result.tally.hit_rate,
        "shotgun_factor": result.tally.shotgun_factor,
        "parts": [
            {
                "label": _PART_LABELS.get(p.name, p.name),
                "text": f"{p.score:.0%}" if p.active else "nothing to find (only mistakes count)",
            }
            for p in result.parts
        ],
        "items": items,
        "consent": {"summary": consent_summary, "items": consent_items},
        "decision": {
            "chosen": d.answered or "",
            "chosen_label": d.answered_label or "",
            "expected": d.expected,
            "expected_label": d.expected_label,
            "correct": d.correct,
            "reason": d.reason,
        },
    }


def revealed_state(key: Key, view: CaseView) -> dict[str, Any]:
    """The key as the page shows it on Reveal: findings, look-alikes, gaps and the decision."""
    decision = DECISIONS.get(key.decision)
    return {
        "findings": [
            {
                "location": f.location.to_dict(),
                "category": f.category,
                "label": category_label(f.category),
                "where": where(view, f.location),
                "evidence": f.evidence,
                "explanation": f.explanation,
                "remedy": f.remedy,
                "guidance": list(guidance_labels(f.guidance)),
            }
            for f in key.findings
        ],
        "decoys": [
            {
                "location": d.location.to_dict(),
                "where": where(view, d.location),
                "explanation": d.explanation,
            }
            for d in key.decoys
        ],
        "consent_gaps": [
            CONSENT_GAPS[g].label if g in CONSENT_GAPS else g for g in key.consent_gaps
        ],
        "decision": {
            "id": key.decision,
            "label": decision.label if decision else key.decision,
            "reason": key.decision_reason,
        },
    }
