"""Time rendering one 1280x720 endoscopy frame (scene + overlay + PNG) on one core.

Target: median <= 1.5 s. Prints wall-clock and CPU time (the latter holds steady on a
busy machine); asserts nothing (machines are noisy).
Run: .venv/bin/python benchmarks/bench_endoscopy_frame.py [repeats]
"""

from __future__ import annotations

import os

# One core: keep numpy's linear-algebra threads from spreading the work.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

_CASES = (
    {"site": "sigmoid", "finding": "polyp"},
    {"site": "rectum", "finding": "pedunculated_polyp"},
    {"site": "stomach", "finding": "ulcer"},
    {"site": "oesophagus", "finding": "foreign_body"},
    {"site": "colon", "finding": "none"},
)


def main() -> None:
    from safeshare.model.facts import make_facts
    from safeshare.model.spec_reader import FieldReader
    from safeshare.render.context import RenderContext
    from safeshare.render.endoscopy.frame import RENDERER
    from safeshare.render.seeds import py_rng

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    times: list[float] = []
    cpu: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(1, repeats + 1):
            for options in _CASES:
                ctx = RenderContext(
                    case_id="BENCH",
                    asset_id="frame",
                    seed=seed,
                    facts=make_facts(py_rng(seed, "BENCH", "facts")),
                    work_dir=Path(tmp),
                )
                parsed = RENDERER.parse_options(FieldReader(dict(options), source="bench"))
                start, start_cpu = time.perf_counter(), time.process_time()
                RENDERER.render(ctx, parsed)
                times.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
    print(f"endoscopy_frame 1280x720, {len(times)} renders on one core")
    print(f"median {statistics.median(times):.2f} s (target <= 1.5 s); max {max(times):.2f} s")
    # CPU time is what the render costs when the machine is busy with other work.
    print(f"median CPU time {statistics.median(cpu):.2f} s; max {max(cpu):.2f} s")


if __name__ == "__main__":
    main()
