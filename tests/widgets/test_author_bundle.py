"""The author page's JavaScript: the committed bundle (widgets/static/author.js) is exactly what
js/src/author/ builds, every source is type-checked, and the bundle reviews marks in Chromium
(with a stand-in model fed the kernel's real payload: no Jupyter needed).

The Node unit tests of js/src/author/ run with the others (test_js_bundle.py runs every
js/test/*.test.js); skipping follows the same rule (SAFESHARE_REQUIRE_NODE=1 fails instead).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from safeshare.widgets.author import Author
from tests.author.images import NAME, plain_label_image
from tests.widgets.test_js_bundle import JS, require_node, run

STATIC = Path(__file__).resolve().parents[2] / "toolkit" / "safeshare" / "widgets" / "static"
BUNDLE = STATIC / "author.js"


def test_committed_author_bundle_is_what_the_sources_build(tmp_path: Path) -> None:
    require_node("esbuild")
    rebuilt = tmp_path / "author.js"
    out = run("node", "build.mjs", "--author", rebuilt)
    assert out.returncode == 0, out.stderr
    assert rebuilt.read_bytes() == BUNDLE.read_bytes(), (
        "widgets/static/author.js differs from what js/src/author/ builds: run `make widget` "
        "and commit the result"
    )


def test_every_author_source_is_type_checked() -> None:
    sources = sorted((JS / "src" / "author").glob("*.js"))
    unchecked = [p.name for p in sources if "// @ts-check" not in p.read_text()]
    assert sources and not unchecked, unchecked


def test_the_author_bundle_says_it_is_generated_and_fetches_nothing() -> None:
    text = BUNDLE.read_text(encoding="utf-8")
    assert "GENERATED from js/src/" in "\n".join(text.splitlines()[:3])
    urls = set(re.findall(r"https?://[^\s\"']+", text))
    assert urls <= {"http://www.w3.org/2000/svg"}, urls  # the SVG namespace is a name, not a fetch
    for fetching in ("fetch(", "XMLHttpRequest", "innerHTML", "import("):
        assert fetching not in text, fetching


def test_the_author_pure_logic_has_node_tests() -> None:
    require_node()
    files = sorted((JS / "test").glob("author-*.test.js"))
    assert len(files) >= 2, files
    out = run("node", "--test", *files)
    assert out.returncode == 0, out.stdout[-6000:] + out.stderr[-2000:]


# The bundle in Chromium, driven through a stand-in for anywidget's model

_RENDER = """async ([code, css, state]) => {
  const style = document.createElement("style");
  style.textContent = css;
  document.head.append(style);
  const listeners = {};
  window.state = state;
  window.sent = [];
  window.model = {
    get: (name) => state[name],
    set: (name, value) => { state[name] = JSON.parse(JSON.stringify(value)); },
    save_changes() { window.sent.push(JSON.parse(JSON.stringify(state.draft))); },
    send(message) { window.sent.push(message); },
    on(name, f) { (listeners[name] ||= []).push(f); },
    off() {},
    fire(name, value) {
      state[name] = value;
      (listeners["change:" + name] || []).forEach((f) => f());
    },
  };
  const url = URL.createObjectURL(new Blob([code], {type: "text/javascript"}));
  const mod = await import(url);
  const el = document.createElement("div");
  el.style.width = "1200px";
  document.body.append(el);
  mod.default.render({model: window.model, el});
}"""


@pytest.fixture(scope="module")
def kernel_state(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What the kernel sends the page for a card with a name on it: real payload, real guard."""
    folder = tmp_path_factory.mktemp("author-bundle")
    author = Author.open(
        plain_label_image(folder), case_id="A01", bank=folder / "bank", work=folder / "draft"
    )
    state = {
        name: getattr(author, name) for name in ("_image", "_taxonomy", "draft", "guard", "status")
    }
    state["busy"] = ""
    return json.loads(json.dumps(state))


def _render(page: Any, state: dict[str, Any]) -> None:
    css = (STATIC / "exercise.css").read_text() + (STATIC / "author.css").read_text()
    page.set_content("<html><body></body></html>")
    page.evaluate(_RENDER, [BUNDLE.read_text(encoding="utf-8"), css, state])


def _last_draft(page: Any) -> dict[str, Any]:
    page.wait_for_function("() => window.sent.some((m) => m.marks)")
    return page.evaluate("() => window.sent.filter((m) => m.marks).at(-1)")  # type: ignore[no-any-return]


@pytest.mark.browser
def test_save_stays_off_with_the_reasons_until_the_guard_passes(
    page: Any, kernel_state: dict[str, Any]
) -> None:
    _render(page, kernel_state)
    # One panel under another (no class of the exercise's lays the page out in a row).
    root = "getComputedStyle(document.querySelector('.ss-authoring')).display"
    assert page.evaluate(f"() => {root}") == "block"
    save = page.locator(".ss-author-save")
    assert save.is_disabled()
    reasons = page.locator(".ss-author-guard-reasons li").all_inner_texts()
    assert reasons == kernel_state["guard"]["unaccounted"]
    assert any("proposed but not decided" in r for r in reasons)
    # The kernel's next report passes: Save comes on, the reasons go.
    passed = {"ok": True, "unaccounted": [], "accounted": ["mark m1 removed"], "n": 99}
    page.evaluate("(g) => window.model.fire('guard', g)", passed)
    assert save.is_enabled()
    assert page.locator(".ss-author-guard-reasons").is_hidden()
    save.click()
    assert page.evaluate("() => window.sent.at(-1)") == {"type": "save"}
    assert not page.errors, page.errors


