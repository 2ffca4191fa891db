"""Burned-in text: classify every box the OCR read, and report the rest too.

Lines side by side on one row are read together, so a label gives its value a
meaning ('BIRTH' before '08/12/1954' makes it a date of birth). A row is lines
whose heights overlap and whose gaps are short: two panels of a screen at the
same height are two rows, so a worklist's names do not run into the viewer's
header. A line the row's reading left unclassified is read again on its own.
On a specimen or record label, a word in capitals alone on its line is taken for
a surname, and two or three capitals beside an L or R side marker for a
radiographer's initials, each for the person to confirm. A zero among letters is read as the letter
O it usually is ('0KONJO', 'D0B').

Each identifier is reported with the box of the words it covers; every line no
rule recognised is still reported, for the person to judge, because a
de-identifier that masks only what it understood leaves the rest on show.
"""

from __future__ import annotations

import re

from safeshare.checker.detection import Detection
from safeshare.checker.ocr import OcrLine, OcrWord
from safeshare.checker.text_classes import TextHit, classify_text
from safeshare.model.locations import Box

__all__ = [
    "LABEL_SURNAME",
    "MARKER_INITIALS",
    "classify_lines",
    "letters_read_as_zeros",
    "rows_of",
]

_ROW_GAP = 4.0
"""Lines further apart than this many line heights are not read as one row."""
_ROW_OVERLAP = 0.55
"""Two lines are on one row when their heights overlap by this share of the smaller."""
_LABEL_IDS = frozenset({"patient_number", "unique_number", "date_of_birth"})
"""A line holding one of these makes the lines around it a label."""
LABEL_SURNAME = "a word in capitals alone on a label beside a number: likely a surname"
_LONE_WORD = re.compile(r"[A-Z][A-Z'\-]{3,}")
_LABEL_WORDS = frozenset(
    [
        "LEFT",
        "RIGHT",
        "ERECT",
        "SUPINE",
        "PRONE",
        "PORTABLE",
        "AXIAL",
        "SAGITTAL",
        "CORONAL",
        "BLOCK",
        "SLIDE",
        "LEVEL",
        "LEVELS",
        "BIOPSY",
        "BIOPSIES",
        "SPECIMEN",
        "STAIN",
        "GIEMSA",
        "DIFF",
        "QUICK",
        "RESECTION",
        "COLON",
        "RECTUM",
        "STOMACH",
        "SKIN",
        "URGENT",
        "COPY",
        "DRAFT",
        "FINAL",
        "REPORT",
        "LABEL",
        "SAMPLE",
        "TISSUE",
        "SECTION",
        "FROZEN",
        "DECALCIFIED",
    ]
)
"""Words in capitals that labels and overlays carry and that are not surnames."""
MARKER_INITIALS = "initials beside an L or R side marker: the radiographer's, as markers carry"
_INITIALS_ALONE = re.compile(r"[A-Z]{2,3}")


def _aligned(a: OcrLine, b: OcrLine) -> bool:
    _ax, ay, _aw, ah = a.box
    _bx, by, _bw, bh = b.box
    shared = min(ay + ah, by + bh) - max(ay, by)
    return shared >= _ROW_OVERLAP * min(ah, bh)


def _gap(left: OcrLine, right: OcrLine) -> float:
    lx, _ly, lw, lh = left.box
    rx, _ry, _rw, rh = right.box
    return (rx - (lx + lw)) / max(lh, rh, 1)


def rows_of(lines: list[OcrLine]) -> list[list[OcrLine]]:
    """Lines grouped into rows (aligned heights, short gaps), each left to right, top to bottom."""
    rows: list[list[OcrLine]] = []
    for line in sorted(lines, key=lambda ln: (ln.box[0], ln.box[1])):
        _x, y, _w, h = line.box
        best: list[OcrLine] | None = None
        best_offset = float("inf")
        for row in rows:
            last = row[-1]
            if not _aligned(last, line) or _gap(last, line) > _ROW_GAP:
                continue
            offset = abs((last.box[1] + last.box[3] / 2) - (y + h / 2))
            if offset < best_offset:
                best, best_offset = row, offset
        if best is None:
            rows.append([line])
        else:
            best.append(line)
    return sorted(rows, key=lambda row: (min(ln.box[1] for ln in row), row[0].box[0]))


def _doubled(before: OcrWord, word: OcrWord) -> bool:
    """A short word lying mostly inside the word before it, on a row: a second reading."""
    inside = max(0, min(before.x + before.w, word.x + word.w) - max(before.x, word.x))
    return len(word.text) < len(before.text) and inside > 0.5 * word.w


_LETTERS_AND_ZEROS = re.compile(r"\b[A-Za-z0]*[A-Za-z][A-Za-z0]*\b")


