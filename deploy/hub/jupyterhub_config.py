"""JupyterHub on one machine for a safeshare workshop (The Littlest JupyterHub's shape).

One hub, one Unix account per person, each person's Jupyter server started as
that account (LocalProcessSpawner, the hub running as root). Learners land on
the course in Voila (they never see code); educators and facilitators land in
JupyterLab. Laid out under $SAFESHARE_HUB_ROOT (default /srv/safeshare):

    course/      the course notebooks, read-only; each learner gets a fresh copy in
                 ~/course at every start (their server's root is their home, so nbgrader's
                 Assignments tab fetches into it)
    cache/       the rendered cases, prepared once by `deploy/hub/prepare.sh`, read-only
    data/learners/<user>/
                 each learner's progress and answers: owned by the learner, group
                 $SAFESHARE_HUB_FACILITATORS (read-only to them), mode 2750; no other
                 learner can enter it
    exchange/    nbgrader's exchange (mode 1777; nbgrader keeps inbound write-only)
    jupyter/     this folder's jupyter/ (server and nbgrader settings for every server)

The educator's nbgrader course folder and course secret stay in the educator's
own home (mode 700), never under the hub root.

Settings, all from the environment so one file serves a VM, a rehearsal and the test:

    SAFESHARE_HUB_ROOT         the folder above
    SAFESHARE_HUB_IP, _PORT    where the hub listens (127.0.0.1:8000; a VM puts a TLS
                               proxy such as Caddy or nginx in front)
    SAFESHARE_HUB_EDUCATORS    comma-separated accounts that are admins and facilitators
    SAFESHARE_HUB_LEARNERS     a file with one learner account per line (allowed users)
    SAFESHARE_HUB_FACILITATORS the Unix group that may read learners' folders
                               (default safeshare-facilitators)
    SAFESHARE_HUB_AUTH         pam (default: the machine's accounts) or dummy, for a
                               rehearsal on loopback only, with SAFESHARE_HUB_PASSWORD
    SAFESHARE_HUB_CULL_AFTER   seconds before an idle learner server is stopped (3600)
    SAFESHARE_HUB_PROXY        the configurable-http-proxy command (default: the one
                               `npm ci` installed in deploy/proxy/)
    SAFESHARE_HUB_USER_ENV     the Python environment people's servers run in (default:
                               the hub's); every account must be able to read and run it
"""

from __future__ import annotations

import grp
import os
import pwd
import sys
from pathlib import Path

c = get_config()  # type: ignore[name-defined]  # noqa: F821 - provided by JupyterHub

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
ROOT = Path(os.environ.get("SAFESHARE_HUB_ROOT", "/srv/safeshare"))
COURSE = ROOT / "course"
CACHE = ROOT / "cache"
DATA = ROOT / "data"
EXCHANGE = ROOT / "exchange"
JUPYTER_CONFIG = HERE / "jupyter"
DASHBOARD = REPO / "deploy" / "dashboard" / "facilitator-dashboard.ipynb"
TEMPLATES = REPO / "toolkit" / "safeshare" / "course" / "jupyter"
FACILITATORS = os.environ.get("SAFESHARE_HUB_FACILITATORS", "safeshare-facilitators")
EDUCATORS = {n.strip() for n in os.environ.get("SAFESHARE_HUB_EDUCATORS", "").split(",") if n}
LEARNERS_FILE = os.environ.get("SAFESHARE_HUB_LEARNERS", "")
COURSE_ID = os.environ.get("SAFESHARE_COURSE_ID", "safeshare")
START_PAGE = "/voila/render/course/00-start-here.ipynb"
USER_ENV = Path(os.environ.get("SAFESHARE_HUB_USER_ENV", sys.prefix))
"""The Python environment people's servers run in (TLJH's /opt/tljh/user): safeshare installed
in it and readable by every account (the hub's own environment may not be)."""
BIN = USER_ENV / "bin"

