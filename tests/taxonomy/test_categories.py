"""Every category, gap and decision is complete and cites guidance that exists."""

from __future__ import annotations

from safeshare.taxonomy import CATEGORIES, CONSENT_GAPS, DECISIONS, GUIDANCE, Group


def test_categories_cite_known_guidance_and_say_what_to_do() -> None:
    for cat in CATEGORIES.values():
        assert cat.label and cat.description.endswith((".", ")")), cat.id
        assert cat.remedy, cat.id
        assert cat.guidance, cat.id
        for gid in cat.guidance:
            assert gid in GUIDANCE, (cat.id, gid)


def test_groups_are_all_used() -> None:
    assert {c.group for c in CATEGORIES.values()} == set(Group)


def test_direct_identifiers_weigh_most() -> None:
    assert all(c.severity.value == "high" for c in CATEGORIES.values() if c.group is Group.DIRECT)


def test_gaps_and_decisions() -> None:
    for gap in CONSENT_GAPS.values():
        assert gap.guidance and all(g in GUIDANCE for g in gap.guidance), gap.id
    assert set(DECISIONS) == {
        "share_as_is",
        "share_after_deidentification",
        "obtain_consent_first",
        "do_not_share",
    }


def test_caldicott_has_eight_principles() -> None:
    assert [g for g in GUIDANCE if g.startswith("caldicott_")] == [
        f"caldicott_{i}" for i in range(1, 9)
    ]
