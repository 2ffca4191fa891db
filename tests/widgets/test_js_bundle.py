"""The exercise widget's JavaScript: its unit tests pass, its types check, the
committed bundle (widgets/static/exercise.js) is exactly what js/src/ builds, and
the bundle edits marks in Chromium (with a stand-in model: no Jupyter needed).

The unit tests need only Node; the type check and the rebuild need the pinned
TypeScript and esbuild (`make test` installs them into js/node_modules with npm ci).
Without them these tests skip with the reason, unless SAFESHARE_REQUIRE_NODE=1 (CI
sets it): then they fail.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
JS = REPO / "js"
BUNDLE = REPO / "toolkit" / "safeshare" / "widgets" / "static" / "exercise.js"
TOOLS = {name: JS / "node_modules" / ".bin" / name for name in ("esbuild", "tsc")}


def node_problems(*tools: str) -> list[str]:
    """What is missing to run Node and the named npm tools ([] when nothing is)."""
    problems = []
    if shutil.which("node") is None:
        problems.append("Node.js (apt-get install nodejs npm)")
    for tool in tools:
        if not TOOLS[tool].exists():
            problems.append(f"{tool} in js/node_modules (`make widget-setup` runs npm ci)")
    return problems


def require_node(*tools: str) -> None:
    """Skip (or, under SAFESHARE_REQUIRE_NODE=1, fail) when Node or a tool is missing."""
    problems = node_problems(*tools)
    if not problems:
        return
    reason = "JavaScript test needs " + "; ".join(problems)
    if os.environ.get("SAFESHARE_REQUIRE_NODE") == "1":
        pytest.fail(reason + " (SAFESHARE_REQUIRE_NODE=1 makes this a failure)", pytrace=False)
    pytest.skip(reason)


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run a command in js/, its output captured for the failure message."""
    return subprocess.run(
        [str(a) for a in args], cwd=JS, capture_output=True, text=True, timeout=300, check=False
    )


def test_js_unit_tests_pass() -> None:
    require_node()
    files = sorted((JS / "test").glob("*.test.js"))
    assert len(files) >= 6, files
    out = run("node", "--test", *files)
    assert out.returncode == 0, out.stdout[-6000:] + out.stderr[-2000:]


def test_committed_bundle_is_what_the_sources_build(tmp_path: Path) -> None:
    require_node("esbuild")
    rebuilt = tmp_path / "exercise.js"
    out = run("node", "build.mjs", rebuilt)
    assert out.returncode == 0, out.stderr
    assert rebuilt.read_bytes() == BUNDLE.read_bytes(), (
        "widgets/static/exercise.js differs from what js/src/ builds: run `make widget` "
        "and commit the result"
    )


def test_sources_type_check() -> None:
    require_node("tsc")
    out = run(TOOLS["tsc"], "--project", "jsconfig.json")
    assert out.returncode == 0, out.stdout[-6000:] + out.stderr[-2000:]


def test_every_source_module_is_type_checked() -> None:
    sources = sorted(p.name for p in (JS / "src").glob("*.js"))
    unchecked = [name for name in sources if "// @ts-check" not in (JS / "src" / name).read_text()]
    assert sources and not unchecked, unchecked


def test_the_bundle_says_it_is_generated() -> None:
    head = BUNDLE.read_text(encoding="utf-8").splitlines()[:3]
    assert any("GENERATED from js/src/" in line for line in head), head


def test_missing_node_skips_with_a_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.delenv("SAFESHARE_REQUIRE_NODE", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"Node\.js"):
        require_node()


def test_missing_node_fails_when_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setenv("SAFESHARE_REQUIRE_NODE", "1")
    with pytest.raises(pytest.fail.Exception, match="SAFESHARE_REQUIRE_NODE=1"):
        require_node()


def test_missing_tools_name_the_command_that_installs_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(TOOLS, "esbuild", tmp_path / "no-esbuild")
    monkeypatch.delenv("SAFESHARE_REQUIRE_NODE", raising=False)
    with pytest.raises(pytest.skip.Exception, match="make widget-setup"):
        require_node("esbuild")


# The bundle in Chromium, driven through a stand-in for anywidget's model

_CASE: dict[str, Any] = {
    "case_id": "T1",
    "title": "A stand-in case",
    "difficulty": 1,
    "brief": "",
    "objectives": [],
    "images": [],
    "metadata": [],
    "post": None,
    "post_asset": "post",
    "consent": None,
    "graded": False,
    "category_groups": [
        {
            "id": "direct",
            "label": "Direct",
            "hint": "",
            "items": [{"id": "patient_name", "label": "Patient name", "description": ""}],
        }
    ],
    "consent_gaps": [],
    "decisions": [],
}

_RENDER = """async ([code, css, data, marks]) => {
  const style = document.createElement("style");
  style.textContent = css;
  document.head.append(style);
  for (const image of data.images) {
    const canvas = document.createElement("canvas");
    canvas.width = image.width;
    canvas.height = image.height;
    canvas.getContext("2d").fillRect(0, 0, image.width, image.height);
    image.src = canvas.toDataURL();
  }
  const state = {_case: data, marks, consent_gaps: [], decision: ""};
  Object.assign(state, {feedback: {}, revealed: {}, status: {}});
  const listeners = {};
  window.state = state;
  const model = {
    get: (name) => state[name],
    set: (name, value) => {
      state[name] = value;
      (listeners["change:" + name] || []).forEach((f) => f());
    },
    save_changes() {}, send() {}, on(name, f) { (listeners[name] ||= []).push(f); }, off() {},
  };
  const url = URL.createObjectURL(new Blob([code], {type: "text/javascript"}));
  const mod = await import(url);
  const el = document.createElement("div");
  el.style.width = "800px";
  document.body.append(el);
  mod.default.render({model, el});
}"""


