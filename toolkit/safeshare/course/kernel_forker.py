"""The course server's kernel forker: kernels forked from one process that has imported them.

Every page of the Voila course starts a Python kernel, and most of a kernel's
start is importing: ipykernel, IPython, ipywidgets and the course's own
modules cost about 0.6 CPU-seconds of the 0.7-0.9 a module page's kernel takes
(on a 2-core machine with a room arriving, that is what learners wait behind).
The forker imports all that once; `safeshare course serve` starts it beside
Voila, and each kernel Voila launches (`forked_kernel`, through the course's
kernelspec) asks it over a Unix socket for a fork that becomes the kernel: the
fork has every module already loaded, and shares their memory with its
siblings until it writes to it.

The protocol is one JSON line each way: the launcher sends its kernel arguments,
working folder and environment; the forker answers `{"pid": N}` and, when that
kernel exits, `{"exit": status}`. A launcher that goes away (killed by the
server) takes its kernel with it. The forker is single-threaded (forking a
process with threads can copy a held lock), and each fork starts its own
session, as jupyter_client's launcher does, so Ctrl-C in the terminal does not
reach the kernels.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import selectors
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "FORKER_ENV",
    "PRELOAD",
    "ForkRequest",
    "decode_request",
    "encode_request",
    "main",
    "run_forker",
    "start_forker",
]

FORKER_ENV = "SAFESHARE_KERNEL_FORKER"
"""The environment variable that holds the forker's socket path (set for Voila's kernels)."""

PRELOAD = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.zmqshell",
    "ipykernel.debugger",
    "IPython.core.completerlib",
    "IPython.core.debugger",
    "IPython.core.oinspect",
    "IPython.extensions.storemagic",
    "IPython.core.logger",
    "tornado.queues",
    "tornado.platform.asyncio",
    "sqlite3",
    "psutil",
    "ipywidgets",
    "anywidget",
    "safeshare.course.page",
    "safeshare.course.exercise_slot",
    "safeshare.course.capstone",
    "safeshare.course.certificate_box",
    "safeshare.course.reflection",
    "safeshare.course.selfcheck",
    "safeshare.widgets.exercise",
    "safeshare.grade",
)
"""What a course page's kernel imports, measured by running every module (see the tests)."""

_MAX_REQUEST = 1 << 20


@dataclass(frozen=True, slots=True, kw_only=True)
class ForkRequest:
    """What a launcher asks for: the kernel's arguments, folder and environment."""

    argv: tuple[str, ...]
    cwd: str
    env: Mapping[str, str]


def encode_request(request: ForkRequest) -> bytes:
    """One JSON line."""
    data = {"argv": list(request.argv), "cwd": request.cwd, "env": dict(request.env)}
    return json.dumps(data).encode() + b"\n"


def decode_request(line: bytes) -> ForkRequest:
    """Parse a request line; ValueError names what is wrong."""
    data = json.loads(line)
    if not isinstance(data, dict):
        raise ValueError("a request must be a JSON object")
    argv, cwd, env = data.get("argv"), data.get("cwd"), data.get("env")
    if not isinstance(argv, list) or not all(isinstance(a, str) for a in argv):
        raise ValueError("argv must be a list of text")
    if not isinstance(cwd, str) or not isinstance(env, dict):
        raise ValueError("cwd must be text and env a mapping")
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in env.items()):
        raise ValueError("env must map text to text")
    return ForkRequest(argv=tuple(argv), cwd=cwd, env=env)


def preload(names: Sequence[str] = PRELOAD) -> list[str]:
    """Import what the kernels will need; returns the names that failed (logged, not fatal)."""
    failed = []
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as exc:  # a kernel imports it itself, as without the forker
            print(f"safeshare forker: could not preload {name}: {exc}", file=sys.stderr)
            failed.append(name)
    return failed


def _become_kernel(request: ForkRequest, closing: Sequence[socket.socket]) -> None:
    """In the fork: drop the forker's sockets and signals, take the request's world, run."""
    status = 1
    try:
        for sock in closing:
            sock.close()
        signal.set_wakeup_fd(-1)
        for sig in (signal.SIGCHLD, signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_DFL)
        os.setsid()
        os.chdir(request.cwd)
        os.environ.clear()
        os.environ.update(request.env)
        argv = list(request.argv)
        parent = request.env.get("JPY_PARENT_PID", "")
        if parent.isdigit():  # read by ipykernel at import, in the forker: say it again here
            argv.append(f"--IPKernelApp.parent_handle={parent}")
        sys.argv = [sys.executable, *argv]
        _run_kernel(argv)
        status = 0
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else 1
    except BaseException as exc:  # the fork must never return into the forker's loop
        print(f"safeshare forker: kernel failed: {exc!r}", file=sys.stderr)
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(status)


def _run_kernel(argv: Sequence[str]) -> None:
    """Start ipykernel as `launch_new_instance` does, redoing the import-time set-up
    that needs a live kernel: the forker imported those modules before there was one."""
    from ipykernel.kernelapp import IPKernelApp

    app = IPKernelApp.instance()
    app.initialize(list(argv))  # type: ignore[no-untyped-call]
    _register_import_hooks()
    app.start()  # type: ignore[no-untyped-call]


def _register_import_hooks() -> None:
    """What preloaded modules do at import only inside a kernel: ipywidgets registers
    its comm targets (`jupyter.widget`, `jupyter.widget.control`); without them the page
    cannot ask for the widgets' states."""
    if "ipywidgets" in sys.modules:
        import ipywidgets  # type: ignore[import-untyped]

        ipywidgets.register_comm_target()


