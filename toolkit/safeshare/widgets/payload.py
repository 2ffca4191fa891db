"""Turn a rendered case into the JSON the exercise's JavaScript draws.

Everything the page needs travels inside this payload: pictures become base64
data URLs, so nothing is fetched from a CDN or another machine (classrooms are
often offline, and a case must never leave the machine). The one exception is
the course server, which serves its prepared cases' pictures itself: it passes
`picture_url`, and those pictures are fetched from it (and kept by the browser)
instead of riding inside the widget's state. The key is not part of it.
"""

from __future__ import annotations

import base64
import mimetypes
from collections.abc import Callable
from pathlib import Path
from typing import Any

from safeshare.model.view import AssetView, CaseView, Post
from safeshare.taxonomy import CATEGORIES, CONSENT_GAPS, DECISIONS, Group
from safeshare.taxonomy.consent import ConsentRecord

__all__ = ["GROUP_LABELS", "PictureUrl", "case_payload", "data_url", "taxonomy_payload"]

GROUP_LABELS: dict[Group, tuple[str, str]] = {
    Group.DIRECT: ("Direct identifiers", "identify the patient on their own"),
    Group.INDIRECT: ("Indirect identifiers", "identify in combination: time, place, person"),
    Group.HIDDEN: ("Hidden data", "travels inside the file without being seen"),
}
"""Heading and one-line hint for each group of categories, in the order shown."""


def data_url(path: Path) -> str:
    """The file as a data URL (its media type guessed from the name)."""
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    encoded = base64.b64encode(path.read_bytes()).decode("ascii")
    return f"data:{media_type};base64,{encoded}"


def taxonomy_payload() -> dict[str, Any]:
    """Categories grouped as the learner picks them, consent gaps and decisions, with labels."""
    groups = []
    for group, (heading, hint) in GROUP_LABELS.items():
        items = [
            {"id": c.id, "label": c.label, "description": c.description}
            for c in CATEGORIES.values()
            if c.group is group
        ]
        groups.append({"id": group.value, "label": heading, "hint": hint, "items": items})
    return {
        "category_groups": groups,
        "consent_gaps": [
            {"id": g.id, "label": g.label, "description": g.description}
            for g in CONSENT_GAPS.values()
        ],
        "decisions": [
            {"id": d.id, "label": d.label, "description": d.description} for d in DECISIONS.values()
        ],
    }


PictureUrl = Callable[[Path], str | None]
"""Where a page fetches a picture from, or None to carry it inline."""


def _src(path: Path, picture_url: PictureUrl | None) -> str:
    """The picture's address for the page: served, or else inline as a data URL."""
    served = picture_url(path) if picture_url is not None else None
    return served or data_url(path)


def _image(asset: AssetView, folder: Path, picture_url: PictureUrl | None) -> dict[str, Any]:
    return {
        "id": asset.id,
        "type": asset.type,
        "caption": asset.caption,
        "width": asset.width,
        "height": asset.height,
        "markable": asset.markable,
        "src": _src(folder / asset.image_file, picture_url),
        "label": _asset_label(asset),
    }


def _asset_label(asset: AssetView) -> str:
    """A short learner-facing name for an asset, e.g. 'Endoscopy frame (frame)'."""
    kind = asset.type.replace("_", " ").capitalize()
    return f"{kind} ({asset.id})" if asset.id not in asset.type else kind


def _is_picture(asset: AssetView) -> bool:
    media = mimetypes.guess_type(asset.image_file)[0] or ""
    return media.startswith("image/") and asset.width > 0 and asset.height > 0


def _post(post: Post) -> dict[str, Any]:
    """The post with every span-addressable field under its Post.text_fields() name."""
    data = post.to_dict()
    data["fields"] = post.text_fields()
    return data


def _consent_rows(record: ConsentRecord) -> list[list[str]]:
    """The consent record as label/value rows: the text alternative to the form picture."""

    def yes_no(flag: bool) -> str:
        return "yes" if flag else "no"

    return [
        ["Form of consent", record.form.value],
        ["Purposes agreed", ", ".join(p.value.replace("_", " ") for p in record.purposes) or "-"],
        ["Platforms named", ", ".join(record.platforms) or "-"],
        ["Public visibility explained", yes_no(record.public_visibility_explained)],
        ["Loss of control explained", yes_no(record.loss_of_control_explained)],
        ["Capacity", record.capacity.value.replace("_", " ")],
        ["Given freely", yes_no(record.voluntary)],
        ["Withdrawn later", yes_no(record.withdrawn)],
        ["Patient", record.patient_status.value],
        ["Consent given by", record.consented_by],
        ["Date", record.date or "-"],
        ["Notes", record.notes or "-"],
    ]


def case_payload(
    view: CaseView, folder: Path, *, graded: bool, picture_url: PictureUrl | None = None
) -> dict[str, Any]:
    """Everything the page shows of a case, as JSON-ready data (no key, no file paths).

    `graded` is true for a graded release (no key beside the case): the page
    then hides Check and Reveal and says the work is marked later. `picture_url`
    gives a served address for a picture (the course server's); others go inline.
    """
    # The post is shown as HTML and the consent record in its panel, not as pictures.
    shown_elsewhere = {view.post_asset, view.consent_asset} - {""}
    images = [
        _image(a, folder, picture_url)
        for a in view.assets
        if a.id not in shown_elsewhere and _is_picture(a)
    ]
    metadata = [
        {
            "asset": a.id,
            "label": _asset_label(a),
            "rows": [{"tag": r.tag, "label": r.label, "value": r.value} for r in a.metadata],
        }
        for a in view.assets
        if a.metadata
    ]
    consent: dict[str, Any] | None = None
    if view.consent is not None or view.consent_asset:
        form = view.asset(view.consent_asset) if view.consent_asset else None
        consent = {
            "form_src": _src(folder / form.image_file, picture_url) if form else "",
            "form_width": form.width if form else 0,
            "form_height": form.height if form else 0,
            "rows": _consent_rows(view.consent) if view.consent else [],
        }
    return {
        "case_id": view.case_id,
        "seed": view.seed,
        "title": view.title,
        "kind": view.kind,
        "difficulty": view.difficulty,
        "brief": view.brief,
        "objectives": list(view.objectives),
        "images": images,
        "metadata": metadata,
        "post": _post(view.post) if view.post else None,
        "post_asset": view.post_asset,
        "consent": consent,
        "graded": graded,
        **taxonomy_payload(),
    }
