"""Where the answers file lives, and which names can name one."""

from __future__ import annotations

from pathlib import Path

import pytest

from safeshare.widgets.answers_file import answers_path, check_name, display_path


def test_default_is_answers_under_the_working_folder(workdir: Path) -> None:
    assert answers_path("E01") == workdir / "answers" / "E01.json"
    assert display_path(answers_path("E01")) == "answers/E01.json"


def test_a_folder_can_be_given(tmp_path: Path) -> None:
    assert answers_path("q1", tmp_path / "out") == tmp_path / "out" / "q1.json"
    assert display_path(tmp_path / "elsewhere.json") == "elsewhere.json"


@pytest.mark.parametrize("name", ["E01", "E01-practice", "week_2.case-3", "R4"])
def test_good_names(name: str) -> None:
    assert check_name(name) == name


@pytest.mark.parametrize("name", ["", "../x", "a/b", ".hidden", "a..b", "x" * 81, "sp ace"])
def test_bad_names_are_refused(name: str) -> None:
    with pytest.raises(ValueError, match="cannot name a file"):
        check_name(name)
