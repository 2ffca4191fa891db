"""Per-learner progress and reflections, kept in one JSON file written atomically.

The file is `progress.json` in the learner's own folder. Every change is a
read-modify-write under a lock (two tabs of the same learner run in two
kernels), and the new file replaces the old in one rename, so an interrupted
write never leaves half a file. Times are stored in UTC, ISO 8601.

Time spent is active time, summed from the moments the learner did something
(checked an exercise, answered a question, saved a reflection, started or
finished the capstone): the gap before each such moment counts, up to
IDLE_CAP, so a page left open over lunch adds ten minutes, not an hour.
Opening or reloading a page is not activity: the gap before an "open" counts
nothing, so short visits, reloads and links between modules add no time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from safeshare.atomic import write_text_atomic
from safeshare.course.learner import Learner
from safeshare.errors import ProgressError

__all__ = [
    "IDLE_CAP",
    "PROGRESS_FILE",
    "Event",
    "ExerciseScore",
    "ModuleRecord",
    "Progress",
    "ProgressStore",
    "QuizAnswer",
    "active_seconds",
    "parse_time",
    "read_progress",
    "utc_now",
]

SCHEMA = 1
PROGRESS_FILE = "progress.json"
IDLE_CAP = dt.timedelta(minutes=10)
"""The most one gap before an interaction adds to the time spent."""

EVENT_KINDS = ("open", "exercise", "quiz", "reflection", "capstone_start", "capstone_finish")
VISIT = "open"
"""The event kind that starts a visit; the gap before it is not counted as time spent."""


def utc_now() -> dt.datetime:
    """The current time in UTC (the default clock)."""
    return dt.datetime.now(dt.UTC)


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def parse_time(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def active_seconds(events: Iterable[Event], *, cap: dt.timedelta = IDLE_CAP) -> int:
    """Seconds of activity: the gap before each interaction, capped; visits add nothing.

    Events are taken in time order; the gap that ends in an interaction counts
    up to `cap`, and the gap that ends in an "open" (a page opened, reloaded or
    reached by a link) counts nothing, since nothing shows the learner was
    working before it.
    """
    ordered = sorted((parse_time(e.at), e.kind) for e in events)
    total = dt.timedelta()
    for (earlier, _), (later, kind) in itertools.pairwise(ordered):
        if kind != VISIT:
            total += min(later - earlier, cap)
    return int(total.total_seconds())


@dataclass(slots=True)
class Event:
    """One moment the learner did something in a module."""

    kind: str
    """open, exercise, quiz, reflection, capstone_start or capstone_finish."""
    at: str
    """When, ISO 8601 in UTC."""
    detail: str = ""
    """What: a case id, a question id."""

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "at": self.at, "detail": self.detail}


@dataclass(slots=True)
class ExerciseScore:
    """The learner's score on one exercise: latest, best and how many checks."""

    latest: float
    best: float
    attempts: int
    at: str

    def to_dict(self) -> dict[str, Any]:
        return {"latest": self.latest, "best": self.best, "attempts": self.attempts, "at": self.at}


@dataclass(slots=True)
class QuizAnswer:
    """One self-check question: right the first time, right now, and tries."""

    first_correct: bool
    correct: bool
    attempts: int
    choice: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "first_correct": self.first_correct,
            "correct": self.correct,
            "attempts": self.attempts,
            "choice": self.choice,
        }


