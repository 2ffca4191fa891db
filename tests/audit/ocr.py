"""An OCR reader nobody here wrote (RapidOCR, models shipped in its wheel), with a cache.

Each image is read once per content: the words and their boxes are kept as
JSON under $SAFESHARE_OCR_CACHE (default ~/.cache/safeshare/ocr), keyed by a
hash of the pixels and of the reader's settings. Images are downscaled so the
longer side is at most MAX_SIDE pixels before reading (the bank's smallest
text stays legible at that size) and boxes are scaled back to the image.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from safeshare.atomic import write_json_atomic

MAX_SIDE = 1024
"""Longest side the reader sees: halves the time of a 1600-pixel image, reads the same words."""
MIN_SCORE = 0.6
"""Words the recogniser is less sure of are dropped (texture read as a letter)."""
_SETTINGS = f"rapidocr-3.10.0|PP-OCRv6-small|no-cls|max{MAX_SIDE}|v1"


@dataclass(frozen=True, slots=True)
class Word:
    """One recognised word and its box, in the image's own pixel grid."""

    text: str
    score: float
    x: int
    y: int
    w: int
    h: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "score": self.score,
            "x": self.x,
            "y": self.y,
            "w": self.w,
            "h": self.h,
        }


def cache_root() -> Path:
    configured = os.environ.get("SAFESHARE_OCR_CACHE")
    if configured:
        return Path(configured)
    return Path.home() / ".cache" / "safeshare" / "ocr"


@lru_cache(maxsize=1)
def _engine() -> Any:
    from rapidocr import RapidOCR

    return RapidOCR(
        params={
            "Global.log_level": "error",
            "Global.return_word_box": True,
            "Global.use_cls": False,
            "EngineConfig.onnxruntime.intra_op_num_threads": 1,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
    )


def _read(image: Image.Image) -> list[Word]:
    scale = min(1.0, MAX_SIDE / max(image.size))
    small = image
    if scale < 1.0:
        size = (round(image.width * scale), round(image.height * scale))
        small = image.resize(size, Image.Resampling.LANCZOS)
    bgr = np.ascontiguousarray(np.asarray(small.convert("RGB"))[:, :, ::-1])
    result = _engine()(bgr)
    words: list[Word] = []
    for line in result.word_results or ():
        if not isinstance(line, tuple):
            continue  # an image without text gives ('', 1.0, None) instead of lines
        for item in line:
            if not isinstance(item, tuple) or len(item) != 3 or item[2] is None:
                continue
            text, score, points = item
            if float(score) < MIN_SCORE or not str(text).strip():
                continue
            xs = [p[0] / scale for p in points]
            ys = [p[1] / scale for p in points]
            x0, y0 = int(min(xs)), int(min(ys))
            words.append(
                Word(
                    str(text),
                    round(float(score), 3),
                    x0,
                    y0,
                    max(1, int(max(xs)) - x0),
                    max(1, int(max(ys)) - y0),
                )
            )
    return words


def read_words(path: Path) -> list[Word]:
    """The words in an image file, from the cache when these pixels were read before."""
    with Image.open(path) as opened:
        image = opened.convert("RGB")
    digest = hashlib.sha256(_SETTINGS.encode())
    digest.update(f"{image.width}x{image.height}".encode())
    digest.update(image.tobytes())
    entry = cache_root() / f"{digest.hexdigest()[:32]}.json"
    if entry.is_file():
        return [Word(**w) for w in json.loads(entry.read_text(encoding="utf-8"))]
    words = _read(image)
    entry.parent.mkdir(parents=True, exist_ok=True)
    write_json_atomic(entry, [w.to_dict() for w in words])
    return words
