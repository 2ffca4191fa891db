"""The look of the course widgets: one small stylesheet and a few HTML pieces.

Learner-typed text is always escaped before it goes into HTML.
"""

from __future__ import annotations

from html import escape

__all__ = ["CSS", "badge", "card", "esc", "minutes_text", "percent"]

CSS = """
<style>
.ss-card{border:1px solid #d0d7de;border-radius:8px;padding:12px 16px;margin:6px 0;
  background:#fff;font-size:14px;line-height:1.45;color:#1f2328}
.ss-card h3{margin:0 0 6px 0;font-size:16px}
.ss-muted{color:#57606a;font-size:13px}
.ss-ok{color:#1a7f37;font-weight:600}
.ss-bad{color:#b42318;font-weight:600}
.ss-badge{display:inline-block;border-radius:10px;padding:1px 8px;font-size:12px;
  background:#eef1f4;color:#1f2328;margin-right:4px}
.ss-badge.done{background:#dafbe1;color:#116329}
.ss-badge.todo{background:#fff8c5;color:#6a4a00}
.ss-feedback{border-left:4px solid #8c959f;padding:6px 10px;margin:4px 0 10px 0;
  background:#f6f8fa}
.ss-feedback.right{border-color:#1a7f37}
.ss-feedback.wrong{border-color:#b42318}
.ss-table{border-collapse:collapse;font-size:13px}
.ss-table td,.ss-table th{padding:3px 10px 3px 0;text-align:left;vertical-align:top}
.ss-objectives li{margin:2px 0}
.ss-card a{color:#0969da;text-decoration:underline}
.ss-card a:hover{color:#0550ae}
</style>
"""
"""Shared styles, sent once with the module header."""


def esc(text: str) -> str:
    """HTML-escape text (quotes too)."""
    return escape(text, quote=True)


def card(body_html: str, *, title: str = "") -> str:
    """A bordered card; the title is escaped, the body is trusted HTML built here."""
    heading = f"<h3>{esc(title)}</h3>" if title else ""
    return f'<div class="ss-card">{heading}{body_html}</div>'


def badge(text: str, *, done: bool | None = None) -> str:
    """A small label: green when done, yellow when to do, grey otherwise."""
    kind = "" if done is None else (" done" if done else " todo")
    return f'<span class="ss-badge{kind}">{esc(text)}</span>'


def percent(value: float | None) -> str:
    """0.834 -> '83%'; None -> '-'."""
    return "-" if value is None else f"{round(value * 100)}%"


def minutes_text(seconds: int) -> str:
    """Seconds as '1 h 05 min' or '12 min' (whole minutes, rounded)."""
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"
