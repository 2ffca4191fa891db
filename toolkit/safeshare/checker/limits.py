"""What the checker refuses to read, and reading images without trusting them.

A file someone uploads may be truncated, a decompression bomb, not an image at
all, or too large to check in reasonable time. Each is refused with a one-line
CheckInputError that says what to do, before anything is written.
"""

from __future__ import annotations

import io
import warnings
from functools import lru_cache
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from safeshare.errors import CheckInputError

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_PIXELS",
    "MAX_TEXT_CHARS",
    "check_text_size",
    "open_image",
    "read_input",
]

MAX_FILE_BYTES = 200 * 1024 * 1024
"""Larger files are refused: no clinical photo or single DICOM image a person posts is this big."""
MAX_PIXELS = 60_000_000
"""More pixels are refused as a possible decompression bomb (a 60-megapixel photo passes)."""
MAX_TEXT_CHARS = 100_000
"""A post, profile and replies together: longer text is refused rather than scanned for minutes."""


def read_input(path: Path) -> bytes:
    """The bytes of a file to check; a missing, empty or huge file is refused."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise CheckInputError(
            f"cannot read the file ({exc.strerror}): check the path", source=path
        ) from None
    if not path.is_file():
        raise CheckInputError("is not a file: give an image or a DICOM file", source=path)
    if size == 0:
        raise CheckInputError("is empty: give the image or DICOM file itself", source=path)
    if size > MAX_FILE_BYTES:
        raise CheckInputError(
            f"is {size // 2**20} MiB, more than the {MAX_FILE_BYTES // 2**20} MiB the checker "
            "reads: export a single image or frame and check that",
            source=path,
        )
    return path.read_bytes()


@lru_cache(maxsize=1)
def _heif_opener() -> bool:
    """Teach Pillow HEIC and HEIF (phones' photos) through pillow-heif, once; False without it."""
    try:
        from pillow_heif import register_heif_opener
    except ImportError:
        return False
    register_heif_opener()
    return True


def _is_heif(data: bytes) -> bool:
    """An ISO media file whose brand is HEIC or HEIF ('ftyp' box at byte 4)."""
    return data[4:8] == b"ftyp" and data[8:12] in (
        b"heic",
        b"heix",
        b"hevc",
        b"heim",
        b"heis",
        b"hevm",
        b"hevs",
        b"mif1",
        b"msf1",
    )


def open_image(data: bytes, *, source: Path | str) -> Image.Image:
    """Decode an image fully (so a truncated file fails here), refusing bombs and non-images."""
    if _is_heif(data) and not _heif_opener():
        raise CheckInputError(
            "is a HEIC/HEIF photo and pillow-heif is not installed: install safeshare's "
            "dependencies again, or export the photo as JPEG",
            source=source,
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise CheckInputError(
                    f"is {image.width}x{image.height} pixels, more than {MAX_PIXELS:,}: a "
                    "possible decompression bomb; resize it below that and check again",
                    source=source,
                )
            image.load()
    except CheckInputError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise CheckInputError(
            "declares more pixels than Pillow allows (a decompression bomb?): "
            "resize it and check again",
            source=source,
        ) from None
    except UnidentifiedImageError:
        raise CheckInputError(
            "is neither an image Pillow reads (JPEG, PNG, ...) nor a DICOM file: "
            "export the picture as JPEG or PNG",
            source=source,
        ) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise CheckInputError(
            f"cannot be decoded ({exc}): the file is truncated or damaged; export it again",
            source=source,
        ) from None
    return image


def check_text_size(text: str, *, source: str) -> str:
    """Refuse an over-long post before any pattern runs on it."""
    if len(text) > MAX_TEXT_CHARS:
        raise CheckInputError(
            f"is {len(text):,} characters, more than the {MAX_TEXT_CHARS:,} the checker reads: "
            "check the post, profile and replies, not a whole document",
            source=source,
        )
    return text
