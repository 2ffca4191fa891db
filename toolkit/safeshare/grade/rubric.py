"""The rubric: every weight of the score in one place, which an educator can change.

The defaults suit the course. An educator who wants other weights writes a
small YAML or JSON file naming only what changes, e.g.

    findings_weight: 0.7
    decision_weight: 0.15
    severity_weights: {high: 4}
    false_alarm_penalty: 0.05
    box_tight: 0.5

and passes `load_rubric(path)` to grade(). Unknown fields are refused. The
thresholds of matching (how tight a box, how many words of a phrase) and of
the shotgun guard live here too; docs/answer-format.md shows each with a picture.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from safeshare.errors import RubricError
from safeshare.taxonomy import Severity

__all__ = ["DEFAULT_RUBRIC", "RUBRIC_SCHEMA", "Rubric", "load_rubric", "rubric_from_dict"]

RUBRIC_SCHEMA = 1

_DEFAULT_SEVERITY: Mapping[str, float] = MappingProxyType({"high": 3.0, "medium": 2.0, "low": 1.0})


def _default_severity() -> Mapping[str, float]:
    return _DEFAULT_SEVERITY


@dataclass(frozen=True, slots=True, kw_only=True)
class Rubric:
    """How an answer is scored. Part weights are shares of the total (renormalised)."""

    findings_weight: float = 0.6
    """Share of the score for marking the identifiers."""
    consent_weight: float = 0.15
    """Share for the consent gaps (F1 of the gaps claimed against the key's)."""
    decision_weight: float = 0.25
    """Share for the decision (right or wrong)."""
    severity_weights: Mapping[str, float] = field(default_factory=_default_severity)
    """Weight of a key finding by severity: a direct identifier weighs more."""
    wrong_category_credit: float = 0.5
    """Credit for the right place marked with the wrong category (0..1)."""
    false_alarm_penalty: float = 0.1
    """What each false alarm takes off the findings part (a fraction of that part)."""
    false_alarm_cap: float = 0.5
    """The most false alarms can take off the findings part, together."""
    box_iou: float = 0.5
    """A box finds a key box when their intersection over union reaches this."""
    click_size: int = 3
    """A box no wider and no taller than this (pixels) is a click: it finds the box it is in."""
    box_contain: float = 0.7
    """A box covers a key box when at least this share of the key box lies inside it."""
    box_tight: float = 0.4
    """...and it finds every key box it covers when, on each line, the stretch from the first
    covered item to the last fills at least this share of the box (so a box around two items
    on a line finds both, and a box around the whole picture finds nothing)."""
    box_part_width: float = 0.3
    """A box inside a long item finds it when it spans this share of the item's width..."""
    box_part_inside: float = 0.7
    """...at least this share of the box lies on the item, and it spans most of its height."""
    span_overlap: float = 0.5
    """A span finds a key span when it covers this share of the key span's characters..."""
    span_words: int = 2
    """...or this many whole identifying words of it (all of them, if it has fewer)..."""
    span_tight: float = 0.5
    """...and at least this share of the selection lies on key spans (not the whole post)."""
    shotgun_hit_rate: float = 0.25
    """When what an answer names rightly (a wrong category counts half) is less than this share
    of its named items plus its wasted marks, the findings part shrinks in proportion: marking
    everything cannot beat marking what matters."""

    def __post_init__(self) -> None:
        problems = _problems(self)
        if problems:
            raise ValueError("; ".join(problems))
        # Freeze a caller's dict so the rubric cannot change under a grade.
        object.__setattr__(
            self,
            "severity_weights",
            MappingProxyType({k: float(v) for k, v in self.severity_weights.items()}),
        )

    def severity_weight(self, severity: str) -> float:
        """The weight of a finding of this severity (ValueError for one the rubric lacks)."""
        try:
            return self.severity_weights[severity]
        except KeyError:
            known = ", ".join(self.severity_weights)
            raise ValueError(
                f"the rubric has no weight for severity {severity!r} ({known})"
            ) from None

    def to_dict(self) -> dict[str, Any]:
        """The JSON/YAML form (load_rubric reads it back)."""
        data: dict[str, Any] = {"schema": RUBRIC_SCHEMA}
        for f in fields(self):
            value = getattr(self, f.name)
            data[f.name] = dict(value) if f.name == "severity_weights" else value
        return data


def _finite(value: object) -> bool:
    return not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value)


