"""Time `safeshare --help`: the median of 10 fresh interpreters, and what they load.

The command line must not pay for the notebook UI (ipywidgets, IPython,
traitlets, comm, pygments) or matplotlib. Prints the median wall time and the
heavy modules that `build_parser()` imported; asserts nothing (machines are
noisy). Run with the project's interpreter:

    .venv/bin/python benchmarks/bench_cli_startup.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 10
HEAVY = ("ipywidgets", "IPython", "traitlets", "comm", "pygments", "matplotlib")
_PROBE = (
    "import sys\n"
    "from safeshare.cli.main import build_parser\n"
    "build_parser()\n"
    f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))\n"
)


def time_help() -> list[float]:
    """Wall time of `python -m safeshare --help`, once per run."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "safeshare", "--help"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        times.append(time.perf_counter() - start)
    return times


def heavy_modules() -> str:
    """The heavy modules a fresh `build_parser()` leaves in sys.modules."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], check=True, capture_output=True, text=True
    )
    return done.stdout.strip() or "none"


def main() -> None:
    baseline = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        baseline.append(time.perf_counter() - start)
    times = time_help()
    print(f"python startup alone: median {statistics.median(baseline) * 1000:.0f} ms")
    print(
        f"safeshare --help: median {statistics.median(times) * 1000:.0f} ms "
        f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}, {RUNS} runs)"
    )
    print(f"heavy modules loaded by build_parser(): {heavy_modules()}")


if __name__ == "__main__":
    main()
