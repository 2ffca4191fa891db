"""The course's Voila: Voila with a front door and three savings on every page view.

- `/` redirects to module 00 (plain Voila lists the notebook files, which tells
  a learner nothing);
- Voila's page templates are compiled once for the server, not once per page
  view (template_cache);
- widget scripts whose names carry a content hash are kept by the browser
  instead of asked for again on every page (hashed_assets);
- the prepared cases' pictures are served (prepared_pictures), so a page's
  widgets carry their addresses, not megabytes of base64.

serve.py runs `python -m safeshare.course.voila_app` instead of `python -m
voila`; every other option is Voila's.
"""

from __future__ import annotations

from typing import Any

from jupyter_server.utils import url_path_join
from tornado.web import RedirectHandler
from voila.app import Voila  # type: ignore[import-untyped]

from safeshare.course import template_cache
from safeshare.course.hashed_assets import cache_hashed_assets
from safeshare.course.prepared_pictures import PICTURES_ROUTE, PreparedPictureHandler

__all__ = ["START_PAGE", "CourseVoila", "main"]

START_PAGE = "voila/render/00-start-here.ipynb"
"""Module 00, relative to the server's base URL."""


class CourseVoila(Voila):  # type: ignore[misc]
    """Voila, with `/` redirecting to module 00 instead of listing files, hashed
    widget scripts cached by the browser and the prepared cases' pictures served."""

    def init_handlers(self) -> list[Any]:
        handlers: list[Any] = cache_hashed_assets(super().init_handlers())
        start = url_path_join(self.server_url, START_PAGE)
        front_door = (self.server_url, RedirectHandler, {"url": start, "permanent": False})
        pictures = (url_path_join(self.server_url, PICTURES_ROUTE), PreparedPictureHandler)
        return [front_door, pictures, *handlers]


def main() -> None:  # pragma: no cover - runs a server
    """Run the course's Voila with the command-line options given."""
    template_cache.install()
    CourseVoila.launch_instance()


if __name__ == "__main__":  # pragma: no cover
    main()