# --- where the hub listens ---------------------------------------------------------
ip = os.environ.get("SAFESHARE_HUB_IP", "127.0.0.1")
c.JupyterHub.bind_url = f"http://{ip}:{os.environ.get('SAFESHARE_HUB_PORT', '8000')}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ.get("SAFESHARE_HUB_API_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = (
    f"http://127.0.0.1:{os.environ.get('SAFESHARE_HUB_PROXY_API_PORT', '8001')}"
)
c.ConfigurableHTTPProxy.command = [
    os.environ.get(
        "SAFESHARE_HUB_PROXY",
        str(REPO / "deploy" / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy"),
    )
]
# The hub's database and cookie secret live under the hub root, so a restart keeps
# everyone's accounts and sessions; servers outlive a hub restart.
state = ROOT / "hub"
state.mkdir(parents=True, exist_ok=True)
os.chmod(state, 0o700)
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = False
c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
c.JupyterHub.pid_file = str(state / "hub.pid")

# --- who may log in -----------------------------------------------------------------
auth = os.environ.get("SAFESHARE_HUB_AUTH", "pam")
if auth == "dummy":
    if ip not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(
            "SAFESHARE_HUB_AUTH=dummy lets anyone in with the shared password: it is for a "
            "rehearsal on this machine only; set SAFESHARE_HUB_IP=127.0.0.1 or use pam"
        )
    c.JupyterHub.authenticator_class = "dummy"
    c.DummyAuthenticator.password = os.environ["SAFESHARE_HUB_PASSWORD"]
else:
    c.JupyterHub.authenticator_class = "pam"
learners: set[str] = set()
if LEARNERS_FILE:
    lines = Path(LEARNERS_FILE).read_text(encoding="utf-8").splitlines()
    learners = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
c.Authenticator.allowed_users = learners | EDUCATORS
c.Authenticator.admin_users = set(EDUCATORS)

# --- each person's server -----------------------------------------------------------
c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
c.Spawner.cmd = [str(BIN / "python"), "-m", "jupyterhub.singleuser"]
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.mem_limit = os.environ.get("SAFESHARE_HUB_MEM_LIMIT", "1G")  # reported to servers
c.Spawner.environment = {
    "SAFESHARE_DATA": str(DATA),
    "SAFESHARE_CACHE": str(CACHE),
    "SAFESHARE_EXCHANGE": str(EXCHANGE),
    "SAFESHARE_COURSE_ID": COURSE_ID,
    "JUPYTER_CONFIG_PATH": str(JUPYTER_CONFIG),
    "JUPYTER_PATH": str(TEMPLATES),
    "PATH": f"{BIN}:/usr/local/bin:/usr/bin:/bin",
}


def _ensure_dir(path: Path, mode: int, uid: int = 0, gid: int = 0) -> None:
    path.mkdir(parents=True, exist_ok=True)
    os.chown(path, uid, gid)
    os.chmod(path, mode)


def _facilitator_gid() -> int:
    try:
        return grp.getgrnam(FACILITATORS).gr_gid
    except KeyError:
        raise SystemExit(
            f"no Unix group {FACILITATORS!r}: create it with `groupadd {FACILITATORS}` and add "
            "each facilitator (`usermod -aG ...`), or run deploy/hub/prepare.sh"
        ) from None


def _layout() -> None:
    """The shared folders, as the docstring describes (the hub runs as root)."""
    gid = _facilitator_gid()
    for folder in (ROOT, COURSE, CACHE, DATA):
        _ensure_dir(folder, 0o755)
    _ensure_dir(DATA / "learners", 0o751, gid=gid)
    _ensure_dir(EXCHANGE, 0o1777)


def learner_folder(name: str) -> Path:
    """The learner's own folder, as the course names it (safeshare.course.learner)."""
    from safeshare.course.learner import learner_code
    from safeshare.course.learner import learner_folder as folder_of

    return folder_of(learner_code(name), DATA)


def pre_spawn_hook(spawner):  # type: ignore[no-untyped-def]
    """Give each person what they need before their server starts."""
    name = spawner.user.name
    account = pwd.getpwnam(name)
    home = Path(account.pw_dir)
    _ensure_dir(home, 0o700, account.pw_uid, account.pw_gid)
    spawner.notebook_dir = str(home)
    if name in EDUCATORS:
        spawner.default_url = "/lab"
        if DASHBOARD.is_file():
            _give(DASHBOARD, home / DASHBOARD.name, account.pw_uid, account.pw_gid)
        return
    spawner.default_url = START_PAGE
    _copy_course(home / "course", account.pw_uid, account.pw_gid)
    _ensure_dir(learner_folder(name), 0o2750, account.pw_uid, _facilitator_gid())


def _give(source: Path, target: Path, uid: int, gid: int) -> None:
    """Copy a file into a person's folder as root without following a link they planted."""
    if target.is_symlink() or target.exists():
        target.unlink()
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    with os.fdopen(fd, "wb") as out:
        out.write(source.read_bytes())
    os.chown(target, uid, gid)


def _copy_course(target: Path, uid: int, gid: int) -> None:
    """A fresh copy of the course notebooks in the learner's home (the learner's own files)."""
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        target.unlink()
    target.mkdir(exist_ok=True)
    os.chown(target, uid, gid)
    for notebook in sorted(COURSE.glob("*.ipynb")):
        _give(notebook, target / notebook.name, uid, gid)


_layout()
c.Spawner.pre_spawn_hook = pre_spawn_hook

# --- idle servers go away -----------------------------------------------------------
cull_after = int(os.environ.get("SAFESHARE_HUB_CULL_AFTER", "3600"))
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={cull_after}",
            f"--cull-every={max(60, cull_after // 10)}",
        ],
    }
]
