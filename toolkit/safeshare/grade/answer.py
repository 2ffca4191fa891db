"""The answer: what a learner marked, which consent gaps they saw, what they decided.

An answer is a small JSON file (schema 1, documented in docs/answer-format.md)
written by the exercise widget beside the notebook. Its findings have the same
shape as a key's findings (category + location), so the key's own findings,
gaps and decision make the model answer. The reader is strict: it refuses an
unknown field, a result-like field (an answer never states its own score), an
unknown id, a location of unknown shape or a number that is not finite, with a
one-line AnswerError that names the file and the problem. Nothing is ignored.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from safeshare.atomic import write_text_atomic
from safeshare.errors import AnswerError
from safeshare.model.key import Key
from safeshare.model.locations import Box, MetaField, Span
from safeshare.taxonomy import CATEGORIES, CONSENT_GAPS, DECISIONS

__all__ = [
    "ANSWER_SCHEMA",
    "Answer",
    "AnswerFinding",
    "AnswerLocation",
    "Point",
    "answer_from_key",
    "answer_json",
    "decode_answer_json",
    "load_answer",
    "parse_answer",
    "save_answer",
]

ANSWER_SCHEMA = 1
MAX_FILE_BYTES = 2_000_000
"""An answer file is a few kilobytes; anything this big is not an answer."""
MAX_FINDINGS = 1000
MAX_COORDINATE = 100_000
"""Pixel coordinates beyond this are no image's (a guard against huge numbers)."""
MAX_OFFSET = 1_000_000
"""Character offsets beyond this are no post's."""
MAX_SEED = 2**63 - 1
MAX_ID_CHARS = 200

_TOP_FIELDS = (
    "schema",
    "case_id",
    "seed",
    "learner",
    "updated",
    "findings",
    "consent_gaps",
    "decision",
)
_REQUIRED = ("schema", "case_id", "seed", "findings", "consent_gaps", "decision")
_FINDING_FIELDS = ("category", "location")
_LOCATION_FIELDS: dict[str, tuple[str, ...]] = {
    "box": ("asset", "x", "y", "w", "h"),
    "point": ("asset", "x", "y"),
    "span": ("asset", "field", "start", "end"),
    "meta": ("asset", "tag"),
}
RESULT_LIKE_FIELDS = frozenset(
    {
        "score",
        "scores",
        "result",
        "results",
        "grade",
        "grades",
        "points",
        "max_points",
        "max_score",
        "credit",
        "marks",
        "percent",
        "passed",
        "correct",
        "matched",
        "found",
        "missed",
        "partial",
        "false_alarms",
        "repeats",
        "feedback",
        "parts",
        "weight",
        "severity",
        "explanation",
        "evidence",
        "remedy",
        "guidance",
    }
)
"""Fields of a result or a key: an answer that carries one is forged or confused, and refused."""


@dataclass(frozen=True, slots=True)
class Point:
    """A click on an image asset: the answer-only location shape (keys use boxes)."""

    asset: str
    x: float
    y: float
    type: Literal["point"] = "point"

    def to_dict(self) -> dict[str, Any]:
        return {"type": "point", "asset": self.asset, "x": self.x, "y": self.y}


AnswerLocation = Box | Span | MetaField | Point


@dataclass(frozen=True, slots=True)
class AnswerFinding:
    """One thing the learner marked: what they think it is, and where."""

    category: str
    """A category id from the taxonomy."""
    location: AnswerLocation
    """A box or point on an image, a span of the post's text, or a metadata field."""

    def to_dict(self) -> dict[str, Any]:
        return {"category": self.category, "location": self.location.to_dict()}


@dataclass(frozen=True, slots=True, kw_only=True)
class Answer:
    """A learner's answer to one variant of one case."""

    case_id: str
    """The case answered, e.g. 'E01'."""
    seed: int
    """The variant answered (the seed the case was rendered with)."""
    findings: tuple[AnswerFinding, ...] = ()
    """What the learner marked (a second mark of a spot already found earns and costs nothing)."""
    consent_gaps: tuple[str, ...] = ()
    """Consent gap ids the learner claims; duplicates are kept once."""
    decision: str | None = None
    """A decision id, or None when the learner has not decided yet."""
    learner: str | None = None
    """Who answered (hub user or nbgrader student id), when known."""
    updated: str | None = None
    """When the widget last saved the answer (ISO 8601), when known."""
    source: str = field(default="", compare=False)
    """The file the answer was read from, for messages; not part of the answer."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON form; parse_answer(answer.to_dict()) gives the answer back."""
        data: dict[str, Any] = {"schema": ANSWER_SCHEMA, "case_id": self.case_id, "seed": self.seed}
        if self.learner is not None:
            data["learner"] = self.learner
        if self.updated is not None:
            data["updated"] = self.updated
        data["findings"] = [f.to_dict() for f in self.findings]
        data["consent_gaps"] = list(self.consent_gaps)
        data["decision"] = self.decision
        return data


