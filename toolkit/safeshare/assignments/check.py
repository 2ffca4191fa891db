"""Check a graded assignment before release: notebook, assignment.yaml, config and release agree.

Each problem is one line saying what to fix. An empty list means: every item
has a locked exercise cell and one hidden test worth its points, every case
exists, every answers file is protected from overwriting at autograde, and a
generated release holds every variant and no key.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from safeshare.assignments.course import CONFIG_FILE, Course
from safeshare.assignments.definition import CASES_DIR, answers_file, load_definition
from safeshare.assignments.pool import pool_of, release_drift, variant_name
from safeshare.assignments.secret import CourseSecret
from safeshare.cases.bank import find_case
from safeshare.errors import SafeshareError

__all__ = ["check_assignment"]

_GRADE_CALL = re.compile(r"grade_item\(\s*['\"]([a-z0-9_]+)['\"]\s*,\s*points\s*=\s*([0-9.]+)\s*\)")
_EXERCISE_CALL = re.compile(r"exercise\(\s*['\"]([a-z0-9_]+)['\"]\s*\)")


def _exclude_overwriting(course: Course) -> dict[str, list[str]]:
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader(CONFIG_FILE, path=str(course.root)).load_config()
    value = config.get("Autograde", {}).get("exclude_overwriting", {})
    return {str(k): [str(x) for x in v] for k, v in dict(value).items()}


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
        for item, given in _GRADE_CALL.findall(source):
            graded[item] = graded.get(item, 0) + 1
            where = f"{path.name} cell {i} ({item})"
            if "### BEGIN HIDDEN TESTS" not in source or "### END HIDDEN TESTS" not in source:
                problems.append(f"{where}: grade_item must sit inside a HIDDEN TESTS block")
            if not (meta.get("grade") and meta.get("locked") and not meta.get("solution")):
                problems.append(f"{where}: must be a locked autograder test cell")
            if item not in points:
                problems.append(f"{where}: {item} is not an item of assignment.yaml")
                continue
            if float(given) != points[item] or float(meta.get("points", -1)) != points[item]:
                problems.append(
                    f"{where}: points disagree (call {given}, cell {meta.get('points')}, "
                    f"assignment.yaml {points[item]:g})"
                )
    for item in points:
        if graded.get(item, 0) != 1:
            problems.append(f"{path.name}: item {item} needs exactly one graded cell")
        if item not in shown:
            problems.append(f"{path.name}: item {item} has no exercise({item!r}) cell")
    return problems


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
