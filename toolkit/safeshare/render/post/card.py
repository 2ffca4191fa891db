"""A platform-neutral social-media post card: thread, post, images, replies, as one PNG.

The card is drawn at twice its size and scaled down, so curves and text come
out smooth; it is built from blocks stacked top to bottom (earlier thread
posts, the author header, text, images, alt text, location, time, actions,
replies), so its height grows with what the post holds. No real platform's
name or artwork appears. Same post and images give the same bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from safeshare.model.view import Post, Profile
from safeshare.render.fonts import FontName, font
from safeshare.render.post import icons
from safeshare.render.post.media import media_block
from safeshare.render.post.text import draw_lines, wrap_rich

__all__ = ["CARD_WIDTH", "render_post_card"]

CARD_WIDTH = 800
"""Width of the written PNG in pixels."""
_S = 2
"""Supersampling factor: drawn at _S times the size, then scaled down."""
_MARGIN = 16
_CARD_W = CARD_WIDTH - 2 * _MARGIN
_PAD = 22
_CONTENT_W = _CARD_W - 2 * _PAD
_MEDIA_MAX_H = 560

_PAGE = (239, 242, 245)
_WHITE = (255, 255, 255)
_TEXT = (15, 20, 25)
_MUTED = (83, 100, 113)
_SOFT = (96, 110, 122)
_LINK = (27, 117, 208)
_RULE = (226, 231, 235)
_THREAD = (204, 214, 220)
_LIKE = (222, 40, 98)
_ALT_BG = (246, 248, 249)

Block = Image.Image


def _u(value: float) -> int:
    """A 1x length in supersampled pixels."""
    return round(value * _S)


def _f(name: FontName, size: float) -> ImageFont.FreeTypeFont:
    return font(name, _u(size))


def _stable(key: str, lo: int, hi: int) -> int:
    """A number in [lo, hi) fixed by `key`: engagement and relative times stay byte-stable."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return lo + int.from_bytes(digest[:4], "big") % (hi - lo)


def _ellipsis(text: str, face: ImageFont.FreeTypeFont, width: float) -> str:
    """The text, cut with '…' so it fits in `width`."""
    if face.getlength(text) <= width:
        return text
    while text and face.getlength(text + "…") > width:
        text = text[:-1]
    return text + "…"


def _handle(handle: str) -> str:
    return handle if handle.startswith("@") else f"@{handle}"


def _block(height: float, draw_fn: Callable[[ImageDraw.ImageDraw, Image.Image], None]) -> Block:
    """A white block the card's width and `height` (1x) tall, drawn by `draw_fn`."""
    image = Image.new("RGB", (_u(_CARD_W), max(1, _u(height))), _WHITE)
    draw_fn(ImageDraw.Draw(image), image)
    return image


def _header(
    draw: ImageDraw.ImageDraw,
    author: Profile,
    x: float,
    y: float,
    right: float,
    *,
    size: float,
    tail: str,
    stacked: bool = False,
) -> float:
    """Name (bold), badge, then '@handle · tail' on this line (if it fits and not `stacked`)
    or the next; returns the y below."""
    name_face, muted_face = _f("sans-bold", size), _f("sans", size)
    name = _ellipsis(author.display_name, name_face, _u(right - x) * 0.7)
    draw.text((_u(x), _u(y)), name, font=name_face, fill=_TEXT)
    cursor = _u(x) + name_face.getlength(name)
    if author.verified:
        r = _u(size * 0.5)
        icons.verified_badge(draw, (cursor + _u(4) + r, _u(y + size * 0.62)), r)
        cursor += _u(8) + 2 * r
    rest = " · ".join(p for p in (_handle(author.handle), tail) if p)
    line_h = size * 1.35
    if not stacked and cursor + _u(6) + muted_face.getlength(rest) <= _u(right):
        draw.text((cursor + _u(6), _u(y)), rest, font=muted_face, fill=_MUTED)
        return y + line_h
    rest = _ellipsis(rest, muted_face, _u(right - x))
    draw.text((_u(x), _u(y + line_h)), rest, font=muted_face, fill=_MUTED)
    return y + 2 * line_h


def _header_height(
    author: Profile, x: float, right: float, *, size: float, tail: str, stacked: bool = False
) -> float:
    scratch = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    return _header(scratch, author, x, -1000, right, size=size, tail=tail, stacked=stacked) + 1000