def _render(chromium: Any, data: dict[str, Any], marks: list[dict[str, Any]]) -> Any:
    """A page with the committed bundle drawing `data`; its page errors in page.errors."""
    page = chromium.new_page(viewport={"width": 1000, "height": 900})
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.set_content("<html><body></body></html>")
    css = (BUNDLE.parent / "exercise.css").read_text(encoding="utf-8")
    page.evaluate(_RENDER, [BUNDLE.read_text(encoding="utf-8"), css, data, marks])
    return page


@pytest.mark.browser
def test_dragging_a_handle_resizes_the_selected_mark(chromium: Any) -> None:
    image = {"id": "frame", "type": "endoscopy_frame", "caption": "", "width": 200}
    image |= {"height": 100, "markable": True, "label": "Frame"}
    location = {"type": "box", "asset": "frame", "x": 50, "y": 40, "w": 40, "h": 20}
    marks = [{"id": "m1", "category": "patient_name", "location": location}]
    page = _render(chromium, {**_CASE, "images": [image]}, marks)
    mark = page.locator(".ss-box[data-mark=m1]")
    before = mark.bounding_box()
    page.mouse.click(before["x"] + before["width"] / 2, before["y"] + before["height"] / 2)
    handle = page.locator(".ss-handle-se").bounding_box()
    x, y = handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 40, y + 20, steps=4)
    assert mark.bounding_box()["width"] > before["width"] + 30, "no preview while dragging"
    page.mouse.up()
    saved = page.evaluate("() => window.state.marks[0].location")
    assert (saved["x"], saved["y"]) == (50, 40)
    assert saved["w"] > 40 and saved["h"] > 20, saved
    assert not page.errors, page.errors


@pytest.mark.browser
def test_words_after_an_emoji_are_marked_by_character(chromium: Any) -> None:
    text = "🙂🙂 Seen Jane Roe today"
    fields = {"text": text, "author.display_name": "Dr A B", "author.handle": "@ab"}
    post = {"author": {"display_name": "Dr A B", "handle": "@ab"}, "thread": [], "replies": []}
    post |= {"images": [], "fields": fields}
    page = _render(chromium, {**_CASE, "post": post}, [])
    page.evaluate(
        """(words) => {
          const field = document.querySelector('[data-field="text"]');
          const node = field.firstChild;
          const at = node.textContent.indexOf(words);
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + words.length);
          getSelection().removeAllRanges();
          getSelection().addRange(range);
          field.focus();
        }""",
        "Jane",
    )
    page.keyboard.press("m")
    select = page.locator(".ss-post-panel .ss-editor select")
    select.select_option("patient_name")
    select.press("Enter")
    saved = page.evaluate("() => window.state.marks.map((m) => m.location)")
    start = text.index("Jane")  # Python counts characters, as the kernel does
    assert saved == [
        {"type": "span", "asset": "post", "field": "text"}
        | {
            "start": start,
            "end": start + 4,
        }
    ], json.dumps(saved)
    assert page.locator('[data-field="text"] mark').all_inner_texts() == ["Jane"]
    assert page.locator(".ss-mark-where").inner_text() == "“Jane” in the post"
    assert not page.errors, page.errors


def test_the_page_widens_a_selection_to_the_words_the_kernel_saves() -> None:
    """The new mark's preview (spans.snapToWords) and the saved span (marks.snap_to_words)
    agree on every selection of real post text and of accented, quoted and hyphenated words."""
    import json

    from safeshare.cases.cache import load_rendered, rendered_case
    from safeshare.widgets.marks import Targets, snap_to_words

    require_node()
    view, _ = load_rendered(rendered_case("E01", seed=1))
    texts = [t for t in Targets.from_view(view).fields.values() if t]
    texts += [
        "Zoë O’Brien-Smith's list, 14:30 — ward 7B (St. Elsewhere) 😀 done",
        "  two  spaces\tand\nlines, it's _snake_case_ and ‘quotes’  ",
    ]
    cases = [
        [text, start, start + width]
        for text in texts
        for start in range(0, len(text), 3)
        for width in (0, 1, 2, 5, 11)
    ]
    script = (
        "import { snapToWords } from './src/spans.js';\n"
        "let input = '';\n"
        "process.stdin.on('data', (d) => (input += d));\n"
        "process.stdin.on('end', () => {\n"
        "  const out = JSON.parse(input).map(([t, s, e]) => snapToWords(t, s, e));\n"
        "  process.stdout.write(JSON.stringify(out));\n"
        "});\n"
    )
    done = subprocess.run(
        ["node", "--input-type=module", "-e", script],
        cwd=JS,
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    page = json.loads(done.stdout)
    differ = [
        (text[s:e], list(snap_to_words(text, s, e)), got)
        for (text, s, e), got in zip(cases, page, strict=True)
        if list(snap_to_words(text, s, e)) != got
    ]
    assert len(cases) > 500 and differ == [], differ[:5]
