"""Render many cases at once, in parallel, through the cache."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from safeshare.cases.cache import copy_case, rendered_spec
from safeshare.cases.spec import CaseSpec

__all__ = ["default_jobs", "render_cases"]


def default_jobs() -> int:
    """One worker per core the process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _render_one(spec: CaseSpec, seed: int) -> Path:
    return rendered_spec(spec, seed=seed)


def render_cases(
    specs: Sequence[CaseSpec],
    *,
    seed: int,
    out_dir: Path | None = None,
    jobs: int | None = None,
    on_done: Callable[[CaseSpec], None] | None = None,
) -> list[Path]:
    """Render every spec (cached), then copy each into out_dir/<id> when out_dir is given.

    Returns the folders in the order of `specs`. Cases already in the cache cost
    only the copy; the rest are drawn on `jobs` worker processes.
    """
    workers = jobs or default_jobs()
    folders: dict[str, Path] = {}
    if workers == 1 or len(specs) <= 1:
        for spec in specs:
            folders[spec.id] = _render_one(spec, seed)
            if on_done:
                on_done(spec)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(_render_one, spec, seed): spec for spec in specs}
            for future in as_completed(futures):
                spec = futures[future]
                folders[spec.id] = future.result()
                if on_done:
                    on_done(spec)
    ordered = [folders[spec.id] for spec in specs]
    if out_dir is None:
        return ordered
    return [copy_case(folder, out_dir) for folder in ordered]
