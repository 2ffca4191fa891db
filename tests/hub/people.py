"""People at a rehearsal: a learner logs in through the hub's login form and works in a kernel.

A learner's browser does three things this module does with plain HTTP: the
hub's login form (username, password, _xsrf), following the redirects through
the spawn and OAuth to the learner's default URL (the course in Voila), and
running code in a kernel of the learner's own server (the widget's Python side
runs there, as the learner's Unix account). Kernel code goes over the kernel's
websocket with a token the hub mints for that learner.
"""

from __future__ import annotations

import contextlib
import json
import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import requests
import websocket

from tests.hub.harness import PASSWORD, Hub

__all__ = ["KernelError", "Learner", "login"]

PAGE_TIMEOUT = 300.0


class KernelError(RuntimeError):
    """Code sent to a learner's kernel raised: the traceback is the message."""


@dataclass
class Learner:
    """One person logged in to the hub."""

    hub: Hub
    name: str
    session: requests.Session
    page_seconds: float = 0.0
    """Seconds from submitting the login form to the course page, rendered."""
    page: str = ""
    page_url: str = ""
    token: str = ""
    kernel: str = ""
    _ws: Any = field(default=None, repr=False)

    @property
    def server(self) -> str:
        return f"{self.hub.url}/user/{self.name}"

    def _headers(self) -> dict[str, str]:
        if not self.token:
            self.token = self.hub.user_token(self.name)
        return {"Authorization": f"token {self.token}"}

    def page_kernel(self) -> str:
        """The kernel the course page runs in (Voila's page config names it), or ''."""
        found = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', self.page)
        return found.group(1) if found else ""

    def start_kernel(self) -> None:
        """Connect to the page's kernel, as the widget's front end does (a new one if none)."""
        self.kernel = self.page_kernel()
        if not self.kernel:
            reply = requests.post(
                f"{self.server}/api/kernels", headers=self._headers(), timeout=120
            )
            reply.raise_for_status()
            self.kernel = reply.json()["id"]
        url = self.server.replace("http://", "ws://") + f"/api/kernels/{self.kernel}/channels"
        self._ws = websocket.create_connection(url, header=self._headers(), timeout=300)

    def run(self, code: str, *, timeout: float = 300.0) -> str:
        """Run code in the learner's kernel; its printed output, or KernelError."""
        if self._ws is None:
            self.start_kernel()
        msg_id = uuid.uuid4().hex
        self._ws.send(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "username": self.name,
                        "session": uuid.uuid4().hex,
                        "msg_type": "execute_request",
                        "version": "5.3",
                    },
                    "parent_header": {},
                    "metadata": {},
                    "content": {"code": code, "silent": False, "stop_on_error": True},
                    "channel": "shell",
                }
            )
        )
        out: list[str] = []
        error = ""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            msg = json.loads(self._ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["msg_type"]
            if kind == "stream":
                out.append(msg["content"]["text"])
            elif kind == "error":
                error = "\n".join(msg["content"]["traceback"])
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                break
        else:
            raise KernelError(f"{self.name}: no reply in {timeout} s")
        if error:
            raise KernelError(re.sub(r"\x1b\[[0-9;]*m", "", error))
        return "".join(out)

    def assignments(self, action: str, assignment: str, *, course: str = "safeshare") -> None:
        """What the Assignments tab's buttons do: nbgrader's server extension, fetch or submit."""
        reply = requests.post(
            f"{self.server}/assignments/{action}",
            params={"course_id": course, "assignment_id": assignment},
            headers=self._headers(),
            timeout=300,
        )
        reply.raise_for_status()
        result = reply.json()
        if not result.get("success"):
            raise RuntimeError(f"{self.name}: {action} {assignment} failed: {result.get('value')}")

    def close(self) -> None:
        if self._ws is not None:
            with contextlib.suppress(OSError):
                self._ws.close()
            self._ws = None
            self.kernel = ""


def login(hub: Hub, name: str, *, password: str = PASSWORD) -> Learner:
    """Log in through the hub's form and wait for the default page (spawning the server)."""
    session = requests.Session()
    started = time.monotonic()
    form = session.get(f"{hub.url}/hub/login", timeout=60)
    form.raise_for_status()
    xsrf = re.search(r'name="_xsrf"\s+value="([^"]+)"', form.text)
    data = {"username": name, "password": password, **({"_xsrf": xsrf.group(1)} if xsrf else {})}
    reply = session.post(f"{hub.url}/hub/login?next=", data=data, timeout=PAGE_TIMEOUT)
    reply.raise_for_status()
    deadline = started + PAGE_TIMEOUT
    while time.monotonic() < deadline:
        page = session.get(f"{hub.url}/user/{name}/", timeout=PAGE_TIMEOUT)
        if (
            page.status_code == 200
            and ("/voila/render/" in page.url or "/lab" in page.url)
            and "spawn-pending" not in page.url
        ):
            learner = Learner(
                hub=hub, name=name, session=session, page=page.text, page_url=page.url
            )
            learner.page_seconds = time.monotonic() - started
            return learner
        time.sleep(1.0)
    raise RuntimeError(f"{name}: no page in {PAGE_TIMEOUT} s after logging in")
