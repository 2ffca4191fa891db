"""Faces, for the person to confirm: OpenCV's Haar cascades, shipped in its wheel (below 5.0).

Two frontal cascades look on a copy 640 pixels across and propose candidates.
A cascade alone fires on many face-like patterns (vertebrae on a film, the weave
of a drape, skin texture), so each candidate is then verified: three frontal
cascades trained apart (default, alt, alt2) must each fire on it again, at about
its size, and either the region has the colour of skin or the three agree
strongly (a face in a greyscale image). A face whose eyes were covered with a
black bar defeats the cascades, so the bar itself is looked for too. Every face
is still flagged `confirm`: a cascade sees face-like patterns, not people. Faces
in profile, turned or small are among what the report says it cannot guarantee.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

__all__ = [
    "CASCADES",
    "VERIFIERS",
    "FaceBox",
    "FaceCandidate",
    "FaceFound",
    "cascade_files",
    "detect_faces",
    "eye_bars",
    "face_candidates",
    "find_faces",
]

CASCADES = (
    "haarcascade_frontalface_default.xml",
    "haarcascade_frontalface_alt2.xml",
)
"""The cascades that propose candidates."""
VERIFIERS = (
    "haarcascade_frontalface_default.xml",
    "haarcascade_frontalface_alt.xml",
    "haarcascade_frontalface_alt2.xml",
)
"""The cascades that must each fire again on a candidate."""
_NEIGHBOURS = (3, 2)
"""Votes each proposing cascade needs: alt2 is the stricter cascade, so it may fire on fewer."""
_MAX_SIDE = 640
"""Faces are searched on a copy scaled to this longest side: faster, same faces."""
AGREE = 3
"""Each verifier must fire at least this often on a candidate with the colour of skin."""
STRONG = 10
"""Without the colour of skin (a greyscale film, a blue drape), each must fire this often."""
SKIN_SHARE = 0.3
"""The share of a candidate's pixels in the skin range of YCrCb that counts as skin."""

FaceBox = tuple[int, int, int, int]
"""x, y, w, h in the image's own pixel grid."""


@dataclass(frozen=True, slots=True)
class FaceCandidate:
    """A region a cascade proposed, with the evidence the verification weighed."""

    box: FaceBox
    """x, y, w, h in the image's own pixel grid."""
    votes: tuple[int, ...]
    """How often each verifier (in VERIFIERS order) fired on it at about its size."""
    skin: float
    """The share of its pixels with the colour of skin (0 in a greyscale image)."""

    @property
    def verified(self) -> bool:
        """Whether the verifiers agree it is a face."""
        needed = AGREE if self.skin >= SKIN_SHARE else STRONG
        return min(self.votes) >= needed


def cascade_files(names: tuple[str, ...] = CASCADES) -> list[Path]:
    """The cascade files inside the installed OpenCV wheel."""
    import cv2

    root = Path(cv2.data.haarcascades)  # type: ignore[attr-defined]
    return [root / name for name in names]


@lru_cache(maxsize=4)
def _classifiers(names: tuple[str, ...]) -> list[Any]:
    import cv2

    cv2.setNumThreads(1)
    found = []
    for path in cascade_files(names):
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


def _votes(pixels: np.ndarray, box: FaceBox) -> tuple[int, ...]:
    """Raw windows each verifier accepts on the candidate, at 0.7 to 1.4 times its size."""
    x, y, w, h = box
    pad = w // 3
    top, left = max(0, y - pad), max(0, x - pad)
    crop = pixels[top : y + h + pad, left : x + w + pad]
    low, high = max(12, round(w * 0.7)), round(w * 1.4)
    here = (x - left, y - top, w, h)
    votes = []
    for classifier in _classifiers(VERIFIERS):
        windows = classifier.detectMultiScale(
            crop, scaleFactor=1.05, minNeighbors=0, minSize=(low, low), maxSize=(high, high)
        )
        votes.append(
            sum(_overlap(here, tuple(int(v) for v in win)) > 0.5 for win in windows)  # type: ignore[arg-type]
            if len(windows)
            else 0
        )
    return tuple(votes)


def _skin(ycc: np.ndarray) -> float:
    """The share of pixels whose chroma falls in the usual skin range (Cr 133-173, Cb 77-127)."""
    cb, cr = ycc[..., 1].astype(np.int16), ycc[..., 2].astype(np.int16)
    skin = (cr >= 133) & (cr <= 173) & (cb >= 77) & (cb <= 127)
    return float(skin.mean()) if skin.size else 0.0


def _skin_share(image: Image.Image, box: FaceBox) -> float:
    if image.mode in ("L", "LA", "I", "I;16", "F", "1"):
        return 0.0
    x, y, w, h = box
    patch = image.crop((x, y, x + w, y + h)).convert("YCbCr")
    patch.thumbnail((64, 64))
    return _skin(np.asarray(patch))


