"""Burned-in text: classify every box the OCR read, and report the rest too.

Lines side by side on one row are read together, so a label gives its value a
meaning ('BIRTH' before '08/12/1954' makes it a date of birth). Each identifier
is reported with the box of the words it covers; every line no rule recognised
is still reported, for the person to judge, because a de-identifier that masks
only what it understood leaves the rest on show.
"""

from __future__ import annotations

from safeshare.checker.detection import Detection
from safeshare.checker.ocr import OcrLine, OcrWord
from safeshare.checker.text_classes import classify_text
from safeshare.model.locations import Box

__all__ = ["classify_lines", "rows_of"]


def rows_of(lines: list[OcrLine]) -> list[list[OcrLine]]:
    """Lines grouped into rows (vertical centres within half a line height), left to right."""
    rows: list[list[OcrLine]] = []
    for line in sorted(lines, key=lambda ln: (ln.box[1], ln.box[0])):
        _x, y, _w, h = line.box
        centre = y + h / 2
        for row in rows:
            _rx, ry, _rw, rh = row[-1].box
            if abs((ry + rh / 2) - centre) <= max(rh, h) / 2:
                row.append(line)
                break
        else:
            rows.append([line])
    return [sorted(row, key=lambda ln: ln.box[0]) for row in rows]


def _doubled(before: OcrWord, word: OcrWord) -> bool:
    """A short word lying mostly inside the word before it, on a row: a second reading."""
    inside = max(0, min(before.x + before.w, word.x + word.w) - max(before.x, word.x))
    return len(word.text) < len(before.text) and inside > 0.5 * word.w


def _words_in_row(row: list[OcrLine]) -> tuple[str, list[tuple[int, int, OcrWord]]]:
    text = ""
    spans: list[tuple[int, int, OcrWord]] = []
    kept: list[OcrWord] = []
    for line in row:
        for word in line.words:
            if kept and _doubled(kept[-1], word):
                continue  # the reader read the edge of the last word twice
            kept.append(word)
            if text:
                text += " "
            spans.append((len(text), len(text) + len(word.text), word))
            text += word.text
    return text, spans


def _box_of(words: list[OcrWord], asset: str) -> Box:
    x0 = min(w.x for w in words)
    y0 = min(w.y for w in words)
    x1 = max(w.x + w.w for w in words)
    y1 = max(w.y + w.h for w in words)
    return Box(asset, x0, y0, x1 - x0, y1 - y0)


def classify_lines(lines: list[OcrLine], *, asset: str, detector: str = "ocr") -> list[Detection]:
    """A detection per identifier found in the text, and one per line nothing recognised."""
    found: list[Detection] = []
    for row in rows_of(lines):
        text, spans = _words_in_row(row)
        covered: set[int] = set()
        for hit in classify_text(text):
            words = [w for start, end, w in spans if start < hit.end and hit.start < end]
            if not words:
                continue
            covered.update(id(w) for w in words)
            found.append(
                Detection(
                    category=hit.category,
                    location=_box_of(words, asset),
                    evidence=hit.text,
                    reason=f"text in the pixels: {hit.label}",
                    detector=detector,
                )
            )
        for line in row:
            rest = [w for w in line.words if id(w) not in covered]
            if not rest:
                continue
            found.append(
                Detection(
                    category="",
                    location=_box_of(rest, asset),
                    evidence=" ".join(w.text for w in rest),
                    reason="text in the pixels that no rule recognised: read it before sharing",
                    detector=detector,
                    confirm=True,
                )
            )
    return found
