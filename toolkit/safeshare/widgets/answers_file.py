"""Where an exercise's answers file lives, and how it is read back.

The rule: `answers/<name>.json` under the folder the notebook runs in (the
kernel's working directory), one file per exercise, named by the exercise
(the case id unless a name is given). A file survives a kernel restart,
nbgrader's submit/collect/autograde and a reopened notebook; widget state
does not. Writing goes through the grade package's save_answer, the one
writer, atomically.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from safeshare.cases.view import CaseView
from safeshare.errors import AnswerError
from safeshare.grade.answer import Answer, load_answer

__all__ = [
    "ANSWERS_FOLDER",
    "answers_path",
    "check_name",
    "display_path",
    "restore_answer",
]

ANSWERS_FOLDER = "answers"
"""The folder, under the working directory, that holds the answers files."""

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")


def check_name(name: str) -> str:
    """An exercise name usable as a file name; ValueError says what is allowed."""
    if not isinstance(name, str) or not _NAME.match(name) or ".." in name:
        raise ValueError(
            f"exercise name {name!r} cannot name a file: use letters, digits, '-', '_' or '.' "
            "(up to 80, starting with a letter or digit), e.g. name='E01-practice'"
        )
    return name


def answers_path(name: str, answers_dir: str | Path | None = None) -> Path:
    """`<answers_dir>/<name>.json`; answers_dir defaults to ./answers of the working directory."""
    folder = Path(answers_dir) if answers_dir is not None else Path.cwd() / ANSWERS_FOLDER
    return folder.absolute() / f"{check_name(name)}.json"


def display_path(path: Path) -> str:
    """The path as a learner reads it: relative to the working directory when inside it.

    Elsewhere (the course keeps answers in each learner's own data folder) only
    the file's name is shown: a long technical path means nothing to a learner.
    """
    try:
        return os.path.relpath(path, Path.cwd()) if path.is_relative_to(Path.cwd()) else path.name
    except ValueError:
        return path.name


def restore_answer(path: Path, view: CaseView) -> Answer | None:
    """The saved answer for this case and variant, or None when there is no file yet.

    A file for another case or variant is refused (never overwritten silently):
    the message says how to keep both.
    """
    if not path.exists():
        return None
    answer = load_answer(path)
    if answer.case_id != view.case_id or answer.seed != view.seed:
        raise AnswerError(
            f"this file holds an answer to case {answer.case_id} (seed {answer.seed}), not "
            f"{view.case_id} (seed {view.seed}); give this exercise another name "
            f"(name='{view.case_id}-{view.seed}') or move the file away",
            source=path,
        )
    return answer
