"""What a module page offers the widgets on it: state to read, listeners, and saving.

The components (exercise slot, self-check, reflection, panels, certificate,
capstone timer) depend on this Protocol, not on `page.ModulePage`, so the
page can build them without the two importing each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from safeshare.course.learner import Learner
from safeshare.course.modules import Module
from safeshare.course.progress import Progress, ProgressStore

__all__ = ["Page"]


class Page(Protocol):
    """The page as its components see it (`page.ModulePage` implements it)."""

    @property
    def module(self) -> Module:
        """The module this page shows."""

    @property
    def learner(self) -> Learner | None:
        """Who is learning, once they have said."""

    @property
    def store(self) -> ProgressStore | None:
        """The learner's progress store, once the learner is known."""

    @property
    def latest(self) -> Progress | None:
        """The progress as last saved."""

    @property
    def clock(self) -> Callable[[], dt.datetime]:
        """The current time in UTC (replaced in tests)."""

    def answers_dir(self) -> Path | None:
        """Where this module's exercise answers go for this learner."""

    def capstone_started(self) -> bool:
        """True once the learner pressed Start on the capstone."""

    def exercises_ready(self) -> bool:
        """Exercises show once the learner is known (and, in the capstone, has started)."""

    def on_ready(self, listener: Callable[[], None]) -> None:
        """Call `listener()` whenever the learner changes or the capstone starts."""

    def on_progress(self, listener: Callable[[Progress], None]) -> None:
        """Call `listener(progress)` after every saved change."""

    def notify_ready(self) -> None:
        """Tell the `on_ready` listeners that the page became ready."""

    def record(self, kind: str, detail: str = "") -> None:
        """Save an event of this module."""

    def record_exercise(self, case_id: str, score: float) -> None:
        """Save an exercise score."""

    def record_quiz(self, question: str, *, choice: str, correct: bool) -> None:
        """Save a self-check answer."""

    def save_reflection(self, text: str) -> bool:
        """Save the reflection; False if it could not be saved."""
