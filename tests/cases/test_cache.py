"""The render cache: an honest key, and copies that never leave the target missing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from safeshare.cases import cache
from safeshare.errors import SpecError


def _case(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "case.json").write_text(text)
    (folder / "key.json").write_text("{}")
    return folder


def test_copy_case_replaces_the_target_and_leaves_nothing_behind(tmp_path: Path) -> None:
    out = tmp_path / "out"
    cache.copy_case(_case(tmp_path / "a" / "E01", "old"), out)
    cache.copy_case(_case(tmp_path / "b" / "E01", "new"), out, include_key=False)
    assert (out / "E01" / "case.json").read_text() == "new"
    assert not (out / "E01" / "key.json").exists()
    assert [p.name for p in out.iterdir()] == ["E01"]


def test_copy_case_never_leaves_the_target_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At every rename the target exists, or the old folder is one rename away beside it."""
    out = tmp_path / "out"
    cache.copy_case(_case(tmp_path / "a" / "E01", "old"), out)
    target = out / "E01"
    seen: list[bool] = []
    real_replace = os.replace

    def watching_replace(src: str | Path, dst: str | Path) -> None:
        seen.append(target.exists())
        real_replace(src, dst)
        seen.append(target.exists())

    monkeypatch.setattr(cache.os, "replace", watching_replace)
    # the swap: old aside (target gone for one rename), new in; never deleted first
    cache.copy_case(_case(tmp_path / "b" / "E01", "new"), out)
    assert seen == [True, False, False, True]
    assert (target / "case.json").read_text() == "new"


def test_a_failed_swap_puts_the_old_folder_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    cache.copy_case(_case(tmp_path / "a" / "E01", "old"), out)
    real_replace = os.replace
    calls = []

    def failing_second(src: str | Path, dst: str | Path) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise OSError("disk went away")
        real_replace(src, dst)

    monkeypatch.setattr(cache.os, "replace", failing_second)
    with pytest.raises(OSError, match="disk went away"):
        cache.copy_case(_case(tmp_path / "b" / "E01", "new"), out)
    assert (out / "E01" / "case.json").read_text() == "old"
    assert [p.name for p in out.iterdir()] == ["E01"]


def test_the_cache_key_changes_with_the_drawing_libraries(monkeypatch: pytest.MonkeyPatch) -> None:
    cache._code_fingerprint.cache_clear()
    before = cache._code_fingerprint()
    real = cache._version_of
    monkeypatch.setattr(
        cache, "_version_of", lambda name: "99.0" if name == "pillow" else real(name)
    )
    cache._code_fingerprint.cache_clear()
    try:
        assert cache._code_fingerprint() != before
    finally:
        cache._code_fingerprint.cache_clear()
    assert set(cache._DRAWING_LIBRARIES) == {"pillow", "numpy", "scipy", "matplotlib", "pydicom"}
    assert "model" in cache._CODE_DIRS


def test_load_key_says_how_to_get_a_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A learner's copy of a case has no key.json: the error says where to get one."""
    monkeypatch.setattr(cache, "load_rendered", lambda folder: (None, None))
    with pytest.raises(SpecError, match="safeshare cases render ID --out DIR"):
        cache.load_key(tmp_path)
