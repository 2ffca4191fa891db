"""The report's section on answers that look alike: the rule, the pairs, and what they share.

Worded as a place to look, not a verdict: the rule is stated beside the
figures so the educator can judge each pair, and what the check cannot see
(two perfect answers) is said. Every learner id and mark description is escaped.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

from safeshare.report.markup import pct, table
from safeshare.report.similarity import (
    BOX_IOU,
    POINT_PIXELS,
    RARE_SHARE,
    SIMILARITY,
    SPAN_SHARE,
    AlikePair,
    Likeness,
)
from safeshare.taxonomy import DECISIONS

__all__ = ["alike_section"]


def _rule() -> str:
    return (
        "<p>Within each item, learners given the same variant are compared. Marks pair up "
        f"when they have the same category and the same place (boxes overlapping by "
        f"{pct(BOX_IOU)} or more, clicks within {POINT_PIXELS:.0f} pixels, text marks sharing "
        f"{pct(SPAN_SHARE)} of their words, the same metadata field); <b>similarity</b> is "
        "the marks paired over the marks of either answer. A pair is listed when similarity "
        f"is {pct(SIMILARITY)} or more, both made the same decision, and they share something "
        "honest work rarely makes alike: the same mistake (a false alarm, or a wrong category "
        "on a key finding, in the same place) made by few others given that variant (at most "
        f"2, or {pct(RARE_SHARE)} of them), or a hand-drawn box identical to the pixel that is "
        "not the key's own box, drawn by as few. Marks on the case's look-alikes are not "
        "counted: they are there to be mistaken.</p>"
        "<p>Two honest, complete answers are alike by construction (a perfect answer is the "
        "key), so agreement on what is right is never enough to list a pair; and a copied "
        "perfect answer cannot be told from two honest ones. Learners who sat together, or "
        "were taught the same habit, can share a mistake honestly: talk to them before "
        "concluding anything.</p>"
    )


def _decision(decision: str | None) -> str:
    if decision is None:
        return "none yet"
    return DECISIONS[decision].label if decision in DECISIONS else decision


def _pair_row(p: AlikePair) -> str:
    telling = "".join(f"<li>{escape(t)}</li>" for t in p.telling)
    return (
        f"<tr><td>{escape(p.first)}</td><td>{escape(p.second)}</td><td>{escape(p.item)}</td>"
        f"<td>{escape(p.variant)}</td><td class='num'>{pct(p.similarity)}</td>"
        f"<td class='num'>{p.common} of {p.marks[0]} / {p.marks[1]}</td>"
        f"<td>{escape(_decision(p.decision))}</td><td>{'yes' if p.same_gaps else 'no'}</td>"
        f"<td><ul>{telling}</ul></td></tr>"
    )


def alike_section(likeness: Likeness) -> str:
    """The section: heading, the rule, the pairs (if any), and what was left unlisted."""
    parts = [
        "<h2>Answers that look alike: a place to look, not a verdict</h2>",
        _rule(),
    ]
    if likeness.pairs:
        items: dict[tuple[str, str], set[str]] = defaultdict(set)
        for p in likeness.pairs:
            items[(p.first, p.second)].add(p.item)
        repeated = sorted((pair, sorted(found)) for pair, found in items.items() if len(found) > 1)
        if repeated:
            parts.append(
                "<p>Listed on more than one item: "
                + "; ".join(
                    f"{escape(a)} and {escape(b)} ({escape(', '.join(found))})"
                    for (a, b), found in repeated
                )
                + ".</p>"
            )
        parts.append(
            table(
                [
                    "learner",
                    "learner",
                    "item",
                    "variant",
                    "similarity",
                    "marks in common",
                    "decision (both)",
                    "same consent gaps",
                    "what they share that honest work rarely does",
                ],
                (_pair_row(p) for p in likeness.pairs),
            )
        )
    else:
        parts.append("<p>No pair of answers meets the rule.</p>")
    parts.append(
        f"<p>{likeness.compared} pair(s) of answers to the same variant compared; "
        f"{likeness.alike} more pair(s) were as alike with the same decision but shared "
        "nothing unusual (for example two complete answers): not listed.</p>"
    )
    return "\n".join(parts)
