"""Placing a flat prop into a photo: the mapped box covers exactly where the prop's ink lands."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from safeshare.render.drawing import draw_text
from safeshare.render.fonts import font
from safeshare.render.photo.place import Placement, rect_corners


def _card() -> tuple[Image.Image, tuple[int, int, int, int]]:
    img = Image.new("RGBA", (400, 120), (0, 0, 0, 0))
    box = draw_text(
        ImageDraw.Draw(img), (40, 30), "SMITH, Jo", font("sans-bold", 44), (0, 0, 0, 255)
    )
    return img, box


@pytest.mark.parametrize(
    ("angle", "bend"), [(0.0, 0.0), (0.6, 0.0), (-1.2, 0.0), (1.57, 1.2), (0.3, 0.9)]
)
def test_mapped_text_box_holds_the_warped_text(angle: float, bend: float) -> None:
    img, box = _card()
    ink = Image.new("RGBA", img.size, (0, 0, 0, 0))
    x, y, w, h = box
    ink.paste(img.crop((x, y, x + w, y + h)), (x, y))
    placement = Placement(img.size, rect_corners(300, 200, 260, 78, angle), bend)
    layer = placement.warp(ink, (400, 600))
    mapped = placement.box(box, (400, 600))
    assert mapped is not None
    mx, my, mw, mh = mapped
    ys, xs = np.nonzero(layer.alpha > 0.2)
    assert len(xs) > 50
    # every inked pixel lies in the mapped box (one pixel of resampling slack)
    assert xs.min() >= mx - 1 and xs.max() <= mx + mw + 1
    assert ys.min() >= my - 1 and ys.max() <= my + mh + 1
    # and the box is not much bigger than the ink
    assert mw * mh < 2.5 * (np.ptp(xs) + 1) * (np.ptp(ys) + 1) + 400


def test_box_outside_the_scene_is_none_and_edges_are_clipped() -> None:
    img, box = _card()
    far = Placement(img.size, rect_corners(-500, -500, 260, 78, 0.0))
    assert far.box(box, (300, 300)) is None
    edge = Placement(img.size, rect_corners(10, 150, 260, 78, 0.0))
    clipped = edge.box(box, (300, 300))
    assert clipped is not None and clipped[0] == 0


def test_warp_refuses_a_prop_of_the_wrong_size() -> None:
    placement = Placement((100, 50), rect_corners(50, 50, 100, 50, 0.0))
    with pytest.raises(ValueError, match="placement expects"):
        placement.warp(Image.new("RGBA", (80, 50)), (100, 100))
