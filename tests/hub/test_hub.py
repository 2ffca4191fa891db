"""A rehearsal on a real JupyterHub: learners log in, do the course and an assignment; nothing lost.

The hub is deploy/hub/jupyterhub_config.py on 127.0.0.1 with the dummy
authenticator; each learner's server runs as a real Unix account (made with
useradd, removed afterwards), so what one learner cannot read is the
kernel's refusal, not the test's say-so. Steps, in order, as one story:

1. three learners log in through the hub's form and land on module 00 in Voila;
2. each marks case E01 in a kernel of their own server, through the course's
   page and the Exercise widget's code API (the widget's Python side), and a
   learner cannot read another's answers, write into another's folder, or list
   the educator's home;
3. each fetches the graded assignment from the shared exchange, answers it
   (a perfect, a partial and a blank learner) and submits;
4. one learner's server is killed mid-exercise: the mark saved before is
   there, and comes back in the widget when they log in again;
5. the hub restarts: everyone's server, files and session survive;
6. the educator (a facilitator) collects, autogrades and reports: every
   learner is graded right; the dashboard, run as the educator, counts every
   learner, and run as a learner it says it cannot read the others.
"""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.hub.actions import answer_assignment, mark_e01
from tests.hub.harness import home_of, hub_problems
from tests.hub.people import KernelError, Learner, login
from tests.hub.rehearsal import Rehearsal, SetupError, rehearsal, run_as

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("hub")]

REQUIRE = os.environ.get("SAFESHARE_REQUIRE_HUB") == "1"
SHARES = {"a": 1.0, "b": 0.5, "c": 0.0}
"""How much of the graded assignment each learner answers: perfect, partial, blank."""


@pytest.fixture(scope="module")
def room() -> Iterator[Rehearsal]:
    problems = hub_problems()
    if problems:
        if REQUIRE:
            pytest.fail("SAFESHARE_REQUIRE_HUB=1 but: " + "; ".join(problems))
        pytest.skip("no real hub here: " + "; ".join(problems))
    try:
        with rehearsal(list(SHARES)) as setting:
            yield setting
    except SetupError as exc:
        pytest.fail(str(exc))


def _refused(learner: Learner, action: str) -> str:
    """Run an action the learner's account must be refused; the exception's name."""
    reply = learner.run(
        f"try:\n    {action}\n    print('ALLOWED')\nexcept OSError as exc:\n"
        "    print(type(exc).__name__)"
    )
    return reply.strip().splitlines()[-1]


def _board(setting: Rehearsal, user: str) -> str:
    """The dashboard's refresh, run as `user` on the shared (read-only) case cache."""
    code = (
        "from pathlib import Path; import tempfile\n"
        "from safeshare.dashboard import Board\n"
        f"s = Board(Path({str(setting.root / 'data')!r}), Path(tempfile.mkdtemp())).refresh()\n"
        "print(s.learners, [p.stats.answered for p in s.cases], len(s.problems))\n"
        "print([p.message for p in s.problems])"
    )
    cache = f"SAFESHARE_CACHE={setting.root / 'cache'}"
    return run_as(user, setting, "env", cache, "python", "-c", code)


