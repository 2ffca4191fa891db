"""Author mode in a real JupyterLab and Chromium, as an educator new to it would use it.

The educator's own photo (made here: the bank's synthetic face, an invented
real-looking name on a label, GPS and the photographer's name in its EXIF)
opens with the checker's proposals. Save is off, with the guard's reasons on
screen. The educator fills the name with a fictional one, blanks the face,
writes a title, a post with a marked date, the consent record and the decision,
all with the mouse and keyboard; the guard passes, Save writes the case, and
`safeshare cases validate` accepts the bank. The saved picture carries no GPS,
and its variants paint other names where the real-looking one was. Screenshots
go to artifacts/screenshots/ (docs/images/author-*.png are copies of them).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PIL import ExifTags, Image

from safeshare.cases.build import render_case
from safeshare.cases.spec import load_spec
from tests.author.images import NAME, ward_label_photo
from tests.browser.harness import Lab, open_notebook, run_all, write_notebook

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

AUTHOR = ".ss-authoring"
GUARD_TIMEOUT = 120_000
"""Milliseconds to wait for the kernel's guard (OCR and faces on the saved picture)."""


def shoot(page: Any, screenshots: Path, name: str, selector: str = AUTHOR) -> None:
    page.locator(selector).first.screenshot(path=str(screenshots / name))


def mark_ids(page: Any) -> dict[str, str]:
    """The id of the proposed name and of the proposed face, from the marks list."""
    rows = page.evaluate(
        """() => [...document.querySelectorAll('.ss-authoring .ss-mark-item')].map((li) => ({
          id: li.dataset.mark, text: li.textContent}))"""
    )
    name = next(r["id"] for r in rows if NAME.split()[0] in r["text"])
    face = next(r["id"] for r in rows if "face" in r["text"].lower())
    return {"name": name, "face": face}