def _paste_avatar(image: Image.Image, profile: Profile, x: float, y: float, d: float) -> None:
    face = icons.avatar(_u(d), profile.avatar_color, profile.display_name)
    image.paste(face, (_u(x), _u(y)), face)


def _thread_block(post: Post, index: int) -> Block:
    """An earlier post by the author, joined to the next by a thread line."""
    earlier = post.thread[index]
    d, top, x = 40, (18 if index == 0 else 4), _PAD + 52
    size, lh = 16, 23
    header_h = _header_height(post.author, x, _CARD_W - _PAD, size=15, tail=earlier.posted_at)
    lines = wrap_rich(earlier.text, _f("sans", size), _u(_CONTENT_W - 52))
    height = max(top + d, top + header_h + 4 + len(lines) * lh) + 16

    def paint(draw: ImageDraw.ImageDraw, image: Image.Image) -> None:
        if index > 0:
            draw.line(
                (_u(_PAD + d / 2), 0, _u(_PAD + d / 2), _u(top - 4)), fill=_THREAD, width=_u(2)
            )
        _paste_avatar(image, post.author, _PAD, top, d)
        y = _header(draw, post.author, x, top, _CARD_W - _PAD, size=15, tail=earlier.posted_at)
        draw_lines(
            draw,
            lines,
            (_u(x), _u(y + 4)),
            font=_f("sans", size),
            line_height=_u(lh),
            fill=_TEXT,
            link_fill=_LINK,
        )
        draw.line(
            (_u(_PAD + d / 2), _u(top + d + 4), _u(_PAD + d / 2), _u(height)),
            fill=_THREAD,
            width=_u(2),
        )

    return _block(height, paint)


def _relative_time(post: Post) -> str:
    minutes = _stable(f"rel:{post.posted_at}:{post.author.handle}", 4, 600)
    return f"{minutes}m" if minutes < 60 else f"{minutes // 60}h"


def _author_block(post: Post) -> Block:
    """Avatar, name, badge, handle, relative time, bio and profile location."""
    author, d = post.author, 52
    top = 4 if post.thread else _PAD
    x, right = _PAD + d + 12, _CARD_W - _PAD - 28
    bio_face, bio_lh = _f("sans", 15), 21
    bio = wrap_rich(author.bio, bio_face, _u(right - x)) if author.bio else []
    tail = _relative_time(post)
    header_h = _header_height(author, x, right, size=17, tail=tail, stacked=True)
    place = wrap_rich(author.location, bio_face, _u(right - x - 20), links=False)
    loc_h = len(place) * bio_lh if author.location else 0
    height = max(top + d, top + header_h + 2 + len(bio) * bio_lh + loc_h) + 14

    def paint(draw: ImageDraw.ImageDraw, image: Image.Image) -> None:
        if post.thread:
            draw.line(
                (_u(_PAD + d / 2), 0, _u(_PAD + d / 2), _u(top - 2)), fill=_THREAD, width=_u(2)
            )
        _paste_avatar(image, author, _PAD, top, d)
        y = _header(draw, author, x, top + 2, right, size=17, tail=tail, stacked=True)
        icons.more_dots(draw, (_u(_CARD_W - _PAD - 10), _u(top + 14)), _u(1.7), _MUTED)
        y = (
            draw_lines(
                draw,
                bio,
                (_u(x), _u(y + 2)),
                font=bio_face,
                line_height=_u(bio_lh),
                fill=_SOFT,
                link_fill=_LINK,
            )
            / _S
        )
        if author.location:
            icons.pin(draw, (_u(x), _u(y + 2), _u(14)), _MUTED)
            draw_lines(
                draw, place, (_u(x + 19), _u(y)), font=bio_face, line_height=_u(bio_lh), fill=_MUTED
            )

    return _block(height, paint)


def _text_block(post: Post) -> Block:
    face, lh = _f("sans", 19), 28
    lines = wrap_rich(post.text, face, _u(_CONTENT_W))

    def paint(draw: ImageDraw.ImageDraw, _: Image.Image) -> None:
        draw_lines(
            draw, lines, (_u(_PAD), 0), font=face, line_height=_u(lh), fill=_TEXT, link_fill=_LINK
        )

    return _block(len(lines) * lh + 12, paint)


