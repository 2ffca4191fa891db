"""The board: detection rates, most missed, false alarms, decisions, prompts, heatmaps, names."""

from __future__ import annotations

from pathlib import Path

from safeshare.dashboard import Board, Pseudonyms
from safeshare.dashboard.html import case_html, names_html, overview_html, problems_html
from tests.dashboard.room import NAMES, case_key


def test_detection_rate_of_each_finding_counts_the_learners_who_found_it(
    room: tuple[Path, list[str]], tmp_path: Path
) -> None:
    root, codes = room
    key = case_key()
    state = Board(root, tmp_path / "pictures").refresh()
    [panel] = state.cases
    stats = panel.stats
    assert stats.answered == len(codes)
    n_findings = len(key.findings)
    for j, rate in enumerate(stats.findings):
        # learner n marked the first (n mod findings) + 1 findings
        expected = sum(1 for n in range(len(codes)) if n % n_findings + 1 > j)
        assert (rate.finding_id, rate.found) == (key.findings[j].id, expected)
    assert stats.most_missed()[0].finding_id == key.findings[-1].id


def test_false_alarms_and_decisions_are_counted(
    room: tuple[Path, list[str]], tmp_path: Path
) -> None:
    root, codes = room
    [panel] = Board(root, tmp_path / "pictures").refresh().cases
    stats = panel.stats
    decoy_markers = sum(1 for n in range(len(codes)) if n % 3 == 0)
    assert stats.alarms[0].decoy and stats.alarms[0].learners == decoy_markers
    assert stats.decisions["Share after de-identification"] == 4
    assert stats.decisions["Do not share"] == 4
    assert stats.decisions["Share as it stands"] == 0
    assert stats.expected_decision == "Share after de-identification"
    assert any("split" in p for p in panel.prompts)
    assert any("look-alike" in p for p in panel.prompts)


def test_heatmap_is_drawn_and_redrawn_only_when_answers_change(
    room: tuple[Path, list[str]], tmp_path: Path
) -> None:
    root, _ = room
    board = Board(root, tmp_path / "pictures")
    [panel] = board.refresh().cases
    [picture] = panel.heatmaps
    assert picture.read_bytes()[:3] == b"\xff\xd8\xff"  # a JPEG
    drawn = picture.stat().st_mtime_ns
    [again] = board.refresh().cases
    assert again.heatmaps == (picture,) and picture.stat().st_mtime_ns == drawn


def test_learners_are_pseudonyms_unless_the_facilitator_opts_in(
    room: tuple[Path, list[str]], tmp_path: Path
) -> None:
    root, codes = room
    board = Board(root, tmp_path / "pictures")
    hidden = board.refresh()
    page = overview_html(hidden) + names_html(hidden) + case_html(hidden.cases[0])
    assert not any(name in page or code in page for name, code in zip(NAMES, codes, strict=False))
    assert sorted(r.label for r in hidden.rows) == sorted(board.pseudonyms(c) for c in codes)
    board.show_names = True
    shown = board.refresh()
    table = names_html(shown)
    assert "Dr Ada Quill" in table and "for your eyes only" in table


def test_pseudonyms_are_stable_distinct_and_unguessable_across_sessions() -> None:
    first, second = Pseudonyms(), Pseudonyms()
    codes = [f"learner-{n}" for n in range(200)]
    labels = [first(c) for c in codes]
    assert len(set(labels)) == len(codes)
    assert [first(c) for c in codes] == labels
    assert [second(c) for c in codes] != labels


def test_learner_text_is_escaped(room: tuple[Path, list[str]], tmp_path: Path) -> None:
    root, codes = room
    import json

    path = root / "learners" / codes[0] / "progress.json"
    data = json.loads(path.read_text("utf-8"))
    data["learner"]["name"] = "<script>alert(1)</script>"
    path.write_text(json.dumps(data), encoding="utf-8")
    board = Board(root, tmp_path / "pictures", show_names=True)
    table = names_html(board.refresh())
    assert "<script>" not in table and "&lt;script&gt;" in table


def test_an_unreadable_answer_is_listed_without_a_name_and_the_rest_counted(
    room: tuple[Path, list[str]], tmp_path: Path
) -> None:
    root, codes = room
    bad = root / "learners" / codes[0] / "answers" / "00" / "E01.json"
    bad.write_text("{not json", encoding="utf-8")
    board = Board(root, tmp_path / "pictures")
    state = board.refresh()
    assert state.cases[0].stats.answered == len(codes) - 1
    html = problems_html(state)
    assert codes[0] not in html and board.pseudonyms(codes[0]) in html
    assert "answers/00/E01.json" in html


def test_an_empty_room_has_nothing_to_show(tmp_path: Path) -> None:
    state = Board(tmp_path / "data", tmp_path / "pictures").refresh()
    assert state.learners == 0 and state.cases == () and state.problems == ()
