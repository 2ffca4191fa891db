"""The authored-image renderer: strict options, fictional values per seed, the original's look."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest
import yaml
from PIL import Image

from safeshare.cases.build import render_case
from safeshare.cases.spec import load_spec
from safeshare.errors import SpecError
from safeshare.render.authored.look import TextLook
from safeshare.render.authored.paint import paint_field

BOX = [20, 20, 300, 40]


def _write(folder: Path, *, options: dict[str, object] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", (400, 120), (240, 240, 240))
    image.save(folder / "A07-image.png")
    sha = hashlib.sha256((folder / "A07-image.png").read_bytes()).hexdigest()
    look = {"family": "sans", "ink_px": 22, "colour": "#102030", "case": "as_is"}
    spec = {
        "schema": 1,
        "id": "A07",
        "title": "A card",
        "kind": "photo",
        "difficulty": 1,
        "objectives": ["Find the name"],
        "brief": "A card.",
        "assets": [
            {
                "id": "image",
                "type": "authored_image",
                "options": options
                or {
                    "file": "A07-image.png",
                    "sha256": sha,
                    "fields": [{"kind": "name", "box": BOX, "look": look}],
                },
            }
        ],
        "decision": "share_after_deidentification",
        "decision_reason": "Blank the name.",
    }
    path = folder / "A07-card.yaml"
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    return path


def test_values_are_fictional_per_seed_and_in_the_look(tmp_path: Path) -> None:
    spec = load_spec(_write(tmp_path / "bank"))
    evidence = []
    for seed in (1, 2):
        work = tmp_path / f"out{seed}"
        work.mkdir()
        built = render_case(spec, seed=seed, work_dir=work)
        (finding,) = built.key.findings
        evidence.append(finding.evidence)
        pixels = np.asarray(Image.open(work / "image.png").convert("RGB")).astype(int)
        ink = np.abs(pixels - 240).max(axis=2) > 60
        rows = np.flatnonzero(ink.any(axis=1))
        assert rows.size and rows[-1] - rows[0] + 1 <= 22
        darkest = pixels[ink].min(axis=0)
        assert np.all(np.abs(darkest - np.array([0x10, 0x20, 0x30])) <= 12)
    assert evidence[0] != evidence[1]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"fields": [{"kind": "shoe_size", "box": BOX, "look": {}}]}, "shoe_size"),
        ({"fields": [{"kind": "name", "box": [380, 20, 100, 40], "look": {}}]}, "outside"),
        ({"file": "../A07-image.png"}, "no folders"),
        ({"sha256": "0" * 64}, "changed since"),
    ],
)
def test_bad_options_name_the_field(
    tmp_path: Path, change: dict[str, object], problem: str
) -> None:
    first = _write(tmp_path / "bank")
    options = yaml.safe_load(first.read_text())["assets"][0]["options"]
    options.update(change)
    path = _write(tmp_path / "bank", options=options)
    with pytest.raises(SpecError, match=problem) as caught:
        load_spec(path)
    assert "A07-card.yaml" in str(caught.value)


def test_a_long_value_shrinks_to_fit_its_box() -> None:
    image = Image.new("RGB", (200, 60), (255, 255, 255))
    drawn = paint_field(
        image, (10, 10, 100, 30), "Bartholomew Featherstonehaugh", TextLook(ink_px=24)
    )
    x, _y, w, _h = drawn
    assert x >= 8 and x + w <= 112


@pytest.mark.parametrize(
    ("kind", "original", "pattern"),
    [
        ("name", "HOLLOWAY, Jane", r"^[A-Z][a-z]+, [A-Z][a-z]+$"),
        ("name", "HOLLOWAY^JANE", r"^[A-Z][a-z]+\^[A-Z][a-z]+$"),
        ("name", "Jane Holloway", r"^[A-Z][a-z]+ [A-Z][a-z]+$"),
        ("date_of_birth", "DOB 19540812", r"^\d{8}$"),
        ("date_of_birth", "08.12.1954", r"^\d{2}\.\d{2}\.\d{4}$"),
        ("date", "2024-10-18", r"^\d{4}-\d{2}-\d{2}$"),
        ("date", "18/10/2024", r"^\d{2}/\d{2}/\d{4}$"),
        ("nhs_number", "9434765919", r"^999\d{7}$"),
        ("nhs_number", "943 476 5919", r"^999 \d{3} \d{4}$"),
    ],
)
def test_values_are_written_as_the_original_was(kind: str, original: str, pattern: str) -> None:
    import random
    import re

    from safeshare.model.facts import make_facts
    from safeshare.render.authored.fields import detect_form, fill_value

    value = fill_value(kind, make_facts(random.Random(3)), detect_form(kind, original))
    assert re.match(pattern, value), value
