"""Measuring the original text's look: height, colour, case and a font family close enough."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from safeshare.author.measure import measure_look
from safeshare.render.fonts import FontName, font


def _drawn(text: str, family: FontName, size: int) -> tuple[Image.Image, tuple[int, int, int, int]]:
    image = Image.new("RGB", (760, 90), (236, 236, 230))
    draw = ImageDraw.Draw(image)
    draw.text((12, 24), text, font=font(family, size), fill=(150, 20, 30))
    left, top, right, bottom = draw.textbbox((12, 24), text, font=font(family, size))
    return image, (int(left) - 5, int(top) - 5, int(right - left) + 10, int(bottom - top) + 10)


@pytest.mark.parametrize("family", ["sans", "sans-bold", "serif", "serif-bold", "mono"])
def test_the_family_height_colour_and_case_are_measured(family: FontName) -> None:
    text = "HOLLOWAY, Jane 08/12/1954"
    image, box = _drawn(text, family, 30)
    look = measure_look(image, box, text=text)
    assert look.family == family
    _, top, _, bottom = font(family, 30).getbbox(text)
    assert abs(look.ink_px - (bottom - top)) <= 2
    red, green, blue = (int(look.colour[i : i + 2], 16) for i in (1, 3, 5))
    assert abs(red - 150) <= 25 and green < 60 and blue < 70
    assert look.case == "as_is"
    assert measure_look(image, box, text=text.upper()).case == "upper"
