"""`safeshare report DIR --out OUT`: grade a cohort's answers and write the report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from safeshare.cli.parser import Parser

__all__ = ["add_report_command"]


def _cmd_report(args: argparse.Namespace) -> int:
    from safeshare.report import make_report
    from safeshare.report.tables import score_rows, score_stats

    report = make_report(
        args.dir,
        out=args.out,
        jobs=args.jobs,
        bank=args.bank,
        progress=False if args.quiet else None,
    )
    cohort = report.cohort
    stats = score_stats(score_rows(cohort))
    problems = sum(1 for g in cohort.graded if g.problem)
    print(
        f"{stats['learners']} learners, {len(cohort.graded)} answers files "
        f"({problems} without credit), mean {stats['mean']:.1f}%"
    )
    if report.disagreements:
        print(
            f"{len(report.disagreements)} item(s) where nbgrader's autograde points differ "
            "from the report's: see the report"
        )
    for warning in cohort.warnings[:3]:
        print(f"warning: {warning}", file=sys.stderr)
    if len(cohort.warnings) > 3:
        print(f"warning: ... and {len(cohort.warnings) - 3} more (see the report)", file=sys.stderr)
    print(report.html)
    return 0


def add_report_command(subparsers: argparse._SubParsersAction[Parser]) -> None:
    p = subparsers.add_parser(
        "report",
        help="grade a cohort's answers directly and write CSV, charts, heatmaps and HTML",
    )
    p.add_argument(
        "dir",
        type=Path,
        help="an nbgrader course folder (or its submitted/), or a folder of <learner>/*.json",
    )
    p.add_argument("--out", type=Path, required=True, help="folder to write the report into")
    p.add_argument(
        "--jobs", type=int, default=None, help="worker processes (default: one per core)"
    )
    p.add_argument(
        "--bank", type=Path, default=None, help="a folder of specs (default: the shipped bank)"
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(run=_cmd_report)
