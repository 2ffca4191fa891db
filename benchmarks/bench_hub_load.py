"""A room on the workshop hub: N learners log in, do module 00 and submit an assignment, at once.

Runs the rehearsal of tests/hub (deploy/hub/jupyterhub_config.py on 127.0.0.1,
the dummy authenticator, one real Unix account per learner, made and removed
here) with N learners, `--concurrency` of them working at a time. Each learner
logs in through the hub's form and waits for module 00 in Voila (the time to
a first interactive page), marks case E01 in the page's kernel, fetches the
graded assignment, answers one item and submits; then their page is closed
(its kernel shut down, as culling would). Printed: time to first page
(p50/p95/max), the dashboard's refresh with N learners (cold and warm), the
hub's and each learner server's memory (RSS and PSS, while working and idle),
and answers lost (must be 0: every mark on disk and every submission
collected). Loopback only; bounded by --deadline. Needs root.

    sudo .venv/bin/python benchmarks/bench_hub_load.py --learners 50 --concurrency 10
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import psutil
import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.hub.actions import answer_assignment, mark_e01
from tests.hub.harness import hub_problems
from tests.hub.people import login
from tests.hub.rehearsal import Rehearsal, rehearsal, run_as

MIB = 1024 * 1024


@dataclass
class Done:
    name: str
    page_seconds: float
    total_seconds: float
    rss: int
    pss: int
    cpu: float = 0.0
    """CPU seconds the learner's server and kernel used for all of it."""
    error: str = ""


def _usage(user: str) -> tuple[int, int, float]:
    """RSS, PSS and CPU seconds so far, summed over every process of one account."""
    rss = pss = 0
    cpu = 0.0
    for proc in psutil.process_iter(["username"]):
        if proc.info["username"] != user:
            continue
        try:
            full = proc.memory_full_info()
            times = proc.cpu_times()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        rss += full.rss
        pss += getattr(full, "pss", full.rss)
        cpu += times.user + times.system + times.children_user + times.children_system
    return rss, pss, cpu


def _memory(user: str) -> tuple[int, int]:
    rss, pss, _ = _usage(user)
    return rss, pss


def _hub_memory(room: Rehearsal) -> tuple[int, int]:
    """RSS and PSS of the hub, its proxy and its idle-culler service (not learners' servers,
    which are the hub's children too but run as the learners)."""
    assert room.hub.process is not None
    hub = psutil.Process(room.hub.process.pid)
    procs = [hub]
    for child in hub.children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess):
            if child.uids().real == 0:  # the hub's own services, not learners' servers
                procs.append(child)
    pid_file = room.root / "hub" / "proxy.pid"
    if pid_file.exists():
        procs.append(psutil.Process(int(pid_file.read_text().strip())))
    rss = pss = 0
    for proc in procs:
        try:
            full = proc.memory_full_info()
        except psutil.NoSuchProcess:
            continue
        rss += full.rss
        pss += getattr(full, "pss", full.rss)
    return rss, pss


def _learner(room: Rehearsal, name: str, deadline: float) -> Done:
    started = time.monotonic()
    if started > deadline:
        return Done(name, 0, 0, 0, 0, "not started: the deadline had passed")
    try:
        person = login(room.hub, name)
        mark_e01(person, 2)
        answer_assignment(room, person, 0.5)
        rss, pss, cpu = _usage(name)
        requests.delete(
            f"{person.server}/api/kernels/{person.kernel}",
            headers={"Authorization": f"token {person.token}"},
            timeout=60,
        )
        person.close()
        return Done(name, person.page_seconds, time.monotonic() - started, rss, pss, cpu)
    except Exception as exc:  # a benchmark reports every learner's failure and goes on
        return Done(name, 0, time.monotonic() - started, 0, 0, f"{type(exc).__name__}: {exc}")


