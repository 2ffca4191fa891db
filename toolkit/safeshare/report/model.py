"""What grading a cohort gives: each learner-item graded, and the cohort around it.

Kept apart from the grading itself so tables, heatmaps, the similarity check
and the HTML read one plain model and depend on nothing that renders or grades.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from safeshare.grade.answer import AnswerLocation
from safeshare.model.key import Key
from safeshare.report.collect import Collected, Submission

__all__ = [
    "NOT_SUBMITTED",
    "NO_ANSWER",
    "Cohort",
    "Graded",
    "Ignored",
    "KeyRef",
    "Mark",
    "MarkOutcome",
    "Outcome",
]

NO_ANSWER = "no answer"
"""The note for an item of a submitted assignment with no answers file: it scores 0."""
NOT_SUBMITTED = "not submitted"
"""The note for the items of an assignment the learner did not submit: they score 0."""

Outcome = Literal["found", "partial", "false_alarm", "decoy", "repeat"]
"""What grading made of a mark: found a key finding, found it with the wrong category,
marked nothing (false alarm), marked a known look-alike (decoy), or repeated a find."""


@dataclass(frozen=True, slots=True, kw_only=True)
class KeyRef:
    """One variant's key: where it is rendered, and its number as answers give it."""

    case: str
    folder: Path
    """The rendered case folder (assets, case.json, key.json) in the cache."""
    seed: int
    """The seed answers carry: the pool index of a graded variant, else the render seed."""
    label: str
    """How the report names it, e.g. 'pixels/q1 v2' or 'E01 seed 1'."""
    item: str
    """The column it belongs to (assignment/item, or the answers file's name)."""


@dataclass(frozen=True, slots=True)
class Mark:
    """A learner's mark on an image: a box, or a click (w = h = 0)."""

    asset: str
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True, slots=True)
class MarkOutcome:
    """One thing a learner marked (any kind of location) and what grading made of it."""

    category: str
    location: AnswerLocation
    outcome: Outcome


@dataclass(frozen=True, slots=True, kw_only=True)
class Graded:
    """One item of one learner, graded (or scored 0 because there was nothing to grade)."""

    submission: Submission
    """The answers file; for a missing answer, the path where it would be."""
    ref: KeyRef | None
    """The key it was graded against (None when no key could be found, or no answer)."""
    score: float
    """In [0, 1]; 0 when the file earned no credit or there is no file."""
    points: float | None = None
    """What the item is worth in nbgrader (None outside a course)."""
    missing: bool = False
    """No answers file: the learner submitted the assignment but never saved this item."""
    problem: str = ""
    """Why the file earned no credit (unreadable, forged, another variant); empty if graded."""
    found: tuple[str, ...] = ()
    partial: tuple[str, ...] = ()
    """Key findings marked in the right place with the wrong category."""
    false_alarms: int = 0
    marks: tuple[Mark, ...] = ()
    """Marks on images, for the heatmaps."""
    outcomes: tuple[MarkOutcome, ...] = ()
    """Every mark with what grading made of it, for the similarity check."""
    decision: str | None = None
    decision_correct: bool = False
    consent_gaps: tuple[str, ...] = ()
    """The consent gaps the answer claims."""
    gaps_found: tuple[str, ...] = ()
    gaps_missed: tuple[str, ...] = ()
    note: str = ""
    """Worth a look without costing credit, e.g. the file names another learner."""

    @property
    def earned(self) -> float | None:
        return None if self.points is None else round(self.score * self.points, 4)

    @property
    def answered(self) -> bool:
        """An answers file that was read and graded (neither missing nor refused)."""
        return not self.missing and not self.problem


@dataclass(frozen=True, slots=True, kw_only=True)
class Ignored:
    """A file the report set aside: it counts for nothing, and the educator is told."""

    learner: str
    path: Path
    why: str

    @property
    def message(self) -> str:
        return f"ignored {self.path}: {self.why}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Cohort:
    """Every learner-item graded, and the keys they were graded against."""

    collected: Collected
    graded: tuple[Graded, ...]
    """Every answers file of an item, graded (or refused, with the problem)."""
    missing: tuple[Graded, ...] = ()
    """Every item of a submitted assignment with no answers file: score 0, `missing` set."""
    columns: tuple[str, ...] = ()
    """The items, in order: every item of each assignment's definition (nbgrader), or
    every answers file name found (plain folder)."""
    keys: dict[str, Key] = field(default_factory=dict)
    """By KeyRef.label, numbered as the answers are."""
    refs: dict[str, KeyRef] = field(default_factory=dict)
    """By KeyRef.label."""
    item_points: dict[str, float] = field(default_factory=dict)
    """Points of each column (nbgrader items only)."""
    drift: tuple[str, ...] = ()
    """Problems with the course rather than a learner, e.g. a release drawn by other code."""
    ignored: tuple[Ignored, ...] = ()
    """Files that are not an item of their assignment, or of no gradable assignment."""

    @property
    def entries(self) -> tuple[Graded, ...]:
        """Every learner-item: the answers files graded and the items with none."""
        return (*self.graded, *self.missing)

    @property
    def learners(self) -> tuple[str, ...]:
        """Everyone with an item: in a course, every learner who submitted, answers or not."""
        return tuple(sorted({g.submission.learner for g in self.entries}))

    @property
    def warnings(self) -> tuple[str, ...]:
        """Everything the educator should be told about the course and its files."""
        return (*self.drift, *(i.message for i in self.ignored))
