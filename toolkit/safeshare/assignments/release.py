"""Put every item's pool of variants into a release: assets and case.json, never a key.

`nbgrader generate_assignment` runs `RenderPool` (listed in the course's
nbgrader_config.py), which writes `cases/<item>/v<i>/` into the release folder
of an assignment that has an assignment.yaml. Each variant's case.json carries
its public pool index as the seed, not the secret seed, and no key.json is
copied; PNG pictures are held as JPEGs (see release_files). The whole cases/
folder is staged beside the release and renamed into place, then checked once
more for keys.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from nbconvert.preprocessors import Preprocessor

from safeshare.assignments.definition import (
    ANSWERS_DIR,
    ASSIGNMENT_FILE,
    CASES_DIR,
    AssignmentDef,
    load_definition,
)
from safeshare.assignments.nbgrader_course import Course
from safeshare.assignments.pool import Variant, pool_of, render_variants
from safeshare.assignments.release_files import CASE_FILE, KEY_FILES, write_release_files
from safeshare.assignments.secret import CourseSecret, load_secret
from safeshare.atomic import swap_in_folder
from safeshare.cases.render_many import default_jobs
from safeshare.errors import AssignmentError

__all__ = ["KEY_FILES", "RenderPool", "check_no_keys", "release_pool"]


def _public_view(view: Mapping[str, Any], variant: Variant) -> dict[str, Any]:
    """case.json as the learner sees it: the public pool index, not the secret seed."""
    data = dict(view)
    data["seed"] = variant.index
    extra = dict(data.get("extra") or {})
    extra["graded"] = {
        "assignment": variant.assignment,
        "item": variant.item,
        "variant": variant.index,
    }
    data["extra"] = extra
    return data


def check_no_keys(folder: Path) -> None:
    """Refuse a folder that holds any key file (AssignmentError names it)."""
    for name in KEY_FILES:
        found = sorted(folder.rglob(name))
        if found:
            raise AssignmentError(
                f"a key file is in the release ({found[0]}); a release must never hold one"
            )


def release_pool(
    definition: AssignmentDef,
    *,
    secret: CourseSecret,
    release_dir: Path,
    course_root: Path,
    jobs: int | None = None,
) -> Path:
    """Render every item's variants and write them to `release_dir/cases/`; returns that folder.

    An answers/ folder copied from source/ (an educator trying the notebook
    there) is removed: it would hand every learner the educator's answers.
    """
    variants = [
        v
        for item in definition.items
        for v in pool_of(definition, item, secret, course_root=course_root)
    ]
    folders = render_variants(variants, jobs=jobs or default_jobs())
    release_dir.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{CASES_DIR}.", dir=release_dir))
    target = release_dir / CASES_DIR
    try:
        staged = stage / CASES_DIR
        for variant, folder in zip(variants, folders, strict=True):
            out = staged / variant.item / variant.name
            view = _public_view(write_release_files(folder, out), variant)
            (out / CASE_FILE).write_text(
                json.dumps(view, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
            )
        check_no_keys(staged)
        swap_in_folder(staged, target)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    shutil.rmtree(release_dir / ANSWERS_DIR, ignore_errors=True)
    check_no_keys(release_dir)
    return target


class RenderPool(Preprocessor):
    """nbgrader generate_assignment step: render the pools into the release folder.

    Listed last in c.GenerateAssignment.preprocessors. It acts once per
    assignment that has an assignment.yaml and leaves other assignments alone.
    A failure (no course secret, a case that does not render) fails the
    generate step with the reason, so a release never lacks its cases.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("enabled", True)  # nbconvert preprocessors are off unless enabled
        super().__init__(**kwargs)  # type: ignore[no-untyped-call]
        self._done: set[str] = set()

    def _coursedir(self) -> Any:
        converter = getattr(self.parent, "parent", None)
        coursedir = getattr(converter, "coursedir", None)
        if coursedir is None:
            raise AssignmentError(
                "RenderPool runs inside `nbgrader generate_assignment` only "
                "(list it in c.GenerateAssignment.preprocessors)"
            )
        return coursedir

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        assignment = str(resources["nbgrader"]["assignment"])
        if assignment in self._done:
            return nb, resources
        coursedir = self._coursedir()
        source = Path(coursedir.format_path(coursedir.source_directory, ".", assignment))
        if not (source / ASSIGNMENT_FILE).is_file():
            self._done.add(assignment)
            return nb, resources
        release = Path(coursedir.format_path(coursedir.release_directory, ".", assignment))
        course = Course(root=Path(coursedir.root), course_id=str(coursedir.course_id))
        definition = load_definition(source)
        secret = load_secret(course.course_id)
        self.log.info(
            "Rendering %d variants of %d items into %s",
            definition.pool * len(definition.items),
            len(definition.items),
            release / CASES_DIR,
        )
        release_pool(definition, secret=secret, release_dir=release, course_root=course.root)
        self._done.add(assignment)
        return nb, resources
