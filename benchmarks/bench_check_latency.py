"""Time the exercise's Check in a real browser: click to feedback on screen.

Starts JupyterLab on 127.0.0.1 (a free port, a temporary folder) with the demo
notebook, opens it in Debian's Chromium, marks one box and one span, then
clicks Check several times (emptying the feedback in between) and measures,
in the page, performance.now() from the click until the score is drawn.
Target: median < 300 ms. Prints the figures; asserts nothing.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.browser.harness import (  # noqa: E402
    browser_problems,
    choose_category,
    clear_feedback,
    draw_box,
    launched_chromium,
    open_notebook,
    run_all,
    running_lab,
    select_words,
    timed_check,
)

DEMO = REPO / "docs" / "demo-exercise.ipynb"
ROUNDS = 9


def main() -> int:
    problems = browser_problems()
    if problems:
        print("check latency: skipped, " + "; ".join(problems))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("SAFESHARE_CACHE", str(Path(tmp) / "cache"))
        from safeshare.cases.cache import load_rendered, rendered_case
        from safeshare.model.locations import Box, Span

        _, key = load_rendered(rendered_case("P01", seed=1))
        assert key is not None
        box = next(f for f in key.findings if isinstance(f.location, Box))
        span = next(f for f in key.findings if isinstance(f.location, Span))
        with running_lab(Path(tmp) / "lab") as lab, launched_chromium() as browser:
            shutil.copyfile(DEMO, lab.root / DEMO.name)
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            open_notebook(page, lab, DEMO.name)
            run_all(page)
            b = box.location
            assert isinstance(b, Box)
            tab = page.locator(f'.ss-exercise .ss-tab[data-image="{b.asset}"]')
            if tab.count():
                tab.click()
            draw_box(page, b.x, b.y, b.w, b.h)
            choose_category(page, ".ss-images .ss-editor", box.category)
            s = span.location
            assert isinstance(s, Span)
            select_words(page, s.field, s.start, s.end)
            choose_category(page, ".ss-post-panel .ss-editor", span.category)
            times = []
            for _ in range(ROUNDS):
                clear_feedback(page)
                times.append(timed_check(page))
    print(f"check latency over {ROUNDS} clicks: " + ", ".join(f"{t:.0f}" for t in times) + " ms")
    print(f"check latency median: {statistics.median(times):.0f} ms (target < 300 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
