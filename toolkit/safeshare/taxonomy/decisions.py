"""The decisions a learner makes about a post: share, de-identify, consent, or not."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DECISIONS", "Decision", "decision"]


@dataclass(frozen=True, slots=True)
class Decision:
    """One of the four decisions."""

    id: str
    label: str
    description: str


_ALL = [
    Decision(
        "share_as_is",
        "Share as it stands",
        "Nothing in the image, the file or the words identifies the patient, and any consent "
        "needed is in place.",
    ),
    Decision(
        "share_after_deidentification",
        "Share after de-identification",
        "The teaching point survives removing the identifiers; once they are removed, an image "
        "of the inside of the body may be used without consent, though for a public post "
        "seeking consent is still good practice.",
    ),
    Decision(
        "obtain_consent_first",
        "Obtain specific written consent first",
        "The patient is or may be identifiable even after de-identification (face, rarity, "
        "story): only specific written consent for social media makes sharing acceptable.",
    ),
    Decision(
        "do_not_share",
        "Do not share",
        "Consent was refused or withdrawn, or cannot be obtained from the right person: do not "
        "share, and remove what was posted.",
    ),
]

DECISIONS: dict[str, Decision] = {d.id: d for d in _ALL}


def decision(decision_id: str) -> Decision:
    """Return the decision with this id (KeyError names the unknown id)."""
    try:
        return DECISIONS[decision_id]
    except KeyError:
        raise KeyError(f"unknown decision {decision_id!r}") from None
