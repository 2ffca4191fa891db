"""Faces, for the person to confirm: OpenCV's Haar cascades, shipped in its wheel (below 5.0).

Two frontal cascades look on a copy 640 pixels across; a box either finds is
reported, because a missed face costs more than a question. (The profile cascade
found no more faces in the bank and doubled the time: faces in profile are among
what the report says it cannot guarantee.)
Every face is flagged `confirm`: a cascade sees face-like patterns, not people.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

__all__ = ["CASCADES", "FaceBox", "cascade_files", "find_faces"]

CASCADES = (
    "haarcascade_frontalface_default.xml",
    "haarcascade_frontalface_alt2.xml",
)
_NEIGHBOURS = (3, 2)
"""Votes each cascade needs: alt2 is the stricter cascade, so it may fire on fewer."""
_MAX_SIDE = 640
"""Faces are searched on a copy scaled to this longest side: faster, same faces."""

FaceBox = tuple[int, int, int, int]
"""x, y, w, h in the image's own pixel grid."""


def cascade_files() -> list[Path]:
    """The cascade files inside the installed OpenCV wheel."""
    import cv2

    root = Path(cv2.data.haarcascades)  # type: ignore[attr-defined]
    return [root / name for name in CASCADES]


@lru_cache(maxsize=1)
def _classifiers() -> list[Any]:
    import cv2

    cv2.setNumThreads(1)
    found = []
    for path in cascade_files():
        classifier = cv2.CascadeClassifier(str(path))
        if classifier.empty():
            raise RuntimeError(f"OpenCV could not load {path}: reinstall opencv-python-headless<5")
        found.append(classifier)
    return found


def _overlap(a: FaceBox, b: FaceBox) -> float:
    ix = max(0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
    smaller = min(a[2] * a[3], b[2] * b[3])
    return ix * iy / smaller if smaller else 0.0


def find_faces(image: Image.Image) -> list[FaceBox]:
    """Boxes of what the cascades take for faces (merged where they overlap)."""
    import cv2

    scale = min(1.0, _MAX_SIDE / max(image.size))
    grey = image.convert("L")
    if scale < 1.0:
        grey = grey.resize((round(image.width * scale), round(image.height * scale)))
    pixels = cv2.equalizeHist(np.asarray(grey))
    min_side = max(20, round(min(grey.size) * 0.06))
    raw: list[FaceBox] = []
    for classifier, neighbours in zip(_classifiers(), _NEIGHBOURS, strict=True):
        boxes = classifier.detectMultiScale(
            pixels, scaleFactor=1.1, minNeighbors=neighbours, minSize=(min_side, min_side)
        )
        for x, y, w, h in boxes if len(boxes) else ():
            raw.append((int(x), int(y), int(w), int(h)))
    merged: list[FaceBox] = []
    for box in sorted(raw, key=lambda b: -b[2] * b[3]):
        if not any(_overlap(box, kept) > 0.4 for kept in merged):
            merged.append(box)
    return [
        (round(x / scale), round(y / scale), round(w / scale), round(h / scale))
        for x, y, w, h in merged
    ]
