"""safeshare: a Jupyter teaching toolkit on confidentiality and consent for clinical images.

The public API is re-exported here; `__all__` lists it (a test keeps it complete).
"""

from safeshare.cases.bank import find_case, load_bank
from safeshare.cases.build import DEFAULT_SEED, BuiltCase, build_case, render_case
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
