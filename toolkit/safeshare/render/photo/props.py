"""Props drawn flat, with every text box known: wristbands, tattoos, badges, boards, screens.

Each card is drawn at twice its photographed size with draw_text, which
returns the box of each text; photo_place then maps card and boxes into the
photo together. Nothing here decides whether a prop appears: the scene does.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from safeshare.model.facts import Facts
from safeshare.render.drawing import BoxTuple, draw_text, union
from safeshare.render.fonts import font

__all__ = [
    "TATTOO_DESIGNS",
    "Card",
    "badge_card",
    "linen_print_card",
    "ring_card",
    "ruler_card",
    "tattoo_card",
    "wristband_card",
]

TATTOO_DESIGNS = ("heart_name", "rose", "date")


@dataclass(slots=True)
class Card:
    """A flat prop (RGBA) and the boxes of what is written on it, in card pixels."""

    image: Image.Image
    boxes: dict[str, BoxTuple] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)

    @property
    def size(self) -> tuple[int, int]:
        w, h = self.image.size
        return (int(w), int(h))


def _barcode(draw: ImageDraw.ImageDraw, rng: random.Random, box: BoxTuple) -> BoxTuple:
    x, y, w, h = box
    cx = x
    while cx < x + w - 4:
        bar = rng.choice([2, 2, 3, 4, 6])
        if rng.random() < 0.55:
            draw.rectangle([cx, y, cx + bar - 1, y + h], fill=(20, 20, 22, 255))
        cx += bar
    return box


def wristband_card(rng: random.Random, facts: Facts) -> Card:
    """A printed patient ID band: name, date of birth, NHS and hospital numbers, barcode."""
    w, h = 760, 190
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, w - 1, h - 1], fill=(240, 242, 242, 255))
    d.line([(0, 3), (w, 3)], fill=(205, 210, 212, 255), width=5)
    d.line([(0, h - 4), (w, h - 4)], fill=(205, 210, 212, 255), width=5)
    x = 70
    name = facts["patient.overlay_name"]
    fname = font("sans-bold", 40 if len(name) <= 22 else 34)
    small = font("sans", 29)
    ink = (15, 15, 18, 255)
    boxes = {
        "name": draw_text(d, (x, 18), name, fname, ink),
        "dob": draw_text(d, (x, 74), f"DOB {facts['patient.dob']}", small, ink),
        "nhs": draw_text(d, (x + 270, 74), f"NHS {facts['patient.nhs_number']}", small, ink),
        "hosp": draw_text(d, (x, 124), f"MRN {facts['patient.hospital_number']}", small, ink),
    }
    boxes["barcode"] = _barcode(d, rng, (x + 300, 122, 300, 44))
    texts = {
        "name": name,
        "dob": facts["patient.dob"],
        "nhs": facts["patient.nhs_number"],
        "hosp": facts["patient.hospital_number"],
    }
    return Card(img, boxes, texts)


def _heart(
    d: ImageDraw.ImageDraw,
    cx: float,
    cy: float,
    size: float,
    ink: tuple[int, ...],
    fill: tuple[int, ...],
) -> None:
    t = np.linspace(0, 2 * np.pi, 120)
    xs = 16 * np.sin(t) ** 3
    ys = -(13 * np.cos(t) - 5 * np.cos(2 * t) - 2 * np.cos(3 * t) - np.cos(4 * t))
    pts = [(cx + x * size / 34, cy + y * size / 34) for x, y in zip(xs, ys, strict=True)]
    d.polygon(pts, fill=fill)
    d.line([*pts, pts[0]], fill=ink, width=7, joint="curve")


def _leaf(
    d: ImageDraw.ImageDraw,
    base: tuple[float, float],
    angle: float,
    length: float,
    ink: tuple[int, ...],
    green: tuple[int, ...],
) -> None:
    ux, uy = np.cos(angle), np.sin(angle)
    px, py = -uy, ux
    t = np.linspace(0, 1, 24)
    width = np.sin(np.pi * t) ** 0.8 * length * 0.32
    left = [
        (base[0] + ux * length * s + px * wd, base[1] + uy * length * s + py * wd)
        for s, wd in zip(t, width, strict=True)
    ]
    right = [
        (base[0] + ux * length * s - px * wd, base[1] + uy * length * s - py * wd)
        for s, wd in zip(t, width, strict=True)
    ]
    outline = left + right[::-1]
    d.polygon(outline, fill=green)
    d.line([*outline, outline[0]], fill=ink, width=6, joint="curve")
    d.line([base, (base[0] + ux * length * 0.85, base[1] + uy * length * 0.85)], fill=ink, width=3)


def _rose(
    d: ImageDraw.ImageDraw,
    rng: random.Random,
    cx: float,
    cy: float,
    r: float,
    ink: tuple[int, ...],
    red: tuple[int, ...],
    green: tuple[int, ...],
) -> None:
    # a curved stem with thorns and two pointed leaves, then the bloom on top
    stem = [
        (cx + np.sin(t * 2.2) * r * 0.18, cy + r * 0.6 + t * r * 1.7) for t in np.linspace(0, 1, 20)
    ]
    d.line(stem, fill=ink, width=8, joint="curve")
    for k in (6, 13):
        sx, sy = stem[k]
        d.polygon([(sx, sy), (sx + 16, sy - 6), (sx + 2, sy + 10)], fill=ink)
    _leaf(d, stem[9], -0.5 + rng.uniform(-0.2, 0.2), r * 0.95, ink, green)
    _leaf(d, stem[14], np.pi + 0.55 + rng.uniform(-0.2, 0.2), r * 0.85, ink, green)
    d.ellipse([cx - r, cy - r * 0.82, cx + r, cy + r * 0.82], fill=red)
    dark = (*tuple(int(c * 0.6) for c in red[:3]), red[3])
    d.ellipse([cx - r * 0.55, cy - r * 0.35, cx + r * 0.55, cy + r * 0.45], fill=dark)
    # scalloped outer petals
    for k in range(7):
        a = 2 * np.pi * k / 7 + rng.uniform(-0.15, 0.15)
        px, py = cx + np.cos(a) * r * 0.5, cy + np.sin(a) * r * 0.42
        deg = np.degrees(a)
        d.arc(
            [px - r * 0.55, py - r * 0.45, px + r * 0.55, py + r * 0.45],
            deg - 75,
            deg + 75,
            fill=ink,
            width=7,
        )
    # the inner swirl
    t = np.linspace(0, 2.6 * 2 * np.pi, 140)
    rr = r * 0.52 * (1 - t / t[-1]) + r * 0.06
    swirl = [
        (cx + np.cos(tt + 1.0) * q, cy + np.sin(tt + 1.0) * q * 0.85)
        for tt, q in zip(t, rr, strict=True)
    ]
    d.line(swirl, fill=ink, width=6, joint="curve")


def _roman(n: int) -> str:
    vals = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


def _ink_box(img: Image.Image) -> BoxTuple:
    """The box around everything drawn on a transparent card."""
    bbox = img.getchannel("A").getbbox() or (0, 0, img.width, img.height)
    return (bbox[0], bbox[1], bbox[2] - bbox[0], bbox[3] - bbox[1])


def tattoo_card(rng: random.Random, facts: Facts, design: str) -> Card:
    """A tattoo design as ink on a transparent card (a name in a heart, a rose, a date)."""
    ink = (30, 42, 58, 255)
    red = (160, 52, 58, 220)
    green = (58, 104, 84, 215)
    if design == "heart_name":
        w, h = 420, 380
        img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        d = ImageDraw.Draw(img)
        _heart(d, w / 2, h / 2 - 10, 300, ink, red)
        word = facts["relative.given"]
        f = font("serif-bold", 48 if len(word) <= 6 else 40)
        tw = d.textlength(word, font=f)
        bx0, bx1 = w / 2 - tw / 2 - 30, w / 2 + tw / 2 + 30
        d.polygon(
            [(bx0 - 30, 150), (bx0, 170), (bx0 - 30, 200), (bx0 + 10, 205), (bx0, 175)],
            fill=(200, 190, 170, 200),
            outline=ink,
        )
        d.polygon(
            [(bx1 + 30, 150), (bx1, 170), (bx1 + 30, 200), (bx1 - 10, 205), (bx1, 175)],
            fill=(200, 190, 170, 200),
            outline=ink,
        )
        d.rounded_rectangle(
            [bx0, 150, bx1, 220], radius=10, fill=(228, 220, 200, 230), outline=ink, width=6
        )
        text_box = draw_text(d, (w / 2 - tw / 2, 158), word, f, ink)
        return Card(img, {"design": _ink_box(img), "text": text_box}, {"text": word})
    if design == "rose":
        w, h = 380, 470
        img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        d = ImageDraw.Draw(img)
        _rose(d, rng, w / 2, h * 0.28, 105, ink, red, green)
        return Card(img, {"design": _ink_box(img)}, {"text": "rose"})
    if design == "date":
        year = 1985 + rng.randrange(30)
        day, month = rng.randrange(1, 29), rng.randrange(1, 13)
        word = f"{_roman(day)} · {_roman(month)} · {_roman(year)}"
        f = font("serif", 44)
        img0 = Image.new("RGBA", (10, 10))
        tw = int(ImageDraw.Draw(img0).textlength(word, font=f))
        w, h = tw + 60, 130
        img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        d = ImageDraw.Draw(img)
        text_box = draw_text(d, (30, 30), word, f, ink)
        d.line([(30, 100), (w - 30, 100)], fill=ink, width=4)
        return Card(
            img,
            {"design": (0, 0, w, h), "text": text_box},
            {"text": f"{day:02d}.{month:02d}.{year}"},
        )
    raise ValueError(f"unknown tattoo design {design!r}; known: {', '.join(TATTOO_DESIGNS)}")


def ring_card(rng: random.Random) -> Card:
    """A distinctive ring seen from above: a gold band, a large claw-set stone, side diamonds."""
    w, h = 260, 130
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    top, bottom = 38, 92
    for y in range(top, bottom):
        t = (y - top) / (bottom - top)
        g = (
            0.35
            + 0.65 * np.exp(-(((t - 0.3) / 0.16) ** 2))
            + 0.25 * np.exp(-(((t - 0.8) / 0.1) ** 2))
        )
        d.line(
            [(0, y), (w, y)],
            fill=(int(min(255, 215 * g)), int(min(255, 170 * g)), int(70 * g), 255),
        )
    stone = rng.choice([(26, 110, 72), (34, 52, 140), (130, 18, 36)])
    cx, cy = w / 2, h / 2
    d.ellipse([cx - 50, cy - 56, cx + 50, cy + 56], fill=(190, 150, 60, 255))
    for k in range(24, 0, -1):
        t = k / 24
        col = (*tuple(int(c * (0.45 + 0.75 * (1 - t))) for c in stone), 255)
        d.ellipse([cx - 42 * t, cy - 48 * t, cx + 42 * t, cy + 48 * t], fill=col)
    d.line([(cx - 42, cy), (cx + 42, cy)], fill=(*tuple(int(c * 0.6) for c in stone), 160), width=2)
    d.line([(cx, cy - 48), (cx, cy + 48)], fill=(*tuple(int(c * 0.6) for c in stone), 160), width=2)
    d.polygon(
        [(cx - 26, cy - 26), (cx - 4, cy - 36), (cx - 12, cy - 10)], fill=(250, 255, 250, 220)
    )
    for px, py in ((-34, -38), (34, -38), (-34, 38), (34, 38)):
        d.ellipse([cx + px - 7, cy + py - 7, cx + px + 7, cy + py + 7], fill=(235, 200, 110, 255))
    for dx in (-80, -64, 64, 80):
        d.ellipse(
            [cx + dx - 8, cy - 8, cx + dx + 8, cy + 8],
            fill=(240, 244, 248, 255),
            outline=(140, 115, 50, 255),
            width=2,
        )
        d.point([(cx + dx - 3, cy - 3)], fill=(255, 255, 255, 255))
    return Card(img.filter(ImageFilter.GaussianBlur(0.7)), {"ring": (0, 0, w, h)})


def badge_card(rng: random.Random, facts: Facts, *, role: str) -> Card:
    """A staff ID badge: hospital name, a photo, the clinician's name and role."""
    w, h = 330, 500
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle(
        [0, 0, w - 1, h - 1],
        radius=22,
        fill=(246, 247, 248, 255),
        outline=(180, 185, 190, 255),
        width=3,
    )
    d.rounded_rectangle([0, 0, w - 1, 120], radius=22, fill=(0, 94, 184, 255))
    d.rectangle([0, 90, w - 1, 120], fill=(0, 94, 184, 255))
    d.ellipse([w / 2 - 22, 14, w / 2 + 22, 34], fill=(255, 255, 255, 255))
    words = facts["hospital.name"].split()
    half = (len(words) + 1) // 2
    lines = [" ".join(words[:half]), " ".join(words[half:])]
    f = font("sans-bold", 22)
    hosp_boxes = []
    for i, line in enumerate(lines):
        if line:
            tw = d.textlength(line, font=f)
            hosp_boxes.append(
                draw_text(d, ((w - tw) / 2, 44 + i * 30), line, f, (255, 255, 255, 255))
            )
    # photo: a plain grey head-and-shoulders silhouette
    d.rectangle([w / 2 - 75, 140, w / 2 + 75, 320], fill=(200, 210, 220, 255))
    d.ellipse([w / 2 - 38, 165, w / 2 + 38, 255], fill=(120, 128, 140, 255))
    d.pieslice([w / 2 - 70, 250, w / 2 + 70, 380], 180, 360, fill=(120, 128, 140, 255))
    d.rectangle([w / 2 - 75, 320, w / 2 + 75, 330], fill=(246, 247, 248, 255))
    name = facts["clinician.name"]
    fn = font("sans-bold", 30 if len(name) < 17 else 26)
    tw = d.textlength(name, font=fn)
    name_box = draw_text(d, ((w - tw) / 2, 345), name, fn, (20, 24, 30, 255))
    fr = font("sans", 22)
    tw = d.textlength(role, font=fr)
    role_box = draw_text(d, ((w - tw) / 2, 392), role, fr, (60, 66, 74, 255))
    d.rectangle([0, 440, w - 1, 470], fill=(0, 94, 184, 255))
    f2 = font("sans-bold", 18)
    tw = d.textlength("DOCTOR", font=f2)
    d.text(((w - tw) / 2, 445), "DOCTOR", font=f2, fill=(255, 255, 255, 255))
    del rng
    return Card(
        img,
        {"hospital": union(*hosp_boxes), "name": name_box, "role": role_box},
        {"name": name, "hospital": facts["hospital.name"]},
    )


