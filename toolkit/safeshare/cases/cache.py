"""A cache of rendered cases, so a case is drawn once per spec, seed and toolkit version.

The cache key is a hash of the spec file's bytes, the seed, the source of
the code that renders (taxonomy, model, cases, render) and the versions of the
libraries that draw (Pillow, numpy, scipy, matplotlib for its fonts, pydicom):
change any of them and the case is drawn again, so an upgrade never serves a
stale render (and the release drift check compares against a fresh one).
The cache lives in $SAFESHARE_CACHE, or ~/.cache/safeshare when that is not set.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from safeshare.atomic import swap_in_folder
from safeshare.cases.bank import find_case
from safeshare.cases.spec import CaseSpec
from safeshare.errors import SpecError
from safeshare.model.key import Key
from safeshare.model.view import CaseView

__all__ = [
    "cache_dir",
    "copy_case",
    "load_key",
    "load_rendered",
    "rendered_case",
    "rendered_spec",
]

_PACKAGE = Path(__file__).resolve().parent.parent
_CODE_DIRS = ("taxonomy", "model", "cases", "render")
_DRAWING_LIBRARIES = ("pillow", "numpy", "scipy", "matplotlib", "pydicom")
"""Distributions whose upgrade can change a rendered pixel or byte."""


def cache_dir() -> Path:
    """Where rendered cases are kept."""
    configured = os.environ.get("SAFESHARE_CACHE")
    root = Path(configured) if configured else Path.home() / ".cache" / "safeshare"
    return root / "cases"


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    digest = hashlib.sha256()
    for folder in _CODE_DIRS:
        for file in sorted((_PACKAGE / folder).rglob("*.py")):
            digest.update(file.relative_to(_PACKAGE).as_posix().encode())
            digest.update(file.read_bytes())
    for name in _DRAWING_LIBRARIES:
        digest.update(f"{name}=={_version_of(name)}".encode())
    return digest.hexdigest()


def _version_of(distribution: str) -> str:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return "absent"


def _cache_key(spec: CaseSpec, seed: int) -> str:
    digest = hashlib.sha256()
    digest.update(Path(spec.source).read_bytes() if spec.source else repr(spec).encode())
    digest.update(f"seed={seed}".encode())
    digest.update(_code_fingerprint().encode())
    return digest.hexdigest()[:24]


def rendered_spec(spec: CaseSpec, *, seed: int = 1) -> Path:
    """The folder of this spec rendered with this seed, drawing it if the cache lacks it."""
    # The renderers (numpy, Pillow) load only when a case must be drawn.
    from safeshare.cases.build import build_case

    bucket = cache_dir() / _cache_key(spec, seed)
    folder = bucket / spec.id
    if _complete(folder):
        return folder
    try:
        build_case(spec, seed=seed, out_dir=bucket)
    except OSError:
        # Another process rendered the same case at the same moment: its copy is identical.
        if not _complete(folder):
            raise
    return folder


def _complete(folder: Path) -> bool:
    return (folder / "key.json").is_file() and (folder / "case.json").is_file()


def rendered_case(case_id: str, *, seed: int = 1, bank: Path | None = None) -> Path:
    """The folder of a bank case rendered with this seed (case.json, key.json, assets)."""
    return rendered_spec(find_case(case_id, bank), seed=seed)


def copy_case(folder: Path, out_dir: Path, *, include_key: bool = True) -> Path:
    """Copy a rendered case folder into out_dir/<name>, atomically.

    The copy is made beside the target, then the old folder is renamed aside, the
    new one renamed in and only then the old one deleted: the target is never
    missing, and an interrupted copy leaves the old folder in place.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / folder.name
    work = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=out_dir))
    try:
        staged = work / folder.name
        ignore = None if include_key else shutil.ignore_patterns("key.json")
        shutil.copytree(folder, staged, ignore=ignore)
        swap_in_folder(staged, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def load_rendered(folder: Path) -> tuple[CaseView, Key | None]:
    """Read a rendered case folder: the learner's view and, when present, the key."""
    case_file = folder / "case.json"
    try:
        view = CaseView.from_dict(json.loads(case_file.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise SpecError("no case.json here: not a rendered case folder", source=folder) from None
    except (ValueError, KeyError, TypeError) as exc:
        raise SpecError(f"unreadable rendered case: {exc}", source=case_file) from None
    key_file = folder / "key.json"
    if not key_file.exists():
        return view, None
    try:
        key = Key.from_dict(json.loads(key_file.read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError) as exc:
        raise SpecError(f"unreadable key: {exc}", source=key_file) from None
    return view, key


def load_key(folder: Path) -> Key:
    """The key of a rendered case folder; an error that says how to get one if it has none."""
    _, key = load_rendered(folder)
    if key is None:
        raise SpecError(
            "no key.json here (a learner's copy has none): render the case with "
            "`safeshare cases render ID --out DIR` and use that folder",
            source=folder,
        )
    return key
