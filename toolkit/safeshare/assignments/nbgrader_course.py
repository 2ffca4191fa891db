"""The nbgrader course a graded assignment belongs to: its folder, id and step folders.

The course folder is the one holding `nbgrader_config.py` (nbgrader's course
root). Its id and folder names are read from that file, the same file nbgrader
reads, so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from safeshare.errors import AssignmentError

__all__ = ["CONFIG_FILE", "Course", "find_course", "load_course"]

CONFIG_FILE = "nbgrader_config.py"


@dataclass(frozen=True, slots=True, kw_only=True)
class Course:
    """An nbgrader course on this machine."""

    root: Path
    course_id: str
    source_directory: str = "source"
    release_directory: str = "release"
    submitted_directory: str = "submitted"
    autograded_directory: str = "autograded"

    @property
    def source(self) -> Path:
        return self.root / self.source_directory

    @property
    def release(self) -> Path:
        return self.root / self.release_directory

    @property
    def submitted(self) -> Path:
        return self.root / self.submitted_directory

    @property
    def autograded(self) -> Path:
        return self.root / self.autograded_directory


def load_course(root: Path) -> Course:
    """Read a course's id and folder names from its nbgrader_config.py."""
    from traitlets.config.loader import ConfigFileNotFound, PyFileConfigLoader

    root = root.resolve()
    try:
        config = PyFileConfigLoader(CONFIG_FILE, path=str(root)).load_config()
    except ConfigFileNotFound:
        raise AssignmentError(
            f"no {CONFIG_FILE} here: not an nbgrader course", source=root
        ) from None
    except Exception as exc:
        raise AssignmentError(f"cannot read {CONFIG_FILE} ({exc})", source=root) from None
    section = config.get("CourseDirectory", {})
    course_id = str(section.get("course_id", "") or "")
    if not course_id:
        raise AssignmentError(
            f"{CONFIG_FILE} sets no c.CourseDirectory.course_id (the course secret is per course)",
            source=root,
        )
    names = {
        name: str(section[name])
        for name in (
            "source_directory",
            "release_directory",
            "submitted_directory",
            "autograded_directory",
        )
        if name in section
    }
    return Course(root=root, course_id=course_id, **names)


def find_course(start: Path) -> Course:
    """The course whose folder holds `start` (nearest nbgrader_config.py going up)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return load_course(folder)
    raise AssignmentError(
        f"no {CONFIG_FILE} in this folder or above it: not inside an nbgrader course",
        source=start,
    )
