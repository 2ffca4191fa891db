"""Case bundles: a zip sharing an authored case with an educator, or its variants with learners.

An educator's bundle holds the case folder (spec, cleaned asset, guard report,
draft) and a manifest, `bundle.json`, listing every file with its size and
SHA-256; with the spec, anyone can render every variant and its key. A
learner's bundle holds rendered variants (case.json and the assets) and never
a key, a spec or a draft.

Importing trusts nothing in the zip: a member whose path escapes its folder
(absolute, `..`, a drive letter, a backslash), a symbolic link, a member larger
than the limit or than the manifest says, a file the manifest does not list or
whose hash differs, are each refused with one line naming the bundle and the
member, before anything is put in the bank. The case is unpacked beside the
bank, its spec validated, then renamed into place.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from safeshare.atomic import atomic_path, swap_in_folder, write_bytes_atomic
from safeshare.errors import BundleError, SafeshareError

__all__ = [
    "AUDIENCES",
    "MANIFEST",
    "MAX_MEMBERS",
    "MAX_MEMBER_BYTES",
    "MAX_TOTAL_BYTES",
    "BundleFile",
    "export_bundle",
    "import_bundle",
    "read_bundle",
]

MANIFEST = "bundle.json"
FORMAT = "safeshare-case-bundle"
AUDIENCES = ("educator", "learner")
MAX_MEMBER_BYTES = 64 * 1024 * 1024
"""A larger member is refused: an authored asset is one image."""
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_MEMBERS = 500
_FOLDER = re.compile(r"^[A-Z][A-Z0-9]{1,15}-[a-z0-9-]{1,60}$")
_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class BundleFile:
    name: str
    """Its path inside the bundle (POSIX, relative)."""
    data: bytes


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _case_files(folder: Path) -> list[Path]:
    files = []
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            raise BundleError(
                f"{path.name} is a symbolic link: bundles carry files only", source=folder
            )
        if path.is_file() and not path.name.startswith("."):
            files.append(path)
    return files


def _spec_path(folder: Path) -> Path:
    specs = [p for p in folder.glob("*.yaml") if not p.name.startswith(".")]
    if len(specs) != 1:
        raise BundleError(
            f"holds {len(specs)} spec files (*.yaml): give one authored case's folder",
            source=folder,
        )
    return specs[0]


def _educator_files(folder: Path) -> list[BundleFile]:
    return [
        BundleFile(f"{folder.name}/{p.relative_to(folder).as_posix()}", p.read_bytes())
        for p in _case_files(folder)
    ]


def _learner_files(folder: Path, seeds: tuple[int, ...]) -> list[BundleFile]:
    from safeshare.cases.cache import rendered_spec
    from safeshare.cases.spec import load_spec

    spec = load_spec(_spec_path(folder))
    out: list[BundleFile] = []
    for seed in seeds:
        rendered = rendered_spec(spec, seed=seed)
        for path in _case_files(rendered):
            if path.name == "key.json":
                continue
            out.append(
                BundleFile(
                    f"{folder.name}/seed-{seed}/{path.relative_to(rendered).as_posix()}",
                    path.read_bytes(),
                )
            )
    return out


def export_bundle(
    case_folder: Path,
    out: Path,
    *,
    audience: str = "educator",
    seeds: tuple[int, ...] = (1,),
) -> Path:
    """Write a bundle of an authored case folder to `out` (a .zip), atomically."""
    if audience not in AUDIENCES:
        raise BundleError(f"audience {audience!r} is not one of: {', '.join(AUDIENCES)}")
    if not case_folder.is_dir():
        raise BundleError("is not a case folder", source=case_folder)
    if not _FOLDER.match(case_folder.name):
        raise BundleError(
            "is not an authored case folder (named like A01-title): save the case first",
            source=case_folder,
        )
    _spec_path(case_folder)
    files = (
        _educator_files(case_folder)
        if audience == "educator"
        else _learner_files(case_folder, seeds)
    )
    manifest = {
        "schema": 1,
        "format": FORMAT,
        "audience": audience,
        "folder": case_folder.name,
        "files": [{"name": f.name, "size": len(f.data), "sha256": _sha(f.data)} for f in files],
    }
    with atomic_path(out) as temp, zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest, indent=2) + "\n")
        for f in files:
            archive.writestr(zipfile.ZipInfo(f.name, date_time=(2024, 1, 1, 0, 0, 0)), f.data)
    return out


def _safe_name(name: str, bundle: Path) -> str:
    def refuse(problem: str) -> BundleError:
        return BundleError(f"member {name!r} {problem}: the bundle is refused", source=bundle)

    if not name or "\\" in name or "\x00" in name:
        raise refuse("has an unsafe name")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        raise refuse("has an absolute path that escapes the bundle's folder")
    parts = PurePosixPath(name).parts
    if any(p in ("..", ".") or not p for p in parts) or ".." in name.split("/"):
        raise refuse("has a path that escapes the bundle's folder")
    return name


def _is_link(info: zipfile.ZipInfo) -> bool:
    mode = (info.external_attr >> 16) & 0xFFFF
    return stat.S_ISLNK(mode)


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, bundle: Path
) -> bytes:
    chunks = []
    total = 0
    with archive.open(info) as handle:
        while True:
            chunk = handle.read(_CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise BundleError(
                    f"member {info.filename!r} is larger than {limit:,} bytes: "
                    "the bundle is refused",
                    source=bundle,
                )
            chunks.append(chunk)
    return b"".join(chunks)


def read_bundle(path: Path) -> tuple[dict[str, Any], list[BundleFile]]:
    """The manifest and files of a bundle, each member checked (BundleError at the first fault)."""
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise BundleError("no such file", source=path) from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise BundleError(
            f"is not a readable zip file ({exc}): export it again", source=path
        ) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise BundleError(f"has {len(infos)} members, more than {MAX_MEMBERS}", source=path)
        for info in infos:
            _safe_name(info.filename, path)
            if _is_link(info):
                raise BundleError(
                    f"member {info.filename!r} is a symbolic link: the bundle is refused",
                    source=path,
                )
            if info.file_size > MAX_MEMBER_BYTES:
                raise BundleError(
                    f"member {info.filename!r} is {info.file_size:,} bytes, more than "
                    f"{MAX_MEMBER_BYTES:,}: the bundle is refused",
                    source=path,
                )
        if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
            raise BundleError(f"unpacks to more than {MAX_TOTAL_BYTES:,} bytes", source=path)
        names = [i.filename for i in infos if not i.is_dir()]
        if len(set(names)) != len(names):
            raise BundleError("has two members with the same name", source=path)
        if MANIFEST not in names:
            raise BundleError(f"has no {MANIFEST}: not a safeshare case bundle", source=path)
        try:
            manifest = json.loads(_read_member(archive, archive.getinfo(MANIFEST), 1 << 20, path))
        except ValueError as exc:
            raise BundleError(f"{MANIFEST} is not valid JSON ({exc})", source=path) from None
        listed = _check_manifest(manifest, path)
        files = []
        for info in infos:
            if info.is_dir() or info.filename == MANIFEST:
                continue
            entry = listed.pop(info.filename, None)
            if entry is None:
                raise BundleError(
                    f"member {info.filename!r} is not listed in {MANIFEST}", source=path
                )
            data = _read_member(archive, info, min(MAX_MEMBER_BYTES, int(entry["size"])), path)
            if _sha(data) != entry["sha256"]:
                raise BundleError(
                    f"member {info.filename!r} does not match its SHA-256 in {MANIFEST}",
                    source=path,
                )
            files.append(BundleFile(info.filename, data))
        if listed:
            raise BundleError(
                f"{MANIFEST} lists {sorted(listed)[0]!r}, which the zip lacks", source=path
            )
    return manifest, files


def _check_manifest(manifest: Any, path: Path) -> dict[str, dict[str, Any]]:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BundleError(f"{MANIFEST} is not a safeshare case bundle's manifest", source=path)
    if manifest.get("audience") not in AUDIENCES:
        raise BundleError(f"{MANIFEST} names no audience (educator or learner)", source=path)
    folder = manifest.get("folder")
    if not isinstance(folder, str) or not _FOLDER.match(folder):
        raise BundleError(f"{MANIFEST} names an unsafe case folder {folder!r}", source=path)
    entries = manifest.get("files")
    if not isinstance(entries, list):
        raise BundleError(f"{MANIFEST} has no list of files", source=path)
    listed: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("name"), str)
            or not isinstance(entry.get("size"), int)
            or not isinstance(entry.get("sha256"), str)
        ):
            raise BundleError(f"{MANIFEST} has a malformed file entry", source=path)
        name = _safe_name(entry["name"], path)
        if not name.startswith(f"{folder}/"):
            raise BundleError(
                f"member {name!r} lies outside the case folder {folder!r}", source=path
            )
        listed[name] = entry
    return listed


def import_bundle(path: Path, *, bank: Path) -> Path:
    """Put an educator's bundle's case into `bank` (validated first); returns its folder."""
    from safeshare.cases.spec import load_spec

    manifest, files = read_bundle(path)
    if manifest["audience"] != "educator":
        raise BundleError(
            "is a learner's bundle (rendered variants, no spec): it cannot join a bank; ask the "
            "educator who made it for their bundle",
            source=path,
        )
    folder = str(manifest["folder"])
    bank.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{folder}.import-", dir=bank))
    try:
        staged = work / folder
        staged.mkdir()
        root = staged.resolve()
        for f in files:
            target = (work / f.name).resolve()
            if root not in target.parents:
                raise BundleError(f"member {f.name!r} escapes the case folder", source=path)
            target.parent.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(target, f.data)
        try:
            spec = load_spec(_spec_path(staged))
        except SafeshareError as exc:
            raise BundleError(f"its case does not validate: {exc.problem}", source=path) from None
        if not folder.startswith(f"{spec.id}-"):
            raise BundleError(
                f"its folder {folder!r} does not hold case {spec.id} (the folder names another "
                "case): export it again",
                source=path,
            )
        clash = [
            p
            for p in bank.iterdir()
            if p.is_dir() and p.name.startswith(f"{spec.id}-") and p.name != folder
        ]
        if clash:
            raise BundleError(
                f"the bank already has case {spec.id} in {clash[0].name}: remove it or rename one",
                source=path,
            )
        target_folder = swap_in_folder(staged, bank / folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target_folder
