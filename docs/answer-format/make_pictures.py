"""Draw the pictures of docs/answer-format.md: each mark graded by the real grader.

    .venv/bin/python docs/answer-format/make_pictures.py

Each picture sets out a small key (dashed yellow: what the key has), draws one
or more learner's marks and colours each by what grade() said of it: green
found, amber found in the wrong category, grey a repeat, red a mark that does
not count. The caption under each picture is the grader's own verdict, so a
picture cannot drift from the rules. The PNGs are written beside this script.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from safeshare.atomic import atomic_path
from safeshare.grade import Answer, AnswerFinding, Result, grade
from safeshare.model.key import Decoy, Finding, Key
from safeshare.model.locations import Box, Location, Span
from safeshare.render.fonts import font
from safeshare.taxonomy import category

HERE = Path(__file__).resolve().parent
WIDTH = 600
KEY = (240, 200, 40)
COLOURS = {
    "found": (40, 170, 90),
    "partial": (230, 140, 30),
    "repeat": (150, 150, 150),
    "false_alarm": (220, 50, 50),
}


def _finding(cat: str, location: Location, evidence: str, n: int = 1) -> Finding:
    c = category(cat)
    return Finding(
        id=f"{location.asset}:{cat}:{n}",
        category=cat,
        location=location,
        severity=c.severity.value,
        evidence=evidence,
        explanation=c.description,
        guidance=c.guidance,
        remedy=c.remedy,
    )


def _key(findings: Sequence[Finding], decoys: Sequence[Decoy] = ()) -> Key:
    return Key(
        case_id="D01",
        seed=1,
        findings=tuple(findings),
        consent_gaps=(),
        decision="share_after_deidentification",
        decision_reason="",
        decoys=tuple(decoys),
    )


def _status(result: Result, mark: AnswerFinding) -> str:
    for f in (*result.found, *result.partial):
        if f.marked == mark.location and f.marked_category == mark.category:
            return f.status
    if any(m.location == mark.location and m.category == mark.category for m in result.repeats):
        return "repeat"
    return "false_alarm"


def _verdict(result: Result) -> str:
    bits = []
    if result.found:
        bits.append("found " + ", ".join(f.evidence for f in result.found))
    if result.partial:
        bits.append("wrong category " + ", ".join(f.evidence for f in result.partial))
    if result.missed:
        bits.append("missed " + ", ".join(f.evidence for f in result.missed))
    if result.repeats:
        bits.append(f"{len(result.repeats)} repeat(s), no cost")
    if result.false_alarms:
        kinds = sorted({m.kind for m in result.false_alarms})
        bits.append(f"{len(result.false_alarms)} mark(s) that do not count ({', '.join(kinds)})")
    if result.tally.shotgun_factor < 1:
        bits.append(f"identifiers part x{result.tally.shotgun_factor:.2f}")
    return "; ".join(bits)


def _dashed(
    draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], colour: tuple[int, ...]
) -> None:
    x0, y0, x1, y1 = box
    for x in range(x0, x1, 8):
        draw.line([(x, y0), (min(x + 4, x1), y0)], fill=colour, width=2)
        draw.line([(x, y1), (min(x + 4, x1), y1)], fill=colour, width=2)
    for y in range(y0, y1, 8):
        draw.line([(x0, y), (x0, min(y + 4, y1))], fill=colour, width=2)
        draw.line([(x1, y), (x1, min(y + 4, y1))], fill=colour, width=2)


def _caption(image: Image.Image, title: str, verdict: str) -> Image.Image:
    small = font("sans", 13)
    lines = [title, *_wrap(verdict, 78)]
    out = Image.new("RGB", (image.width, image.height + 10 + 18 * len(lines)), "white")
    out.paste(image, (0, 0))
    draw = ImageDraw.Draw(out)
    for i, line in enumerate(lines):
        face = font("sans-bold", 13) if i == 0 else small
        draw.text((8, image.height + 5 + 18 * i), line, fill=(20, 20, 20), font=face)
    return out


def _wrap(text: str, width: int) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


@dataclass(frozen=True)
class Overlay:
    """A strip of monitor text: words at positions, each word's pixel box measured."""

    words: tuple[tuple[str, int, int], ...]
    """(text, x, y) of each word."""

    def box(self, index: int, pad: int = 1) -> Box:
        text, x, y = self.words[index]
        draw = ImageDraw.Draw(Image.new("RGB", (1, 1)))
        x0, y0, x1, y1 = draw.textbbox((x, y), text, font=font("mono", 18))
        return Box("frame", x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad)

    def picture(self, key: Key, marks: Sequence[AnswerFinding], result: Result) -> Image.Image:
        height = max(y for _, _, y in self.words) + 40
        image = Image.new("RGB", (WIDTH, height), (12, 12, 16))
        draw = ImageDraw.Draw(image)
        for text, x, y in self.words:
            draw.text((x, y), text, fill=(235, 235, 235), font=font("mono", 18))
        for f in key.findings:
            if isinstance(f.location, Box):
                b = f.location
                _dashed(draw, (b.x, b.y, b.x + b.w, b.y + b.h), KEY)
        for d in key.decoys:
            if isinstance(d.location, Box):
                b = d.location
                _dashed(draw, (b.x, b.y, b.x + b.w, b.y + b.h), (110, 110, 140))
        for mark in marks:
            assert isinstance(mark.location, Box)
            b = mark.location
            colour = COLOURS[_status(result, mark)]
            draw.rectangle((b.x, b.y, b.x + b.w, b.y + b.h), outline=colour, width=3)
        return image


