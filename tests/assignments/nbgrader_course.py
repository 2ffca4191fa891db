"""A small nbgrader course for tests: the real nbgrader_config.py, a demo assignment, test specs.

The specs are tiny (a post, a consent form, an ultrasound frame) so variants
render fast; the secret is fixed so the session's case cache is reused.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from safeshare.assignments.nbgrader_course import Course, load_course
from safeshare.assignments.scaffold import NewItem, scaffold_assignment
from tests.cases.specs import CONSENT_ONLY, POST_ONLY

__all__ = ["COURSE_CONFIG", "FIXED_SECRET", "SPECS", "make_course", "write_bank"]

REPO = Path(__file__).resolve().parents[2]
COURSE_CONFIG = REPO / "assignments" / "nbgrader_config.py"
FIXED_SECRET = "5eca1e" * 8
"""A fixed course secret for tests (48 hex characters)."""

SPECS = {
    "X01-post.yaml": POST_ONLY,
    "X02-consent.yaml": CONSENT_ONLY,
    "X03-scan.yaml": """\
schema: 1
id: X03
title: Twelve-week scan
kind: radiology
difficulty: 1
objectives: [Find the identifiers burned into an ultrasound frame]
brief: A sonographer wants to share a lovely 12-week scan.
assets:
  - id: scan
    type: ultrasound
    options: {study: obstetric_12wk}
    present: {dob: 0.5, sonographer: 0.5}
post:
  author:
    display_name: "{clinician.name}"
    handle: "@{clinician.handle}"
  text: "Beautiful profile on [[today's|date_of_care]] 12-week scan!"
  images: [scan]
decision: share_after_deidentification
decision_reason: Remove the burned-in identifiers and the header first (GMC recordings 10-12).
""",
}


def write_bank(folder: Path) -> Path:
    """Write the test specs into `folder` (same bytes every time, so renders are cached)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in SPECS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def make_course(
    root: Path,
    *,
    items: Sequence[NewItem] = (NewItem("q1", "X01", 2.0), NewItem("q2", "X02", 4.0)),
    pool: int = 2,
    assignment: str = "demo",
) -> Course:
    """A course folder with the real config and one scaffolded assignment using the test specs."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(COURSE_CONFIG, root / "nbgrader_config.py")
    bank = write_bank(root.parent / f"{root.name}-bank")
    scaffold_assignment(
        root / "source" / assignment, title="Demo", items=items, pool=pool, bank=str(bank)
    )
    return load_course(root)
