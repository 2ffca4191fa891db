"""Questions for the room, written from what the room did with a case.

The facilitator reads them out or picks one: each points at something the
numbers show (an identifier most missed, a look-alike many marked, a split
decision, a consent gap overlooked), never at a person.
"""

from __future__ import annotations

from safeshare.dashboard.case_stats import CaseStats

__all__ = ["discussion_prompts"]

MISSED_BY = 0.5
"""An identifier found by fewer than this share of the room is worth a question."""
COMMON_ALARM = 0.25
"""A false alarm raised by at least this share of the room is worth a question."""


def _share(count: int, total: int) -> str:
    return f"{count} of {total}"


def discussion_prompts(stats: CaseStats, *, limit: int = 5) -> list[str]:
    """Up to `limit` prompts for this case, the most telling first."""
    n = stats.answered
    if n == 0:
        return ["Nobody has saved an answer to this case yet: give the room a few minutes."]
    prompts: list[str] = []
    for finding in stats.most_missed(limit=2):
        if finding.rate < MISSED_BY:
            prompts.append(
                f"Only {_share(finding.found, n)} found the {finding.label.lower()} "
                f"(“{finding.evidence}”). Where is it, and who could it identify the patient to?"
            )
    for alarm in stats.alarms[:2]:
        if alarm.learners / n >= COMMON_ALARM:
            if alarm.decoy:
                prompts.append(
                    f"{_share(alarm.learners, n)} marked a look-alike as “{alarm.label}”. "
                    "What makes it safe to leave, and how would you check?"
                )
            else:
                prompts.append(
                    f"{_share(alarm.learners, n)} marked “{alarm.label}” where the key has "
                    "none. What did they see, and does it identify anyone?"
                )
    chosen = {label: count for label, count in stats.decisions.items() if count}
    if len(chosen) > 1:
        spread = ", ".join(f"{label}: {count}" for label, count in chosen.items())
        prompts.append(
            f"The room is split on what to do ({spread}). Ask one person from each side "
            f"for their reason; the key says “{stats.expected_decision}”."
        )
    for gap, count in list(stats.gaps_missed.items())[:1]:
        if count / n >= MISSED_BY:
            prompts.append(
                f"{_share(count, n)} did not notice that the consent record lacks: {gap}. "
                "What would the patient need to be told?"
            )
    if not prompts:
        prompts.append(
            "The room did well on this case. Ask what would make it identifiable: a rarer "
            "condition, a date in the post, the author's profile?"
        )
    return prompts[:limit]
