"""Issue 10's three complaints, replayed in the widget in JupyterLab and Chromium.

Each test marks as the tester did (with the mouse), presses Check and reads
the feedback on screen; then grades the answers file the widget saved with
the same `grade()` that `safeshare grade` runs, and checks both agree.

- E05: one box around the comment "KS 94M" finds both the initials and the age.
- E06: selecting "village fete" inside the key phrase finds it: no false alarm.
- E01: every finding marked right, plus a wrong-category copy of each, scores
  as much as the right marks alone, and no finding is "partly right".
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from safeshare.cases.cache import load_rendered, rendered_case
from safeshare.grade import Answer, grade, load_answer
from safeshare.model.key import Finding, Key
from safeshare.model.locations import Box, Span
from safeshare.model.view import CaseView
from tests.browser.harness import (
    WIDGET,
    Lab,
    choose_category,
    draw_box,
    open_notebook,
    run_all,
    saved_answer,
    select_words,
    write_notebook,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SEED = 1


def case(case_id: str) -> tuple[CaseView, Key]:
    view, key = load_rendered(rendered_case(case_id, seed=SEED))
    assert key is not None
    return view, key


def open_exercise(page: Any, lab: Lab, case_id: str) -> Path:
    """A notebook showing the case's exercise (its own answers file); returns that file."""
    name = f"fair-{case_id}"
    notebook = write_notebook(
        lab.root / f"{name}.ipynb",
        "from safeshare.widgets import Exercise",
        f'Exercise("{case_id}", seed={SEED}, name="{name}")',
    )
    open_notebook(page, lab, notebook)
    run_all(page)
    return lab.root / "answers" / f"{name}.json"


def show_image(page: Any, asset: str) -> None:
    stage = page.locator(f"{WIDGET} .ss-stage")
    if stage.get_attribute("data-image") != asset:
        page.locator(f'{WIDGET} .ss-tab[data-image="{asset}"]').click()


def add_box(page: Any, box: Box, category: str, *, margin: int, wider: int = 0) -> None:
    """Drag a box `margin` pixels outside `box` (`wider` more left and right), then its category.

    A drag that starts on a mark or its handles moves or resizes it, so a second
    mark over the same words starts further to the left (`wider`), as a person
    drawing a second box would.
    """
    show_image(page, box.asset)
    before = page.locator(f"{WIDGET} .ss-mark-item").count()
    dx = margin + wider
    draw_box(page, box.x - dx, box.y - margin, box.w + 2 * dx, box.h + 2 * margin)
    page.wait_for_selector(f"{WIDGET} .ss-images .ss-editor:not([hidden])")
    choose_category(page, ".ss-images .ss-editor", category)
    page.wait_for_function(
        f"() => document.querySelectorAll('.ss-exercise .ss-mark-item').length === {before + 1}"
    )


def check(page: Any) -> int:
    """Press Check; the percentage shown."""
    page.locator(f"{WIDGET} .ss-check-btn").click()
    page.wait_for_selector(f"{WIDGET} .ss-feedback .ss-score")
    text = page.locator(f"{WIDGET} .ss-feedback .ss-score").inner_text()
    match = re.fullmatch(r"(\d+)%", text)
    assert match, text
    return int(match.group(1))


def items(page: Any, status: str) -> list[str]:
    """The feedback's items with this status (found, partial, missed, false_alarm, repeat)."""
    return list(page.locator(f"{WIDGET} .ss-feedback .ss-fb-item.ss-st-{status}").all_inner_texts())


def graded(view: CaseView, key: Key, answers: Path, *, findings: int) -> tuple[Answer, float]:
    answer = saved_answer(answers, findings=findings)
    assert len(answer.findings) == findings
    return answer, grade(key, load_answer(answers), view=view).score


def finding(key: Key, category: str, asset: str) -> Finding:
    return next(
        f
        for f in key.findings
        if f.category == category and isinstance(f.location, Box) and f.location.asset == asset
    )


def test_e05_one_box_over_the_comment_finds_initials_and_age(lab: Lab, page: Any) -> None:
    view, key = case("E05")
    initials = finding(key, "patient_name", "frame").location
    age = finding(key, "age_or_sex", "frame").location
    assert isinstance(initials, Box) and isinstance(age, Box)
    x0, y0 = min(initials.x, age.x), min(initials.y, age.y)
    x1 = max(initials.x + initials.w, age.x + age.w)
    y1 = max(initials.y + initials.h, age.y + age.h)
    comment = Box(asset="frame", x=x0, y=y0, w=x1 - x0, h=y1 - y0)

    answers = open_exercise(page, lab, "E05")
    add_box(page, comment, "patient_name", margin=3)
    shown = check(page)

    found = items(page, "found")
    assert any("KS" in text or "initials" in text for text in found), found
    assert any("94M" in text for text in found), found
    assert not items(page, "false_alarm")
    feedback = page.locator(f"{WIDGET} .ss-feedback").inner_text()
    assert "Nothing at this spot" not in feedback
    _, score = graded(view, key, answers, findings=1)
    assert shown == round(score * 100)
    assert not page.errors, page.errors


def test_e06_a_sub_phrase_of_the_key_phrase_finds_it(lab: Lab, page: Any) -> None:
    view, key = case("E06")
    phrase = next(
        f for f in key.findings if isinstance(f.location, Span) and "village fete" in f.evidence
    )
    span = phrase.location
    assert isinstance(span, Span)
    assert view.post is not None
    text = view.post.text_fields()[span.field]
    start = span.start + phrase.evidence.index("village fete")
    assert text[start : start + len("village fete")] == "village fete"

    answers = open_exercise(page, lab, "E06")
    select_words(page, span.field, start, start + len("village fete"))
    page.wait_for_selector(f"{WIDGET} .ss-post-panel .ss-editor:not([hidden])")
    choose_category(page, ".ss-post-panel .ss-editor", phrase.category)
    page.wait_for_selector(f"{WIDGET} mark.ss-hl.ss-st-mine")
    shown = check(page)

    assert any("village fete" in t for t in items(page, "found")), items(page, "found")
    assert not items(page, "false_alarm")
    feedback = page.locator(f"{WIDGET} .ss-feedback").inner_text()
    assert "do not identify the patient here" not in feedback
    _, score = graded(view, key, answers, findings=1)
    assert shown == round(score * 100)
    assert not page.errors, page.errors


def test_e01_wrong_category_copies_take_nothing_away(lab: Lab, page: Any) -> None:
    view, key = case("E01")
    boxes = [f for f in key.findings if isinstance(f.location, Box)]
    assert len(boxes) == len(key.findings) == 8

    answers = open_exercise(page, lab, "E01")
    for f in boxes:
        assert isinstance(f.location, Box)
        add_box(page, f.location, f.category, margin=2)
    right_only = check(page)
    assert len(items(page, "found")) == 8, items(page, "found")
    _, right_score = graded(view, key, answers, findings=8)
    assert right_only == round(right_score * 100)

    for f in boxes:
        assert isinstance(f.location, Box)
        wrong = "clinician_identity" if f.category != "clinician_identity" else "institution"
        add_box(page, f.location, wrong, margin=2, wider=10)
    with_copies = check(page)

    assert len(items(page, "found")) == 8, items(page, "found")
    assert not items(page, "partial"), items(page, "partial")
    assert not items(page, "missed")
    _, copies_score = graded(view, key, answers, findings=16)
    assert with_copies == round(copies_score * 100)
    assert copies_score == pytest.approx(right_score)
    assert not page.errors, page.errors
