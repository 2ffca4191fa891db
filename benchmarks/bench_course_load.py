"""A room of learners on one `safeshare course serve`: time to interactive, kernels, memory.

Starts the real server on 127.0.0.1 (a free port, a temporary data folder,
the course's notebooks) and, for each room size N (10, 20, 30 by default),
lets N simulated learners arrive over `--arrival` seconds. Each learner, as a
browser would over Jupyter's kernel websocket:

  opens module 00 (`?learner=<code>`), marks the practice case E01 (the key's
  findings, sent as the widget sends them: a `marks` update), presses Check
  (the widget's custom message), reloads the page (a new kernel; the marks must
  come back from disk), opens module 02 and marks its first case, and leaves;
  beside each page it fetches the case pictures the server serves, once each,
  as a browser with its cache would.

Time to interactive is measured per page from the request to the moment the
page's widgets can be used: the page fully received (every cell run), the
kernel's websocket open and the widget states received. A browser adds its own
script loading on top: `--browser` first opens every module in Chromium, uncached then cached,
(Playwright, /usr/bin/chromium) on the idle server and prints that time too.

Printed per room: time to interactive p50/p95 (all pages, and first visits), CPU
seconds per page (the server with its kernels, and the simulated learners),
kernels alive (most seen while learners were active, and after they left and
the cull time passed), the server's memory (RSS and PSS summed over Voila and
its kernels, from /proc/<pid>/smaps_rollup, at the busiest moment) and per
active learner, and answers lost (marks acknowledged as saved but not on disk
afterwards: must be 0). Bounded: every learner stops at `--budget` seconds.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
import websocket

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from safeshare.cases.cache import load_rendered, rendered_case  # noqa: E402
from safeshare.course.modules import COURSE_SEED, MODULES  # noqa: E402
from safeshare.widgets.marks import mark_dict  # noqa: E402

SAFESHARE = Path(sys.executable).with_name("safeshare")
VISITS = (("00-start-here.ipynb", "E01"), ("02-identifiers-in-the-pixels.ipynb", "E05"))
MiB = 1024 * 1024


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    url: str
    data: Path
    process: subprocess.Popen[bytes]

    def tree(self) -> list[psutil.Process]:
        try:
            root = psutil.Process(self.process.pid)
            return [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def kernels(self) -> int:
        count = 0
        for proc in self.tree():
            try:
                command = " ".join(proc.cmdline())
            except psutil.NoSuchProcess:
                continue
            # one launcher per kernel: ipykernel's own, or the course's (a forked kernel)
            count += "ipykernel_launcher" in command or "safeshare.course.forked_kernel" in command
        return count

    def cpu_seconds(self) -> float:
        """CPU time of the server, its kernels and every kernel that has ended (reaped by
        its parent, so counted in the parent's children times)."""
        total = 0.0
        for proc in self.tree():
            try:
                times = proc.cpu_times()
            except psutil.NoSuchProcess:
                continue
            total += times.user + times.system + times.children_user + times.children_system
        return total

    def memory(self) -> tuple[int, int]:
        """RSS and PSS in bytes, summed over the server and its children (smaps_rollup)."""
        rss = pss = 0
        for proc in self.tree():
            try:
                text = Path(f"/proc/{proc.pid}/smaps_rollup").read_text()
            except OSError:
                continue
            for line in text.splitlines():
                name, _, rest = line.partition(":")
                if name in ("Rss", "Pss"):
                    value = int(rest.split()[0]) * 1024
                    rss += value if name == "Rss" else 0
                    pss += value if name == "Pss" else 0
        return rss, pss


@contextmanager
def running(base: Path, *, pool_size: int, cull_after: int, fork: bool = True) -> Iterator[Server]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("SAFESHARE_LEARNER", "QUERY_STRING")}
    env.update(SAFESHARE_DATA=str(base / "data"), JUPYTER_RUNTIME_DIR=str(base / "runtime"))
    command = [
        str(SAFESHARE),
        "course",
        "serve",
        f"--port={port}",
        f"--pool-size={pool_size}",
        f"--cull-after={cull_after}",
        *([] if fork else ["--no-fork"]),
    ]
    log = (base / "serve.log").open("w")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                with urllib.request.urlopen(f"{url}/voila/api/contents", timeout=5):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((base / "serve.log").read_text()[-3000:]) from None
                time.sleep(0.5)
        yield Server(url=url, data=base / "data", process=process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _message(
    msg_type: str, content: dict[str, Any], session: str, metadata: dict[str, Any] | None = None
) -> str:
    header = {
        "msg_id": uuid.uuid4().hex,
        "username": "bench",
        "session": session,
        "date": "",
        "msg_type": msg_type,
        "version": "5.3",
    }
    return json.dumps(
        {
            "header": header,
            "parent_header": {},
            "metadata": metadata or {},
            "content": content,
            "channel": "shell",
            "buffers": [],
        }
    )


class Page:
    """One open page: the HTML fetched (its cells run), the kernel's websocket, its widgets."""

    def __init__(
        self, server: Server, notebook: str, code: str, case: str, seen: set[str] | None = None
    ) -> None:
        start = time.monotonic()
        with urllib.request.urlopen(
            f"{server.url}/voila/render/{notebook}?learner={code}", timeout=600
        ) as response:
            html = response.read().decode("utf-8")
        config = re.search(r'"kernelId": "([0-9a-f-]+)"', html)
        if config is None:
            raise RuntimeError(f"{notebook}: no kernel id in the page")
        self.session = uuid.uuid4().hex
        ws_url = server.url.replace("http", "ws") + f"/api/kernels/{config.group(1)}/channels"
        self.ws = websocket.create_connection(
            f"{ws_url}?session_id={self.session}",
            origin=server.url,
            timeout=600,
            skip_utf8_validation=True,  # pure-Python validation cost more CPU than the server
        )
        control = uuid.uuid4().hex
        self.send(
            "comm_open",
            {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}},
            metadata={"version": "1.0.0"},  # ipywidgets 8 control protocol, as the page sends it
        )
        self.send("comm_msg", {"comm_id": control, "data": {"method": "request_states"}})
        self.exercises: dict[str, str] = {}
        self.status: dict[str, dict[str, Any]] = {}
        self.pictures: set[str] = set()
        states = self.wait(lambda d: d.get("method") == "update_states")["states"]
        for model_id, entry in states.items():
            self._note(model_id, entry.get("state", {}))
        # a preheated kernel builds the exercises once it learns the learner from the
        # request: the page is interactive when this visit's exercise has arrived
        while case not in self.exercises or self.exercises[case] not in self.status:
            msg = _decode(self.ws.recv())
            kind = msg["header"]["msg_type"]
            content = msg["content"]
            data = content.get("data", {})
            if kind == "comm_open" or (kind == "comm_msg" and data.get("method") == "update"):
                self._note(content["comm_id"], data.get("state", {}))
        self.tti = time.monotonic() - start
        # then, as a browser does beside the widgets, fetch the served pictures it has
        # not seen before (its cache keeps them): their cost is in the CPU figures
        for src in sorted(self.pictures - (seen if seen is not None else set())):
            with urllib.request.urlopen(server.url + src, timeout=600) as response:
                response.read()
        if seen is not None:
            seen |= self.pictures

    def _note(self, model_id: str, state: dict[str, Any]) -> None:
        """Remember an exercise widget: its case and its status line."""
        case = state.get("_case")
        if isinstance(case, dict) and case.get("case_id"):
            self.exercises[str(case["case_id"])] = model_id
            sources = [i.get("src", "") for i in case.get("images", [])]
            sources.append((case.get("consent") or {}).get("form_src", ""))
            self.pictures |= {s for s in sources if isinstance(s, str) and s.startswith("/")}
        if isinstance(state.get("status"), dict) and state["status"]:
            self.status[model_id] = dict(state["status"])

    def send(
        self, msg_type: str, content: dict[str, Any], metadata: dict[str, Any] | None = None
    ) -> None:
        self.ws.send(_message(msg_type, content, self.session, metadata))

    def wait(self, wanted: Any, model: str | None = None) -> dict[str, Any]:
        """The data of the next comm message (for `model`, if given) that `wanted` accepts."""
        while True:
            msg = _decode(self.ws.recv())
            if msg.get("msg_type") != "comm_msg" and msg["header"]["msg_type"] != "comm_msg":
                continue
            content = msg["content"]
            if model is not None and content.get("comm_id") != model:
                continue
            data = content.get("data", {})
            if wanted(data):
                return dict(data)

    def update(self, model: str, state: dict[str, Any]) -> dict[str, Any]:
        self.send(
            "comm_msg",
            {"comm_id": model, "data": {"method": "update", "state": state, "buffer_paths": []}},
        )
        return self.wait(_status_is("saved", "error"), model)

    def custom(self, model: str, action: str) -> dict[str, Any]:
        self.send(
            "comm_msg",
            {"comm_id": model, "data": {"method": "custom", "content": {"action": action}}},
        )
        return self.wait(lambda d: "feedback" in d.get("state", {}), model)

    def close(self) -> None:
        self.ws.close()