def _lost(room: Rehearsal, done: list[Done]) -> list[str]:
    """Every learner whose saved mark or submission is not where it should be."""
    lost = []
    course = room.course
    run_as(room.educator, room, "nbgrader", "collect", "demo", cwd=course)
    for d in done:
        answer = room.data / d.name / "answers" / "00" / "E01.json"
        progress = room.data / d.name / "progress.json"
        submitted = course / "submitted" / d.name / "demo" / "answers"
        if not answer.is_file() or len(json.loads(answer.read_text())["findings"]) != 2:
            lost.append(f"{d.name}: module 00 answer")
        if not progress.is_file() or "E01" not in progress.read_text():
            lost.append(f"{d.name}: progress")
        if not any(submitted.glob("q*.json")):
            lost.append(f"{d.name}: submission")
    return lost


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--deadline", type=float, default=1800.0, help="seconds, in all")
    args = parser.parse_args()
    problems = hub_problems()
    if problems:
        print("cannot run: " + "; ".join(problems))
        return 1
    load = os.getloadavg()
    print(
        f"load average before: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores"
    )
    roles = [f"l{n:03d}" for n in range(args.learners)]
    started = time.monotonic()
    with rehearsal(roles, extra_env={"SAFESHARE_HUB_CULL_AFTER": "3600"}) as room:
        print(
            f"set up ({args.learners} accounts, course, hub) in {time.monotonic() - started:.0f} s"
        )
        hub_idle = _hub_memory(room)
        deadline = time.monotonic() + args.deadline
        done: list[Done] = []
        peak_hub = [hub_idle]
        stop = threading.Event()

        def watch_hub() -> None:
            while not stop.wait(2.0):
                peak_hub.append(_hub_memory(room))

        threading.Thread(target=watch_hub, daemon=True).start()
        room_started = time.monotonic()
        with ThreadPoolExecutor(args.concurrency) as pool:
            futures = [pool.submit(_learner, room, name, deadline) for name in room.learners]
            for future in as_completed(futures):
                d = future.result()
                done.append(d)
                status = d.error or f"page {d.page_seconds:.1f} s, all {d.total_seconds:.1f} s"
                print(f"  {d.name}: {status}", flush=True)
        stop.set()
        room_seconds = time.monotonic() - room_started
        idle = [_memory(name) for name in room.learners]
        with tempfile.TemporaryDirectory() as pictures:
            os.environ["SAFESHARE_CACHE"] = str(room.root / "cache")
            from safeshare.dashboard import Board

            board = Board(room.root / "data", Path(pictures))
            cold = board.refresh()
            warm = board.refresh()
        lost = _lost(room, done)
        ok = [d for d in done if not d.error]
        pages = [d.page_seconds for d in ok]
        print()
        print(
            f"learners: {len(ok)} of {args.learners} finished in {room_seconds:.0f} s "
            f"({args.concurrency} at a time)"
        )
        if pages:
            print(
                f"time to first interactive page: p50 {statistics.median(pages):.1f} s, "
                f"p95 {_percentile(pages, 0.95):.1f} s, max {max(pages):.1f} s"
            )
            rss = [d.rss / MIB for d in ok]
            pss = [d.pss / MIB for d in ok]
            print(
                "learner server working (server + page kernel): "
                f"RSS mean {statistics.mean(rss):.0f} MiB (max {max(rss):.0f}), "
                f"PSS mean {statistics.mean(pss):.0f} MiB"
            )
            cpu = [d.cpu for d in ok]
            print(
                f"CPU per learner (server + kernel, log-in to submission): mean "
                f"{statistics.mean(cpu):.1f} s, max {max(cpu):.1f} s"
            )
        idle_rss = [r / MIB for r, _ in idle]
        idle_pss = [p / MIB for _, p in idle]
        print(
            f"learner server idle (kernel closed): RSS mean {statistics.mean(idle_rss):.0f} MiB, "
            f"PSS mean {statistics.mean(idle_pss):.0f} MiB"
        )
        top = max(peak_hub, key=lambda m: m[0])
        assert room.hub.process is not None
        hub_proc = psutil.Process(room.hub.process.pid)
        hub_cpu = sum(hub_proc.cpu_times()[:2])
        print(f"hub CPU for the whole room: {hub_cpu:.0f} s")
        print(
            f"hub + proxy + culler: RSS {hub_idle[0] / MIB:.0f} MiB idle, {top[0] / MIB:.0f} MiB "
            f"peak; PSS {top[1] / MIB:.0f} MiB peak"
        )
        print(
            f"dashboard refresh with {cold.learners} learners: {cold.seconds:.2f} s cold, "
            f"{warm.seconds:.2f} s warm ({sum(p.stats.answered for p in warm.cases)} answers)"
        )
        print(f"answers lost: {len(lost)}" + (f" ({'; '.join(lost[:5])})" if lost else ""))
        errors = [d for d in done if d.error]
        for d in errors[:5]:
            print(f"  failed: {d.name}: {d.error[:300]}")
    load = os.getloadavg()
    print(f"load average after: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    return 0 if not lost and not errors else 1


if __name__ == "__main__":
    raise SystemExit(main())
