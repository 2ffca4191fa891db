"""A real JupyterHub on 127.0.0.1 for the hub test and the load benchmark (a rehearsal).

The hub runs deploy/hub/jupyterhub_config.py, the file a facilitator uses, with the
dummy authenticator (one shared password, loopback only) and, as root, real Unix
accounts made with useradd and removed afterwards, so each learner's server runs
as that learner and the isolation the config promises is the kernel's, not ours.
A small extra config adds one service token the harness uses as the facilitator's
rehearsal script would (create users, mint tokens, stop servers).
"""

from __future__ import annotations

import json
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
CONFIG = REPO / "deploy" / "hub" / "jupyterhub_config.py"
PROXY = REPO / "deploy" / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
PASSWORD = "rehearsal-only"
START_TIMEOUT = 120.0

__all__ = ["Hub", "HubAccounts", "hub_problems", "install_proxy", "running_hub"]


def install_proxy() -> str:
    """Install configurable-http-proxy with `npm ci` (pinned in deploy/proxy); '' or why not."""
    if PROXY.exists():
        return ""
    npm = shutil.which("npm")
    if npm is None:
        return "npm is not installed (apt-get install nodejs npm): no configurable-http-proxy"
    done = subprocess.run(
        [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
        cwd=PROXY.parents[2],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0 or not PROXY.exists():
        return f"npm ci in deploy/proxy failed: {done.stderr.strip()[-400:]}"
    return ""


def hub_problems() -> list[str]:
    """Why a real hub cannot run here (empty when it can)."""
    problems = []
    try:
        import jupyterhub  # noqa: F401
    except ImportError:
        problems.append("jupyterhub is not installed (pip install -e '.[dev]')")
    if os.geteuid() != 0:
        problems.append("not root: the hub needs root to start each learner's server as them")
    for tool in ("useradd", "userdel", "groupadd", "groupdel", "runuser"):
        if shutil.which(tool) is None:
            problems.append(f"{tool} is not installed")
    if not problems and (why := install_proxy()):
        problems.append(why)
    return problems


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class HubAccounts:
    """Unix accounts made for one rehearsal (removed by `remove`)."""

    prefix: str
    home: Path
    group: str
    users: list[str] = field(default_factory=list)

    def add(self, role: str, *, facilitator: bool = False) -> str:
        name = f"{self.prefix}{role}"
        home = self.home / name
        command = ["useradd", "-m", "-d", str(home), "-s", "/bin/sh", "-K", "UMASK=077", name]
        if facilitator:
            command[1:1] = ["-G", self.group]
        subprocess.run(command, check=True, capture_output=True)
        self.users.append(name)
        return name

    def remove(self) -> None:
        for name in self.users:
            subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True, check=False)
            subprocess.run(["userdel", "-r", name], capture_output=True, check=False)
        subprocess.run(["groupdel", self.group], capture_output=True, check=False)


@dataclass
class Hub:
    """A running hub: its public URL, the service token, its folder and log."""

    root: Path
    url: str
    token: str
    env: dict[str, str]
    log: Path
    process: subprocess.Popen[bytes] | None = None

    # --- the hub process -----------------------------------------------------
    def start(self) -> None:
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "jupyterhub", "-f", str(self.root / "rehearsal_config.py")],
                cwd=self.root / "hub",
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the hub exited: {self.log.read_text()[-3000:]}")
            try:
                self.api("GET", "/info")
                return
            except urllib.error.HTTPError as exc:
                if exc.code in (401, 403):
                    raise
                time.sleep(0.5)
                continue
            except (OSError, urllib.error.URLError):
                time.sleep(0.5)
        raise RuntimeError(f"the hub did not answer in {START_TIMEOUT} s: {self.log}")

    def stop(self, *, proxy: bool = True) -> None:
        """Stop the hub (servers keep running: cleanup_servers is off), and the proxy."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None
        if proxy:
            pid_file = self.root / "hub" / "proxy.pid"
            if pid_file.exists():
                with suppress(ValueError, ProcessLookupError):
                    os.kill(int(pid_file.read_text().strip()), signal.SIGTERM)

    # --- the REST API ----------------------------------------------------------
    def api(self, method: str, path: str, body: Any = None, *, token: str = "") -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"{self.url}/hub/api{path}",
            data=data,
            method=method,
            headers={"Authorization": f"token {token or self.token}"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            text = response.read()
        return json.loads(text) if text else None

    def user_token(self, name: str) -> str:
        reply = self.api("POST", f"/users/{name}/tokens", {"note": "rehearsal"})
        return str(reply["token"])

    def server_pid(self, name: str) -> int | None:
        """The pid of a person's running server (from the hub's database of spawner state)."""
        user = self.api("GET", f"/users/{name}?include_stopped_servers=0")
        server = user.get("servers", {}).get("")
        if not server:
            return None
        found = subprocess.run(
            ["pgrep", "-u", name, "-f", "jupyterhub.singleuser"], capture_output=True, text=True
        )
        pids = [int(p) for p in found.stdout.split()]
        return pids[0] if pids else None

    def wait_stopped(self, name: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            user = self.api("GET", f"/users/{name}")
            if not user.get("server") and not user.get("pending"):
                return
            time.sleep(0.5)
        raise RuntimeError(f"{name}'s server did not stop in {timeout} s")


def _rehearsal_config(root: Path, token: str) -> Path:
    path = root / "rehearsal_config.py"
    path.write_text(
        f"""# The deployment's config, plus one service token for the rehearsal script.
