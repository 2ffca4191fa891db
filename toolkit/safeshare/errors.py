"""Every error safeshare raises, in one place.

Each message names the file (or input) and the problem, and says how to fix it,
so the command line can print it as a single line and exit with status 2.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "AnswerError",
    "AssignmentError",
    "AuthorError",
    "BundleError",
    "CaseNotFoundError",
    "CheckInputError",
    "GradedLaterError",
    "ProgressError",
    "RenderError",
    "RubricError",
    "SafeshareError",
    "SafeshareWarning",
    "SpecError",
    "TemplateError",
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


class TemplateError(SafeshareError):
    """A text template in a spec is malformed (a marker, a chance, an unknown fact)."""


class CaseNotFoundError(SafeshareError):
    """No case in the bank has the id asked for."""


class CheckInputError(SafeshareError):
    """A file or text given to the checker cannot be read safely: truncated, too large, a
    decompression bomb, not an image or DICOM, a malformed DICOM, an over-long post."""


class RenderError(SafeshareError):
    """Rendering a case failed (the spec asks for something a renderer cannot draw)."""


class AnswerError(SafeshareError):
    """An answer file cannot be read or breaks the answer schema: it earns no credit."""


class AssignmentError(SafeshareError):
    """A graded assignment cannot be prepared or graded: no course secret, a bad assignment file."""


class RubricError(SafeshareError):
    """A grading rubric file (the weights an educator sets) is malformed."""


class ProgressError(SafeshareError):
    """A learner's progress file is missing, unreadable or damaged."""


class GradedLaterError(SafeshareError):
    """Check or Reveal asked of a graded exercise: it has no key here, it is marked later."""


class UsageError(SafeshareError):
    """The command line was used the wrong way."""


class AuthorError(SafeshareError):
    """An authored case cannot be drafted or saved: an unreadable image, a region outside it,
    a field of an unknown kind, or identifiers the privacy guard finds unaccounted for."""


class BundleError(AuthorError):
    """A case bundle (zip) is unsafe or malformed: a path escaping its folder, a link, an
    oversized member, a file its manifest does not list."""