_BAR_DARK = 40
"""Grey level under which a pixel may belong to an eye bar (a bar is drawn black)."""
_BAR_FLAT = 6.0
"""Grey levels of spread (standard deviation over 5x5 pixels) under which a patch is flat."""
_BAR_FILL = 0.8
"""An eye bar fills this share of its bounding box: a rectangle, not a shadow or hair."""
_BAR_ASPECT = (2.2, 7.0)
_BAR_SKIN = 0.5
"""The share of skin under the bar (cheeks and nose) that makes it a bar across a face."""


def eye_bars(image: Image.Image) -> list[FaceBox]:
    """Faces whose eyes were covered with a black bar, found from the bar itself.

    A bar over the eyes hides what the cascades look for, yet leaves the face,
    hair, ears and skin on show to anyone who knows the patient, so it is looked
    for directly: a solid, flat dark rectangle, wider than tall, clear of the edges,
    with skin below it. The face's box is drawn around the bar in a face's
    proportions. Colour images only: in greyscale, skin cannot be told.
    """
    import cv2

    if image.mode in ("L", "LA", "I", "I;16", "F", "1"):
        return []
    scale = min(1.0, _MAX_SIDE / max(image.size))
    small = image.convert("RGB")
    if scale < 1.0:
        small = small.resize((round(image.width * scale), round(image.height * scale)))
    width, height = small.size
    grey = np.asarray(small.convert("L")).astype(np.float32)
    mean = cv2.blur(grey, (5, 5))
    spread = np.sqrt(np.maximum(cv2.blur(grey * grey, (5, 5)) - mean * mean, 0.0))
    # Dark and flat: a bar is one solid colour, dark hair beside it has strands.
    dark = ((grey < _BAR_DARK) & (spread < _BAR_FLAT)).astype(np.uint8)
    opened = cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
    count, _labels, stats, _centres = cv2.connectedComponentsWithStats(opened)
    ycc = np.asarray(small.convert("YCbCr"))
    found: list[FaceBox] = []
    for x, y, w, h, area in stats[1:count]:
        if not (0.08 * width <= w <= 0.7 * width and h >= 6):
            continue
        if not (_BAR_ASPECT[0] <= w / h <= _BAR_ASPECT[1]) or area < _BAR_FILL * w * h:
            continue
        if x <= 1 or y <= 1 or x + w >= width - 1 or y + h >= height - 1:
            continue  # a panel or a border, not a bar laid on a face
        below = ycc[y + h : min(height, y + h + round(1.5 * h)), x + w // 5 : x + w - w // 5]
        if _skin(below) < _BAR_SKIN:
            continue
        face_w = 1.55 * w
        face_h = 1.15 * face_w
        left = max(0.0, x + w / 2 - face_w / 2)
        top = max(0.0, y + h / 2 - 0.4 * face_h)
        right = min(float(width), x + w / 2 + face_w / 2)
        bottom = min(float(height), top + face_h)
        found.append(
            (
                round(left / scale),
                round(top / scale),
                round((right - left) / scale),
                round((bottom - top) / scale),
            )
        )
    return found


def face_candidates(image: Image.Image) -> list[FaceCandidate]:
    """Every region the proposing cascades found (merged), with its verification evidence."""
    import cv2

    scale = min(1.0, _MAX_SIDE / max(image.size))
    grey = image.convert("L")
    if scale < 1.0:
        grey = grey.resize((round(image.width * scale), round(image.height * scale)))
    pixels = cv2.equalizeHist(np.asarray(grey))
    min_side = max(20, round(min(grey.size) * 0.06))
    raw: list[FaceBox] = []
    for classifier, neighbours in zip(_classifiers(CASCADES), _NEIGHBOURS, strict=True):
        boxes = classifier.detectMultiScale(
            pixels, scaleFactor=1.1, minNeighbors=neighbours, minSize=(min_side, min_side)
        )
        for x, y, w, h in boxes if len(boxes) else ():
            raw.append((int(x), int(y), int(w), int(h)))
    merged: list[FaceBox] = []
    for box in sorted(raw, key=lambda b: -b[2] * b[3]):
        if not any(_overlap(box, kept) > 0.4 for kept in merged):
            merged.append(box)
    found = []
    for box in merged:
        x, y, w, h = box
        full = (round(x / scale), round(y / scale), round(w / scale), round(h / scale))
        found.append(FaceCandidate(full, _votes(pixels, box), _skin_share(image, full)))
    return found


@dataclass(frozen=True, slots=True)
class FaceFound:
    """A face the checker reports, and how it was found."""

    box: FaceBox
    """x, y, w, h in the image's own pixel grid."""
    how: str
    """'cascades' (three frontal cascades agree) or 'eye_bar' (a black bar across a face)."""


def detect_faces(image: Image.Image) -> list[FaceFound]:
    """Verified cascade faces and faces behind an eye bar (one report where both find one)."""
    found = [FaceFound(c.box, "cascades") for c in face_candidates(image) if c.verified]
    for box in eye_bars(image):
        if not any(_overlap(box, f.box) > 0.4 for f in found):
            found.append(FaceFound(box, "eye_bar"))
    return found


def find_faces(image: Image.Image) -> list[FaceBox]:
    """Boxes of every face `detect_faces` reports."""
    return [f.box for f in detect_faces(image)]
