"""The post around an image: its text, the author's profile, location tag, alt text, replies.

Each field is classified on its own; where the text sits changes what a hit
means: a hospital in the author's bio is the author's profile giving the place
away, anything found in a reply is a reply that identifies, and a location tag
is a place (or the institution, when it names one).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path

from safeshare.checker.detection import Detection
from safeshare.checker.limits import check_text_size
from safeshare.checker.text_classes import classify_text
from safeshare.errors import CheckInputError
from safeshare.model.locations import Span

__all__ = ["POST_ASSET", "post_detections", "read_post"]

POST_ASSET = "post"


def _category(field: str, found: str) -> str:
    if field.startswith("author."):
        return "author_profile"
    if field.startswith("replies."):
        return "reply_identifies"
    if field == "location_tag":
        return "institution" if found == "institution" else "place"
    return found


def _handle(field: str, text: str, asset: str) -> list[Detection]:
    """A poster's name or handle names the poster, not the patient: it counts when it names
    a hospital or unit (an organisation's account), or when a replier's handle is a name."""
    hits = classify_text(text.replace("@", "#"))
    unit = any(h.category == "institution" for h in hits)
    person = (
        field.startswith("replies.")
        and field.endswith(".handle")
        and bool(re.fullmatch(r"@[A-Z][a-z]+_[A-Z][a-z'\-]+", text))
    )
    if not unit and not person:
        return []
    return [
        Detection(
            category=_category(field, "institution"),
            location=Span(asset, field, 0, len(text)),
            evidence=text,
            reason=f"{field.replace('.', ' ')}: names {'a unit' if unit else 'a person'}",
            detector="post",
        )
    ]


def post_detections(fields: Mapping[str, str], *, asset: str = POST_ASSET) -> list[Detection]:
    """Detections, as spans of each named field, for everything the classifier finds."""
    found: list[Detection] = []
    for field, text in fields.items():
        if not text.strip() or field.endswith("posted_at"):
            continue
        if field.endswith((".handle", ".display_name")):
            found += _handle(field, text, asset)  # names the poster: only a unit or a name counts
            continue
        if field == "author.location":
            found.append(
                Detection(
                    category="place",
                    location=Span(asset, field, 0, len(text)),
                    evidence=text,
                    reason="the author's profile gives a place",
                    detector="post",
                )
            )
            continue
        if field == "location_tag":
            hits = classify_text(text)
            category = "institution" if any(h.category == "institution" for h in hits) else "place"
            found.append(
                Detection(
                    category=category,
                    location=Span(asset, field, 0, len(text)),
                    evidence=text,
                    reason="a location tag on the post",
                    detector="post",
                )
            )
            continue
        for hit in classify_text(text):
            found.append(
                Detection(
                    category=_category(field, hit.category),
                    location=Span(asset, field, hit.start, hit.end),
                    evidence=hit.text,
                    reason=f"{field.replace('.', ' ')}: {hit.label}",
                    detector="post",
                )
            )
    return found


def _fields_of(data: Mapping[str, object]) -> dict[str, str]:
    from safeshare.model.view import Post

    try:
        return Post.from_dict(data).text_fields()
    except (KeyError, TypeError, ValueError) as exc:
        raise CheckInputError(
            f"is JSON but not a post ({exc}): give plain text, or a post object with author, "
            "text and posted_at as in a rendered case's case.json",
            source="--post",
        ) from None


def read_post(value: str) -> dict[str, str]:
    """The fields of a post given as text, a text file, or a JSON post (a case.json's 'post')."""
    text = value
    source = "--post"
    path = Path(value)
    if len(value) < 4096 and "\n" not in value and path.is_file():
        if path.stat().st_size > 4 * 1024 * 1024:
            raise CheckInputError("is larger than 4 MiB: give the post's text only", source=path)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise CheckInputError(
                "is not UTF-8 text: save the post as plain text", source=path
            ) from None
        source = str(path)
    check_text_size(text, source=source)
    if path.suffix == ".json" and source != "--post":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CheckInputError(
                f"is not valid JSON ({exc.msg}, line {exc.lineno})", source=path
            ) from None
        if isinstance(data, dict) and isinstance(data.get("post"), dict):
            data = data["post"]
        if not isinstance(data, dict):
            raise CheckInputError("holds JSON that is not a post object", source=path)
        fields = _fields_of(data)
        check_text_size("".join(fields.values()), source=source)
        return fields
    return {"text": text}
