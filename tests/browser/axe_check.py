"""axe-core in the browser tests: installed from its lockfile, injected into the page from disk.

tests/browser/axe/ pins axe-core (package.json and package-lock.json); the first
test that needs it runs `npm ci` there. The page gets the script from that
folder (playwright's add_script_tag reads the file): nothing comes from a CDN.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

AXE_DIR = Path(__file__).resolve().parent / "axe"
AXE_SCRIPT = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa")
"""WCAG 2.0, 2.1 and 2.2, levels A and AA."""

__all__ = ["AXE_SCRIPT", "WCAG_TAGS", "axe_violations", "install_axe", "require_axe"]


def install_axe() -> str:
    """Install axe-core with `npm ci` (pinned in tests/browser/axe); '' or why not."""
    if AXE_SCRIPT.exists():
        return ""
    npm = shutil.which("npm")
    if npm is None:
        return "npm is not installed (apt-get install nodejs npm): no axe-core"
    done = subprocess.run(
        [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
        cwd=AXE_DIR,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0 or not AXE_SCRIPT.exists():
        return f"npm ci in tests/browser/axe failed: {done.stderr.strip()[-400:]}"
    return ""


def require_axe() -> None:
    """Skip without axe-core (or fail, under SAFESHARE_REQUIRE_BROWSER=1 as in CI)."""
    problem = install_axe()
    if not problem:
        return
    if os.environ.get("SAFESHARE_REQUIRE_BROWSER") == "1":
        pytest.fail(problem + " (SAFESHARE_REQUIRE_BROWSER=1 makes this a failure)", pytrace=False)
    pytest.skip(problem)


def axe_violations(page: Any, *, include: str | None = None) -> list[str]:
    """Run axe-core's WCAG 2.x A and AA rules on the page; one line per failing element."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        """async ([tags, include]) => {
          const context = include ? {include: [include]} : document;
          const r = await window.axe.run(context, {runOnly: {type: 'tag', values: tags},
                                                  resultTypes: ['violations']});
          return r.violations.map(v => ({id: v.id, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(' '),
                                      summary: (n.failureSummary || '').slice(0, 300)}))}));
        }""",
        [list(WCAG_TAGS), include],
    )
    return [
        f"{v['id']} ({v['help']}): {n['target']}: {n['summary']}"
        for v in result
        for n in v["nodes"]
    ]
