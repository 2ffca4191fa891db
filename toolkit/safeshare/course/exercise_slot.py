"""An exercise in a module: the Exercise widget, in the learner's folder, with its score kept.

The slot holds the place of the exercise until the learner has said who they
are (and, in the capstone, pressed Start); then it builds the Exercise widget
(safeshare.widgets) with its answers file in the learner's own folder, and
records the score each time the learner presses Check.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets  # type: ignore[import-untyped]

from safeshare.course.modules import COURSE_SEED
from safeshare.course.page_interface import Page
from safeshare.course.prepared import prepared_case, prepared_picture_urls
from safeshare.course.progress import Progress
from safeshare.course.style import esc, percent
from safeshare.errors import SafeshareError

__all__ = ["ExerciseSlot", "score_of"]


def score_of(feedback: Any) -> float | None:
    """The score in the widget's feedback after Check, or None (feedback cleared)."""
    if not isinstance(feedback, dict) or "score" not in feedback:
        return None
    score = float(feedback["score"])
    return score if 0.0 <= score <= 1.0 else None


class ExerciseSlot:
    """Placeholder, then the Exercise widget for one bank case."""

    def __init__(self, page: Page, case_id: str, *, seed: int = COURSE_SEED) -> None:
        self.page = page
        self.case_id = case_id
        self.seed = seed
        self.exercise: Any = None
        self._answers_dir: Path | None = None
        self.note = widgets.HTML()
        self.score = widgets.HTML()
        self.widget = widgets.VBox([self.note], layout=widgets.Layout(margin="8px 0 16px 0"))
        page.on_ready(self._fill)
        page.on_progress(self._show_score)
        self._fill()

    def _placeholder(self, text: str) -> None:
        self.exercise = None
        self._answers_dir = None
        self.note.value = (
            f"<div class='ss-card ss-muted'>Case {esc(self.case_id)}: {esc(text)}</div>"
        )
        self.widget.children = [self.note]

    def _fill(self) -> None:
        if self.page.store is None:
            self._placeholder("give your name at the top of the page and the case appears here.")
            return
        if not self.page.exercises_ready():
            self._placeholder("press Start above and the case appears here.")
            return
        answers_dir = self.page.answers_dir()
        if self.exercise is not None and answers_dir == self._answers_dir:
            return
        try:
            from safeshare.widgets import Exercise

            # the server's kernels read the case it prepared; elsewhere the cache draws it
            folder = prepared_case(self.case_id, seed=self.seed)
            if folder is not None:
                exercise = Exercise.from_folder(
                    folder,
                    name=self.case_id,
                    answers_dir=answers_dir,
                    picture_url=prepared_picture_urls(self.case_id, folder, seed=self.seed),
                )
            else:
                exercise = Exercise(self.case_id, seed=self.seed, answers_dir=answers_dir)
        except (SafeshareError, ImportError, OSError, ValueError) as exc:
            self._placeholder(f"this case cannot be shown ({exc}). Tell your facilitator.")
            return
        self.exercise = exercise
        self._answers_dir = answers_dir
        exercise.observe(self._checked, names="feedback")
        self.widget.children = [exercise, self.score]
        self._show_score(self.page.latest)

    def _checked(self, change: dict[str, Any]) -> None:
        score = score_of(change["new"])
        if score is not None:
            self.page.record_exercise(self.case_id, score)

    def _show_score(self, progress: Progress | None) -> None:
        record = progress.modules.get(self.page.module.id) if progress else None
        result = record.exercises.get(self.case_id) if record else None
        if result is None:
            self.score.value = (
                "<span class='ss-muted'>Press Check when you are ready: your score is kept in "
                "your progress.</span>"
            )
        else:
            tries = "1 check" if result.attempts == 1 else f"{result.attempts} checks"
            self.score.value = (
                f"<span class='ss-muted'>Your score on this case: latest "
                f"<b>{percent(result.latest)}</b>, best <b>{percent(result.best)}</b> "
                f"({tries}).</span>"
            )
