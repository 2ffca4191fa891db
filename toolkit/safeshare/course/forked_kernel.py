"""The course kernelspec's command: a kernel forked by the course's forker, or an ordinary one.

Voila (jupyter_client) starts `python -m safeshare.course.forked_kernel -f
CONNECTION_FILE` as the kernel process. With $SAFESHARE_KERNEL_FORKER set and
the forker listening, it asks for a fork that becomes the kernel, then stands
in for it: signals the server sends (interrupt, terminate) are passed on, and
it exits with the kernel's status when the kernel exits. Killed outright, it
takes the kernel with it (the forker kills a kernel whose launcher is gone).
Without a forker it replaces itself with ipykernel's own launcher, so the
course works exactly as before.

This module imports only the standard library: it starts in about 20 ms.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import sys
from collections.abc import Sequence
from types import FrameType

__all__ = ["main"]

_FORKER_ENV = "SAFESHARE_KERNEL_FORKER"  # kernel_forker.FORKER_ENV, not imported: it is heavy
_FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1)


def _ordinary_kernel(argv: Sequence[str]) -> None:
    """Become ipykernel's launcher (never returns)."""
    os.execv(sys.executable, [sys.executable, "-m", "ipykernel_launcher", *argv])


def _connect(path: str) -> socket.socket | None:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(path)
    except OSError:
        sock.close()
        return None
    return sock


def _read_line(stream: socket.socket, pending: bytearray) -> dict[str, object] | None:
    """The next JSON line from the forker, or None once it has closed."""
    while b"\n" not in pending:
        try:
            chunk = stream.recv(4096)
        except InterruptedError:
            continue
        if not chunk:
            return None
        pending.extend(chunk)
    line, _, rest = bytes(pending).partition(b"\n")
    pending[:] = rest
    message = json.loads(line)
    return message if isinstance(message, dict) else None


def _stand_in(sock: socket.socket, pid: int, pending: bytearray) -> int:
    """Pass signals to the kernel until the forker says it exited; its exit status."""

    def forward(signum: int, _frame: FrameType | None) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signum)

    for sig in _FORWARDED:
        signal.signal(sig, forward)
    message = _read_line(sock, pending)
    if message is None:  # the forker is gone: so must the kernel be
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        return 1
    status = message.get("exit", 1)
    return status if isinstance(status, int) and status >= 0 else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Fork a kernel through the forker and stand in for it; fall back to an ordinary kernel."""
    args = list(sys.argv[1:] if argv is None else argv)
    path = os.environ.get(_FORKER_ENV, "")
    sock = _connect(path) if path else None
    if sock is None:
        _ordinary_kernel(args)
        return 1  # pragma: no cover - execv does not return
    request = {"argv": args, "cwd": os.getcwd(), "env": dict(os.environ)}
    pending = bytearray()
    try:
        sock.sendall(json.dumps(request).encode() + b"\n")
        answer = _read_line(sock, pending)
    except OSError:
        answer = None
    if answer is None or not isinstance(answer.get("pid"), int):
        sock.close()
        _ordinary_kernel(args)
        return 1  # pragma: no cover
    pid = answer["pid"]
    assert isinstance(pid, int)
    try:
        return _stand_in(sock, pid, pending)
    finally:
        sock.close()


if __name__ == "__main__":  # pragma: no cover - the kernel process
    sys.exit(main())
