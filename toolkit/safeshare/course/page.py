"""One module page: who the learner is, their progress store, and the widgets that use it.

A notebook opens its module with `module = open_module("02")`, which shows the
title, the objectives and a name box. The other cells are one-liners on that
object (`module.exercise("E05")`, `module.self_check()`, `module.reflection()`,
`module.progress()`), so a clinician who opens the notebook in JupyterLab
sees no more code than that, and in Voila sees none.

Nothing is saved until the learner has said who they are; then everything
goes to their own folder (see learner.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import ipywidgets as widgets  # type: ignore[import-untyped]
from IPython.display import display

from safeshare.course.capstone import CapstoneTimer
from safeshare.course.certificate_box import CertificateBox
from safeshare.course.exercise_slot import ExerciseSlot
from safeshare.course.learner import (
    Learner,
    data_dir,
    learner_folder,
    learner_from_environment,
    when_requested,
)
from safeshare.course.modules import CAPSTONE, Module, module
from safeshare.course.panel import CourseMap, ProgressPanel
from safeshare.course.progress import Progress, ProgressStore, utc_now
from safeshare.course.questions import questions_for
from safeshare.course.reflection import ReflectionBox
from safeshare.course.selfcheck import SelfCheck
from safeshare.course.style import CSS, esc
from safeshare.errors import ProgressError, SafeshareError

__all__ = ["ModulePage", "open_module"]


class ModulePage:
    """The state behind one module page in one kernel."""

    def __init__(
        self,
        mod: Module,
        *,
        root: Path | None = None,
        environ: Mapping[str, str] | None = None,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self.module = mod
        self.root = root if root is not None else data_dir(environ)
        self.clock = clock
        self.learner: Learner | None = None
        self.store: ProgressStore | None = None
        self.latest: Progress | None = None
        self._on_ready: list[Callable[[], None]] = []
        self._on_progress: list[Callable[[Progress], None]] = []
        self.name_bar = _NameBar(self)
        known = learner_from_environment(environ)
        if known is not None:
            self.set_learner(known)
        elif environ is None:  # a preheated kernel learns the address when a page takes it
            when_requested(self.set_learner)

    # --- who is learning -------------------------------------------------
    def set_learner(self, learner: Learner) -> None:
        """Switch to this learner: open their store, note the visit, refresh every widget."""
        if self.learner is not None and learner.code == self.learner.code:
            self.name_bar.show_learner(learner)
            return
        folder = learner_folder(learner.code, self.root)
        self.learner = learner
        self.store = ProgressStore(folder, learner, clock=self.clock)
        self.name_bar.show_learner(learner)
        try:
            self.store.load()
        except ProgressError:
            kept = self.store.set_aside()
            self.name_bar.warn(
                f"Your earlier progress file was damaged; it was kept as {kept.name} and a new "
                "one started. Tell your facilitator."
            )
        progress = self._write(lambda s: s.record(self.module.id, "open"))
        for listener in list(self._on_ready):
            listener()
        if progress is not None:
            self._changed(progress)

    @property
    def folder(self) -> Path | None:
        """The learner's own folder, once known."""
        return self.store.folder if self.store else None

    def answers_dir(self) -> Path | None:
        """Where this module's exercise answers go for this learner."""
        return self.store.folder / "answers" / self.module.id if self.store else None

    @property
    def is_capstone(self) -> bool:
        return self.module.id == CAPSTONE

    def capstone_started(self) -> bool:
        """True once the learner pressed Start on the capstone (kept across visits)."""
        if not self.is_capstone:
            return True
        record = self.latest.modules.get(self.module.id) if self.latest else None
        return bool(record and any(e.kind == "capstone_start" for e in record.events))

    def exercises_ready(self) -> bool:
        """Exercises show once the learner is known (and, in the capstone, has started)."""
        return self.store is not None and self.capstone_started()

    # --- listeners -------------------------------------------------------
    def on_ready(self, listener: Callable[[], None]) -> None:
        """Call `listener()` whenever the learner changes or the capstone starts."""
        self._on_ready.append(listener)

    def on_progress(self, listener: Callable[[Progress], None]) -> None:
        """Call `listener(progress)` after every saved change."""
        self._on_progress.append(listener)
        if self.latest is not None:
            listener(self.latest)

    def notify_ready(self) -> None:
        for listener in list(self._on_ready):
            listener()

    # --- writing ---------------------------------------------------------
    def _write(self, action: Callable[[ProgressStore], Progress]) -> Progress | None:
        if self.store is None:
            return None
        try:
            progress = action(self.store)
        except (SafeshareError, OSError, ValueError) as exc:
            self.name_bar.warn(f"Your progress could not be saved: {exc}")
            return None
        self.latest = progress
        return progress

    def record(self, kind: str, detail: str = "") -> None:
        progress = self._write(lambda s: s.record(self.module.id, kind, detail))
        if progress is not None:
            self._changed(progress)

    def record_exercise(self, case_id: str, score: float) -> None:
        progress = self._write(lambda s: s.record_exercise(self.module.id, case_id, score))
        if progress is not None:
            self._changed(progress)

    def record_quiz(self, question: str, *, choice: str, correct: bool) -> None:
        progress = self._write(
            lambda s: s.record_quiz(self.module.id, question, choice=choice, correct=correct)
        )
        if progress is not None:
            self._changed(progress)

    def save_reflection(self, text: str) -> bool:
        progress = self._write(lambda s: s.save_reflection(self.module.id, text))
        if progress is not None:
            self._changed(progress)
        return progress is not None

    def _changed(self, progress: Progress) -> None:
        record = progress.module(self.module.id)
        questions = [q.id for q in questions_for(self.module.id)]
        if not record.completed_at and record.is_complete(
            cases=self.module.cases, questions=questions
        ):
            progress = self._write(lambda s: s.mark_complete(self.module.id)) or progress
        self.latest = progress
        for listener in list(self._on_progress):
            listener(progress)

    # --- the widgets a notebook shows --------------------------------------
    def header(self) -> widgets.Widget:
        """Title, objectives and the name box."""
        m = self.module
        items = "".join(f"<li>{esc(o)}</li>" for o in m.objectives)
        html = (
            f"{CSS}<div class='ss-card'><div class='ss-muted'>Module {esc(m.id)} · about "
            f"{m.minutes} minutes</div><h3>By the end of this module you can:</h3>"
            f"<ul class='ss-objectives'>{items}</ul></div>"
        )
        return widgets.VBox([widgets.HTML(html), self.name_bar.widget])

    def exercise(self, case_id: str, **options: Any) -> widgets.Widget:
        """The exercise for a bank case, saved to the learner's folder once they are known."""

        return ExerciseSlot(self, case_id, **options).widget

    def check_before_you_post(self) -> widgets.Widget:
        """Module 07: run the checker on a case image and read its ranked report."""
        from safeshare.course.check_step import CheckStep

        return CheckStep(self).widget

    def self_check(self) -> widgets.Widget:
        """The module's quick self-check, with instant feedback."""

        return SelfCheck(self, questions_for(self.module.id)).widget

    def reflection(self, prompt: str | None = None) -> widgets.Widget:
        """A box for the learner's reflection, saved to their progress."""

        return ReflectionBox(self, prompt or self.module.reflection_prompt).widget

    def progress(self) -> widgets.Widget:
        """What the learner has done in this module and in the course, with the next step."""

        return ProgressPanel(self).widget

    def course_map(self) -> widgets.Widget:
        """Every module with its status and a link that keeps the learner's code."""

        return CourseMap(self).widget

    def certificate(self) -> widgets.Widget:
        """A button that makes the CPD certificate and offers it for download."""

        return CertificateBox(self).widget

    def capstone_timer(self, minutes: int = 25) -> widgets.Widget:
        """Start button and timer for the capstone; exercises appear after Start."""

        return CapstoneTimer(self, minutes=minutes).widget


