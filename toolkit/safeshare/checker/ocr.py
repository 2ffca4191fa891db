"""Reading text burned into pixels: RapidOCR with the models its wheel ships, word boxes.

The engine is built once per process from the model files inside the rapidocr
package (named explicitly, so it never tries to download one) and runs on one
thread. Images are scaled so the longer side is at most MAX_SIDE before reading;
boxes come back in the image's own pixel grid.

The steps are RapidOCR's own (detect lines, turn each upright, recognise it,
place its words), driven here so that:
- lines are detected twice, at full size and at DETECT_AGAIN of it, and the
  second pass adds the lines the first missed (a detector at one scale merges or
  drops lines that cross other text, which it finds at another);
- every line goes through the angle classifier shipped in the wheel, so text
  printed upside down or running up a wristband is read the right way round,
  and its words are placed back on the line as it lies in the image.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

__all__ = [
    "DETECT_AGAIN",
    "MAX_SIDE",
    "MIN_SCORE",
    "OcrLine",
    "OcrWord",
    "model_files",
    "read_text",
]

MAX_SIDE = 1600
"""Longest side the reader sees: larger images are scaled down (small text stays legible)."""
MIN_SCORE = 0.5
"""Words the recogniser is less sure of than this are dropped (texture read as letters)."""
DETECT_AGAIN = 0.75
"""The scale of the second detection pass (0 turns it off)."""
_COVERED = 0.5
"""A line from the second pass is new unless this share of it lies in a line already found."""
_DET_MODEL = "PP-OCRv6_det_small.onnx"
_REC_MODEL = "PP-OCRv6_rec_small.onnx"
_CLS_MODEL = "ch_ppocr_mobile_v2.0_cls_mobile.onnx"


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


def model_files() -> tuple[Path, Path, Path]:
    """The detection, recognition and angle models inside the installed rapidocr wheel."""
    import rapidocr

    root = Path(rapidocr.__file__).resolve().parent / "models"
    return root / _DET_MODEL, root / _REC_MODEL, root / _CLS_MODEL


@lru_cache(maxsize=1)
def _engine() -> Any:
    from rapidocr import RapidOCR

    det, rec, cls = model_files()
    return RapidOCR(
        params={
            "Global.log_level": "error",
            "Global.return_word_box": True,
            "Global.use_cls": True,
            "Global.text_score": MIN_SCORE,
            "Det.model_path": str(det),
            "Rec.model_path": str(rec),
            "Cls.model_path": str(cls),
            "EngineConfig.onnxruntime.intra_op_num_threads": 1,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            # ONNX Runtime's memory arena: about an eighth faster per image, a little more memory
            "EngineConfig.onnxruntime.enable_cpu_mem_arena": True,
        }
    )


def _bounds(quad: np.ndarray) -> tuple[float, float, float, float]:
    return (
        float(quad[:, 0].min()),
        float(quad[:, 1].min()),
        float(quad[:, 0].max()),
        float(quad[:, 1].max()),
    )


def _covered(quad: np.ndarray, found: list[np.ndarray]) -> bool:
    x0, y0, x1, y1 = _bounds(quad)
    area = max(1.0, (x1 - x0) * (y1 - y0))
    for other in found:
        a0, b0, a1, b1 = _bounds(other)
        inter = max(0.0, min(x1, a1) - max(x0, a0)) * max(0.0, min(y1, b1) - max(y0, b0))
        if inter >= _COVERED * area:
            return True
    return False


def _detect(engine: Any, img: np.ndarray) -> list[np.ndarray]:
    """Line quads at full size, plus those a second pass at DETECT_AGAIN adds."""
    import cv2

    detector = engine._load_det_model()
    first = detector(img)
    boxes = first.boxes if first.boxes is not None else []
    found = [np.asarray(q, dtype=np.float32) for q in boxes]
    if DETECT_AGAIN and min(img.shape[:2]) * DETECT_AGAIN >= 16:
        area = cv2.INTER_AREA
        small = cv2.resize(img, None, fx=DETECT_AGAIN, fy=DETECT_AGAIN, interpolation=area)
        again = detector(small)
        extra = []
        for quad in again.boxes if again.boxes is not None else []:
            quad = np.asarray(quad, dtype=np.float32) / DETECT_AGAIN
            if not _covered(quad, found):
                extra.append(quad)
        found += extra
    return found


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


def _read(engine: Any, bgr: np.ndarray) -> list[list[Any]]:
    """RapidOCR's steps with two detection passes: word results (text, score, quad) per line."""
    from rapidocr.ch_ppocr_rec import TextRecInput
    from rapidocr.utils.process_img import (
        apply_vertical_padding,
        map_boxes_to_original,
        map_img_to_original,
    )

    img, record = engine.preprocess_img(bgr)
    img, record = apply_vertical_padding(img, record, engine.width_height_ratio, engine.min_height)
    quads = _detect(engine, img)
    if not quads:
        return []
    crops = engine.crop_text_regions(img, quads)
    turned = engine._load_cls_model()(crops)
    upright = turned.img_list
    rec = engine._load_rec_model()(TextRecInput(img=upright, return_word_box=True))
    boxes = map_boxes_to_original(np.array(quads), record, bgr.shape[0], bgr.shape[1])
    ratio_h, ratio_w = record["preprocess"]["ratio_h"], record["preprocess"]["ratio_w"]
    upright = map_img_to_original(upright, ratio_h, ratio_w)
    keep = [
        i
        for i, (text, score) in enumerate(zip(rec.txts, rec.scores, strict=True))
        if text.strip() and score >= MIN_SCORE and rec.word_results[i]
    ]
    if not keep:
        return []
    # A line the classifier turned half a circle reads from its far corner: start its quad there,
    # so each word lands where it lies in the image.
    starts = [
        np.roll(boxes[i], 2, axis=0) if turned.cls_res[i][0] == "180" else boxes[i] for i in keep
    ]
    rec.txts = tuple(rec.txts[i] for i in keep)
    rec.scores = tuple(rec.scores[i] for i in keep)
    rec.word_results = tuple(rec.word_results[i] for i in keep)
    placed = engine.cal_rec_boxes([upright[i] for i in keep], np.array(starts), rec, False)
    return [[w for w in line if w[2] is not None] for line in placed.word_results]


def read_text(image: Image.Image) -> list[OcrLine]:
    """Every line of text the reader finds in `image`, with a box per word."""
    scale = min(1.0, MAX_SIDE / max(image.size))
    small = image.convert("RGB")
    if scale < 1.0:
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        small = small.resize(size, Image.Resampling.LANCZOS)
    bgr = np.ascontiguousarray(np.asarray(small)[:, :, ::-1])
    lines: list[OcrLine] = []
    for line in _read(_engine(), bgr):
        words = tuple(w for w in (_word(tuple(item), scale) for item in line) if w is not None)
        if words:
            lines.append(OcrLine(words))
    return lines
