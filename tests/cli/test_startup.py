"""Building the parser (every `safeshare` command, `--help` included) loads no notebook UI.

The widgets, IPython and matplotlib are for notebooks; a command that only
needs the bank or the grader must not pay for them. Checked in a fresh
interpreter, since this test process has loaded them already.
"""

from __future__ import annotations

import json
import subprocess
import sys

NOTEBOOK_UI = ("ipywidgets", "IPython", "traitlets", "comm", "pygments", "matplotlib")
"""Top-level packages the command line must not import before a command runs."""

_PROBE = """
import json, sys
from safeshare.cli.main import build_parser
build_parser()
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_build_parser_loads_no_notebook_ui() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], check=True, capture_output=True, text=True
    )
    loaded = set(json.loads(done.stdout))
    assert "safeshare" in loaded
    assert sorted(loaded.intersection(NOTEBOOK_UI)) == []


def test_help_runs_and_lists_every_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "safeshare", "--help"], check=True, capture_output=True, text=True
    )
    for command in ("cases", "grade", "taxonomy", "course", "assign", "report"):
        assert command in done.stdout
