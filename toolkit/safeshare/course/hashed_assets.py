"""Voila's widget scripts kept by the browser, so a learner's next page does not ask again.

Voila serves the widget extensions' scripts (`/voila/labextensions/...`) with
`Cache-Control: no-cache`, so every page view revalidates each of them: some
twenty requests, several in a chain (a `remoteEntry` names its chunks), a few
hundred milliseconds on every page even with everything cached. Those files
are built with a content hash in their names (`remoteEntry.698dcaf7.js`,
`747.67662283a5707eeb4d4c.js`): a changed file has a new name, so a hashed name
can be cached for good. Files without a hash (`style.js`, `package.json`) keep
Voila's `no-cache`.
"""

from __future__ import annotations

import re
from typing import Any

from jupyter_server.base.handlers import FileFindHandler

__all__ = ["LABEXTENSIONS_ROUTE", "HashedAssetHandler", "cache_hashed_assets", "is_hashed"]

LABEXTENSIONS_ROUTE = "/voila/labextensions/(.*)"
"""Voila's route for the widget extensions' files (the end of its URL pattern)."""

_HASHED = re.compile(r"(^|[./])[0-9a-f]{8,}\.(js|css|wasm|woff2?)$")

IMMUTABLE = "public, max-age=31536000, immutable"


def is_hashed(path: str) -> bool:
    """True when the file's name carries a content hash of eight or more hex digits."""
    return bool(_HASHED.search(path.rsplit("/", 1)[-1]))


class HashedAssetHandler(FileFindHandler):
    """Voila's file handler for lab extensions; files with hashed names are immutable."""

    def set_headers(self) -> None:
        super().set_headers()
        if is_hashed(self.request.path):
            self.set_header("Cache-Control", IMMUTABLE)


def cache_hashed_assets(handlers: list[Any]) -> list[Any]:
    """Voila's handlers with its lab-extension route served by `HashedAssetHandler`.

    Raises LookupError when Voila no longer has that route (a Voila upgrade that
    moved it), so the change is noticed instead of silently costing every page."""
    swapped = []
    found = False
    for handler in handlers:
        if (
            isinstance(handler, tuple)
            and str(handler[0]).endswith(LABEXTENSIONS_ROUTE)
            and handler[1] is FileFindHandler
        ):
            handler = (handler[0], HashedAssetHandler, *handler[2:])
            found = True
        swapped.append(handler)
    if not found:
        raise LookupError(f"Voila serves no {LABEXTENSIONS_ROUTE} route with FileFindHandler")
    return swapped