def _media(post: Post, images: list[Image.Image]) -> Block:
    media = media_block(images, _u(_CONTENT_W), _u(_MEDIA_MAX_H), scale=_S, alt=bool(post.alt_text))
    block = Image.new("RGBA", (_u(_CARD_W), media.height + _u(14)), (*_WHITE, 255))
    block.alpha_composite(media, (_u(_PAD), 0))
    return block.convert("RGB")


def _alt_block(post: Post) -> Block:
    """The image description, shown under the images (a reader taps ALT to see it)."""
    face, lh = _f("sans", 15), 21
    lines = wrap_rich(post.alt_text, face, _u(_CONTENT_W - 24), links=False)
    inner = 30 + len(lines) * lh

    def paint(draw: ImageDraw.ImageDraw, _: Image.Image) -> None:
        draw.rounded_rectangle(
            (_u(_PAD), 0, _u(_PAD + _CONTENT_W), _u(inner + 10)),
            _u(10),
            fill=_ALT_BG,
            outline=_RULE,
            width=_u(1),
        )
        badge = _f("sans-bold", 11)
        draw.rounded_rectangle((_u(_PAD + 12), _u(9), _u(_PAD + 44), _u(25)), _u(4), fill=_TEXT)
        draw.text((_u(_PAD + 28), _u(17)), "ALT", font=badge, fill=_WHITE, anchor="mm")
        draw.text(
            (_u(_PAD + 52), _u(8)), "Image description", font=_f("sans-bold", 13), fill=_MUTED
        )
        draw_lines(draw, lines, (_u(_PAD + 12), _u(32)), font=face, line_height=_u(lh), fill=_SOFT)

    return _block(inner + 24, paint)


def _location_block(post: Post) -> Block:
    """The place the post was tagged at, beside a pin (wrapped, never cut)."""
    face, lh = _f("sans", 16), 22
    lines = wrap_rich(post.location_tag, face, _u(_CONTENT_W - 24), links=False)

    def paint(draw: ImageDraw.ImageDraw, _: Image.Image) -> None:
        icons.pin(draw, (_u(_PAD), _u(2), _u(16)), _LINK)
        draw_lines(draw, lines, (_u(_PAD + 22), 0), font=face, line_height=_u(lh), fill=_LINK)

    return _block(len(lines) * lh + 10, paint)


def _time_block(post: Post) -> Block:
    face, bold = _f("sans", 16), _f("sans-bold", 16)

    def paint(draw: ImageDraw.ImageDraw, _: Image.Image) -> None:
        x = float(_u(_PAD))
        parts: list[tuple[str, ImageFont.FreeTypeFont, tuple[int, int, int]]] = [
            (post.posted_at, face, _MUTED)
        ]
        if post.views:
            parts += [(" · ", face, _MUTED), (post.views, bold, _TEXT), (" Views", face, _MUTED)]
        for text, f, colour in parts:
            draw.text((x, 0), text, font=f, fill=colour)
            x += f.getlength(text)

    return _block(34, paint)


def _actions_block(post: Post) -> Block:
    """Divider, reply / repost / like / views / bookmark, divider."""
    face = _f("sans", 15)
    key = f"{post.posted_at}:{post.text}"
    replies = str(len(post.replies) + _stable("replies:" + key, 0, 60))
    reposts = str(_stable("reposts:" + key, 2, 400))
    liked = bool(post.likes)

    def paint(draw: ImageDraw.ImageDraw, _: Image.Image) -> None:
        draw.line((_u(_PAD), 0, _u(_PAD + _CONTENT_W), 0), fill=_RULE, width=_u(1))
        y, s = 15, 20
        slots: list[tuple[Callable[[float], None], str, tuple[int, int, int]]] = [
            (lambda x: icons.reply(draw, (_u(x), _u(y), _u(s)), _MUTED), replies, _MUTED),
            (lambda x: icons.repost(draw, (_u(x), _u(y), _u(s)), _MUTED), reposts, _MUTED),
            (
                lambda x: icons.heart(
                    draw, (_u(x), _u(y), _u(s)), _LIKE if liked else _MUTED, filled=liked
                ),
                post.likes,
                _LIKE,
            ),
            (lambda x: icons.views(draw, (_u(x), _u(y), _u(s)), _MUTED), post.views, _MUTED),
        ]
        for i, (icon, count, colour) in enumerate(slots):
            x = _PAD + i * 146
            icon(x)
            if count:
                draw.text(
                    (_u(x + s + 8), _u(y + s / 2)), count, font=face, fill=colour, anchor="lm"
                )
        icons.bookmark(draw, (_u(_PAD + _CONTENT_W - s), _u(y), _u(s)), _MUTED)
        if post.replies:
            draw.line((_u(_PAD), _u(50), _u(_PAD + _CONTENT_W), _u(50)), fill=_RULE, width=_u(1))

    return _block(51, paint)


