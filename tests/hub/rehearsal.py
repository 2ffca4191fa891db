"""A whole rehearsal set up as a facilitator would: accounts, the course, the cases, the hub.

Shared by tests/hub and benchmarks/bench_hub_load.py. Everything lives in a
fresh folder under /tmp (mode 755, so learners' accounts can reach it) and is
removed afterwards, with the accounts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.assignments.graded_course import ITEMS
from tests.assignments.nbgrader_course import FIXED_SECRET, make_course
from tests.hub.harness import REPO, Hub, HubAccounts, home_of, running_hub

__all__ = ["RUNUSER", "Rehearsal", "rehearsal", "run_as"]

RUNUSER = shutil.which("runuser") or "/usr/sbin/runuser"


@dataclass
class Rehearsal:
    """A running hub with its learners, its educator and their folders."""

    hub: Hub
    root: Path
    learners: list[str]
    educator: str
    user_env: Path
    course: Path
    """The educator's nbgrader course folder, in their home (the demo assignment released)."""

    @property
    def data(self) -> Path:
        """The learners' folders (SAFESHARE_DATA/learners)."""
        return self.root / "data" / "learners"

    @property
    def secret_file(self) -> Path:
        return home_of(self.educator) / ".config" / "safeshare" / "secrets" / "safeshare.secret"


class SetupError(RuntimeError):
    """The machine cannot hold a rehearsal (the message says why)."""


def user_env(root: Path, probe_user: str) -> Path:
    """The Python environment servers run in.

    This one, if every account can run it; else a stand-in for TLJH's user
    environment: Debian's python3 of the same version, seeing this environment's
    packages, with its console scripts (nbgrader, alembic, safeshare) pointed at it.
    """
    can_run = subprocess.run(
        [RUNUSER, "-u", probe_user, "--", sys.executable, "-c", "import safeshare"],
        capture_output=True,
        check=False,
    )
    if can_run.returncode == 0:
        _check_reachable(Path(sys.prefix), probe_user)
        return Path(sys.prefix)
    python = Path(f"/usr/bin/python{sys.version_info.major}.{sys.version_info.minor}")
    if not python.exists():
        raise SetupError(
            f"learners' accounts cannot run {sys.executable} (a parent folder is private) "
            f"and there is no {python} to stand in: install the project where every account "
            "can read it (as TLJH's /opt/tljh/user)"
        )
    env = root / "user-env"
    subprocess.run([str(python), "-m", "venv", "--without-pip", str(env)], check=True)
    site = next((env / "lib").glob("python3*/site-packages"))
    ours = next(Path(sys.prefix, "lib").glob("python3*/site-packages"))
    (site / "safeshare-user-env.pth").write_text(
        f"import site; site.addsitedir({str(ours)!r})\n", encoding="utf-8"
    )
    for shared in ("etc", "share"):  # server extensions and lab extensions (the widget's JS)
        (env / shared).symlink_to(Path(sys.prefix) / shared)
    bin_dir = Path(sys.prefix, "bin")
    for script in bin_dir.iterdir():
        target = env / "bin" / script.name
        if target.exists() or not script.is_file():
            continue
        head, _, rest = script.read_bytes().partition(b"\n")
        if head.startswith(b"#!") and Path(head[2:].decode().strip()).parent == bin_dir:
            target.write_bytes(f"#!{env / 'bin' / 'python'}\n".encode() + rest)
            target.chmod(0o755)
    _check_reachable(env, probe_user)
    return env


