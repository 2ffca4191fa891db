"""Collecting answers files and grading them all, in an nbgrader course or a plain folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from safeshare.assignments.secret import CourseSecret
from safeshare.cases.cache import rendered_spec
from safeshare.cases.spec import load_spec
from safeshare.errors import UsageError
from safeshare.grade import save_answer
from safeshare.model.key import Key
from safeshare.report import collect, grade_all
from tests.assignments.nbgrader_course import write_bank
from tests.report.cohort import partial_answer, submitted_course


def test_collects_nbgrader_submissions(tmp_path: Path, secret: CourseSecret) -> None:
    course = submitted_course(tmp_path / "course", secret, {"alice": 1.0, "bob": 0.0})
    for root in (course.root, course.submitted):
        found = collect(root)
        assert found.course is not None and found.course.root == course.root
        assert [(s.learner, s.column) for s in found.submissions] == [
            ("alice", "demo/q1"),
            ("alice", "demo/q2"),
        ]
        assert found.learners == ("alice", "bob")  # bob handed in, with no answers
        assert [(h.learner, h.assignment) for h in found.handins] == [
            ("alice", "demo"),
            ("bob", "demo"),
        ]


def test_grades_each_learner_against_their_own_variant(
    tmp_path: Path, secret: CourseSecret
) -> None:
    shares = {"alice": 1.0, "bob": 0.5, "carol": 1.0}
    course = submitted_course(tmp_path / "course", secret, shares)
    # carol hands in bob's q2 file: another learner's variant (when theirs differ) or a copy
    bob_q2 = course.submitted / "bob" / "demo" / "answers" / "q2.json"
    (course.submitted / "carol" / "demo" / "answers" / "q2.json").write_text(bob_q2.read_text())
    cohort = grade_all(collect(course.root), jobs=1, progress=False)
    scores = {(g.submission.learner, g.submission.item): g for g in cohort.graded}
    assert scores[("alice", "q1")].score == 1.0 and scores[("alice", "q2")].score == 1.0
    assert 0.0 < scores[("bob", "q1")].score < 1.0
    carol = scores[("carol", "q2")]
    if carol.problem:
        assert "this learner's variant" in carol.problem and carol.score == 0.0
    else:  # same variant as bob: graded, but the file names bob
        assert "bob" in carol.note
    assert cohort.item_points == {"demo/q1": 2.0, "demo/q2": 4.0}
    assert set(cohort.keys) >= {g.ref.label for g in cohort.graded if g.ref}


def test_parallel_grading_matches_serial(tmp_path: Path, secret: CourseSecret) -> None:
    shares = {f"l{i:02d}": (i % 5) / 4 for i in range(40)}
    course = submitted_course(tmp_path / "course", secret, shares)
    serial = grade_all(collect(course.root), jobs=1, progress=False)
    parallel = grade_all(collect(course.root), jobs=2, progress=False)
    assert [(g.submission.path, g.score) for g in serial.graded] == [
        (g.submission.path, g.score) for g in parallel.graded
    ]


def _plain_key(tmp_path: Path, seed: int, spec: str = "X01-post.yaml") -> Key:
    bank = write_bank(tmp_path / "bank")
    folder = rendered_spec(load_spec(bank / spec), seed=seed)
    return Key.from_dict(json.loads((folder / "key.json").read_text()))


def test_plain_folder_uses_each_answers_case_and_seed(tmp_path: Path) -> None:
    key = _plain_key(tmp_path, 7)
    root = tmp_path / "answers"
    save_answer(partial_answer(key, 1.0), root / "ann" / "X01.json")
    save_answer(partial_answer(key, 0.5), root / "ben" / "week1" / "X01.json")
    (root / "cat").mkdir()
    (root / "cat" / "X01.json").write_text('{"schema": 1, "score": 1.0}')
    cohort = grade_all(collect(root), jobs=1, bank=tmp_path / "bank", progress=False)
    by = {g.submission.learner: g for g in cohort.graded}
    assert by["ann"].score == 1.0 and by["ann"].ref is not None
    assert by["ann"].ref.label == "X01 seed 7"
    assert 0 < by["ben"].score < 1
    assert by["cat"].score == 0.0 and "never carries a result" in by["cat"].problem


def test_a_plain_folder_counts_a_missing_file_as_0_as_before(tmp_path: Path) -> None:
    from safeshare.report.tables import score_rows

    post, consent = _plain_key(tmp_path, 7), _plain_key(tmp_path, 3, "X02-consent.yaml")
    root = tmp_path / "answers"
    save_answer(partial_answer(post, 1.0), root / "ann" / "X01.json")
    save_answer(partial_answer(consent, 1.0), root / "ann" / "X02.json")
    save_answer(partial_answer(post, 1.0), root / "ben" / "X01.json")
    cohort = grade_all(collect(root), jobs=1, bank=tmp_path / "bank", progress=False)
    assert cohort.columns == ("X01", "X02") and cohort.missing == () and cohort.ignored == ()
    rows = {r.learner: r for r in score_rows(cohort)}
    assert rows["ann"].total == 100.0 and rows["ann"].missing == {}
    assert rows["ben"].total == 50.0 and rows["ben"].missing == {"X02": "no answer"}
    assert rows["ben"].scores == {"X01": 1.0, "X02": 0.0}


def test_an_empty_or_missing_folder(tmp_path: Path) -> None:
    assert collect(tmp_path).submissions == ()
    with pytest.raises(UsageError, match="no such folder"):
        collect(tmp_path / "nope")


def test_a_release_that_differs_from_a_fresh_render_is_reported(
    tmp_path: Path, secret: CourseSecret
) -> None:
    course = submitted_course(tmp_path / "course", secret, {"alice": 1.0})
    assert grade_all(collect(course.root), jobs=1, progress=False).warnings == ()
    from safeshare.assignments.variants import learner_variant

    index = learner_variant("alice", assignment="demo", item="q1", pool=2)
    case_json = course.release / "demo" / "cases" / "q1" / f"v{index}" / "case.json"
    view = json.loads(case_json.read_text())
    view["title"] = "drawn by another version"
    case_json.write_text(json.dumps(view))
    warnings = grade_all(collect(course.root), jobs=1, progress=False).warnings
    assert len(warnings) == 1 and f"q1/v{index}" in warnings[0]


def test_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    from safeshare.report.tables import write_csvs

    key = _plain_key(tmp_path, 7)
    root = tmp_path / "answers"
    save_answer(partial_answer(key, 1.0), root / "=HYPERLINK(1)" / "X01.json")
    cohort = grade_all(collect(root), jobs=1, bank=tmp_path / "bank", progress=False)
    scores = write_csvs(cohort, tmp_path / "out")["scores"].read_text()
    assert "\n'=HYPERLINK(1)," in scores
