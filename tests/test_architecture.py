"""Packages depend one way: no import cycle between safeshare's subpackages or modules.

The graph is read from the source with `ast`, so every import counts: at the
top of a module, inside a function, or under `if TYPE_CHECKING:`. A cycle
between subpackages (render <-> cases, say) means neither can be understood,
tested or replaced without the other; a cycle between modules is the same
knot at a smaller scale. The failure names the import statements on the cycle.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import safeshare

PACKAGE = Path(safeshare.__file__).resolve().parent


@dataclass(frozen=True, slots=True)
class Import:
    """One import statement: which module, where, and what it names."""

    module: str
    line: int
    target: str

    def __str__(self) -> str:
        return f"{self.module} (line {self.line}) imports {self.target}"


@lru_cache(maxsize=1)
def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = ["safeshare", *path.relative_to(PACKAGE).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


@lru_cache(maxsize=1)
def _imports() -> tuple[Import, ...]:
    """Every import of a safeshare module, anywhere in a file (functions, TYPE_CHECKING)."""
    modules = _modules()
    found = []
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parent, *([base] if base else [])])
                # `from pkg import sub` imports the module pkg.sub
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                    for alias in node.names
                ]
            else:
                continue
            found += [Import(name, node.lineno, t) for t in targets if t in modules and t != name]
    return tuple(found)


def _subpackage(module: str) -> str:
    """safeshare.render.photo.face -> render; safeshare.errors -> errors; the root -> ''."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _find_cycle(edges: Mapping[str, Mapping[str, Import]]) -> list[Import] | None:
    """One cycle in the graph, as the imports along it, or None (depth-first search)."""
    done: set[str] = set()
    stack: list[str] = []
    via: list[Import] = []  # via[i] leads from stack[i] to stack[i + 1]

    def visit(node: str) -> list[Import] | None:
        stack.append(node)
        for nxt, step in sorted(edges.get(node, {}).items()):
            if nxt in stack:
                return [*via[stack.index(nxt) :], step]
            if nxt not in done:
                via.append(step)
                found = visit(nxt)
                if found:
                    return found
                via.pop()
        stack.pop()
        done.add(node)
        return None

    for node in sorted(edges):
        if node not in done:
            found = visit(node)
            if found:
                return found
    return None


def _describe(cycle: list[Import]) -> str:
    return "import cycle:\n  " + "\n  ".join(str(step) for step in cycle)


def test_no_cycle_between_subpackages() -> None:
    edges: dict[str, dict[str, Import]] = {}
    for imp in _imports():
        src, dst = _subpackage(imp.module), _subpackage(imp.target)
        if src and dst and src != dst:
            edges.setdefault(src, {}).setdefault(dst, imp)
    assert "render" in edges and "cases" in edges, "the graph was not read"
    cycle = _find_cycle(edges)
    assert cycle is None, _describe(cycle or [])


def test_no_cycle_between_modules() -> None:
    edges: dict[str, dict[str, Import]] = {}
    for imp in _imports():
        edges.setdefault(imp.module, {}).setdefault(imp.target, imp)
    cycle = _find_cycle(edges)
    assert cycle is None, _describe(cycle or [])


def test_a_cycle_is_found_and_named() -> None:
    a_b = Import("safeshare.a", 3, "safeshare.b")
    b_c = Import("safeshare.b", 5, "safeshare.c")
    c_a = Import("safeshare.c", 9, "safeshare.a")
    edges = {"a": {"b": a_b}, "b": {"c": b_c}, "c": {"a": c_a}, "d": {"a": c_a}}
    cycle = _find_cycle(edges)
    assert cycle == [a_b, b_c, c_a]
    assert "safeshare.c (line 9) imports safeshare.a" in _describe(cycle)
    assert _find_cycle({"a": {"b": a_b}, "b": {"c": b_c}}) is None


def test_the_graph_sees_function_level_and_type_checking_imports() -> None:
    found = {(i.module, i.target) for i in _imports()}
    # course/__init__ imports its names only under TYPE_CHECKING
    assert ("safeshare.course", "safeshare.course.page") in found
    # cases/spec imports the renderer registry inside a function
    assert ("safeshare.cases.spec", "safeshare.render.registry") in found
