"""Everyone who submitted is counted, on every item of the assignment's definition.

A course with five learners as a real cohort has them: one perfect, one
partial, one who handed in the notebook and no answers at all, one perfect
with a stray answers/q9.json, and one who answered only q5. The report must
list all five with the totals nbgrader's gradebook gives, ignore the stray
file (with a warning naming it), and agree with the gradebook learner by learner.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from safeshare.assignments.definition import AssignmentDef, answers_file
from safeshare.assignments.nbgrader_course import load_course
from safeshare.assignments.scaffold import NewItem
from safeshare.assignments.secret import CourseSecret
from safeshare.grade import save_answer
from safeshare.report import Report, collect, grade_all, make_report
from safeshare.report.gradebook import disagreements
from safeshare.report.tables import score_rows, score_stats
from tests.report.cohort import hand_in, learners_key, partial_answer, released_course
from tests.report.gradebook_db import autograde_points, gradebook_mean, write_gradebook

ITEMS = (NewItem("q1", "X03", 4.0), NewItem("q2", "X01", 2.0), NewItem("q5", "X02", 4.0))
SHARES = {"perfect": 1.0, "partial": 0.5, "blank": 0.0, "stray": 1.0}
"""Each learner's share of every item (0: the notebook handed in, no answers file)."""


@pytest.fixture(scope="module")
def cohort_report(
    tmp_path_factory: pytest.TempPathFactory, module_secret: CourseSecret
) -> tuple[Path, AssignmentDef, Report, dict[str, dict[str, float]]]:
    tmp_path = tmp_path_factory.mktemp("everyone")
    course, definition = released_course(tmp_path / "course", module_secret, ITEMS)
    for learner, share in SHARES.items():
        folder = hand_in(course, learner)
        for item in definition.items:
            if share > 0:
                key = learners_key(course, definition, learner, item.id, module_secret)
                save_answer(
                    partial_answer(key, share, learner=learner), folder / f"answers/{item.id}.json"
                )
    stray = course.submitted / "stray" / "demo" / "answers"
    shutil.copy(stray / "q1.json", stray / "q9.json")
    only = hand_in(course, "only_q5")
    key = learners_key(course, definition, "only_q5", "q5", module_secret)
    save_answer(partial_answer(key, 1.0, learner="only_q5"), only / answers_file("q5"))
    points = {
        learner: autograde_points(course, definition, learner, module_secret)
        for learner in (*SHARES, "only_q5")
    }
    write_gradebook(course, definition, points)
    report = make_report(course.root, out=tmp_path / "report", jobs=1, progress=False)
    return course.root, definition, report, points


def _rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return {row["learner"]: row for row in csv.DictReader(handle)}


def test_every_learner_who_submitted_is_listed_with_every_item(
    cohort_report: tuple[Path, AssignmentDef, Report, dict[str, dict[str, float]]],
) -> None:
    _, _, report, points = cohort_report
    rows = _rows(report.csvs["scores"])
    assert set(rows) == {"perfect", "partial", "blank", "stray", "only_q5"}
    assert report.cohort.columns == ("demo/q1", "demo/q2", "demo/q5")
    assert "demo/q9" not in next(iter(rows.values()))
    for learner, row in rows.items():
        expected = 100.0 * sum(points[learner].values()) / 10.0
        assert float(row["total_percent"]) == pytest.approx(expected, abs=0.05), learner
    assert rows["perfect"]["total_percent"] == rows["stray"]["total_percent"] == "100.0"
    assert rows["only_q5"]["total_percent"] == "40.0"  # q5 is 4 of 10 points, not 100%
    assert 0.0 < float(rows["partial"]["total_percent"]) < 100.0
    blank = rows["blank"]
    assert [blank[c] for c in report.cohort.columns] == ["0.000", "0.000", "0.000"]
    assert blank["total_percent"] == "0.0" and blank["problems"] == "0"


