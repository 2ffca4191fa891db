"""The progress panel of a module and the course map of module 00.

Both redraw after every saved change. Links to other modules carry the
learner's code (`?learner=...`), so Voila opens the next module already
knowing who is learning.
"""

from __future__ import annotations

from urllib.parse import quote

import ipywidgets as widgets  # type: ignore[import-untyped]

from safeshare.course.modules import MODULES, Module
from safeshare.course.page_interface import Page
from safeshare.course.progress import ModuleRecord, Progress
from safeshare.course.questions import questions_for
from safeshare.course.style import badge, card, esc, minutes_text, percent

__all__ = ["CourseMap", "ProgressPanel", "module_link", "module_status"]


def module_link(mod: Module, code: str | None) -> str:
    """A relative link to a module's notebook, keeping the learner's code."""
    query = f"?learner={quote(code, safe='')}" if code else ""
    return f"{quote(mod.notebook)}{query}"


def module_status(mod: Module, record: ModuleRecord | None) -> tuple[str, bool | None]:
    """('complete' | 'in progress' | 'not started', done flag for the badge)."""
    if record is None or not record.events:
        return "not started", None
    if record.completed_at:
        return "complete", True
    return "in progress", False


def _module_rows(mod: Module, record: ModuleRecord | None) -> list[tuple[str, str]]:
    questions = questions_for(mod.id)
    rows: list[tuple[str, str]] = []
    if mod.cases:
        done = [c for c in mod.cases if record and c in record.exercises]
        scores = ", ".join(
            f"{c} {percent(record.exercises[c].best)}" for c in mod.cases if record and c in done
        )
        rows.append(
            (
                "Exercises",
                f"{badge(f'{len(done)} of {len(mod.cases)}', done=len(done) == len(mod.cases))}"
                f" {esc(scores)}",
            )
        )
    if questions:
        answered = len(record.quiz) if record else 0
        first = percent(record.quiz_score()) if record else "-"
        rows.append(
            (
                "Self-check",
                f"{badge(f'{answered} of {len(questions)}', done=answered >= len(questions))} "
                f"right first time: {first}",
            )
        )
    saved = bool(record and record.reflection)
    rows.append(("Reflection", badge("saved" if saved else "to do", done=saved)))
    rows.append(("Time spent", esc(minutes_text(record.seconds_spent() if record else 0))))
    return rows


class ProgressPanel:
    """This module's checklist, the course total and a link to the next module."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.html = widgets.HTML()
        self.widget = widgets.VBox([self.html])
        page.on_ready(lambda: self._draw(page.latest))
        page.on_progress(self._draw)
        self._draw(page.latest)

    def _draw(self, progress: Progress | None) -> None:
        mod = self.page.module
        if self.page.store is None or progress is None:
            self.html.value = card(
                "<span class='ss-muted'>Give your name at the top of the page to keep your "
                "progress.</span>",
                title="Your progress",
            )
            return
        record = progress.modules.get(mod.id)
        status, done = module_status(mod, record)
        rows = "".join(
            f"<tr><th>{esc(k)}</th><td>{v}</td></tr>" for k, v in _module_rows(mod, record)
        )
        complete = sum(
            1 for m in MODULES if (r := progress.modules.get(m.id)) is not None and r.completed_at
        )
        code = self.page.learner.code if self.page.learner else None
        later = [m for m in MODULES if m.id > mod.id]
        next_link = (
            f"<p>Next: <a href='{esc(module_link(later[0], code))}'>{esc(later[0].id)} "
            f"{esc(later[0].title)} &rarr;</a></p>"
            if later
            else ""
        )
        body = (
            f"<p>This module: {badge(status, done=done)}</p>"
            f"<table class='ss-table'>{rows}</table>"
            f"<p class='ss-muted'>Course: {complete} of {len(MODULES)} modules complete, "
            f"{esc(minutes_text(progress.seconds_spent()))} in all. A module is complete when "
            "every exercise is checked, every question answered and the reflection saved.</p>"
            f"{next_link}"
        )
        self.html.value = card(body, title="Your progress")


class CourseMap:
    """Every module: title, length, status and a link."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.html = widgets.HTML()
        self.widget = widgets.VBox([self.html])
        page.on_ready(lambda: self._draw(page.latest))
        page.on_progress(self._draw)
        self._draw(page.latest)

    def _draw(self, progress: Progress | None) -> None:
        code = self.page.learner.code if self.page.learner else None
        rows = []
        for mod in MODULES:
            record = progress.modules.get(mod.id) if progress else None
            status, done = module_status(mod, record)
            title = f"{mod.id} {mod.title}"
            link = (
                f"<a href='{esc(module_link(mod, code))}'>{esc(title)}</a>" if code else esc(title)
            )
            rows.append(
                f"<tr><td>{link}</td><td>{mod.minutes} min</td>"
                f"<td>{badge(status, done=done)}</td></tr>"
            )
        hint = "" if code else "<p class='ss-muted'>Give your name above and the links appear.</p>"
        self.html.value = card(
            f"{hint}<table class='ss-table'>{''.join(rows)}</table>", title="The course"
        )
