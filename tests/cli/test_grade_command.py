"""`safeshare grade`: a mark off its image or on an asset the case lacks is refused, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from safeshare.cli.main import main


def _model_answer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    assert main(["cases", "answer", "E01", "--seed", "1"]) == 0
    answer: dict[str, object] = json.loads(capsys.readouterr().out)
    return answer


def test_the_model_answer_scores_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "answer.json"
    path.write_text(json.dumps(_model_answer(tmp_path, capsys)))
    assert main(["grade", "E01", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["score"] == 1.0


@pytest.mark.parametrize(
    ("location", "why"),
    [
        ({"type": "box", "asset": "frame", "x": 5000, "y": 5000, "w": 20, "h": 20}, "outside"),
        ({"type": "box", "asset": "no_such_asset", "x": 1, "y": 1, "w": 20, "h": 20}, "asset"),
    ],
)
def test_a_mark_off_the_case_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], location: dict[str, object], why: str
) -> None:
    answer = _model_answer(tmp_path, capsys)
    answer["findings"] = [{"category": "patient_name", "location": location}]
    path = tmp_path / "answer.json"
    path.write_text(json.dumps(answer))
    assert main(["grade", "E01", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(path) in err and why in err, err
