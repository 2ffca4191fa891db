"""The draft: the whole editable state of an authored case, and its JSON form.

The widget holds a draft's dict form in a traitlet and sends edits back as a
dict; the command line keeps it as `draft.json` in the draft folder. Reading is
strict: an unknown field, an unknown category, a field of an unknown kind or a
box outside the image is an AuthorError naming the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from safeshare.errors import AuthorError
from safeshare.render.authored.fields import FILL_KINDS
from safeshare.render.authored.look import TextLook
from safeshare.taxonomy import CATEGORIES, DECISIONS

__all__ = [
    "DRAFT_SCHEMA",
    "FILL_KIND_NAMES",
    "MARK_STATUSES",
    "METADATA_STATUSES",
    "MODALITIES",
    "MODALITY_KINDS",
    "ORIGINS",
    "AuthorDraft",
    "DraftMark",
    "MetadataField",
    "check_box",
    "check_case_id",
    "draft_from_dict",
    "draft_to_dict",
]

DRAFT_SCHEMA = 1
MODALITIES = ("photo", "endoscopy", "radiology", "screenshot")
MODALITY_KINDS = {
    "photo": "photo",
    "endoscopy": "endoscopy",
    "radiology": "radiology",
    "screenshot": "photo",
}
"""The spec `kind:` an authored case of each modality gets."""
ORIGINS = ("checker", "ocr", "face", "educator", "renderer")
"""Who proposed a mark: the checker's text rules, bare OCR text, the face detector, the
educator, or the key of a shipped render the draft started from."""
MARK_STATUSES = ("proposed", "accepted", "not_identifying", "removed")
METADATA_STATUSES = ("strip", "keep_fictional", "not_identifying")
FILL_KIND_NAMES = tuple(FILL_KINDS)
"""name, date_of_birth, hospital_number, nhs_number, date, place."""
_ID = re.compile(r"^[A-Z][A-Z0-9]{1,15}$")


def check_case_id(case_id: str, *, source: str | Path | None = None) -> str:
    if not _ID.match(case_id):
        raise AuthorError(
            f"case id {case_id!r} must look like A01: a capital letter, then capitals or digits",
            source=source,
        )
    return case_id


def check_box(
    box: Any, width: int, height: int, *, where: str, source: str | Path | None = None
) -> tuple[int, int, int, int]:
    """A box (x, y, w, h) of whole pixels lying inside a width x height image."""
    if (
        not isinstance(box, (list, tuple))
        or len(box) != 4
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in box)
    ):
        raise AuthorError(f"{where}: box must be [x, y, w, h] in whole pixels", source=source)
    x, y, w, h = (int(v) for v in box)
    if w <= 0 or h <= 0 or x < 0 or y < 0 or x + w > width or y + h > height:
        raise AuthorError(
            f"{where}: region ({x}, {y}, {w}x{h}) lies outside the image ({width}x{height}): "
            "draw it inside the picture",
            source=source,
        )
    return (x, y, w, h)


@dataclass(kw_only=True)
class DraftMark:
    """One marked region of the image."""

    id: str
    box: tuple[int, int, int, int]
    """x, y, w, h in the image's pixels."""
    category: str = ""
    """A taxonomy category id ('' while a proposal has none: the educator must pick one)."""
    severity: str = ""
    explanation: str = ""
    """What the learner reads about this finding (the taxonomy's as a start)."""
    guidance: list[str] = field(default_factory=list)
    """Guidance ids (safeshare.taxonomy)."""
    origin: str = "educator"
    """One of ORIGINS."""
    text: str = ""
    """The text read there, if any (OCR)."""
    status: str = "proposed"
    """proposed (not decided), accepted (in the key), not_identifying (confirmed by the
    educator, kept as is), removed (blanked in the saved asset, not in the key)."""
    fill: str | None = None
    """None, or a field kind: the original is blanked and each variant paints a fictional
    value of this kind here (recorded in the key)."""
    look: TextLook | None = None
    """How the original text looks (measured when saved if not set): the painted value's."""

    @property
    def painted(self) -> bool:
        """An accepted field to fill: blanked, and a fictional value painted per variant."""
        return self.fill is not None and self.status == "accepted"

    @property
    def blanked(self) -> bool:
        """The saved asset blanks this region (a field to fill, or a removed region)."""
        return self.painted or self.status == "removed"


@dataclass(kw_only=True)
class MetadataField:
    """A populated identifying metadata field of the asset (EXIF, XMP, IPTC or DICOM)."""

    tag: str
    category: str
    value: str
    status: str = "strip"
    """strip (removed from the saved asset), keep_fictional (kept: only for a draft whose
    values are fictional, started from a shipped render), not_identifying (confirmed)."""


