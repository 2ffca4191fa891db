"""The Exercise model without a browser: saving, restoring, Check, Reveal, Reset, the code API."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from safeshare.errors import AnswerError
from safeshare.grade import load_answer
from safeshare.widgets import Exercise, GradedLaterError
from safeshare.widgets import exercise as exercise_module
from tests.widgets.case_folder import CASE_ID, SEED, key_of, make_case_folder


def answers_file(workdir: Path) -> Path:
    return workdir / "answers" / f"{CASE_ID}.json"


def name_box(folder: Path) -> tuple[int, int, int, int]:
    loc = key_of(folder).findings[0].location
    return loc.x, loc.y, loc.w, loc.h  # type: ignore[union-attr]


def page_sets(ex: Exercise, **values: Any) -> None:
    """What a change on the page does: set synced traits while not in the code API."""
    for name, value in values.items():
        setattr(ex, name, value)


def page_sends(ex: Exercise, action: str) -> None:
    ex._on_page_message(ex, {"action": action}, [])


def test_constructing_or_displaying_writes_nothing(workdir: Path, case_folder: Path) -> None:
    ex = Exercise.from_folder(case_folder)
    ex._repr_mimebundle_()
    assert not (workdir / "answers").exists()
    assert ex.answers_path == answers_file(workdir)
    assert ex.status["text"] == f"Your work is saved as you go to answers/{CASE_ID}.json"
    assert ex.marks == [] and ex.consent_gaps == [] and ex.decision == ""


def test_a_mark_saves_the_answer_through_save_answer(
    workdir: Path, case_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Path] = []
    real = exercise_module.save_answer

    def spy(answer: Any, path: Path) -> Path:
        calls.append(Path(path))
        return real(answer, path)

    monkeypatch.setattr(exercise_module, "save_answer", spy)
    ex = Exercise.from_folder(case_folder)
    mark = ex.mark_box("frame", *name_box(case_folder), "patient_name")
    assert mark == "m1"
    assert calls == [answers_file(workdir)]
    saved = load_answer(answers_file(workdir))
    assert (saved.case_id, saved.seed) == (CASE_ID, SEED)
    assert [f.category for f in saved.findings] == ["patient_name"]
    assert saved.updated is not None
    leftovers = [p.name for p in (workdir / "answers").iterdir() if p.name != f"{CASE_ID}.json"]
    assert leftovers == []  # the temp file was renamed into place
    assert ex.status["kind"] == "saved"


def test_every_kind_of_answer_is_saved_and_restored(workdir: Path, case_folder: Path) -> None:
    ex = Exercise.from_folder(case_folder)
    ex.mark_box("frame", *name_box(case_folder), "patient_name")
    words = ex.mark_text("text", "this morning's list", "date_of_care")
    ex.mark_field("photo", "GPSInfo", "exif_gps")
    ex.set_consent_gaps(["verbal_only", "platforms_not_named"])
    ex.decide("share_after_deidentification")
    ex.unmark(words)
    again = Exercise.from_folder(case_folder)
    assert [m["category"] for m in again.marks] == ["patient_name", "exif_gps"]
    assert again.consent_gaps == ["verbal_only", "platforms_not_named"]
    assert again.decision == "share_after_deidentification"
    assert again.answer == ex.answer
    assert again.status["text"] == f"Restored 2 marks from answers/{CASE_ID}.json"


def test_names_and_folders_keep_exercises_apart(
    workdir: Path, case_folder: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "my-answers"
    ex = Exercise.from_folder(case_folder, name="practice-1", answers_dir=elsewhere)
    ex.decide("do_not_share")
    assert (elsewhere / "practice-1.json").is_file()
    assert not (workdir / "answers").exists()
    with pytest.raises(ValueError, match="cannot name a file"):
        Exercise.from_folder(case_folder, name="../escape")


def test_a_file_for_another_case_is_refused_not_overwritten(
    workdir: Path, case_folder: Path
) -> None:
    target = answers_file(workdir)
    target.parent.mkdir()
    target.write_text(
        json.dumps(
            {
                "schema": 1,
                "case_id": "Z99",
                "seed": 1,
                "findings": [],
                "consent_gaps": [],
                "decision": None,
            }
        )
    )
    with pytest.raises(AnswerError, match=r"case Z99 .* not W01"):
        Exercise.from_folder(case_folder)
    assert "Z99" in target.read_text()


def test_page_changes_are_checked_normalised_and_saved(workdir: Path, case_folder: Path) -> None:
    ex = Exercise.from_folder(case_folder)
    start = ex.case.post.text.index("morning")  # type: ignore[union-attr]
    page_sets(
        ex,
        marks=[
            {
                "id": "p1",
                "category": "date_of_care",
                "location": {
                    "type": "span",
                    "asset": "post",
                    "field": "text",
                    "start": start + 1,
                    "end": start + 4,
                },
            },
            {
                "id": "p2",
                "category": "made_up",
                "location": {"type": "box", "asset": "frame", "x": 1, "y": 1, "w": 5, "h": 5},
            },
        ],
    )
    assert [m["id"] for m in ex.marks] == ["p1"]
    span = ex.marks[0]["location"]
    assert ex.case.post.text[span["start"] : span["end"]] == "morning's"  # type: ignore[union-attr]
    assert ex.status["kind"] == "error" and "unknown category 'made_up'" in ex.status["text"]
    assert len(load_answer(answers_file(workdir)).findings) == 1
    page_sets(ex, consent_gaps=["not_a_gap"])
    assert ex.consent_gaps == []
    page_sets(ex, decision="obtain_consent_first")
    assert load_answer(answers_file(workdir)).decision == "obtain_consent_first"


def test_check_colours_marks_and_lists_what_was_missed(workdir: Path, case_folder: Path) -> None:
    ex = Exercise.from_folder(case_folder)
    found = ex.mark_box("frame", *name_box(case_folder), "patient_name")
    partial = ex.mark_text("text", "this morning's list", "place")
    alarm = ex.mark_box("frame", 400, 150, 60, 60, "full_face")
    result = ex.check()
    assert 0 < result.score < 1
    by_mark = {i["mark_id"]: i["status"] for i in ex.feedback["items"] if i["mark_id"]}
    assert by_mark == {found: "found", partial: "partial", alarm: "false_alarm"}
    missed = [i for i in ex.feedback["items"] if i["status"] == "missed"]
    assert {i["category"] for i in missed} == {"date_of_care", "exif_gps", "reply_identifies"}
    assert all(i["explanation"] and i["remedy"] and i["guidance"] for i in missed)
    assert ex.feedback["percent"] == round(result.score * 100)
    assert ex.feedback["decision"]["expected"] == "share_after_deidentification"
    ex.decide("share_as_is")
    assert ex.feedback == {}  # feedback goes stale once the answer changes


def test_page_buttons_check_reveal_hide_reset(workdir: Path, case_folder: Path) -> None:
    ex = Exercise.from_folder(case_folder)
    page_sends(ex, "check")
    assert ex.feedback["counts"]["missed"] == len(key_of(case_folder).findings)
    assert not (workdir / "answers").exists()  # Check never writes
    page_sends(ex, "reveal")
    assert len(ex.revealed["findings"]) == len(key_of(case_folder).findings)
    assert ex.revealed["decoys"][0]["explanation"] == "Processor settings, not a person."
    page_sends(ex, "hide")
    assert ex.revealed == {}


def test_reset_clears_and_updates_the_file(workdir: Path, case_folder: Path) -> None:
    ex = Exercise.from_folder(case_folder)
    ex.reset()
    assert not (workdir / "answers").exists()  # nothing to clear, nothing written
    ex.mark_field("photo", "GPSInfo", "exif_gps")
    ex.decide("do_not_share")
    ex.check()
    page_sends(ex, "reset")
    assert (ex.marks, ex.consent_gaps, ex.decision, ex.feedback) == ([], [], "", {})
    saved = load_answer(answers_file(workdir))
    assert (saved.findings, saved.decision) == ((), None)
    assert Exercise.from_folder(case_folder).marks == []


def test_graded_release_has_no_check_or_reveal(workdir: Path, graded_folder: Path) -> None:
    ex = Exercise.from_folder(graded_folder)
    assert ex.graded and ex._case["graded"] is True
    ex.mark_field("photo", "GPSInfo", "exif_gps")
    assert answers_file(workdir).is_file()
    with pytest.raises(GradedLaterError, match="graded later"):
        ex.check()
    with pytest.raises(GradedLaterError):
        ex.reveal()
    page_sends(ex, "check")
    assert ex.status["kind"] == "error" and "graded later" in ex.status["text"]


def test_code_api_errors_are_clear(workdir: Path, case_folder: Path) -> None:
    ex = Exercise.from_folder(case_folder)
    with pytest.raises(ValueError, match="unknown category 'patient'"):
        ex.mark_box("frame", 1, 1, 10, 10, "patient")
    with pytest.raises(ValueError, match="not in 'text'"):
        ex.mark_text("text", "last Tuesday", "date_of_care")
    with pytest.raises(ValueError, match="no header field"):
        ex.mark_field("photo", "Artist", "exif_owner")
    with pytest.raises(ValueError, match="no mark 'm9'"):
        ex.unmark("m9")
    with pytest.raises(ValueError, match="unknown decision"):
        ex.decide("post_it")
    with pytest.raises(ValueError, match="give a case id"):
        Exercise()
    assert not (workdir / "answers").exists()  # refused input saves nothing


def test_the_same_mark_twice_is_kept_once(workdir: Path, case_folder: Path) -> None:
    ex = Exercise.from_folder(case_folder)
    first = ex.mark_field("photo", "GPSInfo", "exif_gps")
    assert ex.mark_field("photo", "GPSInfo", "exif_gps") == first
    assert len(ex.marks) == 1


def test_learner_id_comes_from_the_hub(
    workdir: Path, case_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "trainee7")
    ex = Exercise.from_folder(case_folder)
    ex.decide("do_not_share")
    assert load_answer(answers_file(workdir)).learner == "trainee7"


def test_summary_is_plain_text_with_feedback(workdir: Path, case_folder: Path) -> None:
    ex = Exercise.from_folder(case_folder)
    ex.mark_field("photo", "GPSInfo", "exif_gps")
    assert "1. [m1] GPS position in the photo: meta asset=photo, tag=GPSInfo" in ex.summary()
    ex.check()
    assert "Missed" in ex.summary()
    assert (
        repr(ex) == f"Exercise('{CASE_ID}', seed={SEED}, marks=1, answers='answers/{CASE_ID}.json')"
    )


def test_hostile_post_text_travels_as_plain_text(workdir: Path, tmp_path: Path) -> None:
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)> this morning\'s list'
    folder = make_case_folder(tmp_path / "hostile", post_text=hostile, title="<b>bold</b> & co")
    ex = Exercise.from_folder(folder)
    assert ex._case["post"]["fields"]["text"] == hostile  # the page puts it in with textContent
    assert ex._case["title"] == "<b>bold</b> & co"
    ex.mark_text("text", "<script>", "personal_details")
    assert ex.case.post.text[0:8] == "<script>"  # type: ignore[union-attr]
    ex.check()
    item = next(i for i in ex.feedback["items"] if i["status"] == "false_alarm")
    assert "“<script>”" in item["where"]


def test_a_reopened_exercise_shows_the_feedback_of_its_last_check(
    workdir: Path, case_folder: Path
) -> None:
    ex = Exercise.from_folder(case_folder)
    ex.mark_box("frame", *name_box(case_folder), "patient_name")
    page_sends(ex, "check")
    assert ex.feedback
    again = Exercise.from_folder(case_folder)  # a reload: a new kernel reads the files
    assert again.feedback == ex.feedback
    assert again.status["text"].endswith("with the feedback of your last Check")


def test_no_feedback_comes_back_for_an_answer_changed_since_its_check(
    workdir: Path, case_folder: Path
) -> None:
    ex = Exercise.from_folder(case_folder)
    ex.mark_box("frame", *name_box(case_folder), "patient_name")
    page_sends(ex, "check")
    page_sets(ex, consent_gaps=[*ex.consent_gaps, "verbal_only"])
    assert not ex.feedback
    assert Exercise.from_folder(case_folder).feedback == {}
    fresh = Exercise.from_folder(case_folder)
    fresh.reset()
    assert Exercise.from_folder(case_folder).feedback == {}, "never checked after the reset"
