"""Find every learner's answers files: in an nbgrader course, or in a plain folder.

Two layouts are understood:

- an nbgrader course folder (with nbgrader_config.py), or its submitted/
  folder: `submitted/<learner>/<assignment>/answers/<item>.json`. These are
  graded variants: their keys are rebuilt from the course secret. Every
  `submitted/<learner>/<assignment>/` folder is a hand-in, answers files or
  not: a learner who submitted a notebook and no answer is still counted.
- any other folder: `<folder>/<learner>/**/<name>.json`, one answer per file
  (self-paced work, whose seeds are public): the item is the file's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from safeshare.assignments.definition import ANSWERS_DIR
from safeshare.assignments.nbgrader_course import CONFIG_FILE, Course, load_course
from safeshare.errors import UsageError

__all__ = ["Collected", "Handin", "Submission", "collect"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Submission:
    """One answers file of one learner."""

    learner: str
    item: str
    """The item id (nbgrader) or the file's name without .json (plain folder)."""
    path: Path
    assignment: str = ""
    """The nbgrader assignment id; empty for a plain folder."""

    @property
    def column(self) -> str:
        """The name of its column in the learner x item table."""
        return f"{self.assignment}/{self.item}" if self.assignment else self.item


@dataclass(frozen=True, slots=True, kw_only=True)
class Handin:
    """One learner's submitted assignment folder (nbgrader), with or without answers files."""

    learner: str
    assignment: str
    folder: Path


@dataclass(frozen=True, slots=True, kw_only=True)
class Collected:
    """What was found under the folder given."""

    root: Path
    submissions: tuple[Submission, ...]
    course: Course | None = None
    """The nbgrader course, when the answers are graded variants."""
    handins: tuple[Handin, ...] = ()
    """Every submitted/<learner>/<assignment>/ folder (nbgrader only)."""

    @property
    def learners(self) -> tuple[str, ...]:
        """Everyone who handed something in (a folder in a course, a file in a plain folder)."""
        return tuple(
            sorted({s.learner for s in self.submissions} | {h.learner for h in self.handins})
        )


def _visible(path: Path, root: Path) -> bool:
    return not any(part.startswith(".") for part in path.relative_to(root).parts)


def _nbgrader(course: Course, submitted: Path) -> Collected:
    handins = tuple(
        Handin(learner=folder.parent.name, assignment=folder.name, folder=folder)
        for folder in sorted(submitted.glob("*/*/"))
        if folder.is_dir() and _visible(folder, submitted)
    )
    found: list[Submission] = []
    for path in sorted(submitted.glob(f"*/*/{ANSWERS_DIR}/*.json")):
        if not _visible(path, submitted):
            continue
        answers = path.parent
        found.append(
            Submission(
                learner=answers.parent.parent.name,
                assignment=answers.parent.name,
                item=path.stem,
                path=path,
            )
        )
    return Collected(root=submitted, submissions=tuple(found), course=course, handins=handins)


def _plain(root: Path) -> Collected:
    found = [
        Submission(learner=path.relative_to(root).parts[0], item=path.stem, path=path)
        for path in sorted(root.rglob("*.json"))
        if len(path.relative_to(root).parts) >= 2 and _visible(path, root)
    ]
    return Collected(root=root, submissions=tuple(found))


def collect(root: Path) -> Collected:
    """Every answers file under `root`, with its learner and item."""
    root = root.resolve()
    if not root.is_dir():
        raise UsageError(f"{root}: no such folder")
    if (root / CONFIG_FILE).is_file():
        course = load_course(root)
        return _nbgrader(course, course.submitted)
    if (root.parent / CONFIG_FILE).is_file():
        course = load_course(root.parent)
        if course.submitted == root:
            return _nbgrader(course, root)
    return _plain(root)
