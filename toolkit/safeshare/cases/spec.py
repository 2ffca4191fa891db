"""Case specs: the YAML files people write, loaded and validated strictly.

A spec says what kind of case it is, which assets to render and with what
options, the words around the image (as text templates with identifiers
marked), the consent record, and the expected decision. It never holds pixel
coordinates: the renderers record where they draw each identifier.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

from safeshare.cases.text_template import marker_labels
from safeshare.errors import SpecError
from safeshare.model.spec_reader import FieldReader
from safeshare.taxonomy import CATEGORIES, DECISIONS, GUIDANCE, ConsentRecord, Severity
from safeshare.taxonomy.consent import Capacity, ConsentForm, PatientStatus, Purpose

__all__ = [
    "KINDS",
    "SPEC_SCHEMA",
    "AssetSpec",
    "AuthorSpec",
    "CaseSpec",
    "PostSpec",
    "ReplySpec",
    "ThreadSpec",
    "load_spec",
    "parse_spec",
]

SPEC_SCHEMA = 1
KINDS = ("endoscopy", "radiology", "photo", "text", "consent")
_ID = re.compile(r"^[A-Z][A-Z0-9]{1,15}$")
_T = TypeVar("_T")
_ASSET_ID = re.compile(r"^[a-z][a-z0-9_]*$")
RESERVED_ASSET_IDS = ("post", "consent")


@dataclass(frozen=True, slots=True, kw_only=True)
class AssetSpec:
    """One asset to render."""

    id: str
    type: str
    """A renderer name, e.g. 'endoscopy_frame'."""
    options: Any
    """The renderer's own options dataclass, already validated."""
    present: Mapping[str, float] = field(default_factory=dict)
    """Chance (0..1) that each optional identifier is drawn, by name."""
    caption: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class AuthorSpec:
    display_name: str
    handle: str
    bio: str = ""
    location: str = ""
    verified: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class ReplySpec:
    author: AuthorSpec
    text: str
    minutes_after: int = 30


@dataclass(frozen=True, slots=True, kw_only=True)
class ThreadSpec:
    text: str
    days_before: int


