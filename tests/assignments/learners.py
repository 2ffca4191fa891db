"""Learners for tests: answer a graded item through the Exercise widget's code API.

The test plays the educator too: it holds the course secret, so it can look up
the key of a learner's variant and answer all of it, part of it, or none.
"""

from __future__ import annotations

import re
from pathlib import Path

from safeshare.model.key import Key
from safeshare.model.locations import Box, MetaField, Span

__all__ = ["answer_item", "span_words"]


def span_words(text: str, span: Span) -> tuple[str, int]:
    """The words of a span and which occurrence of them it is (as mark_text counts)."""
    words = text[span.start : span.end]
    pattern = r"\s+".join(re.escape(part) for part in words.split())
    starts = [m.start() for m in re.finditer(pattern, text, flags=re.IGNORECASE)]
    return words, starts.index(span.start) + 1


def answer_item(folder: Path, item: str, key: Key, *, share: float) -> None:
    """Answer `item` in an assignment folder as a learner: `share` of the key's findings.

    share 1.0 marks every finding, the gaps and the decision; 0.0 leaves the
    answer blank (no file at all); in between marks the first findings only and
    decides wrongly, so the score lies strictly between 0 and full marks.
    """
    import os

    from safeshare.assignments.item_widget import exercise

    if share <= 0:
        return
    here = Path.cwd()
    os.chdir(folder)
    try:
        ex = exercise(item, folder=folder)
        fields = ex.case.post.text_fields() if ex.case.post is not None else {}
        count = round(len(key.findings) * share)
        for finding in key.findings[:count]:
            loc = finding.location
            if isinstance(loc, Box):
                ex.mark_box(loc.asset, loc.x, loc.y, loc.w, loc.h, finding.category)
            elif isinstance(loc, Span):
                words, occurrence = span_words(fields[loc.field], loc)
                ex.mark_text(loc.field, words, finding.category, occurrence=occurrence)
            elif isinstance(loc, MetaField):
                ex.mark_field(loc.asset, loc.tag, finding.category)
        if share >= 1.0:
            ex.set_consent_gaps(key.consent_gaps)
            ex.decide(key.decision)
        else:
            wrong = "share_as_is" if key.decision != "share_as_is" else "do_not_share"
            ex.decide(wrong)
    finally:
        os.chdir(here)
