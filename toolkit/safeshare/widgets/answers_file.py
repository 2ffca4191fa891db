"""Where an exercise's answers file lives, and how it is read back.

The rule: `answers/<name>.json` under the folder the notebook runs in (the
kernel's working directory), one file per exercise, named by the exercise
(the case id unless a name is given). A file survives a kernel restart,
nbgrader's submit/collect/autograde and a reopened notebook; widget state
does not. Writing goes through the grade package's save_answer, the one
writer, atomically.

An answer records who answered ($JUPYTERHUB_USER on a hub). An id the answer
format cannot hold (only spaces, more than one line, too long) never costs the
learner their work: the answer is saved without it (it is graded by the folder
it is submitted from) and the learner is told what a learner id may be.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from safeshare.atomic import write_json_atomic
from safeshare.errors import AnswerError
from safeshare.grade.answer import MAX_ID_CHARS, Answer, load_answer
from safeshare.model.view import CaseView

__all__ = [
    "ANSWERS_FOLDER",
    "LEARNER_ENV",
    "RecordedLearner",
    "answers_path",
    "check_learner_id",
    "check_name",
    "display_path",
    "note_checked",
    "recorded_learner",
    "restore_answer",
    "was_checked",
]

ANSWERS_FOLDER = "answers"
"""The folder, under the working directory, that holds the answers files."""

LEARNER_ENV = "JUPYTERHUB_USER"
"""Names the learner on a hub; an answer records it."""

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")
_LINE_BREAKS = ("\n", "\r", "\t", "\x00")


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


@dataclass(frozen=True, slots=True)
class RecordedLearner:
    """Who an answer says answered, and, when the id cannot be recorded, why."""

    id: str | None
    """The learner id to record, or None (none set, or one an answer cannot hold)."""
    problem: str = ""
    """Empty, or what is wrong with the id and how to fix it (the AnswerError's message)."""


def _shown(value: str) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def check_learner_id(learner: str, *, source: str = f"${LEARNER_ENV}") -> str:
    """A learner id an answer can record; AnswerError says what one may be and how to fix it."""
    problem = ""
    if not learner.strip():
        problem = "is empty or only spaces"
    elif any(ch in learner for ch in _LINE_BREAKS):
        problem = "holds a line break, tab or NUL"
    elif len(learner) > MAX_ID_CHARS:
        problem = f"is {len(learner)} characters long"
    if problem:
        raise AnswerError(
            f"the learner id {_shown(learner)} {problem}: a learner id is one line of 1 to "
            f"{MAX_ID_CHARS} characters, not only spaces. Set {LEARNER_ENV} to your hub user "
            "name before starting Jupyter (on a hub your administrator sets it)",
            source=source,
        )
    return learner


def recorded_learner(environ: Mapping[str, str] | None = None) -> RecordedLearner:
    """The learner id to record in an answer, from $JUPYTERHUB_USER (None when it is not set).

    An id an answer cannot hold is left out rather than refusing to save:
    `problem` then says why, for the widget to show beside "Saved".
    """
    value = (os.environ if environ is None else environ).get(LEARNER_ENV, "")
    if not value:
        return RecordedLearner(None)
    try:
        return RecordedLearner(check_learner_id(value))
    except AnswerError as exc:
        return RecordedLearner(None, str(exc))


def _checked_path(path: Path) -> Path:
    """`.<name>.checked.json` beside the answers file: which answer was last checked."""
    return path.with_name(f".{path.stem}.checked.json")


def _digest(answer: Answer) -> str:
    """What was answered (marks, gaps, decision), not who or when."""
    data = {
        "findings": [f.to_dict() for f in answer.findings],
        "consent_gaps": sorted(answer.consent_gaps),
        "decision": answer.decision,
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode("utf-8")).hexdigest()


def note_checked(path: Path, answer: Answer) -> None:
    """Remember that this answer was checked, so a reopened page shows its feedback again."""
    write_json_atomic(_checked_path(path), {"checked": _digest(answer)})


def was_checked(path: Path, answer: Answer) -> bool:
    """True when the last Check was of this very answer (unchanged since)."""
    try:
        data = json.loads(_checked_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("checked") == _digest(answer)
