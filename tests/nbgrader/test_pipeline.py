"""The whole nbgrader round trip on a copy of the shipped course, with real nbgrader commands.

generate_assignment (which renders the pools), release_assignment, fetch and
submit for five learners each with a home and exchange cache of their own,
answers made through the exercise widget's code API in each learner's fetched
folder, then collect, autograde, generate_feedback and export. A perfect
learner gets full marks, a blank one 0, a partial one something between, one
who answered a single item and left a stray answers file the points of that
item. The attacker adds a cell that prints every small file of the grader's
home and every environment variable and patches the toolkit's grading, edits
the locked cells, forges a score, drops a fake `safeshare` package beside the
notebook and plants a link to the secret as an answers file: they score 0,
and no byte of the secret reaches the autograded notebook or the feedback.
The same cell, run as stock nbgrader would run it (in a kernel with the
grader's environment), does print the secret: the attack is real. No released
or fetched folder holds a key; each learner's feedback shows their own
variant's findings, never another variant's.

The copy keeps two variants per item (the shipped course has three) to keep
rendering short.
"""

from __future__ import annotations

import csv
import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from safeshare.assignments.definition import load_definition
from safeshare.assignments.pool import learners_variant, pool_of, variant_key
from safeshare.assignments.secret import SECRET_ENV, load_secret
from safeshare.model.locations import Box
from tests.assignments.learners import answer_item
from tests.assignments.nbgrader_course import FIXED_SECRET

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("nbgrader")]

REPO = Path(__file__).resolve().parents[2]
ASSIGNMENT = "pixels"
COURSE_ID = "safeshare"
TEXT_SUFFIXES = {".json", ".yaml", ".ipynb", ".txt", ".html", ".csv"}
SHARES = {"alice": 1.0, "bob": 0.0, "carol": 0.5}
STRAY = "dave"
CHEAT = "mallory"
ATTACK = """\
import json, os, pathlib
for path in pathlib.Path.home().rglob("*"):
    try:
        if path.is_file() and path.stat().st_size < 4096:
            print(path, path.read_text(errors="replace"))
    except OSError:
        pass
print(json.dumps(dict(os.environ)))
try:
    from safeshare.assignments.secret import load_secret
    print(load_secret("safeshare").value.decode())
except Exception as exc:
    print("no secret:", exc)
import safeshare.grade.result
safeshare.grade.result.Result.points = lambda self, out_of: float(out_of)
import safeshare.assignments.item_grade as item_grade
item_grade.grade_submitted_item = lambda **kw: None
4.0
"""


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
    """Add the attack cell, run it from every graded cell too, forge a score, shadow the grader."""
    notebook = folder / f"{ASSIGNMENT}.ipynb"
    nb = json.loads(notebook.read_text())
    for cell in nb["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade"):
            cell["source"] = [ATTACK]
    attack = {"cell_type": "code", "id": "attack", "metadata": {}, "source": [ATTACK]}
    nb["cells"].insert(2, {**attack, "execution_count": None, "outputs": []})
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


def _stray(folder: Path, learner: str, course: Path) -> None:
    """Answer q5 only, perfectly, and leave an answers file for an item that does not exist."""
    secret = load_secret(COURSE_ID)
    definition = load_definition(course / "source" / ASSIGNMENT)
    q5 = definition.item("q5")
    variant = learners_variant(definition, q5, learner, secret, course_root=course)
    answer_item(folder, "q5", variant_key(variant), share=1.0)
    shutil.copy(folder / "answers" / "q5.json", folder / "answers" / "q9.json")


