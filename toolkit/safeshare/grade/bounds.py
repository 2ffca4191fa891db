"""Refuse marks that point at nothing the case has: no such asset, off the image, no such words.

The key alone does not know the case's assets; the case view does (its assets
with their pixel sizes and header rows, the post's text fields). grade() checks
an answer against the view when it is given one, and refuses, with no credit,
an answer with a mark it could not have made on the page:

- a mark on an asset the case does not have;
- a box or click wholly outside its image (a box partly outside is fine: it
  is judged by the part on the image), or on an asset that is not an image;
- a span in a field the post does not have, or that starts past its end;
- a header field the asset's header does not have.
"""

from __future__ import annotations

from dataclasses import dataclass

from safeshare.errors import AnswerError
from safeshare.grade.answer import Answer, AnswerLocation, Point
from safeshare.model.locations import Box, MetaField, Span
from safeshare.model.view import AssetView, CaseView

__all__ = ["check_marks"]


@dataclass(frozen=True, slots=True)
class _Page:
    """What the learner could mark: assets by id, the post's fields, each asset's header tags."""

    case_id: str
    assets: dict[str, AssetView]
    fields: dict[str, str]
    tags: dict[str, frozenset[str]]


def _problem(location: AnswerLocation, page: _Page) -> str:
    assets = page.assets
    asset = assets.get(location.asset)
    if asset is None:
        known = ", ".join(assets) or "none"
        return f"there is no asset {location.asset!r} in case {page.case_id} (its assets: {known})"
    if isinstance(location, Box | Point):
        if not asset.markable or asset.width <= 0 or asset.height <= 0:
            return f"{asset.id} is not an image you draw on: mark its words or header fields"
        if isinstance(location, Point):
            if 0 <= location.x <= asset.width and 0 <= location.y <= asset.height:
                return ""
            where = f"the click at ({location.x:g}, {location.y:g})"
        else:
            if (
                location.x < asset.width
                and location.y < asset.height
                and location.x + location.w > 0
                and location.y + location.h > 0
            ):
                return ""
            where = f"the box at x={location.x}, y={location.y} ({location.w}x{location.h})"
        return (
            f"{where} lies wholly outside {asset.id}, which is {asset.width}x{asset.height} "
            "pixels: draw it on the image"
        )
    if isinstance(location, Span):
        fields = page.fields
        if location.field not in fields:
            known = ", ".join(fields) or "none"
            return f"the post has no field {location.field!r} (its fields: {known})"
        length = len(fields[location.field])
        if location.start >= length:
            return (
                f"the span {location.start}..{location.end} starts past the end of "
                f"{location.field}, which is {length} characters long"
            )
        return ""
    assert isinstance(location, MetaField)
    if location.tag not in page.tags[asset.id]:
        return f"{asset.id} has no header field {location.tag!r}: tick a row its header shows"
    return ""


def check_marks(answer: Answer, view: CaseView, *, source: str) -> None:
    """AnswerError for the first mark that points at nothing the case has."""
    if (view.case_id, view.seed) != (answer.case_id, answer.seed):
        raise AnswerError(
            f"this answer is for {answer.case_id} seed {answer.seed}, but the case view given is "
            f"{view.case_id} seed {view.seed}: grade it with its own case",
            source=source,
        )
    page = _Page(
        case_id=view.case_id,
        assets={a.id: a for a in view.assets},
        fields=view.post.text_fields() if view.post is not None else {},
        tags={a.id: frozenset(row.tag for row in a.metadata) for a in view.assets},
    )
    for i, finding in enumerate(answer.findings):
        problem = _problem(finding.location, page)
        if problem:
            raise AnswerError(f"findings[{i}]: {problem}", source=source)
