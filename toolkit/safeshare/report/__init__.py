"""The cohort report: every learner's answers graded directly, as tables, pictures and HTML.

- collect: find hand-ins and answers files (nbgrader submitted/ or a plain folder).
- model: what grading gives (Graded, Cohort), kept apart from how (the case
  model itself is safeshare.model).
- plan: what to grade against which key; items from the assignment's definition,
  a missing answer 0, a stray file set aside with a warning.
- grade_all: grade them in parallel, without a kernel per notebook.
- tables: learner x item scores, detection rate per key finding and category (CSV).
- similarity: pairs of answers to one variant that look alike (a place to look).
- heatmap: where learners marked, drawn over each variant's key.
- cohort_charts: score histogram, mean by item.
- gradebook: the cross-check with nbgrader's autograde points.
- html, alike_html, markup: the summary page.
- make: make_report(), what `safeshare report DIR --out OUT` runs.
"""

from safeshare.report.collect import Collected, Handin, Submission, collect
from safeshare.report.grade_all import grade_all
from safeshare.report.make import Report, make_report
from safeshare.report.model import Cohort, Graded, Ignored, MarkOutcome
from safeshare.report.similarity import AlikePair, Likeness, alike_pairs

__all__ = [
    "AlikePair",
    "Cohort",
    "Collected",
    "Graded",
    "Handin",
    "Ignored",
    "Likeness",
    "MarkOutcome",
    "Report",
    "Submission",
    "alike_pairs",
    "collect",
    "grade_all",
    "make_report",
]
