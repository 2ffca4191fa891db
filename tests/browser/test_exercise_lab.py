"""The exercise in a real JupyterLab and Chromium: mark, check, save, reopen.

Opens docs/demo-exercise.ipynb (a copy, in a temporary folder), runs all
cells, draws a box with the mouse on an identifier the key knows about,
highlights words of the post by dragging over them, presses Check, and then
checks the feedback on screen and the answers file on disk. It reloads the
page, runs the notebook again and finds the marks restored. Screenshots go to
artifacts/screenshots/. Check latency is printed, never asserted.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from safeshare.cases.cache import load_rendered, rendered_case
from safeshare.model.key import Finding, Key
from safeshare.model.locations import Box, Span
from tests.browser.harness import (
    WIDGET,
    Lab,
    choose_category,
    draw_box,
    open_notebook,
    run_all,
    saved_answer,
    select_words,
    timed_check,
    write_notebook,
)
from tests.widgets.case_folder import make_case_folder

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "docs" / "demo-exercise.ipynb"
DEMO_CASE = "P01"
DEMO_SEED = 1

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def demo_key() -> Key:
    """The key of the case the demo notebook shows (rendered into the same cache)."""
    _, key = load_rendered(rendered_case(DEMO_CASE, seed=DEMO_SEED))
    assert key is not None
    return key


def exercise_code(*, name: str) -> str:
    """The line that makes the demo's exercise, under another name (its own answers file)."""
    return f'Exercise("{DEMO_CASE}", seed={DEMO_SEED}, name="{name}")'


def pick(key: Key, kind: type, prefer: tuple[str, ...]) -> Finding:
    """A finding of the key with this kind of location, preferring some categories."""
    candidates = [f for f in key.findings if isinstance(f.location, kind)]
    assert candidates, f"the demo case has no {kind.__name__} finding to mark"
    for category in prefer:
        for finding in candidates:
            if finding.category == category:
                return finding
    return candidates[0]


def shoot(page: Any, folder: Path, name: str, selector: str | None = None) -> Path:
    path = folder / name
    if selector:
        page.locator(selector).first.screenshot(path=str(path))
    else:
        page.screenshot(path=str(path))
    return path


def tidy_lab(page: Any) -> None:
    """Fold Lab's side panels away so the notebook gets the width (for the screenshots)."""
    page.evaluate(
        "() => { window.jupyterapp.shell.collapseLeft(); window.jupyterapp.shell.collapseRight(); }"
    )


def test_mark_check_save_and_restore_in_jupyterlab(lab: Lab, page: Any, screenshots: Path) -> None:
    key = demo_key()
    box = pick(key, Box, ("label_or_wristband", "patient_name", "date_of_birth", "patient_number"))
    words = pick(key, Span, ("date_of_care", "place", "institution"))
    assert isinstance(box.location, Box) and isinstance(words.location, Span)
    shutil.copyfile(DEMO, lab.root / DEMO.name)
    answers = lab.root / "answers" / f"{DEMO_CASE}.json"

    open_notebook(page, lab, DEMO.name)
    tidy_lab(page)
    run_all(page)
    assert not answers.exists(), "displaying the widget must not write the answers file"
    stage = page.locator(f"{WIDGET} .ss-stage")
    if box.location.asset != stage.get_attribute("data-image"):
        page.locator(f'{WIDGET} .ss-tab[data-image="{box.location.asset}"]').click()
    stage.scroll_into_view_if_needed()
    shoot(page, screenshots, "01-case-opened.png")

    # A box drawn with the mouse on the identifier, then its category.
    b = box.location
    draw_box(page, b.x - 2, b.y - 2, b.w + 4, b.h + 4)
    page.wait_for_selector(f"{WIDGET} .ss-images .ss-editor:not([hidden])")
    shoot(page, screenshots, "02-box-drawn.png", f"{WIDGET} .ss-work")
    choose_category(page, ".ss-images .ss-editor", box.category)
    page.wait_for_selector(f"{WIDGET} .ss-box.ss-st-mine")

    # Words of the post highlighted by dragging the mouse over them.
    s = words.location
    select_words(page, s.field, s.start, s.end)
    page.wait_for_selector(f"{WIDGET} .ss-post-panel .ss-editor:not([hidden])")
    choose_category(page, ".ss-post-panel .ss-editor", words.category)
    page.wait_for_selector(f"{WIDGET} mark.ss-hl.ss-st-mine")
    page.wait_for_function(
        "() => document.querySelectorAll('.ss-exercise .ss-mark-item').length === 2"
    )

    # A decision, by its radio button.
    page.locator(f'{WIDGET} [data-decision="{key.decision}"] input').check()

    # Check: feedback drawn on the image and the words, the score shown.
    latency = timed_check(page)
    print(f"\nCheck click to feedback on screen: {latency:.0f} ms")
    score = page.locator(f"{WIDGET} .ss-feedback .ss-score").inner_text()
    assert re.fullmatch(r"\d+%", score), score
    assert page.locator(f"{WIDGET} .ss-box.ss-st-found").count() >= 1
    assert page.locator(f"{WIDGET} mark.ss-hl.ss-st-found").count() >= 1
    found_labels = page.locator(f"{WIDGET} .ss-fb-item.ss-st-found .ss-fb-label").all_inner_texts()
    assert len(found_labels) >= 2, found_labels
    page.locator(f"{WIDGET} .ss-work").scroll_into_view_if_needed()
    shoot(page, screenshots, "03-feedback-on-image.png", f"{WIDGET} .ss-work")
    page.locator(f"{WIDGET} .ss-feedback").scroll_into_view_if_needed()
    shoot(page, screenshots, "04-feedback-panel.png")

    # The answers file holds those marks, in the grade package's format.
    saved = saved_answer(answers, findings=2)
    assert (saved.case_id, saved.seed) == (DEMO_CASE, DEMO_SEED)
    boxes = [f for f in saved.findings if isinstance(f.location, Box)]
    spans = [f for f in saved.findings if isinstance(f.location, Span)]
    assert [f.category for f in boxes] == [box.category]
    assert boxes[0].location.iou(b) >= 0.5
    assert [(f.category, f.location.field) for f in spans] == [(words.category, s.field)]
    assert spans[0].location.overlap(s) == s.length
    assert saved.decision == key.decision
    assert "Right" in page.locator(f"{WIDGET} .ss-decision-fb").inner_text()

    # Reopen: reload the page, run the notebook again, the marks come back, and with them
    # the feedback of the last Check (the answer has not changed since): found, not "mine".
    page.reload()
    open_notebook(page, lab, DEMO.name)
    tidy_lab(page)
    run_all(page)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.ss-exercise .ss-status')]"
        ".some(e => e.textContent.startsWith('Restored 2 marks'))"
    )
    restored = page.locator(f"{WIDGET}:has(.ss-status:text-matches('^Restored 2 marks'))")
    status = restored.locator(".ss-status").inner_text()
    assert "with the feedback of your last Check" in status, status
    assert restored.locator(".ss-mark-item").count() == 2
    assert restored.locator(".ss-feedback .ss-score").inner_text() == score
    assert restored.locator(".ss-box.ss-st-found").count() >= 1 or box.location.asset != (
        restored.locator(".ss-stage").get_attribute("data-image")
    )
    assert restored.locator("mark.ss-hl.ss-st-found").count() == 1
    restored.locator(".ss-work").scroll_into_view_if_needed()
    shoot(page, screenshots, "05-restored-after-reload.png")
    assert not page.errors, page.errors


