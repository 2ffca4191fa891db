"""The demo notebook: one-line code cells showing an exercise; showing it writes nothing."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from safeshare.model.locations import Box, Span
from safeshare.widgets import Exercise

DEMO = Path(__file__).resolve().parents[2] / "docs" / "demo-exercise.ipynb"


@pytest.mark.slow  # renders the demo case when the run's cache lacks it
def test_demo_cells_are_one_liners_that_show_an_exercise(workdir: Path) -> None:
    nb = nbformat.read(str(DEMO), as_version=4)
    code = [cell.source for cell in nb.cells if cell.cell_type == "code"]
    assert code and all("\n" not in source.strip() for source in code)
    namespace: dict[str, object] = {}
    for source in code:
        exec(compile(source, str(DEMO), "exec"), namespace)
    exercises = [v for v in namespace.values() if isinstance(v, Exercise)]
    assert len(exercises) == 1
    exercise = exercises[0]
    assert not (workdir / "answers").exists()
    assert exercise.answers_path == workdir / "answers" / f"{exercise.case.case_id}.json"
    # The browser test draws a box and highlights words the key knows about.
    key = exercise._key
    assert key is not None
    kinds = {type(f.location) for f in key.findings}
    assert Box in kinds and Span in kinds
