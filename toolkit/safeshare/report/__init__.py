"""The cohort report: every learner's answers graded directly, as tables, pictures and HTML.

- collect: find answers files (nbgrader submitted/ or a plain folder).
- grade_all: grade them in parallel, without a kernel per notebook.
- tables: learner x item scores, detection rate per key finding and category (CSV).
- heatmap: where learners marked, drawn over each variant's key.
- charts: score histogram, mean by item.
- html: the summary page.
- make: make_report(), what `safeshare report DIR --out OUT` runs.
"""

from safeshare.report.collect import Collected, Submission, collect
from safeshare.report.grade_all import Cohort, Graded, grade_all
from safeshare.report.make import Report, make_report

__all__ = [
    "Cohort",
    "Collected",
    "Graded",
    "Report",
    "Submission",
    "collect",
    "grade_all",
    "make_report",
]
