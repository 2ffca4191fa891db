"""Small pieces of the report's HTML: a percentage, a table. Text in headings is escaped;
cells arrive as markup, built by callers that escape what they put in."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

__all__ = ["pct", "table"]


def pct(value: float) -> str:
    """A fraction in [0, 1] as a whole percentage, e.g. '83%'."""
    return f"{100.0 * value:.0f}%"


def table(head: Sequence[str], rows: Iterable[str]) -> str:
    """A scrollable table: escaped headings, rows of ready markup."""
    header = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join(rows)
    return (
        f'<div class="scroll"><table><thead><tr>{header}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )
