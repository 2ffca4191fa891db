"""Reading text burned into pixels: RapidOCR with the models its wheel ships, word boxes.

The engine is built once per process from the model files inside the rapidocr
package (named explicitly, so it never tries to download one) and runs on one
thread. Images are scaled so the longer side is at most MAX_SIDE before reading;
boxes come back in the image's own pixel grid.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

__all__ = ["MAX_SIDE", "MIN_SCORE", "OcrLine", "OcrWord", "model_files", "read_text"]

MAX_SIDE = 1600
"""Longest side the reader sees: larger images are scaled down (small text stays legible)."""
MIN_SCORE = 0.5
"""Words the recogniser is less sure of than this are dropped (texture read as letters)."""
_DET_MODEL = "PP-OCRv6_det_small.onnx"
_REC_MODEL = "PP-OCRv6_rec_small.onnx"


@dataclass(frozen=True, slots=True)
class OcrWord:
    """One word and its box (x, y of the top-left corner) in the image's pixel grid."""

    text: str
    score: float
    x: int
    y: int
    w: int
    h: int


@dataclass(frozen=True, slots=True)
class OcrLine:
    """A line of words the recogniser read together."""

    words: tuple[OcrWord, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def box(self) -> tuple[int, int, int, int]:
        x0 = min(w.x for w in self.words)
        y0 = min(w.y for w in self.words)
        x1 = max(w.x + w.w for w in self.words)
        y1 = max(w.y + w.h for w in self.words)
        return x0, y0, x1 - x0, y1 - y0


def model_files() -> tuple[Path, Path]:
    """The detection and recognition models inside the installed rapidocr wheel."""
    import rapidocr

    root = Path(rapidocr.__file__).resolve().parent / "models"
    return root / _DET_MODEL, root / _REC_MODEL


@lru_cache(maxsize=1)
def _engine() -> Any:
    from rapidocr import RapidOCR

    det, rec = model_files()
    return RapidOCR(
        params={
            "Global.log_level": "error",
            "Global.return_word_box": True,
            "Global.use_cls": False,
            "Global.text_score": MIN_SCORE,
            "Det.model_path": str(det),
            "Rec.model_path": str(rec),
            "EngineConfig.onnxruntime.intra_op_num_threads": 1,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
    )


def _word(item: Any, scale: float) -> OcrWord | None:
    if not isinstance(item, tuple) or len(item) != 3 or item[2] is None:
        return None
    text, score, points = item
    if float(score) < MIN_SCORE or not any(c.isalnum() for c in str(text)):
        return None  # low confidence, or no letter or digit (a masked box read as a glyph)
    xs = [float(p[0]) / scale for p in points]
    ys = [float(p[1]) / scale for p in points]
    x0, y0 = int(min(xs)), int(min(ys))
    w, h = max(1, round(max(xs)) - x0), max(1, round(max(ys)) - y0)
    return OcrWord(str(text), round(float(score), 3), x0, y0, w, h)


def read_text(image: Image.Image) -> list[OcrLine]:
    """Every line of text the reader finds in `image`, with a box per word."""
    scale = min(1.0, MAX_SIDE / max(image.size))
    small = image.convert("RGB")
    if scale < 1.0:
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        small = small.resize(size, Image.Resampling.LANCZOS)
    bgr = np.ascontiguousarray(np.asarray(small)[:, :, ::-1])
    result = _engine()(bgr)
    lines: list[OcrLine] = []
    for line in result.word_results or ():
        if not isinstance(line, tuple):
            continue  # an image without text gives ('', 1.0, None) instead of lines
        words = tuple(w for w in (_word(item, scale) for item in line) if w is not None)
        if words:
            lines.append(OcrLine(words))
    return lines