def _text_picture(
    text: str, key: Key, marks: Sequence[AnswerFinding], result: Result
) -> Image.Image:
    face = font("sans", 15)
    image = Image.new("RGB", (WIDTH, 64), "white")
    draw = ImageDraw.Draw(image)
    x0, y0 = 10, 22

    def spot(offset: int) -> int:
        return x0 + int(draw.textlength(text[:offset], font=face))

    for mark in marks:
        assert isinstance(mark.location, Span)
        s = mark.location
        colour = COLOURS[_status(result, mark)]
        tint = tuple(round(255 - (255 - c) * 0.35) for c in colour)
        draw.rectangle((spot(s.start), y0 - 4, spot(s.end), y0 + 20), fill=tint, outline=colour)
    draw.text((x0, y0), text, fill=(20, 20, 20), font=face)
    for f in key.findings:
        if isinstance(f.location, Span):
            s = f.location
            for x in range(spot(s.start), spot(s.end), 8):
                draw.line([(x, y0 + 24), (min(x + 4, spot(s.end)), y0 + 24)], fill=KEY, width=3)
    return image


def _save(name: str, image: Image.Image) -> None:
    with atomic_path(HERE / f"{name}.png") as temp:
        image.save(temp, format="PNG", optimize=True)


def _graded(key: Key, marks: Sequence[AnswerFinding]) -> Result:
    return grade(key, Answer(case_id="D01", seed=1, findings=tuple(marks)))


def overlay_pictures() -> None:
    line = Overlay(words=(("Comment:", 20, 20), ("KS", 120, 20), ("94M", 160, 20)))
    name_line = Overlay(words=(("Name:", 20, 20), ("UNDERHILL, Winston H", 100, 20)))
    initials, age = line.box(1), line.box(2)
    key = _key([_finding("patient_name", initials, "KS"), _finding("age_or_sex", age, "94M")])
    both = Box(
        "frame", initials.x - 4, initials.y - 4, age.x + age.w - initials.x + 8, initials.h + 8
    )
    cases = [
        (
            "line",
            "One box over a line finds every item on it",
            key,
            line,
            [AnswerFinding("patient_name", both), AnswerFinding("age_or_sex", both)],
        ),
        (
            "line-one-category",
            "One box, one category: the other item earns part credit",
            key,
            line,
            [AnswerFinding("patient_name", both)],
        ),
    ]
    name = name_line.box(1)
    surname_end = name.x + int(name.w * 9 / 20)
    name_key = _key([_finding("patient_name", name, "UNDERHILL, Winston H")])
    cases.append(
        (
            "part",
            "A box over a whole word of a long item finds it",
            name_key,
            name_line,
            [
                AnswerFinding(
                    "patient_name", Box("frame", name.x, name.y, surname_end - name.x, name.h)
                )
            ],
        )
    )
    settings = Box("frame", 20, 80, 200, 30)
    loose_key = _key(
        [_finding("patient_name", initials, "KS"), _finding("age_or_sex", age, "94M")],
        [Decoy(location=settings, explanation="Processor settings identify no one.")],
    )
    loose_overlay = Overlay(words=(*line.words, ("Eh:A5 Cm:1", 24, 84)))
    cases.append(
        (
            "loose",
            "A loose box (here over the settings too) does not count",
            loose_key,
            loose_overlay,
            [AnswerFinding("patient_name", Box("frame", 10, 10, 260, 105))],
        )
    )
    cases.append(
        (
            "whole-picture",
            "A box the size of the picture finds nothing",
            key,
            line,
            [AnswerFinding("patient_name", Box("frame", 2, 2, WIDTH - 4, 56))],
        )
    )
    cases.append(
        (
            "repeat",
            "Repeats cost nothing; a wrong-category copy earns nothing",
            key,
            line,
            [
                AnswerFinding("patient_name", initials),
                AnswerFinding("patient_name", Box("frame", initials.x + 8, initials.y + 6, 3, 3)),
                AnswerFinding("age_or_sex", age),
                AnswerFinding(
                    "date_of_birth", Box("frame", age.x - 4, age.y - 4, age.w + 8, age.h + 8)
                ),
            ],
        )
    )
    for name_, title, k, overlay, marks in cases:
        result = _graded(k, marks)
        _save(name_, _caption(overlay.picture(k, marks, result), title, _verdict(result)))


def text_pictures() -> None:
    text = "the commemorative two-tone coin swallowed for a bet at the village fete"
    start = text.index("commemorative")
    key = _key([_finding("rarity", Span("post", "text", start, len(text)), text[start:])])

    def words(w: str) -> Span:
        i = text.index(w)
        return Span("post", "text", i, i + len(w))

    for name, title, marks in [
        (
            "phrase",
            "Whole identifying words of a key phrase find it",
            [AnswerFinding("rarity", words("village fete"))],
        ),
        (
            "phrase-one-word",
            "One word of a long phrase is too little",
            [AnswerFinding("rarity", words("coin"))],
        ),
    ]:
        result = _graded(key, marks)
        _save(name, _caption(_text_picture(text, key, marks, result), title, _verdict(result)))


def main() -> None:
    overlay_pictures()
    text_pictures()
    print("\n".join(sorted(p.name for p in HERE.glob("*.png"))))


if __name__ == "__main__":
    main()
