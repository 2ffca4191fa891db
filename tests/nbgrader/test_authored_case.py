"""An authored case through a real nbgrader assignment, end to end.

An educator makes a case from an image of their own (a name on a card: the
name becomes a field painted with a fictional name per variant), puts it in an
assignment with `safeshare assign new --bank`, generates and releases it; a
learner fetches it, answers through the exercise widget's code API and
submits; the educator collects and autogrades. The full answer gets the item's
points, and nothing released holds a key or the original name. (One learner:
test_pipeline.py covers blank, partial and hostile ones on the shipped bank.)
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from safeshare.assignments.definition import load_definition
from safeshare.assignments.pool import learners_variant, variant_key
from safeshare.assignments.secret import load_secret
from safeshare.author import merge_proposals, propose_marks, save_case, start_draft, write_draft
from safeshare.author.edit import MarkEdit, edit_mark
from safeshare.cli.main import main
from tests.assignments.learners import answer_item
from tests.assignments.nbgrader_course import COURSE_CONFIG
from tests.author.images import NAME, plain_label_image
from tests.nbgrader.test_pipeline import COURSE_ID, _educator, _nbgrader

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("nbgrader")]

ASSIGNMENT = "own-image"
POINTS = 4.0


def _author(root: Path) -> Path:
    """The educator's own case, made from an image without writing YAML."""
    image = plain_label_image(root)
    draft = start_draft(image, case_id="A11", work=root / "draft", title="A name card")
    merge_proposals(draft, propose_marks(draft))
    name = next(m for m in draft.marks if NAME in m.text)
    edit_mark(draft, name.id, MarkEdit(fill="name"))
    for mark in draft.marks:
        if mark.status == "proposed":  # anything else read there: looked at, harmless
            edit_mark(draft, mark.id, MarkEdit(status="not_identifying"))
    draft.post = "A patient left this card on the ward [[today|date_of_care]]."
    draft.decision_reason = "The name is on show: blank it before sharing."
    write_draft(draft)
    bank = root / "my-bank"
    save_case(draft, bank=bank)
    return bank


def test_an_authored_case_is_graded_by_nbgrader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bank = _author(tmp_path)
    course = tmp_path / "course"
    course.mkdir()
    shutil.copy(COURSE_CONFIG, course / "nbgrader_config.py")
    env, secret_text = _educator(tmp_path, monkeypatch)
    args = ["assign", "--course-root", str(course), "new", ASSIGNMENT, "--case", "A11"]
    assert main([*args, "--bank", str(bank), "--pool", "2", "--points", str(POINTS)]) == 0
    capsys.readouterr()

    exchange = tmp_path / "exchange"
    exchange.mkdir()
    ex = f"--Exchange.root={exchange}"
    _nbgrader("generate_assignment", ASSIGNMENT, cwd=course, env=env)
    _nbgrader("release_assignment", ASSIGNMENT, ex, cwd=course, env=env)
    release = course / "release" / ASSIGNMENT
    assert not list(release.rglob("key.json")) and list(release.rglob("case.json"))
    released = b"".join(p.read_bytes() for p in release.rglob("*") if p.is_file())
    assert NAME.encode() not in released and secret_text.encode() not in released

    secret = load_secret(COURSE_ID)
    definition = load_definition(course / "source" / ASSIGNMENT)
    (item,) = definition.items
    for learner, share in (("alice", 1.0),):
        home = tmp_path / "home" / learner
        home.mkdir(parents=True)
        learner_env = {**env, "HOME": str(home), "JUPYTERHUB_USER": learner}
        cache = f"--Exchange.cache={home / '.nbgrader-cache'}"
        fetch = (f"--course={COURSE_ID}", ex, cache)
        _nbgrader("fetch_assignment", ASSIGNMENT, *fetch, cwd=home, env=learner_env)
        monkeypatch.setenv("JUPYTERHUB_USER", learner)
        variant = learners_variant(definition, item, learner, secret, course_root=course)
        key = variant_key(variant)
        assert {f.category for f in key.findings} >= {"patient_name", "date_of_care"}
        answer_item(home / ASSIGNMENT, item.id, key, share=share)
        _nbgrader("submit", ASSIGNMENT, f"--student={learner}", *fetch, cwd=home, env=learner_env)
    monkeypatch.delenv("JUPYTERHUB_USER")

    _nbgrader("collect", ASSIGNMENT, ex, cwd=course, env=env)
    _nbgrader("autograde", ASSIGNMENT, cwd=course, env=env)
    _nbgrader("export", cwd=course, env=env)
    with (course / "grades.csv").open() as handle:
        scores = {row["student_id"]: float(row["score"]) for row in csv.DictReader(handle)}
    assert scores == {"alice": POINTS}