def _decode(frame: str | bytes) -> dict[str, Any]:
    """A kernel message from a websocket frame: JSON text, or Jupyter's binary framing
    (a count of parts, their offsets, then the JSON part and the buffers)."""
    if isinstance(frame, str):
        return dict(json.loads(frame))
    parts = int.from_bytes(frame[:4], "big")
    offsets = [int.from_bytes(frame[4 + 4 * i : 8 + 4 * i], "big") for i in range(parts)]
    end = offsets[1] if parts > 1 else len(frame)
    return dict(json.loads(frame[offsets[0] : end].decode("utf-8")))


def _status_is(*kinds: str) -> Any:
    def accept(data: dict[str, Any]) -> bool:
        status = data.get("state", {}).get("status")
        return isinstance(status, dict) and status.get("kind") in kinds

    return accept


def key_marks(case_id: str) -> list[dict[str, Any]]:
    """The key's findings as the widget's marks: what a learner who finds everything sends."""
    _, key = load_rendered(rendered_case(case_id, seed=COURSE_SEED))
    assert key is not None
    return [mark_dict(f"m{n}", f.category, f.location) for n, f in enumerate(key.findings, 1)]


@dataclass
class Learner:
    code: str
    ttis: list[float] = field(default_factory=list)
    first_ttis: list[float] = field(default_factory=list)
    saved: dict[str, int] = field(default_factory=dict)
    pictures: set[str] = field(default_factory=set)  # the browser's cache
    problems: list[str] = field(default_factory=list)