class _Forker:
    """The loop: accept launchers, fork kernels, report their exits, reap."""

    def __init__(self, listener: socket.socket) -> None:
        self.listener = listener
        self.selector = selectors.DefaultSelector()
        self.buffers: dict[socket.socket, bytes] = {}
        self.kernels: dict[int, socket.socket] = {}
        self.stopping = False
        self.parent = os.getppid()
        self.wakeup_r, self.wakeup_w = os.pipe()
        os.set_blocking(self.wakeup_w, False)
        os.set_blocking(self.wakeup_r, False)

    def run(self) -> None:
        signal.set_wakeup_fd(self.wakeup_w)
        signal.signal(signal.SIGCHLD, lambda *_: None)
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        self.listener.setblocking(False)
        self.selector.register(self.listener, selectors.EVENT_READ)
        self.selector.register(self.wakeup_r, selectors.EVENT_READ)
        while not self.stopping:
            for key, _ in self.selector.select(timeout=5):
                if key.fileobj is self.listener:
                    self._accept()
                elif key.fileobj == self.wakeup_r:
                    with contextlib.suppress(BlockingIOError):
                        os.read(self.wakeup_r, 512)
                elif isinstance(key.fileobj, socket.socket):
                    self._readable(key.fileobj)
            self._reap()
            if os.getppid() != self.parent:  # the server is gone (killed outright): so are we
                self.stopping = True
        self._kill_all()

    def _stop(self, *_: Any) -> None:
        self.stopping = True

    def _accept(self) -> None:
        with contextlib.suppress(BlockingIOError):
            conn, _ = self.listener.accept()
            conn.setblocking(False)
            self.buffers[conn] = b""
            self.selector.register(conn, selectors.EVENT_READ)

    def _readable(self, conn: socket.socket) -> None:
        try:
            chunk = conn.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            chunk = b""
        if not chunk:  # the launcher went away: its kernel goes with it
            self._drop(conn)
            return
        if conn not in self.buffers:  # already forked: launchers send nothing more
            return
        data = self.buffers[conn] + chunk
        if b"\n" not in data:
            if len(data) > _MAX_REQUEST:
                self._drop(conn)
            else:
                self.buffers[conn] = data
            return
        del self.buffers[conn]
        try:
            request = decode_request(data.split(b"\n", 1)[0])
        except ValueError as exc:
            self._reply(conn, {"error": str(exc)})
            self._drop(conn)
            return
        self._fork(conn, request)

    def _fork(self, conn: socket.socket, request: ForkRequest) -> None:
        others = [self.listener, *self.buffers, *self.kernels.values()]
        pid = os.fork()
        if pid == 0:
            _become_kernel(request, [*others, conn])
        self.kernels[pid] = conn
        self._reply(conn, {"pid": pid})

    def _reply(self, conn: socket.socket, message: Mapping[str, Any]) -> None:
        with contextlib.suppress(OSError):
            conn.setblocking(True)
            conn.sendall(json.dumps(message).encode() + b"\n")
            conn.setblocking(False)

    def _drop(self, conn: socket.socket) -> None:
        self.buffers.pop(conn, None)
        for pid, owner in list(self.kernels.items()):
            if owner is conn:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(KeyError, ValueError):
            self.selector.unregister(conn)
        conn.close()

    def _reap(self) -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            conn = self.kernels.pop(pid, None)
            if conn is not None:
                self._reply(conn, {"exit": os.waitstatus_to_exitcode(status)})
                with contextlib.suppress(KeyError, ValueError):
                    self.selector.unregister(conn)
                conn.close()

    def _kill_all(self) -> None:
        for pid in list(self.kernels):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 5
        while self.kernels and time.monotonic() < deadline:
            self._reap()
            time.sleep(0.05)
        for pid in list(self.kernels):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self._reap()


def run_forker(socket_path: Path, *, preload_names: Sequence[str] = PRELOAD) -> None:
    """Preload, listen on `socket_path` (owner only), fork kernels until SIGTERM or SIGINT."""
    # ipykernel's own kernelspec sets this (debugpy warns about frozen modules otherwise)
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    preload(preload_names)
    staging = socket_path.with_name(f".{socket_path.name}.{os.getpid()}")
    for stale in (socket_path, staging):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old_mask = os.umask(0o077)
    try:
        listener.bind(str(staging))
    finally:
        os.umask(old_mask)
    listener.listen(64)
    os.replace(staging, socket_path)  # the path appears only once it listens
    try:
        _Forker(listener).run()
    finally:
        listener.close()
        with contextlib.suppress(FileNotFoundError):
            socket_path.unlink()


def start_forker(
    socket_path: Path, env: Mapping[str, str], *, wait: float = 60.0
) -> subprocess.Popen[bytes]:
    """Start the forker in its own session and wait until it listens (its imports done).

    Raises RuntimeError if it exits or does not listen within `wait` seconds; the
    caller then serves without it (kernels start the ordinary way).
    """
    with contextlib.suppress(FileNotFoundError):
        socket_path.unlink()
    process = subprocess.Popen(
        [sys.executable, "-m", "safeshare.course.kernel_forker", str(socket_path)],
        env=dict(env),
        start_new_session=True,
    )
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the kernel forker exited with status {process.returncode}")
        if socket_path.exists():
            return process
        time.sleep(0.05)
    process.kill()
    process.wait()
    raise RuntimeError(f"the kernel forker did not start within {wait:.0f} s")


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m safeshare.course.kernel_forker SOCKET`."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m safeshare.course.kernel_forker SOCKET", file=sys.stderr)
        return 2
    run_forker(Path(args[0]))
    return 0


if __name__ == "__main__":  # pragma: no cover - a process of its own
    sys.exit(main())
