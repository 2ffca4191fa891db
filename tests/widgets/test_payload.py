"""The JSON the page draws: self-contained, keyless, and the static files are safe and offline."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from safeshare.cases.cache import load_rendered
from safeshare.taxonomy import CATEGORIES, CONSENT_GAPS, DECISIONS
from safeshare.widgets.payload import case_payload, taxonomy_payload

STATIC = Path(__file__).resolve().parents[2] / "toolkit" / "safeshare" / "widgets" / "static"


def test_pictures_are_data_urls_and_the_key_stays_out(case_folder: Path) -> None:
    view, key = load_rendered(case_folder)
    payload = case_payload(view, case_folder, graded=False)
    assert [i["id"] for i in payload["images"]] == ["frame", "photo"]
    assert payload["images"][0]["src"].startswith("data:image/png;base64,")
    assert payload["images"][1]["src"].startswith("data:image/jpeg;base64,")
    assert payload["consent"]["form_src"].startswith("data:image/png;base64,")
    text = json.dumps(payload)
    assert "http://" not in text and "https://" not in text
    assert key is not None
    for secret in (
        "explanation",
        "evidence",
        "decision_reason",
        key.decision_reason,
        key.decoys[0].explanation,
    ):
        assert secret not in text


def test_a_server_may_serve_the_pictures_and_the_rest_stay_inline(case_folder: Path) -> None:
    view, _ = load_rendered(case_folder)

    def served(path: Path) -> str | None:
        return f"/pictures/{path.name}" if path.suffix == ".png" else None

    payload = case_payload(view, case_folder, graded=False, picture_url=served)
    assert payload["images"][0]["src"] == "/pictures/frame.png"
    assert payload["images"][1]["src"].startswith("data:image/jpeg;base64,"), "not served: inline"
    assert payload["consent"]["form_src"].startswith("/pictures/")


def test_post_fields_are_named_as_the_key_names_them(case_folder: Path) -> None:
    view, _ = load_rendered(case_folder)
    payload = case_payload(view, case_folder, graded=True)
    assert view.post is not None
    assert payload["post"]["fields"] == view.post.text_fields()
    assert payload["post_asset"] == "post"
    assert payload["graded"] is True
    assert payload["metadata"][0]["rows"][1] == {
        "tag": "GPSInfo",
        "label": "GPS position",
        "value": "51.50 N, 0.12 W",
    }


def test_taxonomy_is_grouped_with_labels() -> None:
    tax = taxonomy_payload()
    assert [g["id"] for g in tax["category_groups"]] == ["direct", "indirect", "hidden"]
    ids = [i["id"] for g in tax["category_groups"] for i in g["items"]]
    assert sorted(ids) == sorted(CATEGORIES)
    assert [g["id"] for g in tax["consent_gaps"]] == list(CONSENT_GAPS)
    assert [d["id"] for d in tax["decisions"]] == list(DECISIONS)


def test_static_files_never_parse_html_or_fetch() -> None:
    js = (STATIC / "exercise.js").read_text(encoding="utf-8")
    css = (STATIC / "exercise.css").read_text(encoding="utf-8")
    assert "export default { render }" in js
    for unsafe in (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "new Function",
    ):
        assert unsafe not in js, unsafe
    code = js.replace('"http://www.w3.org/2000/svg"', "")  # a namespace name, not a fetch
    for remote in ("http://", "https://", "fetch(", "XMLHttpRequest", "import("):
        assert remote not in code, remote
    assert not re.search(r"url\((?!\s*data:)", css) and "@import" not in css


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_module_loads_in_node() -> None:
    url = (STATIC / "exercise.js").as_uri()
    script = f"import({json.dumps(url)}).then(m => console.log(typeof m.default.render))"
    out = subprocess.run(
        ["node", "--input-type=module", "-e", script], capture_output=True, text=True, timeout=30
    )
    assert out.stdout.strip() == "function", out.stderr
