"""make_report: answers in, report folder out (CSV, charts, heatmaps, HTML).

The CLI's `safeshare report DIR --out OUT` is a thin layer over this.
"""

from __future__ import annotations

import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from safeshare.cases.render_many import default_jobs
from safeshare.errors import UsageError
from safeshare.report.cohort_charts import item_chart, score_histogram
from safeshare.report.collect import collect
from safeshare.report.grade_all import Cohort, grade_all
from safeshare.report.gradebook import Disagreement, disagreements
from safeshare.report.heatmap import Heatmap, draw_heatmap, heatmap_jobs
from safeshare.report.html import write_html
from safeshare.report.similarity import Likeness, alike_pairs
from safeshare.report.tables import (
    category_rows,
    finding_rows,
    item_means,
    score_rows,
    write_alike_csv,
    write_csvs,
)

__all__ = ["Report", "make_report"]

HEATMAP_DIR = "heatmaps"


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """What make_report wrote, and the graded cohort behind it."""

    cohort: Cohort
    html: Path
    csvs: dict[str, Path]
    charts: dict[str, Path]
    heatmaps: tuple[Heatmap, ...]
    likeness: Likeness
    """Pairs of learners whose answers to the same variant look alike (a place to look)."""
    disagreements: tuple[Disagreement, ...] = ()
    """Items where nbgrader autograde's points differ from the report's."""


def make_report(
    root: Path,
    *,
    out: Path,
    jobs: int | None = None,
    bank: Path | None = None,
    progress: bool | None = None,
) -> Report:
    """Grade every answers file under `root` and write the report into `out`."""
    collected = collect(root)
    if not collected.submissions and not collected.handins:
        raise UsageError(
            f"{root}: no submissions or answers files found (an nbgrader course's "
            "submitted/<learner>/<assignment>/ folders, or <learner>/**/*.json in a plain "
            "folder): "
            "collect the submissions first, or give the folder that holds them"
        )
    workers = jobs or default_jobs()
    cohort = grade_all(collected, jobs=workers, bank=bank, progress=progress)
    if not cohort.columns:
        raise UsageError(
            f"{root}: nothing the report can grade: "
            + "; ".join(i.why for i in cohort.ignored[:3])
            + " (each graded assignment needs source/<assignment>/assignment.yaml)"
        )
    out.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(out / HEATMAP_DIR, ignore_errors=True)
    likeness = alike_pairs(cohort)
    csvs = write_csvs(cohort, out)
    csvs["alike"] = write_alike_csv(likeness, out)
    scores = score_rows(cohort)
    findings = finding_rows(cohort)
    categories = category_rows(findings)
    charts = {
        "score histogram": score_histogram([r.total for r in scores], out / "scores.png"),
        "mean by item": item_chart(item_means(cohort), out / "items.png"),
    }
    jobs_ = heatmap_jobs(cohort, out / HEATMAP_DIR)
    if workers > 1 and len(jobs_) > 2:
        with ProcessPoolExecutor(max_workers=min(workers, len(jobs_))) as pool:
            heatmaps = tuple(pool.map(draw_heatmap, jobs_))
    else:
        heatmaps = tuple(draw_heatmap(j) for j in jobs_)
    differ = tuple(disagreements(cohort))
    html = write_html(
        cohort,
        likeness=likeness,
        disagreements=differ,
        out_dir=out,
        scores=scores,
        findings=findings,
        categories=categories,
        heatmaps=heatmaps,
        charts=charts,
        csvs=csvs,
    )
    return Report(
        cohort=cohort,
        html=html,
        csvs=csvs,
        charts=charts,
        heatmaps=heatmaps,
        likeness=likeness,
        disagreements=differ,
    )
