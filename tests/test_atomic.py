"""Atomic writes: the old file survives a failed write, and no temp file is left."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from safeshare.atomic import atomic_path, write_bytes_atomic, write_json_atomic, write_text_atomic


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "a.json"
    write_json_atomic(target, {"a": 1})
    write_json_atomic(target, {"a": 2})
    assert json.loads(target.read_text()) == {"a": 2}
    assert target.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in target.parent.iterdir()] == ["a.json"]


def test_a_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "progress.json"
    write_text_atomic(target, "old")
    with pytest.raises(RuntimeError), atomic_path(target) as temp:
        temp.write_text("half of the new")
        raise RuntimeError("interrupted")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["progress.json"]


def test_mode_is_kept_for_secrets(tmp_path: Path) -> None:
    target = tmp_path / "secret"
    write_text_atomic(target, "x", mode=0o600)
    assert target.stat().st_mode & 0o777 == 0o600


def test_bytes_are_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "certificate.pdf"
    write_bytes_atomic(target, b"%PDF-old")
    write_bytes_atomic(target, b"%PDF-new")
    assert target.read_bytes() == b"%PDF-new"
    assert [p.name for p in tmp_path.iterdir()] == ["certificate.pdf"]


def test_swap_in_folder_replaces_a_folder_that_is_never_missing(tmp_path: Path) -> None:
    from safeshare.atomic import swap_in_folder

    target = tmp_path / "cases"
    target.mkdir()
    (target / "old.txt").write_text("old")
    staged = tmp_path / ".stage"
    staged.mkdir()
    (staged / "new.txt").write_text("new")
    swap_in_folder(staged, target)
    assert sorted(p.name for p in target.iterdir()) == ["new.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cases"]  # nothing left aside

    with pytest.raises(OSError):
        swap_in_folder(tmp_path / "missing", target)
    assert (target / "new.txt").read_text() == "new"  # the old folder put back
