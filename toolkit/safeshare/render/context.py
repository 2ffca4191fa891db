"""What a renderer is given and what it returns.

A renderer draws one asset. Whatever identifier it draws it records through
the context, with its box (or metadata tag), so the key always matches the
pixels.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from safeshare.model.facts import Facts
from safeshare.model.locations import Box, Location, MetaField
from safeshare.model.spec_reader import FieldReader
from safeshare.model.view import MetaRow
from safeshare.render.drawing import BoxTuple
from safeshare.render.seeds import np_rng, py_rng

__all__ = [
    "DrawnBenign",
    "DrawnDecoy",
    "DrawnFinding",
    "RenderContext",
    "RenderedAsset",
    "Renderer",
]


@dataclass(frozen=True, slots=True)
class DrawnFinding:
    """An identifier a renderer drew, and where."""

    category: str
    location: Location
    evidence: str


@dataclass(frozen=True, slots=True)
class DrawnDecoy:
    """Something drawn that looks risky but is not, and why."""

    location: Location
    explanation: str


@dataclass(frozen=True, slots=True)
class DrawnBenign:
    """Text drawn that identifies no one (a label, a setting, a scale), and what it is.

    Declared so an independent reader of the pixels (OCR) can tell it from a leak.
    """

    location: Location
    what: str


@dataclass(slots=True, kw_only=True)
class RenderedAsset:
    """The result of rendering one asset."""

    file: str
    """File name written into the context's work folder."""
    media_type: str
    width: int
    height: int
    image: Image.Image | None = None
    """The picture in memory, for assets that build on it (a phone photo of a frame)."""
    preview: str = ""
    """A PNG preview written beside a non-image file (a DICOM's pixels)."""
    metadata: tuple[MetaRow, ...] = ()
    markable: bool = True


@dataclass(slots=True, kw_only=True)
class RenderContext:
    """Everything a renderer needs for one asset, and the place it records findings."""

    case_id: str
    asset_id: str
    seed: int
    facts: Facts
    work_dir: Path
    present_chances: Mapping[str, float] = field(default_factory=dict)
    rendered: Mapping[str, RenderedAsset] = field(default_factory=dict)
    """Assets of this case rendered before this one, by id."""
    source_findings: Mapping[str, list[DrawnFinding]] = field(default_factory=dict)
    """Findings of earlier assets, by asset id (to carry them into a derived asset)."""
    source_decoys: Mapping[str, list[DrawnDecoy]] = field(default_factory=dict)
    """Decoys of earlier assets, by asset id (a derived asset shows them too)."""
    source_benign: Mapping[str, list[DrawnBenign]] = field(default_factory=dict)
    """Benign text of earlier assets, by asset id (a derived asset shows it too)."""
    findings: list[DrawnFinding] = field(default_factory=list)
    decoys: list[DrawnDecoy] = field(default_factory=list)
    benign: list[DrawnBenign] = field(default_factory=list)

    def rng(self, *parts: str) -> random.Random:
        """A Python random stream for a named part of this asset."""
        return py_rng(self.seed, self.case_id, self.asset_id, *parts)

    def np_rng(self, *parts: str) -> np.random.Generator:
        """A numpy random stream for a named part of this asset."""
        return np_rng(self.seed, self.case_id, self.asset_id, *parts)

    def present(self, part: str) -> bool:
        """Whether an optional identifier is drawn in this variant (spec's `present:` chances)."""
        chance = self.present_chances.get(part, 1.0)
        if chance >= 1.0:
            return True
        if chance <= 0.0:
            return False
        return self.rng("present", part).random() < chance

    def path(self, name: str) -> Path:
        return self.work_dir / name

    def box(self, category: str, box: BoxTuple, evidence: str, *, asset: str | None = None) -> None:
        """Record a finding drawn in a box of this asset's pixels."""
        x, y, w, h = box
        self.findings.append(
            DrawnFinding(
                category, Box(asset or self.asset_id, int(x), int(y), int(w), int(h)), evidence
            )
        )

    def meta(self, category: str, tag: str, evidence: str) -> None:
        """Record a finding in a metadata field of this asset."""
        self.findings.append(DrawnFinding(category, MetaField(self.asset_id, tag), evidence))

    def decoy_box(self, box: BoxTuple, explanation: str) -> None:
        x, y, w, h = box
        self.decoys.append(
            DrawnDecoy(Box(self.asset_id, int(x), int(y), int(w), int(h)), explanation)
        )

    def benign_box(self, box: BoxTuple, what: str) -> None:
        """Record text drawn in a box that identifies no one (a label, a setting, a scale)."""
        x, y, w, h = box
        self.benign.append(DrawnBenign(Box(self.asset_id, int(x), int(y), int(w), int(h)), what))

    def decoy_meta(self, tag: str, explanation: str) -> None:
        self.decoys.append(DrawnDecoy(MetaField(self.asset_id, tag), explanation))


def _no_sources(options: Any) -> tuple[str, ...]:
    """Most assets are drawn from nothing but their options and the case's facts."""
    return ()


@dataclass(frozen=True, slots=True)
class Renderer:
    """A kind of asset: how to read its options and how to draw it."""

    name: str
    parse_options: Callable[[FieldReader], Any]
    """Read and validate the spec's `options:` mapping (call reader.finish())."""
    render: Callable[[RenderContext, Any], RenderedAsset]
    optional_parts: tuple[str, ...] = ()
    """Names a spec may give a chance of being present under `present:`."""
    description: str = ""
    sources: Callable[[Any], tuple[str, ...]] = _no_sources
    """The ids of earlier assets an asset with these options is drawn from (rendered first)."""
