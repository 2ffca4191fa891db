"""A release holds every variant's assets and case.json, with public indexes, and no key."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from safeshare.assignments.definition import load_definition
from safeshare.assignments.pool import pool_of, render_variants, variant_key
from safeshare.assignments.release import check_no_keys, release_pool
from safeshare.assignments.scaffold import NewItem
from safeshare.assignments.secret import CourseSecret
from safeshare.cases.locations import Box
from safeshare.errors import AssignmentError
from tests.assignments.course import make_course

TEXT_SUFFIXES = {".json", ".yaml", ".ipynb", ".md", ".txt", ".html"}


def _release(tmp_path: Path, secret: CourseSecret, items: list[NewItem]) -> tuple[Path, Path]:
    course = make_course(tmp_path / "course", items=items, pool=2)
    definition = load_definition(course.source / "demo")
    release = course.release / "demo"
    (release / "answers").mkdir(parents=True)
    (release / "answers" / "q1.json").write_text("{}")  # the educator tried the notebook
    release_pool(definition, secret=secret, release_dir=release, course_root=course.root, jobs=1)
    return course.root, release


def test_release_has_every_variant_with_its_public_index(
    tmp_path: Path, secret: CourseSecret
) -> None:
    _, release = _release(tmp_path, secret, [NewItem("q1", "X01"), NewItem("q2", "X02")])
    for item, case in (("q1", "X01"), ("q2", "X02")):
        for index in (0, 1):
            view = json.loads((release / "cases" / item / f"v{index}" / "case.json").read_text())
            assert view["case_id"] == case
            assert view["seed"] == index
            assert view["extra"]["graded"] == {"assignment": "demo", "item": item, "variant": index}
    assert not (release / "answers").exists()
    assert not list(release.rglob("key.json"))


def test_release_holds_no_key_no_secret_and_no_secret_seed(
    tmp_path: Path, secret: CourseSecret
) -> None:
    root, release = _release(tmp_path, secret, [NewItem("q1", "X03"), NewItem("q2", "X01")])
    definition = load_definition(root / "source" / "demo")
    texts = "\n".join(
        p.read_text(encoding="utf-8")
        for p in release.rglob("*")
        if p.is_file() and p.suffix in TEXT_SUFFIXES
    )
    # Header rows are shown to the learner on purpose (the DICOM header is part of the case);
    # what is drawn only in pixels must appear nowhere else.
    for case_json in release.rglob("case.json"):
        for asset in json.loads(case_json.read_text())["assets"]:
            for _tag, _label, value in asset["metadata"]:
                texts = texts.replace(json.dumps(value)[1:-1], "")
    blobs = b"".join(p.read_bytes() for p in release.rglob("*") if p.is_file())
    assert secret.value not in blobs
    pixel_evidence = 0
    for item in definition.items:
        for variant in pool_of(definition, item, secret, course_root=root):
            assert str(variant.seed) not in texts
            key = variant_key(variant)
            assert key.decision_reason not in texts
            for finding in key.findings:
                assert finding.id not in texts
                if isinstance(finding.location, Box):
                    pixel_evidence += 1
                    assert finding.evidence not in texts, finding
    assert pixel_evidence > 0


def test_variants_differ_in_what_they_show(tmp_path: Path, secret: CourseSecret) -> None:
    course = make_course(tmp_path / "course", items=[NewItem("q1", "X01")], pool=3)
    definition = load_definition(course.source / "demo")
    variants = pool_of(definition, definition.items[0], secret, course_root=course.root)
    folders = render_variants(variants)
    posts = {json.loads((f / "case.json").read_text())["post"]["text"] for f in folders}
    assert len(posts) == 3


def test_check_no_keys_refuses_a_key(tmp_path: Path) -> None:
    (tmp_path / "cases" / "q1").mkdir(parents=True)
    check_no_keys(tmp_path)
    (tmp_path / "cases" / "q1" / "key.json").write_text("{}")
    with pytest.raises(AssignmentError, match="never hold"):
        check_no_keys(tmp_path)


def test_a_release_drawn_by_other_code_is_noticed(tmp_path: Path, secret: CourseSecret) -> None:
    from safeshare.assignments.check import check_assignment
    from safeshare.assignments.course import load_course
    from safeshare.assignments.pool import release_drift

    root, release = _release(tmp_path, secret, [NewItem("q1", "X01"), NewItem("q2", "X02")])
    course = load_course(root)
    definition = load_definition(course.source / "demo")
    variant = pool_of(definition, definition.items[0], secret, course_root=root)[0]
    shutil.copy(course.source / "demo" / "demo.ipynb", release / "demo.ipynb")
    assert release_drift(variant, release / "cases" / "q1" / "v0") == ""
    assert check_assignment(course, "demo", secret=secret) == []
    case_json = release / "cases" / "q1" / "v0" / "case.json"
    view = json.loads(case_json.read_text())
    view["post"]["text"] = "something else"
    case_json.write_text(json.dumps(view))
    assert "differs" in release_drift(variant, release / "cases" / "q1" / "v0")
    assert any("differs" in p for p in check_assignment(course, "demo", secret=secret))
    (release / "cases" / "q1" / "v1" / "post.png").write_bytes(b"not the picture")
    assert "post.png" in release_drift(
        pool_of(definition, definition.items[0], secret, course_root=root)[1],
        release / "cases" / "q1" / "v1",
    )
