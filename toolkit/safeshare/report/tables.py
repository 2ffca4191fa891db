"""The report's tables: scores (learner x item), detection per key finding and category.

Scores count every learner who submitted and every item of the assignment: an
item with no answers file scores 0 (as nbgrader gives it), and the scores CSV
says which items those were in its `missing` column ('no answer' or 'not
submitted'), so a 0 that was earned and a 0 for nothing handed in read apart.

Detection rate of a key finding = learners who marked it in the right place
with the right category / learners whose variant has it and whose answer was
read and graded (a missing or refused file says nothing about what a learner
saw: it costs marks in the scores, not detection here). The same finding id
(e.g. 'frame:date_of_birth:1') in every variant of an item is one row, so
optional identifiers count only for the learners whose variant drew them.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from statistics import mean, median
from typing import Any

from safeshare.atomic import write_text_atomic
from safeshare.report.model import NO_ANSWER, NOT_SUBMITTED, Cohort, Graded
from safeshare.report.similarity import Likeness
from safeshare.taxonomy import CATEGORIES

__all__ = [
    "CategoryRow",
    "FindingRow",
    "ScoreRow",
    "category_rows",
    "finding_rows",
    "item_means",
    "score_rows",
    "write_alike_csv",
    "write_csvs",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class ScoreRow:
    """One learner's scores: per column a fraction in [0, 1], a missing answer counting 0."""

    learner: str
    scores: dict[str, float]
    missing: dict[str, str]
    """Columns with nothing to grade and why: 'no answer' (the assignment was submitted
    without this answers file) or 'not submitted'. They score 0, as in nbgrader."""
    total: float
    """Percent: points-weighted for nbgrader items, else the mean (missing items count 0)."""
    problems: int
    """Files that earned no credit because they were unreadable, forged or another variant."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FindingRow:
    """One key finding of one item, across the variants that have it."""

    item: str
    case: str
    finding_id: str
    category: str
    label: str
    severity: str
    evidence: str
    """From the first variant (values differ between variants)."""
    learners: int
    found: int
    partial: int

    @property
    def rate(self) -> float:
        return self.found / self.learners if self.learners else 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class CategoryRow:
    """Every key finding of one category, across the cohort."""

    category: str
    label: str
    chances: int
    """Learner-findings of this category (a learner with two such findings counts two)."""
    found: int
    partial: int

    @property
    def rate(self) -> float:
        return self.found / self.chances if self.chances else 0.0


def score_rows(cohort: Cohort) -> list[ScoreRow]:
    """A row for every learner, with every column: what was not handed in counts 0."""
    columns = cohort.columns
    by_learner: dict[str, dict[str, Graded]] = defaultdict(dict)
    for g in cohort.entries:
        by_learner[g.submission.learner][g.submission.column] = g
    weighted = all(c in cohort.item_points for c in columns) and bool(columns)
    possible = sum(cohort.item_points[c] for c in columns) if weighted else float(len(columns))
    absent = NO_ANSWER if cohort.collected.course is None else NOT_SUBMITTED
    rows = []
    for learner in cohort.learners:
        mine = by_learner.get(learner, {})
        scores = {c: (mine[c].score if c in mine else 0.0) for c in columns}
        missing = {
            c: NO_ANSWER if c in mine else absent
            for c in columns
            if c not in mine or mine[c].missing
        }
        if weighted:
            earned = sum(s * cohort.item_points[c] for c, s in scores.items())
        else:
            earned = sum(scores.values())
        rows.append(
            ScoreRow(
                learner=learner,
                scores=scores,
                missing=missing,
                total=100.0 * earned / possible if possible else 0.0,
                problems=sum(1 for g in mine.values() if g.problem),
            )
        )
    return rows


def item_means(cohort: Cohort) -> list[tuple[str, float]]:
    """Each column's mean score over the learners who submitted it (no answer counts 0).

    In a course that is nbgrader's mean for the item; in a plain folder, over the files found.
    """
    means = []
    for column in cohort.columns:
        scores = [g.score for g in cohort.entries if g.submission.column == column]
        means.append((column, sum(scores) / len(scores) if scores else 0.0))
    return means


def finding_rows(cohort: Cohort) -> list[FindingRow]:
    tallies: dict[tuple[str, str], list[int]] = {}
    first: dict[tuple[str, str], tuple[str, str, str, str]] = {}
    for g in cohort.graded:
        if not g.answered or g.ref is None or g.ref.label not in cohort.keys:
            continue
        key = cohort.keys[g.ref.label]
        found, partial = set(g.found), set(g.partial)
        for f in key.findings:
            row = (g.submission.column, f.id)
            tally = tallies.setdefault(row, [0, 0, 0])
            tally[0] += 1
            tally[1] += f.id in found
            tally[2] += f.id in partial
            first.setdefault(row, (key.case_id, f.category, f.severity, f.evidence))
    rows = []
    for (item, finding_id), (learners, found_n, partial_n) in tallies.items():
        case, category, severity, evidence = first[(item, finding_id)]
        rows.append(
            FindingRow(
                item=item,
                case=case,
                finding_id=finding_id,
                category=category,
                label=CATEGORIES[category].label if category in CATEGORIES else category,
                severity=severity,
                evidence=evidence,
                learners=learners,
                found=found_n,
                partial=partial_n,
            )
        )
    rows.sort(key=lambda r: (tuple(r.item.split("/")), r.finding_id))
    return rows


def category_rows(findings: list[FindingRow]) -> list[CategoryRow]:
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in findings:
        t = totals[row.category]
        t[0] += row.learners
        t[1] += row.found
        t[2] += row.partial
    rows = [
        CategoryRow(
            category=cat,
            label=CATEGORIES[cat].label if cat in CATEGORIES else cat,
            chances=t[0],
            found=t[1],
            partial=t[2],
        )
        for cat, t in totals.items()
    ]
    rows.sort(key=lambda r: (r.rate, r.category))
    return rows


def score_stats(rows: list[ScoreRow]) -> dict[str, float]:
    """Count, mean and median of the totals (percent)."""
    totals = [r.total for r in rows]
    if not totals:
        return {"learners": 0, "mean": 0.0, "median": 0.0}
    return {"learners": len(totals), "mean": mean(totals), "median": median(totals)}


def _cell(text: object) -> str:
    """Text for a CSV cell that a spreadsheet will not run as a formula (learner ids are free)."""
    value = str(text)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@contextmanager
def _csv_file(path: Path) -> Iterator[Any]:
    """A csv writer whose rows land in `path` at once, atomically, when the block ends."""
    buffer = io.StringIO(newline="")
    yield csv.writer(buffer)
    write_text_atomic(path, buffer.getvalue())


def _fraction(value: float) -> str:
    return f"{value:.3f}"


def write_csvs(cohort: Cohort, out: Path) -> dict[str, Path]:
    """scores.csv, findings.csv, categories.csv and problems.csv in `out`."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {name: out / f"{name}.csv" for name in ("scores", "findings", "categories", "problems")}
    scores = score_rows(cohort)
    columns = cohort.columns
    with _csv_file(paths["scores"]) as writer:
        writer.writerow(["learner", *columns, "total_percent", "problems", "missing"])
        for r in scores:
            writer.writerow(
                [
                    _cell(r.learner),
                    *(_fraction(r.scores[c]) for c in columns),
                    f"{r.total:.1f}",
                    r.problems,
                    "; ".join(f"{c}: {why}" for c, why in r.missing.items()),
                ]
            )
    findings = finding_rows(cohort)
    with _csv_file(paths["findings"]) as writer:
        writer.writerow(
            [
                "item",
                "case",
                "finding_id",
                "category",
                "severity",
                "evidence",
                "learners",
                "found",
                "partial",
                "detection_rate",
            ]
        )
        for f in findings:
            writer.writerow(
                [
                    f.item,
                    f.case,
                    f.finding_id,
                    f.category,
                    f.severity,
                    _cell(f.evidence),
                    f.learners,
                    f.found,
                    f.partial,
                    f"{f.rate:.3f}",
                ]
            )
    with _csv_file(paths["categories"]) as writer:
        writer.writerow(["category", "label", "chances", "found", "partial", "detection_rate"])
        for c in category_rows(findings):
            writer.writerow([c.category, c.label, c.chances, c.found, c.partial, f"{c.rate:.3f}"])
    with _csv_file(paths["problems"]) as writer:
        writer.writerow(["learner", "item", "file", "problem", "note"])
        for g in cohort.graded:
            if g.problem or g.note:
                writer.writerow(
                    [
                        _cell(g.submission.learner),
                        g.submission.column,
                        _cell(g.submission.path),
                        _cell(g.problem),
                        _cell(g.note),
                    ]
                )
        for ignored in cohort.ignored:
            writer.writerow(
                [_cell(ignored.learner), "", _cell(ignored.path), "ignored", _cell(ignored.why)]
            )
    return paths


def write_alike_csv(likeness: Likeness, out: Path) -> Path:
    """alike.csv: the pairs of answers to look at (a place to look, not a verdict)."""
    path = out / "alike.csv"
    with _csv_file(path) as writer:
        writer.writerow(
            [
                "item",
                "variant",
                "learner_a",
                "learner_b",
                "similarity",
                "marks_in_common",
                "marks_a",
                "marks_b",
                "decision",
                "same_consent_gaps",
                "telling_marks",
            ]
        )
        for p in likeness.pairs:
            writer.writerow(
                [
                    p.item,
                    p.variant,
                    _cell(p.first),
                    _cell(p.second),
                    f"{p.similarity:.3f}",
                    p.common,
                    p.marks[0],
                    p.marks[1],
                    p.decision or "",
                    "yes" if p.same_gaps else "no",
                    _cell("; ".join(p.telling)),
                ]
            )
    return path