def linen_print_card(facts: Facts) -> Card:
    """The stamp printed on hospital linen: PROPERTY OF <hospital>."""
    lines = ["PROPERTY OF", facts["hospital.upper"]]
    f1, f2 = font("sans-bold", 30), font("sans-bold", 40)
    probe = ImageDraw.Draw(Image.new("RGBA", (10, 10)))
    tw = int(max(probe.textlength(lines[0], font=f1), probe.textlength(lines[1], font=f2)))
    w, h = tw + 80, 150
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    ink = (40, 70, 150, 210)
    d.rounded_rectangle([6, 6, w - 7, h - 7], radius=30, outline=ink, width=6)
    b1 = draw_text(d, ((w - probe.textlength(lines[0], font=f1)) / 2, 24), lines[0], f1, ink)
    b2 = draw_text(d, ((w - probe.textlength(lines[1], font=f2)) / 2, 66), lines[1], f2, ink)
    return Card(img, {"hospital": union(b1, b2)}, {"hospital": facts["hospital.name"]})


def ruler_card() -> Card:
    """A white photographic scale in centimetres."""
    w, h = 640, 96
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rectangle(
        [0, 0, w - 1, h - 1], fill=(244, 244, 240, 255), outline=(170, 170, 170, 255), width=2
    )
    step = 10.0
    f = font("sans", 20)
    for i in range(0, 61):
        x = 20 + i * step
        length = 34 if i % 10 == 0 else (24 if i % 5 == 0 else 14)
        d.line([(x, 0), (x, length)], fill=(20, 20, 20, 255), width=2)
        if i % 10 == 0:
            d.text((x - 6, 40), str(i // 10), font=f, fill=(20, 20, 20, 255))
    d.text((w - 60, 60), "cm", font=f, fill=(20, 20, 20, 255))
    return Card(img, {"ruler": (0, 0, w, h)})
