"""Text an independent reader finds in the pixels that the key does not account for.

The reader is RapidOCR (nobody here wrote it, its models ship in its wheel),
driven by the checker's own module, safeshare.checker.ocr, so the audit reads
the bank exactly as `safeshare check` reads a clinician's image. What the audit
asserts stays its own: words it is less sure of than AUDIT_MIN_SCORE are left
out, and each image is read once per content (a JSON cache under
$SAFESHARE_OCR_CACHE, default ~/.cache/safeshare/ocr, keyed by the pixels and
the reader's settings).

A recognised word is accounted for when most of its box lies inside a key
finding's box, a decoy's box or a benign text box declared by the renderer, on
the same asset. Anything else is a hole in the key (or a renderer drawing text
it never declared).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path

import numpy as np
from PIL import Image

from safeshare.atomic import write_json_atomic
from safeshare.checker import ocr
from safeshare.checker.ocr import OcrWord, read_text
from safeshare.model.key import Key
from safeshare.model.locations import Box
from safeshare.model.view import AssetView, CaseView

AUDIT_MIN_SCORE = 0.6
"""Words the recogniser is less sure of are left out of the audit (texture read as a letter)."""

COVERED = 0.5
"""Share of a word's box that must lie in accounted regions."""
MIN_CHARACTERS = 2
"""Words with fewer letters or digits are too short to identify anyone (and OCR noise)."""
_STROKES = set("1lI|!")
"""A word of these alone is a row of strokes (skin staples, tick marks) read as '111'."""


def cache_root() -> Path:
    configured = os.environ.get("SAFESHARE_OCR_CACHE")
    if configured:
        return Path(configured)
    return Path.home() / ".cache" / "safeshare" / "ocr"


def _settings() -> str:
    from importlib.metadata import version

    models = "|".join(path.name for path in ocr.model_files())
    return (
        f"safeshare.checker.ocr|rapidocr-{version('rapidocr')}|{models}|max{ocr.MAX_SIDE}"
        f"|again{ocr.DETECT_AGAIN}|min{ocr.MIN_SCORE}|v2"
    )


def read_words(path: Path) -> list[OcrWord]:
    """The words the checker's reader finds in an image file, from the cache when it can."""
    with Image.open(path) as opened:
        image = opened.convert("RGB")
    digest = hashlib.sha256(_settings().encode())
    digest.update(f"{image.width}x{image.height}".encode())
    digest.update(image.tobytes())
    entry = cache_root() / f"{digest.hexdigest()[:32]}.json"
    if entry.is_file():
        words = [OcrWord(**w) for w in json.loads(entry.read_text(encoding="utf-8"))]
    else:
        words = [word for line in read_text(image) for word in line.words]
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_json_atomic(entry, [dataclasses.asdict(w) for w in words])
    return [w for w in words if w.score >= AUDIT_MIN_SCORE]


def _readable(text: str) -> bool:
    """Whether a recognised word could carry information: two or more characters, not strokes."""
    characters = [ch for ch in text if ch.isalnum()]
    return len(characters) >= MIN_CHARACTERS and not set(characters) <= _STROKES


def markable_images(view: CaseView) -> list[AssetView]:
    """The image assets a learner marks with boxes: the ones whose pixels can hold text."""
    return [a for a in view.assets if a.markable and a.width > 0]


def accounted_boxes(key: Key, asset_id: str) -> list[Box]:
    """Every box the key says something about on this asset."""
    locations = [f.location for f in key.findings]
    locations += [d.location for d in key.decoys]
    locations += [b.location for b in key.benign]
    return [loc for loc in locations if isinstance(loc, Box) and loc.asset == asset_id]


def _mask(boxes: list[Box], width: int, height: int) -> np.ndarray:
    mask = np.zeros((height, width), dtype=bool)
    for b in boxes:
        mask[max(0, b.y) : max(0, b.y + b.h), max(0, b.x) : max(0, b.x + b.w)] = True
    return mask


def _covered(word: OcrWord, mask: np.ndarray) -> float:
    height, width = mask.shape
    x0, y0 = max(0, word.x), max(0, word.y)
    x1, y1 = min(width, word.x + word.w), min(height, word.y + word.h)
    if x1 <= x0 or y1 <= y0:
        return 0.0
    return float(mask[y0:y1, x0:x1].mean())


def stray_words(folder: Path, view: CaseView, key: Key) -> list[str]:
    """'asset: word at (x, y)' for every recognised word the key does not account for."""
    problems: list[str] = []
    for asset in markable_images(view):
        words = read_words(folder / asset.image_file)
        mask = _mask(accounted_boxes(key, asset.id), asset.width, asset.height)
        for word in words:
            if not _readable(word.text):
                continue
            if _covered(word, mask) < COVERED:
                problems.append(
                    f"{asset.id}: text {word.text!r} at ({word.x}, {word.y}, {word.w}x{word.h}) "
                    "is in no finding, decoy or benign box"
                )
    return problems
