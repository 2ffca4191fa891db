from __future__ import annotations

import datetime as dt
import random

import pytest

from safeshare.model.facts import make_facts


def test_same_seed_same_facts_other_seed_other_facts() -> None:
    a = make_facts(random.Random(5))
    b = make_facts(random.Random(5))
    c = make_facts(random.Random(6))
    assert a.values == b.values
    assert a.values != c.values


def test_overrides_are_respected_and_dob_agrees_with_age() -> None:
    facts = make_facts(random.Random(1), {"patient.age": 94, "patient.sex": "M"})
    assert facts["patient.age"] == "94"
    assert facts["patient.sex"] == "M"
    dob = dt.datetime.strptime(facts["patient.dob"], "%d/%m/%Y").date()
    on = facts.procedure_at.date()
    age = on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))
    assert age == 94


def test_unknown_fact_names_the_known_ones() -> None:
    facts = make_facts(random.Random(1))
    with pytest.raises(KeyError, match=r"patient\.age"):
        facts["patient.shoe_size"]


def test_numbers_are_from_fictional_ranges() -> None:
    for seed in range(20):
        facts = make_facts(random.Random(seed))
        assert facts["patient.phone"].startswith("07700 900")
        assert facts["patient.postcode"].startswith("QX")
        assert facts["patient.nhs_number"].startswith("999")