load_subconfig({str(CONFIG)!r})  # noqa: F821
c.JupyterHub.services.append({{"name": "rehearsal", "api_token": {token!r}}})
c.JupyterHub.load_roles.append({{
    "name": "rehearsal",
    "scopes": ["admin:users", "admin:servers", "tokens", "access:servers", "list:users",
               "read:users", "read:hub"],
    "services": ["rehearsal"],
}})
""",
        encoding="utf-8",
    )
    return path


@contextmanager
def running_hub(
    root: Path,
    *,
    learners: Sequence[str],
    educators: Sequence[str],
    group: str,
    extra_env: dict[str, str] | None = None,
) -> Iterator[Hub]:
    """A hub serving `root` (course, cache and data under it), stopped at the end."""
    token = secrets.token_hex(24)
    (root / "hub").mkdir(parents=True, exist_ok=True)
    roster = root / "learners.txt"
    roster.write_text("\n".join(learners) + "\n", encoding="utf-8")
    _rehearsal_config(root, token)
    port = free_port()
    env = {
        **os.environ,
        "SAFESHARE_HUB_ROOT": str(root),
        "SAFESHARE_HUB_AUTH": "dummy",
        "SAFESHARE_HUB_PASSWORD": PASSWORD,
        "SAFESHARE_HUB_PORT": str(port),
        "SAFESHARE_HUB_API_PORT": str(free_port()),
        "SAFESHARE_HUB_PROXY_API_PORT": str(free_port()),
        "SAFESHARE_HUB_EDUCATORS": ",".join(educators),
        "SAFESHARE_HUB_LEARNERS": str(roster),
        "SAFESHARE_HUB_FACILITATORS": group,
        **(extra_env or {}),
    }
    hub = Hub(root=root, url=f"http://127.0.0.1:{port}", token=token, env=env, log=root / "hub.log")
    hub.start()
    try:
        yield hub
    finally:

        def stop_server(name: str) -> None:
            with suppress(OSError, urllib.error.URLError):
                hub.api("DELETE", f"/users/{name}/server")

        with ThreadPoolExecutor(8) as pool:  # each stop may wait for its server
            list(pool.map(stop_server, [*learners, *educators]))
        hub.stop()


def home_of(name: str) -> Path:
    return Path(pwd.getpwnam(name).pw_dir)
