"""Every guidance id the bank and the course use resolves to a reference cited in full."""

from __future__ import annotations

import re

import pytest

from safeshare.course.questions import QUESTIONS
from safeshare.taxonomy import (
    CATEGORIES,
    CONSENT_GAPS,
    GUIDANCE,
    REFERENCES,
    full_citation,
    reference,
)
from tests.cases.rendered_bank import rendered_bank

_YEAR = re.compile(r"\b(19|20)\d\d\b")
_LOCATOR = re.compile(r"^(doi:10\.\d{4,}/\S+|https?://\S+\.\S+)$")


def _assert_cited_in_full(guidance_id: str) -> None:
    """Authors or body, year, title, journal or publisher, DOI or URL, and the section."""
    assert guidance_id in GUIDANCE, f"unknown guidance id {guidance_id!r}"
    g = GUIDANCE[guidance_id]
    assert g.reference in REFERENCES, (guidance_id, g.reference)
    ref = REFERENCES[g.reference]
    assert ref.authors.strip(), (guidance_id, "authors or body")
    assert _YEAR.search(ref.year), (guidance_id, "year", ref.year)
    assert ref.title.strip(), (guidance_id, "title")
    assert ref.publisher.strip(), (guidance_id, "journal or publisher")
    assert _LOCATOR.match(ref.locator), (guidance_id, "DOI or URL", ref.locator)
    assert g.section.strip(), (guidance_id, "paragraph or section")
    assert ref.note.strip(), (guidance_id, "what was checked")
    citation = full_citation(guidance_id)
    assert ref.locator in citation and g.section in citation


def test_every_guidance_entry_is_cited_in_full() -> None:
    for guidance_id in GUIDANCE:
        _assert_cited_in_full(guidance_id)


def test_every_category_and_consent_gap_cites_guidance_in_full() -> None:
    for cat in CATEGORIES.values():
        for guidance_id in cat.guidance:
            _assert_cited_in_full(guidance_id)
    for gap in CONSENT_GAPS.values():
        for guidance_id in gap.guidance:
            _assert_cited_in_full(guidance_id)


@pytest.mark.xdist_group("bank")
def test_every_guidance_id_the_bank_uses_is_cited_in_full() -> None:
    """Every key of every case spec in the bank, as rendered: findings and consent gaps."""
    used: set[str] = set()
    for _, _, key in rendered_bank():
        for finding in key.findings:
            assert finding.guidance, (key.case_id, finding.id)
            used.update(finding.guidance)
        for gap in key.consent_gaps:
            used.update(CONSENT_GAPS[gap].guidance)
    assert used
    for guidance_id in sorted(used):
        _assert_cited_in_full(guidance_id)


def test_every_guidance_id_the_course_uses_is_cited_in_full() -> None:
    used = {g for q in QUESTIONS.values() for g in q.sources}
    assert used
    for guidance_id in sorted(used):
        _assert_cited_in_full(guidance_id)


def test_self_check_questions_after_module_00_name_their_sources() -> None:
    for q in QUESTIONS.values():
        if not q.id.startswith("00-") and q.id != "08-3":
            assert q.sources, q.id


def test_an_incomplete_reference_says_it_is_unverified() -> None:
    for ref in REFERENCES.values():
        if not ref.complete:
            assert "unverified" in ref.note.lower(), ref.id
            assert "no copy found" in ref.citation(), ref.id


def test_the_course_names_the_source_it_grew_from() -> None:
    seed = reference("segal_hansen_2021")
    assert seed.locator == "doi:10.1038/s41575-021-00453-1"
    assert "Segal JP, Hansen R" in seed.citation()
    box1 = [g for g in GUIDANCE.values() if g.id.startswith("seed_box1_")]
    assert len(box1) == 5 and all(g.reference == seed.id for g in box1)


def test_corrected_claims_stay_corrected() -> None:
    """The fact-check's corrections, pinned so they cannot quietly come back."""
    assert "hipaa_biometric" not in CATEGORIES["distinctive_mark"].guidance
    assert "finger and voice prints" in GUIDANCE["hipaa_biometric"].label
    for serial in ("exif_device_serial", "dicom_device_serial"):
        assert "hipaa_devices" not in CATEGORIES[serial].guidance
        assert "dicom_ps315_device" in CATEGORIES[serial].guidance
    assert "Using social media as a medical professional" in GUIDANCE["gmc_social_media"].label
    assert "cannot give valid consent" not in GUIDANCE["mca_2005"].summary
    assert "England and Wales" in GUIDANCE["mca_2005"].label
    assert "reasonably likely" in GUIDANCE["ico_motivated_intruder"].summary
    assert "usually be in writing" in CONSENT_GAPS["verbal_only"].description
    assert "Segal and Hansen" in GUIDANCE["montgomery"].summary
    assert "only the Retain Safe Private Option" in GUIDANCE["dicom_ps315_private"].summary