def test_a_rehearsal_loses_nothing_and_keeps_learners_apart(room: Rehearsal) -> None:
    hub, data, educator = room.hub, room.data, room.educator
    a, b, c = room.learners

    # 1. the room logs in together: the default page is module 00 in Voila, no code shown.
    with ThreadPoolExecutor(len(room.learners)) as pool:
        logged_in = pool.map(lambda n: login(hub, n), room.learners)
        people = dict(zip(room.learners, logged_in, strict=True))
    for person in people.values():
        assert urlsplit(person.page_url).path.endswith("/voila/render/course/00-start-here.ipynb")
        assert "Start here" in person.page and "open_module(" not in person.page
        assert person.page_kernel()

    # 2. mark E01 in the page's kernel, as each learner's own account.
    for name, person in people.items():
        reply = mark_e01(person, 2)
        path = Path(str(reply["path"]))
        assert path == data / name / "answers" / "00" / "E01.json"
        assert reply["uid"] == path.stat().st_uid != 0 and reply["marks"] == 2
    other = data / b / "answers" / "00" / "E01.json"
    assert _refused(people[a], f"open({str(other)!r}).read()") == "PermissionError"
    assert _refused(people[a], f"open({str(data / b / 'progress.json')!r}, 'a')") == (
        "PermissionError"
    )
    assert _refused(people[a], f"__import__('os').listdir({str(data)!r})") == "PermissionError"
    educators_home = str(home_of(educator))
    assert _refused(people[a], f"__import__('os').listdir({educators_home!r})") == (
        "PermissionError"
    )
    with pytest.raises(KernelError, match="PermissionError"):  # typing another's name
        people[a].run(
            "from safeshare.course.learner import Learner, data_dir, learner_folder\n"
            "from safeshare.course.progress import ProgressStore\n"
            f"ProgressStore(learner_folder({b!r}, data_dir()), Learner.from_name({b!r}))"
            ".record('00', 'open')"
        )

    # 3. the graded assignment through the shared exchange: perfect, partial, blank.
    for person, share in zip(people.values(), SHARES.values(), strict=True):
        answer_assignment(room, person, share)
    inbound = str(room.root / "exchange" / "safeshare" / "inbound")
    assert _refused(people[a], f"__import__('os').listdir({inbound!r})") == "PermissionError"

    # 4. a server killed mid-exercise: the mark saved before is on disk and comes back.
    mark_e01(people[c], 3)
    pid = hub.server_pid(c)
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    people[c].close()
    hub.api("DELETE", f"/users/{c}/server")
    hub.wait_stopped(c)
    on_disk = json.loads((data / c / "answers" / "00" / "E01.json").read_text("utf-8"))
    assert len(on_disk["findings"]) == 3
    people[c] = login(hub, c)
    restored = people[c].run(
        "from safeshare.course.modules import module\n"
        "from safeshare.course.page import ModulePage\n"
        "from safeshare.widgets import Exercise\n"
        "page = ModulePage(module('00'))\n"
        "print(len(Exercise('E01', seed=1, answers_dir=page.answers_dir()).answer.findings))"
    )
    assert restored.strip().splitlines()[-1] == "3"

    # 5. the hub restarts: servers, files and sessions survive.
    for person in people.values():
        person.close()
    hub.stop()
    hub.start()
    for name, person in people.items():
        reply = person.session.get(f"{hub.url}/user/{name}/api/contents/course", timeout=120)
        assert reply.status_code == 200, (name, reply.status_code)
        assert (data / name / "answers" / "00" / "E01.json").is_file()
        assert (data / name / "progress.json").is_file()

    # 6. the educator collects, autogrades and reports; the dashboard counts everyone.
    course = room.course
    run_as(educator, room, "nbgrader", "collect", "demo", cwd=course)
    run_as(educator, room, "nbgrader", "autograde", "demo", cwd=course)
    run_as(educator, room, "safeshare", "report", ".", "--out", "report", cwd=course)
    grades = run_as(
        educator,
        room,
        "python",
        "-c",
        "from nbgrader.api import Gradebook\n"
        "with Gradebook('sqlite:///gradebook.db') as gb:\n"
        "    for s in gb.students: print(s.id, gb.find_submission('demo', s.id).score)",
        cwd=course,
    )
    scores = {line.split()[0]: float(line.split()[1]) for line in grades.splitlines() if line}
    assert scores[a] == 6.0 and 0.0 < scores[b] < 6.0 and scores[c] == 0.0, scores
    report = (course / "report" / "index.html").read_text("utf-8")
    assert all(name in report for name in room.learners)

    # CPD certificates for everyone, as course/FACILITATOR.md tells the facilitator to.
    for name in room.learners:
        out = course / "certificates" / f"{name}.pdf"
        command = ("safeshare", "certificate", "--name", name, "--out", str(out))
        run_as(educator, room, *command, "--progress-dir", str(room.root / "data"))
        assert out.read_bytes()[:5] == b"%PDF-"

    assert _board(room, educator).splitlines()[0] == "3 [3] 0"
    refused = _board(room, a)
    assert refused.splitlines()[0] == "0 [] 1" and "permission denied" in refused