@dataclass(frozen=True, slots=True, kw_only=True)
class PostSpec:
    author: AuthorSpec
    text: str
    images: tuple[str, ...] = ()
    alt_text: str = ""
    location_tag: str = ""
    replies: tuple[ReplySpec, ...] = ()
    thread: tuple[ThreadSpec, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class CaseSpec:
    """A validated case spec."""

    id: str
    title: str
    kind: str
    difficulty: int
    objectives: tuple[str, ...]
    brief: str
    decision: str
    decision_reason: str
    assets: tuple[AssetSpec, ...] = ()
    post: PostSpec | None = None
    consent: ConsentRecord | None = None
    facts: Mapping[str, Any] = field(default_factory=dict)
    explanations: Mapping[str, str] = field(default_factory=dict)
    """Case-specific explanation per category, replacing the taxonomy's default."""
    severities: Mapping[str, str] = field(default_factory=dict)
    """Case-specific severity per category ('high', 'medium', 'low'), replacing the default."""
    guidance: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Case-specific guidance ids per category, replacing the taxonomy's default."""
    tags: tuple[str, ...] = ()
    source: str = ""
    """The file it came from."""


def _check_template(reader: FieldReader, key: str, text: str) -> str:
    """Refuse markers that name an unknown category, when the spec is loaded."""
    for marker, label in marker_labels(text):
        if label and not label.startswith("safe:") and label not in CATEGORIES:
            raise reader.error(
                key,
                f"marker [[{marker}]] names unknown category {label!r} "
                "(see `safeshare taxonomy` for the list)",
            )
    if text.count("[[") != text.count("]]"):
        raise reader.error(key, "unbalanced [[ ]] marker")
    return text


def _per_category(
    reader: FieldReader, key: str, read: Callable[[FieldReader, str], _T]
) -> dict[str, _T]:
    """A mapping from category to a case-specific value (explanation, severity, guidance)."""
    raw = reader.mapping(key)
    child = reader.child(key, raw)
    out: dict[str, _T] = {}
    for name in raw:
        if name not in CATEGORIES:
            raise child.error(str(name), f"unknown category {name!r} (see `safeshare taxonomy`)")
        out[str(name)] = read(child, str(name))
    child.finish()
    return out


def _severity(reader: FieldReader, name: str) -> str:
    return reader.choice(name, tuple(s.value for s in Severity))


def _guidance_ids(reader: FieldReader, name: str) -> tuple[str, ...]:
    ids = reader.strings(name, required=True)
    for gid in ids:
        if gid not in GUIDANCE:
            raise reader.error(
                name, f"unknown guidance {gid!r} (see `safeshare taxonomy` for the list)"
            )
    return ids


def _author(reader: FieldReader) -> AuthorSpec:
    author = AuthorSpec(
        display_name=_check_template(reader, "display_name", reader.string("display_name")),
        handle=_check_template(reader, "handle", reader.string("handle")),
        bio=_check_template(reader, "bio", reader.string("bio", "")),
        location=_check_template(reader, "location", reader.string("location", "")),
        verified=reader.boolean("verified", False),
    )
    reader.finish()
    return author


def _post(reader: FieldReader, asset_ids: set[str]) -> PostSpec:
    images = reader.strings("images")
    for image in images:
        if image not in asset_ids:
            raise reader.error("images", f"names asset {image!r}, which the spec does not define")
    replies_raw = reader.raw("replies", [])
    thread_raw = reader.raw("thread", [])
    if not isinstance(replies_raw, list):
        raise reader.error("replies", "must be a list")
    if not isinstance(thread_raw, list):
        raise reader.error("thread", "must be a list")
    replies = []
    for i, item in enumerate(replies_raw):
        r = reader.child(f"replies[{i}]", item)
        replies.append(
            ReplySpec(
                author=_author(r.child("author", r.required("author"))),
                text=_check_template(r, "text", r.string("text")),
                minutes_after=r.integer("minutes_after", 30, lo=1, hi=60 * 24 * 30),
            )
        )
        r.finish()
    thread = []
    for i, item in enumerate(thread_raw):
        t = reader.child(f"thread[{i}]", item)
        thread.append(
            ThreadSpec(
                text=_check_template(t, "text", t.string("text")),
                days_before=t.integer("days_before", lo=0, hi=365),
            )
        )
        t.finish()
    post = PostSpec(
        author=_author(reader.child("author", reader.required("author"))),
        text=_check_template(reader, "text", reader.string("text")),
        images=images,
        alt_text=_check_template(reader, "alt_text", reader.string("alt_text", "")),
        location_tag=_check_template(reader, "location_tag", reader.string("location_tag", "")),
        replies=tuple(replies),
        thread=tuple(thread),
    )
    reader.finish()
    return post


def _consent(reader: FieldReader) -> ConsentRecord:
    purposes = reader.strings("purposes")
    for p in purposes:
        if p not in Purpose.__members__.values() and p not in {m.value for m in Purpose}:
            raise reader.error(
                "purposes", f"{p!r} is not one of: {', '.join(m.value for m in Purpose)}"
            )
    record = ConsentRecord(
        form=ConsentForm(reader.choice("form", tuple(m.value for m in ConsentForm))),
        purposes=tuple(Purpose(p) for p in purposes),
        platforms=reader.strings("platforms"),
        public_visibility_explained=reader.boolean("public_visibility_explained", False),
        loss_of_control_explained=reader.boolean("loss_of_control_explained", False),
        capacity=Capacity(reader.choice("capacity", tuple(m.value for m in Capacity), "assessed")),
        voluntary=reader.boolean("voluntary", True),
        withdrawn=reader.boolean("withdrawn", False),
        patient_status=PatientStatus(
            reader.choice("patient_status", tuple(m.value for m in PatientStatus), "adult")
        ),
        consented_by=reader.string("consented_by", "patient"),
        date=reader.string("date", "", allow_empty=True),
        notes=reader.string("notes", "", allow_empty=True),
    )
    reader.finish()
    return record


def _assets(reader: FieldReader) -> tuple[AssetSpec, ...]:
    from safeshare.render.registry import renderer_for, renderer_names

    raw = reader.raw("assets", [])
    if not isinstance(raw, list):
        raise reader.error("assets", "must be a list of assets")
    seen: set[str] = set()
    assets = []
    for i, item in enumerate(raw):
        a = reader.child(f"assets[{i}]", item)
        asset_id = a.string("id")
        if not _ASSET_ID.match(asset_id):
            raise a.error("id", f"{asset_id!r} must be lower case letters, digits and _")
        if asset_id in RESERVED_ASSET_IDS:
            raise a.error("id", f"{asset_id!r} is reserved for the rendered {asset_id}")
        if asset_id in seen:
            raise a.error("id", f"duplicate asset id {asset_id!r}")
        seen.add(asset_id)
        kind = a.choice("type", renderer_names())
        renderer = renderer_for(kind)
        options = renderer.parse_options(a.child("options", a.mapping("options")))
        present_raw = a.mapping("present")
        present: dict[str, float] = {}
        pr = a.child("present", present_raw)
        for name in present_raw:
            if name not in renderer.optional_parts:
                raise pr.error(
                    str(name),
                    f"{kind} has no optional part {name!r} "
                    f"(it has: {', '.join(renderer.optional_parts) or 'none'})",
                )
            present[str(name)] = pr.number(str(name), 1.0, lo=0.0, hi=1.0)
        pr.finish()
        assets.append(
            AssetSpec(
                id=asset_id,
                type=kind,
                options=options,
                present=present,
                caption=a.string("caption", "", allow_empty=True),
            )
        )
        a.finish()
    for asset in assets:
        for source in renderer_for(asset.type).sources(asset.options):
            if source not in seen:
                raise SpecError(
                    f"source {source!r} is not an asset of this case: give the id of an "
                    f"asset under `assets:` (one of: {', '.join(sorted(seen))})",
                    source=reader.source,
                    field=f"assets.{asset.id}.options.source",
                )
    return tuple(assets)


def parse_spec(data: Any, *, source: str | Path) -> CaseSpec:
    """Validate a spec already parsed from YAML."""
    r = FieldReader(data, source=source)
    schema = r.integer("schema", lo=1, hi=SPEC_SCHEMA)
    del schema
    case_id = r.string("id")
    if not _ID.match(case_id):
        raise r.error(
            "id", f"{case_id!r} must look like E01: a capital letter, then capitals or digits"
        )
    assets = _assets(r)
    asset_ids = {a.id for a in assets}
    post_raw = r.raw("post")
    post = _post(r.child("post", post_raw), asset_ids) if post_raw is not None else None
    consent_raw = r.raw("consent")
    consent = _consent(r.child("consent", consent_raw)) if consent_raw is not None else None
    explanations = _per_category(r, "explanations", lambda ex, name: ex.string(name))
    severities = _per_category(r, "severities", _severity)
    guidance = _per_category(r, "guidance", _guidance_ids)
    facts = dict(r.mapping("facts"))
    spec = CaseSpec(
        id=case_id,
        title=r.string("title"),
        kind=r.choice("kind", KINDS),
        difficulty=r.integer("difficulty", lo=1, hi=3),
        objectives=r.strings("objectives", required=True),
        brief=r.string("brief"),
        decision=r.choice("decision", DECISIONS),
        decision_reason=r.string("decision_reason"),
        assets=assets,
        post=post,
        consent=consent,
        facts=facts,
        explanations=explanations,
        severities=severities,
        guidance=guidance,
        tags=r.strings("tags"),
        source=str(source),
    )
    r.finish()
    if not spec.assets and spec.post is None and spec.consent is None:
        raise SpecError(
            "a case needs at least one asset, a post or a consent record", source=source
        )
    return spec


def load_spec(path: str | Path) -> CaseSpec:
    """Load and validate one YAML spec file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SpecError("no such file", source=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError(f"cannot read: {exc}", source=path) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise SpecError(f"{where}{problem} (malformed YAML)", source=path) from None
    return parse_spec(data, source=path)
