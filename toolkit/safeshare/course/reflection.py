"""The reflection box: the learner's own words on a prompt, saved to their progress.

Reflections are the heart of CPD: they go onto the certificate as written.
"""

from __future__ import annotations

import ipywidgets as widgets  # type: ignore[import-untyped]

from safeshare.course.page_interface import Page
from safeshare.course.progress import Progress, parse_time
from safeshare.course.style import esc

__all__ = ["MAX_REFLECTION", "ReflectionBox"]

MAX_REFLECTION = 4000
"""Characters kept: about a page of the certificate."""


class ReflectionBox:
    """A prompt, a text area and a Save button."""

    def __init__(self, page: Page, prompt: str) -> None:
        self.page = page
        self.prompt = prompt
        self.text = widgets.Textarea(
            placeholder="Write a few sentences in your own words. Do not include anything that "
            "could identify a patient.",
            layout=widgets.Layout(width="100%", height="120px"),
        )
        self.save = widgets.Button(description="Save reflection", button_style="primary")
        self.status = widgets.HTML()
        header = widgets.HTML(f"<div class='ss-card'><h3>Reflection</h3>{esc(prompt)}</div>")
        self.widget = widgets.VBox([header, self.text, widgets.HBox([self.save, self.status])])
        self.save.on_click(lambda _: self._save())
        page.on_ready(self._ready)
        self._ready()

    def _ready(self) -> None:
        known = self.page.store is not None
        self.text.disabled = not known
        self.save.disabled = not known
        self.text.value = self._saved_text(self.page.latest)
        self.status.value = (
            "" if known else "<span class='ss-muted'>Give your name at the top to write.</span>"
        )

    def _saved_text(self, progress: Progress | None) -> str:
        record = progress.modules.get(self.page.module.id) if progress else None
        return record.reflection if record else ""

    def _save(self) -> None:
        text = self.text.value.strip()
        if not text:
            self.status.value = "<span class='ss-bad'>Write something first.</span>"
            return
        if len(text) > MAX_REFLECTION:
            text = text[:MAX_REFLECTION]
            self.text.value = text
        if self.page.save_reflection(text):
            record = self.page.latest.modules[self.page.module.id] if self.page.latest else None
            when = parse_time(record.reflection_at).astimezone() if record else None
            stamp = f" at {when:%H:%M}" if when else ""
            self.status.value = f"<span class='ss-ok'>Saved{stamp}.</span>"
