"""nbgrader configuration of the safeshare graded assignments (this folder is the course root).

Run nbgrader from this folder (or pass --CourseDirectory.root). On one machine the
exchange and the submission cache live inside this folder; on a shared server or
JupyterHub point them elsewhere with $SAFESHARE_EXCHANGE and $SAFESHARE_EXCHANGE_CACHE
(or --Exchange.root / --Exchange.cache on the command line).
See docs/educator-quickstart.md.
"""

import os
from pathlib import Path

from safeshare.assignments.definition import answers_files_by_assignment

c = get_config()  # type: ignore[name-defined]  # noqa: F821 - provided by nbgrader

HERE = Path(__file__).resolve().parent

# The course id: the course secret is kept per course id, outside this folder
# (see `safeshare assign init-secret`).
c.CourseDirectory.course_id = os.environ.get("SAFESHARE_COURSE_ID", "safeshare")
c.CourseDirectory.root = str(HERE)

# Exchange and submission cache: inside the course folder by default (one machine;
# create it once with `mkdir exchange`). nbgrader refuses an exchange that does not exist.
c.Exchange.root = os.environ.get("SAFESHARE_EXCHANGE", str(HERE / "exchange"))
c.Exchange.cache = os.environ.get("SAFESHARE_EXCHANGE_CACHE", str(HERE / "cache"))

# A graded cell gets two minutes: enough to render a learner's variant when the
# case cache is cold, short enough to stop a runaway notebook.
c.Execute.timeout = 120

# Autograde copies every file of source/<assignment>/ over the learner's submission.
# An answers file there (an educator trying the notebook) must never replace the
# learner's: every item's answers/<item>.json is listed here, from assignment.yaml.
c.Autograde.exclude_overwriting = answers_files_by_assignment(HERE / "source")

# Never collect or grade code a learner dropped into their folder: a python file or
# package beside the notebook would shadow the grader's own imports.
c.CourseDirectory.ignore = [
    ".ipynb_checkpoints",
    "*.pyc",
    "__pycache__",
    "feedback",
    "*.py",
    "*.pth",
    "*.so",
    "safeshare",
    "sitecustomize*",
    "usercustomize*",
]

# generate_assignment renders each item's pool of variants into the release
# (assets and case.json, never a key), after nbgrader's own steps: nbgrader 0.9.6's
# default list, named rather than imported so that reading this file stays cheap
# (the autograder reads it for the course id). A test keeps the list in step with nbgrader.
c.GenerateAssignment.preprocessors = [
    "nbgrader.preprocessors.IncludeHeaderFooter",
    "nbgrader.preprocessors.InstantiateTests",
    "nbgrader.preprocessors.LockCells",
    "nbgrader.preprocessors.ClearSolutions",
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.CheckCellMetadata",
    "nbgrader.preprocessors.ComputeChecksums",
    "nbgrader.preprocessors.SaveCells",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbgrader.preprocessors.ClearMarkScheme",
    "nbgrader.preprocessors.ComputeChecksums",
    "nbgrader.preprocessors.CheckCellMetadata",
    "safeshare.assignments.release.RenderPool",
]
