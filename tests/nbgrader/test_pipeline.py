"""The whole nbgrader round trip on a copy of the shipped course, with real nbgrader commands.

generate_assignment (which renders the pools), release_assignment, fetch and
submit for four learners each with a home and exchange cache of their own,
answers made through the exercise widget's code API in each learner's fetched
folder, then collect, autograde, generate_feedback and export. A perfect
learner gets full marks, a blank one 0, a partial one something between; a
learner who edits a locked cell, hand-writes a score into an answers file and
drops a fake `safeshare` package beside the notebook gets nothing for it. No
released or fetched folder holds a key.

The copy keeps two variants per item (the shipped course has three) to keep
rendering short.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from safeshare.assignments.definition import load_definition
from safeshare.assignments.pool import learners_variant, pool_of, variant_key
from safeshare.assignments.secret import SECRET_ENV, load_secret
from safeshare.model.locations import Box
from tests.assignments.course import FIXED_SECRET
from tests.assignments.learners import answer_item

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("nbgrader")]

REPO = Path(__file__).resolve().parents[2]
ASSIGNMENT = "pixels"
COURSE_ID = "safeshare"
TEXT_SUFFIXES = {".json", ".yaml", ".ipynb", ".txt", ".html", ".csv"}
SHARES = {"alice": 1.0, "bob": 0.0, "carol": 0.5}
CHEAT = "mallory"


def _nbgrader(*args: str, cwd: Path, env: dict[str, str]) -> str:
    run = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{run.stdout}\n{run.stderr}"
    return run.stdout + run.stderr


def _copy_course(root: Path) -> Path:
    course = root / "course"
    course.mkdir()
    shutil.copy(REPO / "assignments" / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(REPO / "assignments" / "source" / ASSIGNMENT, course / "source" / ASSIGNMENT)
    spec = course / "source" / ASSIGNMENT / "assignment.yaml"
    spec.write_text(re.sub(r"(?m)^pool: \d+$", "pool: 2", spec.read_text()))
    return course


def _cheat(folder: Path) -> None:
    """Edit a locked graded cell, forge a score, and drop a package to shadow the grader."""
    notebook = folder / f"{ASSIGNMENT}.ipynb"
    nb = json.loads(notebook.read_text())
    for cell in nb["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade"):
            cell["source"] = ["4.0"]
    notebook.write_text(json.dumps(nb))
    answers = folder / "answers"
    answers.mkdir(exist_ok=True)
    view = json.loads(next((folder / "cases" / "q1").glob("v*/case.json")).read_text())
    forged = {"schema": 1, "case_id": view["case_id"], "seed": view["seed"], "findings": []}
    (answers / "q1.json").write_text(
        json.dumps({**forged, "consent_gaps": [], "decision": None, "score": 1.0})
    )
    fake = folder / "safeshare" / "assignments"
    fake.mkdir(parents=True)
    (folder / "safeshare" / "__init__.py").write_text("")
    (fake / "__init__.py").write_text("")
    (fake / "autograde.py").write_text("def grade_item(item, points):\n    return points\n")


def _texts(folder: Path) -> str:
    texts = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in folder.rglob("*")
        if p.is_file() and p.suffix in TEXT_SUFFIXES
    )
    for case_json in folder.rglob("case.json"):  # header rows are shown on purpose
        for asset in json.loads(case_json.read_text())["assets"]:
            for _tag, _label, value in asset["metadata"]:
                texts = texts.replace(json.dumps(value, ensure_ascii=False)[1:-1], "")
    return texts


def _assert_no_key(folder: Path, course: Path, secret_text: str) -> None:
    assert folder.is_dir() and list(folder.rglob("case.json")), folder
    assert not list(folder.rglob("key.json")), folder
    blobs = b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())
    assert secret_text.encode() not in blobs
    texts = _texts(folder)
    assert "BEGIN HIDDEN TESTS" not in texts and "grade_item(" not in texts
    secret = load_secret(COURSE_ID)
    definition = load_definition(course / "source" / ASSIGNMENT)
    drawn = 0
    for item in definition.items:
        for variant in pool_of(definition, item, secret, course_root=course):
            assert str(variant.seed) not in texts
            for finding in variant_key(variant).findings:
                assert finding.id not in texts
                if isinstance(finding.location, Box):
                    drawn += 1
                    assert finding.evidence not in texts, (folder, finding.evidence)
    assert drawn > 0


def test_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    course = _copy_course(tmp_path)
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    secret_file = tmp_path / "educator" / "course.secret"
    monkeypatch.setenv(SECRET_ENV, str(secret_file))
    secret_file.parent.mkdir()
    secret_file.write_text(FIXED_SECRET + "\n")  # fixed: the session's render cache serves reruns
    secret_text = secret_file.read_text().strip()
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.pop("JUPYTERHUB_USER", None)
    ex = f"--Exchange.root={exchange}"

    # The educator: generate (renders the pools) and release.
    _nbgrader("generate_assignment", ASSIGNMENT, cwd=course, env=env)
    release = course / "release" / ASSIGNMENT
    assert sorted(p.name for p in (release / "cases").iterdir()) == [f"q{i}" for i in range(1, 6)]
    _nbgrader("release_assignment", ASSIGNMENT, ex, cwd=course, env=env)

    # The learners: fetch into a home of their own, answer through the widget, submit.
    secret = load_secret(COURSE_ID)
    definition = load_definition(course / "source" / ASSIGNMENT)
    for learner in [*SHARES, CHEAT]:
        home = tmp_path / "home" / learner
        home.mkdir(parents=True)
        learner_env = {**env, "HOME": str(home), "JUPYTERHUB_USER": learner}
        cache = f"--Exchange.cache={home / '.nbgrader-cache'}"
        args = (f"--course={COURSE_ID}", ex, cache)
        _nbgrader("fetch_assignment", ASSIGNMENT, *args, cwd=home, env=learner_env)
        folder = home / ASSIGNMENT
        monkeypatch.setenv("JUPYTERHUB_USER", learner)
        if learner == CHEAT:
            _cheat(folder)
        else:
            for item in definition.items:
                variant = learners_variant(definition, item, learner, secret, course_root=course)
                answer_item(folder, item.id, variant_key(variant), share=SHARES[learner])
        _nbgrader("submit", ASSIGNMENT, f"--student={learner}", *args, cwd=home, env=learner_env)
        _assert_no_key(folder, course, secret_text)
    _assert_no_key(release, course, secret_text)
    _assert_no_key(exchange / COURSE_ID / "outbound" / ASSIGNMENT, course, secret_text)

    # The educator: collect, autograde, feedback, export.
    _nbgrader("collect", ASSIGNMENT, ex, cwd=course, env=env)
    assert not (course / "submitted" / CHEAT / ASSIGNMENT / "safeshare").exists()
    _nbgrader("autograde", ASSIGNMENT, cwd=course, env=env)
    _nbgrader("generate_feedback", ASSIGNMENT, cwd=course, env=env)
    _nbgrader("export", cwd=course, env=env)

    with (course / "grades.csv").open() as handle:
        scores = {row["student_id"]: float(row["score"]) for row in csv.DictReader(handle)}
    full = definition.total_points
    assert scores["alice"] == full
    assert scores["bob"] == 0.0
    assert 0.0 < scores["carol"] < full
    assert scores[CHEAT] == 0.0

    graded = json.loads(
        (course / "autograded" / "alice" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text()
    )
    outputs = [
        cell["outputs"]
        for cell in graded["cells"]
        if cell["metadata"].get("nbgrader", {}).get("grade")
    ]
    assert len(outputs) == 5
    for out in outputs:
        assert [o["output_type"] for o in out] == ["execute_result"]
        assert float("".join(out[0]["data"]["text/plain"])) == 4.0
    feedback = course / "feedback" / "alice" / ASSIGNMENT / f"{ASSIGNMENT}.html"
    page = feedback.read_text(encoding="utf-8")
    assert "grade_item" in page  # nbgrader shows hidden tests in feedback: they hold no secret
    assert secret_text not in page

    # The cohort report agrees with autograde, and notices when they part.
    from safeshare.report import make_report

    report = make_report(course, out=tmp_path / "report", jobs=2, progress=False)
    assert report.disagreements == ()
    assert report.cohort.warnings == ()
    (course / "submitted" / "alice" / ASSIGNMENT / "answers" / "q1.json").unlink()
    report = make_report(course, out=tmp_path / "report", jobs=2, progress=False)
    assert [(d.learner, d.item, d.nbgrader, d.report) for d in report.disagreements] == [
        ("alice", f"{ASSIGNMENT}/q1", 4.0, 0.0)
    ]
    assert "autograde disagrees" in report.html.read_text(encoding="utf-8")
