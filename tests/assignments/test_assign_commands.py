"""`safeshare assign ...`, run through the CLI layer (its own parser until main registers it)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from safeshare.assignments.secret import SECRET_ENV, CourseSecret
from safeshare.assignments.variants import learner_variant
from safeshare.cli.assign_commands import add_assign_commands
from safeshare.cli.parser import Parser
from safeshare.errors import SafeshareError
from tests.assignments.course import make_course


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
