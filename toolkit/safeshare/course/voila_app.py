"""Voila with the course's front door: the root address leads to module 00.

Plain Voila answers `/` with a list of notebook files, which tells a learner
nothing. This subclass puts one redirect in front of Voila's own handlers, so
`http://host:port/` opens module 00 (serve.py runs `python -m
safeshare.course.voila_app` instead of `python -m voila`; every other option
is Voila's), and compiles Voila's page templates once for the server
(template_cache) instead of once per page view.
"""

from __future__ import annotations

from typing import Any

from jupyter_server.utils import url_path_join
from tornado.web import RedirectHandler
from voila.app import Voila  # type: ignore[import-untyped]

from safeshare.course import template_cache

__all__ = ["START_PAGE", "CourseVoila", "main"]

START_PAGE = "voila/render/00-start-here.ipynb"
"""Module 00, relative to the server's base URL."""


class CourseVoila(Voila):  # type: ignore[misc]
    """Voila, with `/` redirecting to module 00 instead of listing files."""

    def init_handlers(self) -> list[Any]:
        handlers: list[Any] = super().init_handlers()
        start = url_path_join(self.server_url, START_PAGE)
        front_door = (self.server_url, RedirectHandler, {"url": start, "permanent": False})
        return [front_door, *handlers]


def main() -> None:  # pragma: no cover - runs a server
    """Run the course's Voila with the command-line options given."""
    template_cache.install()
    CourseVoila.launch_instance()


if __name__ == "__main__":  # pragma: no cover
    main()
