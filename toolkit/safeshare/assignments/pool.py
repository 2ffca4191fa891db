"""The pool of an item: its variants, each a case rendered with a secret seed.

Only the educator can render a variant (the seed needs the course secret).
Rendering goes through the case cache, so generate_assignment draws each
variant once and the autograder and the cohort report find it there.
What the learner sees of variant i carries the public index i as its seed;
`variant_key` gives the key in that same numbering, for grading.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from safeshare.assignments.definition import AssignmentDef, Item
from safeshare.assignments.release_files import CASE_FILE, release_plan
from safeshare.assignments.secret import CourseSecret
from safeshare.assignments.variants import learner_variant, variant_seed
from safeshare.cases.bank import find_case
from safeshare.cases.cache import load_rendered, rendered_spec
from safeshare.cases.spec import CaseSpec
from safeshare.errors import AssignmentError
from safeshare.model.key import Key
from safeshare.model.view import CaseView

__all__ = [
    "Variant",
    "learners_variant",
    "pool_of",
    "release_drift",
    "render_variants",
    "variant_key",
    "variant_name",
    "variant_view",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Variant:
    """Variant `index` of one item of one assignment."""

    assignment: str
    item: str
    case: str
    index: int
    """Public: the pool position, what the learner's copy and answer call the seed."""
    seed: int
    """Secret: the seed the case is rendered with."""
    bank: Path | None = None
    """The folder of specs holding the case (None for the shipped bank)."""

    @property
    def name(self) -> str:
        return variant_name(self.index)


def variant_name(index: int) -> str:
    """The folder of variant `index` under cases/<item>/ in a release: v0, v1, ..."""
    return f"v{index}"


def pool_of(
    definition: AssignmentDef, item: Item, secret: CourseSecret, *, course_root: Path
) -> list[Variant]:
    """Every variant of an item, in index order."""
    bank = definition.bank_path(course_root)
    return [
        Variant(
            assignment=definition.id,
            item=item.id,
            case=item.case,
            index=i,
            seed=variant_seed(secret, assignment=definition.id, item=item.id, index=i),
            bank=bank,
        )
        for i in range(definition.pool)
    ]


def learners_variant(
    definition: AssignmentDef,
    item: Item,
    learner: str,
    secret: CourseSecret,
    *,
    course_root: Path,
) -> Variant:
    """The variant of an item that this learner was given."""
    index = learner_variant(learner, assignment=definition.id, item=item.id, pool=definition.pool)
    return pool_of(definition, item, secret, course_root=course_root)[index]


@lru_cache(maxsize=256)
def _spec(case: str, bank: Path | None) -> CaseSpec:
    """A case's spec, read once per process (a pool renders the same spec many times)."""
    return find_case(case, bank)


def _render(variant: Variant) -> Path:
    return rendered_spec(_spec(variant.case, variant.bank), seed=variant.seed)


def render_variants(variants: Sequence[Variant], *, jobs: int = 1) -> list[Path]:
    """The cached case folders of these variants (with key.json), drawing the missing ones."""
    if jobs <= 1 or len(variants) <= 1:
        return [_render(v) for v in variants]
    with ProcessPoolExecutor(max_workers=min(jobs, len(variants))) as pool:
        return list(pool.map(_render, variants))


def variant_key(variant: Variant) -> Key:
    """The key of a variant, numbered by its public index (as the learner's answer is)."""
    folder = _render(variant)
    _, key = load_rendered(folder)
    if key is None:  # pragma: no cover - the cache always holds key.json
        raise AssignmentError("rendered variant has no key.json", source=folder)
    return dataclasses.replace(key, seed=variant.index)


def variant_view(variant: Variant) -> CaseView:
    """What the learner sees of a variant, numbered by its public index (as their answer is)."""
    view, _ = load_rendered(_render(variant))
    return dataclasses.replace(view, seed=variant.index)


def _comparable_view(data: dict[str, Any], index: int) -> dict[str, Any]:
    view = dict(data)
    view["seed"] = index
    view.pop("extra", None)
    return view


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def release_drift(variant: Variant, released: Path) -> str:
    """Why a released variant differs from the variant rendered now ('' when they agree).

    The key is rebuilt at grading time, so the release must show what the
    same code draws now; a toolkit changed between release and grading would
    grade learners against a picture they never saw. The release's files are
    planned again from the fresh render (its JPEGs encoded again, byte for
    byte the same) and compared, and a file the plan does not hold is drift too.
    """
    released_case = released / CASE_FILE
    if not released_case.is_file():
        return f"{released}: not in the release"
    view, files = release_plan(_render(variant))
    try:
        shown = json.loads(released_case.read_text(encoding="utf-8"))
    except ValueError:
        return f"{released_case}: not readable JSON; run nbgrader generate_assignment again"
    if not isinstance(shown, dict) or _comparable_view(view, variant.index) != _comparable_view(
        shown, variant.index
    ):
        return f"{released_case}: differs from the variant rendered now"
    for file in files:
        twin = released / file.name
        if not twin.is_file() or _digest(twin.read_bytes()) != _digest(file.content()):
            return f"{twin}: differs from the variant rendered now"
    expected = {CASE_FILE, *(file.name for file in files)}
    for path in sorted(released.iterdir()):
        if path.name not in expected:
            return f"{path}: not part of the variant rendered now"
    return ""
