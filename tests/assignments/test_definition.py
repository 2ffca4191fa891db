"""assignment.yaml: read strictly; its answers files feed exclude_overwriting."""

from __future__ import annotations

from pathlib import Path

import pytest

from safeshare.assignments.definition import (
    DEFAULT_POOL,
    answers_file,
    answers_files_by_assignment,
    load_definition,
    parse_definition,
)
from safeshare.assignments.variants import MAX_POOL
from safeshare.errors import SpecError
from tests.assignments.nbgrader_course import REPO

GOOD = {
    "schema": 1,
    "title": "Pixels",
    "pool": 2,
    "items": [{"id": "q1", "case": "E01", "points": 4}, {"id": "q2", "case": "R01", "points": 2.5}],
}


def test_reads_items_points_and_pool() -> None:
    d = parse_definition(GOOD, assignment="pixels", source=Path("a.yaml"))
    assert [(i.id, i.case, i.points) for i in d.items] == [("q1", "E01", 4.0), ("q2", "R01", 2.5)]
    assert d.pool == 2 and d.total_points == 6.5
    assert d.item("q2").case == "R01"
    with pytest.raises(KeyError, match="q9"):
        d.item("q9")


def test_bank_is_relative_to_the_course(tmp_path: Path) -> None:
    d = parse_definition({**GOOD, "bank": "private"}, assignment="p", source=Path("a.yaml"))
    assert d.bank_path(tmp_path) == tmp_path / "private"
    assert parse_definition(GOOD, assignment="p", source=Path("a")).bank_path(tmp_path) is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"colour": "red"}, "unknown field 'colour'"),
        ({"items": []}, "at least one item"),
        ({"items": [{"id": "Q1", "case": "E01"}]}, "lower-case"),
        ({"items": [{"id": "q1", "case": "e01"}]}, "not a case id"),
        ({"items": [{"id": "q1", "case": "E01"}, {"id": "q1", "case": "E02"}]}, "used twice"),
        ({"items": [{"id": "q1", "case": "E01", "points": 0}]}, "points"),
        ({"pool": 99}, "pool"),
        ({"schema": 2}, "schema"),
    ],
)
def test_mistakes_are_named(change: dict[str, object], message: str) -> None:
    with pytest.raises(SpecError, match=message):
        parse_definition({**GOOD, **change}, assignment="p", source=Path("a.yaml"))


def test_missing_file_says_what_is_wrong(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="not a safeshare graded assignment"):
        load_definition(tmp_path)


def test_answers_files_by_assignment_lists_every_item(tmp_path: Path) -> None:
    (tmp_path / "pixels").mkdir()
    (tmp_path / "pixels" / "assignment.yaml").write_text(
        "schema: 1\ntitle: P\nitems:\n  - {id: q1, case: E01}\n  - {id: q2, case: E02}\n"
    )
    (tmp_path / "plain-nbgrader").mkdir()
    assert answers_files_by_assignment(tmp_path) == {
        "pixels": [answers_file("q1"), answers_file("q2")]
    }
    assert answers_file("q1") == "answers/q1.json"
    assert answers_files_by_assignment(tmp_path / "none") == {}


def test_pool_defaults_to_eight_and_is_bounded() -> None:
    without = {k: v for k, v in GOOD.items() if k != "pool"}
    assert parse_definition(without, assignment="p", source=Path("a.yaml")).pool == DEFAULT_POOL
    assert DEFAULT_POOL == 8 <= MAX_POOL
    top = parse_definition({**GOOD, "pool": MAX_POOL}, assignment="p", source=Path("a.yaml"))
    assert top.pool == MAX_POOL
    for pool in (0, MAX_POOL + 1):
        with pytest.raises(SpecError, match="pool"):
            parse_definition({**GOOD, "pool": pool}, assignment="p", source=Path("a.yaml"))


@pytest.mark.parametrize("name", ["pixels", "hidden-and-story", "consent-and-decision"])
def test_shipped_assignments_use_a_pool_of_eight(name: str) -> None:
    assert load_definition(REPO / "assignments" / "source" / name).pool == 8