def answer_from_key(key: Key, *, learner: str | None = None) -> Answer:
    """The model answer: the key's own findings, consent gaps and decision (scores 1.0)."""
    return Answer(
        case_id=key.case_id,
        seed=key.seed,
        findings=tuple(AnswerFinding(f.category, f.location) for f in key.findings),
        consent_gaps=tuple(dict.fromkeys(key.consent_gaps)),
        decision=key.decision,
        learner=learner,
    )


# Reading


class _Refusal(Exception):
    """A problem at a path inside the answer; parse_answer turns it into AnswerError."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}" if path else problem)


def _show(value: object) -> str:
    """A short one-line rendering of a learner-supplied value for a message."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _check_fields(data: Mapping[str, Any], allowed: tuple[str, ...], path: str) -> None:
    for name in data:
        where = f"{path}.{name}" if path else str(name)
        if name in RESULT_LIKE_FIELDS and name not in allowed:
            raise _Refusal(
                where,
                "an answer never carries a result or key field; the grader works out "
                "the score itself and trusts none in the file",
            )
        if name not in allowed:
            raise _Refusal(where, f"unknown field (allowed here: {', '.join(allowed)})")


def _object(value: object, path: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _Refusal(path, f"must be an object, not {_json_type(value)}")
    return value


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


def _text(value: object, path: str, *, limit: int = MAX_ID_CHARS) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Refusal(path, f"must be a non-empty string, not {_json_type(value)}")
    if len(value) > limit:
        raise _Refusal(path, f"is {len(value)} characters long (at most {limit})")
    if any(ch in value for ch in "\n\r\t\x00"):
        raise _Refusal(path, "must be a single line")
    return value


def _whole(value: object, path: str, *, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Refusal(path, f"must be a whole number, not {_json_type(value)}")
    if not low <= value <= high:
        raise _Refusal(path, f"{_show(value)} is out of range ({low}..{high})")
    return value


def _number(value: object, path: str, *, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Refusal(path, f"must be a number, not {_json_type(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise _Refusal(path, f"must be a finite number, not {value}")
    if not low <= value <= high:
        raise _Refusal(path, f"{_show(value)} is out of range ({low:g}..{high:g})")
    return float(value)


def _pixel(value: object, path: str, *, size: bool = False) -> int:
    """A pixel coordinate or size: whole numbers, or finite decimals rounded to a pixel."""
    pixel = round(_number(value, path, low=0 if size else -MAX_COORDINATE, high=MAX_COORDINATE))
    if size and pixel < 1:
        raise _Refusal(path, f"{_show(value)} is less than a pixel (a box is at least 1x1)")
    return pixel


def _location(value: object, path: str) -> AnswerLocation:
    data = _object(value, path)
    kind = data.get("type")
    if kind not in _LOCATION_FIELDS:
        shapes = ", ".join(_LOCATION_FIELDS)
        raise _Refusal(f"{path}.type", f"unknown location shape {_show(kind)} (one of: {shapes})")
    expected = _LOCATION_FIELDS[kind]
    _check_fields(data, ("type", *expected), path)
    for name in expected:
        if name not in data:
            raise _Refusal(path, f"a {kind} location needs {name!r}")
    asset = _text(data["asset"], f"{path}.asset")
    if kind == "box":
        return Box(
            asset,
            _pixel(data["x"], f"{path}.x"),
            _pixel(data["y"], f"{path}.y"),
            _pixel(data["w"], f"{path}.w", size=True),
            _pixel(data["h"], f"{path}.h", size=True),
        )
    if kind == "point":
        limit = float(MAX_COORDINATE)
        x = _number(data["x"], f"{path}.x", low=-limit, high=limit)
        y = _number(data["y"], f"{path}.y", low=-limit, high=limit)
        return Point(asset, x, y)
    if kind == "span":
        start = _whole(data["start"], f"{path}.start", low=0, high=MAX_OFFSET)
        end = _whole(data["end"], f"{path}.end", low=0, high=MAX_OFFSET)
        if end <= start:
            raise _Refusal(path, f"a span needs start < end (got {start}..{end})")
        return Span(asset, _text(data["field"], f"{path}.field"), start, end)
    return MetaField(asset, _text(data["tag"], f"{path}.tag"))


def _finding(value: object, path: str) -> AnswerFinding:
    data = _object(value, path)
    _check_fields(data, _FINDING_FIELDS, path)
    for name in _FINDING_FIELDS:
        if name not in data:
            raise _Refusal(path, f"a finding needs {name!r}")
    category = _text(data["category"], f"{path}.category")
    if category not in CATEGORIES:
        raise _Refusal(
            f"{path}.category",
            f"unknown category {_show(category)} (see `safeshare taxonomy` for the ids)",
        )
    return AnswerFinding(category, _location(data["location"], f"{path}.location"))


def _list(value: object, path: str, *, limit: int) -> list[Any]:
    if not isinstance(value, list):
        raise _Refusal(path, f"must be a list, not {_json_type(value)}")
    if len(value) > limit:
        raise _Refusal(path, f"has {len(value)} entries (at most {limit})")
    return value


def _gaps(value: object) -> tuple[str, ...]:
    gaps: dict[str, None] = {}
    for i, item in enumerate(_list(value, "consent_gaps", limit=len(CONSENT_GAPS) * 4)):
        gap = _text(item, f"consent_gaps[{i}]")
        if gap not in CONSENT_GAPS:
            raise _Refusal(
                f"consent_gaps[{i}]",
                f"unknown consent gap {_show(gap)} (one of: {', '.join(CONSENT_GAPS)})",
            )
        gaps[gap] = None
    return tuple(gaps)


def _decision(value: object) -> str | None:
    if value is None:
        return None
    decision = _text(value, "decision")
    if decision not in DECISIONS:
        raise _Refusal(
            "decision",
            f"unknown decision {_show(decision)} (one of: {', '.join(DECISIONS)}, or null)",
        )
    return decision


def _timestamp(value: object) -> str | None:
    if value is None:
        return None
    text = _text(value, "updated", limit=64)
    try:
        dt.datetime.fromisoformat(text)
    except ValueError:
        raise _Refusal("updated", f"{_show(text)} is not an ISO 8601 timestamp") from None
    return text


def _parse(data: object, source: str) -> Answer:
    top = _object(data, "")
    if "schema" not in top:
        raise _Refusal("schema", f'missing (an answer file starts with "schema": {ANSWER_SCHEMA})')
    schema = top["schema"]
    if isinstance(schema, bool) or schema != ANSWER_SCHEMA:
        raise _Refusal(
            "schema",
            f"version {_show(schema)} is not one this grader reads (it reads {ANSWER_SCHEMA})",
        )
    _check_fields(top, _TOP_FIELDS, "")
    missing = [name for name in _REQUIRED if name not in top]
    if missing:
        raise _Refusal("", f"missing field(s): {', '.join(missing)}")
    items = _list(top["findings"], "findings", limit=MAX_FINDINGS)
    findings = tuple(_finding(item, f"findings[{i}]") for i, item in enumerate(items))
    learner = top.get("learner")
    return Answer(
        case_id=_text(top["case_id"], "case_id", limit=40),
        seed=_whole(top["seed"], "seed", low=0, high=MAX_SEED),
        findings=findings,
        consent_gaps=_gaps(top["consent_gaps"]),
        decision=_decision(top["decision"]),
        learner=None if learner is None else _text(learner, "learner"),
        updated=_timestamp(top.get("updated")),
        source=source,
    )


def parse_answer(data: object, *, source: str | Path = "answer") -> Answer:
    """Read an answer from its JSON form (already decoded); AnswerError names the problem."""
    try:
        return _parse(data, str(source))
    except _Refusal as exc:
        raise AnswerError(str(exc), source=source) from None
    except RecursionError:
        raise AnswerError("nested too deeply to be an answer", source=source) from None


class _DuplicateKey(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name, value in pairs:
        if name in data:
            raise _DuplicateKey(f"the field {name!r} appears twice in one object")
        data[name] = value
    return data


def _no_constants(name: str) -> object:
    raise ValueError(f"{name} is not a number an answer can hold")


def decode_answer_json(text: str, *, source: str | Path = "answer") -> Answer:
    """Read an answer from JSON text: malformed JSON, NaN and repeated keys are refused."""
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constants)
    except _DuplicateKey as exc:
        raise AnswerError(str(exc), source=source) from None
    except json.JSONDecodeError as exc:
        raise AnswerError(
            f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})", source=source
        ) from None
    except RecursionError:
        raise AnswerError("nested too deeply to be an answer", source=source) from None
    except ValueError as exc:
        problem = str(exc)
        if "integer string conversion" in problem:
            problem = "a number with thousands of digits"
        raise AnswerError(f"not valid JSON ({problem})", source=source) from None
    return parse_answer(data, source=source)


def load_answer(path: str | Path) -> Answer:
    """Read and check an answer file; AnswerError (one line, naming the file) if unreadable."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise AnswerError(
                f"{size} bytes is too big for an answer file (at most {MAX_FILE_BYTES})",
                source=path,
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise AnswerError("no such file", source=path) from None
    except IsADirectoryError:
        raise AnswerError("is a folder, not an answer file", source=path) from None
    except OSError as exc:
        raise AnswerError(f"cannot read it ({exc.strerror or exc})", source=path) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AnswerError("not UTF-8 text: an answer file is JSON", source=path) from None
    return decode_answer_json(text, source=path)


# Writing


def answer_json(answer: Answer) -> str:
    """The answer as JSON text, exactly as save_answer writes it (for the CLI to print)."""
    return json.dumps(answer.to_dict(), indent=2, ensure_ascii=False) + "\n"


def save_answer(answer: Answer, path: str | Path) -> Path:
    """Write an answer file atomically: a temp file in the same folder, then os.replace.

    The answer is checked first (through its JSON form), so no writer can leave
    a file the grader would refuse; a reader never sees a half-written file.
    """
    path = Path(path)
    checked = parse_answer(answer.to_dict(), source=path)
    text = answer_json(checked)
    write_text_atomic(path, text)
    return path
