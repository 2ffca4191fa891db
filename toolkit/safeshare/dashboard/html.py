"""The board as HTML: every learner-supplied string escaped, numbers large enough to project."""

from __future__ import annotations

from html import escape

from safeshare.dashboard.board import BoardState, CasePanel

__all__ = ["STYLE", "case_html", "names_html", "overview_html", "problems_html"]

STYLE = """<style>
.ssd{font-family:system-ui,sans-serif;color:#1f2328;font-size:15px}
.ssd h2{font-size:20px;margin:8px 0}
.ssd h3{font-size:16px;margin:12px 0 4px}
.ssd table{border-collapse:collapse;margin:4px 0}
.ssd td,.ssd th{border-bottom:1px solid #d0d7de;padding:3px 10px;text-align:left}
.ssd .bar{display:inline-block;height:12px;background:#1a7f37;vertical-align:middle}
.ssd .low{background:#cf222e}
.ssd .muted{color:#57606a}
.ssd .warn{background:#fff8c5;border:1px solid #d4a72c;padding:6px 10px;margin:4px 0}
.ssd .private{background:#ffebe9;border:1px solid #cf222e;padding:6px 10px}
.ssd li{margin:3px 0}
</style>"""


def _bar(rate: float) -> str:
    width = round(120 * rate)
    low = " low" if rate < 0.5 else ""
    return f"<span class='bar{low}' style='width:{width}px'></span> {round(100 * rate)}%"


def overview_html(state: BoardState) -> str:
    """Learners, answers, refresh time and the course modules' progress."""
    rows = "".join(
        f"<tr><td>{escape(m.module)} {escape(m.title)}</td><td>{m.opened}</td>"
        f"<td>{m.checked}</td><td>{m.completed}</td></tr>"
        for m in state.modules
    )
    answers = sum(p.stats.answered for p in state.cases)
    return (
        f"{STYLE}<div class='ssd'><h2>{state.learners} learner(s) · {answers} answer(s) "
        f"to {len(state.cases)} case(s)</h2><p class='muted'>Refreshed in "
        f"{state.seconds:.2f} s. Learners appear as pseudonyms"
        f"{' (names shown: facilitator only)' if state.names_shown else ''}.</p>"
        "<table><tr><th>Module</th><th>Opened</th><th>Checked an exercise</th>"
        f"<th>Completed</th></tr>{rows}</table></div>"
    )


def case_html(panel: CasePanel) -> str:
    """One case: detection rate per identifier, most missed, false alarms, decisions, prompts."""
    stats = panel.stats
    n = stats.answered
    findings = "".join(
        f"<tr><td>{escape(f.label)}</td><td>{escape(f.evidence)}</td>"
        f"<td>{_bar(f.rate)}</td><td>{f.found}/{n}</td></tr>"
        for f in stats.findings
    )
    missed = (
        "".join(
            f"<li>{escape(f.label)} “{escape(f.evidence)}”: missed by {f.missed} of {n}</li>"
            for f in stats.most_missed()
        )
        or "<li class='muted'>Nothing missed by anyone.</li>"
    )
    alarms = (
        "".join(
            f"<li>{escape(a.description)}: {a.learners} of {n}"
            f"<br><span class='muted'>{escape(a.explanation)}</span></li>"
            for a in stats.alarms[:5]
        )
        or "<li class='muted'>No false alarms.</li>"
    )
    decisions = "".join(
        f"<tr><td>{escape(label)}{' ✓' if label == stats.expected_decision else ''}</td>"
        f"<td>{count}</td></tr>"
        for label, count in stats.decisions.items()
    )
    if stats.undecided:
        decisions += f"<tr><td class='muted'>Not decided yet</td><td>{stats.undecided}</td></tr>"
    prompts = "".join(f"<li>{escape(p)}</li>" for p in panel.prompts)
    return (
        f"{STYLE}<div class='ssd'><h2>{escape(panel.title)}</h2>"
        f"<p>{n} answer(s), mean score {round(100 * stats.mean_score)}%.</p>"
        "<h3>Discussion prompts</h3>"
        f"<ol>{prompts}</ol>"
        "<h3>Detection rate of each identifier</h3>"
        "<table><tr><th>Identifier</th><th>What is there</th><th>Found</th><th></th></tr>"
        f"{findings}</table>"
        f"<h3>Most missed</h3><ul>{missed}</ul>"
        f"<h3>Common false alarms</h3><ul>{alarms}</ul>"
        "<h3>Decisions chosen</h3><table><tr><th>Decision (✓ the key's)</th><th>Learners</th>"
        f"</tr>{decisions}</table></div>"
    )


def problems_html(state: BoardState) -> str:
    """Files the board could not read, each with what to do; empty when there are none."""
    if not state.problems:
        return ""
    items = "".join(
        f"<li><b>{escape(p.learner or 'course')}</b> {escape(str(p.path))}: "
        f"{escape(p.message)}</li>"
        for p in state.problems
    )
    return (
        f"{STYLE}<div class='ssd warn'><b>Could not read everything</b> (the rest is shown):"
        f"<ul>{items}</ul></div>"
    )


def names_html(state: BoardState) -> str:
    """The per-learner table: pseudonyms, or names in a panel marked for the facilitator only."""
    rows = "".join(
        f"<tr><td>{escape(r.label)}</td><td>{r.modules_completed}</td>"
        f"<td>{r.exercises_checked}</td><td>{r.minutes}</td><td>{escape(r.last_module)}</td></tr>"
        for r in state.rows
    )
    warning = (
        "<p class='private'>Names are shown: for your eyes only, not the projector.</p>"
        if state.names_shown
        else ""
    )
    return (
        f"{STYLE}<div class='ssd'>{warning}<table><tr><th>Learner</th><th>Modules completed</th>"
        "<th>Exercises checked</th><th>Minutes</th><th>Last module</th></tr>"
        f"{rows}</table></div>"
    )
