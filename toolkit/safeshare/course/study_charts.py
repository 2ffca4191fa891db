"""The study numbers the course rests on, charted with matplotlib.

Figures are as published. Counts in brackets are worked out here from the
published percentages (rounded), and the charts say so. Each chart comes with
a text table beside it, for screen readers and for quoting.

Sources:
  Walradt T, et al. Am J Gastroenterol 2021;116(7):1542-1544.
  doi:10.14309/ajg.0000000000001238
  Salvador T, et al. JAMA Dermatol 2024 (patients' views on clinical images).
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import ipywidgets as widgets  # type: ignore[import-untyped]

from safeshare.course.prepared import prepared_chart
from safeshare.course.style import card, esc

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "CHARTS",
    "WALRADT",
    "Walradt2021",
    "patient_views_chart",
    "patient_views_figure",
    "walradt_chart",
    "walradt_figure",
]

_INK = "#1f2328"
_MUTED = "#57606a"
_RISK = "#b42318"
_WARN = "#d97706"
_SAFE = "#8c959f"
_ACCENT = "#165c7d"


@dataclass(frozen=True, slots=True)
class Walradt2021:
    """Walradt et al. 2021: gastroenterologists' endoscopy images on Twitter."""

    gastroenterologists: int = 356
    posted_share: float = 0.241
    tweets: int = 956
    at_risk_share: float = 0.185
    non_compliant_share: float = 0.014
    posters_with_at_risk_share: float = 0.313
    at_risk_mentioning_consent: int = 1
    procedure_date_share: float = 0.179
    device_brand_share: float = 0.10
    date_of_birth_share: float = 0.008
    face_share: float = 0.005

    @property
    def posters(self) -> int:
        """Gastroenterologists who posted images (derived: 24.1% of 356)."""
        return round(self.gastroenterologists * self.posted_share)

    @property
    def posters_with_at_risk(self) -> int:
        """Posters with an at-risk tweet (derived: 31.3% of the posters)."""
        return round(self.posters * self.posters_with_at_risk_share)

    def tweets_with(self, share: float) -> int:
        """Tweets for a share of the 956 (derived, rounded)."""
        return round(self.tweets * share)


WALRADT = Walradt2021()


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    return buffer.getvalue()


def _style(ax: object) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)  # type: ignore[attr-defined]
    ax.tick_params(colors=_INK, labelsize=9)  # type: ignore[attr-defined]


def walradt_figure(w: Walradt2021 = WALRADT) -> Figure:
    """Three panels: who posted, what share of tweets was at risk, which details showed."""
    from matplotlib.figure import Figure  # drawn ahead by the server; loaded only to draw

    fig = Figure(figsize=(11.5, 3.8))
    axes = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1.1, 1, 1.1]})

    ax = axes[0]
    rows = [
        ("On Twitter", w.gastroenterologists, "356", _SAFE),
        ("Posted endoscopy\nimages or video", w.posters, f"24.1% (~{w.posters})", _ACCENT),
        (
            "Had an\nat-risk tweet",
            w.posters_with_at_risk,
            f"31.3% of posters (~{w.posters_with_at_risk})",
            _RISK,
        ),
    ][::-1]
    bars = ax.barh([r[0] for r in rows], [r[1] for r in rows], color=[r[3] for r in rows])
    for bar, row in zip(bars, rows, strict=True):
        ax.text(
            bar.get_width() + 6,
            bar.get_y() + bar.get_height() / 2,
            row[2],
            va="center",
            fontsize=9,
            color=_INK,
        )
    ax.set_xlim(0, 560)
    ax.set_title("356 gastroenterologists", fontsize=11, color=_INK, loc="left")
    ax.set_xlabel("people", fontsize=9, color=_MUTED)
    _style(ax)

    ax = axes[1]
    safe = 1 - w.at_risk_share - w.non_compliant_share
    parts = [
        ("At risk", w.at_risk_share, _WARN),
        ("Non-compliant", w.non_compliant_share, _RISK),
        ("Neither", safe, _SAFE),
    ]
    left = 0.0
    for label, share, colour in parts:
        ax.barh(
            [0],
            [share * 100],
            left=left,
            color=colour,
            height=0.5,
            label=f"{label} {share * 100:.1f}%",
        )
        left += share * 100
    ax.set_xlim(0, 100)
    ax.set_ylim(-1.0, 1.9)
    ax.set_yticks([])
    ax.set_xlabel("% of the 956 tweets", fontsize=9, color=_MUTED)
    ax.set_title("956 tweets with endoscopy images", fontsize=11, color=_INK, loc="left")
    ax.legend(
        loc="upper left",
        ncol=1,
        frameon=False,
        fontsize=8.5,
        handlelength=1,
        columnspacing=0.8,
        bbox_to_anchor=(0, 1.0),
    )
    ax.text(0, -0.7, "1 at-risk tweet mentioned consent", fontsize=9, color=_INK)
    _style(ax)
    ax.spines["left"].set_visible(False)

    ax = axes[2]
    items = [
        ("Procedure date", w.procedure_date_share, _RISK),
        ("Device brand*", w.device_brand_share, _SAFE),
        ("Date of birth", w.date_of_birth_share, _RISK),
        ("Patient's face", w.face_share, _RISK),
    ][::-1]
    bars = ax.barh([i[0] for i in items], [i[1] * 100 for i in items], color=[i[2] for i in items])
    for bar, item in zip(bars, items, strict=True):
        ax.text(
            bar.get_width() + 0.4,
            bar.get_y() + bar.get_height() / 2,
            f"{item[1] * 100:.1f}%",
            va="center",
            fontsize=9,
            color=_INK,
        )
    ax.set_xlim(0, 23)
    ax.set_xlabel("% of tweets showing it", fontsize=9, color=_MUTED)
    ax.set_title("What the tweets showed", fontsize=11, color=_INK, loc="left")
    _style(ax)
    fig.subplots_adjust(wspace=0.8, bottom=0.22)
    fig.text(
        0.01,
        0.0,
        "~ worked out here from the published percentages.   * A brand is not a "
        "patient identifier; naming one raises a disclosure question.   Source: Walradt "
        "et al., Am J Gastroenterol 2021.",
        fontsize=8,
        color=_MUTED,
    )
    return fig