def test_keyboard_only_marking(lab: Lab, page: Any) -> None:
    """N, arrows, Shift+arrows, Enter and a category by keys; Shift+arrows and M in the post."""
    name = write_notebook(
        lab.root / "keyboard.ipynb",
        "from safeshare.widgets import Exercise",
        exercise_code(name="keyboard"),
    )
    open_notebook(page, lab, name)
    run_all(page)
    stage = page.locator(f"{WIDGET} .ss-stage")
    stage.focus()
    page.keyboard.press("n")
    for key in ("ArrowRight", "ArrowDown", "Shift+ArrowRight", "Shift+ArrowDown"):
        page.keyboard.press(key)
    page.keyboard.press("Enter")
    select = page.locator(f"{WIDGET} .ss-images .ss-editor select")
    assert select.evaluate("el => el === document.activeElement")
    page.keyboard.press("ArrowDown")  # the first category
    page.keyboard.press("Enter")
    page.wait_for_selector(f"{WIDGET} .ss-box.ss-st-mine")
    assert stage.evaluate("el => el === document.activeElement")  # back on the image

    text = page.locator(f'{WIDGET} [data-field="text"]')
    text.focus()
    page.keyboard.press("Home")
    for _ in range(4):
        page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("m")
    post_select = page.locator(f"{WIDGET} .ss-post-panel .ss-editor select")
    assert post_select.evaluate("el => el === document.activeElement")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"{WIDGET} mark.ss-hl.ss-st-mine")
    saved = saved_answer(lab.root / "answers" / "keyboard.json", findings=2)
    kinds = sorted(type(f.location).__name__ for f in saved.findings)
    assert kinds == ["Box", "Span"]
    assert {f.category for f in saved.findings} == {"patient_name"}
    assert not page.errors, page.errors


def test_hostile_text_is_shown_as_text(lab: Lab, page: Any) -> None:
    """A post that tries to inject HTML is drawn as characters; nothing runs."""
    hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> hello'
    folder = make_case_folder(
        lab.root / "hostile-case", post_text=hostile, title="<b>Bold</b> title"
    )
    name = write_notebook(
        lab.root / "hostile.ipynb",
        "from safeshare.widgets import Exercise",
        f"Exercise.from_folder({str(folder)!r}, name='hostile')",
    )
    open_notebook(page, lab, name)
    run_all(page)
    assert page.locator(f'{WIDGET} [data-field="text"]').inner_text() == hostile
    assert page.locator(f"{WIDGET} .ss-title").inner_text() == "<b>Bold</b> title"
    for part in ('[data-field="text"]', ".ss-title"):
        assert page.locator(f"{WIDGET} {part}").evaluate("el => el.childElementCount") == 0
    assert page.locator(f"{WIDGET} script").count() == 0
    assert page.evaluate("() => window.__pwned") is None
    assert not page.errors, page.errors
