"""The post card: deterministic PNG, layout that grows with content, text that wraps."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from safeshare.model.view import Post, Profile, Reply, ThreadPost
from safeshare.render.fonts import font
from safeshare.render.post.card import CARD_WIDTH, render_post_card
from safeshare.render.post.icons import initials
from safeshare.render.post.text import wrap_plain, wrap_rich

AUTHOR = Profile(
    display_name="Dr Jamie Ellison",
    handle="@gi_doc_jamie",
    bio="Consultant gastroenterologist at St Elsewhere General Hospital. Views my own.",
    location="Little Hadbury",
    verified=True,
    avatar_color="#2d6a8f",
)
REPLIER = Profile(display_name="Grace Price", handle="@grace_p", avatar_color="#8f4b2d")


def _post(**changes: object) -> Post:
    base: dict[str, object] = {
        "author": AUTHOR,
        "text": "Textbook find on this morning's list! 8mm polyp #endoscopy @colleague",
        "posted_at": "10:58 AM · Jun 12, 2024",
        "views": "48.2K",
        "likes": "1.9K",
    }
    base.update(changes)
    return Post(**base)  # type: ignore[arg-type]


def _image(w: int, h: int, colour: tuple[int, int, int] = (180, 90, 70)) -> Image.Image:
    return Image.new("RGB", (w, h), colour)


def _render(tmp_path: Path, post: Post, images: list[Image.Image], name: str = "p.png") -> Path:
    path = tmp_path / name
    size = render_post_card(post, images, path)
    with Image.open(path) as im:
        assert im.size == size
        assert im.width == CARD_WIDTH
    return path


def test_same_post_gives_same_bytes(tmp_path: Path) -> None:
    post = _post(
        alt_text="A polyp",
        location_tag="Endoscopy Unit",
        replies=(Reply(author=REPLIER, text="Hi"),),
    )
    a = _render(tmp_path, post, [_image(1280, 720)], "a.png")
    b = _render(tmp_path, post, [_image(1280, 720)], "b.png")
    assert a.read_bytes() == b.read_bytes()


def test_height_grows_with_images_thread_and_replies(tmp_path: Path) -> None:
    def height(post: Post, images: list[Image.Image]) -> int:
        with Image.open(_render(tmp_path, post, images)) as im:
            return im.height

    bare = height(_post(), [])
    one = height(_post(), [_image(1280, 720)])
    stacked = height(_post(), [_image(1280, 720), _image(1280, 720)])
    side = height(_post(), [_image(600, 800), _image(600, 800)])
    threaded = height(
        _post(thread=(ThreadPost(text="Busy list", posted_at="8:02 AM · Jun 5, 2024"),)), []
    )
    replied = height(
        _post(replies=(Reply(author=REPLIER, text="Thanks!", posted_at="11:40 AM"),)), []
    )
    assert bare < one < stacked
    assert bare < side < stacked
    assert threaded > bare
    assert replied > bare


def test_images_keep_their_colours_and_aspect(tmp_path: Path) -> None:
    path = _render(tmp_path, _post(), [_image(1280, 720, (10, 200, 30))])
    pixels = np.asarray(Image.open(path).convert("RGB")).astype(int)
    green = (pixels[..., 1] > 180) & (pixels[..., 0] < 40) & (pixels[..., 2] < 60)
    rows = np.flatnonzero(green.any(axis=1))
    cols = np.flatnonzero(green.any(axis=0))
    aspect = (cols[-1] - cols[0] + 1) / (rows[-1] - rows[0] + 1)
    assert aspect == pytest.approx(1280 / 720, rel=0.03)


def test_links_are_coloured_and_alt_badge_drawn(tmp_path: Path) -> None:
    plain = np.asarray(
        Image.open(_render(tmp_path, _post(text="no links here"), [], "a.png")).convert("RGB")
    )
    linked = np.asarray(
        Image.open(_render(tmp_path, _post(text="#endoscopy @colleague"), [], "b.png")).convert(
            "RGB"
        )
    )

    def blue(a: np.ndarray) -> int:
        a = a.astype(int)
        return int(((a[..., 2] > 170) & (a[..., 0] < 90) & (a[..., 1] > 90)).sum())

    assert blue(linked) > blue(plain) + 200
    without = _render(tmp_path, _post(), [_image(800, 600)], "c.png")
    with_alt = _render(
        tmp_path, _post(alt_text="Polyp in the sigmoid"), [_image(800, 600)], "d.png"
    )
    assert Image.open(with_alt).height > Image.open(without).height


def test_long_and_unicode_text_in_every_field(tmp_path: Path) -> None:
    long_word = "pneumonoultramicroscopicsilicovolcanoconiosis" * 4
    weird = Profile(
        display_name="Dr Siân O’Connor-Llewellyn-Featherstonehaugh " * 3,
        handle="@" + "x" * 80,
        bio=("Registrar · St Elsewhere’s · " * 12) + long_word,
        location="Ynys Môn · " * 10,
        verified=True,
        avatar_color="#3d7a4b",
    )
    post = Post(
        author=weird,
        text=f"Début · naïve café ’quoted’ {long_word}\n\n#tag{long_word}",
        posted_at="1:05 AM · Jan 2, 2025",
        images=("a",),
        alt_text=long_word,
        location_tag="Ward 7B · " * 20,
        replies=tuple(Reply(author=weird, text=long_word, posted_at="1:30 AM") for _ in range(3)),
        thread=(ThreadPost(text=long_word, posted_at="9:00 PM · Dec 30, 2024"),),
        views="",
        likes="",
    )
    plain = Profile(display_name="Dr A", handle="@a", bio="b", location="c", avatar_color="#3d7a4b")
    short = Post(
        author=plain,
        text="x",
        posted_at=post.posted_at,
        images=("a",),
        alt_text="y",
        location_tag="Ward",
        replies=tuple(Reply(author=plain, text="z", posted_at="1:30 AM") for _ in range(3)),
        thread=(ThreadPost(text="t", posted_at="9:00 PM · Dec 30, 2024"),),
        views="",
        likes="",
    )
    long_card = _ink_columns(_render(tmp_path, post, [_image(300, 1200)], "long.png"))
    short_card = _ink_columns(_render(tmp_path, short, [_image(300, 1200)], "short.png"))
    # the long words wrap onto more lines: the card grows down, never sideways
    assert long_card.height > short_card.height + 300
    # no text runs past the margins the short post's text keeps to
    assert long_card.first >= short_card.first and long_card.last <= short_card.last


@dataclass(frozen=True)
class _Ink:
    height: int
    first: int
    last: int
    """First and last pixel columns with dark ink (text) in them."""


def _ink_columns(path: Path) -> _Ink:
    with Image.open(path) as im:
        pixels = np.asarray(im.convert("RGB"))
    columns = np.flatnonzero((pixels.min(axis=2) < 120).any(axis=0))
    return _Ink(height=pixels.shape[0], first=int(columns[0]), last=int(columns[-1]))


def test_wrapping_never_overflows_and_keeps_every_character() -> None:
    face = font("sans", 20)
    text = "A short line then " + "x" * 300 + " and #hashtag @mention words"
    lines = wrap_rich(text, face, 200)
    for line in lines:
        assert sum(face.getlength(p.text) for p in line) <= 200.5
    joined = "".join("".join(p.text for p in line) for line in lines).replace(" ", "")
    assert joined == text.replace(" ", "")
    links = ["".join(p.text for p in line if p.link) for line in lines]
    assert "#hashtag" in "".join(links) and "@mention" in "".join(links)
    assert wrap_plain("one\n\ntwo", face, 500) == ["one", "", "two"]


def test_initials_skip_titles() -> None:
    assert initials("Dr Jamie Ellison") == "JE"
    assert initials("Prof. Mei") == "M"
    assert initials("Dr") == "?"


def test_three_images_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="1 or 2 images"):
        render_post_card(_post(), [_image(10, 10)] * 3, tmp_path / "x.png")
