"""The `safeshare cases` commands, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from safeshare.cases.bank import load_bank
from safeshare.cli.main import main
from tests.cases.specs import POST_ONLY

pytestmark = pytest.mark.xdist_group("bank")


def _first_id(kind: str = "endoscopy") -> str:
    return next(s.id for s in load_bank() if s.kind == kind)


def test_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cases", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) >= 40 and {"id", "kind", "difficulty", "title"} <= set(rows[0])


def test_show_has_no_key_and_key_has_findings(capsys: pytest.CaptureFixture[str]) -> None:
    case_id = _first_id()
    assert main(["cases", "show", case_id, "--json"]) == 0
    view = json.loads(capsys.readouterr().out)
    assert view["case_id"] == case_id and "findings" not in json.dumps(view)
    assert main(["cases", "key", case_id, "--seed", "3", "--json"]) == 0
    key = json.loads(capsys.readouterr().out)
    assert key["seed"] == 3 and key["findings"]


def test_render_one_writes_assets_and_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case_id = _first_id()
    assert main(["cases", "render", case_id, "--seed", "2", "--out", str(tmp_path)]) == 0
    folder = tmp_path / case_id
    assert (folder / "key.json").is_file() and (folder / "case.json").is_file()
    assert json.loads((folder / "key.json").read_text())["seed"] == 2


def test_render_needs_an_id_or_all(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cases", "render", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "give a case ID or --all" in err


def test_unknown_case_is_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cases", "show", "Z99"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("safeshare: error: no case 'Z99'") and err.count("\n") == 1


def test_validate_the_bank(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cases", "validate"]) == 0
    assert capsys.readouterr().out.startswith("ok: ")


def test_validate_a_bad_spec_names_file_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "X01-bad.yaml"
    bad.write_text(POST_ONLY.replace("difficulty: 1", "difficulty: 7"))
    before = bad.read_bytes()
    assert main(["cases", "validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}: difficulty: must be from 1 to 3" in err and err.count("\n") == 1
    assert bad.read_bytes() == before


def _rendered(tmp_path: Path, kind: str = "endoscopy") -> Path:
    case_id = _first_id(kind)
    assert main(["cases", "render", case_id, "--out", str(tmp_path)]) == 0
    return tmp_path / case_id


def test_validate_refuses_a_box_outside_its_image(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _rendered(tmp_path)
    key = json.loads((folder / "key.json").read_text())
    box = next(f for f in key["findings"] if f["location"]["type"] == "box")
    box["location"]["x"] = 5000
    (folder / "key.json").write_text(json.dumps(key))
    capsys.readouterr()
    assert main(["cases", "validate", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "key.json: findings[" in err and "lies outside" in err and err.count("\n") == 1


def test_validate_refuses_a_span_past_the_end(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _rendered(tmp_path, "text")
    key = json.loads((folder / "key.json").read_text())
    span = next(f for f in key["findings"] if f["location"]["type"] == "span")
    span["location"]["end"] = 10_000
    (folder / "key.json").write_text(json.dumps(key))
    capsys.readouterr()
    assert main(["cases", "validate", str(folder)]) == 2
    assert "runs past the end" in capsys.readouterr().err


def test_validate_refuses_a_missing_asset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _rendered(tmp_path)
    key = json.loads((folder / "key.json").read_text())
    key["findings"][0]["location"]["asset"] = "ghost"
    (folder / "key.json").write_text(json.dumps(key))
    capsys.readouterr()
    assert main(["cases", "validate", str(folder)]) == 2
    assert "names asset 'ghost'" in capsys.readouterr().err


def test_sheet_draws_every_case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sheet.png"
    assert main(["cases", "sheet", "--out", str(out)]) == 0
    with Image.open(out) as im:
        assert im.width > 1000 and im.height > 1000


def test_console_script_and_module_entry_points() -> None:
    bindir = Path(sys.executable).parent
    for command in (
        [str(bindir / "safeshare"), "--version"],
        [sys.executable, "-m", "safeshare", "--version"],
    ):
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        assert done.returncode == 0 and done.stdout.startswith("safeshare "), done
    done = subprocess.run(
        [sys.executable, "-m", "safeshare", "cases", "show"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr and done.stderr.count("\n") == 1


@pytest.mark.parametrize(("value", "message"), [("-3", "0 or more"), ("two", "whole number")])
def test_a_bad_seed_is_refused(
    value: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["cases", "key", "E01", "--seed", value, "--json"]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
