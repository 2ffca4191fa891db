"""The HTML summary an educator opens: one file, pictures beside it, nothing fetched.

Every string that came from a learner or a file (learner ids, paths, the
reasons a file was refused, which quote what the file held) is escaped with
html.escape. Styles are inline; there is no script and no CDN.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from html import escape
from pathlib import Path

from safeshare.atomic import write_text_atomic
from safeshare.report.alike_html import alike_section
from safeshare.report.gradebook import Disagreement
from safeshare.report.heatmap import Heatmap
from safeshare.report.markup import pct as _pct
from safeshare.report.markup import table as _table
from safeshare.report.model import NOT_SUBMITTED, Cohort, Graded, Ignored
from safeshare.report.similarity import Likeness
from safeshare.report.tables import (
    CategoryRow,
    FindingRow,
    ScoreRow,
    item_means,
    score_stats,
)
from safeshare.taxonomy import CONSENT_GAPS

__all__ = ["write_html"]

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#f6f6f4}
main{max-width:1100px;margin:0 auto;padding:24px 28px 60px}
h1{font-size:26px;margin:8px 0 4px}
h2{font-size:20px;margin:34px 0 10px;border-bottom:1px solid #ddd;padding-bottom:4px}
h3{font-size:16px;margin:22px 0 8px}
.note{background:#fff4d6;border-left:4px solid #e0a800;padding:8px 12px;margin:12px 0}
.stats{display:flex;gap:14px;flex-wrap:wrap;margin:14px 0}
.stat{background:#fff;border:1px solid #e2e2e2;border-radius:8px;padding:10px 16px}
.stat b{display:block;font-size:24px}
table{border-collapse:collapse;background:#fff;margin:8px 0;font-size:13.5px}
th,td{border:1px solid #e2e2e2;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f0f0ee}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.bar{display:inline-block;height:9px;background:#2d6a8f;vertical-align:middle;margin-right:6px}
.low{color:#b3261e;font-weight:600}
figure{margin:8px 8px 14px 0;background:#fff;border:1px solid #e2e2e2;padding:8px}
figure{display:inline-block;vertical-align:top;width:calc(50% - 28px)}
figure img{max-width:100%;height:auto;display:block}
figcaption{font-size:13px;color:#555;margin-top:4px}
.charts img{max-width:520px;margin-right:12px;vertical-align:top}
.charts img{background:#fff;border:1px solid #e2e2e2}
.scroll{overflow-x:auto}
.why{color:#8a5a00;font-size:12px;white-space:nowrap}
td ul{margin:0;padding-left:18px}
"""


def _cell(score: float, missing: str) -> str:
    """A learner's item: the score, and 'no answer' or 'not submitted' when that is why it is 0."""
    note = f" <span class='why'>{escape(missing)}</span>" if missing else ""
    return f"<td class='num'>{_pct(score)}{note}</td>"


def _rate_cell(rate: float) -> str:
    width = round(60 * rate)
    cls = ' class="low"' if rate < 0.5 else ""
    bar = f'<span class="bar" style="width:{width}px"></span>'
    return f'<td class="num">{bar}<span{cls}>{_pct(rate)}</span></td>'


def _finding_row(f: FindingRow) -> str:
    return (
        f"<tr><td>{escape(f.item)}</td><td>{escape(f.case)}</td><td>{escape(f.label)}</td>"
        f"<td>{escape(f.severity)}</td><td>{escape(f.evidence)}</td>"
        f'<td class="num">{f.found}/{f.learners}</td>{_rate_cell(f.rate)}'
        f'<td class="num">{f.partial}</td></tr>'
    )


def _drift(drift: Sequence[str]) -> str:
    """One note for every problem with the course itself, the details folded away."""
    if not drift:
        return ""
    items = "".join(f"<li>{escape(w)}</li>" for w in drift)
    return (
        f"<div class='note'><b>Check the course: {len(drift)} problem(s).</b> "
        "Answers were graded against keys drawn now; where a released variant differs, "
        "learners saw something else. Keep the safeshare version fixed between release "
        f"and grading.<details><summary>Details</summary><ul>{items}</ul></details></div>"
    )


def _ignored(ignored: Sequence[Ignored]) -> str:
    """One note for the files set aside: they count for nothing and add no column."""
    if not ignored:
        return ""
    items = "".join(
        f"<li><code>{escape(str(i.path))}</code>: {escape(i.why)}</li>" for i in ignored
    )
    return (
        f"<div class='note'><b>{len(ignored)} file(s) or folder(s) ignored.</b> The items "
        "come from each assignment's definition (assignment.yaml), not from the files found: "
        "these are not an item of their assignment and count for nothing, for or against "
        f"anyone.<details><summary>Details</summary><ul>{items}</ul></details></div>"
    )


