"""The course in Voila and Chromium: sign in, work an exercise, see the feedback, stay offline.

Starts Voila exactly as `safeshare course serve` does (same command line and
template), on a free port, over a temporary copy of the module notebooks, with
a temporary data folder. Every request the page makes is recorded: none may
leave 127.0.0.1. Screenshots go to artifacts/screenshots/ (the best are copied
to docs/screenshots/ for the README by hand, after looking at them).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from safeshare.cases.cache import load_key, rendered_case
from safeshare.course.modules import COURSE_SEED, MODULES
from safeshare.course.serve import voila_command, voila_env
from safeshare.model.locations import Box
from tests.browser.conftest import require_browser
from tests.browser.harness import WIDGET, choose_category, draw_box, free_port, running_server

REPO = Path(__file__).resolve().parents[2]
COURSE = REPO / "course"
START_TIMEOUT = 90.0
PRACTICE = "E01"

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@dataclass(frozen=True)
class VoilaCourse:
    """A running Voila over a copy of the course."""

    url: str
    data: Path
    log: Path

    def module_url(self, notebook: str, query: str = "") -> str:
        return f"{self.url}/voila/render/{notebook}{query}"

    def progress(self, code: str) -> dict[str, Any]:
        path = self.data / "learners" / code / "progress.json"
        return dict(json.loads(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def voila(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaCourse]:
    require_browser()
    base = tmp_path_factory.mktemp("voila")
    course = base / "course"
    course.mkdir()
    for mod in MODULES:
        shutil.copyfile(COURSE / mod.notebook, course / mod.notebook)
    data = base / "data"
    port = free_port()
    env = voila_env()
    env.update(
        SAFESHARE_DATA=str(data),
        JUPYTER_RUNTIME_DIR=str(base / "runtime"),
        PYTHONUNBUFFERED="1",
    )
    for name in ("SAFESHARE_LEARNER", "JUPYTERHUB_USER", "QUERY_STRING"):
        env.pop(name, None)
    log = base / "voila.log"
    url = f"http://127.0.0.1:{port}"
    with running_server(
        voila_command(course, port=port),
        cwd=base,
        env=env,
        log=log,
        ready_url=f"{url}/",
        name="Voila",
        timeout=START_TIMEOUT,
    ):
        yield VoilaCourse(url=url, data=data, log=log)


@pytest.fixture
def learner_page(chromium: Any, voila: VoilaCourse) -> Iterator[Any]:
    """A page that records every request and page error."""
    context = chromium.new_context(viewport={"width": 1360, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.requests = []  # type: ignore[attr-defined]
    page.errors = []  # type: ignore[attr-defined]
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    context.close()


def external(page: Any, voila: VoilaCourse) -> list[str]:
    """Requests that left the machine (blob: and data: URLs are local)."""
    local = (voila.url, "data:", "blob:", "about:")
    return sorted({u for u in page.requests if not u.startswith(local)})


def sign_in(page: Any, name: str) -> None:
    page.get_by_placeholder("e.g. Anna Smith").fill(name)
    page.get_by_role("button", name="Start", exact=True).click()
    page.wait_for_selector("text=Working as")


def shoot(page: Any, folder: Path, name: str, selector: str | None = None) -> Path:
    path = folder / name
    if selector:
        target = page.locator(selector).first
        target.scroll_into_view_if_needed()
        target.screenshot(path=str(path))
    else:
        page.screenshot(path=str(path))
    return path


def assert_no_remote_code(html: str) -> None:
    """No script, stylesheet or module import in the page points off this machine (no CDN).

    A reference's link (an <a href>) is a citation the learner may follow, not
    code the page loads: it is allowed; anything the page itself fetches is not.
    """
    import re

    remote = re.findall(r"""(?:src=|import\(\s*)["'](https?://[^"']+)""", html)
    remote += re.findall(r"""<link\b[^>]*\bhref=["'](https?://[^"']+)""", html)
    remote += re.findall(r"""["'](https?://[^"']*(?:cdn|unpkg|jsdelivr)[^"']*)["']""", html)
    assert remote == [], f"the page refers to remote code: {sorted(set(remote))}"


def test_a_module_in_voila_shows_no_code_saves_progress_and_stays_offline(
    voila: VoilaCourse, learner_page: Any, screenshots: Path
) -> None:
    page = learner_page
    page.goto(voila.module_url("00-start-here.ipynb"))
    page.wait_for_selector("text=Your name or code")
    body = page.locator("body").inner_text()
    assert "open_module" not in body and "module.exercise" not in body, "code is on the page"
    assert page.locator(".jp-InputArea-editor:visible").count() == 0
    shoot(page, screenshots, "voila-00-sign-in.png")

    sign_in(page, "Browser Tester")
    quiz = page.locator(".widget-radio-box").first
    quiz.scroll_into_view_if_needed()
    quiz.locator("label").nth(1).click()  # the right answer to 00-1
    page.wait_for_selector(".ss-feedback.right")
    shoot(
        page,
        screenshots,
        "voila-00-self-check.png",
        ".jp-OutputArea-output:has-text('Quick self-check')",
    )

    page.locator("textarea").first.fill("I will look at the whole frame before I post.")
    page.get_by_role("button", name="Save reflection").click()
    page.wait_for_selector("text=Saved at")

    progress = voila.progress("browser-tester")
    record = progress["modules"]["00"]
    assert record["quiz"]["00-1"]["first_correct"] is True
    assert record["reflection"] == "I will look at the whole frame before I post."
    assert record["events"][0]["kind"] == "open"
    shoot(page, screenshots, "voila-00-progress.png", ".ss-card:has-text('This module:')")
    assert external(page, voila) == [], "the page reached beyond this machine"
    assert not page.errors, page.errors
    assert_no_remote_code(page.content())


def test_course_map_link_opens_the_next_module_as_the_same_learner(
    voila: VoilaCourse, learner_page: Any
) -> None:
    page = learner_page
    page.goto(voila.module_url("00-start-here.ipynb"))
    sign_in(page, "Link Walker")
    page.locator(".ss-card a", has_text="03 Hidden data").click()
    page.wait_for_url("**/03-hidden-data.ipynb?learner=link-walker")
    page.wait_for_selector("text=Working as")
    progress = voila.progress("link-walker")
    assert "03" in progress["modules"], "the linked module knew the learner without asking"
    assert external(page, voila) == []


def test_work_an_exercise_in_voila_and_see_the_feedback(
    voila: VoilaCourse, learner_page: Any, screenshots: Path
) -> None:
    key = load_key(rendered_case(PRACTICE, seed=COURSE_SEED))
    boxes = [f for f in key.findings if isinstance(f.location, Box)]
    assert boxes, f"{PRACTICE} has no finding in the pixels to mark"
    finding = next((f for f in boxes if f.category == "patient_name"), boxes[0])
    b = finding.location
    assert isinstance(b, Box)

    page = learner_page
    page.goto(voila.module_url("00-start-here.ipynb", "?learner=Exercise%20Tester"))
    page.wait_for_selector("text=Working as")
    page.wait_for_selector(f"{WIDGET} .ss-actions")
    page.wait_for_function(
        "() => { const i = document.querySelector('.ss-exercise .ss-img');"
        " return i && i.complete && i.naturalWidth > 0; }"
    )
    stage = page.locator(f"{WIDGET} .ss-stage")
    if b.asset != stage.get_attribute("data-image"):
        page.locator(f'{WIDGET} .ss-tab[data-image="{b.asset}"]').click()
    stage.scroll_into_view_if_needed()
    draw_box(page, b.x - 2, b.y - 2, b.w + 4, b.h + 4)
    page.wait_for_selector(f"{WIDGET} .ss-images .ss-editor:not([hidden])")
    choose_category(page, ".ss-images .ss-editor", finding.category)
    page.wait_for_selector(f"{WIDGET} .ss-box.ss-st-mine")
    page.locator(f"{WIDGET} .ss-check-btn").click()
    page.wait_for_selector(f"{WIDGET} .ss-feedback .ss-score")
    assert page.locator(f"{WIDGET} .ss-box.ss-st-found").count() >= 1
    page.wait_for_selector("text=Your score on this case")
    shoot(page, screenshots, "voila-exercise-feedback.png", f"{WIDGET} .ss-work")
    page.set_viewport_size({"width": 1360, "height": 3200})  # the whole exercise in one shot
    shoot(page, screenshots, "voila-exercise-checked.png", f"{WIDGET}")

    record = voila.progress("exercise-tester")["modules"]["00"]
    assert 0.0 < record["exercises"][PRACTICE]["latest"] <= 1.0
    answers = voila.data / "learners" / "exercise-tester" / "answers" / "00" / f"{PRACTICE}.json"
    assert answers.is_file(), "the answers went to the learner's own folder"
    assert external(page, voila) == []
    assert not page.errors, page.errors


def test_capstone_starts_the_clock_shows_the_cases_and_scores(
    voila: VoilaCourse, learner_page: Any, screenshots: Path
) -> None:
    page = learner_page
    page.goto(voila.module_url("08-capstone.ipynb", "?learner=Capstone%20Tester"))
    page.wait_for_selector("text=Working as")
    assert page.locator(WIDGET).count() == 0, "cases must wait for Start"
    page.get_by_role("button", name="Start the capstone").click()
    cases = len(next(m for m in MODULES if m.id == "08").cases)
    page.wait_for_function(
        f"() => document.querySelectorAll('.ss-exercise .ss-actions').length === {cases}",
        timeout=120_000,
    )
    page.wait_for_function(
        "() => /Time left: \\d\\d:\\d\\d/.test(document.body.innerText)"
        " && !document.body.innerText.includes('Time left: 30:00')",
        timeout=30_000,
    )
    page.get_by_role("button", name="Finish and see my score").click()
    page.wait_for_selector("text=Your capstone result")
    shoot(
        page,
        screenshots,
        "voila-08-capstone-result.png",
        ".jp-OutputArea-output:has-text('Timed cases')",
    )
    kinds = [e["kind"] for e in voila.progress("capstone-tester")["modules"]["08"]["events"]]
    assert "capstone_start" in kinds and "capstone_finish" in kinds
    assert external(page, voila) == []


def test_feedback_comes_back_with_the_marks_when_the_page_is_reloaded(
    voila: VoilaCourse, learner_page: Any
) -> None:
    key = load_key(rendered_case(PRACTICE, seed=COURSE_SEED))
    finding = next(f for f in key.findings if isinstance(f.location, Box))
    b = finding.location
    assert isinstance(b, Box)
    page = learner_page
    page.goto(voila.module_url("00-start-here.ipynb", "?learner=Reload%20Tester"))
    page.wait_for_selector(f"{WIDGET} .ss-actions")
    page.wait_for_function(
        "() => { const i = document.querySelector('.ss-exercise .ss-img');"
        " return i && i.complete && i.naturalWidth > 0; }"
    )
    stage = page.locator(f"{WIDGET} .ss-stage")
    if b.asset != stage.get_attribute("data-image"):
        page.locator(f'{WIDGET} .ss-tab[data-image="{b.asset}"]').click()
    stage.scroll_into_view_if_needed()
    draw_box(page, b.x - 2, b.y - 2, b.w + 4, b.h + 4)
    page.wait_for_selector(f"{WIDGET} .ss-images .ss-editor:not([hidden])")
    choose_category(page, ".ss-images .ss-editor", finding.category)
    page.wait_for_selector(f"{WIDGET} .ss-box.ss-st-mine")
    page.locator(f"{WIDGET} .ss-check-btn").click()
    score = page.locator(f"{WIDGET} .ss-feedback .ss-score")
    score.wait_for()
    before = score.inner_text()

    page.reload()
    page.wait_for_selector(f"{WIDGET} .ss-actions")
    score = page.locator(f"{WIDGET} .ss-feedback .ss-score")
    score.wait_for()  # no Check pressed on this page
    assert score.inner_text() == before
    assert page.locator(f"{WIDGET} .ss-box.ss-st-found").count() >= 1
    status = page.locator(f"{WIDGET} .ss-status").inner_text()
    assert "with the feedback of your last Check" in status
    assert not page.errors, page.errors
