"""The text classifier: each kind of identifier the course teaches, and what is not one."""

from __future__ import annotations

import pytest

from safeshare.checker.text_classes import classify_text


def kinds(text: str) -> list[tuple[str, str]]:
    return [(h.category, h.text) for h in classify_text(text)]


def test_an_nhs_number_is_told_from_ten_digits_by_its_check_digit() -> None:
    assert kinds("NHS 999 149 4413") == [("patient_number", "999 149 4413")]
    assert kinds("ref 999 149 4414") == [("unique_number", "999 149 4414")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BIRTH 08/12/1954", ("date_of_birth", "08/12/1954")),
        ("DOB: 3 March 1961", ("date_of_birth", "3 March 1961")),
        ("Study 30/07/2024", ("date_of_care", "30/07/2024")),
        ("at 12:39:02", ("date_of_care", "12:39:02")),
        ("from yesterday's list", ("date_of_care", "yesterday's list")),
        ("PATIENT ID HT544043", ("patient_number", "HT544043")),
        ("Hosp No 5512309", ("patient_number", "5512309")),
        ("Acc: ACC24057494", ("unique_number", "Acc: ACC24057494")),
        ("call 01632 960123", ("address_or_contact", "01632 960123")),
        ("mail jo.price@example.org", ("address_or_contact", "jo.price@example.org")),
        ("lives at QX3 6GT", ("address_or_contact", "QX3 6GT")),
        ("UNDERHILL, Winston H", ("patient_name", "UNDERHILL, Winston H")),
        ("YARDLEY^COLIN^T", ("patient_name", "YARDLEY^COLIN^T")),
        ("Physician:DR R ADEYEMI", ("clinician_identity", "DR R ADEYEMI")),
        (
            "KINGSMERE DISTRICT GENERAL HOSPITAL",
            ("institution", "KINGSMERE DISTRICT GENERAL HOSPITAL"),
        ),
        ("#HarrowgateValeEndoscopy", ("institution", "#HarrowgateValeEndoscopy")),
        ("a farmer from Eastleigh Parva", ("place", "Eastleigh Parva")),
        ("seen with her husband", ("personal_details", "her husband")),
        ("only the third case in the UK", ("rarity", "third case in the UK")),
        ("DOB 22-AUG-1979", ("date_of_birth", "22-AUG-1979")),
        ("Date 11-SEP-2024", ("date_of_care", "11-SEP-2024")),
        ("Pt: F. Penhaligon", ("patient_name", "F. Penhaligon")),
        ("08:00 DUNSTER, R", ("patient_name", "DUNSTER, R")),
    ],
)
def test_each_kind_of_identifier_is_classified(text: str, expected: tuple[str, str]) -> None:
    assert expected in kinds(text)


def test_an_age_over_89_is_flagged_as_identifying_on_its_own() -> None:
    (old,) = classify_text("a 93-year-old")
    (young,) = classify_text("a 54-year-old")
    assert old.category == young.category == "age_or_sex"
    assert "over 89" in old.label and "over 89" not in young.label


@pytest.mark.parametrize(
    "text", ["CVP:3/1 D.F:2", "Zm:x1.2", "00:32:26", "Norda Camera 4.2.118", "Comment: FOLLOW UP"]
)
def test_settings_timers_and_versions_are_not_identifiers(text: str) -> None:
    assert classify_text(text) == []


def test_overlapping_hits_keep_the_most_identifying() -> None:
    hits = classify_text("SEX M AGE 69")
    assert [(h.category, h.text) for h in hits] == [("age_or_sex", "M"), ("age_or_sex", "AGE 69")]


def test_mr_before_an_examination_is_the_modality_not_a_title() -> None:
    assert kinds("MR MR LUMBAR SPINE") == []
    assert kinds("MR SMITH") == [("patient_name", "MR SMITH")]
