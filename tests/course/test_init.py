"""The course package's public names: __all__ complete and every name resolves."""

from __future__ import annotations

import importlib
import pkgutil

import safeshare.course


def test_every_public_name_resolves() -> None:
    for name in safeshare.course.__all__:
        assert getattr(safeshare.course, name) is not None


def test_all_lists_each_submodule_export_that_it_should() -> None:
    exported = set(safeshare.course.__all__)
    assert {"open_module", "ModulePage", "ProgressStore", "certificate_pdf"} <= exported
    for info in pkgutil.iter_modules(safeshare.course.__path__):
        mod = importlib.import_module(f"safeshare.course.{info.name}")
        assert hasattr(mod, "__all__"), info.name


def test_unknown_names_raise_attribute_error() -> None:
    try:
        safeshare.course.nothing_here  # noqa: B018
    except AttributeError as exc:
        assert "nothing_here" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("expected AttributeError")
