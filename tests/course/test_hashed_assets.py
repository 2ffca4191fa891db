"""Widget scripts with a content hash in their names are cached for good; the rest are not."""

from __future__ import annotations

import re

import pytest
from jupyter_server.base.handlers import FileFindHandler

from safeshare.course.hashed_assets import (
    LABEXTENSIONS_ROUTE,
    HashedAssetHandler,
    cache_hashed_assets,
    is_hashed,
)


@pytest.mark.parametrize(
    "path",
    [
        "/voila/labextensions/anywidget/static/remoteEntry.698dcaf7.js",
        "/voila/labextensions/jupyterlab_pygments/static/747.67662283a5707eeb4d4c.js",
        "static/main.15ebcf03.js",
        "2.3dbf81c0.js",
    ],
)
def test_names_with_a_content_hash_are_hashed(path: str) -> None:
    assert is_hashed(path)


@pytest.mark.parametrize(
    "path",
    [
        "/voila/labextensions/jupyterlab_pygments/static/style.js",
        "/voila/labextensions/anywidget/package.json",
        "static/third-party-licenses.json",
        "static/deadbeef.json",
        "static/abc123.js",  # too short to be a hash
        "/voila/labextensions/0123456789abcdef/static/style.js",  # a hash in a folder only
    ],
)
def test_names_without_one_are_not(path: str) -> None:
    assert not is_hashed(path)


def test_only_voilas_lab_extension_route_changes_handler() -> None:
    other = ("/voila/files/(.*)", FileFindHandler, {"path": "."})
    route = ("/base/voila/labextensions/(.*)", FileFindHandler, {"path": ["x"]})
    swapped = cache_hashed_assets([other, route])
    assert swapped[0] is other
    assert swapped[1] == ("/base/voila/labextensions/(.*)", HashedAssetHandler, {"path": ["x"]})


def test_a_voila_without_the_route_is_noticed() -> None:
    with pytest.raises(LookupError, match=re.escape(LABEXTENSIONS_ROUTE)):
        cache_hashed_assets([("/voila/files/(.*)", FileFindHandler, {"path": "."})])
