"""The kernel forker: course kernels forked from one loaded process, real jupyter_client kernels.

Each test starts the forker (python -m safeshare.course.kernel_forker) and launches
kernels the way Voila does, through the course's kernelspec (jupyter/kernels/python3)
with jupyter_client's KernelManager; nothing is mocked.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest
from jupyter_client.manager import KernelManager

from safeshare.course.kernel_forker import (
    FORKER_ENV,
    ForkRequest,
    decode_request,
    encode_request,
    start_forker,
)
from safeshare.course.prepared import PREPARED_ENV, PreparedIndex
from safeshare.course.serve import _JUPYTER_DATA, prepare_cases, serve

pytestmark = pytest.mark.xdist_group("kernels")


@pytest.fixture
def forker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[subprocess.Popen[bytes]]:
    """A forker, and this process's kernels pointed at it and at the course's kernelspec."""
    folder = Path(os.path.realpath("/tmp")) / f"ss-test-{os.getpid()}-{time.monotonic_ns()}"
    folder.mkdir(mode=0o700)
    sock = folder / "forker.sock"
    monkeypatch.setenv("JUPYTER_PATH", str(_JUPYTER_DATA))
    process = start_forker(sock, dict(os.environ))
    monkeypatch.setenv(FORKER_ENV, str(sock))
    yield process
    process.terminate()
    process.wait(timeout=20)
    sock.unlink(missing_ok=True)
    folder.rmdir()


class Kernel:
    """A kernel started as Voila starts one, and a way to run code in it."""

    def __init__(self, cwd: Path, **env: str) -> None:
        self.manager = KernelManager(kernel_name="python3")
        self.manager.start_kernel(cwd=str(cwd), env={**os.environ, **env})
        self.client = self.manager.client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=60)

    def run(self, code: str, *, timeout: float = 60) -> dict[str, Any]:
        """Run code; its printed text and the reply's status."""
        msg_id = self.client.execute(code)
        text, status = "", ""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            msg = self.client.get_iopub_msg(timeout=timeout)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "stream":
                text += msg["content"]["text"]
            elif msg["msg_type"] == "error":
                status = msg["content"]["ename"]
            elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        return {"text": text, "error": status}

    def value(self, expression: str) -> Any:
        return json.loads(self.run(f"import json; print(json.dumps({expression}))")["text"])

    def launcher_pid(self) -> int:
        provisioner = self.manager.provisioner
        assert provisioner is not None
        pid = provisioner.pid  # type: ignore[attr-defined]
        assert isinstance(pid, int)
        return pid

    def stop(self) -> None:
        self.client.stop_channels()
        if self.manager.is_alive():
            self.manager.shutdown_kernel(now=True)


def _children(process: subprocess.Popen[bytes]) -> list[psutil.Process]:
    return [c for c in psutil.Process(process.pid).children() if c.status() != "zombie"]


def _is_zombie(pid: int) -> bool:
    try:
        return bool(psutil.Process(pid).status() == "zombie")
    except psutil.NoSuchProcess:
        return True