def letters_read_as_zeros(text: str) -> str:
    """'0KONJO' and 'D0B' as 'OKONJO' and 'DOB': a zero among letters is the letter O misread.

    Same length, so character positions still point at the same words.
    """
    return _LETTERS_AND_ZEROS.sub(lambda m: m.group().replace("0", "O"), text)


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
            text += letters_read_as_zeros(word.text)
    return text, spans


def _box_of(words: list[OcrWord], asset: str) -> Box:
    x0 = min(w.x for w in words)
    y0 = min(w.y for w in words)
    x1 = max(w.x + w.w for w in words)
    y1 = max(w.y + w.h for w in words)
    return Box(asset, x0, y0, x1 - x0, y1 - y0)


def _hits_on(row: list[OcrLine], covered: set[int]) -> list[tuple[TextHit, list[OcrWord]]]:
    """Identifiers in a row's text, each with the words it covers not yet claimed."""
    text, spans = _words_in_row(row)
    found = []
    for hit in classify_text(text):
        words = [
            w
            for start, end, w in spans
            if start < hit.end and hit.start < end and id(w) not in covered
        ]
        if words:
            covered.update(id(w) for w in words)
            found.append((hit, words))
    return found


def _near(a: OcrLine, b: OcrLine) -> bool:
    """Lines stacked on one label: left edges close, at most three line heights apart."""
    ax, ay, _aw, ah = a.box
    bx, by, _bw, bh = b.box
    height = max(ah, bh)
    return abs(ax - bx) <= 2 * height and abs((ay + ah / 2) - (by + bh / 2)) <= 3 * height


def _label_surnames(
    lines: list[OcrLine], identified: list[OcrLine], covered: set[int]
) -> list[OcrLine]:
    """Lines of one uncovered word in capitals stacked on a label with a number or a birth date."""
    found = []
    for line in lines:
        if len(line.words) != 1 or id(line.words[0]) in covered:
            continue
        word = letters_read_as_zeros(line.words[0].text).strip(" .,:")
        if not _LONE_WORD.fullmatch(word) or word in _LABEL_WORDS:
            continue
        if any(other is not line and _near(line, other) for other in identified):
            found.append(line)
    return found


def _marker_initials(lines: list[OcrLine], covered: set[int]) -> list[OcrLine]:
    """Two or three capitals alone on a line beside a lone L or R: initials on a side marker."""
    markers = [ln for ln in lines if len(ln.words) == 1 and ln.words[0].text.strip() in ("L", "R")]
    found = []
    for line in lines:
        if len(line.words) != 1 or id(line.words[0]) in covered:
            continue
        if not _INITIALS_ALONE.fullmatch(line.words[0].text.strip(" .")):
            continue
        if any(_beside(line, marker) for marker in markers):
            found.append(line)
    return found


def _beside(a: OcrLine, b: OcrLine) -> bool:
    """Within two of the larger line's heights of each other, edge to edge."""
    ax, ay, aw, ah = a.box
    bx, by, bw, bh = b.box
    reach = 2 * max(ah, bh)
    gap_x = max(0, max(ax, bx) - min(ax + aw, bx + bw))
    gap_y = max(0, max(ay, by) - min(ay + ah, by + bh))
    return gap_x <= reach and gap_y <= reach


def classify_lines(lines: list[OcrLine], *, asset: str, detector: str = "ocr") -> list[Detection]:
    """A detection per identifier found in the text, and one per line nothing recognised."""
    found: list[Detection] = []
    covered: set[int] = set()
    identified: list[OcrLine] = []
    for row in rows_of(lines):
        hits = _hits_on(row, covered)
        for line in row:
            hits += _hits_on([line], covered)  # a line the row's reading left unexplained
        for hit, words in hits:
            found.append(
                Detection(
                    category=hit.category,
                    location=_box_of(words, asset),
                    evidence=hit.text,
                    reason=f"text in the pixels: {hit.label}",
                    detector=detector,
                )
            )
            if hit.category in _LABEL_IDS:
                identified += [ln for ln in row if any(w in ln.words for w in words)]
    guessed = [
        (line, "patient_name", LABEL_SURNAME)
        for line in _label_surnames(lines, identified, covered)
    ]
    guessed += [
        (line, "clinician_identity", MARKER_INITIALS) for line in _marker_initials(lines, covered)
    ]
    for line, category, label in guessed:
        covered.update(id(w) for w in line.words)
        found.append(
            Detection(
                category=category,
                location=_box_of(list(line.words), asset),
                evidence=line.text,
                reason=f"text in the pixels: {label}",
                detector=detector,
                confirm=True,
            )
        )
    for line in lines:
        rest = [w for w in line.words if id(w) not in covered]
        if rest:
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
