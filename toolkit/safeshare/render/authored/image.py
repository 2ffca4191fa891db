"""The authored-image renderer: an educator's own picture, with fields painted per variant.

The saved asset is already clean (identifying text blanked, faces removed,
metadata stripped: safeshare.author.save sees to that). Each variant paints a
fictional value of each field's kind into its blanked box, in the original
text's look, and records it in the key with the box it landed in. Marks the
educator drew on what stays (a synthetic face, a fictional overlay) are
recorded as drawn. The asset's SHA-256 is in the spec, so a changed file is
refused and the render cache never serves a stale variant.

    - id: image
      type: authored_image
      options:
        file: A01-image.png
        sha256: 9f2c...
        fields:
          - {kind: name, box: [40, 12, 220, 24],
             look: {family: sans-bold, ink_px: 17, colour: "#f4f4f4", case: upper}}
        findings:
          - {category: full_face, box: [135, 159, 662, 662], evidence: a synthetic face}
        benign:
          - {box: [900, 20, 80, 16], what: the scale bar's label}
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from safeshare.atomic import write_bytes_atomic
from safeshare.model.spec_reader import FieldReader
from safeshare.model.view import MetaRow
from safeshare.render.authored.fields import FILL_KINDS, fill_value, styled
from safeshare.render.authored.look import TextLook
from safeshare.render.authored.paint import paint_field
from safeshare.render.context import RenderContext, RenderedAsset, Renderer
from safeshare.render.drawing import BoxTuple
from safeshare.render.exif import jpeg_bytes
from safeshare.taxonomy import CATEGORIES

__all__ = [
    "RENDERER",
    "AuthoredField",
    "AuthoredFinding",
    "AuthoredImageOptions",
    "KeptMeta",
    "file_sha256",
    "parse_options",
    "render",
]

_SUFFIXES = {".png": ("PNG", "image/png"), ".jpg": ("JPEG", "image/jpeg")}


@dataclass(frozen=True, slots=True, kw_only=True)
class AuthoredField:
    """A blanked region where each variant paints a fictional value of a kind."""

    kind: str
    box: BoxTuple
    look: TextLook


@dataclass(frozen=True, slots=True, kw_only=True)
class AuthoredFinding:
    """An identifier the educator marked on what stays in the picture (it is fictional)."""

    category: str
    box: BoxTuple
    evidence: str


@dataclass(frozen=True, slots=True, kw_only=True)
class KeptMeta:
    """A fictional metadata field kept in the file on purpose (a case about metadata)."""

    tag: str
    category: str
    value: str


@dataclass(frozen=True, slots=True, kw_only=True)
class AuthoredImageOptions:
    path: Path
    """The asset file, beside the spec."""
    sha256: str
    width: int
    height: int
    fields: tuple[AuthoredField, ...] = ()
    findings: tuple[AuthoredFinding, ...] = ()
    benign: tuple[tuple[BoxTuple, str], ...] = ()
    metadata: tuple[KeptMeta, ...] = ()


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _box(reader: FieldReader, key: str, width: int, height: int) -> BoxTuple:
    raw = reader.required(key)
    if (
        not isinstance(raw, list)
        or len(raw) != 4
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in raw)
    ):
        raise reader.error(key, "must be [x, y, w, h], four whole numbers of pixels")
    x, y, w, h = raw
    if w <= 0 or h <= 0 or x < 0 or y < 0 or x + w > width or y + h > height:
        raise reader.error(key, f"box {raw} lies outside the image ({width}x{height}) or is empty")
    return (x, y, w, h)


def _items(reader: FieldReader, key: str) -> list[FieldReader]:
    raw = reader.raw(key, [])
    if not isinstance(raw, list):
        raise reader.error(key, "must be a list")
    return [reader.child(f"{key}[{i}]", item) for i, item in enumerate(raw)]


def _asset_file(reader: FieldReader) -> Path:
    name = reader.string("file")
    if "/" in name or "\\" in name or name.startswith(".") or Path(name).suffix not in _SUFFIXES:
        raise reader.error(
            "file", f"{name!r} must be a .png or .jpg file name beside the spec (no folders)"
        )
    path = Path(reader.source).parent / name
    if not path.is_file() or path.is_symlink():
        raise reader.error("file", f"{name!r} is not a file beside the spec: put the asset there")
    return path


def parse_options(reader: FieldReader) -> AuthoredImageOptions:
    path = _asset_file(reader)
    sha = reader.string("sha256")
    if file_sha256(path) != sha:
        raise reader.error(
            "sha256",
            f"{path.name} changed since the case was saved: save it again with "
            "`safeshare author save` (which re-runs the privacy guard)",
        )
    try:
        with Image.open(path) as probe:
            width, height = probe.size
    except OSError as exc:
        raise reader.error("file", f"{path.name} cannot be read as an image: {exc}") from None
    fields = []
    for f in _items(reader, "fields"):
        kind = f.choice("kind", tuple(FILL_KINDS))
        try:
            look = TextLook.from_dict(dict(f.mapping("look")))
        except ValueError as exc:
            raise f.error("look", str(exc)) from None
        fields.append(AuthoredField(kind=kind, box=_box(f, "box", width, height), look=look))
        f.finish()
    findings = []
    for f in _items(reader, "findings"):
        findings.append(
            AuthoredFinding(
                category=f.choice("category", tuple(CATEGORIES)),
                box=_box(f, "box", width, height),
                evidence=f.string("evidence"),
            )
        )
        f.finish()
    benign = []
    for f in _items(reader, "benign"):
        benign.append((_box(f, "box", width, height), f.string("what")))
        f.finish()
    kept = []
    for f in _items(reader, "metadata"):
        kept.append(
            KeptMeta(
                tag=f.string("tag"),
                category=f.choice("category", tuple(CATEGORIES)),
                value=f.string("value"),
            )
        )
        f.finish()
    if kept and path.suffix != ".jpg":
        raise reader.error("metadata", "kept metadata needs a .jpg asset (EXIF lives in JPEGs)")
    options = AuthoredImageOptions(
        path=path,
        sha256=sha,
        width=width,
        height=height,
        fields=tuple(fields),
        findings=tuple(findings),
        benign=tuple(benign),
        metadata=tuple(kept),
    )
    reader.finish()
    return options


def _encode(image: Image.Image, suffix: str, exif: Image.Exif | None) -> bytes:
    if suffix == ".jpg":
        return jpeg_bytes(image, exif)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False, compress_level=6)
    return buffer.getvalue()


def render(ctx: RenderContext, options: AuthoredImageOptions) -> RenderedAsset:
    if file_sha256(options.path) != options.sha256:
        raise ValueError(f"{options.path.name} changed since the case was saved: save it again")
    with Image.open(options.path) as source:
        exif = source.getexif() if options.metadata else None
        image = source.convert("RGB")
    for field in options.fields:
        value = styled(fill_value(field.kind, ctx.facts, field.look.form), field.look.case)
        drawn = paint_field(image, field.box, value, field.look)
        ctx.box(FILL_KINDS[field.kind].category, drawn, value)
    for finding in options.findings:
        ctx.box(finding.category, finding.box, finding.evidence)
    for box, what in options.benign:
        ctx.benign_box(box, what)
    rows = []
    for kept in options.metadata:
        rows.append(MetaRow(tag=kept.tag, label=kept.tag, value=kept.value))
        ctx.meta(kept.category, kept.tag, f"{kept.tag} = {kept.value}")
    suffix = options.path.suffix
    name = f"{ctx.asset_id}{suffix}"
    write_bytes_atomic(ctx.path(name), _encode(image, suffix, exif))
    return RenderedAsset(
        file=name,
        media_type=_SUFFIXES[suffix][1],
        width=image.width,
        height=image.height,
        image=image,
        metadata=tuple(rows),
    )


RENDERER = Renderer(
    name="authored_image",
    parse_options=parse_options,
    render=render,
    description="An educator's own image, with fictional identifiers painted per variant.",
)
