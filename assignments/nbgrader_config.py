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

# Autograde runs no learner code. nbgrader would run the learner's cells and the
# hidden tests in one kernel, where a learner's cell can read or patch whatever the
# tests load (the course secret, a key). Instead GradeAnswersFiles, in nbgrader's
# own process, grades each item's answers file against the key of the learner's
# variant and writes the points and the feedback into the item's graded cell; the
# rest is nbgrader 0.9.6's default list with Execute left out (named rather than
# imported; a test keeps it in step with nbgrader and checks Execute stays out).
c.Autograde.autograde_preprocessors = [
    "safeshare.assignments.autograde.GradeAnswersFiles",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
# A graded cell the learner deleted is put back, so it is graded (from the file) too.
c.OverwriteCells.add_missing_cells = True

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