def _image(png: bytes, *, alt: str) -> widgets.Widget:
    """The chart as an <img> with its text alternative (ipywidgets' Image has no alt)."""
    data = base64.b64encode(png).decode("ascii")
    return widgets.HTML(
        f"<img src='data:image/png;base64,{data}' alt='{esc(alt)}' style='max-width:100%'>"
    )


def _table(rows: list[tuple[str, str]]) -> str:
    body = "".join(f"<tr><td>{esc(a)}</td><td><b>{esc(b)}</b></td></tr>" for a, b in rows)
    return f"<table class='ss-table'>{body}</table>"


def walradt_chart(w: Walradt2021 = WALRADT) -> widgets.Widget:
    """The Walradt chart with its numbers as a table and the caveats."""
    drawn = prepared_chart("walradt") if w == WALRADT else None
    image = _image(
        drawn or _png(walradt_figure(w)),
        alt=(
            "Three bar charts from Walradt et al. 2021: of 356 gastroenterologists on Twitter, "
            "24.1% posted endoscopy images; 18.5% of their 956 tweets were at risk and 1.4% "
            "non-compliant; procedure dates showed in 17.9% of tweets. The table below gives "
            "every number."
        ),
    )
    rows = [
        ("Gastroenterologists active on Twitter", "356"),
        ("Posted endoscopy images or video", f"24.1% (about {w.posters})"),
        ("Tweets with endoscopy images or video", "956"),
        ("Tweets 'at risk' for confidentiality non-compliance", "18.5%"),
        ("Tweets non-compliant", "1.4%"),
        ("Posting gastroenterologists with an at-risk tweet", "31.3%"),
        ("At-risk tweets that mentioned consent", "1"),
        ("Tweets showing the procedure date", "17.9%"),
        ("Tweets showing a date of birth", "0.8%"),
        ("Tweets showing the patient's face", "0.5%"),
        ("Tweets naming a device brand", "10%"),
    ]
    caveat = (
        "<p class='ss-muted'>Source: Walradt et al., Am J Gastroenterol 2021;116(7):1542-4. "
        "Counts marked 'about' are worked out here from the published percentages. The paper's "
        "exact rule for coding a tweet 'at risk' rather than 'non-compliant' is not confirmed "
        "in the material this course is built on: read the split between the two with "
        "caution. The shares of single details are of all 956 tweets as reported in the "
        "abstract.</p>"
    )
    return widgets.VBox([image, widgets.HTML(card(_table(rows) + caveat, title="The numbers"))])


def patient_views_figure() -> Figure:
    """What patients say: comfortable with non-identifiable vs identifiable images."""
    from matplotlib.figure import Figure  # drawn ahead by the server; loaded only to draw

    fig = Figure(figsize=(6.4, 2.2))
    ax = fig.subplots()
    labels = ["Identifiable image", "Non-identifiable image"]
    values = [21.1, 84.9]
    bars = ax.barh(labels, values, color=[_RISK, _ACCENT], height=0.55)
    for bar, value in zip(bars, values, strict=True):
        ax.text(
            bar.get_width() + 1,
            bar.get_y() + bar.get_height() / 2,
            f"{value}%",
            va="center",
            fontsize=9,
            color=_INK,
        )
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of patients comfortable with their image being used", fontsize=9, color=_MUTED)
    _style(ax)
    return fig


def patient_views_chart() -> widgets.Widget:
    """The patients' views chart with its source and caveat."""
    png = prepared_chart("patient_views") or _png(patient_views_figure())
    image = _image(
        png,
        alt=(
            "Bar chart: 84.9% of patients were comfortable with a non-identifiable image of "
            "them being used, 21.1% with an identifiable one."
        ),
    )
    note = (
        "<p class='ss-muted'>Source: Salvador et al., JAMA Dermatology 2024, a survey of "
        "patients' views on the use of their clinical images. Most wanted to be asked first. "
        "Unverified: these figures come from a summary; the paper itself could not be checked "
        "here, so do not quote them without reading it.</p>"
    )
    return widgets.VBox([image, widgets.HTML(note)])


CHARTS: dict[str, Callable[[], bytes]] = {
    "walradt": lambda: _png(walradt_figure()),
    "patient_views": lambda: _png(patient_views_figure()),
}
"""The charts a module shows, by name: the server draws them ahead (course/prepared.py)."""
