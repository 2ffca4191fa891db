"""`safeshare assign ...`, run through the CLI layer (its own parser until main registers it)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from safeshare.assignments.scaffold import NewItem
from safeshare.assignments.secret import SECRET_ENV, CourseSecret
from safeshare.assignments.variants import learner_variant
from safeshare.cli.assign_commands import add_assign_commands
from safeshare.cli.parser import Parser
from safeshare.errors import SafeshareError
from tests.assignments.nbgrader_course import make_course


def run(argv: Sequence[str]) -> int:
    parser = Parser(prog="safeshare")
    add_assign_commands(parser.add_subparsers(dest="command", required=True, parser_class=Parser))
    args = parser.parse_args(list(argv))
    code: int = args.run(args)
    return code


def test_init_secret_reads_the_course_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    course = make_course(tmp_path / "course")
    monkeypatch.setenv(SECRET_ENV, str(tmp_path / "educator" / "s.secret"))
    assert run(["assign", "--course-root", str(course.root), "init-secret"]) == 0
    out = capsys.readouterr().out
    assert "'safeshare'" in out and str(tmp_path / "educator" / "s.secret") in out
    secret_text = (tmp_path / "educator" / "s.secret").read_text().strip()
    assert secret_text not in out
    with pytest.raises(SafeshareError, match="exists already"):
        run(["assign", "--course-root", str(course.root), "init-secret"])


def test_new_variant_key_release_and_check(
    tmp_path: Path, secret: CourseSecret, capsys: pytest.CaptureFixture[str]
) -> None:
    course = make_course(tmp_path / "course")
    root = ["assign", "--course-root", str(course.root)]
    bank = str(tmp_path / "course-bank")
    assert run([*root, "new", "extra", "--case", "X01", "--case", "X02", "--bank", bank]) == 0
    assert (course.source / "extra" / "extra.ipynb").is_file()
    capsys.readouterr()

    assert run([*root, "variant", "demo", "alice", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0] == {
        "item": "q1",
        "case": "X01",
        "variant": learner_variant("alice", assignment="demo", item="q1", pool=2),
    }

    assert run([*root, "key", "demo", "q2", "alice", "--json"]) == 0
    key = json.loads(capsys.readouterr().out)
    assert key["case_id"] == "X02" and key["seed"] == rows[1]["variant"]

    with pytest.raises(SafeshareError, match="no release yet"):
        run([*root, "release", "demo"])
    shutil.copytree(course.source / "demo", course.release / "demo")
    assert run([*root, "release", "demo", "--jobs", "1"]) == 0
    capsys.readouterr()
    assert run([*root, "check", "demo"]) == 0
    assert "demo: ok" in capsys.readouterr().out
    (course.release / "demo" / "cases" / "q1" / "v0" / "key.json").write_text("{}")
    assert run([*root, "check", "demo"]) == 1
    assert "a key in the release" in capsys.readouterr().out


def test_new_cohort_keeps_the_old_secret_and_says_how_to_grade_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    course = make_course(tmp_path / "course")
    root = ["assign", "--course-root", str(course.root)]
    secret_file = tmp_path / "educator" / "s.secret"
    monkeypatch.setenv(SECRET_ENV, str(secret_file))
    with pytest.raises(SafeshareError, match="init-secret"):
        run([*root, "new-cohort"])
    assert run([*root, "init-secret"]) == 0
    old = secret_file.read_text()
    capsys.readouterr()
    assert run([*root, "new-cohort"]) == 0
    out = capsys.readouterr().out
    backups = [p for p in secret_file.parent.iterdir() if p != secret_file]
    assert len(backups) == 1 and backups[0].read_text() == old
    assert secret_file.read_text() != old
    assert len(out.strip().splitlines()) == 1
    assert str(backups[0]) in out and f"{SECRET_ENV}={backups[0]}" in out
    assert "old cohort" in out
    assert old.strip() not in out and secret_file.read_text().strip() not in out


def test_answer_prints_a_model_answer_that_scores_full_marks(
    tmp_path: Path, secret: CourseSecret, capsys: pytest.CaptureFixture[str]
) -> None:
    from safeshare.assignments.definition import load_definition
    from safeshare.assignments.pool import learners_variant, variant_key
    from safeshare.grade import grade, load_answer

    course = make_course(tmp_path / "course", items=[NewItem("q1", "X03"), NewItem("q2", "X02")])
    root = ["assign", "--course-root", str(course.root)]
    definition = load_definition(course.source / "demo")
    for item in definition.items:
        capsys.readouterr()
        assert run([*root, "answer", "demo", item.id, "alice"]) == 0
        printed = tmp_path / f"{item.id}.json"
        printed.write_text(capsys.readouterr().out)
        answer = load_answer(printed)
        variant = learners_variant(definition, item, "alice", secret, course_root=course.root)
        key = variant_key(variant)
        assert (answer.case_id, answer.seed, answer.learner) == (item.case, variant.index, "alice")
        assert answer.findings or answer.consent_gaps
        assert grade(key, answer).score == 1.0
    # Written where the widget keeps it, it is a learner's answers file like any other.
    out = tmp_path / "try" / "answers" / "q1.json"
    assert run([*root, "answer", "demo", "q1", "bob", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    bob = learners_variant(definition, definition.items[0], "bob", secret, course_root=course.root)
    assert grade(variant_key(bob), load_answer(out)).score == 1.0
    with pytest.raises(SafeshareError, match="no item 'q9'"):
        run([*root, "answer", "demo", "q9", "alice"])


def test_new_assignments_get_a_pool_of_eight(tmp_path: Path) -> None:
    from safeshare.assignments.definition import load_definition

    course = make_course(tmp_path / "course")
    bank = str(tmp_path / "course-bank")
    root = ["assign", "--course-root", str(course.root)]
    assert run([*root, "new", "wide", "--case", "X01", "--bank", bank]) == 0
    assert load_definition(course.source / "wide").pool == 8
