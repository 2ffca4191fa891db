"""Grade one item of one learner's submission, in the educator's process.

This runs inside `nbgrader autograde` (see safeshare.assignments.autograde),
never in a kernel: it reads the course secret, rebuilds the key of the
learner's own variant and grades the learner's answers file against it.
Nothing the learner submitted is executed or imported; the answers file is
read as data, and only as a regular file inside the learner's folder (a
symbolic link could point the grader at a file of the educator's).

What a learner is told about an unreadable file is a fixed sentence: the
reason (which may quote the file) goes to the educator's log only, so a file
that is not the learner's own can never be echoed into their feedback.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from safeshare.assignments.definition import AssignmentDef, Item, answers_file
from safeshare.assignments.pool import Variant, learners_variant, variant_key, variant_view
from safeshare.assignments.secret import CourseSecret
from safeshare.errors import AnswerError
from safeshare.grade import Answer, Result, grade
from safeshare.grade.answer import MAX_FILE_BYTES, decode_answer_json
from safeshare.model.key import Key

__all__ = ["ItemGrade", "grade_submitted_item", "read_submitted_answer"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemGrade:
    """What one learner earned on one item, and everything their feedback shows."""

    item: Item
    learner: str
    variant: Variant
    """The learner's own variant (its public index is what their copy calls the seed)."""
    points: float
    """Earned, a plain float from 0 to item.points."""
    result: Result | None
    """The graded answer; None when there was no usable answer (see `problem`)."""
    key: Key | None
    """The key of the learner's own variant, for the feedback drawing (never another's)."""
    problem: str = ""
    """Why nothing was earned, in words for the learner ('' when the answer was graded)."""
    detail: str = ""
    """The reason behind `problem`, for the educator's log only (may quote the file)."""

    @property
    def answers_file(self) -> str:
        return answers_file(self.item.id)


def read_submitted_answer(path: Path) -> Answer:
    """Read a submitted answers file, refusing links, folders, devices and huge files.

    Opened with O_NOFOLLOW and checked to be a regular file of at most
    MAX_FILE_BYTES before a byte is read: the grader runs with the educator's
    rights, and must read only what the learner wrote.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise AnswerError("no such file", source=path) from None
    except OSError as exc:
        raise AnswerError(
            f"cannot open it as a plain file ({exc.strerror or exc}); a link is never followed",
            source=path,
        ) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise AnswerError("not a plain file", source=path)
        if info.st_size > MAX_FILE_BYTES:
            raise AnswerError(
                f"{info.st_size} bytes is too big for an answer file (at most {MAX_FILE_BYTES})",
                source=path,
            )
        chunks: list[bytes] = []
        while chunk := os.read(fd, 1 << 16):
            chunks.append(chunk)
            if sum(map(len, chunks)) > MAX_FILE_BYTES:
                raise AnswerError("grew too big for an answer file while read", source=path)
        raw = b"".join(chunks)
    finally:
        os.close(fd)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AnswerError("not UTF-8 text: an answer file is JSON", source=path) from None
    return decode_answer_json(text, source=path)


def _inside(folder: Path, relative: str) -> Path:
    """`folder/relative`, refusing a path whose folders are links leading elsewhere."""
    path = folder / relative
    if path.parent.is_symlink() or not path.parent.resolve().is_relative_to(folder.resolve()):
        raise AnswerError("its folder is a link out of the submission", source=path)
    return path


def grade_submitted_item(
    *,
    definition: AssignmentDef,
    item: Item,
    learner: str,
    secret: CourseSecret,
    folder: Path,
    course_root: Path,
) -> ItemGrade:
    """Grade `item` from the answers file in the learner's `folder` (autograded or submitted)."""
    variant = learners_variant(definition, item, learner, secret, course_root=course_root)
    key = variant_key(variant)
    view = variant_view(variant)

    def nothing(problem: str, detail: str = "") -> ItemGrade:
        return ItemGrade(
            item=item,
            learner=learner,
            variant=variant,
            points=0.0,
            result=None,
            key=key,
            problem=problem,
            detail=detail or problem,
        )

    name = answers_file(item.id)
    try:
        answer = read_submitted_answer(_inside(folder, name))
    except AnswerError as exc:
        if "no such file" in str(exc):
            return nothing(f"No answer: {name} was not in your submission.")
        return nothing(
            f"{name} could not be read as a safeshare answer, so it earned nothing. "
            "Run `nbgrader validate` on your copy before you submit: it says why.",
            str(exc),
        )
    if answer.case_id != variant.case or answer.seed != variant.index:
        return nothing(
            f"{name} answers case {answer.case_id}, variant {answer.seed}, but your case is "
            f"{variant.case}, variant {variant.index}: answer the case shown in your own notebook."
        )
    try:
        result = grade(key, answer, view=view)
    except AnswerError as exc:
        return nothing(
            f"{name} marks something that is not in your case (an image or field it does not "
            "have), so it could not be graded.",
            str(exc),
        )
    return ItemGrade(
        item=item,
        learner=learner,
        variant=variant,
        points=result.points(float(item.points)),
        result=result,
        key=key,
    )