def _run_attack_as_stock_nbgrader(folder: Path) -> str:
    """What the attack cell prints when run in a kernel with the grader's environment."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell(ATTACK))
    NotebookClient(nb, timeout=120, resources={"metadata": {"path": str(folder)}}).execute()
    return json.dumps(nb.cells[0].outputs)


def _graded_outputs(course: Path, learner: str) -> list[list[dict[str, Any]]]:
    graded = json.loads(
        (course / "autograded" / learner / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text()
    )
    return [
        cell["outputs"]
        for cell in graded["cells"]
        if cell["metadata"].get("nbgrader", {}).get("grade")
    ]


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


def _educator(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, str], str]:
    """The educator's environment: a home of their own holding the course secret."""
    home = tmp_path / "educator"
    secret_file = home / ".config" / "safeshare" / "secrets" / f"{COURSE_ID}.secret"
    secret_file.parent.mkdir(parents=True)
    secret_file.write_text(FIXED_SECRET + "\n")  # fixed: the session's render cache serves reruns
    (home / ".bash_history").write_text("safeshare assign init-secret\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv(SECRET_ENV, raising=False)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env, secret_file.read_text().strip()


def test_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    course = _copy_course(tmp_path)
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    env, secret_text = _educator(tmp_path, monkeypatch)
    ex = f"--Exchange.root={exchange}"

    # The educator: generate (renders the pools) and release.
    _nbgrader("generate_assignment", ASSIGNMENT, cwd=course, env=env)
    release = course / "release" / ASSIGNMENT
    assert sorted(p.name for p in (release / "cases").iterdir()) == [f"q{i}" for i in range(1, 6)]
    _nbgrader("release_assignment", ASSIGNMENT, ex, cwd=course, env=env)

    # The learners: fetch into a home of their own, answer through the widget, submit.
    secret = load_secret(COURSE_ID)
    definition = load_definition(course / "source" / ASSIGNMENT)
    for learner in [*SHARES, STRAY, CHEAT]:
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
        elif learner == STRAY:
            _stray(folder, learner, course)
        else:
            for item in definition.items:
                variant = learners_variant(definition, item, learner, secret, course_root=course)
                answer_item(folder, item.id, variant_key(variant), share=SHARES[learner])
        _nbgrader("submit", ASSIGNMENT, f"--student={learner}", *args, cwd=home, env=learner_env)
        _assert_no_key(folder, course, secret_text)
    monkeypatch.delenv("JUPYTERHUB_USER")
    _assert_no_key(release, course, secret_text)
    _assert_no_key(exchange / COURSE_ID / "outbound" / ASSIGNMENT, course, secret_text)

    # The educator: collect, autograde, feedback, export.
    _nbgrader("collect", ASSIGNMENT, ex, cwd=course, env=env)
    submitted = course / "submitted" / CHEAT / ASSIGNMENT
    assert not (submitted / "safeshare").exists()
    (submitted / "answers" / "q2.json").symlink_to(Path(env["HOME"]) / ".config")
    (submitted / "answers" / "q3.json").symlink_to(
        Path(env["HOME"]) / ".config" / "safeshare" / "secrets" / f"{COURSE_ID}.secret"
    )
    log = _nbgrader("autograde", ASSIGNMENT, cwd=course, env=env)
    # Graded cells hold no hidden test, so only a real change is warned about (nbgrader #1961).
    warned = {
        part.split(os.sep + ASSIGNMENT + os.sep, 1)[0].rsplit(os.sep, 1)[-1]
        for part in log.split("Sanitizing ")[1:]
        if "Attribute 'checksum'" in part
    }
    assert warned == {CHEAT}
    _nbgrader("generate_feedback", ASSIGNMENT, cwd=course, env=env)
    _nbgrader("export", cwd=course, env=env)

    with (course / "grades.csv").open() as handle:
        scores = {row["student_id"]: float(row["score"]) for row in csv.DictReader(handle)}
    full = definition.total_points
    assert scores["alice"] == full
    assert scores["bob"] == 0.0
    assert 0.0 < scores["carol"] < full
    assert scores[STRAY] == definition.item("q5").points
    assert scores[CHEAT] == 0.0

    # The attack: nothing of it ran, nothing of the secret or the grader's home got out.
    for learner in scores:
        graded = course / "autograded" / learner / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        feedback = course / "feedback" / learner / ASSIGNMENT / f"{ASSIGNMENT}.html"
        for path in (graded, feedback):
            text = path.read_text(encoding="utf-8")
            assert secret_text not in text, path
            assert "init-secret" not in text and env["HOME"] not in text, path
            assert "BEGIN HIDDEN TESTS" not in text, path
    attacked = json.loads(
        (course / "autograded" / CHEAT / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text()
    )
    attack_cells = [c for c in attacked["cells"] if "pathlib.Path.home()" in "".join(c["source"])]
    assert attack_cells and all(c["outputs"] == [] for c in attack_cells)
    leak = _run_attack_as_stock_nbgrader(course / "autograded" / CHEAT / ASSIGNMENT)
    assert secret_text in leak  # the same cell in a grader's kernel would have printed it

    # Points and feedback per item, for the learner's own variant only.
    for out in _graded_outputs(course, "alice"):
        assert [o["output_type"] for o in out] == ["display_data", "execute_result"]
        assert float("".join(out[-1]["data"]["text/plain"])) == 4.0
    page = (course / "feedback" / "alice" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert page.count("data:image/jpeg;base64,") >= 3 and "Found (" in page
    carol = (course / "feedback" / "carol" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert "Missed (" in carol and "Guidance:" in carol
    for learner, text in (("alice", page), ("carol", carol)):
        own_text = json.dumps(
            [
                variant_key(
                    learners_variant(definition, i, learner, secret, course_root=course)
                ).to_dict()
                for i in definition.items
            ],
            ensure_ascii=False,
        )  # fictional names recur across cases: only what is not in the learner's own counts
        for item in definition.items:
            for other in pool_of(definition, item, secret, course_root=course):
                for finding in variant_key(other).findings:
                    if isinstance(finding.location, Box) and finding.evidence not in own_text:
                        assert html.escape(finding.evidence) not in text, (learner, finding)
    bob = (course / "feedback" / "bob" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert "No answer" in bob and "What there was to find" in bob

    # The cohort report agrees with autograde, and notices when they part.
    from safeshare.report import make_report

    report = make_report(course, out=tmp_path / "report", jobs=2, progress=False)
    assert report.disagreements == ()
    (course / "submitted" / "alice" / ASSIGNMENT / "answers" / "q1.json").unlink()
    report = make_report(course, out=tmp_path / "report", jobs=2, progress=False)
    assert [(d.learner, d.item, d.nbgrader, d.report) for d in report.disagreements] == [
        ("alice", f"{ASSIGNMENT}/q1", 4.0, 0.0)
    ]
    assert "autograde disagrees" in report.html.read_text(encoding="utf-8")
