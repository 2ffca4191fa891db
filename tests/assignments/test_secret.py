"""The course secret: created private, never replaced by accident, never inside the course."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import pytest

from safeshare.assignments.secret import (
    SECRET_ENV,
    init_secret,
    load_secret,
    new_cohort_secret,
    secret_path,
)
from safeshare.assignments.variants import variant_seed
from safeshare.errors import AssignmentError

ITEM = {"assignment": "pixels", "item": "q1", "index": 0}


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


def test_a_new_cohort_gets_a_new_secret_and_the_old_one_is_kept_dated(tmp_path: Path) -> None:
    path = init_secret("c1", path=tmp_path / "keys" / "c1.secret")
    old_bytes = path.read_bytes()
    old = load_secret("c1", path=path)
    done = new_cohort_secret("c1", path=path, today=dt.date(2026, 9, 1))
    assert done.path == path.resolve()
    assert done.backup == path.resolve().with_name("c1.2026-09-01.secret")
    assert done.backup.read_bytes() == old_bytes
    assert stat.S_IMODE(done.backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    new = load_secret("c1", path=path)
    assert new.value != old.value
    # The old cohort's variants come back from the kept secret, not from the new one.
    seed = variant_seed(old, **ITEM)
    assert variant_seed(load_secret("c1", path=done.backup), **ITEM) == seed
    assert variant_seed(new, **ITEM) != seed
    # A second new cohort on the same day keeps both older secrets.
    again = new_cohort_secret("c1", path=path, today=dt.date(2026, 9, 1))
    assert again.backup.name == "c1.2026-09-01-2.secret"
    assert again.backup.read_bytes() != done.backup.read_bytes()
    assert variant_seed(load_secret("c1", path=done.backup), **ITEM) == seed


def test_a_new_cohort_needs_a_secret_to_close_and_refuses_a_place_in_the_course(
    tmp_path: Path,
) -> None:
    with pytest.raises(AssignmentError, match="init-secret"):
        new_cohort_secret("c1", path=tmp_path / "none.secret")
    (tmp_path / "bad.secret").write_text("not a secret")
    with pytest.raises(AssignmentError, match="not a course secret"):
        new_cohort_secret("c1", path=tmp_path / "bad.secret")
    assert list(tmp_path.iterdir()) == [tmp_path / "bad.secret"]
    with pytest.raises(AssignmentError, match="outside the course folder"):
        new_cohort_secret("c1", path=tmp_path / "course" / "s", course_root=tmp_path / "course")


def test_init_secret_points_at_new_cohort_when_a_secret_exists(tmp_path: Path) -> None:
    path = init_secret("c1", path=tmp_path / "s")
    with pytest.raises(AssignmentError, match="new-cohort"):
        init_secret("c1", path=path)
