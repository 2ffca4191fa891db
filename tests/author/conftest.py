"""Fixtures: an educator's photo (a name in the pixels, GPS, a face), its draft, a saved case."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from safeshare.author import (
    AuthorDraft,
    merge_proposals,
    open_draft,
    propose_marks,
    save_case,
    start_draft,
    write_draft,
)
from tests.author.images import NAME, ward_label_photo


@pytest.fixture(scope="session")
def ward_photo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ward_label_photo(tmp_path_factory.mktemp("educator"))


@pytest.fixture(scope="session")
def proposed_draft(ward_photo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A draft of the ward photo with the checker's proposals, nothing decided yet."""
    work = tmp_path_factory.mktemp("drafts") / "A01"
    draft = start_draft(ward_photo, case_id="A01", work=work, title="Ward label")
    merge_proposals(draft, propose_marks(draft))
    write_draft(draft)
    return work


@pytest.fixture
def draft(proposed_draft: Path, tmp_path: Path) -> AuthorDraft:
    """A fresh copy of the proposed draft, to edit."""
    copy = tmp_path / "A01"
    shutil.copytree(proposed_draft, copy)
    return open_draft(copy)


def name_mark_id(draft: AuthorDraft) -> str:
    return next(m.id for m in draft.marks if NAME in m.text)


def face_mark_id(draft: AuthorDraft) -> str:
    return next(m.id for m in draft.marks if m.origin == "face")


def decide_safely(draft: AuthorDraft) -> AuthorDraft:
    """Paint a fictional name over the label, remove the face."""
    name = draft.mark(name_mark_id(draft))
    name.status, name.fill, name.category = "accepted", "name", "patient_name"
    draft.mark(face_mark_id(draft)).status = "removed"
    for mark in draft.marks:
        if mark.status == "proposed":  # anything else the checker reads there: looked at, harmless
            mark.status = "not_identifying"
    draft.post = "Lovely healing on the ward [[this morning|date_of_care]]."
    draft.decision_reason = "Blank the label and the face, strip the file's metadata first."
    write_draft(draft)
    return draft


@pytest.fixture(scope="session")
def saved_bank(proposed_draft: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bank holding A01, saved from the ward photo with the name painted and the face removed."""
    copy = tmp_path_factory.mktemp("saving") / "A01"
    shutil.copytree(proposed_draft, copy)
    bank = tmp_path_factory.mktemp("bank")
    save_case(decide_safely(open_draft(copy)), bank=bank)
    return bank
