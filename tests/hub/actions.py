"""What a learner does at a rehearsal, step by step, as their browser would make their server do it.

Marking runs in the course page's own kernel (the widget's Python side lives
there); fetching and submitting go through nbgrader's Assignments extension in
the learner's server, as the Assignments tab's buttons do.
"""

from __future__ import annotations

import json
import textwrap

from safeshare.assignments.nbgrader_course import load_course
from safeshare.assignments.pool import variant_key
from safeshare.assignments.secret import load_secret
from tests.assignments.graded_course import variant_of
from tests.hub.harness import REPO
from tests.hub.people import Learner
from tests.hub.rehearsal import Rehearsal

__all__ = ["answer_assignment", "mark_e01"]


def mark_e01(learner: Learner, findings: int) -> dict[str, object]:
    """Mark the first `findings` boxes of E01 in module 00 in the page's kernel, press Check."""
    reply = learner.run(
        textwrap.dedent(
            f"""
            import json, os
            from safeshare.cases.cache import load_key, rendered_case
            from safeshare.course.modules import COURSE_SEED, module
            from safeshare.course.page import ModulePage
            from safeshare.model.locations import Box
            from safeshare.widgets import Exercise
            page = ModulePage(module("00"))
            key = load_key(rendered_case("E01", seed=COURSE_SEED))
            ex = Exercise("E01", seed=COURSE_SEED, answers_dir=page.answers_dir())
            ex.reset()
            for f in [f for f in key.findings if isinstance(f.location, Box)][:{findings}]:
                loc = f.location
                ex.mark_box(loc.asset, loc.x, loc.y, loc.w, loc.h, f.category)
            ex.decide("share_after_deidentification")
            page.record_exercise("E01", ex.check().score)
            print(json.dumps({{"path": str(ex.answers_path), "marks": len(ex.answer.findings),
                               "uid": os.getuid()}}))
            """
        )
    )
    return json.loads(reply.strip().splitlines()[-1])  # type: ignore[no-any-return]


def answer_assignment(setting: Rehearsal, person: Learner, share: float) -> None:
    """Fetch, answer `share` of the learner's own variants (the test plays a perfect learner
    who is given the key), submit: through the Assignments tab's calls and the widget's API."""
    course = load_course(setting.course)
    secret = load_secret("safeshare", path=setting.secret_file)
    keys = {
        item: variant_key(variant_of(course, person.name, item, secret)).to_dict()
        for item in ("q1", "q2")
    }
    person.assignments("fetch", "demo")
    person.run(
        textwrap.dedent(
            f"""
            import sys
            from pathlib import Path
            sys.path.insert(0, {str(REPO)!r})
            from safeshare.model.key import Key
            from tests.assignments.learners import answer_item
            folder = Path.home() / "demo"
            assert (folder / "assignment.yaml").is_file(), "fetch left no assignment"
            for item, key in {keys!r}.items():
                answer_item(folder, item, Key.from_dict(key), share={share})
            """
        )
    )
    person.assignments("submit", "demo")
