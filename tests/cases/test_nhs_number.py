from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from safeshare.model.nhs_number import is_valid_nhs_number, nhs_number


@given(st.integers(min_value=0, max_value=2**32))
def test_generated_numbers_are_fictional_and_valid(seed: int) -> None:
    number = nhs_number(random.Random(seed))
    assert number.startswith("999")
    assert is_valid_nhs_number(number)


def test_known_check_digits() -> None:
    assert is_valid_nhs_number("943 476 5919")  # the NHS's published example
    assert not is_valid_nhs_number("943 476 5918")
    assert not is_valid_nhs_number("12345")