def _wait_until(check: Any, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return bool(check())


def test_a_kernel_is_a_fork_with_the_course_loaded_and_the_pages_world(
    forker: subprocess.Popen[bytes], tmp_path: Path
) -> None:
    index = PreparedIndex(tmp_path / "prepared" / "index.json")
    prepare_cases(modules=["02"], index=index)
    kernel = Kernel(
        tmp_path,
        SAFESHARE_TEST_MARK="from-the-page",
        QUERY_STRING="learner=ada",
        SAFESHARE_DATA=str(tmp_path / "data"),
        **{PREPARED_ENV: str(index.path)},
    )
    try:
        facts = kernel.value(
            "{'ppid': __import__('os').getppid(), 'cwd': __import__('os').getcwd(),"
            " 'mark': __import__('os').environ.get('SAFESHARE_TEST_MARK'),"
            " 'query': __import__('os').environ.get('QUERY_STRING'),"
            " 'loaded': 'safeshare.course.page' in __import__('sys').modules,"
            " 'session': __import__('os').getsid(0) == __import__('os').getpid()}"
        )
        assert facts["ppid"] == forker.pid
        assert facts == {**facts, "cwd": str(tmp_path), "mark": "from-the-page"}
        assert facts["query"] == "learner=ada"
        assert facts["loaded"], "the kernel should find the course already imported"
        assert facts["session"], "a kernel has its own session: Ctrl-C on the server misses it"
        page = kernel.run(
            "from safeshare.course import open_module\n"
            "import sys; before = set(sys.modules)\n"
            "page = open_module('02', environ={'SAFESHARE_LEARNER': 'ada'})\n"
            "page.exercise('E05')\n"
            "print(len(set(sys.modules) - before))"
        )
        assert page["error"] == "", page
        assert int(page["text"].split()[-1]) < 10, "the forker should preload what pages import"
    finally:
        kernel.stop()


def test_two_kernels_are_separate_processes(
    forker: subprocess.Popen[bytes], tmp_path: Path
) -> None:
    first, second = Kernel(tmp_path), Kernel(tmp_path)
    try:
        first.run("shared = 'first'")
        assert second.run("print(shared)")["error"] == "NameError"
        assert first.value("__import__('os').getpid()") != second.value("__import__('os').getpid()")
        assert len(_children(forker)) == 2
    finally:
        first.stop()
        second.stop()
    assert _wait_until(lambda: not _children(forker))


def test_a_page_can_ask_a_forked_kernel_for_its_widgets(
    forker: subprocess.Popen[bytes], tmp_path: Path
) -> None:
    """The page asks for every widget's state over the `jupyter.widget.control` comm.
    ipywidgets registers that target at import only inside a kernel, and the forker
    imported it before there was one: the fork must register it again."""
    kernel = Kernel(tmp_path)
    try:
        made = kernel.run(
            "import ipywidgets; slider = ipywidgets.IntSlider(7); print(slider.model_id)"
        )
        model_id = made["text"].strip()
        session = kernel.client.session
        opened = session.msg(
            "comm_open",
            {"comm_id": "page-control", "target_name": "jupyter.widget.control", "data": {}},
            metadata={"version": "1.0.0"},
        )
        kernel.client.shell_channel.send(opened)
        ask = session.msg(
            "comm_msg", {"comm_id": "page-control", "data": {"method": "request_states"}}
        )
        kernel.client.shell_channel.send(ask)
        states: dict[str, Any] = {}
        deadline = time.monotonic() + 30
        while not states and time.monotonic() < deadline:
            msg = kernel.client.get_iopub_msg(timeout=30)
            content = msg["content"]
            assert "No such comm target" not in str(content.get("text", "")), content
            if msg["msg_type"] == "comm_msg" and content["data"].get("method") == "update_states":
                states = content["data"]["states"]
        assert states[model_id]["state"]["value"] == 7
    finally:
        kernel.stop()


def test_an_interrupt_reaches_the_forked_kernel(
    forker: subprocess.Popen[bytes], tmp_path: Path
) -> None:
    kernel = Kernel(tmp_path)
    try:
        # stop_on_error=False: after an error ipykernel aborts the requests queued behind
        # it until a message of its own comes round, and the next request could be one
        msg_id = kernel.client.execute("import time; time.sleep(60)", stop_on_error=False)
        time.sleep(1)
        kernel.manager.interrupt_kernel()
        reply = kernel.client.get_shell_msg(timeout=20)
        assert reply["parent_header"]["msg_id"] == msg_id
        assert reply["content"]["ename"] == "KeyboardInterrupt"
        assert kernel.value("1 + 1") == 2, "the kernel lives on after an interrupt"
    finally:
        kernel.stop()


def test_a_shutdown_ends_kernel_and_launcher(
    forker: subprocess.Popen[bytes], tmp_path: Path
) -> None:
    kernel = Kernel(tmp_path)
    launcher = psutil.Process(kernel.launcher_pid())
    (forked,) = _children(forker)
    kernel.client.stop_channels()
    kernel.manager.shutdown_kernel()
    assert _wait_until(lambda: not forked.is_running() or forked.status() == "zombie")
    assert _wait_until(lambda: not launcher.is_running() or launcher.status() == "zombie")
    assert not _children(forker)


def test_a_killed_launcher_takes_its_kernel_with_it(
    forker: subprocess.Popen[bytes], tmp_path: Path
) -> None:
    kernel = Kernel(tmp_path)
    (forked,) = _children(forker)
    os.kill(kernel.launcher_pid(), signal.SIGKILL)
    assert _wait_until(lambda: not _children(forker)), "the orphaned kernel was not stopped"
    assert not forked.is_running() or forked.status() == "zombie"
    kernel.stop()


def test_stopping_the_forker_stops_its_kernels(
    forker: subprocess.Popen[bytes], tmp_path: Path
) -> None:
    kernel = Kernel(tmp_path)
    (forked,) = _children(forker)
    forker.terminate()
    forker.wait(timeout=20)
    assert _wait_until(lambda: not forked.is_running() or forked.status() == "zombie")
    assert _wait_until(lambda: not kernel.manager.is_alive())
    kernel.stop()


def test_without_a_forker_the_kernel_starts_the_ordinary_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JUPYTER_PATH", str(_JUPYTER_DATA))
    monkeypatch.setenv(FORKER_ENV, str(tmp_path / "nobody-listens.sock"))
    kernel = Kernel(tmp_path)
    try:
        assert kernel.value("__import__('os').getppid()") == os.getpid()
        assert kernel.value("__import__('os').getpid()") == kernel.launcher_pid()
    finally:
        kernel.stop()


def test_the_socket_is_for_its_owner_only_and_a_bad_request_is_answered(
    forker: subprocess.Popen[bytes],
) -> None:
    path = Path(os.environ[FORKER_ENV])
    assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0
    assert stat.S_IMODE(path.parent.stat().st_mode) & 0o077 == 0
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.connect(str(path))
        sock.sendall(b'{"argv": "not a list"}\n')
        answer = json.loads(sock.makefile("rb").readline())
    assert "argv" in answer["error"]
    assert forker.poll() is None and not _children(forker)


def test_requests_round_trip_and_bad_ones_say_what_is_wrong() -> None:
    request = ForkRequest(argv=("-f", "k.json"), cwd="/srv", env={"A": "1"})
    assert decode_request(encode_request(request).strip()) == request
    for bad, problem in (
        (b"[]", "JSON object"),
        (b'{"argv": [1], "cwd": "/", "env": {}}', "argv"),
        (b'{"argv": [], "cwd": 3, "env": {}}', "cwd"),
        (b'{"argv": [], "cwd": "/", "env": {"A": 1}}', "env"),
    ):
        with pytest.raises(ValueError, match=problem):
            decode_request(bad)


def test_serve_runs_voila_beside_a_forker_and_stops_it_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAFESHARE_DATA", str(tmp_path / "data"))
    seen: list[int] = []

    def fake_voila(command: Any) -> int:
        del command
        forkers = [
            p
            for p in psutil.Process().children()
            if "safeshare.course.kernel_forker" in " ".join(p.cmdline())
        ]
        assert len(forkers) == 1
        seen.append(forkers[0].pid)
        return 0

    assert serve(port=9004, prepare=False, run=fake_voila) == 0
    (pid,) = seen
    assert _wait_until(lambda: not psutil.pid_exists(pid) or _is_zombie(pid))
    assert serve(port=9005, prepare=False, fork_kernels=False, run=lambda c: 0) == 0
