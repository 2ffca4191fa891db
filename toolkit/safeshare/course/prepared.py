"""What the course server prepared ahead, so a learner's kernel only reads files.

`safeshare course serve` renders every module's cases into the cache before
(module 00) or while (the rest) it serves, and draws the study charts to PNG.
It notes where each one is in an index file, and hands the index's path to
Voila, whose kernels inherit it as $SAFESHARE_PREPARED. A module page then
opens a case from its folder (case.json and the assets) and shows a chart
from its PNG: it never parses a case spec, never imports the renderers
(numpy's drawing, scipy, matplotlib) and never draws.

A kernel of any other server, or a notebook opened in JupyterLab, has no
index: it finds cases through the cache as before (drawing what is missing).
An entry whose folder or file is gone counts as absent. The index is started
afresh each time the server starts, so it never outlives the code that drew
what it lists.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from urllib.parse import quote

from safeshare.atomic import write_bytes_atomic, write_json_atomic

__all__ = [
    "PICTURES_PATH",
    "PICTURE_SUFFIXES",
    "PREPARED_ENV",
    "PREPARED_URL_ENV",
    "PreparedIndex",
    "prepared_case",
    "prepared_chart",
    "prepared_picture_urls",
]

PREPARED_ENV = "SAFESHARE_PREPARED"
"""The environment variable that holds the index file's path (set for the server's kernels)."""
PREPARED_URL_ENV = "SAFESHARE_PREPARED_URL"
"""Where the server serves the prepared cases' pictures (`/course-assets`), set by the
course server beside PREPARED_ENV. Without it a page carries its pictures inline."""

PICTURES_PATH = "course-assets"
"""Where the course's Voila serves those pictures, under its base URL."""

PICTURE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".gif"})
"""The files of a prepared case the server hands out: its pictures, never case.json,
key.json or a DICOM file."""

_VERSION = 1


def _case_key(case_id: str, seed: int) -> str:
    return f"{seed}/{case_id}"


class PreparedIndex:
    """The server's side: an index file, written whole (atomically) after every entry."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._cases: dict[str, str] = {}
        self._charts: dict[str, str] = {}
        self._write()

    @property
    def charts_dir(self) -> Path:
        """Where the chart PNGs go, beside the index."""
        return self.path.parent / "charts"

    def add_case(self, case_id: str, *, seed: int, folder: Path) -> None:
        """Note a rendered case folder (case.json, key.json and the assets in it)."""
        with self._lock:
            self._cases[_case_key(case_id, seed)] = str(folder.resolve())
            self._write()

    def add_chart(self, name: str, png: bytes) -> Path:
        """Save a chart's PNG beside the index and note it; returns the file."""
        target = self.charts_dir / f"{name}.png"
        write_bytes_atomic(target, png)
        with self._lock:
            self._charts[name] = str(target.resolve())
            self._write()
        return target

    def _write(self) -> None:
        data = {"version": _VERSION, "cases": self._cases, "charts": self._charts}
        write_json_atomic(self.path, data)


def _index(environ: Mapping[str, str] | None) -> dict[str, dict[str, str]]:
    env = os.environ if environ is None else environ
    path = env.get(PREPARED_ENV, "").strip()
    if not path:
        return {}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != _VERSION:
        return {}
    return {k: v for k, v in data.items() if isinstance(v, dict)}


def prepared_case(
    case_id: str, *, seed: int, environ: Mapping[str, str] | None = None
) -> Path | None:
    """The prepared folder of this case and seed, or None (no index, not listed, gone)."""
    entry = _index(environ).get("cases", {}).get(_case_key(case_id, seed))
    if not isinstance(entry, str):
        return None
    folder = Path(entry)
    complete = (folder / "case.json").is_file() and (folder / "key.json").is_file()
    return folder if complete else None


def prepared_chart(name: str, environ: Mapping[str, str] | None = None) -> bytes | None:
    """The PNG of a chart drawn ahead, or None."""
    entry = _index(environ).get("charts", {}).get(name)
    if not isinstance(entry, str):
        return None
    try:
        return Path(entry).read_bytes()
    except OSError:
        return None


def prepared_picture_urls(
    case_id: str, folder: Path, *, seed: int, environ: Mapping[str, str] | None = None
) -> Callable[[Path], str | None] | None:
    """Where the browser fetches this prepared case's pictures, or None when the server
    does not serve them (then the page carries them inline).

    The address names the case, not the file system: `/course-assets/<seed>/<case>/<file>`,
    with `?v=` the file's modification time and size, so a browser keeps it until it
    changes. A file outside the case folder, or not a picture, gets None (inline)."""
    env = os.environ if environ is None else environ
    base = env.get(PREPARED_URL_ENV, "").strip().rstrip("/")
    if not base:
        return None

    def url(path: Path) -> str | None:
        if path.parent != folder or path.suffix.lower() not in PICTURE_SUFFIXES:
            return None
        stat = path.stat()
        version = f"{stat.st_mtime_ns:x}{stat.st_size:x}"
        return f"{base}/{seed}/{quote(case_id)}/{quote(path.name)}?v={version}"

    return url
