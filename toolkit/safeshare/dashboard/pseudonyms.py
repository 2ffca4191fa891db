"""Learners on the projector without their names: a stable pseudonym per learner.

A pseudonym is a keyed hash of the learner's folder code with a key made when
the dashboard starts, so it stays the same through every refresh of one
session, cannot be worked out from a name by someone in the room, and means
nothing after the session. Names are shown only when the facilitator opts in,
in a panel meant for their own screen.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field

__all__ = ["Pseudonyms"]

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""No 0/O or 1/I: a pseudonym read aloud is not misheard."""


@dataclass
class Pseudonyms:
    """Learner code -> 'Learner K7QF', stable for this session, distinct for each learner."""

    key: bytes = field(default_factory=lambda: secrets.token_bytes(16))
    _given: dict[str, str] = field(default_factory=dict)

    def __call__(self, code: str) -> str:
        if code in self._given:
            return self._given[code]
        digest = hmac.new(self.key, code.encode("utf-8"), hashlib.sha256).digest()
        letters = "".join(_ALPHABET[b % len(_ALPHABET)] for b in digest)
        taken = set(self._given.values())
        for length in range(4, len(letters) + 1):
            label = f"Learner {letters[:length]}"
            if label not in taken:
                break
        self._given[code] = label
        return label
