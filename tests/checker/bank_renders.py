"""Bank cases rendered through safeshare.cases, with their keys (the ground truth)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from safeshare.cases.cache import load_rendered, rendered_case
from safeshare.model.key import Finding, Key
from safeshare.model.locations import Box
from safeshare.model.view import CaseView


@lru_cache(maxsize=16)
def rendered(case_id: str, seed: int = 1) -> tuple[Path, CaseView, Key]:
    folder = rendered_case(case_id, seed=seed)
    view, key = load_rendered(folder)
    assert key is not None
    return folder, view, key


def asset_file(case_id: str, asset_id: str, seed: int = 1) -> Path:
    folder, view, _ = rendered(case_id, seed)
    (asset,) = [a for a in view.assets if a.id == asset_id]
    return folder / asset.file


def overlaps(key_box: Box, box: Box) -> bool:
    """A detection finds a key box when it covers 30% of it, or lies mostly inside it."""
    if key_box.asset != box.asset:
        return False
    ix = max(0, min(key_box.x + key_box.w, box.x + box.w) - max(key_box.x, box.x))
    iy = max(0, min(key_box.y + key_box.h, box.y + box.h) - max(key_box.y, box.y))
    inter = ix * iy
    return inter >= 0.3 * key_box.area or (box.area > 0 and inter >= 0.5 * box.area)


def key_boxes(key: Key, asset_id: str) -> list[Finding]:
    return [f for f in key.findings if isinstance(f.location, Box) and f.location.asset == asset_id]
