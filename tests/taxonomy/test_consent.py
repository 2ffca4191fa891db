"""Consent gaps follow from the consent record by rule."""

from __future__ import annotations

from safeshare.taxonomy import (
    CONSENT_GAPS,
    Capacity,
    ConsentForm,
    ConsentRecord,
    PatientStatus,
    Purpose,
    gaps_in,
)

COMPLETE = ConsentRecord(
    form=ConsentForm.WRITTEN,
    purposes=(Purpose.TEACHING, Purpose.SOCIAL_MEDIA),
    platforms=("Chirp", "Lens"),
    public_visibility_explained=True,
    loss_of_control_explained=True,
)


def test_complete_social_media_consent_has_no_gaps() -> None:
    assert gaps_in(COMPLETE) == ()


def test_no_record_is_one_gap() -> None:
    assert gaps_in(ConsentRecord()) == ("no_consent_recorded",)


def test_journal_consent_does_not_cover_social_media() -> None:
    record = ConsentRecord(form=ConsentForm.WRITTEN, purposes=(Purpose.JOURNAL,))
    assert gaps_in(record) == (
        "scope_excludes_social_media",
        "platforms_not_named",
        "public_visibility_not_explained",
        "loss_of_control_not_explained",
    )


def test_withdrawal_ends_the_matter() -> None:
    record = ConsentRecord(
        form=COMPLETE.form,
        purposes=COMPLETE.purposes,
        platforms=COMPLETE.platforms,
        public_visibility_explained=True,
        loss_of_control_explained=True,
        withdrawn=True,
    )
    assert gaps_in(record) == ("consent_withdrawn",)


def test_capacity_voluntariness_and_verbal() -> None:
    record = ConsentRecord(
        form=ConsentForm.VERBAL,
        purposes=(Purpose.SOCIAL_MEDIA,),
        platforms=("Chirp",),
        public_visibility_explained=True,
        loss_of_control_explained=True,
        capacity=Capacity.LACKING,
        voluntary=False,
    )
    assert gaps_in(record) == ("verbal_only", "capacity_not_established", "not_voluntary")


def test_child_needs_a_parent_and_deceased_needs_next_of_kin() -> None:
    child = ConsentRecord(
        form=COMPLETE.form,
        purposes=COMPLETE.purposes,
        platforms=COMPLETE.platforms,
        public_visibility_explained=True,
        loss_of_control_explained=True,
        patient_status=PatientStatus.CHILD,
        consented_by="patient",
    )
    assert gaps_in(child) == ("right_person_not_asked",)
    parent = ConsentRecord(**{**_fields(child), "consented_by": "parent"})
    assert gaps_in(parent) == ()
    deceased = ConsentRecord(**{**_fields(child), "patient_status": PatientStatus.DECEASED})
    assert gaps_in(deceased) == ("right_person_not_asked",)


def test_every_gap_can_arise() -> None:
    records = [
        ConsentRecord(),
        ConsentRecord(form=ConsentForm.VERBAL, withdrawn=True),
        ConsentRecord(
            form=ConsentForm.VERBAL,
            capacity=Capacity.NOT_ASSESSED,
            voluntary=False,
            patient_status=PatientStatus.CHILD,
        ),
    ]
    seen = {gap for record in records for gap in gaps_in(record)}
    assert seen == set(CONSENT_GAPS)


def _fields(record: ConsentRecord) -> dict[str, object]:
    return {name: getattr(record, name) for name in record.__dataclass_fields__}