def _check_reachable(env: Path, probe_user: str) -> None:
    """Learners' servers import safeshare from this checkout and read deploy/hub/jupyter."""
    probe = (
        "import safeshare, pathlib; "
        f"pathlib.Path({str(REPO / 'deploy' / 'hub' / 'jupyter' / 'nbgrader_config.py')!r})"
        ".read_text()"
    )
    done = subprocess.run(
        [RUNUSER, "-u", probe_user, "--", str(env / "bin" / "python"), "-c", probe],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SetupError(
            f"a learner's account cannot read this checkout ({REPO}): {done.stderr[-300:]}; "
            "clone it where every account can read it (a parent folder is private)"
        )


def run_as(user: str, setting: Rehearsal, *command: str, cwd: Path | None = None) -> str:
    """Run a command as `user`, in the environment their server would give them."""
    home = home_of(user)
    env = {
        "HOME": str(home),
        "USER": user,
        "PATH": f"{setting.user_env / 'bin'}:/usr/bin:/bin",
        "SAFESHARE_DATA": str(setting.root / "data"),
        "SAFESHARE_CACHE": str(home / ".cache" / "safeshare"),
        "SAFESHARE_EXCHANGE": str(setting.root / "exchange"),
        "SAFESHARE_COURSE_ID": "safeshare",
        "JUPYTER_CONFIG_PATH": str(REPO / "deploy" / "hub" / "jupyter"),
        "PYTHONPATH": str(REPO),
    }
    done = subprocess.run(
        [RUNUSER, "-u", user, "--", *command],
        cwd=cwd or home,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if done.returncode != 0:
        raise AssertionError(f"{' '.join(command)} as {user} failed:\n{done.stdout}{done.stderr}")
    return done.stdout + done.stderr


def _share_cases(cache: Path) -> None:
    """Module 00's cases, rendered (or found) in this run's cache, copied into the hub's
    shared cache: what prepare.sh does with `prepare_cases()` for the whole course."""
    from safeshare.cases.cache import cache_dir, rendered_case
    from safeshare.course.modules import COURSE_SEED, module

    for case in module("00").cases:
        folder = rendered_case(case, seed=COURSE_SEED)
        shutil.copytree(folder, cache / folder.relative_to(cache_dir().parent))


def _educators_course(home: Path, educator: str) -> Path:
    """The demo course in the educator's home, their secret beside it (mode 600)."""
    secret_file = home / ".config" / "safeshare" / "secrets" / "safeshare.secret"
    secret_file.parent.mkdir(parents=True)
    secret_file.write_text(FIXED_SECRET + "\n", encoding="ascii")
    secret_file.chmod(0o600)
    course = make_course(home / "course", items=ITEMS)
    subprocess.run(["chown", "-R", f"{educator}:{educator}", str(home)], check=True)
    return course.root


@contextmanager
def rehearsal(
    roles: Sequence[str], *, extra_env: dict[str, str] | None = None
) -> Iterator[Rehearsal]:
    """Accounts for `roles` (learners) and one educator, the course, the cases, and the hub."""
    root = Path(tempfile.mkdtemp(prefix="safeshare-hub-", dir="/tmp"))
    os.chmod(root, 0o755)
    tag = f"ss{os.getpid() % 100000}"
    accounts = HubAccounts(prefix=tag, home=root / "home", group=f"{tag}fac")
    (root / "home").mkdir(mode=0o755)
    subprocess.run(["groupadd", accounts.group], check=True, capture_output=True)
    try:
        learners = [accounts.add(role) for role in roles]
        educator = accounts.add("edu", facilitator=True)
        env = user_env(root, learners[0])
        shutil.copytree(REPO / "course", root / "course", ignore=shutil.ignore_patterns("*.md"))
        _share_cases(root / "cache")
        subprocess.run(["chmod", "-R", "a+rX,go-w", str(root / "cache"), str(root / "course")])
        course = _educators_course(home_of(educator), educator)
        with running_hub(
            root,
            learners=learners,
            educators=[educator],
            group=accounts.group,
            extra_env={"SAFESHARE_HUB_USER_ENV": str(env), **(extra_env or {})},
        ) as hub:
            setting = Rehearsal(hub, root, learners, educator, env, course)
            for step in ("generate_assignment", "release_assignment"):
                run_as(educator, setting, "nbgrader", step, "demo", cwd=course)
            yield setting
    finally:
        accounts.remove()
        shutil.rmtree(root, ignore_errors=True)
