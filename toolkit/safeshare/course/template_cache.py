"""Voila's page templates compiled once per server, not once per page view.

Voila builds a new exporter, and so a new Jinja environment, for every page it
serves, and Jinja compiles each template (index, base, the cell templates) anew
in each environment: a third of the course server's CPU per page view. Jinja's
bytecode cache is the documented way to keep compiled templates between
environments; `CompiledTemplates` keeps them in memory, keyed by template and
checked against the source's checksum, so an edited template is compiled again.
`install()` makes the exporter Voila's page renderer builds give its
environments that cache.
"""

from __future__ import annotations

from types import CodeType
from typing import Any

from jinja2.bccache import Bucket, BytecodeCache

__all__ = ["TEMPLATES", "CompiledTemplates", "install"]


class CompiledTemplates(BytecodeCache):
    """Compiled templates in memory for the life of the process."""

    def __init__(self) -> None:
        self._code: dict[str, tuple[str, CodeType]] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        kept = self._code.get(bucket.key)
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            self._code[bucket.key] = (bucket.checksum, bucket.code)

    def clear(self) -> None:
        self._code.clear()

    def __len__(self) -> int:
        return len(self._code)


TEMPLATES = CompiledTemplates()
"""The server's one cache: every page's environment shares it."""


def _caching_exporter() -> type[Any]:
    """VoilaExporter whose Jinja environments share `TEMPLATES`."""
    from voila.exporter import VoilaExporter  # type: ignore[import-untyped]

    class CachingVoilaExporter(VoilaExporter):  # type: ignore[misc]
        """Voila's exporter; its environment reuses the compiled templates."""

        caches_templates = True

        def _create_environment(self) -> Any:
            environment = super()._create_environment()
            environment.bytecode_cache = TEMPLATES
            return environment

    return CachingVoilaExporter


def install() -> type[Any]:
    """Make Voila's page renderer build caching exporters; returns the class it uses.

    Voila names the exporter class in `voila.notebook_renderer` (it has no setting
    for it); the tests check that name is still there, so an upgrade that moves it
    fails a test instead of silently compiling per page again."""
    from voila import notebook_renderer  # type: ignore[import-untyped]

    current = notebook_renderer.VoilaExporter
    if getattr(current, "caches_templates", False):
        return current  # type: ignore[no-any-return]
    exporter = _caching_exporter()
    notebook_renderer.VoilaExporter = exporter
    return exporter
