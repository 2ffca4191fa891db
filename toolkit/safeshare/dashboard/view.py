"""The live dashboard in Voila: refreshed on a timer, one case at a time, names only on request.

    from safeshare.dashboard import show_dashboard
    show_dashboard()          # reads $SAFESHARE_DATA/learners, refreshes every 15 s

Opt-in names: the "Show names (my screen only)" box swaps pseudonyms for the
names learners typed, with a warning above the table; it starts unticked on
every page load, so a projector never shows names by default.
"""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path
from typing import Any

import ipywidgets as widgets  # type: ignore[import-untyped]
from IPython.display import display

from safeshare.course.learner import data_dir
from safeshare.dashboard.board import Board, BoardState
from safeshare.dashboard.html import case_html, names_html, overview_html, problems_html

__all__ = ["DEFAULT_INTERVAL", "Dashboard", "show_dashboard"]

DEFAULT_INTERVAL = 15
"""Seconds between automatic refreshes."""


class Dashboard:
    """The widgets, the board behind them and the refresh timer."""

    def __init__(self, board: Board, *, interval: int = DEFAULT_INTERVAL) -> None:
        self.board = board
        self.interval = interval
        self.state: BoardState | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.refresh_button = widgets.Button(description="Refresh now", icon="refresh")
        wide = {"description_width": "initial"}
        self.auto = widgets.Checkbox(
            value=True, description=f"Refresh every {interval} s", style=wide, indent=False
        )
        self.names = widgets.Checkbox(
            value=False, description="Show names (my screen only)", style=wide, indent=False
        )
        self.case = widgets.Dropdown(description="Case", options=[], layout={"width": "480px"})
        self.overview = widgets.HTML()
        self.problems = widgets.HTML()
        self.case_view = widgets.HTML()
        self.pictures = widgets.VBox()
        self.table = widgets.HTML()
        learners = widgets.VBox([widgets.HTML("<h3>Learners</h3>"), self.table])
        self.widget = widgets.VBox(
            [
                widgets.HBox(
                    [self.refresh_button, self.auto, self.names],
                    layout={"gap": "24px", "align_items": "center"},
                ),
                self.overview,
                self.problems,
                self.case,
                self.pictures,
                self.case_view,
                learners,
            ]
        )
        self.refresh_button.on_click(lambda _: self.refresh())
        self.names.observe(self._names_changed, names="value")
        self.case.observe(lambda _: self._show_case(), names="value")
        self.refresh()
        threading.Thread(target=self._timer, name="dashboard-refresh", daemon=True).start()

    def _names_changed(self, change: dict[str, Any]) -> None:
        self.board.show_names = bool(change["new"])
        self.refresh()

    def _timer(self) -> None:
        while not self._stop.wait(self.interval):
            if self.auto.value:
                self.refresh()

    def stop(self) -> None:
        self._stop.set()

    def refresh(self) -> None:
        """Read, grade and draw again, then show it (one refresh at a time)."""
        if not self._lock.acquire(blocking=False):
            return
        try:
            state = self.board.refresh()
            self.state = state
            self.overview.value = overview_html(state)
            self.problems.value = problems_html(state)
            self.table.value = names_html(state)
            titles = [p.title for p in state.cases]
            chosen = self.case.value if self.case.value in titles else None
            self.case.options = titles
            self.case.value = chosen or (titles[0] if titles else None)
            self._show_case()
        finally:
            self._lock.release()

    def _show_case(self) -> None:
        state = self.state
        panel = (
            next((p for p in state.cases if p.title == self.case.value), None) if state else None
        )
        if panel is None:
            self.case_view.value = "<p>No answers yet: the cases appear as learners save.</p>"
            self.pictures.children = []
            return
        self.case_view.value = case_html(panel)
        self.pictures.children = [
            widgets.Image(value=path.read_bytes(), format="jpeg", layout={"max_width": "960px"})
            for path in panel.heatmaps
        ]


def show_dashboard(
    *,
    root: Path | None = None,
    out_dir: Path | None = None,
    interval: int = DEFAULT_INTERVAL,
) -> Dashboard:
    """Show the dashboard for the data folder `root` (default $SAFESHARE_DATA)."""
    folder = out_dir or Path(tempfile.mkdtemp(prefix="safeshare-dashboard-"))
    dashboard = Dashboard(Board(root or data_dir(), folder), interval=interval)
    display(dashboard.widget)  # type: ignore[no-untyped-call]
    return dashboard
