"""The curated bank: the case specs that ship inside the package."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from safeshare.cases.spec import CaseSpec, load_spec
from safeshare.errors import CaseNotFoundError, SpecError

__all__ = ["BANK_DIR", "find_case", "load_bank", "load_specs", "spec_files"]

BANK_DIR = Path(__file__).resolve().parent.parent / "bank"


def spec_files(path: Path | None = None) -> list[Path]:
    """YAML spec files under a folder (or the one file given), sorted by name."""
    root = path or BANK_DIR
    if root.is_file():
        return [root]
    if not root.exists():
        raise SpecError("no such file or folder", source=root)
    return sorted(p for p in root.rglob("*.yaml") if not p.name.startswith("."))


def load_specs(paths: Iterable[Path]) -> list[CaseSpec]:
    """Load and validate specs; a second spec with the same id is an error naming both files."""
    specs: list[CaseSpec] = []
    first_file: dict[str, str] = {}
    for path in paths:
        spec = load_spec(path)
        if spec.id in first_file:
            raise SpecError(
                f"duplicate case id {spec.id!r} (also in {first_file[spec.id]})",
                source=path,
                field="id",
            )
        first_file[spec.id] = str(path)
        specs.append(spec)
    return specs


def load_bank(path: Path | None = None) -> list[CaseSpec]:
    """Every spec of the bank (or of a folder), validated."""
    return load_specs(spec_files(path))


def find_case(case_id: str, path: Path | None = None) -> CaseSpec:
    """The spec with this id (its file is named `<id>-<slug>.yaml`)."""
    files = spec_files(path)
    for file in files:
        if file.stem == case_id or file.stem.startswith(f"{case_id}-"):
            spec = load_spec(file)
            if spec.id == case_id:
                return spec
    close = [f.stem.split("-")[0] for f in files if f.stem[:1] == case_id[:1]][:10]
    hint = f"; ids like it: {', '.join(close)}" if close else ""
    raise CaseNotFoundError(f"no case {case_id!r} in the bank{hint} (see `safeshare cases list`)")
