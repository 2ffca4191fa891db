"""Writing files so a reader never sees half of one: a temp file, then a rename.

Every file safeshare writes for a person (answers, progress, keys, sheets,
certificates) goes through here, so an interrupted write leaves the old file
as it was, never a truncated one.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = ["atomic_path", "write_bytes_atomic", "write_json_atomic", "write_text_atomic"]


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
