"""The public API of safeshare.grade: everything re-exported, nothing missing."""

from __future__ import annotations

import inspect

import safeshare.grade as grade_package
from safeshare.grade import (
    answer,
    bounds,
    cover,
    feedback_text,
    grader,
    matching,
    result,
    rubric,
    scoring,
)


def test_all_is_complete_and_importable() -> None:
    for name in grade_package.__all__:
        assert hasattr(grade_package, name), name
    for needed in ("grade", "Answer", "Result", "Rubric", "load_answer", "answer_from_key"):
        assert needed in grade_package.__all__


def test_every_module_lists_its_public_names() -> None:
    for module in (answer, bounds, cover, feedback_text, grader, matching, result, rubric, scoring):
        public = {
            name
            for name, value in vars(module).items()
            if not name.startswith("_")
            and (inspect.isfunction(value) or inspect.isclass(value))
            and value.__module__ == module.__name__
        }
        assert public <= set(module.__all__), (module.__name__, public - set(module.__all__))


def test_options_are_keyword_only() -> None:
    params = inspect.signature(grade_package.grade).parameters
    assert params["rubric"].kind is inspect.Parameter.KEYWORD_ONLY
    assert params["source"].kind is inspect.Parameter.KEYWORD_ONLY
    assert params["view"].kind is inspect.Parameter.KEYWORD_ONLY
