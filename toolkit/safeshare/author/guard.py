"""The privacy guard: a case is saved only when every identifier in its asset is accounted for.

The guard checks the asset as it would be saved (safeshare.author.prepare):
the checker reads its text, looks for faces and reads its metadata. Every text
box and face found there must lie in a region the educator confirmed as not
identifying, or (in a draft whose picture is fictional, started from a shipped
render) in a region accepted into the key. Text still readable in a region
that was blanked means the blanking missed it. Every identifying metadata field
of the file the educator gave must be stripped, or kept only when its value is
fictional. Every proposed mark must be decided. The report lists both what is
accounted for and what is not, and is saved with the case.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from safeshare.atomic import write_bytes_atomic
from safeshare.author.draft import AuthorDraft, DraftMark
from safeshare.author.prepare import PreparedAsset, prepare_asset

__all__ = ["GuardReport", "guard_report", "overlap"]

_COVERED = 0.5
"""Share of a detection's box a mark must cover to account for it."""


@dataclass(kw_only=True)
class GuardReport:
    """What the guard found in the asset as it would be saved, and whether it may be saved."""

    unaccounted: list[str] = field(default_factory=list)
    """One plain sentence per identifier not accounted for: each blocks the save."""
    accounted: list[str] = field(default_factory=list)
    """One sentence per identifier and how it is accounted for."""
    unchecked: list[str] = field(default_factory=list)
    """What the checker cannot guarantee (small, faint or rotated text; turned faces)."""
    checked_file: str = ""

    @property
    def ok(self) -> bool:
        return not self.unaccounted

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "unaccounted": list(self.unaccounted),
            "accounted": list(self.accounted),
            "unchecked": list(self.unchecked),
            "checked_file": self.checked_file,
        }


def overlap(inner: tuple[int, int, int, int], outer: tuple[int, int, int, int]) -> float:
    """The share of `inner`'s area that lies inside `outer`."""
    ix, iy, iw, ih = inner
    ox, oy, ow, oh = outer
    w = max(0, min(ix + iw, ox + ow) - max(ix, ox))
    h = max(0, min(iy + ih, oy + oh) - max(iy, oy))
    return (w * h) / max(1, iw * ih)


def _where(box: tuple[int, int, int, int]) -> str:
    x, y, w, h = box
    return f"({x}, {y}, {w}, {h})"


def _judge_box(
    what: str, box: tuple[int, int, int, int], marks: list[DraftMark], fictional: bool
) -> tuple[bool, str]:
    covering = [m for m in marks if overlap(box, m.box) >= _COVERED]
    blanked = [m for m in covering if m.blanked]
    if blanked:
        return False, (
            f"{what} at {_where(box)} is still readable after blanking mark {blanked[0].id}: "
            "widen that region so it covers all of it"
        )
    confirmed = [m for m in covering if m.status == "not_identifying"]
    if confirmed:
        return True, f"{what} at {_where(box)} confirmed not identifying (mark {confirmed[0].id})"
    accepted = [m for m in covering if m.status == "accepted"]
    if accepted and fictional:
        return True, f"{what} at {_where(box)} is fictional and in the key (mark {accepted[0].id})"
    if accepted:
        return False, (
            f"{what} at {_where(box)} is in the key but is the original, not a fictional value: "
            f"make mark {accepted[0].id} a field to fill, remove it, or confirm it is not "
            "identifying"
        )
    return False, f"{what} at {_where(box)} is neither in the key, painted, removed nor confirmed"


def _check_prepared(prepared: PreparedAsset, *, ocr: bool, faces: bool) -> Any:
    from safeshare.checker import check_file

    with tempfile.TemporaryDirectory(prefix="safeshare-guard-") as folder:
        path = Path(folder) / f"asset{prepared.suffix}"
        write_bytes_atomic(path, prepared.data)
        return check_file(path, asset="asset", ocr=ocr, faces=faces)


def guard_report(
    draft: AuthorDraft, *, prepared: PreparedAsset | None = None, ocr: bool = True
) -> GuardReport:
    """Check the asset as it would be saved; `.ok` is False while anything is unaccounted for."""
    from safeshare.model.locations import Box, MetaField

    report = GuardReport()
    for mark in draft.marks:
        label = f"mark {mark.id}" + (f" ({mark.text!r})" if mark.text else "")
        if mark.status == "proposed":
            report.unaccounted.append(
                f"{label} at {_where(mark.box)} is proposed but not decided: accept it, make it "
                "a field to fill, remove it, or confirm it is not identifying"
            )
        elif mark.status == "accepted" and not mark.category and not mark.painted:
            report.unaccounted.append(
                f"{label} at {_where(mark.box)} is in the key without a category: pick one"
            )
    for meta in draft.metadata_fields:
        if meta.status == "keep_fictional" and not draft.fictional:
            report.unaccounted.append(
                f"metadata field {meta.tag} ({meta.value[:40]!r}) is kept, but this image is your "
                "own, so its value cannot be shown to be fictional: strip it"
            )
        elif meta.status == "strip":
            report.accounted.append(f"metadata field {meta.tag} is stripped from the saved file")
        elif meta.status == "not_identifying":
            report.accounted.append(
                f"metadata field {meta.tag} confirmed not identifying (stripped all the same)"
            )
    prepared = prepared or prepare_asset(draft)
    for meta in draft.metadata_fields:
        if (
            meta.status == "keep_fictional"
            and draft.fictional
            and meta.tag not in prepared.kept_metadata
        ):
            report.unaccounted.append(
                f"metadata field {meta.tag} cannot be kept in this file (only EXIF fields of a "
                "JPEG can): strip it"
            )
    checked = _check_prepared(prepared, ocr=ocr, faces=True)
    report.unchecked = list(checked.unchecked)
    report.checked_file = f"the asset as saved ({prepared.suffix[1:].upper()})"
    kept = set(prepared.kept_metadata) if draft.fictional else set()
    marks = list(prepared.marks)
    for found in checked.detections:
        loc = found.location
        if isinstance(loc, MetaField):
            if loc.tag in kept:
                report.accounted.append(f"metadata field {loc.tag} kept: its value is fictional")
            else:
                report.unaccounted.append(
                    f"metadata field {loc.tag} ({found.evidence[:60]!r}) is still in the saved "
                    "file: strip it"
                )
            continue
        if not isinstance(loc, Box):
            continue
        what = "a face" if found.detector == "face" else f"text {found.evidence[:60]!r}"
        ok, sentence = _judge_box(what, (loc.x, loc.y, loc.w, loc.h), marks, draft.fictional)
        (report.accounted if ok else report.unaccounted).append(sentence)
    for mark in marks:
        if mark.painted and mark.fill is not None:
            report.accounted.append(
                f"mark {mark.id} at {_where(mark.box)} blanked; each variant paints a fictional "
                f"{mark.fill.replace('_', ' ')} there"
            )
        elif mark.status == "removed":
            report.accounted.append(f"mark {mark.id} at {_where(mark.box)} removed (blanked)")
    return report
