"""Fixtures: the assignments tests' fixed course secret, per test or per module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from safeshare.assignments.secret import SECRET_ENV, CourseSecret, load_secret
from tests.assignments.conftest import secret, secret_file
from tests.assignments.nbgrader_course import FIXED_SECRET

__all__ = ["module_secret", "secret", "secret_file"]


@pytest.fixture(scope="module")
def module_secret(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CourseSecret]:
    path = tmp_path_factory.mktemp("educator") / "course.secret"
    path.write_text(FIXED_SECRET + "\n", encoding="ascii")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(SECRET_ENV, str(path))
        yield load_secret("safeshare")
