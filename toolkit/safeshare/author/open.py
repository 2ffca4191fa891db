"""Starting a draft: from an educator's image (JPEG, PNG, DICOM) or from a shipped render.

The draft folder gets a working copy of the picture (a DICOM's first frame as
PNG; a photo turned upright as its EXIF orientation says) and `draft.json`.
The populated identifying metadata of the file the educator gave (EXIF, GPS,
XMP, IPTC, the DICOM header) is listed in the draft, each to be stripped
unless decided otherwise. A file that cannot be read is refused before
anything is written.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
import warnings
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from safeshare.atomic import write_bytes_atomic, write_json_atomic
from safeshare.author.draft import (
    AuthorDraft,
    DraftMark,
    MetadataField,
    check_case_id,
    draft_from_dict,
    draft_to_dict,
)
from safeshare.author.prepare import ORIGINAL_FILE
from safeshare.errors import AuthorError, SafeshareError

__all__ = [
    "DRAFT_FILE",
    "MAX_FILE_BYTES",
    "MAX_PIXELS",
    "metadata_fields_of",
    "open_draft",
    "read_image",
    "start_draft",
    "start_from_renderer",
    "write_draft",
]

DRAFT_FILE = "draft.json"
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_PIXELS = 60_000_000


def write_draft(draft: AuthorDraft) -> Path:
    """Save the draft's state as draft.json in its folder (atomically)."""
    return write_json_atomic(draft.folder / DRAFT_FILE, draft_to_dict(draft))


def open_draft(folder: Path) -> AuthorDraft:
    """The draft kept in a folder (a draft folder, or a saved case's folder)."""
    path = folder / DRAFT_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AuthorError(
            "no draft.json here: start one with `safeshare author new IMAGE --id A01`",
            source=folder,
        ) from None
    except (OSError, ValueError) as exc:
        raise AuthorError(f"cannot read the draft: {exc}", source=path) from None
    draft = draft_from_dict(data, source=path)
    if not draft.asset.is_file():
        raise AuthorError(f"the draft's image {draft.asset.name} is missing", source=folder)
    return draft


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise AuthorError("is not a file: give a JPEG, PNG or DICOM image", source=path)
        if size == 0:
            raise AuthorError("is empty: give the image file itself", source=path)
        if size > MAX_FILE_BYTES:
            raise AuthorError(
                f"is {size // 2**20} MiB, more than {MAX_FILE_BYTES // 2**20} MiB: export a "
                "smaller image",
                source=path,
            )
        return path.read_bytes()
    except OSError as exc:
        raise AuthorError(f"cannot be read ({exc.strerror}): check the path", source=path) from None


def _is_dicom(data: bytes) -> bool:
    return data[128:132] == b"DICM"


def _dicom_pixels(data: bytes, source: Path) -> Image.Image:
    import pydicom
    from pydicom.errors import InvalidDicomError

    try:
        dataset = pydicom.dcmread(io.BytesIO(data))
    except (InvalidDicomError, OSError, ValueError, KeyError, EOFError) as exc:
        raise AuthorError(
            f"is a malformed DICOM file ({str(exc)[:80]}): export it again", source=source
        ) from None
    if "PixelData" not in dataset:
        raise AuthorError(
            "is a DICOM file with no pixel data (a structured report or header only): export "
            "the image itself",
            source=source,
        )
    try:
        pixels = np.asarray(dataset.pixel_array)
    except Exception as exc:  # pydicom raises many kinds when a decoder is missing
        raise AuthorError(
            f"has pixels pydicom cannot decode ({str(exc)[:80]}): export it as PNG from the viewer",
            source=source,
        ) from None
    if int(getattr(dataset, "NumberOfFrames", 1) or 1) > 1:
        pixels = pixels[0]
    if pixels.ndim == 2:
        low, high = np.percentile(pixels, (0.5, 99.5))
        grey = (np.clip((pixels - low) / max(float(high - low), 1.0), 0, 1) * 255).astype(np.uint8)
        if str(getattr(dataset, "PhotometricInterpretation", "")) == "MONOCHROME1":
            grey = 255 - grey
        return Image.fromarray(grey, "L").convert("RGB")
    if pixels.ndim == 3 and pixels.shape[-1] == 3:
        if pixels.dtype != np.uint8:
            pixels = (pixels / max(float(pixels.max()), 1.0) * 255).astype(np.uint8)
        return Image.fromarray(np.ascontiguousarray(pixels), "RGB")
    raise AuthorError(f"has pixels of shape {pixels.shape}: export it as PNG", source=source)


def read_image(path: Path) -> tuple[Image.Image, str]:
    """The picture in a file (upright, RGB) and its kind: 'jpeg', 'png' or 'dicom'."""
    data = _read_bytes(path)
    if _is_dicom(data):
        return _dicom_pixels(data, path), "dicom"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise AuthorError(
                    f"is {image.width}x{image.height} pixels, more than {MAX_PIXELS:,}: resize it",
                    source=path,
                )
            image.load()
    except AuthorError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise AuthorError("declares too many pixels (a decompression bomb?)", source=path) from None
    except UnidentifiedImageError:
        raise AuthorError(
            "cannot be read as an image: give a JPEG, PNG or DICOM file", source=path
        ) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise AuthorError(
            f"is a damaged or truncated image ({str(exc)[:80]}): export it again", source=path
        ) from None
    kind = "jpeg" if image.format in ("JPEG", "MPO") else "png"
    upright = ImageOps.exif_transpose(image)
    return (upright if upright is not None else image).convert("RGB"), kind


