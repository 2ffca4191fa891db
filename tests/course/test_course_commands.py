"""`safeshare certificate` and `safeshare course serve` from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

import safeshare.cli.main as cli_main
from safeshare.cli.course_commands import add_course_commands
from safeshare.cli.parser import Parser
from safeshare.course.learner import Learner
from safeshare.course.progress import ProgressStore


@pytest.fixture
def main(monkeypatch: pytest.MonkeyPatch) -> object:
    """safeshare's main(), with the course commands registered if the lead has not yet."""
    original = cli_main.build_parser

    def build() -> Parser:
        parser = original()
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        if "certificate" not in sub.choices:
            add_course_commands(sub)
        return parser

    monkeypatch.setattr(cli_main, "build_parser", build)
    return cli_main.main


def test_certificate_without_progress_is_one_line_and_exit_2(
    main: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "certificate",
            "--name",
            "Nobody",
            "--out",
            str(tmp_path / "c.pdf"),  # type: ignore[operator]
            "--progress-dir",
            str(tmp_path),
        ]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "no progress yet for 'Nobody'" in err
    assert not (tmp_path / "c.pdf").exists()


def test_certificate_writes_the_pdf(
    main: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    learner = Learner.from_name("Anna Smith")
    store = ProgressStore(tmp_path / "learners" / learner.code, learner)
    store.record("00", "open")
    store.save_reflection("00", "Crop first, then check the file.")
    out = tmp_path / "pdfs" / "anna.pdf"
    code = main(
        [
            "certificate",
            "--name",
            "Anna Smith",
            "--out",
            str(out),  # type: ignore[operator]
            "--progress-dir",
            str(tmp_path),
        ]
    )
    assert code == 0 and out.read_bytes().startswith(b"%PDF")
    assert capsys.readouterr().out.strip() == str(out)


def test_certificate_needs_name_and_out(main: object, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["certificate", "--name", "x"]) == 2  # type: ignore[operator]
    assert "--out" in capsys.readouterr().err


def test_course_serve_runs_voila_with_the_options(
    main: object, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: dict[str, object] = {}

    def fake_serve(**kwargs: object) -> int:
        seen.update(kwargs)
        return 0

    monkeypatch.setattr("safeshare.course.serve.serve", fake_serve)
    assert (
        main(
            [
                "course",
                "serve",
                "--host",
                "0.0.0.0",
                "--port",
                "9000",
                "--token",  # type: ignore[operator]
                "--no-prepare",
                "--cull-after",
                "30",
                "--pool-size",
                "0",
                "--no-fork",
            ]
        )
        == 0
    )
    assert seen == {
        "host": "0.0.0.0",
        "port": 9000,
        "folder": None,
        "token": True,
        "cull_after": 30,
        "pool_size": 0,
        "prepare": False,
        "fork_kernels": False,
    }


def test_course_needs_a_subcommand(main: object, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["course"]) == 2  # type: ignore[operator]


def test_add_course_commands_is_importable_for_the_lead() -> None:
    parser = Parser(prog="safeshare")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    add_course_commands(sub)
    args = parser.parse_args(["course", "serve"])
    assert args.host == "127.0.0.1" and args.port == 8866 and callable(args.run)
    args = parser.parse_args(["certificate", "--name", "a", "--out", "x.pdf"])
    assert args.progress_dir is None and args.out == Path("x.pdf")