def learn(server: Server, learner: Learner, marks: dict[str, list[dict[str, Any]]]) -> None:
    try:
        for notebook, case in VISITS:
            page = Page(server, notebook, learner.code, case, learner.pictures)
            learner.ttis.append(page.tti)
            learner.first_ttis.append(page.tti)
            model = page.exercises[case]
            reply = page.update(model, {"marks": marks[case]})
            if reply["state"]["status"]["kind"] == "saved":
                learner.saved[case] = len(marks[case])
            if notebook.startswith("00"):
                page.custom(model, "check")
                page.close()
                page = Page(server, notebook, learner.code, case, learner.pictures)  # reload
                learner.ttis.append(page.tti)
                restored = page.status[page.exercises[case]].get("text", "")
                if f"Restored {len(marks[case])} mark" not in restored:
                    learner.problems.append(f"{case} after reload: {restored!r}")
            page.close()
    except Exception as exc:  # reported with the figures, never hidden
        learner.problems.append(f"{type(exc).__name__}: {exc}")


def answers_lost(server: Server, learners: list[Learner]) -> int:
    lost = 0
    for learner in learners:
        folder = server.data / "learners" / learner.code / "answers"
        for case, count in learner.saved.items():
            files = list(folder.rglob(f"{case}*.json"))
            on_disk = json.loads(files[0].read_text())["findings"] if files else []
            lost += max(0, count - len(on_disk))
    return lost


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def room(server: Server, n: int, *, arrival: float, budget: float, cull_after: int) -> None:
    marks = {case: key_marks(case) for _, case in VISITS}
    learners = [Learner(code=f"bench-{n}-{i:02d}") for i in range(n)]
    threads = [
        threading.Thread(target=learn, args=(server, x, marks), daemon=True) for x in learners
    ]
    peak = {"kernels": 0, "rss": 0, "pss": 0}
    done = threading.Event()

    def monitor() -> None:
        while not done.is_set():
            peak["kernels"] = max(peak["kernels"], server.kernels())
            rss, pss = server.memory()
            if pss > peak["pss"]:
                peak["rss"], peak["pss"] = rss, pss
            time.sleep(1)

    watcher = threading.Thread(target=monitor, daemon=True)
    load_before = os.getloadavg()[0]
    baseline_rss, baseline_pss = server.memory()
    baseline_kernels = server.kernels()
    cpu_before, own_before = server.cpu_seconds(), time.process_time()
    watcher.start()
    started = time.monotonic()
    for thread in threads:
        thread.start()
        time.sleep(arrival / n)
    for thread in threads:
        thread.join(timeout=max(1.0, budget - (time.monotonic() - started)))
    elapsed = time.monotonic() - started
    load_after = os.getloadavg()[0]
    done.set()
    watcher.join()
    unfinished = sum(t.is_alive() for t in threads)
    time.sleep(cull_after + max(1, min(30, cull_after // 4)) + 5)
    after = server.kernels()
    server_cpu, own_cpu = server.cpu_seconds() - cpu_before, time.process_time() - own_before
    ttis = [t for x in learners for t in x.ttis]
    firsts = [t for x in learners for t in x.first_ttis]
    problems = [p for x in learners for p in x.problems]
    print(
        f"{n:>3} learners ({elapsed:.0f} s, arriving over {arrival:.0f} s): "
        f"time to interactive p50 {percentile(ttis, 0.5):.1f} s, "
        f"p95 {percentile(ttis, 0.95):.1f} s (first visits p50 {percentile(firsts, 0.5):.1f} s, "
        f"p95 {percentile(firsts, 0.95):.1f} s; "
        f"{len(ttis)} pages; load average {load_before:.1f} before, {load_after:.1f} after)"
    )
    pages = max(1, len(ttis))
    print(
        f"      CPU per page: {server_cpu / pages:.2f} s for the server and its kernels "
        f"({server_cpu:.0f} s in all), {own_cpu / pages:.2f} s for these simulated learners"
    )
    print(
        f"      kernels: {baseline_kernels} before (pool), {peak['kernels']} at most during, "
        f"{after} after the learners left (+{cull_after} s)"
    )
    print(
        f"      memory: RSS {peak['rss'] / MiB:.0f} MiB, PSS {peak['pss'] / MiB:.0f} MiB at the "
        f"busiest (idle server: RSS {baseline_rss / MiB:.0f}, PSS {baseline_pss / MiB:.0f}); "
        f"per active learner: RSS {(peak['rss'] - baseline_rss) / MiB / n:.0f} MiB, "
        f"PSS {(peak['pss'] - baseline_pss) / MiB / n:.0f} MiB"
    )
    print(
        f"      answers lost: {answers_lost(server, learners)} "
        f"(of {sum(sum(x.saved.values()) for x in learners)} marks saved); "
        f"unfinished learners: {unfinished}; problems: {len(problems)}"
    )
    for problem in problems[:5]:
        print(f"        {problem}")


def browser_tti(server: Server) -> None:
    """Each module in Chromium, request to 'Working as' on screen (script loading included):
    first in a fresh browser profile (nothing cached), then again in the same profile,
    as a learner who has opened a module before (Voila's scripts cached)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
        )
        for mod in MODULES:
            context = browser.new_context()
            page = context.new_page()
            url = f"{server.url}/voila/render/{mod.notebook}?learner=bench-browser"
            times = []
            for _ in range(2):
                start = time.monotonic()
                page.goto(url)
                page.wait_for_selector("text=Working as", timeout=600_000)
                times.append(time.monotonic() - start)
            print(
                f"  module {mod.id} in Chromium: interactive in {times[0]:.1f} s with nothing "
                f"cached, {times[1]:.1f} s with the browser's cache"
            )
            context.close()
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, nargs="+", default=[10, 20, 30])
    parser.add_argument("--pool-size", type=int, default=0, help="preheated kernels for module 00")
    parser.add_argument("--cull-after", type=int, default=30)
    parser.add_argument(
        "--arrival", type=float, default=30.0, help="seconds over which a room arrives"
    )
    parser.add_argument("--budget", type=float, default=600.0, help="seconds a room may take")
    parser.add_argument("--warm", type=float, default=60.0, help="seconds to let the pool fill")
    parser.add_argument("--browser", action="store_true", help="time each module in Chromium too")
    parser.add_argument(
        "--no-fork",
        action="store_true",
        help="start each kernel as a new process (serve --no-fork), to compare with forking",
    )
    args = parser.parse_args()
    load = os.getloadavg()
    print(
        f"bench_course_load: {os.cpu_count()} cores, load average {load[0]:.1f} at start; "
        f"{args.pool_size} preheated kernels for module 00, "
        f"kernels culled after {args.cull_after} s, "
        f"kernels {'started as new processes (--no-fork)' if args.no_fork else 'forked'}"
    )
    base = Path(tempfile.mkdtemp(prefix="safeshare-load-"))
    try:
        for n in args.learners:
            folder = base / f"room-{n}"
            folder.mkdir()
            with running(
                folder, pool_size=args.pool_size, cull_after=args.cull_after, fork=not args.no_fork
            ) as server:
                time.sleep(args.warm)
                if args.browser and n == args.learners[0]:
                    browser_tti(server)
                room(
                    server, n, arrival=args.arrival, budget=args.budget, cull_after=args.cull_after
                )
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