def metadata_fields_of(path: Path) -> list[MetadataField]:
    """The populated identifying metadata fields the checker finds in a file (no OCR, no faces)."""
    from safeshare.checker import check_file
    from safeshare.model.locations import MetaField

    try:
        found = check_file(path, ocr=False, faces=False)
    except SafeshareError as exc:
        raise AuthorError(exc.problem, source=path) from None
    fields: list[MetadataField] = []
    for d in found.detections:
        if isinstance(d.location, MetaField):
            value = d.evidence.split(" = ", 1)[-1]
            fields.append(MetadataField(tag=d.location.tag, category=d.category, value=value))
    return fields


def _encode(image: Image.Image, kind: str) -> tuple[bytes, str]:
    buffer = io.BytesIO()
    if kind == "jpeg":
        image.save(buffer, "JPEG", quality=95, subsampling=0)
        return buffer.getvalue(), "image.jpg"
    image.save(buffer, "PNG", compress_level=6)
    return buffer.getvalue(), "image.png"


def _stage(work: Path) -> Path:
    if work.exists() and any(work.iterdir()):
        raise AuthorError(
            "already holds a draft or other files: open it with `safeshare author propose` "
            "or give another --work folder",
            source=work,
        )
    work.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{work.name}.", dir=work.parent))


def _place(staged: Path, work: Path) -> None:
    if work.exists():
        work.rmdir()
    os.replace(staged, work)


def start_draft(
    image: Path, *, case_id: str, work: Path, title: str = "", modality: str = ""
) -> AuthorDraft:
    """Start a draft in `work` from an educator's image; nothing is written if it cannot be read."""
    check_case_id(case_id)
    picture, kind = read_image(image)
    metadata = metadata_fields_of(image)
    staged = _stage(work)
    try:
        data, name = _encode(picture, kind)
        write_bytes_atomic(staged / name, data)
        draft = AuthorDraft(
            case_id=case_id,
            title=title or f"Authored case {case_id}",  # a file's name may name the patient
            modality=modality or ("radiology" if kind == "dicom" else "photo"),
            asset=staged / name,
            preview=staged / name,
            width=picture.width,
            height=picture.height,
            metadata_fields=metadata,
            source_name=image.name,
        )
        write_draft(draft)
        _place(staged, work)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    return open_draft(work)


def _consent_dict(record: Any) -> dict[str, Any]:
    if record is None:
        return {}
    out: dict[str, Any] = {}
    for name in (
        "form",
        "purposes",
        "platforms",
        "public_visibility_explained",
        "loss_of_control_explained",
        "capacity",
        "voluntary",
        "withdrawn",
        "patient_status",
        "consented_by",
        "date",
        "notes",
    ):
        value = getattr(record, name)
        if isinstance(value, tuple):
            value = [getattr(v, "value", v) for v in value]
        out[name] = getattr(value, "value", value)
    return out


def start_from_renderer(
    case_id_of_bank_case: str, *, seed: int, work: Path, case_id: str = "", bank: Path | None = None
) -> AuthorDraft:
    """Start a draft from a shipped case's render: its first image and its key's boxes on it.

    Everything drawn there is fictional, so the draft is marked `fictional` and its
    key's marks come accepted; the new case's id defaults to 'A' + the bank case's id.
    """
    from safeshare.cases.bank import find_case
    from safeshare.cases.cache import load_rendered, rendered_spec
    from safeshare.model.locations import Box, MetaField

    spec = find_case(case_id_of_bank_case, bank)
    new_id = check_case_id(case_id or f"A{spec.id}")
    folder = rendered_spec(spec, seed=seed)
    view, key = load_rendered(folder)
    assert key is not None
    images = [
        a
        for a in view.assets
        if a.markable and a.width > 0 and (a.media_type in ("image/png", "image/jpeg") or a.preview)
    ]
    if not images:
        raise AuthorError(f"case {spec.id} has no image to start from: pick a case with one")
    asset = images[0]
    picture, kind = read_image(folder / (asset.preview or asset.file))
    staged = _stage(work)
    try:
        data, name = _encode(picture, "jpeg" if kind == "jpeg" else "png")
        write_bytes_atomic(staged / name, data)
        if kind == "jpeg":  # its fictional EXIF, for a case about metadata that keeps some
            write_bytes_atomic(staged / ORIGINAL_FILE, (folder / asset.file).read_bytes())
        marks: list[DraftMark] = []
        fields = []
        for finding in key.findings:
            loc = finding.location
            if isinstance(loc, Box) and loc.asset == asset.id:
                marks.append(
                    DraftMark(
                        id=f"m{len(marks) + 1}",
                        box=(loc.x, loc.y, loc.w, loc.h),
                        category=finding.category,
                        severity=finding.severity,
                        explanation=finding.explanation,
                        guidance=list(finding.guidance),
                        origin="renderer",
                        text=finding.evidence,
                        status="accepted",
                    )
                )
            elif isinstance(loc, MetaField) and loc.asset == asset.id:
                value = next((r.value for r in asset.metadata if r.tag == loc.tag), "")
                fields.append(MetadataField(tag=loc.tag, category=finding.category, value=value))
        draft = AuthorDraft(
            case_id=new_id,
            title=spec.title,
            modality=spec.kind if spec.kind in ("photo", "endoscopy", "radiology") else "photo",
            asset=staged / name,
            preview=staged / name,
            width=picture.width,
            height=picture.height,
            marks=marks,
            post=spec.post.text if spec.post is not None else "",
            consent=_consent_dict(spec.consent),
            decision=spec.decision,
            decision_reason=spec.decision_reason,
            metadata_fields=fields,
            brief=spec.brief,
            objectives=list(spec.objectives),
            difficulty=spec.difficulty,
            fictional=True,
            source_name=f"{spec.id} seed {seed}",
        )
        write_draft(draft)
        _place(staged, work)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    return open_draft(work)
