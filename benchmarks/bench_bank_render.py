"""Time rendering the whole bank: cold on every core, then again from the cache.

Targets (issue 2): cold <= 60 s on this 2-core machine; from cache <= 2 s.
Prints the figures; asserts nothing (machines are noisy).
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["SAFESHARE_CACHE"] = str(Path(tmp) / "cache")
        from safeshare.cases.bank import load_bank
        from safeshare.cases.render_many import default_jobs, render_cases

        specs = load_bank()
        jobs = default_jobs()
        start = time.perf_counter()
        render_cases(specs, seed=1, out_dir=Path(tmp) / "cold", jobs=jobs)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        render_cases(specs, seed=1, out_dir=Path(tmp) / "warm", jobs=jobs)
        warm = time.perf_counter() - start
    print(f"bank: {len(specs)} cases, {jobs} workers")
    print(f"render whole bank cold: {cold:.1f} s (target <= 60 s)")
    print(f"render whole bank from cache: {warm:.2f} s (target <= 2 s)")


if __name__ == "__main__":
    main()