@dataclass(kw_only=True)
class AuthorDraft:
    """Everything an educator edits to make a case from an image."""

    case_id: str
    title: str = ""
    modality: str = "photo"
    asset: Path
    """The working copy of the image inside the draft folder (PNG, JPEG or DICOM)."""
    preview: Path | None = None
    """A PNG or JPEG a browser can show (the asset itself, or a DICOM's pixels)."""
    width: int
    height: int
    marks: list[DraftMark] = field(default_factory=list)
    post: str = ""
    """The post's text, with the bank's markup [[words|category|chance]] for what identifies."""
    post_author: str = "{clinician.name}"
    post_handle: str = "@{clinician.handle}"
    consent: dict[str, Any] = field(default_factory=dict)
    """The consent record, with a bank spec's consent fields ({} for none)."""
    decision: str = "share_after_deidentification"
    decision_reason: str = ""
    metadata_fields: list[MetadataField] = field(default_factory=list)
    brief: str = ""
    objectives: list[str] = field(default_factory=list)
    difficulty: int = 1
    fictional: bool = False
    """True when every identifier in the picture is fictional (started from a shipped render)."""
    source_name: str = ""
    """The file name the educator gave (never a path), or the bank case and seed. Kept in the
    draft folder only: a saved case drops it (a file's name may name the patient)."""

    @property
    def folder(self) -> Path:
        """The draft folder (where the asset's working copy lives)."""
        return self.asset.parent

    def mark(self, mark_id: str) -> DraftMark:
        for m in self.marks:
            if m.id == mark_id:
                return m
        raise AuthorError(f"no mark {mark_id!r} in the draft of {self.case_id}")

    def next_mark_id(self) -> str:
        used = {m.id for m in self.marks}
        n = len(self.marks) + 1
        while f"m{n}" in used:
            n += 1
        return f"m{n}"


def _mark_to_dict(m: DraftMark) -> dict[str, Any]:
    return {
        "id": m.id,
        "box": list(m.box),
        "category": m.category,
        "severity": m.severity,
        "explanation": m.explanation,
        "guidance": list(m.guidance),
        "origin": m.origin,
        "text": m.text,
        "status": m.status,
        "fill": m.fill,
        "look": m.look.to_dict() if m.look is not None else None,
    }


def draft_to_dict(draft: AuthorDraft) -> dict[str, Any]:
    """The draft as JSON-ready data; paths are file names inside the draft folder."""
    return {
        "schema": DRAFT_SCHEMA,
        "case_id": draft.case_id,
        "title": draft.title,
        "modality": draft.modality,
        "asset": draft.asset.name,
        "preview": draft.preview.name if draft.preview is not None else None,
        "width": draft.width,
        "height": draft.height,
        "marks": [_mark_to_dict(m) for m in draft.marks],
        "post": draft.post,
        "post_author": draft.post_author,
        "post_handle": draft.post_handle,
        "consent": dict(draft.consent),
        "decision": draft.decision,
        "decision_reason": draft.decision_reason,
        "metadata_fields": [
            {"tag": f.tag, "category": f.category, "value": f.value, "status": f.status}
            for f in draft.metadata_fields
        ],
        "brief": draft.brief,
        "objectives": list(draft.objectives),
        "difficulty": draft.difficulty,
        "fictional": draft.fictional,
        "source_name": draft.source_name,
    }


class _Reader:
    """Reads one mapping strictly; errors name the field."""

    def __init__(self, data: Any, *, where: str, source: Path) -> None:
        if not isinstance(data, dict):
            raise AuthorError(f"{where or 'draft'}: must be a mapping", source=source)
        self.data, self.where, self.source = data, where, source
        self.seen: set[str] = set()

    def name(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def fail(self, key: str, problem: str) -> AuthorError:
        return AuthorError(f"{self.name(key)}: {problem}", source=self.source)

    def get(self, key: str, default: Any) -> Any:
        self.seen.add(key)
        return self.data.get(key, default)

    def text(self, key: str, default: str = "") -> str:
        value = self.get(key, default)
        if not isinstance(value, str):
            raise self.fail(key, "must be text")
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: str) -> str:
        value = self.text(key, default)
        if value not in choices:
            raise self.fail(key, f"{value!r} is not one of: {', '.join(choices)}")
        return value

    def integer(self, key: str, default: int, *, lo: int, hi: int) -> int:
        value = self.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            raise self.fail(key, f"must be a whole number from {lo} to {hi}")
        return value

    def texts(self, key: str) -> list[str]:
        value = self.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "must be a list of text items")
        return list(value)

    def items(self, key: str) -> list[Any]:
        value = self.get(key, [])
        if not isinstance(value, list):
            raise self.fail(key, "must be a list")
        return value

    def finish(self) -> None:
        unknown = sorted(set(map(str, self.data)) - self.seen)
        if unknown:
            raise AuthorError(
                f"{self.name(unknown[0])}: unknown field (fields allowed here: "
                f"{', '.join(sorted(self.seen))})",
                source=self.source,
            )


