"""The capstone's clock: Start, a countdown, Finish and the score.

The countdown ticks in the browser (an ipywidgets Play widget, no custom
JavaScript) and the kernel turns its value into 'time left'. Time running out
does not lock anything: this is practice, and the score notes the overrun.
Start and finish are recorded, so a reload keeps the clock where it was.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets  # type: ignore[import-untyped]

from safeshare.course.page_interface import Page
from safeshare.course.progress import ModuleRecord, parse_time
from safeshare.course.style import card, esc, percent

__all__ = ["CapstoneResult", "CapstoneTimer"]


class CapstoneResult:
    """The capstone's outcome, worked out from the progress record."""

    def __init__(self, record: ModuleRecord, cases: tuple[str, ...], limit_seconds: int) -> None:
        starts = [parse_time(e.at) for e in record.events if e.kind == "capstone_start"]
        ends = [parse_time(e.at) for e in record.events if e.kind == "capstone_finish"]
        self.started = min(starts) if starts else None
        self.finished = min((e for e in ends if self.started and e >= self.started), default=None)
        self.seconds = (
            int((self.finished - self.started).total_seconds())
            if self.started and self.finished
            else None
        )
        self.checked = [c for c in cases if c in record.exercises]
        scores = [record.exercises[c].best for c in self.checked]
        self.score = sum(scores) / len(cases) if cases else None
        self.over_time = self.seconds is not None and self.seconds > limit_seconds


def _clock(seconds: int) -> str:
    seconds = max(0, seconds)
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class CapstoneTimer:
    """Start / countdown / Finish for the capstone module."""

    def __init__(self, page: Page, *, minutes: int) -> None:
        self.page = page
        self.limit = minutes * 60
        wide = widgets.Layout(width="auto")
        self.start = widgets.Button(
            description="Start the capstone", button_style="primary", layout=wide
        )
        self.finish = widgets.Button(
            description="Finish and see my score", button_style="primary", layout=wide
        )
        self.ticker = widgets.Play(
            value=0, min=0, max=self.limit * 3, step=1, interval=1000, show_repeat=False
        )
        self.ticker.layout.display = "none"
        self.clock = widgets.HTML()
        self.result = widgets.HTML()
        intro = widgets.HTML(
            card(
                f"You have <b>{minutes} minutes</b> for the cases below: for each, mark what "
                "identifies, note any consent gap, decide, and press Check. The cases appear "
                "when you press Start. The clock is a guide: nothing locks when it runs out.",
                title="Timed cases",
            )
        )
        self.widget = widgets.VBox(
            [intro, widgets.HBox([self.start, self.finish, self.clock]), self.ticker, self.result]
        )
        self.start.on_click(lambda _: self._start())
        self.finish.on_click(lambda _: self._finish())
        self.ticker.observe(self._tick, names="value")
        page.on_ready(self._sync)
        page.on_progress(lambda _: self._refresh())
        self._sync()

    def _record(self) -> ModuleRecord | None:
        latest = self.page.latest
        return latest.modules.get(self.page.module.id) if latest else None

    def _outcome(self) -> CapstoneResult | None:
        record = self._record()
        return CapstoneResult(record, self.page.module.cases, self.limit) if record else None

    def _sync(self) -> None:
        outcome = self._outcome()
        self._sync_buttons()
        if outcome is None or outcome.started is None:
            self.clock.value = f"<span class='ss-muted'>{_clock(self.limit)} to go</span>"
            self.ticker.playing = False
            return
        if outcome.finished is not None:
            self.ticker.playing = False
            self.clock.value = "<span class='ss-ok'>Finished.</span>"
            self._show_result(outcome)
            return
        elapsed = int((self.page.clock() - outcome.started).total_seconds())
        self.ticker.value = min(max(0, elapsed), self.ticker.max)
        self.ticker.playing = True
        self._tick({"new": self.ticker.value})

    def _refresh(self) -> None:
        self._sync_buttons()
        outcome = self._outcome()
        if outcome is not None and outcome.finished is not None:
            self._show_result(outcome)

    def _sync_buttons(self) -> None:
        outcome = self._outcome()
        known = self.page.store is not None
        started = bool(outcome and outcome.started)
        self.start.disabled = not known or started
        self.finish.disabled = not started or bool(outcome and outcome.finished)

    def _tick(self, change: dict[str, Any]) -> None:
        outcome = self._outcome()
        if outcome is not None and outcome.finished is not None:
            return
        left = self.limit - int(change["new"])
        if left > 0:
            self.clock.value = f"Time left: <b>{_clock(left)}</b>"
        else:
            self.clock.value = (
                "<span class='ss-bad'>Time is up.</span> Finish the case you are on, then "
                "press Finish."
            )

    def _start(self) -> None:
        if self.page.store is None or self.page.capstone_started():
            return
        self.page.record("capstone_start")
        self.page.notify_ready()

    def _finish(self) -> None:
        if not self.page.capstone_started():
            return
        self.page.record("capstone_finish")
        self._sync()

    def _show_result(self, outcome: CapstoneResult) -> None:
        cases = self.page.module.cases
        used = (
            f"{outcome.seconds // 60} min {outcome.seconds % 60:02d} s" if outcome.seconds else "-"
        )
        over = " (over the suggested time)" if outcome.over_time else ""
        missing = [c for c in cases if c not in outcome.checked]
        unchecked = (
            f"<p class='ss-muted'>Not checked (scored 0): {esc(', '.join(missing))}. You can "
            "still work them; your score updates.</p>"
            if missing
            else ""
        )
        self.result.value = card(
            f"<p>Score: <b>{percent(outcome.score)}</b> over {len(cases)} cases. Time used: "
            f"{esc(used)}{esc(over)}.</p>{unchecked}",
            title="Your capstone result",
        )
