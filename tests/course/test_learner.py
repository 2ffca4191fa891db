"""The learner's code and folder: sanitised, so no learner reaches another's files."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from safeshare.course.learner import (
    Learner,
    data_dir,
    learner_code,
    learner_folder,
    learner_from_environment,
    learners_dir,
    stored_name,
    when_requested,
)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Dr Anna Smith", "dr-anna-smith"),
        ("  anna   smith ", "anna-smith"),
        ("Zoë O'Brien", "zoe-o-brien"),
        ("ST3-042", "st3-042"),
        ("../../etc/passwd", "etc-passwd"),
        ("/root", "root"),
        ("a/b\\c", "a-b-c"),
        ("..", None),
        ("NUL\x00byte", "nul-byte"),
    ],
)
def test_codes_are_folder_safe(name: str, code: str | None) -> None:
    result = learner_code(name)
    if code is not None:
        assert result == code
    assert all(c.isalnum() or c == "-" for c in result)
    assert result and not result.startswith("-") and ".." not in result and "/" not in result


def test_a_name_without_latin_letters_gets_a_stable_hashed_code() -> None:
    first = learner_code("王小明")
    assert first.startswith("learner-") and first == learner_code("王小明")
    assert first != learner_code("李小红")


def test_codes_are_capped_at_forty_characters() -> None:
    assert len(learner_code("x" * 200)) == 40
    assert not learner_code("a" * 39 + "-b").endswith("-")


def test_a_blank_name_is_refused_with_a_clear_message() -> None:
    with pytest.raises(ValueError, match="cannot be blank"):
        learner_code("   ")
    with pytest.raises(ValueError):
        Learner.from_name("")


def test_learner_keeps_the_typed_name_for_the_certificate() -> None:
    learner = Learner.from_name("  Dr   Zoë O'Brien ")
    assert learner.name == "Dr Zoë O'Brien"
    assert learner.code == "dr-zoe-o-brien"


def test_learner_folder_is_inside_learners(tmp_path: Path) -> None:
    folder = learner_folder("anna-smith", tmp_path)
    assert folder == tmp_path / "learners" / "anna-smith"
    assert folder.resolve().parent == learners_dir(tmp_path).resolve()


@pytest.mark.parametrize("bad", ["../x", "Anna Smith", "a/b", "", ".", " a"])
def test_learner_folder_refuses_anything_not_sanitised(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError):
        learner_folder(bad, tmp_path)


def test_two_learners_never_share_a_folder(tmp_path: Path) -> None:
    a = learner_folder(learner_code("Anna Smith"), tmp_path)
    b = learner_folder(learner_code("Anna Smyth"), tmp_path)
    assert a != b and a.parent == b.parent


def test_data_dir_honours_safeshare_data(tmp_path: Path) -> None:
    assert data_dir({"SAFESHARE_DATA": str(tmp_path)}) == tmp_path
    assert data_dir({}) == Path.home() / ".local" / "share" / "safeshare"


def test_learner_from_the_page_address_comes_first() -> None:
    env = {
        "QUERY_STRING": "learner=Anna%20Smith&x=1",
        "SAFESHARE_LEARNER": "someone",
        "JUPYTERHUB_USER": "hubuser",
    }
    learner = learner_from_environment(env)
    assert learner is not None and learner.code == "anna-smith"


def test_learner_from_environment_falls_back_in_order() -> None:
    env = {"QUERY_STRING": "", "SAFESHARE_LEARNER": "", "JUPYTERHUB_USER": "hubuser"}
    learner = learner_from_environment(env)
    assert learner is not None and learner.code == "hubuser"
    learner = learner_from_environment({"SAFESHARE_LEARNER": "Test One"})
    assert learner is not None and learner.code == "test-one"
    assert learner_from_environment({}) is None
    assert learner_from_environment({"QUERY_STRING": "learner=%20%20"}) is None


def test_a_hostile_address_cannot_escape() -> None:
    learner = learner_from_environment({"QUERY_STRING": "learner=..%2F..%2Fetc"})
    assert learner is not None and learner.code == "etc"


def _save_name(root: Path, name: str) -> Learner:
    """A progress file as the course writes it for a learner who typed `name`."""
    from safeshare.course.progress import ProgressStore

    learner = Learner.from_name(name)
    ProgressStore(learner_folder(learner.code, root), learner).record("00", "open")
    return learner


def test_a_link_with_only_the_code_brings_back_the_typed_name(tmp_path: Path) -> None:
    typed = _save_name(tmp_path, "Zoë Ó Briain")
    env = {"SAFESHARE_DATA": str(tmp_path), "QUERY_STRING": f"learner={typed.code}"}
    learner = learner_from_environment(env)
    assert learner == Learner(name="Zoë Ó Briain", code="zoe-o-briain")
    assert stored_name("zoe-o-briain", tmp_path) == "Zoë Ó Briain"


def test_a_code_without_a_progress_file_stays_the_code(tmp_path: Path) -> None:
    env = {"SAFESHARE_DATA": str(tmp_path), "QUERY_STRING": "learner=trial-alice-a"}
    assert learner_from_environment(env) == Learner(name="trial-alice-a", code="trial-alice-a")
    assert stored_name("trial-alice-a", tmp_path) == ""


def test_a_progress_file_naming_someone_else_is_not_believed(tmp_path: Path) -> None:
    folder = learner_folder("anna", tmp_path)
    folder.mkdir(parents=True)
    (folder / "progress.json").write_text(
        '{"learner": {"name": "Bob Jones", "code": "anna"}}', encoding="utf-8"
    )
    assert stored_name("anna", tmp_path) == ""
    (folder / "progress.json").write_text("{damaged", encoding="utf-8")
    assert stored_name("anna", tmp_path) == ""
    assert stored_name("../x", tmp_path) == ""


def test_a_kernel_that_was_not_preheated_does_not_wait_for_a_request() -> None:
    seen: list[Learner] = []
    assert when_requested(seen.append, {"VOILA_PREHEAT": "False"}) is False
    assert when_requested(seen.append, {}) is False
    assert seen == []


def test_a_preheated_kernel_learns_its_learner_even_when_the_server_answers_late(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Voila's own wait gives up at the first failed connection; the page then never showed
    its exercises. Here the server (Voila's real request-info handler) starts listening
    only after the kernel first tried, and the learner still arrives."""
    import asyncio
    import socket
    import threading as th

    from tornado.web import Application
    from voila.request_info_handler import RequestInfoSocketHandler  # type: ignore[import-untyped]

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    kernel_id = "0f0e0d0c-0b0a-4909-8807-060504030201"
    for name, value in {
        "VOILA_PREHEAT": "True",
        "VOILA_APP_PORT": str(port),
        "VOILA_KERNEL_ID": kernel_id,
        "VOILA_SERVER_URL": "/",
    }.items():
        monkeypatch.setenv(name, value)
    for name in ("QUERY_STRING", "SERVER_SOFTWARE", "SAFESHARE_LEARNER", "JUPYTERHUB_USER"):
        monkeypatch.delenv(name, raising=False)
    arrived = th.Event()
    seen: list[Learner] = []

    def callback(learner: Learner) -> None:
        seen.append(learner)
        arrived.set()

    assert when_requested(callback) is True
    time.sleep(2.0)  # the kernel's first attempt meets a closed port
    assert not arrived.is_set()

    loop = asyncio.new_event_loop()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        app = Application([(r"/voila/query/(.*)", RequestInfoSocketHandler)])
        app.listen(port, address="127.0.0.1")
        RequestInfoSocketHandler.send_updates(
            {
                "kernel_id": kernel_id,
                "payload": {"QUERY_STRING": "learner=late-larry", "SERVER_SOFTWARE": "voila/x"},
            }
        )
        loop.run_forever()

    server = th.Thread(target=serve, daemon=True)
    server.start()
    try:
        assert arrived.wait(timeout=60), "the kernel never learned its learner"
        assert seen[0].code == "late-larry"
    finally:
        loop.call_soon_threadsafe(loop.stop)
        server.join(timeout=10)