@pytest.mark.browser
def test_a_proposed_name_is_filled_with_the_keyboard_and_sent_as_a_draft(
    page: Any, kernel_state: dict[str, Any]
) -> None:
    _render(page, kernel_state)
    name = next(m for m in kernel_state["draft"]["marks"] if NAME.split()[0] in m["text"])
    stage = page.locator(".ss-stage")
    stage.focus()
    selected = "() => document.querySelector('.ss-box.ss-selected')?.dataset.mark"
    for _ in kernel_state["draft"]["marks"]:
        stage.press("]")  # the next mark is selected
        if page.evaluate(selected) == name["id"]:
            break
    assert page.evaluate(selected) == name["id"]
    panel = page.locator(".ss-author-mark")
    assert NAME in panel.inner_text()
    panel.get_by_label("Fill with a fictional value").select_option("name")
    sent = _last_draft(page)
    mark = next(m for m in sent["marks"] if m["id"] == name["id"])
    assert (mark["status"], mark["fill"], mark["category"]) == ("accepted", "name", "patient_name")
    assert mark["explanation"], "the taxonomy's explanation is the start"
    # Save is off while the kernel checks the new draft.
    assert page.locator(".ss-author-save").is_disabled()
    # Arrow keys correct the box; the kernel gets the last position.
    stage.focus()
    stage.press("Shift+ArrowRight")
    stage.press("Shift+ArrowRight")
    page.wait_for_function(
        """([id, w]) => window.sent.filter((m) => m.marks).at(-1)
          ?.marks.find((m) => m.id === id)?.box[2] === w""",
        arg=[name["id"], name["box"][2] + 20],
    )
    assert not page.errors, page.errors


@pytest.mark.browser
def test_words_of_the_post_are_marked_in_place(page: Any, kernel_state: dict[str, Any]) -> None:
    _render(page, kernel_state)
    text = page.locator(".ss-author-post-text")
    text.fill("Seen on Monday at the clinic.")
    page.evaluate(
        """() => {
          const t = document.querySelector('.ss-author-post-text');
          t.setSelectionRange(8, 14);
        }"""
    )
    page.locator(".ss-author-post .ss-category").select_option("date_of_care")
    page.get_by_role("button", name="Mark the words").click()
    assert page.locator(".ss-author-word").all_inner_texts() == ["Monday"]
    page.wait_for_function(
        "() => window.sent.filter((m) => m.marks).at(-1)?.post.includes('[[Monday|date_of_care]]')"
    )
    text.focus()
    page.evaluate("() => document.querySelector('.ss-author-post-text').setSelectionRange(0, 0)")
    page.keyboard.type("We ")
    page.wait_for_function(
        "() => window.sent.filter((m) => m.marks).at(-1)?.post"
        " === 'We Seen on [[Monday|date_of_care]] at the clinic.'"
    )
    assert not page.errors, page.errors


@pytest.mark.browser
def test_a_box_the_checker_missed_is_drawn_by_keyboard_with_the_taxonomys_wording(
    page: Any, kernel_state: dict[str, Any]
) -> None:
    _render(page, kernel_state)
    stage = page.locator(".ss-stage")
    stage.focus()
    stage.press("n")  # a new box in the middle of the picture
    stage.press("Shift+ArrowRight")  # made wider
    stage.press("Enter")  # to its "what is it?" bar
    select = page.locator(".ss-images .ss-editor select")
    assert page.evaluate("() => document.activeElement.closest('.ss-editor') !== null")
    select.select_option("full_face")
    select.press("Enter")
    sent = _last_draft(page)
    (new,) = [m for m in sent["marks"] if m["origin"] == "educator"]
    assert (new["category"], new["status"], new["fill"]) == ("full_face", "accepted", None)
    face = next(
        c
        for g in kernel_state["_taxonomy"]["category_groups"]
        for c in g["items"]
        if c["id"] == "full_face"
    )
    assert (new["explanation"], new["guidance"]) == (face["description"], face["guidance"])
    x, y, w, h = new["box"]
    assert min(x, y) >= 0 and x + w <= 640 and y + h <= 240 and w > 20
    # The new mark is selected for its wording; Delete removes a box the educator drew.
    assert "drawn by you" in page.locator(".ss-author-mark").inner_text()
    stage.focus()
    stage.press("Delete")
    page.wait_for_function(
        """() => !window.sent.filter((m) => m.marks).at(-1)
          .marks.some((m) => m.origin === 'educator')"""
    )
    assert not page.errors, page.errors


@pytest.mark.browser
def test_the_author_page_passes_axe_wcag_a_and_aa(page: Any, kernel_state: dict[str, Any]) -> None:
    from tests.browser.axe_check import axe_violations, require_axe

    require_axe()
    _render(page, kernel_state)
    problems = axe_violations(page, include=".ss-authoring")
    assert problems == [], "\n".join(problems)
    # With a mark selected (its wording, buttons and fill shown) and a new box's bar open.
    stage = page.locator(".ss-stage")
    stage.focus()
    stage.press("]")
    page.wait_for_selector(".ss-author-mark select")
    problems = axe_violations(page, include=".ss-authoring")
    assert problems == [], "\n".join(problems)
    stage.focus()
    stage.press("n")
    page.wait_for_selector(".ss-images .ss-editor:not([hidden])")
    problems = axe_violations(page, include=".ss-authoring")
    assert problems == [], "\n".join(problems)
