"""Voila's templates compiled once per server: the cache, and its place in Voila."""

from __future__ import annotations

from typing import Any

from jinja2 import DictLoader, Environment
from voila import notebook_renderer  # type: ignore[import-untyped]
from voila.exporter import VoilaExporter  # type: ignore[import-untyped]
from voila.paths import collect_template_paths  # type: ignore[import-untyped]

from safeshare.course.template_cache import TEMPLATES, CompiledTemplates, install


def _counting_compiles(environment: Any) -> list[str]:
    """Names the environment compiles from now on."""
    compiled: list[str] = []
    original = environment.compile

    def compile_and_count(source: str, name: str | None = None, *args: Any, **kw: Any) -> Any:
        compiled.append(str(name))
        return original(source, name, *args, **kw)

    environment.compile = compile_and_count
    return compiled


def test_voilas_page_renderer_builds_caching_exporters_once_installed() -> None:
    exporter = install()
    assert notebook_renderer.VoilaExporter is exporter
    assert issubclass(exporter, VoilaExporter)
    assert install() is exporter, "installing twice keeps one class"


def test_a_second_page_compiles_none_of_voilas_templates() -> None:
    exporter = install()
    paths = collect_template_paths(["voila", "nbconvert"], "lab")
    TEMPLATES.clear()
    first = exporter(template_paths=paths, template_name="lab")
    first.environment.get_template("index.html.j2")
    assert len(TEMPLATES) >= 1
    second = exporter(template_paths=paths, template_name="lab")
    assert second.environment is not first.environment, "Voila builds one environment a page"
    compiled = _counting_compiles(second.environment)
    template = second.environment.get_template("index.html.j2")
    assert compiled == []
    assert "voila" in template.filename


def test_an_edited_template_is_compiled_again() -> None:
    cache = CompiledTemplates()
    sources = {"page.j2": "Hello {{ who }}"}
    first = Environment(loader=DictLoader(sources), bytecode_cache=cache)
    assert first.get_template("page.j2").render(who="Ada") == "Hello Ada"
    sources["page.j2"] = "Goodbye {{ who }}"
    second = Environment(loader=DictLoader(sources), bytecode_cache=cache)
    compiled = _counting_compiles(second)
    assert second.get_template("page.j2").render(who="Ada") == "Goodbye Ada"
    assert compiled == ["page.j2"]
    third = Environment(loader=DictLoader(sources), bytecode_cache=cache)
    compiled = _counting_compiles(third)
    assert third.get_template("page.j2").render(who="Ada") == "Goodbye Ada"
    assert compiled == [], "the same source is not compiled twice"
