"""No renderer shows a real person: no bundled photograph, no sample-image loader, no face data.

Every patient in the bank is rendered. A real photograph (scikit-image's
astronaut, a face data set) would put a real, identifiable person in front of
learners as a patient, the very thing the course teaches against.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import numpy as np
import pytest

import safeshare
from safeshare.render.photo.face import face_scene

PACKAGE = Path(safeshare.__file__).parent

IMAGE_SUFFIXES = {
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".bmp",
    ".tif",
    ".tiff",
    ".webp",
    ".heic",
    ".dcm",
    ".npy",
    ".npz",
}
"""Files that could hold a photograph (or pixel data of one)."""

PROJECT_IMAGES: set[str] = set()
"""Image files the project made itself and ships in the package (relative paths): none yet."""

REAL_PEOPLE = [
    (r"\bskimage\s*\.\s*data\b|from\s+skimage\s+import\s+data\b", "scikit-image's sample photos"),
    (r"astronaut", "the astronaut photograph"),
    (r"\bsklearn\s*\.\s*datasets\b|fetch_lfw|olivetti", "face data sets (LFW, Olivetti)"),
    (r"imageio:", "imageio's standard images"),
    (r"\bscipy\s*\.\s*(datasets|misc)\b", "SciPy's sample images"),
    (r"\bcv2\s*\.\s*samples\b", "OpenCV's sample images"),
]


def _sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def test_the_package_ships_no_photograph() -> None:
    images = [
        str(p.relative_to(PACKAGE))
        for p in _sources()
        if p.suffix.lower() in IMAGE_SUFFIXES and str(p.relative_to(PACKAGE)) not in PROJECT_IMAGES
    ]
    assert images == [], f"image files in the package (render patients instead): {images}"


@pytest.mark.parametrize(("pattern", "what"), REAL_PEOPLE)
def test_no_module_loads_a_sample_photograph(pattern: str, what: str) -> None:
    found = []
    for path in _sources():
        if path.suffix not in {".py", ".yaml", ".yml", ".json", ".j2", ".js"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            if re.search(pattern, line, flags=re.IGNORECASE):
                found.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert found == [], f"{what} would show a real person: {found}"


def test_the_scan_would_catch_the_astronaut() -> None:
    line = "from skimage import data; photo = data.astronaut()"
    assert any(re.search(p, line, flags=re.IGNORECASE) for p, _ in REAL_PEOPLE)


def test_the_face_renders_with_sample_images_out_of_reach(monkeypatch: pytest.MonkeyPatch) -> None:
    # were the face read from a sample photograph, blocking the loaders would break it
    for name in ("skimage.data", "sklearn.datasets", "imageio", "scipy.datasets", "scipy.misc"):
        monkeypatch.setitem(sys.modules, name, None)
    scene = face_scene(
        np.random.default_rng(3), random.Random(3), eye_bar=True, rash=True, female=True, age=40
    )
    assert scene.rgb.shape == (1120, 960, 3)
    assert [m.category for m in scene.marks] == ["full_face"]