def test_a_missing_answer_is_0_and_says_so(
    cohort_report: tuple[Path, AssignmentDef, Report, dict[str, dict[str, float]]],
) -> None:
    _, _, report, _ = cohort_report
    rows = _rows(report.csvs["scores"])
    assert rows["blank"]["missing"] == (
        "demo/q1: no answer; demo/q2: no answer; demo/q5: no answer"
    )
    assert rows["only_q5"]["missing"] == "demo/q1: no answer; demo/q2: no answer"
    assert rows["perfect"]["missing"] == "" and rows["partial"]["missing"] == ""
    page = report.html.read_text(encoding="utf-8")
    assert page.count("<span class='why'>no answer</span>") == 5
    missing = {(g.submission.learner, g.submission.item) for g in report.cohort.missing}
    assert missing == {
        ("blank", "q1"),
        ("blank", "q2"),
        ("blank", "q5"),
        ("only_q5", "q1"),
        ("only_q5", "q2"),
    }


def test_the_stray_file_is_warned_about_and_ignored(
    cohort_report: tuple[Path, AssignmentDef, Report, dict[str, dict[str, float]]],
) -> None:
    root, _, report, _ = cohort_report
    stray = root / "submitted" / "stray" / "demo" / "answers" / "q9.json"
    assert [i.path for i in report.cohort.ignored] == [stray]
    assert report.cohort.warnings == (
        f"ignored {stray}: assignment demo has no item q9 (items: q1, q2, q5)",
    )
    assert all(g.submission.item != "q9" for g in report.cohort.entries)
    problems = report.csvs["problems"].read_text(encoding="utf-8")
    assert str(stray) in problems and "no item q9" in problems
    page = report.html.read_text(encoding="utf-8")
    assert "1 file(s) or folder(s) ignored" in page and "q9.json" in page


def test_the_cohort_mean_is_the_gradebooks(
    cohort_report: tuple[Path, AssignmentDef, Report, dict[str, dict[str, float]]],
) -> None:
    root, definition, report, _ = cohort_report
    stats = score_stats(score_rows(report.cohort))
    assert stats["learners"] == 5
    # nbgrader stores points rounded to 4 places: the means agree to a hundredth of a percent
    assert stats["mean"] == pytest.approx(gradebook_mean(load_course(root), definition), abs=0.01)
    # the old report dropped the blank learner and the missing items: far higher
    answered = [r.total for r in score_rows(report.cohort) if r.learner != "blank"]
    assert stats["mean"] < sum(answered) / len(answered)


def test_learners_with_no_answers_agree_with_nbgrader(
    cohort_report: tuple[Path, AssignmentDef, Report, dict[str, dict[str, float]]],
    tmp_path: Path,
) -> None:
    root, definition, report, points = cohort_report
    assert report.disagreements == ()
    # the check still notices: a gradebook that gave the blank learner marks
    copy = tmp_path / "course"
    shutil.copytree(root, copy)
    changed = {learner: dict(mine) for learner, mine in points.items()}
    changed["blank"]["q1"] = 4.0
    (copy / "gradebook.db").unlink()
    course = load_course(copy)
    write_gradebook(course, definition, changed)
    found = disagreements(grade_all(collect(copy), jobs=1, progress=False))
    assert [(d.learner, d.item, d.nbgrader, d.report) for d in found] == [
        ("blank", "demo/q1", 4.0, 0.0)
    ]


def test_a_cohort_that_answered_one_item_reads_that_items_share(
    tmp_path: Path, secret: CourseSecret
) -> None:
    course, definition = released_course(tmp_path / "course", secret, ITEMS)
    for learner in ("ann", "ben"):
        folder = hand_in(course, learner)
        key = learners_key(course, definition, learner, "q5", secret)
        save_answer(partial_answer(key, 1.0, learner=learner), folder / answers_file("q5"))
    cohort = grade_all(collect(course.root), jobs=1, progress=False)
    rows = score_rows(cohort)
    assert [r.total for r in rows] == [40.0, 40.0]
    assert cohort.columns == ("demo/q1", "demo/q2", "demo/q5")


def test_a_submission_of_an_assignment_with_no_definition_is_set_aside(
    tmp_path: Path, secret: CourseSecret
) -> None:
    course, _ = released_course(tmp_path / "course", secret, ITEMS)
    hand_in(course, "ann")
    hand_in(course, "ann", assignment="essay")  # an nbgrader assignment the report does not grade
    cohort = grade_all(collect(course.root), jobs=1, progress=False)
    assert cohort.learners == ("ann",)
    assert cohort.columns == ("demo/q1", "demo/q2", "demo/q5")
    assert len(cohort.ignored) == 1 and "assignment essay is not graded" in cohort.ignored[0].why
    assert "1 submission(s) are left out" in cohort.warnings[0]
