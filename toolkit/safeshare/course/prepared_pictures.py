"""The course server hands out its prepared cases' pictures over HTTP.

Inline, a module's pictures ride in the widgets' state as base64: 5 to 7 MB of
JSON for a module of five cases, which the kernel encodes, the server decodes
and forwards, and the browser parses before it draws a single widget, on every
page view. Served, the state carries an address; the browser fetches the
pictures beside the widgets and keeps them (the address changes when the file
does). Only pictures of cases in the server's prepared index are served, only
under their case's name (`<seed>/<case>/<file>`), never case.json, key.json or
any other file, and only to a request the server would let open a page.
"""

from __future__ import annotations

import os
from pathlib import Path

from jupyter_server.base.handlers import JupyterHandler
from tornado import web

from safeshare.course.prepared import PICTURE_SUFFIXES, PICTURES_PATH, prepared_case

__all__ = ["PICTURES_ROUTE", "PreparedPictureHandler"]

PICTURES_ROUTE = PICTURES_PATH + r"/(\d{1,9})/([A-Za-z0-9_-]{1,64})/([^/]{1,128})"
"""The route: seed, case id, file name."""


class PreparedPictureHandler(JupyterHandler, web.StaticFileHandler):
    """One picture of one prepared case; anything else is 404."""

    def initialize(self) -> None:  # type: ignore[override]
        # the root is the requested case's folder, set by _locate; until then a root
        # under which no file can exist
        web.StaticFileHandler.initialize(self, path=os.devnull)

    def _locate(self, seed: str, case_id: str, name: str) -> None:
        folder = prepared_case(case_id, seed=int(seed))
        if (
            folder is None
            or Path(name).name != name
            or Path(name).suffix.lower() not in PICTURE_SUFFIXES
        ):
            raise web.HTTPError(404)
        self.root = str(folder)

    @web.authenticated
    async def get(self, seed: str, case_id: str, name: str, include_body: bool = True) -> None:  # type: ignore[override]
        self._locate(seed, case_id, name)
        await web.StaticFileHandler.get(self, name, include_body=include_body)

    async def head(self, seed: str, case_id: str, name: str) -> None:  # type: ignore[override]
        pending = self.get(seed, case_id, name, include_body=False)
        if pending is not None:
            await pending
