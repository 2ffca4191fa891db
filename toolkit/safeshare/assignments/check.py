"""Check a graded assignment before release: notebook, assignment.yaml, config and release agree.

Each problem is one line saying what to fix. An empty list means: every item
has a locked exercise cell and one graded cell worth its points (with no
hidden test: autograde grades the file), every case exists, autograde runs no
learner code, every answers file is protected from overwriting, and a
generated release holds every variant and no key.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from safeshare.assignments.autograde import GRADED_SUFFIX
from safeshare.assignments.definition import CASES_DIR, answers_file, load_definition
from safeshare.assignments.nbgrader_course import CONFIG_FILE, Course
from safeshare.assignments.pool import pool_of, release_drift, variant_name
from safeshare.assignments.secret import CourseSecret
from safeshare.cases.bank import find_case
from safeshare.errors import SafeshareError

__all__ = ["check_assignment"]

_EXERCISE_CALL = re.compile(r"exercise\(\s*['\"]([a-z0-9_]+)['\"]\s*\)")


def _exclude_overwriting(course: Course) -> dict[str, list[str]]:
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader(CONFIG_FILE, path=str(course.root)).load_config()
    value = config.get("Autograde", {}).get("exclude_overwriting", {})
    return {str(k): [str(x) for x in v] for k, v in dict(value).items()}


def _graded_cell_problems(
    where: str, meta: dict[str, Any], source: str, points: float
) -> list[str]:
    problems: list[str] = []
    if not (meta.get("grade") and meta.get("locked") and not meta.get("solution")):
        problems.append(f"{where}: must be a locked autograder test cell")
    if float(meta.get("points", -1)) != points:
        problems.append(
            f"{where}: points disagree (cell {meta.get('points')}, assignment.yaml {points:g})"
        )
    if "HIDDEN TESTS" in source or "grade_item" in source:
        problems.append(
            f"{where}: holds a hidden test; autograde grades the answers file outside the "
            "notebook, so replace the cell's source with `answer_status(...)` "
            "(see safeshare.assignments.scaffold.grade_cell_source)"
        )
    return problems


def _notebook_problems(path: Path, points: dict[str, float]) -> list[str]:
    problems: list[str] = []
    nb = json.loads(path.read_text(encoding="utf-8"))
    graded: dict[str, int] = {}
    shown: set[str] = set()
    for i, cell in enumerate(nb.get("cells", [])):
        source = "".join(cell.get("source", []))
        meta = cell.get("metadata", {}).get("nbgrader", {})
        for item in _EXERCISE_CALL.findall(source):
            shown.add(item)
            if not meta.get("locked"):
                problems.append(f"{path.name} cell {i}: the exercise cell of {item} is not locked")
        grade_id = str(meta.get("grade_id", ""))
        if not meta.get("grade") or cell.get("cell_type") != "code":
            continue
        where = f"{path.name} cell {i} ({grade_id})"
        item = grade_id.removesuffix(GRADED_SUFFIX)
        if not grade_id.endswith(GRADED_SUFFIX) or item not in points:
            problems.append(
                f"{where}: a graded cell must be named <item>{GRADED_SUFFIX} after an item of "
                "assignment.yaml (autograde gives any other graded cell no credit)"
            )
            continue
        graded[item] = graded.get(item, 0) + 1
        problems += _graded_cell_problems(where, meta, source, points[item])
    for item in points:
        if graded.get(item, 0) != 1:
            problems.append(f"{path.name}: item {item} needs exactly one graded cell")
        if item not in shown:
            problems.append(f"{path.name}: item {item} has no exercise({item!r}) cell")
    return problems


def _autograde_problems(course: Course) -> list[str]:
    """The course's autograde must grade from the files and run no learner code."""
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader(CONFIG_FILE, path=str(course.root)).load_config()
    steps = [str(s) for s in config.get("Autograde", {}).get("autograde_preprocessors", [])]
    if any(s.rsplit(".", 1)[-1] == "GradeAnswersFiles" for s in steps) and not any(
        s.rsplit(".", 1)[-1] == "Execute" for s in steps
    ):
        return []
    return [
        f"{CONFIG_FILE}: c.Autograde.autograde_preprocessors must list "
        "safeshare.assignments.autograde.GradeAnswersFiles and not Execute, or learners' code "
        "runs beside the grader (copy the list from the shipped assignments/nbgrader_config.py)"
    ]


def check_assignment(
    course: Course, assignment: str, *, secret: CourseSecret | None = None
) -> list[str]:
    """Every problem found with one assignment (empty when it is ready).

    With the course secret, each released variant is also compared with the
    variant rendered now, as the autograder will rebuild it.
    """
    source = course.source / assignment
    try:
        definition = load_definition(source)
    except SafeshareError as exc:
        return [str(exc)]
    problems: list[str] = []
    for item in definition.items:
        try:
            find_case(item.case, definition.bank_path(course.root))
        except SafeshareError as exc:
            problems.append(f"{item.id}: {exc}")
    notebooks = sorted(source.glob("*.ipynb"))
    if len(notebooks) != 1:
        problems.append(f"{source}: expected one notebook, found {len(notebooks)}")
    points = {item.id: item.points for item in definition.items}
    for nb in notebooks:
        problems += _notebook_problems(nb, points)
    problems += _autograde_problems(course)
    protected = set(_exclude_overwriting(course).get(assignment, []))
    for item in definition.items:
        if answers_file(item.id) not in protected:
            problems.append(
                f"{CONFIG_FILE}: {answers_file(item.id)} of {assignment} is not listed in "
                "c.Autograde.exclude_overwriting"
            )
    release = course.release / assignment
    if release.is_dir():
        keys = sorted(release.rglob("key.json"))
        if keys:
            problems.append(f"{keys[0]}: a key in the release")
        for item in definition.items:
            for i in range(definition.pool):
                case_json = release / CASES_DIR / item.id / variant_name(i) / "case.json"
                if not case_json.is_file():
                    problems.append(f"{case_json}: missing (run nbgrader generate_assignment)")
                    continue
                view = json.loads(case_json.read_text(encoding="utf-8"))
                if view.get("seed") != i or view.get("case_id") != item.case:
                    problems.append(f"{case_json}: not variant {i} of {item.case}")
            if secret is not None and not problems:
                for variant in pool_of(definition, item, secret, course_root=course.root):
                    drift = release_drift(
                        variant, release / CASES_DIR / item.id / variant_name(variant.index)
                    )
                    if drift:
                        problems.append(drift)
    return problems
