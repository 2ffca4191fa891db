"""An argparse parser whose errors are one line and exit with status 2."""

from __future__ import annotations

import argparse
from typing import NoReturn

from safeshare.errors import UsageError

__all__ = ["Parser", "seed_number"]


class Parser(argparse.ArgumentParser):
    """Raises UsageError instead of printing usage and exiting, so main() reports one line."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def seed_number(text: str) -> int:
    """A variant seed: a whole number, 0 or more (answers cannot name a negative one)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"seed must be a whole number, not {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"seed must be 0 or more, not {value}")
    return value
