"""Deterministic random streams: one per (seed, case, part), independent of each other.

Adding an asset or an optional part to a case does not shift the random
numbers any other part draws, so variants stay stable as specs grow.
"""

from __future__ import annotations

import hashlib
import random

import numpy as np

__all__ = ["derive_seed", "np_rng", "py_rng"]


def derive_seed(seed: int, *parts: str) -> int:
    """A 64-bit seed from a base seed and names, stable across machines and Python versions."""
    digest = hashlib.sha256(":".join([str(seed), *parts]).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")


def py_rng(seed: int, *parts: str) -> random.Random:
    return random.Random(derive_seed(seed, *parts))


def np_rng(seed: int, *parts: str) -> np.random.Generator:
    return np.random.default_rng(derive_seed(seed, *parts))
