"""The study numbers: as published, charted, with a text table and the caveat."""

from __future__ import annotations

import base64
import io
import re
from typing import Any

import ipywidgets as widgets
from PIL import Image

from safeshare.course.study_charts import (
    WALRADT,
    patient_views_chart,
    walradt_chart,
    walradt_figure,
)


def test_walradt_numbers_are_as_published() -> None:
    w = WALRADT
    assert (w.gastroenterologists, w.tweets) == (356, 956)
    assert (w.posted_share, w.at_risk_share, w.non_compliant_share) == (0.241, 0.185, 0.014)
    assert w.posters_with_at_risk_share == 0.313 and w.at_risk_mentioning_consent == 1
    assert (w.procedure_date_share, w.date_of_birth_share, w.face_share) == (0.179, 0.008, 0.005)


def test_derived_counts_are_rounded_from_the_percentages() -> None:
    assert WALRADT.posters == 86  # 24.1% of 356 = 85.8
    assert WALRADT.posters_with_at_risk == 27  # 31.3% of 86 = 26.9
    assert WALRADT.tweets_with(0.185) == 177


def test_figure_draws_three_panels() -> None:
    fig = walradt_figure()
    assert len(fig.axes) == 3
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    assert titles == [
        "356 gastroenterologists",
        "956 tweets with endoscopy images",
        "What the tweets showed",
    ]


def html_of(widget: widgets.Widget) -> str:
    parts = [widget.value] if isinstance(widget, widgets.HTML) else []
    return "\n".join(parts + [html_of(c) for c in getattr(widget, "children", ())])


def chart_png(widget: Any) -> tuple[Any, str]:
    """The chart's PNG (an <img> with a data URL, so it can carry alt text) and its alt text."""
    found = re.search(r"src='data:image/png;base64,([^']+)' alt='([^']+)'", widget.value)
    assert found, widget.value[:200]
    return Image.open(io.BytesIO(base64.b64decode(found.group(1)))), found.group(2)


def test_chart_widget_has_a_png_a_table_and_the_caveat() -> None:
    chart = walradt_chart()
    png, alt = chart_png(chart.children[0])
    assert png.format == "PNG" and png.width > 800
    assert "956" in alt and "18.5%" in alt, "the picture has a text alternative"
    text = html_of(chart)
    for figure in ("356", "24.1%", "956", "18.5%", "1.4%", "31.3%", "17.9%", "0.8%", "0.5%"):
        assert figure in text
    assert "not confirmed" in text


def test_patient_views_chart() -> None:
    chart = patient_views_chart()
    png, alt = chart_png(chart.children[0])
    assert png.format == "PNG" and "84.9%" in alt
    assert "Salvador" in html_of(chart)