@dataclass(slots=True)
class ModuleRecord:
    """What the learner has done in one module."""

    module: str
    events: list[Event] = field(default_factory=list)
    exercises: dict[str, ExerciseScore] = field(default_factory=dict)
    quiz: dict[str, QuizAnswer] = field(default_factory=dict)
    reflection: str = ""
    reflection_at: str = ""
    completed_at: str = ""

    def seconds_spent(self) -> int:
        """Active time in this module (see active_seconds)."""
        return active_seconds(self.events)

    def exercise_score(self) -> float | None:
        """Mean best score over the exercises checked, or None when none was."""
        if not self.exercises:
            return None
        return sum(s.best for s in self.exercises.values()) / len(self.exercises)

    def quiz_score(self) -> float | None:
        """Share of self-check questions right the first time, or None when none answered."""
        if not self.quiz:
            return None
        return sum(a.first_correct for a in self.quiz.values()) / len(self.quiz)

    def is_complete(self, *, cases: Iterable[str], questions: Iterable[str]) -> bool:
        """Every exercise checked, every question answered and a reflection saved."""
        return (
            all(c in self.exercises for c in cases)
            and all(q in self.quiz for q in questions)
            and bool(self.reflection.strip())
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "events": [e.to_dict() for e in self.events],
            "exercises": {k: v.to_dict() for k, v in sorted(self.exercises.items())},
            "quiz": {k: v.to_dict() for k, v in sorted(self.quiz.items())},
            "reflection": self.reflection,
            "reflection_at": self.reflection_at,
            "completed_at": self.completed_at,
        }

    @classmethod
    def from_dict(cls, module: str, data: dict[str, Any]) -> ModuleRecord:
        events = [
            Event(str(e["kind"]), str(e["at"]), str(e.get("detail", ""))) for e in data["events"]
        ]
        for event in events:
            if event.kind not in EVENT_KINDS:
                raise ValueError(f"unknown event kind {event.kind!r}")
            parse_time(event.at)
        exercises = {
            str(k): ExerciseScore(
                latest=_score(v["latest"]),
                best=_score(v["best"]),
                attempts=int(v["attempts"]),
                at=str(v["at"]),
            )
            for k, v in data.get("exercises", {}).items()
        }
        quiz = {
            str(k): QuizAnswer(
                first_correct=bool(v["first_correct"]),
                correct=bool(v["correct"]),
                attempts=int(v["attempts"]),
                choice=str(v.get("choice", "")),
            )
            for k, v in data.get("quiz", {}).items()
        }
        return cls(
            module=module,
            events=events,
            exercises=exercises,
            quiz=quiz,
            reflection=str(data.get("reflection", "")),
            reflection_at=str(data.get("reflection_at", "")),
            completed_at=str(data.get("completed_at", "")),
        )


def _score(value: Any) -> float:
    score = float(value)
    if not 0.0 <= score <= 1.0:
        raise ValueError(f"score {score} is outside 0..1")
    return score


