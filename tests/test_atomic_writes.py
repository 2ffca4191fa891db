"""Every file a person depends on is written through safeshare/atomic.py.

A lint over the source of the package (with `ast`): a direct write, meaning
`Path.write_text` / `write_bytes`, `open(...)` or `os.open(...)` for writing,
or `shutil.copy*` / `move`, fails unless it is in atomic.py or in ALLOWED
below with the reason it is safe (or a note that it is still to convert).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import safeshare

PACKAGE = Path(safeshare.__file__).resolve().parent

ALLOWED: dict[tuple[str, str, str], str] = {
    # (file under safeshare/, enclosing function, kind of write): why it may stay
    ("cases/cache.py", "copy_case", "shutil.copytree"): (
        "copies into a temporary folder beside the target, then renames it in"
    ),
    ("course/progress.py", "_locked", "open"): (
        "the lock file for flock: holds no data, nobody reads it"
    ),
    ("render/exif.py", "write_jpeg_with_exif", "write_bytes"): (
        "renderers write into build_case's work folder, renamed into place as a whole"
    ),
    ("assignments/release_files.py", "write_release_files", "write_bytes"): (
        "writes into release_pool's staging folder, renamed into place as a whole"
    ),
    ("assignments/secret.py", "new_cohort_secret", "os.open"): (
        "the old secret's backup, created exclusively (O_EXCL, 0600) and fsynced; "
        "the live secret goes through write_text_atomic"
    ),
    ("assignments/release.py", "release_pool", "write_text"): (
        "case.json into release_pool's staging folder, swapped into place as a whole"
    ),
}
"""Direct writes that are safe, each with its reason, or still to convert."""

_WRITE_METHODS = {"write_text", "write_bytes"}
_SHUTIL_COPIES = {"copy", "copy2", "copyfile", "copytree", "move"}
_MODE = re.compile(r"^[rwxabtU+]{1,4}$")
_OS_WRITE_FLAGS = {"O_WRONLY", "O_RDWR", "O_CREAT", "O_APPEND", "O_TRUNC"}


@dataclass(frozen=True, slots=True)
class Write:
    """A direct write found in the source."""

    file: str
    line: int
    function: str
    kind: str

    def __str__(self) -> str:
        return f"safeshare/{self.file}:{self.line} in {self.function}(): {self.kind}"


def _writes_to_file(mode: ast.expr | None) -> bool:
    if mode is None:
        return False
    if isinstance(mode, ast.Constant) and isinstance(mode.value, str):
        return bool(set(mode.value) & set("wax+"))
    return True  # a mode computed at run time: assume it writes


def _kind(call: ast.Call) -> str | None:
    """What kind of direct write a call is, or None."""
    func = call.func
    mode_kw = next((k.value for k in call.keywords if k.arg == "mode"), None)
    if isinstance(func, ast.Name) and func.id == "open":
        mode = mode_kw or (call.args[1] if len(call.args) > 1 else None)
        return "open" if _writes_to_file(mode) else None
    if not isinstance(func, ast.Attribute):
        return None
    owner = func.value.id if isinstance(func.value, ast.Name) else ""
    if func.attr in _WRITE_METHODS:
        return func.attr
    if owner == "shutil" and func.attr in _SHUTIL_COPIES:
        return f"shutil.{func.attr}"
    if owner == "os" and func.attr == "open":
        flags = {n.attr for n in ast.walk(call) if isinstance(n, ast.Attribute)}
        return "os.open" if flags & _OS_WRITE_FLAGS else None
    if func.attr == "open":  # Path.open(mode): only a literal mode counts (not Image.open(fp))
        mode = mode_kw or (call.args[0] if call.args else None)
        if isinstance(mode, ast.Constant) and isinstance(mode.value, str):
            return "open" if _MODE.match(mode.value) and _writes_to_file(mode) else None
    return None


def _atomic_temps(node: ast.With) -> set[str]:
    """Names bound by `with atomic_path(...) as temp`: writing to them is the atomic way."""
    names = set()
    for item in node.items:
        call = item.context_expr
        if isinstance(call, ast.Call) and isinstance(item.optional_vars, ast.Name):
            func = call.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name == "atomic_path":
                names.add(item.optional_vars.id)
    return names


def _target(call: ast.Call) -> str:
    """The name a write goes to: `temp` in temp.write_bytes(...) or open(temp, 'wb')."""
    func = call.func
    if (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id not in ("os", "shutil")
    ):
        return func.value.id
    if call.args and isinstance(call.args[0], ast.Name):
        return call.args[0].id
    return ""


def _scan(source: str, file: str) -> list[Write]:
    found = []

    def walk(node: ast.AST, function: str, temps: frozenset[str]) -> None:
        for child in ast.iter_child_nodes(node):
            inner, inner_temps = function, temps
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                inner, inner_temps = child.name, frozenset()
            if isinstance(child, ast.With):
                inner_temps = temps | _atomic_temps(child)
            if isinstance(child, ast.Call):
                kind = _kind(child)
                if kind and _target(child) not in temps:
                    found.append(Write(file, child.lineno, function, kind))
            walk(child, inner, inner_temps)

    walk(ast.parse(source), "<module>", frozenset())
    return found


@lru_cache(maxsize=1)
def _writes() -> tuple[Write, ...]:
    found: list[Write] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        file = path.relative_to(PACKAGE).as_posix()
        if file != "atomic.py":
            found += _scan(path.read_text(encoding="utf-8"), file)
    return tuple(found)


def test_every_write_goes_through_atomic() -> None:
    direct = [w for w in _writes() if (w.file, w.function, w.kind) not in ALLOWED]
    assert direct == [], (
        "write these through safeshare.atomic (write_text_atomic, write_bytes_atomic, "
        "write_json_atomic, atomic_path), or add them to ALLOWED with the reason:\n  "
        + "\n  ".join(str(w) for w in direct)
    )


def test_every_allowed_write_still_exists() -> None:
    """An entry that matches nothing must go, so the list only shrinks."""
    present = {(w.file, w.function, w.kind) for w in _writes()}
    assert sorted(set(ALLOWED) - present) == []


def test_the_lint_sees_each_kind_of_write() -> None:
    source = """
import os, shutil
from PIL import Image

def save(path, mode):
    path.write_text("x")
    path.write_bytes(b"x")
    open(path, "w")
    open(path, mode=mode)
    path.open("ab")
    shutil.copy(path, "b")
    os.open(path, os.O_WRONLY | os.O_CREAT)

def atomic(path):
    with atomic_path(path) as temp:
        temp.write_bytes(b"x")
        open(temp, "w")

def read(path):
    open(path)
    open(path, "rb")
    path.open()
    Image.open(path)
    os.open(path, os.O_RDONLY)
    path.read_text()
"""
    kinds = [(w.function, w.kind) for w in _scan(source, "example.py")]
    assert kinds == [
        ("save", "write_text"),
        ("save", "write_bytes"),
        ("save", "open"),
        ("save", "open"),
        ("save", "open"),
        ("save", "shutil.copy"),
        ("save", "os.open"),
    ]
