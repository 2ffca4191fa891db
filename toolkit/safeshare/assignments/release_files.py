"""The files of one variant in a release: what the learner sees, as light as it can be.

A rendered case keeps the renderer's lossless PNGs (the key's boxes are drawn
on them). A learner only looks at the pictures, and every submission carries
the release back, so in a release each PNG picture is written as a JPEG
(quality 85, no metadata of its own) of the same pixel size, so the key's boxes
still fit. Files whose bytes are the point of the case are copied byte for
byte: DICOM files (their header), JPEGs (their EXIF), and the file of any asset
that lists header rows of its own. case.json names the JPEGs.

The encoding is deterministic (same pixels and the pinned Pillow give the same
bytes), so a release is checked against what the toolkit draws now by planning
the release again and comparing bytes.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from PIL import Image

__all__ = [
    "CASE_FILE",
    "KEY_FILES",
    "RELEASE_JPEG_QUALITY",
    "ReleasedFile",
    "release_jpeg",
    "release_plan",
    "write_release_files",
]

CASE_FILE = "case.json"
KEY_FILES = ("key.json",)
"""Files of a rendered case that hold its key: never copied into a release."""
RELEASE_JPEG_QUALITY = 85
"""Good quality for photos, screenshots and text on a card; about a fifth of the PNG."""
_PNG = ".png"
_JPEG = ".jpg"


@dataclass(frozen=True, slots=True, kw_only=True)
class ReleasedFile:
    """One file of a rendered variant and how the release holds it."""

    source: Path
    """The file in the rendered case folder (the educator's cache)."""
    name: str
    """Its name in the release folder of the variant."""
    reencoded: bool
    """True when the release holds it as a JPEG rather than byte for byte."""

    def content(self) -> bytes:
        """The bytes the release holds (the same every time for the same source)."""
        return release_jpeg(self.source) if self.reencoded else self.source.read_bytes()


def release_jpeg(png: Path) -> bytes:
    """A picture as the release's JPEG: same pixel size, no metadata, the same bytes each time.

    Transparency (none is drawn today) is laid on white, as a page would show it.
    """
    with Image.open(png) as opened:
        opened.load()
        if opened.mode in ("RGBA", "LA", "PA") or "transparency" in opened.info:
            rgba = opened.convert("RGBA")
            picture = Image.new("RGB", rgba.size, "white")
            picture.paste(rgba, mask=rgba.getchannel("A"))
        else:
            picture = opened.convert("L" if opened.mode in ("1", "L", "I", "I;16") else "RGB")
    # A fresh image carries none of the source's info (dpi, ICC, text chunks).
    clean = Image.frombytes(picture.mode, picture.size, picture.tobytes())
    buffer = io.BytesIO()
    clean.save(
        buffer,
        "JPEG",
        quality=RELEASE_JPEG_QUALITY,
        subsampling="4:2:0",
        optimize=True,
        progressive=False,
    )
    return buffer.getvalue()


def _is_png(name: str) -> bool:
    return PurePath(name).suffix.lower() == _PNG


def _renames(view: Mapping[str, Any], taken: set[str]) -> dict[str, str]:
    """PNG pictures of the case to hold as JPEG, by file name, and the name each gets.

    An asset's own file is kept when the asset lists header rows (its bytes are
    the point); a preview (the pixels of a DICOM file) never carries any.
    """
    renames: dict[str, str] = {}
    for asset in view.get("assets", []):
        names = [asset.get("preview", "")]
        if not asset.get("metadata"):
            names.append(asset.get("file", ""))
        for name in names:
            if not name or not _is_png(name):
                continue
            target = str(PurePath(name).with_suffix(_JPEG))
            if target in taken and renames.get(name) != target:
                continue  # a file of that name exists already: keep the PNG
            renames[name] = target
            taken.add(target)
    return renames


def _renamed_view(view: Mapping[str, Any], renames: Mapping[str, str]) -> dict[str, Any]:
    data = dict(view)
    assets = []
    for asset in view.get("assets", []):
        asset = dict(asset)
        if asset.get("file") in renames:
            asset["file"] = renames[asset["file"]]
            asset["media_type"] = "image/jpeg"
        if asset.get("preview") in renames:
            asset["preview"] = renames[asset["preview"]]
        assets.append(asset)
    data["assets"] = assets
    return data


def release_plan(rendered: Path) -> tuple[dict[str, Any], list[ReleasedFile]]:
    """case.json as the release holds it, and every other file the release holds, in order."""
    view: dict[str, Any] = json.loads((rendered / CASE_FILE).read_text(encoding="utf-8"))
    sources = sorted(
        p for p in rendered.iterdir() if p.is_file() and p.name not in (CASE_FILE, *KEY_FILES)
    )
    renames = _renames(view, taken={p.name for p in sources})
    files = [
        ReleasedFile(source=p, name=renames.get(p.name, p.name), reencoded=p.name in renames)
        for p in sources
    ]
    return _renamed_view(view, renames), files


def write_release_files(rendered: Path, out: Path) -> dict[str, Any]:
    """Write a rendered variant's files into `out` (a new folder); returns its case.json data.

    The caller adds what the release shows of the variant (its public index)
    and writes case.json.
    """
    view, files = release_plan(rendered)
    out.mkdir(parents=True)
    for file in files:
        (out / file.name).write_bytes(file.content())
    return view
