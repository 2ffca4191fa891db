"""Consent: the elements valid consent to a social-media post needs, and the gaps.

A case's consent record is structured (what form, what scope, what was explained,
capacity, voluntariness, withdrawal, who consented); the gaps are derived from
it by rule, so nobody lists them by hand and they always agree with the record.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "CONSENT_GAPS",
    "Capacity",
    "ConsentForm",
    "ConsentGap",
    "ConsentRecord",
    "PatientStatus",
    "Purpose",
    "consent_gap",
    "gaps_in",
]


@dataclass(frozen=True, slots=True)
class ConsentGap:
    """One way consent can fall short of what sharing on social media needs."""

    id: str
    label: str
    description: str
    guidance: tuple[str, ...]


_ALL = [
    ConsentGap(
        "no_consent_recorded",
        "No consent recorded",
        "Nothing in the notes shows the patient agreed to the image being shared.",
        ("gmc_recordings_36_38", "seed_box1_consent"),
    ),
    ConsentGap(
        "verbal_only",
        "Verbal consent only",
        "Consent was spoken, not written: consent for public media should usually be in "
        "writing, with the record kept with the recording.",
        ("gmc_recordings_37", "gmc_recordings_24"),
    ),
    ConsentGap(
        "scope_excludes_social_media",
        "Consent does not cover social media",
        "The patient agreed to records, teaching or a journal article, not to a public post: "
        "consent for one purpose does not extend to another.",
        ("consent_journal_scope", "seed_box1_consent"),
    ),
    ConsentGap(
        "platforms_not_named",
        "Platforms not named",
        "The form does not name the platforms the image will appear on.",
        ("seed_box1_consent",),
    ),
    ConsentGap(
        "public_visibility_not_explained",
        "Public visibility not explained",
        "Nothing shows the patient was told the post is visible to anyone, worldwide.",
        ("seed_box1_consent", "seed_montgomery_social_media", "montgomery"),
    ),
    ConsentGap(
        "loss_of_control_not_explained",
        "Loss of control not explained",
        "Nothing shows the patient was told the image cannot be recalled once shared.",
        ("seed_box1_consent", "seed_montgomery_social_media", "montgomery"),
    ),
    ConsentGap(
        "capacity_not_established",
        "Capacity not established",
        "Consent was taken when the patient was unlikely to have capacity for this decision "
        "(under sedation, confused) or capacity was not assessed: ask again when they can "
        "decide.",
        ("mca_2005",),
    ),
    ConsentGap(
        "not_voluntary",
        "Not voluntary",
        "The patient was pressed, or agreement was a condition of care: consent must be freely "
        "given.",
        ("gmc_consent_withdrawal", "seed_box1_consent"),
    ),
    ConsentGap(
        "consent_withdrawn",
        "Consent withdrawn",
        "The patient withdrew consent: the image must not be shared, and existing posts should "
        "come down.",
        ("gmc_consent_withdrawal",),
    ),
    ConsentGap(
        "right_person_not_asked",
        "The right person did not consent",
        "For a child who cannot consent, a person with parental responsibility decides; after "
        "death confidentiality continues and the family's view matters.",
        ("gillick", "gmc_after_death"),
    ),
]

CONSENT_GAPS: dict[str, ConsentGap] = {g.id: g for g in _ALL}


def consent_gap(gap_id: str) -> ConsentGap:
    """Return the consent gap with this id (KeyError names the unknown id)."""
    try:
        return CONSENT_GAPS[gap_id]
    except KeyError:
        raise KeyError(f"unknown consent gap {gap_id!r}") from None


class ConsentForm(StrEnum):
    """How consent was recorded."""

    NONE = "none"
    VERBAL = "verbal"
    WRITTEN = "written"


class Purpose(StrEnum):
    """What the patient agreed the image could be used for."""

    RECORDS = "records"
    TEACHING = "teaching"
    JOURNAL = "journal"
    SOCIAL_MEDIA = "social_media"


class Capacity(StrEnum):
    """What the record says about the patient's capacity when consenting."""

    ASSESSED = "assessed"
    NOT_ASSESSED = "not_assessed"
    LACKING = "lacking"


class PatientStatus(StrEnum):
    """Who the patient is, for deciding who can consent."""

    ADULT = "adult"
    CHILD = "child"
    DECEASED = "deceased"


@dataclass(frozen=True, slots=True, kw_only=True)
class ConsentRecord:
    """What the notes show about consent to share the image."""

    form: ConsentForm = ConsentForm.NONE
    """None, verbal or written."""
    purposes: tuple[Purpose, ...] = ()
    """Uses the patient agreed to."""
    platforms: tuple[str, ...] = ()
    """Platforms named on the form (empty: none named)."""
    public_visibility_explained: bool = False
    """The form says the post is visible to anyone."""
    loss_of_control_explained: bool = False
    """The form says the image cannot be recalled once shared."""
    capacity: Capacity = Capacity.ASSESSED
    """Capacity at the time of consent."""
    voluntary: bool = True
    """Freely given, with no pressure."""
    withdrawn: bool = False
    """Consent was later withdrawn."""
    patient_status: PatientStatus = PatientStatus.ADULT
    """Adult, child or deceased."""
    consented_by: str = "patient"
    """Who signed: 'patient', 'parent', 'next of kin' or a description."""
    date: str = ""
    """Date the consent was recorded (display only)."""
    notes: str = ""
    """Free text from the record, shown on the form."""


def _right_person(record: ConsentRecord) -> bool:
    if record.patient_status is PatientStatus.CHILD:
        return record.consented_by in ("parent", "guardian")
    if record.patient_status is PatientStatus.DECEASED:
        return record.consented_by in ("next of kin",)
    return True


def gaps_in(record: ConsentRecord) -> tuple[str, ...]:
    """The consent gaps a record shows, in the taxonomy's order.

    No record at all is one gap; a withdrawal ends the matter whatever was
    agreed; otherwise every element a social-media consent needs is checked.
    """
    if record.form is ConsentForm.NONE:
        return ("no_consent_recorded",)
    if record.withdrawn:
        return ("consent_withdrawn",)
    gaps: list[str] = []
    if record.form is ConsentForm.VERBAL:
        gaps.append("verbal_only")
    if Purpose.SOCIAL_MEDIA not in record.purposes:
        gaps.append("scope_excludes_social_media")
    if not record.platforms:
        gaps.append("platforms_not_named")
    if not record.public_visibility_explained:
        gaps.append("public_visibility_not_explained")
    if not record.loss_of_control_explained:
        gaps.append("loss_of_control_not_explained")
    if record.capacity is not Capacity.ASSESSED:
        gaps.append("capacity_not_established")
    if not record.voluntary:
        gaps.append("not_voluntary")
    if not _right_person(record):
        gaps.append("right_person_not_asked")
    return tuple(gaps)