def _assignment_means(
    scores: Sequence[ScoreRow], columns: Sequence[str], points: Mapping[str, float]
) -> str:
    """With several assignments, each one's mean over the learners who submitted it
    (weighted by points, as nbgrader's assignment mean is)."""
    names = sorted({c.split("/", 1)[0] for c in columns if "/" in c})
    if len(names) < 2:
        return ""
    lines = []
    for name in names:
        mine = [c for c in columns if c.startswith(f"{name}/")]
        weight = {c: points.get(c, 1.0) for c in mine}
        sat = [r for r in scores if any(r.missing.get(c) != NOT_SUBMITTED for c in mine)]
        if not sat:
            continue
        possible = sum(weight.values())
        mean = sum(sum(r.scores[c] * weight[c] for c in mine) / possible for r in sat) / len(sat)
        lines.append(f"{escape(name)} {_pct(mean)} over {len(sat)} submission(s)")
    return "<p>Mean by assignment: " + "; ".join(lines) + ".</p>"


def _decision_and_gaps(graded: Sequence[Graded]) -> str:
    """One line: how many chose the key's decision, and how often each consent gap was seen."""
    if not graded:
        return ""
    right = sum(1 for g in graded if g.decision_correct)
    seen: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for g in graded:
        for gap in g.gaps_found:
            seen[gap][0] += 1
            seen[gap][1] += 1
        for gap in g.gaps_missed:
            seen[gap][1] += 1
    gaps = ", ".join(
        f"{escape(CONSENT_GAPS[gap].label if gap in CONSENT_GAPS else gap)} {_pct(found / total)}"
        for gap, (found, total) in sorted(seen.items())
    )
    line = f"Chose the key's decision: {_pct(right / len(graded))}."
    if gaps:
        line += f" Consent gaps seen: {gaps}."
    return f"<p>{line}</p>"


def _img(src: Path, out_dir: Path, alt: str) -> str:
    rel = src.relative_to(out_dir).as_posix()
    return f'<img src="{escape(rel, quote=True)}" alt="{escape(alt, quote=True)}" loading="lazy">'


FINDING_COLUMNS = (
    "item",
    "case",
    "finding",
    "severity",
    "evidence (first variant)",
    "found",
    "rate",
    "wrong category",
)


def write_html(
    cohort: Cohort,
    *,
    out_dir: Path,
    scores: Sequence[ScoreRow],
    findings: Sequence[FindingRow],
    categories: Sequence[CategoryRow],
    heatmaps: Sequence[Heatmap],
    charts: dict[str, Path],
    csvs: dict[str, Path],
    likeness: Likeness,
    disagreements: Sequence[Disagreement] = (),
) -> Path:
    """Write out_dir/index.html (atomically) and return its path."""
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width,initial-scale=1'>",
        "<title>safeshare cohort report</title>",
        f"<style>{_STYLE}</style></head><body><main>",
        _summary(
            cohort, out_dir=out_dir, scores=scores, charts=charts, csvs=csvs, likeness=likeness
        ),
        _missed_most(findings, categories),
        _each_item(cohort, out_dir=out_dir, findings=findings, heatmaps=heatmaps),
        _scores_by_learner(scores, cohort.columns),
        _disagreements(disagreements),
        _files_to_look_at(cohort),
        alike_section(likeness),
        "</main></body></html>\n",
    ]
    return write_text_atomic(out_dir / "index.html", "\n".join(p for p in parts if p))


def _summary(
    cohort: Cohort,
    *,
    out_dir: Path,
    scores: Sequence[ScoreRow],
    charts: dict[str, Path],
    csvs: dict[str, Path],
    likeness: Likeness,
) -> str:
    """The heading, the educator-only note, the headline figures, the charts and the CSVs."""
    stats = score_stats(list(scores))
    blank = sum(1 for r in scores if r.missing)
    problems = sum(1 for g in cohort.graded if g.problem)
    stat = "<div class='stat'><b>{}</b>{}</div>".format
    links = ", ".join(
        f"<a href='{escape(p.name, quote=True)}'>{escape(p.name)}</a>" for p in csvs.values()
    )
    return "\n".join(
        [
            "<h1>Cohort report</h1>",
            f"<p>Answers under <code>{escape(str(cohort.collected.root))}</code>, graded "
            "directly from the answers files.</p>",
            "<p class='note'><b>For the educator only.</b> This report shows the keys of graded "
            "variants (what each learner should have found). Do not share it with learners.</p>",
            _drift(cohort.drift),
            _ignored(cohort.ignored),
            "<div class='stats'>",
            stat(stats["learners"], "learners"),
            stat(len(cohort.graded), "answers files"),
            stat(f"{stats['mean']:.1f}%", "mean total"),
            stat(f"{stats['median']:.1f}%", "median total"),
            stat(problems, "files without credit"),
            stat(blank, "learners with an item unanswered"),
            stat(len(likeness.pairs), "pairs of answers alike"),
            "</div>",
            "<p>Every learner who submitted is counted, with every item of the assignment: an "
            "item with no answers file scores 0, as in nbgrader's gradebook, and is marked "
            "'no answer' (or 'not submitted') in the scores.</p>",
            _assignment_means(scores, cohort.columns, cohort.item_points),
            "<div class='charts'>",
            *(_img(path, out_dir, name) for name, path in charts.items()),
            "</div>",
            f"<p>Tables as CSV: {links}.</p>",
        ]
    )


