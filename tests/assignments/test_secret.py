"""The course secret: created private, never replaced by accident, never inside the course."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from safeshare.assignments.secret import SECRET_ENV, init_secret, load_secret, secret_path
from safeshare.errors import AssignmentError


def test_default_place_is_the_educators_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(SECRET_ENV, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert secret_path("safeshare") == tmp_path / "config/safeshare/secrets/safeshare.secret"


def test_env_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SECRET_ENV, str(tmp_path / "s"))
    assert secret_path("anything") == tmp_path / "s"


def test_init_writes_a_private_random_secret(tmp_path: Path) -> None:
    a = init_secret("c1", path=tmp_path / "a.secret")
    b = init_secret("c1", path=tmp_path / "b.secret")
    assert stat.S_IMODE(a.stat().st_mode) == 0o600
    assert a.read_text() != b.read_text()
    loaded = load_secret("c1", path=a)
    assert len(loaded.value) == 64
    assert loaded.value.decode() not in repr(loaded)


def test_init_refuses_to_replace_a_secret_unless_forced(tmp_path: Path) -> None:
    path = init_secret("c1", path=tmp_path / "s")
    first = path.read_text()
    with pytest.raises(AssignmentError, match="exists already"):
        init_secret("c1", path=path)
    init_secret("c1", path=path, force=True)
    assert path.read_text() != first


def test_init_refuses_a_place_inside_the_course(tmp_path: Path) -> None:
    with pytest.raises(AssignmentError, match="outside the course folder"):
        init_secret("c1", path=tmp_path / "course" / "s", course_root=tmp_path / "course")


def test_missing_secret_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(AssignmentError, match="init-secret"):
        load_secret("c1", path=tmp_path / "none")


@pytest.mark.parametrize("text", ["", "short", "zz" * 20])
def test_a_file_that_is_not_a_secret_is_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "s"
    path.write_text(text)
    with pytest.raises(AssignmentError, match="not a course secret"):
        load_secret("c1", path=path)


def test_course_id_must_be_a_plain_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SECRET_ENV, raising=False)
    with pytest.raises(AssignmentError, match="course id"):
        secret_path("../escape")
