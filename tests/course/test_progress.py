"""Progress: saved atomically per learner, time summed sensibly, damage reported clearly."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from safeshare.course.learner import Learner
from safeshare.course.progress import (
    IDLE_CAP,
    PROGRESS_FILE,
    Event,
    ProgressStore,
    active_seconds,
    read_progress,
)
from safeshare.errors import ProgressError

T0 = dt.datetime(2025, 3, 4, 9, 0, tzinfo=dt.UTC)


def ticking(step: dt.timedelta = dt.timedelta(minutes=1)) -> Callable[[], dt.datetime]:
    """A clock that moves on by `step` at each reading."""
    now = [T0 - step]

    def clock() -> dt.datetime:
        now[0] += step
        return now[0]

    return clock


def store(tmp_path: Path, name: str = "Anna Smith", **kw: object) -> ProgressStore:
    learner = Learner.from_name(name)
    return ProgressStore(tmp_path / learner.code, learner, **kw)  # type: ignore[arg-type]


def test_nothing_saved_reads_as_empty(tmp_path: Path) -> None:
    progress = store(tmp_path).load()
    assert progress.is_empty() and progress.modules == {}
    assert not (tmp_path / "anna-smith").exists()


def test_round_trip_of_everything(tmp_path: Path) -> None:
    s = store(tmp_path, clock=ticking())
    s.record("02", "open")
    s.record_exercise("02", "E05", 0.5)
    s.record_exercise("02", "E05", 0.9)
    s.record_exercise("02", "E05", 0.7)
    s.record_quiz("02", "02-1", choice="a", correct=False)
    s.record_quiz("02", "02-1", choice="b", correct=True)
    s.save_reflection("02", "  I will crop overlays.  ")
    s.mark_complete("02")
    again = read_progress(s.path)
    record = again.modules["02"]
    assert again.learner == Learner("Anna Smith", "anna-smith")
    assert [e.kind for e in record.events] == [
        "open",
        "exercise",
        "exercise",
        "exercise",
        "quiz",
        "quiz",
        "reflection",
    ]
    ex = record.exercises["E05"]
    assert (ex.latest, ex.best, ex.attempts) == (0.7, 0.9, 3)
    quiz = record.quiz["02-1"]
    assert (quiz.first_correct, quiz.correct, quiz.attempts, quiz.choice) == (False, True, 2, "b")
    assert record.reflection == "I will crop overlays."
    assert record.completed_at and record.reflection_at
    assert record.quiz_score() == 0.0 and record.exercise_score() == 0.9


def test_the_file_is_json_with_a_schema_and_no_temp_files_left(tmp_path: Path) -> None:
    s = store(tmp_path)
    s.record("00", "open")
    data = json.loads(s.path.read_text(encoding="utf-8"))
    assert data["schema"] == 1 and data["learner"]["code"] == "anna-smith"
    leftovers = [p.name for p in s.folder.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    assert s.path.name == PROGRESS_FILE


def test_completion_keeps_the_first_time(tmp_path: Path) -> None:
    s = store(tmp_path, clock=ticking())
    first = s.mark_complete("03").modules["03"].completed_at
    assert s.mark_complete("03").modules["03"].completed_at == first


def test_is_complete_needs_exercises_questions_and_reflection(tmp_path: Path) -> None:
    s = store(tmp_path)
    s.record_exercise("02", "E05", 1.0)
    record = s.load().modules["02"]
    assert not record.is_complete(cases=["E05"], questions=["02-1"])
    s.record_quiz("02", "02-1", choice="x", correct=True)
    assert not s.load().modules["02"].is_complete(cases=["E05"], questions=["02-1"])
    s.save_reflection("02", "done")
    assert s.load().modules["02"].is_complete(cases=["E05"], questions=["02-1"])
    assert not s.load().modules["02"].is_complete(cases=["E05", "R01"], questions=["02-1"])


def test_scores_outside_zero_to_one_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="outside"):
        store(tmp_path).record_exercise("02", "E05", 1.5)


def test_unknown_event_kinds_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown event"):
        store(tmp_path).record("02", "dance")


def _events(*pairs: tuple[int, str]) -> list[Event]:
    """Events at so many minutes after T0, of the given kinds."""
    return [Event(kind, (T0 + dt.timedelta(minutes=m)).isoformat()) for m, kind in pairs]


def test_time_counts_the_gap_before_each_interaction_capped_at_the_idle_limit() -> None:
    events = _events((0, "open"), (3, "quiz"), (5, "exercise"), (65, "quiz"), (66, "reflection"))
    expected = 3 * 60 + 2 * 60 + int(IDLE_CAP.total_seconds()) + 60
    assert active_seconds(events) == expected
    assert active_seconds(reversed(events)) == expected
    assert active_seconds([]) == 0 and active_seconds(_events((0, "quiz"))) == 0


def test_opening_pages_adds_no_time_however_far_apart_the_visits() -> None:
    """Short visits to a module (opened, reloaded, reached by links) record no time at all."""
    visits = _events((0, "open"), (1, "open"), (9, "open"), (31, "open"), (55, "open"))
    assert active_seconds(visits) == 0
    # the 22 minutes of issue 12: opens spread over an hour, one answer a minute after a visit
    visits.append(Event("quiz", (T0 + dt.timedelta(minutes=56)).isoformat()))
    assert active_seconds(visits) == 60


def test_time_spent_does_not_grow_with_reloads(tmp_path: Path) -> None:
    minutes = iter(range(0, 200, 7))
    s = store(tmp_path, clock=lambda: T0 + dt.timedelta(minutes=next(minutes)))
    s.record("02", "open")
    s.record_quiz("02", "02-1", choice="x", correct=True)
    before = s.load().seconds_spent()
    for _ in range(10):
        progress = s.record("02", "open")
    assert before == 7 * 60
    assert progress.seconds_spent() == before
    assert progress.modules["02"].seconds_spent() == before


def test_total_time_merges_modules_so_two_tabs_do_not_count_twice(tmp_path: Path) -> None:
    times = iter(
        [
            T0,
            T0 + dt.timedelta(minutes=1),
            T0 + dt.timedelta(minutes=2),
            T0 + dt.timedelta(minutes=3),
        ]
    )
    s = store(tmp_path, clock=lambda: next(times))
    s.record("02", "open")
    s.record("03", "open")
    s.record_quiz("02", "02-1", choice="x", correct=True)
    progress = s.record_quiz("03", "03-1", choice="x", correct=True)
    assert progress.modules["02"].seconds_spent() == 120
    assert progress.modules["03"].seconds_spent() == 120
    assert progress.seconds_spent() == 120  # the minute before 03 opened was a visit, not work


def test_a_damaged_file_is_reported_with_its_path(tmp_path: Path) -> None:
    s = store(tmp_path)
    s.folder.mkdir(parents=True)
    s.path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ProgressError, match="cannot read progress") as info:
        s.load()
    assert str(s.path) in str(info.value)
    s.path.write_text(json.dumps({"schema": 1, "learner": {}}), encoding="utf-8")
    with pytest.raises(ProgressError, match="damaged"):
        s.load()


def test_a_damaged_file_can_be_set_aside(tmp_path: Path) -> None:
    s = store(tmp_path, clock=ticking())
    s.folder.mkdir(parents=True)
    s.path.write_text("garbage", encoding="utf-8")
    kept = s.set_aside()
    assert kept.read_text(encoding="utf-8") == "garbage" and not s.path.exists()
    assert s.record("00", "open").modules["00"].events


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    """Two tabs of one learner write at once: the lock keeps every change."""
    s = store(tmp_path)

    def work(module: str) -> None:
        for i in range(15):
            s.record_exercise(module, f"E{i:02d}", 0.5)

    threads = [threading.Thread(target=work, args=(m,)) for m in ("02", "03")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    progress = s.load()
    assert len(progress.modules["02"].exercises) == 15
    assert len(progress.modules["03"].exercises) == 15


def test_learners_write_to_their_own_files(tmp_path: Path) -> None:
    a, b = store(tmp_path, "Anna"), store(tmp_path, "Ben")
    a.save_reflection("02", "Anna's words")
    b.save_reflection("02", "Ben's words")
    assert a.path != b.path
    assert a.load().modules["02"].reflection == "Anna's words"
    assert b.load().modules["02"].reflection == "Ben's words"


def test_a_visit_by_code_keeps_the_name_the_learner_typed(tmp_path: Path) -> None:
    typed = Learner.from_name("Zoë Ó Briain")
    ProgressStore(tmp_path / typed.code, typed).record("00", "open")
    by_link = Learner(name=typed.code, code=typed.code)
    progress = ProgressStore(tmp_path / typed.code, by_link).record("02", "open")
    assert progress.learner == typed
    assert read_progress(tmp_path / typed.code / PROGRESS_FILE).learner.name == "Zoë Ó Briain"
    renamed = Learner(name="Zoe O Briain", code=typed.code)
    progress = ProgressStore(tmp_path / typed.code, renamed).record("03", "open")
    assert progress.learner.name == "Zoe O Briain", "a name typed again replaces the old one"
