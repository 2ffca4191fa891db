"""Reading learners' folders: whole files only, the last whole version kept, never blocking."""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path

import pytest

from safeshare.dashboard import FolderReader
from safeshare.dashboard import reading as reading_module


def _answer_path(root: Path, code: str) -> Path:
    return root / "learners" / code / "answers" / "00" / "E01.json"


def test_reads_every_learner_and_answer(room: tuple[Path, list[str]]) -> None:
    root, codes = room
    snapshot = FolderReader(root).read()
    assert [s.code for s in snapshot.learners] == sorted(codes)
    assert all(len(s.answers) == 1 and s.progress is not None for s in snapshot.learners)
    assert snapshot.problems == ()
    assert {s.name for s in snapshot.learners} >= {"Dr Ada Quill", "Bram Oduya"}


def test_half_written_file_is_not_counted_then_counted_when_whole(
    room: tuple[Path, list[str]],
) -> None:
    root, codes = room
    path = _answer_path(root, codes[0])
    whole = path.read_text(encoding="utf-8")
    path.write_text(whole[: len(whole) // 2], encoding="utf-8")  # a writer that is not atomic
    reader = FolderReader(root, retry_delay=0)
    snapshot = reader.read()
    learner = next(s for s in snapshot.learners if s.code == codes[0])
    assert learner.answers == ()
    [problem] = snapshot.problems
    assert problem.path == path and "not counted yet" in problem.message
    path.write_text(whole, encoding="utf-8")
    again = reader.read()
    assert again.problems == ()
    assert len(next(s for s in again.learners if s.code == codes[0]).answers) == 1


def test_a_file_broken_after_a_whole_read_keeps_the_last_whole_version(
    room: tuple[Path, list[str]],
) -> None:
    root, codes = room
    path = _answer_path(root, codes[1])
    reader = FolderReader(root, retry_delay=0)
    before = next(s for s in reader.read().learners if s.code == codes[1]).answers[0].answer
    path.write_text('{"schema": 1, "case_id": "E0', encoding="utf-8")
    snapshot = reader.read()
    kept = next(s for s in snapshot.learners if s.code == codes[1]).answers
    assert [r.answer for r in kept] == [before]
    [problem] = snapshot.problems
    assert "last complete version is shown" in problem.message


def test_temporary_files_of_an_atomic_write_are_skipped(room: tuple[Path, list[str]]) -> None:
    root, codes = room
    folder = _answer_path(root, codes[0]).parent
    (folder / ".E05.json.abc123.tmp.json").write_text('{"sche', encoding="utf-8")
    snapshot = FolderReader(root).read()
    assert snapshot.problems == ()


def test_a_folder_it_may_not_read_is_reported_and_the_rest_read(
    room: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The tests run as root, which every permission lets in: the refusal is the kernel's
    # answer, played here; tests/hub checks real accounts.
    root, codes = room
    locked = root / "learners" / codes[2]
    real = os.listdir

    def listdir(path: os.PathLike[str] | str) -> list[str]:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(reading_module.os, "listdir", listdir)
    snapshot = FolderReader(root).read()
    assert len(snapshot.learners) == len(codes) - 1
    [problem] = snapshot.problems
    assert problem.learner == codes[2]
    assert "Permission denied" in problem.message and "facilitators' group" in problem.message


def test_reading_takes_no_lock_a_learner_holds(room: tuple[Path, list[str]]) -> None:
    root, codes = room
    folder = root / "learners" / codes[0]
    with open(folder / ".progress.lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # a learner in the middle of saving
        snapshot = FolderReader(root).read()
        fcntl.flock(handle, fcntl.LOCK_UN)
    assert len(snapshot.learners) == len(codes)


def test_no_learners_yet_is_an_empty_room(tmp_path: Path) -> None:
    snapshot = FolderReader(tmp_path / "nothing").read()
    assert snapshot.learners == () and snapshot.problems == ()


def test_progress_file_names_the_learner(room: tuple[Path, list[str]]) -> None:
    root, codes = room
    data = json.loads((root / "learners" / codes[0] / "progress.json").read_text("utf-8"))
    snapshot = FolderReader(root).read()
    assert next(s for s in snapshot.learners if s.code == codes[0]).name == data["learner"]["name"]
