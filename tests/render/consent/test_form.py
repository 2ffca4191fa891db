"""The consent form: every variant renders, ticks show where consent was given, bytes are stable."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from safeshare.model.facts import make_facts
from safeshare.render.consent.form import as_drawn, draw_consent_form, render_consent_form
from safeshare.render.consent.layout import consent_date
from safeshare.taxonomy.consent import (
    Capacity,
    ConsentForm,
    ConsentRecord,
    PatientStatus,
    Purpose,
)

FACTS = make_facts(random.Random(3), {"consent.recording": "Endoscopy images of a polyp"})
FULL = ConsentRecord(
    form=ConsentForm.WRITTEN,
    purposes=(Purpose.RECORDS, Purpose.SOCIAL_MEDIA),
    platforms=("Instagram",),
    public_visibility_explained=True,
    loss_of_control_explained=True,
    date="14/06/2024",
    notes="Happy for the image to be used.",
)
VARIANTS = {
    "full": FULL,
    "journal_only": ConsentRecord(form=ConsentForm.WRITTEN, purposes=(Purpose.JOURNAL,)),
    "verbal": ConsentRecord(
        form=ConsentForm.VERBAL, purposes=(Purpose.TEACHING,), capacity=Capacity.LACKING
    ),
    "withdrawn": ConsentRecord(
        form=ConsentForm.WRITTEN, purposes=(Purpose.SOCIAL_MEDIA,), withdrawn=True
    ),
    "child": ConsentRecord(
        form=ConsentForm.WRITTEN, patient_status=PatientStatus.CHILD, consented_by="parent"
    ),
    "deceased": ConsentRecord(
        form=ConsentForm.WRITTEN, patient_status=PatientStatus.DECEASED, consented_by="ward sister"
    ),
    "none": ConsentRecord(form=ConsentForm.NONE, notes="Will ask about photos at clinic."),
}


def _ink(image: Image.Image, box: tuple[int, int, int, int]) -> int:
    """Pixels of blue-black ink inside a box, grown a little (a tick overshoots its box)."""
    x, y, w, h = box
    a = np.asarray(image.convert("RGB").crop((x - 3, y - 6, x + w + 6, y + h + 3))).astype(int)
    return int(((a[..., 2] > a[..., 0] + 40) & (a.sum(axis=2) < 400)).sum())


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_each_variant_renders_deterministically(tmp_path: Path, name: str) -> None:
    record = VARIANTS[name]
    a, b = tmp_path / "a.png", tmp_path / "b.png"
    size = render_consent_form(record, FACTS, a, rng=random.Random(7))
    render_consent_form(record, FACTS, b, rng=random.Random(7))
    assert a.read_bytes() == b.read_bytes()
    with Image.open(a) as im:
        assert im.size == size
        assert im.width > 800 and im.height > 400


def test_ticked_boxes_hold_ink_and_unticked_do_not() -> None:
    drawing = draw_consent_form(FULL, FACTS, rng=random.Random(1))
    boxes = drawing.tick_boxes
    assert boxes["purpose.social_media"].ticked and not boxes["purpose.journal"].ticked
    assert boxes["explained.public_visibility"].ticked and boxes["capacity.has"].ticked
    assert not boxes["capacity.lacks"].ticked and boxes["signer.patient"].ticked
    for key, tick in boxes.items():
        ink = _ink(drawing.image, tick.box)
        assert (ink > 25) == tick.ticked, (key, ink)


def test_the_boxes_follow_the_record() -> None:
    record = ConsentRecord(
        form=ConsentForm.WRITTEN,
        purposes=(Purpose.TEACHING,),
        capacity=Capacity.NOT_ASSESSED,
        voluntary=False,
        patient_status=PatientStatus.CHILD,
        consented_by="aunt",
    )
    boxes = draw_consent_form(record, FACTS, rng=random.Random(2)).tick_boxes
    ticked = {k for k, b in boxes.items() if b.ticked}
    assert ticked == {"purpose.teaching", "status.child", "signer.other"}


def test_withdrawn_form_carries_a_red_stamp() -> None:
    def red(record: ConsentRecord) -> int:
        a = np.asarray(draw_consent_form(record, FACTS, rng=random.Random(1)).image).astype(int)
        return int(((a[..., 0] > 150) & (a[..., 1] < 120) & (a[..., 2] < 120)).sum())

    assert red(VARIANTS["withdrawn"]) > red(VARIANTS["journal_only"]) + 5000


def test_no_consent_gives_clinical_notes_without_tick_boxes() -> None:
    drawing = draw_consent_form(VARIANTS["none"], FACTS, rng=random.Random(1))
    assert drawing.tick_boxes == {}
    assert drawing.image.height < draw_consent_form(FULL, FACTS, rng=random.Random(1)).image.height


def test_long_unicode_notes_grow_the_form() -> None:
    long_notes = ("Discussed with Siân’s mother · agreed only for teaching. " * 20) + "x" * 400
    short = draw_consent_form(FULL, FACTS, rng=random.Random(1)).image
    record = ConsentRecord(
        form=ConsentForm.VERBAL,
        purposes=FULL.purposes,
        platforms=("A platform with a very long name " * 6,),
        consented_by="a neighbour who happened to be visiting " * 3,
        notes=long_notes,
    )
    tall = draw_consent_form(record, FACTS, rng=random.Random(1)).image
    assert tall.height > short.height + 100
    none = ConsentRecord(form=ConsentForm.NONE, notes=long_notes)
    assert draw_consent_form(none, FACTS, rng=random.Random(1)).image.height > 600


def test_a_form_signed_in_life_shows_the_patient_as_an_adult_then() -> None:
    """The patient signed before dying: the status ticked is adult; the death is annotated."""
    record = ConsentRecord(
        form=ConsentForm.WRITTEN, patient_status=PatientStatus.DECEASED, consented_by="patient"
    )
    boxes = draw_consent_form(record, FACTS, rng=random.Random(1)).tick_boxes
    assert boxes["status.adult"].ticked and not boxes["status.deceased"].ticked
    by_kin = ConsentRecord(
        form=ConsentForm.WRITTEN, patient_status=PatientStatus.DECEASED, consented_by="next of kin"
    )
    boxes = draw_consent_form(by_kin, FACTS, rng=random.Random(1)).tick_boxes
    assert boxes["status.deceased"].ticked and boxes["signer.next of kin"].ticked


def test_the_text_version_carries_the_date_the_form_shows() -> None:
    undated = ConsentRecord(form=ConsentForm.WRITTEN, purposes=(Purpose.TEACHING,))
    drawn = as_drawn(undated, FACTS)
    assert drawn.date == consent_date(undated, FACTS) == f"{FACTS.procedure_at:%d/%m/%Y}"
    assert dataclasses.replace(drawn, date="") == undated
    assert as_drawn(FULL, FACTS) is FULL  # a dated record keeps its own date
    assert as_drawn(VARIANTS["none"], FACTS).date == ""  # clinical notes are not a dated form