def _missed_most(findings: Sequence[FindingRow], categories: Sequence[CategoryRow]) -> str:
    """The 15 findings detected least, and detection by category."""
    worst = sorted(findings, key=lambda f: (f.rate, f.item, f.finding_id))[:15]
    by_category = (
        f"<tr><td>{escape(c.label)}</td><td class='num'>{c.found}/{c.chances}</td>"
        f"{_rate_cell(c.rate)}<td class='num'>{c.partial}</td></tr>"
        for c in categories
    )
    return "\n".join(
        [
            "<h2>What the cohort missed most</h2>",
            "<p>Key findings with the lowest detection rate (learners who marked it in the "
            "right place with the right category, of those whose variant has it and who handed "
            "in an answer; 'wrong category' counts the right place with another category).</p>",
            _table(list(FINDING_COLUMNS), (_finding_row(f) for f in worst)),
            "<h2>Detection by category</h2>",
            _table(["category", "found", "rate", "wrong category"], by_category),
        ]
    )


def _each_item(
    cohort: Cohort,
    *,
    out_dir: Path,
    findings: Sequence[FindingRow],
    heatmaps: Sequence[Heatmap],
) -> str:
    """Per item: its mean, the unanswered, decision and gaps, its findings and heatmaps."""
    by_item: dict[str, list[Heatmap]] = defaultdict(list)
    for h in heatmaps:
        by_item[h.item].append(h)
    findings_by_item: dict[str, list[FindingRow]] = defaultdict(list)
    for f in findings:
        findings_by_item[f.item].append(f)
    means = dict(item_means(cohort))
    parts = ["<h2>Each item</h2>"]
    for column in cohort.columns:
        entries = [g for g in cohort.entries if g.submission.column == column]
        unanswered = sum(1 for g in entries if g.missing)
        parts.append(
            f"<h3>{escape(column)} — mean {_pct(means.get(column, 0.0))} over "
            f"{len(entries)} learner(s)</h3>"
        )
        if unanswered:
            parts.append(
                f"<p>{unanswered} learner(s) handed in no answer to this item: 0 each in the "
                "mean; not counted in the detection rates below.</p>"
            )
        parts.append(_decision_and_gaps([g for g in entries if g.answered]))
        rows = sorted(findings_by_item.get(column, []), key=lambda f: (f.rate, f.finding_id))
        if rows:
            parts.append(_table(list(FINDING_COLUMNS), (_finding_row(f) for f in rows)))
        parts.extend(_heatmap_figure(h, out_dir) for h in by_item.get(column, []))
    return "\n".join(parts)


def _heatmap_figure(h: Heatmap, out_dir: Path) -> str:
    caption = f"{h.label}, {h.asset}: {h.learners} learner(s)"
    href = escape(h.path.relative_to(out_dir).as_posix(), quote=True)
    return (
        f"<figure><a href='{href}'>{_img(h.path, out_dir, caption)}</a>"
        f"<figcaption>{escape(caption)} (click for full size)</figcaption></figure>"
    )


def _scores_by_learner(scores: Sequence[ScoreRow], columns: Sequence[str]) -> str:
    rows = (
        f"<tr><td>{escape(r.learner)}</td>"
        + "".join(_cell(r.scores[c], r.missing.get(c, "")) for c in columns)
        + f"<td class='num'>{r.total:.1f}%</td><td class='num'>{r.problems}</td></tr>"
        for r in scores
    )
    return "<h2>Scores by learner</h2>\n" + _table(
        ["learner", *columns, "total", "files without credit"], rows
    )


def _disagreements(disagreements: Sequence[Disagreement]) -> str:
    """Where nbgrader's gradebook and this report differ (empty when they agree)."""
    if not disagreements:
        return ""
    rows = (
        f"<tr><td>{escape(d.learner)}</td><td>{escape(d.item)}</td>"
        f"<td class='num'>{d.nbgrader:g}</td><td class='num'>{d.report:g}</td></tr>"
        for d in disagreements
    )
    return "\n".join(
        [
            "<h2>Where nbgrader's autograde disagrees</h2>",
            "<p>nbgrader's autograde and this report grade the same answers files, each on "
            "its own (an item with no answers file is 0 on both sides). A difference is worth "
            "a look: an answers file changed after autograde, a toolkit changed in between, "
            "or, where the course still grades inside the learner's kernel, a cell added to "
            "the notebook that interferes with grading.</p>",
            _table(["learner", "item", "nbgrader points", "report points"], rows),
        ]
    )


def _files_to_look_at(cohort: Cohort) -> str:
    """Answers files without credit, and those graded with a note (empty when none)."""
    problems = [g for g in cohort.graded if g.problem]
    notes = [g for g in cohort.graded if g.note and not g.problem]
    if not problems and not notes:
        return ""
    rows = (
        f"<tr><td>{escape(g.submission.learner)}</td><td>{escape(g.submission.column)}"
        f"</td><td><code>{escape(str(g.submission.path))}</code></td>"
        f"<td>{escape(g.problem or g.note)}</td></tr>"
        for g in [*problems, *notes]
    )
    return "<h2>Files to look at</h2>\n" + _table(["learner", "item", "file", "why"], rows)
