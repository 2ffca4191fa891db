"""Saving an authored case into a private bank folder, and reopening it.

The save is refused (AuthorError listing every problem) unless the privacy
guard passes. Then the folder `bank/<id>-<slug>/` is written whole, beside the
bank and renamed into place: the spec, the cleaned asset (no metadata), the
guard's report and the draft (to edit it again). Before it is put in place,
the spec is loaded and a variant rendered, so what is saved validates and renders.
Nothing of the original's identifiers is kept: blanked marks lose the words OCR
read there, stripped metadata fields their values.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

import yaml

from safeshare.atomic import (
    swap_in_folder,
    write_bytes_atomic,
    write_json_atomic,
    write_text_atomic,
)
from safeshare.author.case_spec import case_folder_name, spec_of
from safeshare.author.draft import AuthorDraft, DraftMark, MetadataField, check_box
from safeshare.author.guard import GuardReport, guard_report
from safeshare.author.open import DRAFT_FILE, open_draft, write_draft
from safeshare.author.prepare import prepare_asset
from safeshare.errors import AuthorError, SafeshareError

__all__ = ["GUARD_FILE", "load_authored", "save_case"]

GUARD_FILE = "guard.json"


def _check_ready(draft: AuthorDraft) -> None:
    for mark in draft.marks:
        check_box(mark.box, draft.width, draft.height, where=f"mark {mark.id}", source=draft.asset)
    if not draft.title.strip():
        raise AuthorError(f"case {draft.case_id} needs a title before it is saved")


def _forget_original(mark: DraftMark) -> DraftMark:
    """A blanked mark keeps no copy of the words it blanked (they were the original's)."""
    return replace(mark, text="") if mark.blanked else mark


def _forget_value(field: MetadataField) -> MetadataField:
    """A stripped metadata field keeps its tag, not its value."""
    return field if field.status == "keep_fictional" else replace(field, value="")


def _existing(bank: Path, case_id: str) -> list[Path]:
    if not bank.is_dir():
        return []
    return [p for p in bank.iterdir() if p.is_dir() and p.name.startswith(f"{case_id}-")]


def save_case(draft: AuthorDraft, *, bank: Path) -> Path:
    """Save the draft as a case in `bank/<id>-<slug>/`; refused unless the guard passes."""
    from safeshare.cases.build import render_case
    from safeshare.cases.spec import load_spec

    _check_ready(draft)
    prepared = prepare_asset(draft)
    report: GuardReport = guard_report(draft, prepared=prepared)
    if not report.ok:
        problems = "; ".join(report.unaccounted)
        raise AuthorError(
            f"not saved, the privacy guard found {len(report.unaccounted)} identifier(s) "
            f"unaccounted for: {problems}",
            source=draft.asset,
        )
    name = case_folder_name(draft)
    bank.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=bank))
    try:
        staged = work / name
        staged.mkdir()
        asset_file = f"{draft.case_id}-image{prepared.suffix}"
        asset_path = write_bytes_atomic(staged / asset_file, prepared.data)
        sha = hashlib.sha256(prepared.data).hexdigest()
        spec = spec_of(
            draft,
            list(prepared.marks),
            asset_file=asset_file,
            sha256=sha,
            kept_metadata=prepared.kept_metadata,
        )
        spec_path = staged / f"{name}.yaml"
        write_text_atomic(
            spec_path,
            yaml.safe_dump(spec, sort_keys=False, allow_unicode=True, default_flow_style=None),
        )
        write_json_atomic(staged / GUARD_FILE, report.to_dict())
        saved = replace(
            draft,
            asset=asset_path,
            preview=asset_path,
            marks=[_forget_original(m) for m in prepared.marks],
            metadata_fields=[_forget_value(f) for f in draft.metadata_fields],
            source_name="" if not draft.fictional else draft.source_name,
        )
        write_draft(saved)
        try:
            render_case(load_spec(spec_path), seed=1, work_dir=Path(tempfile.mkdtemp(dir=work)))
        except SafeshareError as exc:
            raise AuthorError(f"the saved case would not render: {exc.problem}") from None
        target = bank / name
        old = [p for p in _existing(bank, draft.case_id) if p.name != name]
        swap_in_folder(staged, target)
        for folder in old:
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def load_authored(folder: Path) -> AuthorDraft:
    """Reopen a saved case (its folder) with every mark, field, post and record in place."""
    if not (folder / DRAFT_FILE).is_file():
        raise AuthorError("is not an authored case folder (no draft.json)", source=folder)
    return open_draft(folder)
