"""Reading every learner's folder while they work: never blocking them, never trusting half a file.

The course keeps each learner's work under `learners/<code>/` in the data
folder: `progress.json` and `answers/<module>/<case>.json` (safeshare.course).
The dashboard only reads: it takes no lock (a learner saving is never made to
wait), skips the temporary files of an atomic write, and treats a file it
cannot parse as one being written: it reads it once more, and if it is still
not whole it keeps the last complete version it saw of that file and says so.
A folder it may not read (another account's, without the facilitators' group)
is reported with what to do, and the rest is read as usual.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from safeshare.course.learner import learners_dir
from safeshare.course.progress import PROGRESS_FILE, Progress, read_progress
from safeshare.errors import SafeshareError
from safeshare.grade.answer import Answer, load_answer

__all__ = ["AnswerRecord", "FolderReader", "LearnerState", "Problem", "Snapshot"]

T = TypeVar("T")
RETRY_DELAY = 0.05
"""Seconds to wait before reading a file that did not parse a second time."""


@dataclass(frozen=True, slots=True, kw_only=True)
class AnswerRecord:
    """One answers file of one learner, read whole."""

    learner: str
    """The learner's folder code."""
    module: str
    path: Path
    answer: Answer
    stamp: tuple[int, int]
    """(modification time in ns, size) of the version read: a cache key for grading."""


@dataclass(frozen=True, slots=True, kw_only=True)
class LearnerState:
    """What one learner's folder held at the last reading."""

    code: str
    name: str
    """The name the learner typed (from their progress file), or their code."""
    progress: Progress | None
    answers: tuple[AnswerRecord, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    """Something the dashboard could not read, and what to do about it."""

    learner: str
    path: Path
    message: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Snapshot:
    """Every learner's folder as read at one moment."""

    learners: tuple[LearnerState, ...]
    problems: tuple[Problem, ...]
    seconds: float
    """How long the reading took."""


@dataclass(slots=True)
class _Kept:
    stamp: tuple[int, int]
    value: object


@dataclass
class FolderReader:
    """Reads the learners' folders under a data folder, remembering the last whole version."""

    root: Path
    """The course's data folder (holding learners/), as $SAFESHARE_DATA names it."""
    retry_delay: float = RETRY_DELAY
    _kept: dict[Path, _Kept] = field(default_factory=dict)

    def read(self) -> Snapshot:
        """Read every learner folder now."""
        started = time.perf_counter()
        problems: list[Problem] = []
        learners: list[LearnerState] = []
        base = learners_dir(self.root)
        try:
            entries = sorted(os.scandir(base), key=lambda e: e.name)
        except FileNotFoundError:
            entries = []
        except PermissionError:
            entries = []
            problems.append(
                Problem(
                    learner="",
                    path=base,
                    message="cannot list the learners' folders: permission denied. On a hub, "
                    "add your account to the facilitators' group and log in again",
                )
            )
        for entry in entries:
            if entry.name.startswith(".") or not entry.is_dir(follow_symlinks=False):
                continue
            state = self._learner(Path(entry.path), problems)
            if state is not None:
                learners.append(state)
        return Snapshot(
            learners=tuple(learners),
            problems=tuple(problems),
            seconds=time.perf_counter() - started,
        )

    def _learner(self, folder: Path, problems: list[Problem]) -> LearnerState | None:
        code = folder.name
        try:
            names = os.listdir(folder)
        except OSError as exc:
            problems.append(
                Problem(
                    learner=code,
                    path=folder,
                    message=f"cannot read this learner's folder ({exc.strerror}); on a hub, "
                    "check it belongs to the facilitators' group (mode 2750); the other "
                    "learners are shown",
                )
            )
            return None
        progress = None
        if PROGRESS_FILE in names:
            progress = self._file(folder / PROGRESS_FILE, code, read_progress, problems)
        answers: list[AnswerRecord] = []
        for path in _answer_files(folder / "answers", code, problems):
            answer = self._file(path, code, load_answer, problems)
            kept = self._kept.get(path)
            if answer is not None and kept is not None:
                answers.append(
                    AnswerRecord(
                        learner=code,
                        module=path.parent.name,
                        path=path,
                        answer=answer,
                        stamp=kept.stamp,
                    )
                )
        name = progress.learner.name if progress is not None and progress.learner.name else code
        return LearnerState(code=code, name=name, progress=progress, answers=tuple(answers))

    def _file(
        self,
        path: Path,
        learner: str,
        reader: Callable[[Path], T],
        problems: list[Problem],
    ) -> T | None:
        """The file read whole: read again once if it did not parse, else the last whole one."""
        kept = self._kept.get(path)
        error = ""
        for attempt in range(2):
            try:
                stat = path.stat()
            except OSError as exc:
                error = f"cannot read ({exc.strerror})"
                break
            stamp = (stat.st_mtime_ns, stat.st_size)
            if kept is not None and kept.stamp == stamp:
                return kept.value  # type: ignore[return-value]
            try:
                value = reader(path)
            except SafeshareError as exc:
                error = exc.problem
                if attempt == 0:
                    time.sleep(self.retry_delay)
                continue
            self._kept[path] = _Kept(stamp, value)
            return value
        if kept is not None:
            problems.append(
                Problem(
                    learner=learner,
                    path=path,
                    message=f"not whole just now ({error}); the last complete version is shown",
                )
            )
            return kept.value  # type: ignore[return-value]
        problems.append(
            Problem(
                learner=learner,
                path=path,
                message=f"not counted yet: {error}. A file being saved is whole at the next "
                "refresh; one that stays like this is damaged (the course sets it aside)",
            )
        )
        return None


def _answer_files(folder: Path, learner: str, problems: list[Problem]) -> list[Path]:
    """answers/<module>/<case>.json, skipping an atomic write's hidden temporary files."""
    found: list[Path] = []
    try:
        modules = sorted(os.scandir(folder), key=lambda e: e.name)
    except FileNotFoundError:
        return found
    except OSError as exc:
        problems.append(Problem(learner=learner, path=folder, message=f"cannot read ({exc})"))
        return found
    for module in modules:
        if module.name.startswith(".") or not module.is_dir(follow_symlinks=False):
            continue
        try:
            files = sorted(os.scandir(module.path), key=lambda e: e.name)
        except OSError as exc:
            problems.append(
                Problem(learner=learner, path=Path(module.path), message=f"cannot read ({exc})")
            )
            continue
        found += [
            Path(f.path)
            for f in files
            if f.name.endswith(".json")
            and not f.name.startswith(".")
            and f.is_file(follow_symlinks=False)
        ]
    return found
