"""Fictional NHS numbers: start with 999 (a range used for testing) and pass Modulus 11."""

from __future__ import annotations

import random

__all__ = ["is_valid_nhs_number", "nhs_number"]


def _check_digit(first_nine: str) -> int | None:
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def is_valid_nhs_number(number: str) -> bool:
    """True for ten digits (spaces allowed) whose last digit is the Modulus 11 check digit."""
    digits = number.replace(" ", "")
    if len(digits) != 10 or not digits.isdigit():
        return False
    return _check_digit(digits[:9]) == int(digits[9])


def nhs_number(rng: random.Random) -> str:
    """A ten-digit NHS number in the 999 test range that passes Modulus 11."""
    while True:
        first_nine = "999" + "".join(str(rng.randrange(10)) for _ in range(6))
        check = _check_digit(first_nine)
        if check is not None:
            return first_nine + str(check)
