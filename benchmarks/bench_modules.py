"""Time each course module run top to bottom headless, as Voila would, kernel start excluded.

Each module notebook runs in a fresh kernel (started before the clock starts)
with a learner set, so the exercises are built (in the capstone, as after
pressing Start). Two figures per module: cold (an empty render cache: the
kernel draws every case, as the first learner of a server started with
--no-prepare would wait) and warm (after `safeshare course serve` has prepared
the cases, which is timed too). Target: under 10 s a module, warm. Prints the
figures; asserts nothing (machines are noisy).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

COURSE = Path(__file__).resolve().parents[1] / "course"
LEARNER = "Benchmark Learner"


def run_module(notebook: Path, work: Path) -> float:
    """Seconds to execute every cell of the notebook, in a kernel already started."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(work)}}
    )
    with client.setup_kernel():
        start = time.perf_counter()
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        return time.perf_counter() - start


def start_capstone(data: Path) -> None:
    """Record a Start in the capstone, so its cases are built as after the button."""
    from safeshare.course.learner import Learner, learner_folder
    from safeshare.course.modules import CAPSTONE
    from safeshare.course.progress import ProgressStore

    learner = Learner.from_name(LEARNER)
    store = ProgressStore(learner_folder(learner.code, data), learner)
    store.record(CAPSTONE, "capstone_start")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        os.environ["SAFESHARE_CACHE"] = str(root / "cache")
        os.environ["SAFESHARE_DATA"] = str(root / "data")
        os.environ["SAFESHARE_LEARNER"] = LEARNER
        from safeshare.course.modules import MODULES
        from safeshare.course.serve import prepare_cases

        start_capstone(root / "data")
        cold: dict[str, float] = {}
        for mod in MODULES:
            work = root / "cold" / mod.id
            work.mkdir(parents=True)
            cold[mod.id] = run_module(COURSE / mod.notebook, work)
        # Clear the cache and prepare it as `safeshare course serve` does, in parallel.
        shutil.rmtree(root / "cache", ignore_errors=True)
        begin = time.perf_counter()
        missing = prepare_cases()
        prepared = time.perf_counter() - begin
        print(f"prepare the course's cases (serve does this first): {prepared:.1f} s", flush=True)
        if missing:
            print(f"  not in the bank: {', '.join(missing)}")
        worst = 0.0
        for mod in MODULES:
            work = root / "warm" / mod.id
            work.mkdir(parents=True)
            warm = run_module(COURSE / mod.notebook, work)
            worst = max(worst, warm)
            print(
                f"{mod.id} {mod.title:<30} {len(mod.cases)} cases  cold {cold[mod.id]:5.1f} s  "
                f"warm {warm:5.1f} s",
                flush=True,
            )
    print(f"slowest module, warm: {worst:.1f} s (target < 10 s each)")


if __name__ == "__main__":
    main()
