"""Module 07's 'check before you post' step: the real checker on the course's case images."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from safeshare.cases.cache import rendered_case
from safeshare.course import check_step
from safeshare.course.check_step import CHECK_CHOICES, CheckStep, check_report, report_html
from safeshare.course.modules import CAPSTONE, COURSE_SEED, MODULES
from safeshare.course.page import open_module


@pytest.fixture
def reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Reports kept in a folder of this test's own."""
    folder = tmp_path / "checks"
    monkeypatch.setattr(check_step, "_reports_dir", lambda: folder)
    return folder


def test_every_image_offered_is_one_the_course_prepares_and_none_is_the_capstones() -> None:
    prepared = {c for m in MODULES for c in m.cases}
    capstone = {c for m in MODULES if m.id == CAPSTONE for c in m.cases}
    for choice in CHECK_CHOICES:
        assert choice.case_id in prepared and choice.case_id not in capstone, choice
        case = json.loads(
            (rendered_case(choice.case_id, seed=COURSE_SEED) / "case.json").read_text()
        )
        assets = {a["id"]: a for a in case["assets"]}
        assert assets[choice.asset_id]["markable"], choice


def test_the_step_checks_a_case_image_and_shows_the_ranked_report(
    reports: Path, tmp_path: Path
) -> None:
    page = open_module("07", root=tmp_path / "data", environ={}, show=False)
    step = CheckStep(page)
    step.picker.value = [c.case_id for c in CHECK_CHOICES].index("E05")
    report = step.check()
    assert report is not None
    categories = [item["category"] for item in report["ranked"]]
    # E05's overlay was blanked, but its comment field still gives initials and an age of 94.
    assert {"patient_name", "age_or_sex"} <= set(categories)
    assert report["consent"]["required"]
    assert (
        "<img src='data:image/png;base64," in step.picture.value and " alt='" in step.picture.value
    )
    assert "What the checker found, most identifying first" in step.report.value
    assert "What the checker cannot guarantee" in step.report.value
    # Kept: a second learner's check reads the report instead of running the OCR again.
    (kept,) = reports.glob("*.json")
    assert json.loads(kept.read_text())["ranked"] == report["ranked"]
    # Nothing went to the learner's folder.
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").rglob("*.json"))


def test_a_kept_report_is_read_back_not_recomputed(
    reports: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    choice = next(c for c in CHECK_CHOICES if c.case_id == "P02")
    path = rendered_case(choice.case_id, seed=COURSE_SEED) / "photo.jpg"
    first = check_report(path, asset=choice.asset_id)

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the kept report should have been used")

    import safeshare.checker

    monkeypatch.setattr(safeshare.checker, "check_file", refuse)
    assert check_report(path, asset=choice.asset_id) == first


def test_the_report_escapes_what_the_checker_read() -> None:
    hostile = "<script>alert(1)</script>"
    report = {
        "files": [{"unchecked": [hostile]}],
        "ranked": [
            {
                "category": "",
                "label": "Text in the image no rule recognised",
                "severity": "low",
                "why": "why",
                "remedy": "do",
                "guidance": [{"id": "g", "label": "a source"}],
                "found": [
                    {
                        "evidence": hostile,
                        "confirm": True,
                        "location": {"type": "box", "x": 1, "y": 2, "w": 3, "h": 4},
                    }
                ],
            }
        ],
        "consent": {"required": False, "why": "w", "elements": [{"needed": hostile}]},
    }
    html = report_html(report)
    assert "<script>" not in html and "&lt;script&gt;" in html
