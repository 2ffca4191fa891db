"""The curated bank: big enough, balanced, and covering every part of the taxonomy."""

from __future__ import annotations

from collections import Counter

import pytest

from safeshare.cases.bank import load_bank
from safeshare.taxonomy import CATEGORIES, CONSENT_GAPS, DECISIONS
from tests.cases.rendered_bank import rendered_bank

pytestmark = pytest.mark.xdist_group("bank")


def test_bank_size_and_mix() -> None:
    specs = load_bank()
    assert len(specs) >= 40
    kinds = Counter(s.kind for s in specs)
    assert kinds["endoscopy"] >= 10
    assert kinds["radiology"] >= 6
    assert kinds["photo"] >= 6
    assert kinds["text"] >= 6
    assert kinds["consent"] >= 4


def test_radiology_cases_ship_dicom() -> None:
    for _, view, _ in rendered_bank():
        if view.kind == "radiology":
            assert any(a.media_type == "application/dicom" for a in view.assets), view.case_id


def test_at_least_one_case_in_five_is_a_control() -> None:
    bank = rendered_bank()
    controls = [view.case_id for _, view, key in bank if key.is_control]
    assert len(controls) * 5 >= len(bank), controls


def test_every_category_gap_and_decision_appears_in_two_cases() -> None:
    categories: Counter[str] = Counter()
    gaps: Counter[str] = Counter()
    decisions: Counter[str] = Counter()
    for _, _, key in rendered_bank():
        categories.update({f.category for f in key.findings})
        gaps.update(set(key.consent_gaps))
        decisions[key.decision] += 1
    assert {c: categories[c] for c in CATEGORIES if categories[c] < 2} == {}
    assert {g: gaps[g] for g in CONSENT_GAPS if gaps[g] < 2} == {}
    assert {d: decisions[d] for d in DECISIONS if decisions[d] < 2} == {}


def test_explanations_cite_guidance() -> None:
    for _, _, key in rendered_bank():
        assert key.decision_reason.strip(), key.case_id
        for finding in key.findings:
            assert finding.explanation and finding.guidance and finding.remedy, finding.id


def test_every_case_has_objectives_a_brief_and_a_picture_or_post() -> None:
    for _, view, _ in rendered_bank():
        assert view.objectives and view.brief
        assert view.assets, view.case_id


def test_all_people_are_fictional() -> None:
    """No phone number outside the drama range, no NHS number outside the 999 range."""
    import re

    from safeshare.model.nhs_number import is_valid_nhs_number

    for _, view, key in rendered_bank():
        for finding in key.findings:
            for digits in re.findall(r"\b\d{3} ?\d{3} ?\d{4}\b", finding.evidence):
                if is_valid_nhs_number(digits):
                    assert digits.replace(" ", "").startswith("999"), (view.case_id, digits)
