"""The quick self-check: multiple-choice questions with instant feedback.

Choosing an answer shows at once whether it is right and why, with the source.
The learner may change their answer; the first answer is what counts for the
score on the certificate, the latest shows on the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets  # type: ignore[import-untyped]

from safeshare.course.page_interface import Page
from safeshare.course.progress import Progress
from safeshare.course.questions import Question
from safeshare.course.style import esc

__all__ = ["SelfCheck"]


class _QuestionView:
    def __init__(self, page: Page, number: int, question: Question) -> None:
        self.page = page
        self.question = question
        self.prompt = widgets.HTML(f"<b>{number}. {esc(question.prompt)}</b>")
        self.choices = widgets.RadioButtons(
            options=list(question.choices),
            value=None,
            layout=widgets.Layout(width="auto"),
            style={"description_width": "0px"},
        )
        self.feedback = widgets.HTML()
        self.widget = widgets.VBox([self.prompt, self.choices, self.feedback])
        self._loading = False
        self.choices.observe(self._chosen, names="value")

    def _chosen(self, change: dict[str, Any]) -> None:
        if self._loading or change["new"] is None:
            return
        choice = str(change["new"])
        correct = self.question.choices.index(choice) == self.question.answer
        self.show_feedback(correct)
        self.page.record_quiz(self.question.id, choice=choice, correct=correct)

    def show_feedback(self, correct: bool) -> None:
        verdict = (
            "<span class='ss-ok'>Right.</span>"
            if correct
            else "<span class='ss-bad'>Not quite.</span> The answer is: "
            f"<i>{esc(self.question.choices[self.question.answer])}</i>."
        )
        kind = "right" if correct else "wrong"
        self.feedback.value = (
            f"<div class='ss-feedback {kind}'>{verdict} {esc(self.question.explanation)}</div>"
        )

    def load(self, progress: Progress | None) -> None:
        """Show the learner's saved answer (or none) without recording it again."""
        record = progress.modules.get(self.page.module.id) if progress else None
        saved = record.quiz.get(self.question.id) if record else None
        self._loading = True
        try:
            if saved is not None and saved.choice in self.question.choices:
                self.choices.value = saved.choice
                self.show_feedback(saved.correct)
            else:
                self.choices.value = None
                self.feedback.value = ""
        finally:
            self._loading = False
        self.choices.disabled = self.page.store is None


class SelfCheck:
    """All the questions of a module in one box."""

    def __init__(self, page: Page, questions: Sequence[Question]) -> None:
        self.page = page
        self.views = [_QuestionView(page, i, q) for i, q in enumerate(questions, start=1)]
        self.note = widgets.HTML()
        title = widgets.HTML(
            "<div class='ss-card'><h3>Quick self-check</h3><span class='ss-muted'>Pick an answer "
            "to see at once whether it is right, and why. Your first answer counts towards "
            "your score.</span></div>"
        )
        self.widget = widgets.VBox([title, self.note, *[v.widget for v in self.views]])
        page.on_ready(self._ready)
        self._ready()

    def _ready(self) -> None:
        if self.page.store is None:
            self.note.value = "<span class='ss-muted'>Give your name at the top to answer.</span>"
        else:
            self.note.value = ""
        for view in self.views:
            view.load(self.page.latest)
