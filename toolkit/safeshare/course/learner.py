"""Who is learning: the name or code a learner gives, and the folder that is theirs alone.

Several learners may share one Voila server, each page in a kernel of its own.
Everything a learner does (progress, reflections, exercise answers) goes under
`learners/<code>/` in the data folder, where the code is a sanitised form of
the name they typed: lower-case letters, digits and hyphens only, so no name
can climb out of its folder or reach another learner's.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import time
import unicodedata
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs

__all__ = [
    "Learner",
    "data_dir",
    "learner_code",
    "learner_folder",
    "learner_from_environment",
    "learners_dir",
    "stored_name",
    "when_requested",
]

_MAX_CODE = 40
_REQUEST_TRIES = 120
"""Attempts a preheated kernel makes to learn its request (each waits up to 5 s to connect)."""
_MAX_NAME = 80


@dataclass(frozen=True, slots=True)
class Learner:
    """A learner as the course knows them."""

    name: str
    """The name or code as typed (trimmed), printed on the certificate."""
    code: str
    """The folder-safe form of the name: [a-z0-9-], at most 40 characters."""

    @classmethod
    def from_name(cls, name: str) -> Learner:
        """A learner from what they typed; ValueError when it is blank."""
        cleaned = " ".join(name.split())[:_MAX_NAME]
        return cls(name=cleaned, code=learner_code(cleaned))

    @property
    def only_code(self) -> bool:
        """True when all we know is the folder code (a course link carries only that)."""
        return self.name == self.code


def learner_code(name: str) -> str:
    """The folder-safe code for a name: 'Dr Anna Smith' -> 'dr-anna-smith'.

    Accents are folded ('Zoë' -> 'zoe'); anything else becomes a hyphen, so
    '../x' or '/etc' cannot name a path. A name with no Latin letter or digit
    (e.g. written in another script) gets a stable code from its hash.
    """
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValueError("give your name or learner code (it cannot be blank)")
    folded = unicodedata.normalize("NFKD", cleaned).encode("ascii", "ignore").decode("ascii")
    code = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:_MAX_CODE].strip("-")
    if not code:
        code = "learner-" + hashlib.sha256(cleaned.encode("utf-8")).hexdigest()[:10]
    return code


def data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The course's data folder: $SAFESHARE_DATA, else ~/.local/share/safeshare."""
    env = os.environ if environ is None else environ
    configured = env.get("SAFESHARE_DATA", "").strip()
    return Path(configured) if configured else Path.home() / ".local" / "share" / "safeshare"


def learners_dir(root: Path | None = None) -> Path:
    """The folder holding one sub-folder per learner."""
    return (root if root is not None else data_dir()) / "learners"


def learner_folder(code: str, root: Path | None = None) -> Path:
    """The learner's own folder (not created). Refuses a code that is not already sanitised."""
    if code != learner_code(code) or code != code.strip():
        raise ValueError(f"not a learner code: {code!r} (use learner_code() on the name first)")
    base = learners_dir(root)
    folder = base / code
    if folder.resolve().parent != base.resolve():  # defence in depth: never leave learners/
        raise ValueError(f"learner code {code!r} does not name a folder inside {base}")
    return folder


def stored_name(code: str, root: Path | None = None) -> str:
    """The name the learner typed, as their progress file keeps it; "" when unknown.

    A course link carries only the folder code (`?learner=zoe-o-briain`), so the
    name with its capitals and accents ("Zoë Ó Briain") comes from the file.
    """
    try:
        path = learner_folder(code, root) / "progress.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        recorded = data["learner"]
        name, saved_code = str(recorded["name"]).strip(), str(recorded["code"])
    except (OSError, ValueError, KeyError, TypeError):
        return ""
    return name if saved_code == code and learner_code(name) == code else ""


def learner_from_environment(environ: Mapping[str, str] | None = None) -> Learner | None:
    """The learner when the page already says who it is, else None.

    In order: `?learner=` in the Voila page address (module 00 links carry it),
    $SAFESHARE_LEARNER (tests, a single-user machine), $JUPYTERHUB_USER (a hub).
    When only a folder code is given, the name the learner typed is looked up
    in their progress file, so it survives every link and reload.
    """
    env = os.environ if environ is None else environ
    query = parse_qs(env.get("QUERY_STRING", ""))
    candidates = [*query.get("learner", [])[:1], env.get("SAFESHARE_LEARNER", "")]
    candidates.append(env.get("JUPYTERHUB_USER", ""))
    for candidate in candidates:
        if candidate.strip():
            learner = Learner.from_name(candidate)
            if learner.only_code:
                typed = stored_name(learner.code, data_dir(env))
                if typed:
                    return Learner(name=typed, code=learner.code)
            return learner
    return None


def when_requested(
    callback: Callable[[Learner], None], environ: Mapping[str, str] | None = None
) -> bool:
    """In a preheated Voila kernel, call `callback(learner)` once a learner's page arrives.

    A preheated kernel runs its notebook before anyone asks for it, so the page
    address (`?learner=`) is not known yet; Voila hands it over when a request
    takes the kernel (voila.utils.wait_for_request). That wait runs on a thread,
    so the notebook renders meanwhile. Returns False, and does nothing, in a
    kernel that was not preheated (there the address is known from the start).
    """
    env = os.environ if environ is None else environ
    if env.get("VOILA_PREHEAT") != "True":
        return False

    def wait() -> None:
        from voila.utils import wait_for_request  # type: ignore[import-untyped]

        # Voila's helper gives up when its websocket to the server does not open within
        # 5 s (voila/utils.py, _get_request_info): on a loaded server a preheated kernel
        # then never learns its learner and the page never shows its exercises. The server
        # keeps the request for a kernel that is not listening yet, so asking again works.
        for _ in range(_REQUEST_TRIES):
            os.environ.pop("SERVER_SOFTWARE", None)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "Failed to connect": we try again
                wait_for_request()
            if os.environ.get("SERVER_SOFTWARE", "").startswith("voila"):
                break
            time.sleep(1.0)
        learner = learner_from_environment()
        if learner is not None:
            callback(learner)

    threading.Thread(target=wait, name="voila-request", daemon=True).start()
    return True
