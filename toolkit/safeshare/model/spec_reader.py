"""A strict reader for YAML mappings: every field checked, no field ignored.

Errors name the file, the dotted field path and the problem.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from safeshare.errors import SpecError

__all__ = ["FieldReader"]


class FieldReader:
    """Reads fields out of one mapping; `finish()` refuses any field not read."""

    def __init__(self, data: Any, *, source: str | Path, path: str = "") -> None:
        if not isinstance(data, Mapping):
            raise SpecError(
                f"must be a mapping (key: value), not {type(data).__name__}",
                source=source,
                field=path or "(top level)",
            )
        self._data = data
        self._source = source
        self._path = path
        self._seen: set[str] = set()

    @property
    def source(self) -> str | Path:
        """The file (or input) being read, for errors raised outside the reader."""
        return self._source

    def _name(self, key: str) -> str:
        return f"{self._path}.{key}" if self._path else key

    def error(self, key: str, message: str) -> SpecError:
        return SpecError(message, source=self._source, field=self._name(key))

    def has(self, key: str) -> bool:
        return key in self._data

    def raw(self, key: str, default: Any = None) -> Any:
        self._seen.add(key)
        return self._data.get(key, default)

    def required(self, key: str) -> Any:
        self._seen.add(key)
        if key not in self._data:
            raise SpecError("is required", source=self._source, field=self._name(key))
        return self._data[key]

    def string(self, key: str, default: str | None = None, *, allow_empty: bool = False) -> str:
        value = self.required(key) if default is None else self.raw(key, default)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise self.error(key, f"must be text, not {type(value).__name__}")
        if not value.strip() and not allow_empty and default is None:
            raise self.error(key, "must not be empty")
        return value

    def integer(self, key: str, default: int | None = None, *, lo: int, hi: int) -> int:
        value = self.required(key) if default is None else self.raw(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(key, f"must be a whole number from {lo} to {hi}")
        if not lo <= value <= hi:
            raise self.error(key, f"must be from {lo} to {hi} (got {value})")
        return value

    def number(self, key: str, default: float, *, lo: float, hi: float) -> float:
        value = self.raw(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.error(key, f"must be a number from {lo} to {hi}")
        if not lo <= float(value) <= hi:
            raise self.error(key, f"must be from {lo} to {hi} (got {value})")
        return float(value)

    def boolean(self, key: str, default: bool) -> bool:
        value = self.raw(key, default)
        if not isinstance(value, bool):
            raise self.error(key, "must be true or false")
        return value

    def strings(self, key: str, *, required: bool = False) -> tuple[str, ...]:
        value = self.required(key) if required else self.raw(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.error(key, "must be a list of text items")
        if required and not value:
            raise self.error(key, "must list at least one item")
        return tuple(value)

    def choice(
        self, key: str, choices: Mapping[str, Any] | tuple[str, ...], default: str | None = None
    ) -> str:
        value = self.string(key, default)
        if value not in choices:
            raise self.error(key, f"{value!r} is not one of: {', '.join(sorted(choices))}")
        return value

    def mapping(self, key: str) -> Mapping[str, Any]:
        value = self.raw(key, {})
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            raise self.error(key, "must be a mapping (key: value)")
        return value

    def child(self, key: str, data: Any) -> FieldReader:
        return FieldReader(data, source=self._source, path=self._name(key))

    def finish(self) -> None:
        unknown = sorted(set(map(str, self._data)) - self._seen)
        if unknown:
            raise SpecError(
                f"unknown field {unknown[0]!r} (check the spelling; fields allowed here: "
                f"{', '.join(sorted(self._seen))})",
                source=self._source,
                field=self._path or "(top level)",
            )
