"""An argparse parser whose errors are one line and exit with status 2."""

from __future__ import annotations

import argparse
from typing import NoReturn

from safeshare.errors import UsageError

__all__ = ["Parser"]


class Parser(argparse.ArgumentParser):
    """Raises UsageError instead of printing usage and exiting, so main() reports one line."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")
