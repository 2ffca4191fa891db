"""The report folder: CSV tables, charts, heatmaps and an HTML page that escapes learners' text."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from safeshare.assignments.scaffold import NewItem
from safeshare.assignments.secret import CourseSecret
from safeshare.cli.parser import Parser
from safeshare.cli.report_command import add_report_command
from safeshare.errors import UsageError
from safeshare.model.locations import Box
from safeshare.report import make_report
from safeshare.report.heatmap import MAX_WIDTH
from tests.report.cohort import submitted_course

EVIL = '<img src=x onerror="alert(1)">'
"""A learner id (a folder name) that would run script if put into the page unescaped."""
EVIL_FILE = "<svg onload=alert(2)>"
"""A stray answers file's name: the report names it in a warning, escaped."""


@pytest.fixture(scope="module")
def report_dir(
    tmp_path_factory: pytest.TempPathFactory, module_secret: CourseSecret
) -> tuple[Path, Path]:
    tmp_path = tmp_path_factory.mktemp("cohort")
    shares = {"alice": 1.0, "bob": 0.5, "carol": 0.0, "dan": 1.0, EVIL: 1.0}
    items = (NewItem("q1", "X03", 4.0), NewItem("q2", "X01", 2.0))
    course = submitted_course(tmp_path / "course", module_secret, shares, items=items)
    stray = course.submitted / "alice" / "demo" / "answers" / f"{EVIL_FILE}.json"
    stray.write_text("{}", encoding="utf-8")
    out = tmp_path / "report"
    make_report(course.root, out=out, jobs=2, progress=False)
    return course.root, out


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_scores_csv_is_learner_by_item(report_dir: tuple[Path, Path]) -> None:
    _, out = report_dir
    rows = {r["learner"]: r for r in _rows(out / "scores.csv")}
    assert set(rows) == {"alice", "bob", "carol", "dan", EVIL}  # carol: a notebook, no answers
    assert rows["alice"]["demo/q1"] == "1.000" and rows["alice"]["total_percent"] == "100.0"
    assert 0 < float(rows["bob"]["total_percent"]) < 100
    assert rows["carol"]["demo/q1"] == "0.000" and rows["carol"]["total_percent"] == "0.0"
    assert rows["carol"]["missing"] == "demo/q1: no answer; demo/q2: no answer"


def test_detection_rates_per_finding_and_category(report_dir: tuple[Path, Path]) -> None:
    _, out = report_dir
    findings = _rows(out / "findings.csv")
    assert findings and {r["item"] for r in findings} == {"demo/q1", "demo/q2"}
    for row in findings:
        learners, found = int(row["learners"]), int(row["found"])
        assert learners == 4  # carol handed in no answer: she costs marks, not detection
        assert found >= 3  # alice, dan and EVIL found everything
        assert float(row["detection_rate"]) == pytest.approx(found / learners, abs=1e-3)
    categories = _rows(out / "categories.csv")
    assert {"patient_name", "date_of_care"} <= {r["category"] for r in categories}


def test_heatmaps_colour_where_learners_marked(report_dir: tuple[Path, Path]) -> None:
    root, out = report_dir
    maps = sorted((out / "heatmaps").glob("*.jpg"))
    assert maps and all("scan" in p.name for p in maps)
    with Image.open(maps[0]) as im:
        heat = np.asarray(im.convert("RGB"), dtype=int)
    assert heat.shape[1] <= MAX_WIDTH
    # every learner marked every key box: the wash is red there; the dimmed background is dark
    from safeshare.report import collect, grade_all

    cohort = grade_all(collect(root), jobs=1, progress=False)
    label = next(lbl for lbl in cohort.keys if lbl.startswith("demo/q1"))
    assert maps[0].name.startswith(label.replace("/", "-").replace(" ", "-"))
    box = next(f.location for f in cohort.keys[label].findings if isinstance(f.location, Box))
    scale = heat.shape[1] / 1024
    cx, cy = int((box.x + box.w / 2) * scale), int((box.y + box.h / 2) * scale)
    r, _, b = heat[cy, cx]
    assert r > 120 and r > b + 50
    assert heat[5:40, heat.shape[1] // 2].mean() < 90


def test_html_is_self_contained_and_escapes_learner_text(report_dir: tuple[Path, Path]) -> None:
    _, out = report_dir
    page = (out / "index.html").read_text(encoding="utf-8")
    assert EVIL not in page and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert EVIL_FILE not in page and "&lt;svg onload=alert(2)&gt;.json" in page
    assert "<script" not in page.lower()
    assert "onerror=" not in page.replace("&lt;img src=x onerror", "")
    assert not re.search(r"(src|href)=['\"]?(https?:)?//", page)
    for ref in re.findall(r"(?:src|href)=['\"]([^'\"]+)['\"]", page):
        assert (out / ref).is_file(), ref
    assert "For the educator only" in page


def test_report_command(
    tmp_path: Path, report_dir: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root, _ = report_dir
    parser = Parser(prog="safeshare")
    add_report_command(parser.add_subparsers(dest="command", required=True, parser_class=Parser))
    out = tmp_path / "again"
    args = parser.parse_args(["report", str(root), "--out", str(out), "--quiet", "--jobs", "1"])
    assert args.run(args) == 0
    printed = capsys.readouterr().out
    assert "5 learners, 8 answers files (0 without credit)" in printed
    assert str(out / "index.html") in printed
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(UsageError, match="no submissions or answers files"):
        make_report(empty, out=tmp_path / "x")
    shutil.rmtree(out)
