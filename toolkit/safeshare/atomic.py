"""Writing files so a reader never sees half of one: a temp file, then a rename.

Every file safeshare writes for a person (answers, progress, keys, sheets,
certificates) goes through here, so an interrupted write leaves the old file
as it was, never a truncated one.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = [
    "atomic_path",
    "swap_in_folder",
    "write_bytes_atomic",
    "write_json_atomic",
    "write_text_atomic",
]


@contextmanager
def atomic_path(path: Path, *, mode: int = 0o644) -> Iterator[Path]:
    """Yield a temporary path beside `path`; once the block succeeds, rename it over `path`.

    For writers that want a file name (Pillow, fpdf2). On any error the temporary
    file is removed and `path` is untouched.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".tmp" + path.suffix, dir=path.parent
    )
    os.close(fd)
    temp = Path(tmp)
    try:
        yield temp
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str, *, mode: int = 0o644) -> Path:
    """Write text (UTF-8) atomically, flushed to disk before the rename."""
    with atomic_path(path, mode=mode) as temp, open(temp, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    return path


def write_bytes_atomic(path: Path, data: bytes, *, mode: int = 0o644) -> Path:
    """Write bytes atomically, flushed to disk before the rename."""
    with atomic_path(path, mode=mode) as temp, open(temp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return path


def write_json_atomic(path: Path, data: Any, *, mode: int = 0o644) -> Path:
    """Write indented UTF-8 JSON atomically, with a final newline."""
    return write_text_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n", mode=mode)


def swap_in_folder(staged: Path, target: Path) -> Path:
    """Put a fully written folder in place of `target`, which is never missing meanwhile.

    The old folder is renamed aside, the new one renamed in, and only then the
    old one deleted; if the second rename fails the old folder is put back.
    `staged` must be on the same file system as `target` (make it beside it).
    """
    aside = target.with_name(f".{target.name}.old-{os.getpid()}")
    had_old = target.exists()
    if had_old:
        os.replace(target, aside)
    try:
        os.replace(staged, target)
    except OSError:
        if had_old:
            os.replace(aside, target)
        raise
    if had_old:
        shutil.rmtree(aside, ignore_errors=True)
    return target