def _mark(data: Any, *, where: str, source: Path, width: int, height: int) -> DraftMark:
    r = _Reader(data, where=where, source=source)
    category = r.text("category", "")
    if category and category not in CATEGORIES:
        raise r.fail("category", f"unknown category {category!r} (see `safeshare taxonomy`)")
    fill = r.get("fill", None)
    if fill is not None and fill not in FILL_KINDS:
        raise r.fail(
            "fill", f"unknown field kind {fill!r}: use one of {', '.join(FILL_KIND_NAMES)}"
        )
    look_raw = r.get("look", None)
    try:
        look = TextLook.from_dict(look_raw) if look_raw is not None else None
    except ValueError as exc:
        raise r.fail("look", str(exc)) from None
    mark_id = r.text("id")
    if not mark_id:
        raise r.fail("id", "must not be empty")
    mark = DraftMark(
        id=mark_id,
        box=check_box(r.get("box", None), width, height, where=r.name("box"), source=source),
        category=category,
        severity=r.text("severity", ""),
        explanation=r.text("explanation", ""),
        guidance=r.texts("guidance"),
        origin=r.choice("origin", ORIGINS, "educator"),
        text=r.text("text", ""),
        status=r.choice("status", MARK_STATUSES, "proposed"),
        fill=fill,
        look=look,
    )
    r.finish()
    return mark


def draft_from_dict(data: Any, *, source: Path) -> AuthorDraft:
    """A draft from its dict form; `source` is draft.json (its folder holds the asset)."""
    r = _Reader(data, where="", source=source)
    r.integer("schema", DRAFT_SCHEMA, lo=1, hi=DRAFT_SCHEMA)
    folder = source.parent
    asset_name = r.text("asset")
    preview_name = r.get("preview", None)
    for key, name in (("asset", asset_name), ("preview", preview_name)):
        if name is not None and (not isinstance(name, str) or Path(name).name != name or not name):
            raise r.fail(key, "must be a file name inside the draft folder")
    width = r.integer("width", 0, lo=1, hi=100_000)
    height = r.integer("height", 0, lo=1, hi=100_000)
    marks = [
        _mark(m, where=f"marks[{i}]", source=source, width=width, height=height)
        for i, m in enumerate(r.items("marks"))
    ]
    ids = [m.id for m in marks]
    if len(set(ids)) != len(ids):
        raise r.fail("marks", "two marks have the same id")
    fields = []
    for i, raw in enumerate(r.items("metadata_fields")):
        f = _Reader(raw, where=f"metadata_fields[{i}]", source=source)
        fields.append(
            MetadataField(
                tag=f.text("tag"),
                category=f.text("category", ""),
                value=f.text("value", ""),
                status=f.choice("status", METADATA_STATUSES, "strip"),
            )
        )
        f.finish()
    consent = r.get("consent", {})
    if not isinstance(consent, dict):
        raise r.fail("consent", "must be a mapping of the consent record's fields")
    fictional = r.get("fictional", False)
    if not isinstance(fictional, bool):
        raise r.fail("fictional", "must be true or false")
    decision = r.text("decision", "share_after_deidentification")
    if decision not in DECISIONS:
        raise r.fail("decision", f"{decision!r} is not one of: {', '.join(DECISIONS)}")
    draft = AuthorDraft(
        case_id=check_case_id(r.text("case_id"), source=source),
        title=r.text("title", ""),
        modality=r.choice("modality", MODALITIES, "photo"),
        asset=folder / asset_name,
        preview=folder / preview_name if isinstance(preview_name, str) else None,
        width=width,
        height=height,
        marks=marks,
        post=r.text("post", ""),
        post_author=r.text("post_author", "{clinician.name}"),
        post_handle=r.text("post_handle", "@{clinician.handle}"),
        consent=dict(consent),
        decision=decision,
        decision_reason=r.text("decision_reason", ""),
        metadata_fields=fields,
        brief=r.text("brief", ""),
        objectives=r.texts("objectives"),
        difficulty=r.integer("difficulty", 1, lo=1, hi=3),
        fictional=fictional,
        source_name=r.text("source_name", ""),
    )
    r.finish()
    return draft
