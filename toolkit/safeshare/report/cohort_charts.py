"""Charts of the cohort: the spread of total scores, and each item's mean score.

matplotlib's object API on the Agg canvas: no pyplot, no global backend
switched, no display needed, nothing kept between calls.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from safeshare.atomic import atomic_path

__all__ = ["item_chart", "score_histogram"]

_BAR = "#2d6a8f"


def _save(fig: Figure, out: Path) -> Path:
    FigureCanvasAgg(fig)
    fig.tight_layout()
    with atomic_path(out) as temp:
        fig.savefig(temp, format="png", metadata={"Software": None})
    return out


def score_histogram(totals: Sequence[float], out: Path) -> Path:
    """Histogram of total scores (percent), in bins of 10 points."""
    fig = Figure(figsize=(6.4, 3.4), dpi=110)
    ax = fig.subplots()
    ax.hist(list(totals), bins=list(range(0, 101, 10)), color=_BAR, edgecolor="white")
    ax.set_xlim(0, 100)
    ax.set_xlabel("total score (%)")
    ax.set_ylabel("learners")
    ax.set_title(f"Total scores of {len(totals)} learner(s)")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.spines[["top", "right"]].set_visible(False)
    return _save(fig, out)


def item_chart(means: Sequence[tuple[str, float]], out: Path) -> Path:
    """Horizontal bars: the mean score (percent) of each item, first item on top."""
    fig = Figure(figsize=(6.4, max(2.0, 0.32 * len(means) + 1.0)), dpi=110)
    ax = fig.subplots()
    labels = [m[0] for m in means][::-1]
    values = [100.0 * m[1] for m in means][::-1]
    ax.barh(labels, values, color=_BAR)
    ax.set_xlim(0, 100)
    ax.set_xlabel("mean score (%)")
    ax.set_title("Mean score by item")
    ax.spines[["top", "right"]].set_visible(False)
    return _save(fig, out)
