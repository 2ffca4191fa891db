"""The facilitator's 'check a colleague's post' exercise: its commands run as written."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from safeshare.cli.main import main

GUIDE = Path(__file__).resolve().parents[2] / "course" / "FACILITATOR.md"


def exercise_commands() -> list[str]:
    """The indented `safeshare ...` lines of the exercise's section, in order."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split("## Exercise: check a colleague's post", 1)[1].split("\n## ", 1)[0]
    return [
        line.strip()
        for line in section.splitlines()
        if line.startswith("    ") and line.strip().startswith("safeshare ")
    ]


def test_the_exercise_names_render_check_deidentify_and_key() -> None:
    verbs = [shlex.split(c)[1] for c in exercise_commands()]
    assert verbs == ["cases", "check", "deidentify"]
    assert "safeshare cases key P04 --seed 7" in GUIDE.read_text(encoding="utf-8")


def test_the_exercise_commands_run_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for command in exercise_commands():
        argv, _, redirect = command.partition(" > ")
        assert main(shlex.split(argv)[1:]) == 0, command
        out = capsys.readouterr().out
        if redirect:
            Path(redirect.strip()).write_text(out, encoding="utf-8")
    report = (tmp_path / "check-report.txt").read_text(encoding="utf-8")
    # The report ranks what the colleague's photo and post give away, and says what it cannot see.
    assert "1. Patient name or initials" in report
    assert "GPS position in the photo" in report and "Author's profile" in report
    assert "jewellery" in report
    clean = tmp_path / "colleague" / "P04" / "photo-clean.png"
    assert clean.is_file() and (tmp_path / "colleague" / "P04" / "photo.jpg").is_file()
    assert main(["cases", "key", "P04", "--seed", "7"]) == 0
    assert "distinctive_mark" in capsys.readouterr().out
