"""The exercise widget's JavaScript: its unit tests pass, its types check, and the
committed bundle (widgets/static/exercise.js) is exactly what js/src/ builds.

The unit tests need only Node; the type check and the rebuild need the pinned
TypeScript and esbuild (`make test` installs them into js/node_modules with npm ci).
Without them these tests skip with the reason, unless SAFESHARE_REQUIRE_NODE=1 (CI
sets it): then they fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

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
    assert "# fail 0" in out.stdout, out.stdout[-2000:]


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