def test_an_educator_turns_their_photo_into_a_case(lab: Lab, page: Any, screenshots: Path) -> None:
    ward_label_photo(lab.root)
    notebook = write_notebook(
        lab.root / "author.ipynb",
        "from safeshare.widgets.author import Author",
        'author = Author.open("ward_photo.jpg", case_id="A01", bank="my-bank")\nauthor',
    )
    open_notebook(page, lab, notebook)
    page.evaluate(
        "() => { window.jupyterapp.shell.collapseLeft(); window.jupyterapp.shell.collapseRight(); }"
    )
    run_all(page, timeout=180_000)
    page.wait_for_selector(f"{AUTHOR} .ss-box.ss-st-proposed")
    page.set_viewport_size({"width": 1440, "height": 2200})  # each screenshot fits on screen

    # Save is blocked, and says why: the name, the face, each proposal undecided.
    save = page.locator(f"{AUTHOR} .ss-author-save")
    assert save.is_disabled()
    reasons = page.locator(f"{AUTHOR} .ss-author-guard-reasons li").all_inner_texts()
    assert any(NAME in r for r in reasons), reasons
    assert any("a face" in r for r in reasons), reasons
    assert "GPSInfo" in page.locator(f"{AUTHOR} .ss-author-meta").inner_text()
    ids = mark_ids(page)
    page.locator(f"{AUTHOR} .ss-work").scroll_into_view_if_needed()
    shoot(page, screenshots, "author-proposed.png", f"{AUTHOR} .ss-work")
    page.locator(f"{AUTHOR} .ss-author-guard").scroll_into_view_if_needed()
    shoot(page, screenshots, "author-save-blocked.png", f"{AUTHOR} .ss-author-guard")

    # The name: clicked on the image, filled with a fictional name per variant.
    page.locator(f'{AUTHOR} .ss-box[data-mark="{ids["name"]}"]').click()
    panel = page.locator(f"{AUTHOR} .ss-author-mark")
    assert NAME in panel.inner_text()
    panel.get_by_label("Fill with a fictional value").select_option("name")
    page.wait_for_selector(f'{AUTHOR} .ss-box.ss-st-fill[data-mark="{ids["name"]}"]')
    page.locator(f"{AUTHOR} .ss-work").scroll_into_view_if_needed()
    shoot(page, screenshots, "author-fill-name.png", f"{AUTHOR} .ss-work")

    # The face: selected with the keyboard ([ and ] go from mark to mark), blanked with B.
    stage = page.locator(f"{AUTHOR} .ss-stage")
    stage.focus()
    selected = "() => document.querySelector('.ss-authoring .ss-box.ss-selected')?.dataset.mark"
    for _ in range(6):
        if page.evaluate(selected) == ids["face"]:
            break
        stage.press("]")
    assert page.evaluate(selected) == ids["face"]
    stage.press("b")
    page.wait_for_selector(f'{AUTHOR} .ss-box.ss-st-removed[data-mark="{ids["face"]}"]')

    # The case's words: title, post with a marked date, consent record, decision.
    page.locator("#ss-author-title").fill("The label on the ward photo")
    post = page.locator(f"{AUTHOR} .ss-author-post-text")
    post.fill("Healing well this morning, three weeks after the graft.")
    start = len("Healing well ")
    page.evaluate(
        "([a, b]) => document.querySelector('.ss-author-post-text').setSelectionRange(a, b)",
        [start, start + len("this morning")],
    )
    page.locator(f"{AUTHOR} .ss-author-post .ss-category").select_option("date_of_care")
    page.get_by_role("button", name="Mark the words").click()
    assert page.locator(f"{AUTHOR} .ss-author-word").all_inner_texts() == ["this morning"]
    page.locator("#ss-author-consent-form").select_option("written")
    page.locator("#ss-author-consent-purposes-teaching").check()
    page.locator("#ss-author-decision").select_option("share_after_deidentification")
    page.locator("#ss-author-reason").fill(
        "The name on the label and the face identify her: fill or blank them, strip the GPS."
    )

    page.locator(f"{AUTHOR} .ss-author-post").scroll_into_view_if_needed()
    shoot(page, screenshots, "author-post.png", f"{AUTHOR} .ss-author-post")
    page.locator(f"{AUTHOR} .ss-author-forms").scroll_into_view_if_needed()
    shoot(page, screenshots, "author-consent-decision.png", f"{AUTHOR} .ss-author-forms")

    # The guard passes: Save comes on, the reasons are gone.
    page.wait_for_selector(f"{AUTHOR} .ss-author-save:enabled", timeout=GUARD_TIMEOUT)
    assert page.locator(f"{AUTHOR} .ss-author-guard-reasons").is_hidden()
    page.locator(f"{AUTHOR} .ss-author-guard").scroll_into_view_if_needed()
    page.locator(f"{AUTHOR} .ss-author-guard-more summary").first.click()
    shoot(page, screenshots, "author-guard-passes.png", f"{AUTHOR} .ss-author-guard")
    original = page.locator(f"{AUTHOR} .ss-img").get_attribute("src")
    save.click()
    page.wait_for_function(
        "() => document.querySelector('.ss-authoring .ss-author-guard .ss-status')"
        ".textContent.startsWith('Saved to')",
        timeout=GUARD_TIMEOUT,
    )
    shoot(page, screenshots, "author-saved.png", f"{AUTHOR} .ss-author-guard")
    # The page now shows the case's picture as saved: the name and the face blanked.
    page.wait_for_function(
        """(before) => {
          const img = document.querySelector('.ss-authoring .ss-img');
          return img.src !== before && img.complete && img.naturalWidth > 0;
        }""",
        arg=original,
    )
    page.locator(f"{AUTHOR} .ss-images").scroll_into_view_if_needed()
    shoot(page, screenshots, "author-saved-picture.png", f"{AUTHOR} .ss-images")
    assert not page.errors, page.errors

    # The bank validates; the picture has no GPS; variants paint fictional names.
    bank = lab.root / "my-bank"
    out = subprocess.run(
        [sys.executable, "-m", "safeshare", "cases", "validate", str(bank)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    (folder,) = bank.glob("A01-*")
    (picture,) = folder.glob("A01-image.*")
    with Image.open(picture) as saved:
        exif = saved.getexif()
    assert ExifTags.IFD.GPSInfo not in exif and ExifTags.Base.Artist not in exif
    spec = load_spec(next(folder.glob("*.yaml")))
    painted = {
        f.evidence
        for seed in (1, 2, 3)
        for f in render_case(spec, seed=seed, work_dir=lab.root / f"r{seed}").key.findings
        if f.category == "patient_name"
    }
    assert painted and NAME not in painted, painted
