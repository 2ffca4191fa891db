"""The assignment file: which case each graded item uses, its points, and the pool size.

Each assignment folder under nbgrader's source/ holds an `assignment.yaml`:

    schema: 1
    title: Identifiers in the pixels
    pool: 8                 # variants per item, rendered into the release (default 8)
    items:
      - {id: q1, case: E01, points: 4}
      - {id: q2, case: R01, points: 4}

It holds no secret (generate_assignment copies it into the release) and it is
what the autograder reads, from the copy nbgrader restores from source/, so a
learner's edited copy changes nothing. Item `q1` is answered in `answers/q1.json`
beside the notebook.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from safeshare.assignments.variants import MAX_POOL
from safeshare.errors import SpecError
from safeshare.model.spec_reader import FieldReader

__all__ = [
    "ANSWERS_DIR",
    "ASSIGNMENT_FILE",
    "CASES_DIR",
    "DEFAULT_POOL",
    "AssignmentDef",
    "Item",
    "answers_file",
    "answers_files_by_assignment",
    "load_definition",
    "parse_definition",
]

ASSIGNMENT_FILE = "assignment.yaml"
ANSWERS_DIR = "answers"
"""Folder beside the notebook where the exercise widget saves `<item>.json`."""
CASES_DIR = "cases"
"""Folder of the release holding `<item>/v<index>/` (assets and case.json, no key)."""
DEFAULT_POOL = 8
"""Variants per item when assignment.yaml names no pool: a learner shares their variant of
an item with about one in eight of the cohort (and, items being chosen independently, their
variant of the whole assignment with far fewer)."""
DEFINITION_SCHEMA = 1
_ITEM_ID = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
_CASE_ID = re.compile(r"^[A-Z][A-Z0-9]{1,15}$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """One graded case of an assignment."""

    id: str
    """Names the answers file (answers/<id>.json) and the widget; e.g. 'q1'."""
    case: str
    """The case id in the bank (or in the course's own bank folder), e.g. 'E01'."""
    points: float
    """What the item's autograder test cell is worth in nbgrader."""


@dataclass(frozen=True, slots=True, kw_only=True)
class AssignmentDef:
    """An assignment's graded items and how many variants each has."""

    id: str
    """The assignment id: its folder name under source/."""
    title: str
    pool: int
    """Variants per item; each learner gets one, chosen by a public hash of their id."""
    items: tuple[Item, ...]
    bank: str = ""
    """A folder of the course's own (private) case specs: absolute, ~/..., or relative to
    the course folder (where nbgrader_config.py is). Empty for the shipped bank."""

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        known = ", ".join(i.id for i in self.items)
        raise KeyError(f"assignment {self.id} has no item {item_id!r} (items: {known})")

    def bank_path(self, course_root: Path) -> Path | None:
        """The folder of case specs to use, or None for the shipped bank."""
        if not self.bank:
            return None
        return (course_root / Path(self.bank).expanduser()).resolve()

    @property
    def total_points(self) -> float:
        return sum(item.points for item in self.items)


def answers_file(item_id: str) -> str:
    """The answers file of an item, relative to the notebook's folder."""
    return f"{ANSWERS_DIR}/{item_id}.json"


def answers_files_by_assignment(source_dir: Path) -> dict[str, list[str]]:
    """Every item's answers file, by assignment, for c.Autograde.exclude_overwriting.

    nbgrader's autograde copies every file of source/<assignment>/ over the
    learner's submission; an answers file left in source/ by an educator trying
    the notebook would replace the learner's own. Listed here, it never does.
    """
    files: dict[str, list[str]] = {}
    if not source_dir.is_dir():
        return files
    for folder in sorted(p for p in source_dir.iterdir() if (p / ASSIGNMENT_FILE).is_file()):
        definition = load_definition(folder)
        files[definition.id] = [answers_file(item.id) for item in definition.items]
    return files


def parse_definition(data: object, *, assignment: str, source: Path) -> AssignmentDef:
    """Check an assignment file's contents strictly; SpecError names the field."""
    reader = FieldReader(data, source=source)
    schema = reader.integer("schema", lo=DEFINITION_SCHEMA, hi=DEFINITION_SCHEMA)
    del schema
    title = reader.string("title")
    pool = reader.integer("pool", DEFAULT_POOL, lo=1, hi=MAX_POOL)
    bank = reader.string("bank", "", allow_empty=True)
    raw_items = reader.required("items")
    if not isinstance(raw_items, list) or not raw_items:
        raise reader.error("items", "must list at least one item")
    items: list[Item] = []
    for i, raw in enumerate(raw_items):
        sub = reader.child(f"items.{i}", raw)
        item_id = sub.string("id")
        if not _ITEM_ID.match(item_id):
            raise sub.error(
                "id", "must be lower-case letters, digits or '_', starting with a letter"
            )
        if any(item.id == item_id for item in items):
            raise sub.error("id", f"{item_id!r} is used twice")
        case = sub.string("case")
        if not _CASE_ID.match(case):
            raise sub.error("case", f"{case!r} is not a case id like E01")
        points = sub.number("points", 1.0, lo=0.5, hi=100.0)
        sub.finish()
        items.append(Item(id=item_id, case=case, points=points))
    reader.finish()
    return AssignmentDef(id=assignment, title=title, pool=pool, items=tuple(items), bank=bank)


def load_definition(folder: Path) -> AssignmentDef:
    """Read `assignment.yaml` from an assignment folder (source, release or autograded)."""
    path = folder / ASSIGNMENT_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SpecError(
            f"no {ASSIGNMENT_FILE} here: not a safeshare graded assignment folder", source=folder
        ) from None
    except yaml.YAMLError as exc:
        raise SpecError(f"not valid YAML ({exc})", source=path) from None
    return parse_definition(data, assignment=folder.resolve().name, source=path)
