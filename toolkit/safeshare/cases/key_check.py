"""Check a key against the case it belongs to: every location must exist.

A box must lie inside its image, a span inside its text and on the words it
claims, a metadata field in the asset's header table. The renderers record
locations themselves, so a failure here is a bug in a renderer or a spec.
"""

from __future__ import annotations

from pathlib import Path

from safeshare.errors import SpecError
from safeshare.model.key import Key
from safeshare.model.locations import Box, MetaField, Span
from safeshare.model.view import CaseView
from safeshare.taxonomy import CATEGORIES, CONSENT_GAPS, DECISIONS

__all__ = ["check_key", "check_location"]


def check_location(view: CaseView, location: Box | Span | MetaField) -> str | None:
    """The problem with a location in this case, or None when it is sound."""
    assets = {a.id: a for a in view.assets}
    asset = assets.get(location.asset)
    if asset is None:
        return f"names asset {location.asset!r}, which the case does not have"
    if isinstance(location, Box):
        if not asset.markable or asset.width <= 0:
            return f"is a box on {asset.id!r}, which is not an image one can mark"
        if (
            location.x < 0
            or location.y < 0
            or location.x + location.w > asset.width
            or location.y + location.h > asset.height
        ):
            return (
                f"box ({location.x}, {location.y}, {location.w}x{location.h}) lies outside "
                f"{asset.id!r} ({asset.width}x{asset.height})"
            )
        return None
    if isinstance(location, Span):
        if view.post is None or location.asset != "post":
            return "is a span, but spans point into the post and the case has none"
        fields = view.post.text_fields()
        if location.field not in fields:
            return f"names text field {location.field!r}; fields: {', '.join(sorted(fields))}"
        text = fields[location.field]
        if location.end > len(text):
            return (
                f"span {location.start}..{location.end} runs past the end of "
                f"{location.field!r} ({len(text)} characters)"
            )
        return None
    tags = {row.tag for row in asset.metadata}
    if location.tag not in tags:
        return f"names metadata field {location.tag!r}, which {asset.id!r} does not carry"
    return None


def check_key(view: CaseView, key: Key, *, source: str | Path) -> None:
    """Raise SpecError (naming the file and the finding) for the first unsound entry."""
    if key.decision not in DECISIONS:
        raise SpecError(f"unknown decision {key.decision!r}", source=source, field="decision")
    for gap in key.consent_gaps:
        if gap not in CONSENT_GAPS:
            raise SpecError(f"unknown consent gap {gap!r}", source=source, field="consent_gaps")
    seen: set[str] = set()
    for i, finding in enumerate(key.findings):
        where = f"findings[{i}] ({finding.id})"
        if finding.category not in CATEGORIES:
            raise SpecError(f"unknown category {finding.category!r}", source=source, field=where)
        if finding.id in seen:
            raise SpecError(f"duplicate finding id {finding.id!r}", source=source, field=where)
        seen.add(finding.id)
        problem = check_location(view, finding.location)
        if problem:
            raise SpecError(problem, source=source, field=f"{where}.location")
        loc = finding.location
        if isinstance(loc, Span) and view.post is not None:
            text = view.post.text_fields()[loc.field][loc.start : loc.end]
            if text != finding.evidence:
                raise SpecError(
                    f"span covers {text!r} but the evidence says {finding.evidence!r}",
                    source=source,
                    field=f"{where}.location",
                )
    for i, decoy in enumerate(key.decoys):
        problem = check_location(view, decoy.location)
        if problem:
            raise SpecError(problem, source=source, field=f"decoys[{i}].location")
    for i, benign in enumerate(key.benign):
        problem = check_location(view, benign.location)
        if problem:
            raise SpecError(problem, source=source, field=f"benign[{i}].location")
