"""A module page without a browser: the name box, exercises, self-check, reflection, panels."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, ClassVar

import ipywidgets as widgets
import pytest
import traitlets

import safeshare.widgets
from safeshare.course.learner import Learner
from safeshare.course.modules import MODULES, module
from safeshare.course.page import ModulePage, open_module
from safeshare.course.progress import read_progress
from safeshare.course.questions import questions_for


class FakeExercise(widgets.VBox):  # type: ignore[misc]
    """Stands in for safeshare.widgets.Exercise: a feedback trait set by Check."""

    feedback = traitlets.Dict().tag(sync=True)
    made: ClassVar[list[tuple[str, int, Path]]] = []

    def __init__(self, case_id: str, *, seed: int, answers_dir: Path) -> None:
        super().__init__()
        self.case_id = case_id
        FakeExercise.made.append((case_id, seed, Path(answers_dir)))

    def check(self, score: float) -> None:
        self.feedback = {"score": score, "percent": round(score * 100)}


@pytest.fixture
def fake_exercise(monkeypatch: pytest.MonkeyPatch) -> type[FakeExercise]:
    FakeExercise.made = []
    monkeypatch.setattr(safeshare.widgets, "Exercise", FakeExercise)
    return FakeExercise


def page(tmp_path: Path, module_id: str = "02", **env: str) -> ModulePage:
    return open_module(module_id, root=tmp_path, environ=env, show=False)


def html_of(widget: Any) -> str:
    """All HTML text inside a widget tree."""
    parts = [widget.value] if isinstance(widget, widgets.HTML) else []
    for child in getattr(widget, "children", ()):
        parts.append(html_of(child))
    return "\n".join(parts)


def test_without_a_name_nothing_is_saved_and_exercises_wait(
    tmp_path: Path, fake_exercise: type[FakeExercise]
) -> None:
    p = page(tmp_path)
    slot = p.exercise("E05")
    quiz = p.self_check()
    box = p.reflection()
    assert p.learner is None and p.store is None
    assert "give your name" in html_of(slot)
    assert fake_exercise.made == []
    radios = [w for w in quiz.children if isinstance(w, widgets.VBox)]
    assert all(r.children[1].disabled for r in radios)
    assert box.children[1].disabled
    assert not (tmp_path / "learners").exists()


def test_giving_a_name_opens_the_store_and_fills_the_exercises(
    tmp_path: Path, fake_exercise: type[FakeExercise]
) -> None:
    p = page(tmp_path)
    slot = p.exercise("E05")
    header = p.header()
    name_bar = header.children[1]
    text, start = name_bar.children[0].children
    text.value = "Dr Anna Smith"
    start.click()
    assert p.learner == Learner("Dr Anna Smith", "dr-anna-smith")
    assert fake_exercise.made == [
        ("E05", 1, tmp_path / "learners" / "dr-anna-smith" / "answers" / "02")
    ]
    assert isinstance(slot.children[0], FakeExercise)
    progress = read_progress(tmp_path / "learners" / "dr-anna-smith" / "progress.json")
    assert [e.kind for e in progress.modules["02"].events] == ["open"]
    assert "Working as" in html_of(name_bar)


def test_a_blank_name_says_so(tmp_path: Path) -> None:
    p = page(tmp_path)
    name_bar = p.header().children[1]
    text, start = name_bar.children[0].children
    text.value = "   "
    start.click()
    assert p.learner is None and "blank" in html_of(name_bar)


def test_the_address_names_the_learner(tmp_path: Path, fake_exercise: type[FakeExercise]) -> None:
    p = page(tmp_path, QUERY_STRING="learner=anna-smith")
    assert p.learner is not None and p.learner.code == "anna-smith"
    p.exercise("E05")
    assert fake_exercise.made[0][2].parent.parent.name == "anna-smith"


def test_check_records_the_score(tmp_path: Path, fake_exercise: type[FakeExercise]) -> None:
    p = page(tmp_path, SAFESHARE_LEARNER="anna")
    slot = p.exercise("E05")
    exercise = slot.children[0]
    exercise.check(0.4)
    exercise.check(0.8)
    exercise.feedback = {}  # the learner changes a mark: feedback cleared, nothing recorded
    record = read_progress(p.store.path).modules["02"]  # type: ignore[union-attr]
    assert record.exercises["E05"].best == 0.8 and record.exercises["E05"].attempts == 2
    assert "best <b>80%</b>" in html_of(slot)


def test_quiz_gives_instant_feedback_and_records_first_answer(tmp_path: Path) -> None:
    p = page(tmp_path, SAFESHARE_LEARNER="anna")
    quiz = p.self_check()
    views = [w for w in quiz.children if isinstance(w, widgets.VBox)]
    first = questions_for("02")[0]
    radio, feedback = views[0].children[1], views[0].children[2]
    wrong = next(c for i, c in enumerate(first.choices) if i != first.answer)
    radio.value = wrong
    assert "Not quite" in feedback.value and first.choices[first.answer] in feedback.value
    radio.value = first.choices[first.answer]
    assert "Right." in feedback.value
    saved = read_progress(p.store.path).modules["02"].quiz[first.id]  # type: ignore[union-attr]
    assert saved.first_correct is False and saved.correct is True and saved.attempts == 2


def test_quiz_restores_saved_answers_without_recording_again(tmp_path: Path) -> None:
    p = page(tmp_path, SAFESHARE_LEARNER="anna")
    views = [w for w in p.self_check().children if isinstance(w, widgets.VBox)]
    q = questions_for("02")[0]
    views[0].children[1].value = q.choices[q.answer]
    again = page(tmp_path, SAFESHARE_LEARNER="anna")
    views = [w for w in again.self_check().children if isinstance(w, widgets.VBox)]
    assert views[0].children[1].value == q.choices[q.answer]
    assert "Right." in views[0].children[2].value
    record = read_progress(again.store.path).modules["02"]  # type: ignore[union-attr]
    assert record.quiz[q.id].attempts == 1


def test_learner_text_is_escaped(tmp_path: Path) -> None:
    p = page(tmp_path, SAFESHARE_LEARNER="<img src=x onerror=alert(1)>")
    bar = html_of(p.header())
    assert "<img" not in bar and "&lt;img" in bar


def test_reflection_saves_and_comes_back(tmp_path: Path) -> None:
    p = page(tmp_path, SAFESHARE_LEARNER="anna")
    box = p.reflection()
    text, buttons = box.children[1], box.children[2]
    save, status = buttons.children
    save.click()
    assert "Write something first" in status.value
    text.value = "I will wait a few weeks before posting."
    save.click()
    assert "Saved" in status.value
    again = page(tmp_path, SAFESHARE_LEARNER="anna").reflection()
    assert again.children[1].value == "I will wait a few weeks before posting."


def test_module_completes_when_everything_is_done(
    tmp_path: Path, fake_exercise: type[FakeExercise]
) -> None:
    p = page(tmp_path, "04", SAFESHARE_LEARNER="anna")
    mod = module("04")
    slots = [p.exercise(c) for c in mod.cases]
    panel = p.progress()
    for q in questions_for("04"):
        p.record_quiz(q.id, choice="x", correct=True)
    p.save_reflection("Read it as a stranger would.")
    assert "in progress" in html_of(panel)
    for slot in slots:
        slot.children[0].check(1.0)
    record = read_progress(p.store.path).modules["04"]  # type: ignore[union-attr]
    assert record.completed_at
    assert "complete" in html_of(panel) and "1 of 9 modules complete" in html_of(panel)
    assert "learner=anna" in html_of(panel)


def test_changing_learner_switches_every_widget(
    tmp_path: Path, fake_exercise: type[FakeExercise]
) -> None:
    p = page(tmp_path, SAFESHARE_LEARNER="anna")
    box = p.reflection()
    slot = p.exercise("E05")
    p.save_reflection("Anna's thoughts")
    p.set_learner(Learner.from_name("Ben"))
    box.children[0]  # header
    assert box.children[1].value == ""
    assert fake_exercise.made[-1][2] == tmp_path / "learners" / "ben" / "answers" / "02"
    slot.children[0].check(0.5)
    assert (
        "E05"
        not in read_progress(tmp_path / "learners" / "anna" / "progress.json")
        .modules["02"]
        .exercises
    )
    assert read_progress(tmp_path / "learners" / "ben" / "progress.json").modules["02"].exercises


def test_a_missing_case_says_so_instead_of_failing(tmp_path: Path) -> None:
    p = page(tmp_path, SAFESHARE_LEARNER="anna")
    slot = p.exercise("Z99")
    assert "cannot be shown" in html_of(slot)


def test_a_damaged_progress_file_is_set_aside_and_the_learner_warned(tmp_path: Path) -> None:
    folder = tmp_path / "learners" / "anna"
    folder.mkdir(parents=True)
    (folder / "progress.json").write_text("{broken", encoding="utf-8")
    p = page(tmp_path, SAFESHARE_LEARNER="anna")
    assert "damaged" in html_of(p.header())
    assert read_progress(folder / "progress.json").modules["02"].events
    assert list(folder.glob("progress.json.damaged-*"))


def test_course_map_links_keep_the_code(tmp_path: Path) -> None:
    p = page(tmp_path, "00")
    assert "Give your name" in html_of(p.course_map())
    p = page(tmp_path, "00", SAFESHARE_LEARNER="Zoë O'Brien")
    text = html_of(p.course_map())
    for mod in MODULES:
        assert f"{mod.notebook}?learner=zoe-o-brien" in text


class StepClock:
    def __init__(self) -> None:
        self.now = dt.datetime(2025, 3, 4, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def test_capstone_cases_wait_for_start_and_the_result_shows(
    tmp_path: Path, fake_exercise: type[FakeExercise]
) -> None:
    clock = StepClock()
    p = ModulePage(module("08"), root=tmp_path, environ={"SAFESHARE_LEARNER": "anna"}, clock=clock)
    timer = p.capstone_timer(minutes=30)
    slots = [p.exercise(c) for c in p.module.cases]
    assert "press Start" in html_of(slots[0]) and fake_exercise.made == []
    start, finish, _clock = timer.children[1].children
    assert finish.disabled and not start.disabled
    start.click()
    assert all(isinstance(s.children[0], FakeExercise) for s in slots)
    assert start.disabled and not finish.disabled
    slots[0].children[0].check(1.0)
    slots[1].children[0].check(0.5)
    clock.now += dt.timedelta(minutes=12)
    finish.click()
    result = html_of(timer)
    assert "25%" in result  # (1.0 + 0.5) / 6 cases
    assert "12 min 00 s" in result and "over the suggested time" not in result
    assert finish.disabled


def test_capstone_keeps_its_clock_across_a_reload(
    tmp_path: Path, fake_exercise: type[FakeExercise]
) -> None:
    clock = StepClock()
    env = {"SAFESHARE_LEARNER": "anna"}
    first = ModulePage(module("08"), root=tmp_path, environ=env, clock=clock)
    first.capstone_timer(minutes=30).children[1].children[0].click()
    clock.now += dt.timedelta(minutes=5)
    again = ModulePage(module("08"), root=tmp_path, environ=env, clock=clock)
    timer = again.capstone_timer(minutes=30)
    assert again.capstone_started()
    assert timer.children[2].value == 300 and "25:00" in html_of(timer)


def test_certificate_box_offers_a_pdf_download(tmp_path: Path) -> None:
    p = page(tmp_path, "00", SAFESHARE_LEARNER="anna")
    box = p.certificate()
    button, link = box.children[1].children
    button.click()
    assert "data:application/pdf;base64," in link.value and "download=" in link.value
    assert (tmp_path / "learners" / "anna" / "cpd-certificate.pdf").read_bytes().startswith(b"%PDF")


def test_progress_file_is_plain_json_per_learner(tmp_path: Path) -> None:
    page(tmp_path, SAFESHARE_LEARNER="anna").save_reflection("x")
    page(tmp_path, SAFESHARE_LEARNER="ben")
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("progress.json"))
    assert files == ["learners/anna/progress.json", "learners/ben/progress.json"]
    data = json.loads((tmp_path / "learners" / "anna" / "progress.json").read_text())
    assert data["modules"]["02"]["reflection"] == "x"


def test_certificate_box_tells_the_learner_when_the_copy_cannot_be_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = page(tmp_path, "00", SAFESHARE_LEARNER="anna")
    box = p.certificate()
    button, link = box.children[1].children

    def full_disk(path: Path, data: bytes) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("safeshare.course.certificate_box.write_bytes_atomic", full_disk)
    button.click()
    assert "data:application/pdf;base64," in link.value
    assert "could not be saved (No space left on device)" in link.value
    assert not (tmp_path / "learners" / "anna" / "cpd-certificate.pdf").exists()
