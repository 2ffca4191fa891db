"""The course secret: the one thing that keeps graded variants' keys from learners.

The toolkit and its bank are open and rendering is deterministic, so whoever
knows a variant's seed can print its key. Graded variants therefore take their
seeds from a secret the educator keeps outside the course folder and the
repository, like nbgrader's gradebook: by default
`$XDG_CONFIG_HOME/safeshare/secrets/<course id>.secret` (~/.config when
XDG_CONFIG_HOME is not set), or the file named by $SAFESHARE_SECRET_FILE.
`safeshare assign init-secret` creates it (readable by its owner only);
`safeshare assign new-cohort` starts a new one for a new cohort and keeps the
old one beside it, dated, to grade what the old cohort was given.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from safeshare.atomic import write_text_atomic
from safeshare.errors import AssignmentError

__all__ = [
    "SECRET_ENV",
    "CourseSecret",
    "NewCohort",
    "init_secret",
    "load_secret",
    "new_cohort_secret",
    "secret_path",
]

SECRET_ENV = "SAFESHARE_SECRET_FILE"
"""Environment variable naming the secret file, overriding the default place."""
_SECRET_BYTES = 32
_MIN_HEX = 32
_COURSE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


@dataclass(frozen=True, slots=True)
class CourseSecret:
    """The secret bytes and the file they came from (the bytes never appear in a repr)."""

    value: bytes
    path: Path

    def __repr__(self) -> str:
        return f"CourseSecret(path={str(self.path)!r})"


def _check_course_id(course_id: str) -> str:
    if not _COURSE_ID.match(course_id):
        raise AssignmentError(
            f"course id {course_id!r} must be letters, digits, '.', '-' or '_' "
            "(set c.CourseDirectory.course_id in nbgrader_config.py)"
        )
    return course_id


def secret_path(course_id: str) -> Path:
    """Where the secret of this course is kept on this machine."""
    configured = os.environ.get(SECRET_ENV)
    if configured:
        return Path(configured).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "safeshare" / "secrets" / f"{_check_course_id(course_id)}.secret"


def _target(course_id: str, path: Path | None, course_root: Path | None) -> Path:
    target = (path or secret_path(course_id)).expanduser().resolve()
    if course_root is not None and target.is_relative_to(course_root.resolve()):
        raise AssignmentError(
            f"{target}: keep the course secret outside the course folder "
            f"({course_root}); releases and the repository must never hold it"
        )
    return target


def _write_new_secret(target: Path) -> None:
    """A fresh random secret in `target`, readable by its owner only, replaced atomically."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_text_atomic(target, secrets.token_hex(_SECRET_BYTES) + "\n", mode=0o600)


def init_secret(
    course_id: str,
    *,
    path: Path | None = None,
    course_root: Path | None = None,
    force: bool = False,
) -> Path:
    """Create a new random secret for a course, readable by its owner only.

    Refuses to replace an existing secret unless `force` (a new secret gives
    every learner new variants, so answers to a released assignment could no
    longer be graded; a new cohort uses new_cohort_secret, which keeps the old
    one), and refuses a place inside the course folder, which releases and the
    repository copy.
    """
    target = _target(course_id, path, course_root)
    if target.exists() and not force:
        raise AssignmentError(
            f"{target}: a course secret exists already; a new one would change every "
            "learner's variants. For a new cohort run `safeshare assign new-cohort` "
            "(it keeps the old secret); --force replaces it only before any release"
        )
    _write_new_secret(target)
    return target


@dataclass(frozen=True, slots=True, kw_only=True)
class NewCohort:
    """What new_cohort_secret did."""

    path: Path
    """The course secret, now new: the new cohort's releases and grades use it."""
    backup: Path
    """The old secret, kept: the old cohort's released assignments are graded with it."""


def _backup_path(target: Path, day: dt.date) -> Path:
    """`<name>.<YYYY-MM-DD>.secret` beside the secret (`-2`, `-3`... if taken)."""
    stem = target.name.removesuffix(".secret")
    for n in range(1, 1000):
        suffix = day.isoformat() if n == 1 else f"{day.isoformat()}-{n}"
        candidate = target.with_name(f"{stem}.{suffix}.secret")
        if not candidate.exists():
            return candidate
    raise AssignmentError(  # pragma: no cover - a thousand new cohorts in a day
        f"{target.parent}: too many secrets kept today; move old ones away"
    )


def new_cohort_secret(
    course_id: str,
    *,
    path: Path | None = None,
    course_root: Path | None = None,
    today: dt.date | None = None,
) -> NewCohort:
    """Start a new secret for a new cohort, keeping the old one beside it with today's date.

    The old secret is copied first (readable by its owner only, never
    overwriting another file), then the new one replaces it atomically: at no
    moment is there no secret. Refuses when there is no secret yet (make one
    with init_secret) or the file there is not a secret.
    """
    target = _target(course_id, path, course_root)
    if not target.exists():
        raise AssignmentError(
            f"{target}: no course secret yet, so no cohort to close; create the first "
            "one with `safeshare assign init-secret`"
        )
    load_secret(course_id, path=target)  # refuse to rotate a file that is not a secret
    old = target.read_bytes()
    backup = _backup_path(target, today or dt.date.today())
    fd = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(old)
        handle.flush()
        os.fsync(handle.fileno())
    _write_new_secret(target)
    return NewCohort(path=target, backup=backup)


def load_secret(course_id: str, *, path: Path | None = None) -> CourseSecret:
    """Read the course secret; AssignmentError says how to create it when it is missing."""
    target = (path or secret_path(course_id)).expanduser()
    try:
        text = target.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        raise AssignmentError(
            f"{target}: no course secret for course {course_id!r}; create one with "
            f"`safeshare assign init-secret` (or point ${SECRET_ENV} at it)"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AssignmentError(f"{target}: cannot read the course secret ({exc})") from None
    if len(text) < _MIN_HEX or not re.fullmatch(r"[0-9a-fA-F]+", text):
        raise AssignmentError(
            f"{target}: not a course secret (expected at least {_MIN_HEX} hexadecimal "
            "characters on one line, as `safeshare assign init-secret` writes)"
        )
    return CourseSecret(value=text.lower().encode("ascii"), path=target)