def _problems(rubric: Rubric) -> list[str]:
    problems: list[str] = []

    def check(name: str, low: float, high: float, *, low_open: bool = False) -> None:
        value = getattr(rubric, name)
        if not _finite(value):
            problems.append(f"{name} must be a finite number (got {value!r})")
        elif value < low or value > high or (low_open and value == low):
            bracket = "(" if low_open else "["
            problems.append(f"{name} must be in {bracket}{low:g}, {high:g}] (got {value!r})")

    for name in ("findings_weight", "consent_weight", "decision_weight"):
        check(name, 0.0, 1000.0)
    if (
        not problems
        and rubric.findings_weight + rubric.consent_weight + rubric.decision_weight <= 0
    ):
        problems.append("the part weights must not all be 0")
    check("wrong_category_credit", 0.0, 1.0)
    check("false_alarm_penalty", 0.0, 1.0)
    check("false_alarm_cap", 0.0, 1.0)
    check("box_iou", 0.0, 1.0, low_open=True)
    check("span_overlap", 0.0, 1.0, low_open=True)
    for name in ("box_contain", "box_tight", "box_part_width", "box_part_inside", "span_tight"):
        check(name, 0.0, 1.0, low_open=True)
    check("shotgun_hit_rate", 0.0, 1.0)
    click = rubric.click_size
    if isinstance(click, bool) or not isinstance(click, int) or not 0 <= click <= 50:
        problems.append(f"click_size must be a whole number of pixels, 0..50 (got {click!r})")
    words = rubric.span_words
    if isinstance(words, bool) or not isinstance(words, int) or not 1 <= words <= 20:
        problems.append(f"span_words must be a whole number of words, 1..20 (got {words!r})")
    weights = rubric.severity_weights
    if not isinstance(weights, Mapping):
        problems.append("severity_weights must be a mapping of severity to weight")
        return problems
    known = [s.value for s in Severity]
    for name in known:
        if name not in weights:
            problems.append(f"severity_weights needs a weight for {name!r}")
    for name, weight in weights.items():
        if name not in known:
            problems.append(f"severity_weights: unknown severity {name!r} (high, medium, low)")
        elif not _finite(weight) or not 0 < weight <= 1000:
            problems.append(f"severity_weights.{name} must be a number in (0, 1000]")
    return problems


DEFAULT_RUBRIC = Rubric()
"""The course's rubric."""

_FIELD_NAMES = tuple(f.name for f in fields(Rubric))


def rubric_from_dict(data: object, *, source: str | Path = "rubric") -> Rubric:
    """A rubric from its mapping form: named fields override the defaults; RubricError if bad."""
    if data is None:
        return DEFAULT_RUBRIC
    if not isinstance(data, Mapping):
        raise RubricError("a rubric is a mapping of field: value", source=source)
    values = dict(data)
    schema = values.pop("schema", RUBRIC_SCHEMA)
    if schema != RUBRIC_SCHEMA or isinstance(schema, bool):
        raise RubricError(
            f"schema {schema!r} is not one this grader reads ({RUBRIC_SCHEMA})", source=source
        )
    unknown = sorted(str(k) for k in values if k not in _FIELD_NAMES)
    if unknown:
        raise RubricError(
            f"unknown field(s) {', '.join(unknown)} (fields: {', '.join(_FIELD_NAMES)})",
            source=source,
        )
    if "severity_weights" in values:
        given = values["severity_weights"]
        if not isinstance(given, Mapping):
            raise RubricError("severity_weights must be a mapping, e.g. {high: 3}", source=source)
        values["severity_weights"] = {**_DEFAULT_SEVERITY, **given}
    try:
        return Rubric(**values)
    except (TypeError, ValueError) as exc:
        raise RubricError(str(exc), source=source) from None


def load_rubric(path: str | Path) -> Rubric:
    """Read a rubric file (YAML, or JSON when it ends in .json)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RubricError(f"cannot read it ({exc.strerror or exc})", source=path) from None
    except UnicodeDecodeError:
        raise RubricError("not UTF-8 text", source=path) from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise RubricError(
            f"not valid {path.suffix.lstrip('.') or 'YAML'}: {first}", source=path
        ) from None
    return rubric_from_dict(data, source=path)
