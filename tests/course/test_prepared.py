"""What the server prepares ahead: a learner's kernel reads files and never loads the renderers.

The kernel test runs module notebooks as Voila does (a real ipykernel through
nbclient) with the index the server would hand over, then asks the kernel
which modules it imported: no safeshare.render, no scipy, no matplotlib.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from safeshare.cases.cache import rendered_case
from safeshare.course.modules import COURSE_SEED, module
from safeshare.course.prepared import (
    PREPARED_ENV,
    PREPARED_URL_ENV,
    PreparedIndex,
    prepared_case,
    prepared_chart,
    prepared_picture_urls,
)
from safeshare.course.serve import prepare_cases, prepare_charts

COURSE = Path(__file__).resolve().parents[2] / "course"
HEAVY = ("safeshare.render", "safeshare.cases.build", "scipy", "matplotlib")


def test_an_index_lists_cases_and_charts_for_the_kernels(tmp_path: Path) -> None:
    index = PreparedIndex(tmp_path / "prepared" / "index.json")
    env = {PREPARED_ENV: str(index.path)}
    assert prepared_case("E01", seed=COURSE_SEED, environ=env) is None
    folder = rendered_case("E01", seed=COURSE_SEED)
    index.add_case("E01", seed=COURSE_SEED, folder=folder)
    assert prepared_case("E01", seed=COURSE_SEED, environ=env) == folder.resolve()
    assert prepared_case("E01", seed=COURSE_SEED + 1, environ=env) is None, "another seed"
    assert prepared_case("E01", seed=COURSE_SEED, environ={}) is None, "no index: the cache"
    index.add_chart("walradt", b"\x89PNG fake")
    assert prepared_chart("walradt", environ=env) == b"\x89PNG fake"
    assert prepared_chart("patient_views", environ=env) is None


def test_served_pictures_are_named_by_case_and_versioned_by_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "E01"
    shutil.copytree(rendered_case("E01", seed=COURSE_SEED), folder)
    served = {PREPARED_URL_ENV: "/course-assets/"}
    assert prepared_picture_urls("E01", folder, seed=COURSE_SEED, environ={}) is None
    url = prepared_picture_urls("E01", folder, seed=COURSE_SEED, environ=served)
    assert url is not None
    frame = url(folder / "frame.png")
    assert frame is not None and frame.startswith(f"/course-assets/{COURSE_SEED}/E01/frame.png?v=")
    assert url(folder / "frame.png") == frame, "the same file keeps its address"
    (folder / "frame.png").write_bytes((folder / "frame.png").read_bytes() + b"\0")
    assert url(folder / "frame.png") != frame, "a changed file gets a new address"
    assert url(folder / "key.json") is None, "never the key"
    assert url(folder / "case.json") is None
    assert url(tmp_path / "elsewhere.png") is None, "only the case's own folder"


def test_an_entry_whose_folder_is_gone_is_absent(tmp_path: Path) -> None:
    copy = tmp_path / "E01"
    shutil.copytree(rendered_case("E01", seed=COURSE_SEED), copy)
    index = PreparedIndex(tmp_path / "index.json")
    index.add_case("E01", seed=COURSE_SEED, folder=copy)
    env = {PREPARED_ENV: str(index.path)}
    assert prepared_case("E01", seed=COURSE_SEED, environ=env) == copy.resolve()
    (copy / "key.json").unlink()
    assert prepared_case("E01", seed=COURSE_SEED, environ=env) is None


def test_a_damaged_index_counts_as_none(tmp_path: Path) -> None:
    path = tmp_path / "index.json"
    path.write_text("{not json", encoding="utf-8")
    assert prepared_case("E01", seed=COURSE_SEED, environ={PREPARED_ENV: str(path)}) is None
    path.write_text(json.dumps({"version": 99, "cases": {}}), encoding="utf-8")
    assert prepared_chart("walradt", environ={PREPARED_ENV: str(path)}) is None


def test_a_new_server_starts_the_index_afresh(tmp_path: Path) -> None:
    path = tmp_path / "index.json"
    PreparedIndex(path).add_chart("walradt", b"old")
    PreparedIndex(path)
    assert prepared_chart("walradt", environ={PREPARED_ENV: str(path)}) is None


@pytest.mark.slow
@pytest.mark.parametrize("module_id", ["01", "02"])
def test_a_module_page_kernel_never_loads_the_renderers(
    module_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = PreparedIndex(tmp_path / "prepared" / "index.json")
    assert prepare_cases(modules=[module_id], index=index, jobs=1) == []
    prepare_charts(index)
    mod = module(module_id)
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(COURSE / mod.notebook, work / mod.notebook)
    monkeypatch.setenv(PREPARED_ENV, str(index.path))
    monkeypatch.setenv("SAFESHARE_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("SAFESHARE_LEARNER", "Kernel Prober")
    nb = nbformat.read(work / mod.notebook, as_version=4)
    probe = (
        "import sys, json\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.startswith({HEAVY!r}))))"
    )
    nb.cells.append(nbformat.v4.new_code_cell(probe))
    NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(work)}}
    ).execute()
    for cell in nb.cells[:-1]:
        if cell.cell_type == "code":
            assert all(o.output_type != "error" for o in cell.outputs), cell.source
    loaded = json.loads(nb.cells[-1].outputs[0]["text"])
    assert loaded == [], f"module {module_id}'s kernel loaded {loaded}"
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    exercises = [m for m in state.values() if m.get("model_module") == "anywidget"]
    assert len(exercises) == len(mod.cases), "every exercise shows, read from its folder"


@pytest.mark.slow
def test_without_an_index_the_kernel_still_finds_the_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check above would pass if exercises failed to show: here they show with no index."""
    from safeshare.course.page import open_module

    monkeypatch.delenv(PREPARED_ENV, raising=False)
    page = open_module("00", root=tmp_path, environ={"SAFESHARE_LEARNER": "No Index"}, show=False)
    slot = page.exercise("E01")
    assert slot.children and slot.children[0].__class__.__name__ == "Exercise"
