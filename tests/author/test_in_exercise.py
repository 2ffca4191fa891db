"""An authored case in the Exercise widget (the one course modules and notebooks show)."""

from __future__ import annotations

from pathlib import Path

from safeshare.cases.bank import find_case
from safeshare.cases.cache import load_key, rendered_spec
from safeshare.model.locations import Box, Span


def test_a_learner_marks_the_painted_name_and_scores_full(saved_bank: Path, tmp_path: Path) -> None:
    from safeshare.widgets import Exercise

    folder = rendered_spec(find_case("A01", saved_bank), seed=5)
    key = load_key(folder)
    ex = Exercise.from_folder(folder, answers_dir=tmp_path)
    assert ex.case.assets[0].id == "image"
    for finding in key.findings:
        loc = finding.location
        if isinstance(loc, Box):
            ex.mark_box(loc.asset, loc.x, loc.y, loc.w, loc.h, finding.category)
        elif isinstance(loc, Span):
            ex.mark_text(loc.field, finding.evidence, finding.category)
    ex.set_consent_gaps(key.consent_gaps)
    ex.decide(key.decision)
    assert ex.check().score == 1.0
    assert (tmp_path / "A01.json").is_file()
