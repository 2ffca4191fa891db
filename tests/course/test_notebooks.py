"""Every course notebook runs headless in a fresh kernel, in a folder of its own, and shows widgets.

Each notebook is copied into a temporary folder and run there with nbclient,
as Voila would, with $SAFESHARE_DATA pointing at a temporary data folder and a
learner given by $SAFESHARE_LEARNER, so the exercises are built. The notebooks
in git carry no outputs.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

from safeshare.course.modules import CAPSTONE, MODULES, Module
from safeshare.course.questions import questions_for
from safeshare.taxonomy import GUIDANCE, REFERENCES, Reference

COURSE = Path(__file__).resolve().parents[2] / "course"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
ONE_LINER = re.compile(r"^(module\.\w+\([^\n]*\)|walradt_chart\(\)|patient_views_chart\(\))$")


def notebooks() -> list[Path]:
    return [COURSE / m.notebook for m in MODULES]


def test_the_course_has_the_nine_notebooks() -> None:
    assert all(p.is_file() for p in notebooks())


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.stem)
def test_notebooks_in_git_carry_no_outputs(path: Path) -> None:
    raw = json.loads(path.read_text(encoding="utf-8"))
    for cell in raw["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], f"{path.name}: stored outputs"
            assert cell["execution_count"] is None, f"{path.name}: stored execution count"
    assert "widgets" not in raw["metadata"], f"{path.name}: stored widget state"


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.stem)
def test_code_cells_are_one_liners_after_a_single_import_cell(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    first = code[0].splitlines()
    assert len(first) == 2 and first[0].startswith("from safeshare.course import ")
    assert first[1].startswith("module = open_module(")
    for source in code[1:]:
        assert ONE_LINER.match(source), f"{path.name}: not a one-liner: {source!r}"
    assert sum("import" in s for s in code) == 1


def _cited(line: str) -> Reference:
    """The reference a bullet of a References list cites in full (exactly one must match)."""
    hits = [r for r in REFERENCES.values() if line.startswith(f"- {r.citation()} Relied on: ")]
    assert len(hits) == 1, f"not a full citation from the references table: {line[:120]!r}"
    return hits[0]


@pytest.mark.parametrize("mod", MODULES, ids=lambda m: m.id)
def test_each_module_ends_with_its_references_in_full(mod: Module) -> None:
    nb = nbformat.read(COURSE / mod.notebook, as_version=4)
    last = nb.cells[-1]
    assert last.cell_type == "markdown" and last.source.startswith("## References\n"), mod.id
    bullets = [line for line in last.source.splitlines() if line.startswith("- ")]
    assert bullets, mod.id
    cited: set[str] = set()
    for line in bullets:
        ref = _cited(line)
        relied = line.split(" Relied on: ", 1)[1]
        assert len(relied.split(" *Note:* ")[0]) > 5, (mod.id, ref.id, "what is relied on")
        if "unverified" in ref.note.lower():
            assert f"*Note:* {ref.note}" in line, (mod.id, ref.id, "the note says unverified")
        cited.add(ref.id)
    for q in questions_for(mod.id):
        for guidance_id in q.sources:
            assert GUIDANCE[guidance_id].reference in cited, (mod.id, q.id, guidance_id)


def test_the_course_names_the_source_it_grew_from() -> None:
    start = nbformat.read(COURSE / MODULES[0].notebook, as_version=4)
    text = "\n".join(c.source for c in start.cells if c.cell_type == "markdown")
    assert "Segal JP, Hansen R" in text and "doi:10.1038/s41575-021-00453-1" in text
    for mod in MODULES:
        nb = nbformat.read(COURSE / mod.notebook, as_version=4)
        reading = "\n".join(c.source for c in nb.cells[:-1] if c.cell_type == "markdown")
        if "Box 1" in reading or "commentary" in reading:
            assert "Segal and Hansen" in reading or "Segal JP, Hansen R" in reading, mod.id


WRONG_OR_OVERSTATED = (
    "about 650",
    "2026 edition",
    "Doctors' use of social media",
    "dismissed and reprimanded",
    "about a third of tweets about living patients",
    "A sedated patient cannot",
    "Initials are a name",
    "judges anonymity by the",
    "the UK commentary",
)


def test_course_text_keeps_the_fact_check_corrections() -> None:
    for mod in MODULES:
        nb = nbformat.read(COURSE / mod.notebook, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                for phrase in WRONG_OR_OVERSTATED:
                    assert phrase not in cell.source, (mod.id, phrase)


def _start_capstone(data: Path) -> None:
    """Seed the capstone's progress with a Start, so its cases are built as after the button."""
    folder = data / "learners" / "test-learner"
    folder.mkdir(parents=True, exist_ok=True)
    record = {
        "events": [{"kind": "capstone_start", "at": "2025-03-04T09:00:00+00:00", "detail": ""}]
    }
    progress = {
        "schema": 1,
        "learner": {"name": "Test Learner", "code": "test-learner"},
        "started_at": "2025-03-04T09:00:00+00:00",
        "modules": {CAPSTONE: record},
    }
    (folder / "progress.json").write_text(json.dumps(progress), encoding="utf-8")


def _anywidget_models(nb: Any) -> list[dict[str, Any]]:
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    return [m for m in state.values() if m.get("model_module") == "anywidget"]


def run_notebook(mod: Module, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(COURSE / mod.notebook, work / mod.notebook)
    data = tmp_path / "data"
    monkeypatch.setenv("SAFESHARE_DATA", str(data))
    monkeypatch.setenv("SAFESHARE_LEARNER", "Test Learner")
    monkeypatch.delenv("QUERY_STRING", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    if mod.id == CAPSTONE:
        _start_capstone(data)
    nb = nbformat.read(work / mod.notebook, as_version=4)
    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(work)}}
    )
    client.execute()
    return nb


@pytest.mark.slow
@pytest.mark.parametrize("mod", MODULES, ids=lambda m: m.id)
def test_notebook_runs_headless_and_shows_the_exercises(
    mod: Module, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nb = run_notebook(mod, tmp_path, monkeypatch)
    code = [c for c in nb.cells if c.cell_type == "code"]
    for cell in code:
        for output in cell.outputs:
            assert output.output_type != "error", f"{cell.source}: {output.get('evalue')}"
            assert output.get("name") != "stderr", f"{cell.source}: {output.get('text')}"
        assert any(WIDGET_VIEW in o.get("data", {}) for o in cell.outputs), cell.source
    exercise_cells = [c for c in code if c.source.startswith("module.exercise(")]
    assert len(exercise_cells) == len(mod.cases)
    assert len(_anywidget_models(nb)) == len(mod.cases), "one Exercise widget per case"
    # Everything the learner did went to their own folder, nothing beside the notebook.
    work = tmp_path / "work"
    assert sorted(p.name for p in work.iterdir()) == [mod.notebook]
    progress = tmp_path / "data" / "learners" / "test-learner" / "progress.json"
    assert json.loads(progress.read_text())["modules"][mod.id]["events"][0]["kind"] in (
        "open",
        "capstone_start",
    )
