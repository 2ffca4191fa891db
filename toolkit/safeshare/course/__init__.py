"""The self-paced course: module pages, progress, reflections, the certificate, the server.

A module notebook starts with

    from safeshare.course import open_module
    module = open_module("02")

and the rest of its code cells are one-liners on `module`. Names load on first
use, so the command line (certificate, serve) does not pay for the widgets.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from safeshare.course.certificate import certificate_pdf, find_progress, write_certificate
    from safeshare.course.learner import Learner, data_dir, learner_code, learner_folder
    from safeshare.course.modules import MODULES, Module, module
    from safeshare.course.page import ModulePage, open_module
    from safeshare.course.progress import Progress, ProgressStore, read_progress
    from safeshare.course.questions import QUESTIONS, Question, questions_for
    from safeshare.course.study_charts import patient_views_chart, walradt_chart
    from safeshare.errors import ProgressError

__all__ = [
    "MODULES",
    "QUESTIONS",
    "Learner",
    "Module",
    "ModulePage",
    "Progress",
    "ProgressError",
    "ProgressStore",
    "Question",
    "certificate_pdf",
    "data_dir",
    "find_progress",
    "learner_code",
    "learner_folder",
    "module",
    "open_module",
    "patient_views_chart",
    "questions_for",
    "read_progress",
    "walradt_chart",
    "write_certificate",
]

_WHERE = {
    "certificate_pdf": "certificate",
    "find_progress": "certificate",
    "write_certificate": "certificate",
    "patient_views_chart": "study_charts",
    "walradt_chart": "study_charts",
    "Learner": "learner",
    "data_dir": "learner",
    "learner_code": "learner",
    "learner_folder": "learner",
    "MODULES": "modules",
    "Module": "modules",
    "module": "modules",
    "ModulePage": "page",
    "open_module": "page",
    "Progress": "progress",
    "ProgressError": "progress",
    "ProgressStore": "progress",
    "read_progress": "progress",
    "QUESTIONS": "questions",
    "Question": "questions",
    "questions_for": "questions",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'safeshare.course' has no attribute {name!r}")
    value = getattr(import_module(f"safeshare.course.{_WHERE[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
