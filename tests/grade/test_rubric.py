"""The rubric: defaults, a file an educator writes, and refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from safeshare.errors import RubricError
from safeshare.grade import DEFAULT_RUBRIC, Rubric, load_rubric, rubric_from_dict


def test_defaults() -> None:
    r = DEFAULT_RUBRIC
    assert (r.findings_weight, r.consent_weight, r.decision_weight) == (0.6, 0.15, 0.25)
    assert dict(r.severity_weights) == {"high": 3.0, "medium": 2.0, "low": 1.0}
    assert r.wrong_category_credit == 0.5
    assert (r.false_alarm_penalty, r.false_alarm_cap) == (0.1, 0.5)
    assert (r.box_iou, r.click_size, r.span_overlap) == (0.5, 3, 0.5)
    assert (r.box_contain, r.box_tight, r.box_part_width, r.box_part_inside) == (0.7, 0.4, 0.3, 0.7)
    assert (r.span_words, r.span_tight, r.shotgun_hit_rate) == (2, 0.5, 0.25)
    assert r.severity_weight("medium") == 2.0
    with pytest.raises(ValueError, match="no weight for severity 'urgent'"):
        r.severity_weight("urgent")


def test_a_yaml_file_names_only_what_changes(tmp_path: Path) -> None:
    path = tmp_path / "rubric.yaml"
    path.write_text(
        "findings_weight: 0.7\ndecision_weight: 0.15\nseverity_weights: {high: 4}\n"
        "box_tight: 0.5\nspan_words: 3\n",
        encoding="utf-8",
    )
    r = load_rubric(path)
    assert (r.box_tight, r.span_words) == (0.5, 3)
    assert r.findings_weight == 0.7 and r.consent_weight == 0.15
    assert dict(r.severity_weights) == {"high": 4.0, "medium": 2.0, "low": 1.0}


def test_json_and_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "rubric.json"
    path.write_text(json.dumps(DEFAULT_RUBRIC.to_dict()), encoding="utf-8")
    assert load_rubric(path) == DEFAULT_RUBRIC
    assert rubric_from_dict(None) is DEFAULT_RUBRIC
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    assert load_rubric(empty) == DEFAULT_RUBRIC


def test_the_rubric_cannot_change_under_a_grade() -> None:
    weights = {"high": 3.0, "medium": 2.0, "low": 1.0}
    r = Rubric(severity_weights=weights)
    weights["high"] = 100.0
    assert r.severity_weights["high"] == 3.0
    with pytest.raises(TypeError):
        r.severity_weights["high"] = 5.0  # type: ignore[index]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"score_bonus": 1}, "unknown field.*score_bonus"),
        ({"schema": 2}, "schema 2"),
        ({"findings_weight": -1}, "findings_weight must be in"),
        ({"findings_weight": float("nan")}, "findings_weight must be a finite number"),
        ({"findings_weight": 0, "consent_weight": 0, "decision_weight": 0}, "must not all be 0"),
        ({"wrong_category_credit": 1.5}, "wrong_category_credit must be in"),
        ({"false_alarm_cap": True}, "false_alarm_cap must be a finite number"),
        ({"box_iou": 0}, r"box_iou must be in \(0"),
        ({"click_size": 2.5}, "click_size must be a whole number"),
        ({"box_tight": 0}, r"box_tight must be in \(0"),
        ({"box_contain": 1.5}, "box_contain must be in"),
        ({"span_words": 0}, "span_words must be a whole number of words"),
        ({"span_tight": "half"}, "span_tight must be a finite number"),
        ({"shotgun_hit_rate": -0.1}, "shotgun_hit_rate must be in"),
        ({"severity_weights": {"urgent": 5}}, "unknown severity 'urgent'"),
        ({"severity_weights": {"low": 0}}, "severity_weights.low must be a number"),
        ({"severity_weights": [3, 2, 1]}, "severity_weights must be a mapping"),
        ([1, 2], "a rubric is a mapping"),
    ],
)
def test_bad_rubrics_are_refused(data: object, message: str) -> None:
    with pytest.raises(RubricError, match=message):
        rubric_from_dict(data, source="rubric.yaml")


def test_unreadable_rubric_files(tmp_path: Path) -> None:
    with pytest.raises(RubricError, match="cannot read"):
        load_rubric(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("findings_weight: [1\n", encoding="utf-8")
    with pytest.raises(RubricError, match="not valid yaml") as caught:
        load_rubric(bad)
    assert "\n" not in str(caught.value)