@dataclass(slots=True)
class Progress:
    """Everything one learner has done in the course."""

    learner: Learner
    modules: dict[str, ModuleRecord] = field(default_factory=dict)
    started_at: str = ""

    def module(self, module_id: str) -> ModuleRecord:
        """The record of a module, created empty on first use."""
        return self.modules.setdefault(module_id, ModuleRecord(module_id))

    def seconds_spent(self) -> int:
        """Total active time: all modules' events merged, so two open tabs do not count twice."""
        return active_seconds(e for record in self.modules.values() for e in record.events)

    def is_empty(self) -> bool:
        return not any(r.events for r in self.modules.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "learner": {"name": self.learner.name, "code": self.learner.code},
            "started_at": self.started_at,
            "modules": {k: v.to_dict() for k, v in sorted(self.modules.items())},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Progress:
        if data.get("schema") != SCHEMA:
            raise ValueError(f"schema {data.get('schema')!r} is not {SCHEMA}")
        learner = Learner(name=str(data["learner"]["name"]), code=str(data["learner"]["code"]))
        modules = {
            str(k): ModuleRecord.from_dict(str(k), v) for k, v in data.get("modules", {}).items()
        }
        return cls(learner=learner, modules=modules, started_at=str(data.get("started_at", "")))


def _kept_name(current: Learner, saved: Learner) -> Learner:
    """The learner to save: the name they typed survives a visit that knew only their code."""
    if saved.name and saved.code == current.code and (current.only_code or not current.name):
        return Learner(name=saved.name, code=current.code)
    return Learner(name=current.name or saved.name, code=current.code)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on the learner's folder (a no-op where fcntl does not exist)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with open(folder / ".progress.lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class ProgressStore:
    """Reads and changes one learner's progress file."""

    def __init__(
        self,
        folder: Path,
        learner: Learner,
        *,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self.folder = folder
        self.learner = learner
        self.clock = clock

    @property
    def path(self) -> Path:
        return self.folder / PROGRESS_FILE

    def load(self) -> Progress:
        """The learner's progress; empty when nothing was saved yet."""
        if not self.path.exists():
            return Progress(learner=self.learner)
        return read_progress(self.path)

    def set_aside(self) -> Path:
        """Rename a damaged progress file out of the way (kept for the facilitator)."""
        stamp = self.clock().astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S")
        kept = self.path.with_name(f"{PROGRESS_FILE}.damaged-{stamp}")
        os.replace(self.path, kept)
        return kept

    def update(self, change: Callable[[Progress, str], None]) -> Progress:
        """Apply `change(progress, now)` under the lock and save atomically."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with _locked(self.folder):
            progress = self.load()
            progress.learner = _kept_name(self.learner, progress.learner)
            now = _iso(self.clock())
            progress.started_at = progress.started_at or now
            change(progress, now)
            text = json.dumps(progress.to_dict(), indent=2, ensure_ascii=False) + "\n"
            write_text_atomic(self.path, text)
            return progress

    def record(self, module: str, kind: str, detail: str = "") -> Progress:
        """Record a moment (opening a module, starting the capstone...)."""
        if kind not in EVENT_KINDS:
            raise ValueError(f"unknown event kind {kind!r}")

        def change(p: Progress, now: str) -> None:
            p.module(module).events.append(Event(kind, now, detail))

        return self.update(change)

    def record_exercise(self, module: str, case_id: str, score: float) -> Progress:
        """Record a checked exercise and its score (0..1)."""
        value = _score(score)

        def change(p: Progress, now: str) -> None:
            record = p.module(module)
            record.events.append(Event("exercise", now, case_id))
            old = record.exercises.get(case_id)
            record.exercises[case_id] = ExerciseScore(
                latest=value,
                best=max(value, old.best) if old else value,
                attempts=(old.attempts if old else 0) + 1,
                at=now,
            )

        return self.update(change)

    def record_quiz(self, module: str, question: str, *, choice: str, correct: bool) -> Progress:
        """Record an answer to a self-check question."""

        def change(p: Progress, now: str) -> None:
            record = p.module(module)
            record.events.append(Event("quiz", now, question))
            old = record.quiz.get(question)
            record.quiz[question] = QuizAnswer(
                first_correct=old.first_correct if old else correct,
                correct=correct,
                attempts=(old.attempts if old else 0) + 1,
                choice=choice,
            )

        return self.update(change)

    def save_reflection(self, module: str, text: str) -> Progress:
        """Save (replace) the learner's reflection on a module."""

        def change(p: Progress, now: str) -> None:
            record = p.module(module)
            record.events.append(Event("reflection", now))
            record.reflection = text.strip()
            record.reflection_at = now

        return self.update(change)

    def mark_complete(self, module: str) -> Progress:
        """Note when the module was first complete (kept if it already was)."""

        def change(p: Progress, now: str) -> None:
            record = p.module(module)
            record.completed_at = record.completed_at or now

        return self.update(change)


def read_progress(path: Path) -> Progress:
    """Read a progress file; ProgressError names the file and the problem."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProgressError(
            "no progress file here: the learner has not opened a module yet, or the path is "
            "wrong (see `safeshare course certificate --help`)",
            source=path,
        ) from None
    except (OSError, ValueError) as exc:
        raise ProgressError(
            f"cannot read progress: {exc}; check the file's permissions", source=path
        ) from None
    try:
        return Progress.from_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ProgressError(
            f"progress file is damaged: {exc}; restore it from a backup, or open a module "
            "and the course keeps the damaged file aside and starts a new one",
            source=path,
        ) from None