def _reply_block(post: Post, index: int) -> Block:
    """A reply: avatar, name, handle and time, 'Replying to', text."""
    item = post.replies[index]
    d, top, x = 40, 14, _PAD + 52
    size, lh = 16, 23
    header_h = _header_height(item.author, x, _CARD_W - _PAD, size=15, tail=item.posted_at)
    lines = wrap_rich(item.text, _f("sans", size), _u(_CONTENT_W - 52))
    height = max(top + d, top + header_h + 22 + len(lines) * lh) + 14
    last = index == len(post.replies) - 1

    def paint(draw: ImageDraw.ImageDraw, image: Image.Image) -> None:
        _paste_avatar(image, item.author, _PAD, top, d)
        y = _header(draw, item.author, x, top, _CARD_W - _PAD, size=15, tail=item.posted_at)
        small = _f("sans", 14)
        draw.text((_u(x), _u(y)), "Replying to ", font=small, fill=_MUTED)
        draw.text(
            (_u(x) + small.getlength("Replying to "), _u(y)),
            _ellipsis(_handle(post.author.handle), small, _u(_CONTENT_W - 52 - 90)),
            font=small,
            fill=_LINK,
        )
        draw_lines(
            draw,
            lines,
            (_u(x), _u(y + 22)),
            font=_f("sans", size),
            line_height=_u(lh),
            fill=_TEXT,
            link_fill=_LINK,
        )
        if not last:
            draw.line((0, _u(height) - 1, _u(_CARD_W), _u(height) - 1), fill=_RULE, width=_u(1))

    return _block(height, paint)


def _blocks(post: Post, images: list[Image.Image]) -> list[Block]:
    blocks = [_thread_block(post, i) for i in range(len(post.thread))]
    blocks += [_author_block(post)]
    if post.text:
        blocks.append(_text_block(post))
    if images:
        blocks.append(_media(post, images))
    if post.alt_text:
        blocks.append(_alt_block(post))
    if post.location_tag:
        blocks.append(_location_block(post))
    blocks += [_time_block(post), _actions_block(post)]
    blocks += [_reply_block(post, i) for i in range(len(post.replies))]
    blocks.append(_block(6, lambda draw, _: None))
    return blocks


def _compose(blocks: list[Block]) -> Image.Image:
    """Stack blocks into a rounded white card with a soft shadow on a pale page."""
    card_h = sum(b.height for b in blocks)
    card = Image.new("RGB", (_u(_CARD_W), card_h), _WHITE)
    y = 0
    for block in blocks:
        card.paste(block, (0, y))
        y += block.height
    margin = _u(_MARGIN)
    page = Image.new("RGB", (_u(CARD_WIDTH), card_h + 2 * margin), _PAGE)
    shadow = Image.new("L", page.size, 0)
    ImageDraw.Draw(shadow).rounded_rectangle(
        (margin, margin + _u(3), margin + card.width, margin + card_h + _u(3)), _u(16), fill=60
    )
    shadow = shadow.filter(ImageFilter.GaussianBlur(_u(7)))
    page.paste(Image.new("RGB", page.size, (120, 130, 140)), (0, 0), shadow)
    mask = Image.new("L", card.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, card.width - 1, card_h - 1), _u(16), fill=255)
    page.paste(card, (margin, margin), mask)
    return page


def render_post_card(post: Post, images: list[Image.Image], path: Path) -> tuple[int, int]:
    """Draw the post (with its thread, images and replies) as a PNG at `path`; return its size."""
    page = _compose(_blocks(post, images))
    out_h = round(page.height / _S)
    final = page.resize((CARD_WIDTH, out_h), Image.Resampling.LANCZOS)
    final.save(path, format="PNG")
    return final.size
