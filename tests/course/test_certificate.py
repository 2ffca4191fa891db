"""The CPD certificate: a real PDF, A4, not blank, with the reflections; no progress, no PDF."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from safeshare.course.certificate import certificate_pdf, find_progress, write_certificate
from safeshare.course.learner import Learner
from safeshare.course.modules import MODULES
from safeshare.course.progress import Progress, ProgressStore
from safeshare.course.questions import questions_for
from safeshare.errors import ProgressError

PDFTOPPM = shutil.which("pdftoppm") or "/usr/bin/pdftoppm"
ISSUED = dt.date(2025, 3, 5)


def filled(root: Path, name: str = "Dr Zoë O'Brien", modules: int = 4) -> Progress:
    now = [dt.datetime(2025, 3, 4, 9, 0, tzinfo=dt.UTC)]

    def clock() -> dt.datetime:
        now[0] += dt.timedelta(minutes=2)
        return now[0]

    learner = Learner.from_name(name)
    store = ProgressStore(root / "learners" / learner.code, learner, clock=clock)
    for mod in MODULES[:modules]:
        store.record(mod.id, "open")
        for case in mod.cases:
            store.record_exercise(mod.id, case, 0.8)
        for q in questions_for(mod.id):
            store.record_quiz(mod.id, q.id, choice="x", correct=True)
        store.save_reflection(
            mod.id,
            f"Module {mod.id}: I will check the overlay, the file and "
            "the words before posting — and ask for consent in writing. 🙂",
        )
        store.mark_complete(mod.id)
    return store.load()


def to_png(pdf: Path, out: Path, dpi: int = 50) -> list[Path]:
    subprocess.run(
        [PDFTOPPM, "-r", str(dpi), "-png", str(pdf), str(out / "page")],
        check=True,
        capture_output=True,
    )
    return sorted(out.glob("page-*.png"))


def test_certificate_is_a_pdf_with_the_reflections(tmp_path: Path) -> None:
    data = certificate_pdf(filled(tmp_path), issued=ISSUED)
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert len(data) > 5000


def test_same_progress_and_date_give_the_same_pdf(tmp_path: Path) -> None:
    progress = filled(tmp_path)
    assert certificate_pdf(progress, issued=ISSUED) == certificate_pdf(progress, issued=ISSUED)


@pytest.mark.skipif(not Path(PDFTOPPM).exists(), reason="poppler-utils (pdftoppm) not installed")
def test_certificate_pages_are_a4_and_not_blank(tmp_path: Path) -> None:
    pdf = write_certificate(filled(tmp_path), tmp_path / "out" / "cert.pdf", issued=ISSUED)
    pages = to_png(pdf, tmp_path)
    assert len(pages) >= 2, "a front page and at least one page of reflections"
    for page in pages:
        image = Image.open(page).convert("L")
        width, height = image.size
        assert (
            abs(width - round(210 / 25.4 * 50)) <= 1 and abs(height - round(297 / 25.4 * 50)) <= 1
        )
        pixels = np.asarray(image, dtype=np.float32)
        ink = (pixels < 128).mean()
        assert 0.005 < ink < 0.5, f"{page.name}: ink share {ink:.4f}"
    front = np.asarray(Image.open(pages[0]).convert("RGB"), dtype=np.int16)
    band = front[:3, :, :].reshape(-1, 3).mean(axis=0)
    assert band[2] > band[0] + 40, "the accent band across the top is drawn"


def test_a_learner_with_no_progress_gets_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ProgressError, match="no progress yet for 'Nobody'"):
        find_progress("Nobody", tmp_path)
    with pytest.raises(ProgressError, match="no progress yet"):
        certificate_pdf(Progress(learner=Learner.from_name("Empty")))


def test_find_progress_accepts_the_data_learners_or_own_folder(tmp_path: Path) -> None:
    filled(tmp_path, "Anna Smith", modules=1)
    for folder in (tmp_path, tmp_path / "learners", tmp_path / "learners" / "anna-smith"):
        assert find_progress("Anna Smith", folder).learner.code == "anna-smith"
    assert find_progress("anna-smith", tmp_path).learner.name == "Anna Smith"


def test_find_progress_uses_safeshare_data_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filled(tmp_path, "Anna Smith", modules=1)
    monkeypatch.setenv("SAFESHARE_DATA", str(tmp_path))
    assert find_progress("Anna Smith").learner.code == "anna-smith"


def test_a_learner_folder_of_someone_else_is_not_used(tmp_path: Path) -> None:
    filled(tmp_path, "Anna Smith", modules=1)
    with pytest.raises(ProgressError):
        find_progress("Ben Jones", tmp_path / "learners" / "anna-smith")


def test_partial_progress_still_makes_a_certificate(tmp_path: Path) -> None:
    learner = Learner.from_name("Ben")
    store = ProgressStore(tmp_path / "ben", learner)
    store.record("00", "open")
    assert certificate_pdf(store.load(), issued=ISSUED).startswith(b"%PDF")


PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"


@pytest.mark.skipif(not Path(PDFTOTEXT).exists(), reason="poppler-utils (pdftotext) not installed")
def test_the_certificate_prints_the_typed_name_after_visits_by_course_link(
    tmp_path: Path,
) -> None:
    """Issue 12: modules reached by a link know only the folder code; the name typed stays."""
    progress = filled(tmp_path, name="Zoë Ó Briain", modules=1)
    by_link = Learner(name=progress.learner.code, code=progress.learner.code)
    ProgressStore(tmp_path / "learners" / by_link.code, by_link).record("02", "open")
    found = find_progress("zoe-o-briain", tmp_path)
    assert found.learner.name == "Zoë Ó Briain"
    pdf = write_certificate(found, tmp_path / "cert.pdf", issued=ISSUED)
    text = subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Zoë Ó Briain" in text
