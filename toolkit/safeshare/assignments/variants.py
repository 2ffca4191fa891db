"""Per-learner variants: a secret pool of seeds per item, a public choice among them.

Each item of a graded assignment has a small pool of variants. Variant i of an
item is rendered with the seed HMAC-SHA256(secret, assignment, item, i): only
the educator, who holds the secret, can render it again and so print its key.
Which variant a learner gets is chosen by a public hash of the learner id, so
the release (which holds every variant's assets, never a key) and the learner's
notebook can pick it without the secret, and the autograder picks the same one.

A released case.json carries the pool index as its `seed`, never the secret
seed; the learner's answer records that index, and grading checks it is the
learner's own.
"""

from __future__ import annotations

import hashlib
import hmac

from safeshare.assignments.secret import CourseSecret

__all__ = ["MAX_POOL", "learner_variant", "variant_seed", "variant_seeds"]

MAX_POOL = 26
"""At most this many variants per item. Every variant is in every learner's release (and
comes back with each submission), so a release grows with the pool: 8 (the default) keeps
about one learner in eight on each variant of an item at a few megabytes per variant."""
_SEED_MASK = 2**63 - 1


def variant_seed(secret: CourseSecret, *, assignment: str, item: str, index: int) -> int:
    """The secret render seed of variant `index` of an item (a non-negative 63-bit number)."""
    if not 0 <= index < MAX_POOL:
        raise ValueError(f"variant index must be from 0 to {MAX_POOL - 1} (got {index})")
    message = "\x1f".join(("safeshare-variant", assignment, item, str(index))).encode("utf-8")
    digest = hmac.new(secret.value, message, hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") & _SEED_MASK


def variant_seeds(secret: CourseSecret, *, assignment: str, item: str, pool: int) -> list[int]:
    """The seeds of the whole pool of an item, by index."""
    return [variant_seed(secret, assignment=assignment, item=item, index=i) for i in range(pool)]


def learner_variant(learner: str, *, assignment: str, item: str, pool: int) -> int:
    """The pool index of a learner's variant of an item: public, stable, spread evenly."""
    if not learner:
        raise ValueError("a learner id is needed to choose a variant")
    if not 1 <= pool <= MAX_POOL:
        raise ValueError(f"pool must be from 1 to {MAX_POOL} (got {pool})")
    message = "\x1f".join(("safeshare-learner", assignment, item, learner)).encode("utf-8")
    return int.from_bytes(hashlib.sha256(message).digest()[:8], "big") % pool
