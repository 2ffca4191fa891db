"""axe-core on every module page in Voila: on load, after Check, after Show the key.

The rules are WCAG 2.0, 2.1 and 2.2 at levels A and AA; the test wants no
violation at all. axe-core is installed from tests/browser/axe's lockfile and
injected from disk (axe_check.py). The capstone's cases appear after Start, so
its page presses Start first. Check and Show the key are pressed on the first
exercise of the module, after one mark, so the feedback has every kind of
line (found, missed, a wrong category).
"""

from __future__ import annotations

from typing import Any

import pytest

from safeshare.course.modules import CAPSTONE, MODULES, Module
from tests.browser.axe_check import axe_violations, require_axe
from tests.browser.harness import WIDGET
from tests.browser.test_voila_course import VoilaCourse, learner_page, voila  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
PAGE_TIMEOUT = 300_000


def _no_violations(page: Any, state: str, mod: Module) -> None:
    found = axe_violations(page)
    assert found == [], f"module {mod.id} {state}: {len(found)} violations\n" + "\n".join(found)


@pytest.mark.parametrize("mod", MODULES, ids=lambda m: m.id)
def test_every_module_passes_axe_on_load_after_check_and_after_the_key(
    mod: Module,
    voila: VoilaCourse,  # noqa: F811
    learner_page: Any,  # noqa: F811
) -> None:
    require_axe()
    page = learner_page
    # a module's cases render in the page's kernel on first use here: give it time
    page.goto(
        voila.module_url(mod.notebook, f"?learner=Axe%20Tester%20{mod.id}"),
        wait_until="commit",
        timeout=PAGE_TIMEOUT,
    )
    page.wait_for_selector("text=Working as", timeout=PAGE_TIMEOUT)
    if mod.id == CAPSTONE:
        page.get_by_role("button", name="Start the capstone").click()
    page.wait_for_selector(f"{WIDGET} .ss-actions", timeout=PAGE_TIMEOUT)
    page.wait_for_load_state("networkidle", timeout=PAGE_TIMEOUT)
    _no_violations(page, "on load", mod)

    exercise = page.locator(WIDGET).first
    exercise.scroll_into_view_if_needed()
    exercise.locator(".ss-gaps input[type=checkbox]").first.click()  # an answer to grade
    exercise.locator(".ss-check-btn").click()
    exercise.locator(".ss-feedback .ss-score").wait_for(timeout=PAGE_TIMEOUT)
    _no_violations(page, "after Check", mod)

    exercise.get_by_role("button", name="Show the key").click()
    exercise.get_by_role("button", name="Hide the key").wait_for(timeout=PAGE_TIMEOUT)
    _no_violations(page, "after Show the key", mod)
