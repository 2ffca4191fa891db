"""The module list agrees with the notebooks, the questions and the bank."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from safeshare.cases.bank import load_bank
from safeshare.course.modules import CAPSTONE, MODULES, module
from safeshare.course.questions import QUESTIONS, questions_for

COURSE = Path(__file__).resolve().parents[2] / "course"


def test_modules_are_00_to_08_in_order() -> None:
    assert [m.id for m in MODULES] == [f"{i:02d}" for i in range(9)]
    assert CAPSTONE == "08"
    assert module("03").title == "Hidden data"
    with pytest.raises(KeyError, match="unknown module '09'"):
        module("09")


@pytest.mark.parametrize("mod", MODULES, ids=lambda m: m.id)
def test_each_notebook_opens_its_module_under_its_title(mod: object) -> None:
    nb = nbformat.read(COURSE / mod.notebook, as_version=4)  # type: ignore[attr-defined]
    assert nb.cells[0].cell_type == "markdown"
    assert nb.cells[0].source == f"# {mod.id} · {mod.title}"  # type: ignore[attr-defined]
    assert f'open_module("{mod.id}")' in nb.cells[1].source  # type: ignore[attr-defined]
    cases = [
        c.source.split('"')[1]
        for c in nb.cells
        if c.cell_type == "code" and c.source.startswith("module.exercise(")
    ]
    assert tuple(cases) == mod.cases  # type: ignore[attr-defined]


def test_modules_02_to_08_have_at_least_three_exercises() -> None:
    for mod in MODULES[2:]:
        assert len(mod.cases) >= 3, mod.id


def test_each_module_has_objectives_questions_and_a_prompt() -> None:
    for mod in MODULES:
        assert len(mod.objectives) >= 2 and len(mod.reflection_prompt) > 20
        assert len(questions_for(mod.id)) >= 2, mod.id


def test_question_ids_are_unique_and_answers_in_range() -> None:
    assert len(QUESTIONS) == sum(len(questions_for(m.id)) for m in MODULES)
    for q in QUESTIONS.values():
        assert 0 <= q.answer < len(q.choices) and len(set(q.choices)) == len(q.choices)
        assert q.explanation


def test_no_case_is_used_twice() -> None:
    used = [c for m in MODULES for c in m.cases]
    assert len(used) == len(set(used))


def test_every_case_exists_in_the_bank() -> None:
    bank = {s.id: s for s in load_bank()}
    missing = [c for m in MODULES for c in m.cases if c not in bank]
    assert not missing, f"cases not in the bank: {missing}"


def test_the_capstone_mixes_kinds() -> None:
    bank = {s.id: s for s in load_bank()}
    kinds = {bank[c].kind for c in module(CAPSTONE).cases if c in bank}
    assert len(kinds) >= 3
