"""Every error safeshare raises, in one place.

Each message names the file (or input) and the problem, and says how to fix it,
so the command line can print it as a single line and exit with status 2.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "AnswerError",
    "AssignmentError",
    "CaseNotFoundError",
    "RenderError",
    "RubricError",
    "SafeshareError",
    "SafeshareWarning",
    "SpecError",
    "UsageError",
]


class SafeshareWarning(UserWarning):
    """A problem worth knowing about that does not stop the work."""


class SafeshareError(Exception):
    """Base class: a problem with the input that the user can fix."""

    def __init__(self, message: str, *, source: str | Path | None = None) -> None:
        self.source = str(source) if source is not None else None
        self.problem = message
        super().__init__(f"{self.source}: {message}" if self.source else message)


class SpecError(SafeshareError):
    """A case spec (YAML) is malformed or breaks a rule of the schema."""

    def __init__(self, message: str, *, source: str | Path | None = None, field: str = "") -> None:
        self.field = field
        located = f"{field}: {message}" if field else message
        super().__init__(located, source=source)


class CaseNotFoundError(SafeshareError):
    """No case in the bank has the id asked for."""


class RenderError(SafeshareError):
    """Rendering a case failed (the spec asks for something a renderer cannot draw)."""


class AnswerError(SafeshareError):
    """An answer file cannot be read or breaks the answer schema: it earns no credit."""


class AssignmentError(SafeshareError):
    """A graded assignment cannot be prepared or graded: no course secret, a bad assignment file."""


class RubricError(SafeshareError):
    """A grading rubric file (the weights an educator sets) is malformed."""


class UsageError(SafeshareError):
    """The command line was used the wrong way."""
