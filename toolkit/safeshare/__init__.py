"""safeshare: a Jupyter teaching toolkit on confidentiality and consent for clinical images.

The public API is re-exported here; `__all__` lists it (a test keeps it complete).
Names load on first use, so `import safeshare` (and every `safeshare` command)
does not pay for the renderers, numpy or Pillow until it needs them.
"""

import typing as _typing
from importlib import import_module as _import_module

if _typing.TYPE_CHECKING:
    from safeshare.cases.bank import find_case, load_bank
    from safeshare.cases.build import BuiltCase, build_case, render_case
    from safeshare.cases.cache import load_rendered, rendered_case
    from safeshare.cases.spec import CaseSpec, load_spec
    from safeshare.errors import (
        AnswerError,
        CaseNotFoundError,
        RenderError,
        SafeshareError,
        SafeshareWarning,
        SpecError,
        UsageError,
    )
    from safeshare.model.key import Decoy, Finding, Key
    from safeshare.model.locations import Box, MetaField, Span
    from safeshare.model.seeds import DEFAULT_SEED
    from safeshare.model.view import AssetView, CaseView, Post

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_SEED",
    "AnswerError",
    "AssetView",
    "Box",
    "BuiltCase",
    "CaseNotFoundError",
    "CaseSpec",
    "CaseView",
    "Decoy",
    "Finding",
    "Key",
    "MetaField",
    "Post",
    "RenderError",
    "SafeshareError",
    "SafeshareWarning",
    "Span",
    "SpecError",
    "UsageError",
    "__version__",
    "build_case",
    "find_case",
    "load_bank",
    "load_rendered",
    "load_spec",
    "render_case",
    "rendered_case",
]

_WHERE = {
    "find_case": "cases.bank",
    "load_bank": "cases.bank",
    "DEFAULT_SEED": "model.seeds",
    "BuiltCase": "cases.build",
    "build_case": "cases.build",
    "render_case": "cases.build",
    "load_rendered": "cases.cache",
    "rendered_case": "cases.cache",
    "CaseSpec": "cases.spec",
    "load_spec": "cases.spec",
    "AnswerError": "errors",
    "CaseNotFoundError": "errors",
    "RenderError": "errors",
    "SafeshareError": "errors",
    "SafeshareWarning": "errors",
    "SpecError": "errors",
    "UsageError": "errors",
    "Decoy": "model.key",
    "Finding": "model.key",
    "Key": "model.key",
    "Box": "model.locations",
    "MetaField": "model.locations",
    "Span": "model.locations",
    "AssetView": "model.view",
    "CaseView": "model.view",
    "Post": "model.view",
}


def __getattr__(name: str) -> _typing.Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'safeshare' has no attribute {name!r}")
    value = getattr(_import_module(f"safeshare.{_WHERE[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