class _NameBar:
    """'Your name or learner code' box, or 'Working as ...' once known."""

    def __init__(self, page: ModulePage) -> None:
        self.page = page
        self.text = widgets.Text(
            continuous_update=False,
            placeholder="e.g. Anna Smith, or your code",
            description="Your name or code:",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="420px"),
        )
        self.button = widgets.Button(description="Start", button_style="primary")
        self.change = widgets.Button(description="Not you? Change")
        self.message = widgets.HTML()
        self.widget = widgets.VBox(
            [widgets.HBox([self.text, self.button]), self.message],
            layout=widgets.Layout(margin="4px 0 8px 0"),
        )
        self.button.on_click(lambda _: self._submit())
        self.text.observe(lambda _: self._submit(quiet=True), names="value")
        self.change.on_click(lambda _: self._ask())

    def _submit(self, *, quiet: bool = False) -> None:
        """Enter (or leaving the box) and Start both submit; a blank box only complains on Start."""
        try:
            learner = Learner.from_name(self.text.value)
        except ValueError as exc:
            if not quiet:
                self.message.value = f"<span class='ss-bad'>{esc(str(exc))}</span>"
            return
        self.page.set_learner(learner)

    def _ask(self) -> None:
        self.text.value = ""
        self.message.value = ""
        self.widget.children = [widgets.HBox([self.text, self.button]), self.message]

    def show_learner(self, learner: Learner) -> None:
        self.message.value = ""
        same = learner.name.lower().replace(" ", "-") == learner.code
        code = "" if same else f" <span class='ss-muted'>(folder: {esc(learner.code)})</span>"
        label = widgets.HTML(
            f"Working as <b>{esc(learner.name)}</b>{code}. Your work is saved as you go."
        )
        self.widget.children = [widgets.HBox([label, self.change]), self.message]

    def warn(self, text: str) -> None:
        self.message.value = f"<span class='ss-bad'>{esc(text)}</span>"


def open_module(
    module_id: str,
    *,
    root: Path | None = None,
    environ: Mapping[str, str] | None = None,
    show: bool = True,
) -> ModulePage:
    """Open a module: show its objectives and the name box, and return the page object."""
    page = ModulePage(module(module_id), root=root, environ=environ)
    if show:
        display(page.header())  # type: ignore[no-untyped-call]
    return page
